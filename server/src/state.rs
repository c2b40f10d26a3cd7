//! What every handler can reach.
use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use crate::{
    auth::AuthConfig, db::Database, filings::FilingWriter, guidance::search::SearchIndex,
    http::TrustedProxies, security_headers::SecurityConfig,
};

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Database,
    pub leptos_options: LeptosOptions,
    pub security: SecurityConfig,
    pub auth: AuthConfig,
    pub filings: FilingWriter,
    pub search: Arc<SearchIndex>,
    pub trusted_proxies: TrustedProxies,
    pub limits: Limits,
}

/// Operator-set limits on what one client may use.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Accounts registered from one client address in 15 minutes.
    pub registrations_per_address: i64,
    /// Connections served at once; more wait to be accepted.
    pub max_connections: usize,
    /// Time a client has to send a request's headers, and its body.
    pub client_timeout: std::time::Duration,
}

impl FromRef<AppState> for AuthConfig {
    fn from_ref(state: &AppState) -> Self {
        state.auth.clone()
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl FromRef<AppState> for SecurityConfig {
    fn from_ref(state: &AppState) -> Self {
        state.security.clone()
    }
}
