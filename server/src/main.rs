//! `banshui` — the portal server and its operator commands. See `banshui --help`.
use std::process::ExitCode;

use banshui_server::{cli, run};

// glibc's allocator contends on its arena locks under load (measured with perf: ~20% of the
// time in malloc/free on the calculation endpoint); mimalloc keeps per-thread heaps.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match cli::parse() {
        Ok(cli) => cli,
        Err(exit) => return exit,
    };
    run(cli)
}
