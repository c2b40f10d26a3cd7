//! `POST /api/v1/session` (sign in) and `DELETE /api/v1/session` (sign out).
use axum::{
    body::Bytes,
    extract::State,
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use http::Extensions;

use super::accounts::{object_with, optional_text, text_field};
use crate::http::{client_address, parse_json, ApiError};
use crate::{
    accounts::{
        self,
        service::{sign_in, SignIn, SignInError, SignedIn},
    },
    auth::sessions,
    state::AppState,
};

pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    extensions: Extensions,
    body: Bytes,
) -> Response {
    let body = match parse_json(&body) {
        Ok(v) => v,
        Err(e) => return e.into_response(),
    };
    let mut errors = Vec::new();
    let Some(map) = object_with(&body, &["taxpayer_id", "password", "code"], &mut errors) else {
        return ApiError::Invalid(errors).into_response();
    };
    let id = text_field(map, "taxpayer_id", &mut errors);
    let pass = text_field(map, "password", &mut errors);
    let code = optional_text(map, "code", &mut errors);
    if !errors.is_empty() {
        return ApiError::Invalid(errors).into_response();
    }
    let previous = sessions::TAXPAYERS.cookie_secret(&headers);
    let address = client_address(&extensions);
    let attempt = SignIn {
        taxpayer_id: id,
        password: pass,
        address: &address,
        previous_session: previous.as_deref(),
        code,
        user_agent: user_agent(&headers),
    };
    match sign_in(&state.db, &attempt).await {
        Ok(SignedIn {
            taxpayer_id,
            secret,
        }) => {
            let account = accounts::find(&state.db, &taxpayer_id).await.ok().flatten();
            (
                StatusCode::OK,
                [(
                    header::SET_COOKIE,
                    sessions::TAXPAYERS.set_cookie(&state.auth, &secret),
                )],
                Json(serde_json::json!({
                    "taxpayer_id": taxpayer_id,
                    "name": account.as_ref().map(|a| a.name.clone()),
                    "kind": account.map(|a| a.kind),
                    "session_idle_seconds": state.auth.idle_secs,
                })),
            )
                .into_response()
        }
        Err(e) => refused(e, ApiError::InvalidCredentials).into_response(),
    }
}

/// A refused sign-in as the API answers it (`credentials`: the realm's one message for a wrong
/// name or password).
pub fn refused(e: SignInError, credentials: ApiError) -> ApiError {
    match e {
        SignInError::Credentials => credentials,
        SignInError::Throttled(retry_after) => ApiError::TooManyRequests {
            retry_after,
            code: "too_many_attempts",
        },
        SignInError::SecondFactorRequired => ApiError::SecondFactorRequired,
        SignInError::SecondFactorWrong => ApiError::InvalidSecondFactor,
        SignInError::Store(e) => ApiError::from(e),
    }
}

/// The browser's `User-Agent`, for the session list.
pub fn user_agent(headers: &HeaderMap) -> &str {
    headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

pub async fn delete(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(secret) = sessions::TAXPAYERS.cookie_secret(&headers) {
        if let Err(e) = sessions::TAXPAYERS.end(&state.db, &secret).await {
            return ApiError::from(e).into_response();
        }
    }
    (
        StatusCode::NO_CONTENT,
        [(
            header::SET_COOKIE,
            sessions::TAXPAYERS.clear_cookie(&state.auth),
        )],
    )
        .into_response()
}
