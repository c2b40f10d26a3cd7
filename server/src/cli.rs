//! The command line and the configuration read from the environment.
use std::{net::SocketAddr, path::PathBuf, process::ExitCode};

use clap::{Parser, Subcommand};

use crate::db::DatabaseUrl;

/// Banshui 办税 — taxpayer self-service portal.
///
/// Every setting can be given as an option or through the environment variable named in
/// brackets; the option wins. Invalid settings stop the program with one line on stderr and
/// exit code 2.
#[derive(Debug, Parser)]
#[command(name = "banshui", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub settings: Settings,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply pending database migrations, then serve the portal (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Publish the starter guidance articles that do not exist yet.
    Seed,
    /// Rebuild the search index from the published articles (every running process rebuilds
    /// its own within seconds).
    Reindex,
    /// Manage staff accounts.
    #[command(subcommand)]
    Staff(StaffCommand),
}

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Create a staff account. The password is read from BANSHUI_STAFF_PASSWORD, else asked
    /// for on the terminal.
    Create {
        /// 3–40 characters: a-z, 0-9, '.', '_' or '-'.
        #[arg(long)]
        username: String,
        /// editor (writes drafts), publisher (also publishes), admin (also manages staff).
        #[arg(long, value_parser = ["editor", "publisher", "admin"])]
        role: String,
    },
}

#[derive(Debug, Clone, clap::Args)]
pub struct Settings {
    /// Address and port to listen on.
    #[arg(
        long,
        env = "LEPTOS_SITE_ADDR",
        value_name = "LEPTOS_SITE_ADDR",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    pub site_addr: SocketAddr,

    /// Directory holding the built site (`pkg/` with the hashed JS, WASM and CSS, and the
    /// public assets), as produced by `cargo leptos build --release`.
    #[arg(
        long,
        env = "LEPTOS_SITE_ROOT",
        value_name = "LEPTOS_SITE_ROOT",
        default_value = "target/site",
        global = true
    )]
    pub site_root: PathBuf,

    /// Database: `sqlite://path/to/file.db` (created and migrated on first start) or
    /// `postgres://user@host:port/database`.
    #[arg(
        long,
        env = "DATABASE_URL",
        value_name = "DATABASE_URL",
        default_value = "sqlite://data/banshui.db",
        global = true
    )]
    pub database_url: DatabaseUrl,

    /// The origin users reach the portal at, e.g. `https://banshui.example.cn`. When it is
    /// https, responses carry `Strict-Transport-Security`.
    #[arg(long, env = "BANSHUI_PUBLIC_ORIGIN", value_name = "BANSHUI_PUBLIC_ORIGIN", default_value = "http://127.0.0.1:3000", global = true, value_parser = parse_origin)]
    pub public_origin: String,

    /// Seconds of inactivity after which a session ends (the page warns two minutes before).
    #[arg(long, env = "BANSHUI_SESSION_IDLE_SECS", value_name = "BANSHUI_SESSION_IDLE_SECS", default_value_t = 900, global = true, value_parser = clap::value_parser!(i64).range(10..=86_400))]
    pub session_idle_secs: i64,

    /// Seconds after sign-in at which a session ends whatever happens.
    #[arg(long, env = "BANSHUI_SESSION_MAX_SECS", value_name = "BANSHUI_SESSION_MAX_SECS", default_value_t = 43_200, global = true, value_parser = clap::value_parser!(i64).range(60..=604_800))]
    pub session_max_secs: i64,

    /// Reverse proxies in front of the portal (comma-separated IP addresses). Only from these
    /// is `X-Forwarded-For` believed when the throttles and the audit log name the client.
    #[arg(
        long,
        env = "BANSHUI_TRUSTED_PROXIES",
        value_name = "BANSHUI_TRUSTED_PROXIES",
        value_delimiter = ',',
        global = true
    )]
    pub trusted_proxies: Vec<std::net::IpAddr>,

    /// Staff roles that must use two-step sign-in: `publisher` (publishers and administrators,
    /// the default), `admin`, or `none` (only for test set-ups).
    #[arg(
        long,
        env = "BANSHUI_SECOND_FACTOR_REQUIRED_FROM",
        value_name = "BANSHUI_SECOND_FACTOR_REQUIRED_FROM",
        value_enum,
        default_value = "publisher",
        global = true
    )]
    pub second_factor_required_from: SecondFactorFrom,

    /// Accounts that may be registered from one client address in 15 minutes (a tax office's
    /// service hall behind one address may need more).
    #[arg(long, env = "BANSHUI_REGISTRATIONS_PER_ADDRESS", value_name = "BANSHUI_REGISTRATIONS_PER_ADDRESS", default_value_t = 10, global = true, value_parser = clap::value_parser!(i64).range(1..=1_000_000))]
    pub registrations_per_address: i64,

    /// Connections served at once; further clients wait to be accepted.
    #[arg(long, env = "BANSHUI_MAX_CONNECTIONS", value_name = "BANSHUI_MAX_CONNECTIONS", default_value_t = 1024, global = true, value_parser = parse_max_connections)]
    pub max_connections: usize,

    /// Seconds a client has to send a request's headers, and again its body (then 408).
    #[arg(long, env = "BANSHUI_CLIENT_TIMEOUT_SECS", value_name = "BANSHUI_CLIENT_TIMEOUT_SECS", default_value_t = 15, global = true, value_parser = clap::value_parser!(u64).range(1..=300))]
    pub client_timeout_secs: u64,

    /// Log filter, e.g. `info` or `banshui=debug,tower_http=info` (read from RUST_LOG).
    #[arg(
        long,
        env = "RUST_LOG",
        value_name = "RUST_LOG",
        default_value = "info,sqlx=warn",
        global = true
    )]
    pub log: String,
}

/// From which staff role two-step sign-in is required.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SecondFactorFrom {
    Publisher,
    Admin,
    None,
}

impl SecondFactorFrom {
    pub fn role(self) -> Option<crate::staff::Role> {
        match self {
            SecondFactorFrom::Publisher => Some(crate::staff::Role::Publisher),
            SecondFactorFrom::Admin => Some(crate::staff::Role::Admin),
            SecondFactorFrom::None => None,
        }
    }
}

fn parse_max_connections(value: &str) -> Result<usize, String> {
    match value.parse::<usize>() {
        Ok(n) if (1..=1_000_000).contains(&n) => Ok(n),
        _ => Err("expected a number of connections from 1 to 1000000".into()),
    }
}

fn parse_origin(value: &str) -> Result<String, String> {
    let ok = (value.starts_with("http://") || value.starts_with("https://"))
        && !value
            .trim_end_matches('/')
            .contains(|c: char| c.is_whitespace());
    if ok {
        Ok(value.trim_end_matches('/').to_string())
    } else {
        Err("expected an origin such as https://banshui.example.cn".into())
    }
}

/// Parses the command line; on bad input prints one line and returns exit code 2.
pub fn parse() -> Result<Cli, ExitCode> {
    match Cli::try_parse() {
        Ok(cli) => Ok(cli),
        Err(err) => {
            use clap::error::ErrorKind;
            match err.kind() {
                ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    let _ = err.print();
                    Err(ExitCode::SUCCESS)
                }
                _ => {
                    let rendered = err.render().to_string();
                    let line = rendered
                        .lines()
                        .next()
                        .unwrap_or("error: invalid arguments");
                    eprintln!("banshui: {}", line.trim_start_matches("error: "));
                    Err(ExitCode::from(2))
                }
            }
        }
    }
}
