//! Staff sign-in (`POST|DELETE /api/v1/staff/session`), who is signed in
//! (`GET /api/v1/staff/me`) and the audit log (`GET /api/v1/staff/audit`, admin).
use std::collections::HashMap;

use axum::{
    body::Bytes,
    extract::{Query, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use http::Extensions;
use serde_json::json;

use super::{
    accounts::{object_with, text_field},
    pagination,
};
use crate::http::{client_address, parse_json, ApiError};
use crate::{
    auth::{password, sessions::STAFF, throttle, StaffMember},
    staff::{self, audit, Role},
    state::AppState,
};

/// Why a staff sign-in did not work.
pub enum StaffSignInError {
    Credentials,
    Throttled(u64),
    Api(ApiError),
}

impl From<sqlx::Error> for StaffSignInError {
    fn from(e: sqlx::Error) -> Self {
        StaffSignInError::Api(e.into())
    }
}

/// Checks the throttle and the password, starts a new staff session (ending the browser's
/// previous one) and records the sign-in; returns the username, role and cookie secret.
pub async fn sign_in(
    state: &AppState,
    raw_username: &str,
    pass: &str,
    address: &str,
    previous: Option<&str>,
) -> Result<(String, Role, String), StaffSignInError> {
    let (username, hash) = staff::password_hash(&state.db, raw_username).await?;
    let subject = format!("staff:{username}");
    if let Some(wait) = throttle::blocked_for(&state.db, &subject, address).await? {
        return Err(StaffSignInError::Throttled(wait));
    }
    if !password::verify(pass.to_string(), hash).await {
        throttle::record_failure(&state.db, &subject, address).await?;
        return Err(StaffSignInError::Credentials);
    }
    throttle::clear_account(&state.db, &subject).await?;
    let role = staff::role_of(&state.db, &username)
        .await?
        .ok_or(StaffSignInError::Credentials)?;
    let secret = STAFF.start(&state.db, &username, previous).await?;
    audit::record(
        &state.db,
        audit::Action {
            actor: &username,
            action: "sign_in",
            object: format!("staff:{username}"),
            detail: String::new(),
            address,
        },
    )
    .await?;
    Ok((username, role, secret))
}

pub async fn create_session(
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
    let Some(map) = object_with(&body, &["username", "password"], &mut errors) else {
        return ApiError::Invalid(errors).into_response();
    };
    let username = text_field(map, "username", &mut errors);
    let pass = text_field(map, "password", &mut errors);
    if !errors.is_empty() {
        return ApiError::Invalid(errors).into_response();
    }
    let previous = STAFF.cookie_secret(&headers);
    match sign_in(&state, username, pass, &client_address(&extensions), previous.as_deref()).await {
        Ok((username, role, secret)) => (
            StatusCode::OK,
            [(header::SET_COOKIE, STAFF.set_cookie(&state.auth, &secret))],
            Json(json!({"username": username, "role": role.as_str(), "session_idle_seconds": state.auth.idle_secs})),
        )
            .into_response(),
        Err(StaffSignInError::Credentials) => ApiError::InvalidStaffCredentials.into_response(),
        Err(StaffSignInError::Throttled(retry_after)) => {
            ApiError::TooManyRequests { retry_after }.into_response()
        }
        Err(StaffSignInError::Api(e)) => e.into_response(),
    }
}

pub async fn delete_session(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(secret) = STAFF.cookie_secret(&headers) {
        if let Err(e) = STAFF.end(&state.db, &secret).await {
            return ApiError::from(e).into_response();
        }
    }
    (
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, STAFF.clear_cookie(&state.auth))],
    )
        .into_response()
}

pub async fn me(member: StaffMember) -> Response {
    Json(json!({"username": member.username, "role": member.role.as_str()})).into_response()
}

pub async fn audit_log(
    State(state): State<AppState>,
    member: StaffMember,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if let Err(e) = member.require(Role::Admin) {
        return ApiError::from(e).into_response();
    }
    let page = match pagination::page(&query) {
        Ok(p) => p,
        Err(errors) => return ApiError::Invalid(errors).into_response(),
    };
    match audit::page(&state.db, page.limit, page.offset).await {
        Ok((items, more)) => Json(json!({
            "items": items,
            "next_cursor": more.then(|| format!("o{}", page.offset + page.limit)),
        }))
        .into_response(),
        Err(e) => ApiError::from(e).into_response(),
    }
}
