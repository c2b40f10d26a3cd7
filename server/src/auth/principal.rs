//! The caller of a protected endpoint: a taxpayer, identified by a bearer token or by the
//! session cookie. Without either (or with a dead one) the request gets 401.
use axum::{
    extract::FromRequestParts,
    http::{request::Parts, HeaderMap},
};

use super::{sessions, tokens};
use crate::{http::ApiError, state::AppState};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Via {
    /// The session cookie; holds the cookie secret.
    Session(String),
    Token(tokens::Scope),
}

#[derive(Clone, Debug)]
pub struct Principal {
    pub taxpayer_id: String,
    pub via: Via,
    /// Seconds until a session's idle timeout (tokens do not time out).
    pub idle_left: Option<i64>,
}

/// The bearer token of an `Authorization` header, if the header is there at all.
fn bearer(headers: &HeaderMap) -> Option<Option<String>> {
    let value = headers.get(http::header::AUTHORIZATION)?;
    Some(
        value
            .to_str()
            .ok()
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(|t| t.trim().to_string()),
    )
}

impl Principal {
    /// Resolves the caller from request headers; `Ok(None)` when there is no valid credential.
    pub async fn from_headers(
        headers: &HeaderMap,
        state: &AppState,
    ) -> Result<Option<Principal>, sqlx::Error> {
        if let Some(token) = bearer(headers) {
            // An Authorization header that does not verify is a 401, never a fallback to the cookie.
            let Some(token) = token else { return Ok(None) };
            return Ok(tokens::resolve(&state.db, &token)
                .await?
                .map(|(taxpayer_id, scope)| Principal {
                    taxpayer_id,
                    via: Via::Token(scope),
                    idle_left: None,
                }));
        }
        let Some(secret) = sessions::TAXPAYERS.cookie_secret(headers) else {
            return Ok(None);
        };
        Ok(sessions::TAXPAYERS
            .resume(&state.db, &state.auth, &secret)
            .await?
            .map(|live| Principal {
                taxpayer_id: live.holder,
                via: Via::Session(secret),
                idle_left: Some(live.idle_left),
            }))
    }
}

impl FromRequestParts<AppState> for Principal {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let principal = Principal::from_headers(&parts.headers, state)
            .await?
            .ok_or(ApiError::Unauthorized)?;
        // A read-only token reads: anything else is refused, whatever the endpoint.
        let reads = matches!(parts.method, http::Method::GET | http::Method::HEAD);
        if principal.via == Via::Token(tokens::Scope::Read) && !reads {
            return Err(ApiError::Forbidden);
        }
        Ok(principal)
    }
}

/// The taxpayer signed in with the session cookie: managing API tokens (and, later, the
/// account) needs the person, not a program holding a token (403 for a token).
pub struct SessionPrincipal(pub Principal);

impl FromRequestParts<AppState> for SessionPrincipal {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let principal = Principal::from_request_parts(parts, state).await?;
        match principal.via {
            Via::Session(_) => Ok(SessionPrincipal(principal)),
            Via::Token(_) => Err(ApiError::Forbidden),
        }
    }
}
