//! `banshui` — the portal server and its operator commands. See `banshui --help`.
use std::process::ExitCode;

use banshui_server::{cli, run};

fn main() -> ExitCode {
    let cli = match cli::parse() {
        Ok(cli) => cli,
        Err(exit) => return exit,
    };
    run(cli)
}
