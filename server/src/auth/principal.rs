//! The caller of a protected endpoint: a taxpayer, identified by a bearer token or by the
//! session cookie. Without either (or with a dead one) the request gets 401.
use axum::{
    extract::FromRequestParts,
    http::request::Parts,
    response::{IntoResponse, Response},
};

use super::{sessions, tokens};
use crate::{
    api::{api_lang, ApiError},
    state::AppState,
};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Via {
    /// The session cookie; holds the cookie secret.
    Session(String),
    Token,
}

#[derive(Clone, Debug)]
pub struct Principal {
    pub taxpayer_id: String,
    pub via: Via,
    /// Seconds until a session's idle timeout (tokens do not time out).
    pub idle_left: Option<i64>,
}

/// The bearer token of an `Authorization` header, if the header is there at all.
fn bearer(parts: &Parts) -> Option<Option<String>> {
    let value = parts.headers.get(http::header::AUTHORIZATION)?;
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
        parts: &Parts,
        state: &AppState,
    ) -> Result<Option<Principal>, ApiError> {
        if let Some(token) = bearer(parts) {
            // An Authorization header that does not verify is a 401, never a fallback to the cookie.
            let Some(token) = token else { return Ok(None) };
            return Ok(tokens::resolve(&state.db, &token)
                .await?
                .map(|taxpayer_id| Principal {
                    taxpayer_id,
                    via: Via::Token,
                    idle_left: None,
                }));
        }
        let Some(secret) = sessions::TAXPAYERS.cookie_secret(&parts.headers) else {
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
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let lang = api_lang(&parts.headers);
        match Principal::from_headers(parts, state).await {
            Ok(Some(p)) => Ok(p),
            Ok(None) => Err(ApiError::Unauthorized.into_response_in(lang)),
            Err(e) => Err(e.into_response_in(lang)),
        }
        .map_err(IntoResponse::into_response)
    }
}
