//! Cross-site request forgery: a state-changing request (anything but GET, HEAD, OPTIONS) from
//! a browser must come from our own origin. Browsers say where a request comes from in
//! `Sec-Fetch-Site` (all current ones) and `Origin` (all, on POST/PUT/DELETE); a request that
//! names another site gets 403. A request with a bearer token and no session cookie carries no
//! ambient credential and is exempt (a bearer header beside a session cookie exempts nothing:
//! the cookie would still act); programs that send neither header are not browsers and cannot
//! be forged.
use axum::{
    extract::{Request, State},
    http::Method,
    middleware::Next,
    response::{IntoResponse, Response},
};

use super::{sessions::any_session_cookie, AuthConfig};
use crate::http::ApiError;

fn same_origin(origin: &str, request: &Request, config: &AuthConfig) -> bool {
    if origin == config.public_origin {
        return true;
    }
    let host = request
        .headers()
        .get(http::header::HOST)
        .and_then(|h| h.to_str().ok());
    host.is_some_and(|host| {
        origin
            .strip_prefix("http://")
            .or_else(|| origin.strip_prefix("https://"))
            == Some(host)
    })
}

/// Whether the request may change state.
pub fn allowed(request: &Request, config: &AuthConfig) -> bool {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return true;
    }
    let headers = request.headers();
    let bearer = headers
        .get(http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("Bearer ") || v.starts_with("bearer "));
    if bearer && !any_session_cookie(headers) {
        return true;
    }
    if let Some(site) = headers.get("sec-fetch-site") {
        let site = site.to_str().unwrap_or("");
        if site != "same-origin" && site != "none" {
            return false;
        }
    }
    match headers.get(http::header::ORIGIN).map(|o| o.to_str()) {
        None => true,
        Some(Ok(origin)) => same_origin(origin, request, config),
        Some(Err(_)) => false,
    }
}

pub async fn check(State(config): State<AuthConfig>, request: Request, next: Next) -> Response {
    if allowed(&request, &config) {
        next.run(request).await
    } else {
        tracing::warn!(method = %request.method(), uri = %request.uri(), "cross-site request refused");
        ApiError::CrossSite.into_response()
    }
}
