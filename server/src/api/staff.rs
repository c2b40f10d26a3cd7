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
    accounts::{object_with, optional_text, text_field},
    pagination,
};
use crate::http::{client_address, parse_json, ApiError};
use crate::{
    auth::{sessions::STAFF, StaffMember},
    staff::{
        audit,
        service::{self, StaffSignIn},
        Role,
    },
    state::AppState,
};

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
    let Some(map) = object_with(&body, &["username", "password", "code"], &mut errors) else {
        return ApiError::Invalid(errors).into_response();
    };
    let username = text_field(map, "username", &mut errors);
    let pass = text_field(map, "password", &mut errors);
    let code = optional_text(map, "code", &mut errors);
    if !errors.is_empty() {
        return ApiError::Invalid(errors).into_response();
    }
    let previous = STAFF.cookie_secret(&headers);
    let address = client_address(&extensions);
    let attempt = StaffSignIn {
        username,
        password: pass,
        address: &address,
        previous_session: previous.as_deref(),
        code,
        user_agent: super::session::user_agent(&headers),
    };
    match service::sign_in(&state.db, &attempt).await {
        Ok(s) => (
            StatusCode::OK,
            [(header::SET_COOKIE, STAFF.set_cookie(&state.auth, &s.secret))],
            Json(json!({"username": s.username, "role": s.role.as_str(), "session_idle_seconds": state.auth.idle_secs})),
        )
            .into_response(),
        Err(e) => super::session::refused(e, ApiError::InvalidStaffCredentials).into_response(),
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
