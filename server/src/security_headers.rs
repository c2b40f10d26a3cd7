//! Security headers on every response, with a fresh CSP nonce per response.
//!
//! The nonce is put into the request's extensions as [`CspNonce`] before the handler runs, so
//! the Leptos shell writes the same value into its `<script nonce>`; then it goes into the
//! `Content-Security-Policy` header of the response.
use axum::{extract::Request, middleware::Next, response::Response};
use banshui_app::CspNonce;
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
use http::{header, HeaderValue};

/// Settings the headers depend on.
#[derive(Clone, Debug)]
pub struct SecurityConfig {
    /// Served over TLS (directly or behind a proxy): add HSTS.
    pub https: bool,
    /// cargo-leptos's live-reload websocket, allowed in development only.
    pub dev_reload_origin: Option<String>,
}

fn new_nonce() -> String {
    let mut bytes = [0u8; 16];
    // A failing OS random source is not recoverable; but never reuse a fixed nonce.
    if getrandom::fill(&mut bytes).is_err() {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        bytes = t.to_le_bytes();
    }
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The policy: scripts only from this origin or carrying the nonce, WASM compilation allowed,
/// no inline styles, no framing, forms only to this origin.
pub fn content_security_policy(nonce: &str, config: &SecurityConfig) -> String {
    let connect = match &config.dev_reload_origin {
        Some(ws) => format!("'self' {ws}"),
        None => "'self'".to_string(),
    };
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src {connect}; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// A session cookie or an `Authorization` header: the answer may be about the caller.
fn carries_credentials(headers: &http::HeaderMap) -> bool {
    headers.contains_key(header::AUTHORIZATION)
        || crate::auth::sessions::any_session_cookie(headers)
}

pub async fn security_headers(
    axum::extract::State(config): axum::extract::State<SecurityConfig>,
    mut request: Request,
    next: Next,
) -> Response {
    let nonce = new_nonce();
    request.extensions_mut().insert(CspNonce(nonce.clone()));
    let credentialed = carries_credentials(request.headers());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    // What a signed-in caller gets is theirs alone: no shared or back-forward cache keeps it.
    // (Responses that chose their own caching, the immutable `/pkg` files, keep theirs.)
    if credentialed && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    if let Ok(csp) = HeaderValue::from_str(&content_security_policy(&nonce, &config)) {
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
    );
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    if config.https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonces_differ_and_are_url_safe() {
        let a = new_nonce();
        let b = new_nonce();
        assert_ne!(a, b);
        assert_eq!(a.len(), 22);
        assert!(a
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    }

    #[test]
    fn policy_has_nonce_and_wasm_but_no_unsafe_inline() {
        let config = SecurityConfig {
            https: false,
            dev_reload_origin: None,
        };
        let csp = content_security_policy("abc", &config);
        assert!(csp.contains("script-src 'self' 'nonce-abc' 'wasm-unsafe-eval'"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-inline"));
    }
}
