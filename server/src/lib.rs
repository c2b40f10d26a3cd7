//! Banshui's server: configuration, storage, HTTP routes and middleware around the Leptos app.
pub mod accounts;
pub mod api;
pub mod app;
pub mod auth;
pub mod benchmarks;
pub mod cli;
pub mod clock;
pub mod consultations;
pub mod db;
pub mod drafts;
pub mod error_page;
pub mod filings;
pub mod guidance;
pub mod http;
mod listen;
mod operator;
pub mod random;
pub mod routes;
pub mod security_headers;
pub mod self_check;
pub mod staff;
pub mod state;
pub mod ui;

use std::{path::PathBuf, process::ExitCode, sync::Arc};

use leptos::config::{Env, LeptosOptions};
use tokio::net::TcpListener;

use crate::{
    auth::AuthConfig,
    cli::{Cli, Command, Settings},
    db::Database,
    filings::FilingWriter,
    guidance::search::SearchIndex,
    security_headers::SecurityConfig,
    state::AppState,
};

/// Runs the command the operator asked for; returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    init_tracing(&cli.settings.log);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(err) => {
            eprintln!("banshui: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match cli.command.unwrap_or(Command::Serve) {
            Command::Migrate => migrate_only(&cli.settings).await,
            Command::Serve => serve(&cli.settings).await,
            Command::Seed => operator::seed(&cli.settings).await,
            Command::Reindex => operator::reindex(&cli.settings).await,
            Command::Staff(staff) => operator::staff(&cli.settings, staff).await,
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("banshui: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing(filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_new(filter)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).try_init();
}

async fn migrate_only(settings: &Settings) -> anyhow::Result<()> {
    let db = Database::connect(&settings.database_url).await?;
    db.migrate().await?;
    tracing::info!("migrations applied");
    Ok(())
}

/// Connects, migrates and builds the application state for these settings.
pub async fn prepare(settings: &Settings) -> anyhow::Result<AppState> {
    let db = Database::connect(&settings.database_url).await?;
    db.migrate().await?;
    let https = settings.public_origin.starts_with("https://");
    // A new portal gets the starter guidance; then the search index is built from what is
    // published and kept in step with the other processes.
    if guidance::articles::count(&db).await? == 0 {
        let added = guidance::seed::seed(&db).await?;
        tracing::info!(added, "starter guidance published");
    }
    let added = benchmarks::seed(&db).await?;
    if added > 0 {
        tracing::info!(added, "indicative industry benchmarks added");
    }
    let search = Arc::new(SearchIndex::default());
    let indexed = search.rebuild(&db).await?;
    tracing::info!(indexed, "search index built");
    spawn_search_refresh(db.clone(), search.clone());
    Ok(AppState {
        search,
        trusted_proxies: http::TrustedProxies(Arc::new(settings.trusted_proxies.clone())),
        limits: state::Limits {
            registrations_per_address: settings.registrations_per_address,
            max_connections: settings.max_connections,
            client_timeout: std::time::Duration::from_secs(settings.client_timeout_secs),
        },
        filings: FilingWriter::start(db.clone()),
        db,
        auth: AuthConfig {
            idle_secs: settings.session_idle_secs,
            max_secs: settings.session_max_secs,
            secure_cookie: https,
            public_origin: settings.public_origin.clone(),
            second_factor_from: settings.second_factor_required_from.role(),
        },
        leptos_options: leptos_options(settings),
        security: SecurityConfig {
            https: settings.public_origin.starts_with("https://"),
            dev_reload_origin: dev_reload_origin(settings),
        },
    })
}

/// Every few seconds, rebuild the search index if another process published or archived.
fn spawn_search_refresh(db: Database, search: Arc<SearchIndex>) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(5));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(err) = search.refresh_if_stale(&db).await {
                tracing::warn!(error = %err, "search index refresh failed");
            }
        }
    });
}

fn is_dev() -> bool {
    std::env::var("LEPTOS_ENV").is_ok_and(|v| v.eq_ignore_ascii_case("dev"))
}

fn dev_reload_origin(settings: &Settings) -> Option<String> {
    is_dev().then(|| format!("ws://{}:3001", settings.site_addr.ip()))
}

/// Leptos's options, built from our settings rather than from Cargo.toml (which does not
/// exist where the binary is deployed).
pub fn leptos_options(settings: &Settings) -> LeptosOptions {
    // cargo-leptos writes the content hashes of the JS, WASM and CSS beside the binary.
    let hash_files = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt")))
        .is_some_and(|path| path.exists());
    LeptosOptions::builder()
        .output_name("banshui")
        .site_root(settings.site_root.to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .site_addr(settings.site_addr)
        .env(if is_dev() { Env::DEV } else { Env::PROD })
        .hash_files(hash_files)
        .build()
}

async fn serve(settings: &Settings) -> anyhow::Result<()> {
    let shutdown = shutdown_signal();
    let state = prepare(settings).await?;
    if !PathBuf::from(&settings.site_root).join("pkg").is_dir() {
        tracing::warn!(
            site_root = %settings.site_root.display(),
            "no pkg/ under the site root: pages render but will not hydrate (run `cargo leptos build --release`)"
        );
    }
    let listener = TcpListener::bind(settings.site_addr)
        .await
        .map_err(|err| anyhow::anyhow!("cannot listen on {}: {err}", settings.site_addr))?;
    tracing::info!("banshui listening on http://{}", settings.site_addr);
    serve_on(listener, state, shutdown).await
}

/// Serves until `shutdown` completes, then lets in-flight requests finish.
pub async fn serve_on(
    listener: TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let limits = state.limits;
    listen::accept_loop(listener, app::router(state), limits, shutdown).await;
    tracing::info!("banshui stopped");
    Ok(())
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM (what service managers send).
pub fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    // The handlers are installed now, not when the future is first polled: a SIGTERM that
    // arrives while the server is still starting up is then a graceful shutdown, not a kill.
    #[cfg(unix)]
    let (interrupt, terminate) = {
        use tokio::signal::unix::{signal, SignalKind};
        (
            signal(SignalKind::interrupt()).ok(),
            signal(SignalKind::terminate()).ok(),
        )
    };
    async move {
        #[cfg(unix)]
        {
            let wait = |s: Option<tokio::signal::unix::Signal>| async move {
                match s {
                    Some(mut s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                () = wait(interrupt) => {},
                () = wait(terminate) => {},
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
        tracing::info!("shutdown signal received; finishing in-flight requests");
    }
}
