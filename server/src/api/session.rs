//! `POST /api/v1/session` (sign in) and `DELETE /api/v1/session` (sign out).
use axum::{
    body::Bytes,
    extract::State,
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use http::Extensions;

use super::accounts::{object_with, text_field};
use crate::http::{client_address, parse_json, ApiError};
use crate::{
    accounts,
    auth::{password, sessions, throttle},
    state::AppState,
};

/// Why signing in did not work.
pub enum SignInError {
    Invalid(Vec<banshui_engine::FieldError>),
    Credentials,
    Throttled(u64),
    Api(ApiError),
}

/// Checks the throttle and the password; on success starts a new session (ending the one
/// the browser had) and returns the taxpayer id and the cookie secret.
pub async fn sign_in(
    state: &AppState,
    raw_id: &str,
    pass: &str,
    address: &str,
    previous: Option<&str>,
) -> Result<(String, String), SignInError> {
    let (id, hash) = accounts::password_hash(&state.db, raw_id)
        .await
        .map_err(|e| SignInError::Api(e.into()))?;
    if let Some(wait) = throttle::blocked_for(&state.db, &id, address)
        .await
        .map_err(|e| SignInError::Api(e.into()))?
    {
        return Err(SignInError::Throttled(wait));
    }
    if !password::verify(pass.to_string(), hash).await {
        throttle::record_failure(&state.db, &id, address)
            .await
            .map_err(|e| SignInError::Api(e.into()))?;
        return Err(SignInError::Credentials);
    }
    throttle::clear_account(&state.db, &id)
        .await
        .map_err(|e| SignInError::Api(e.into()))?;
    let secret = sessions::TAXPAYERS
        .start(&state.db, &id, previous)
        .await
        .map_err(|e| SignInError::Api(e.into()))?;
    Ok((id, secret))
}

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
    let Some(map) = object_with(&body, &["taxpayer_id", "password"], &mut errors) else {
        return ApiError::Invalid(errors).into_response();
    };
    let id = text_field(map, "taxpayer_id", &mut errors);
    let pass = text_field(map, "password", &mut errors);
    if !errors.is_empty() {
        return ApiError::Invalid(errors).into_response();
    }
    let previous = sessions::TAXPAYERS.cookie_secret(&headers);
    match sign_in(
        &state,
        id,
        pass,
        &client_address(&extensions),
        previous.as_deref(),
    )
    .await
    {
        Ok((taxpayer_id, secret)) => {
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
        Err(SignInError::Invalid(errors)) => ApiError::Invalid(errors).into_response(),
        Err(SignInError::Credentials) => ApiError::InvalidCredentials.into_response(),
        Err(SignInError::Throttled(retry_after)) => {
            ApiError::TooManyRequests { retry_after }.into_response()
        }
        Err(SignInError::Api(e)) => e.into_response(),
    }
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
