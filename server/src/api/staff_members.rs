//! Staff accounts, managed by administrators: `GET|POST /api/v1/staff/members`,
//! `PUT /api/v1/staff/members/{username}` (`{"role"?, "active"?}`). Every change is audited; an
//! admin cannot change their own account (no locking oneself or everyone out).
use std::collections::HashMap;

use axum::{
    body::Bytes,
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use banshui_engine::Conflict;
use banshui_engine::{filing::password::check_password, ErrorCode, FieldError};
use serde_json::{Map, Value};

use super::{articles::object, pagination};
use crate::http::ApiError;
use crate::{
    auth::StaffMember,
    staff::{self, audit, CreateError, Member, Role},
    state::AppState,
};

fn unknown_keys(map: &Map<String, Value>, allowed: &[&str], errors: &mut Vec<FieldError>) {
    for key in map.keys().filter(|k| !allowed.contains(&k.as_str())) {
        errors.push(FieldError::new(key.clone(), ErrorCode::UnknownField));
    }
}

fn role_field(map: &Map<String, Value>, errors: &mut Vec<FieldError>) -> Option<Role> {
    match map.get("role") {
        None | Some(Value::Null) => None,
        Some(Value::String(r)) => {
            let role = Role::parse(r);
            if role.is_none() {
                errors.push(FieldError::new("role", ErrorCode::InvalidChoice));
            }
            role
        }
        Some(_) => {
            errors.push(FieldError::new("role", ErrorCode::WrongType));
            None
        }
    }
}

/// Creates an account (admin).
pub async fn create_member(
    state: &AppState,
    admin: &StaffMember,
    map: &Map<String, Value>,
) -> Result<Member, ApiError> {
    admin.require(Role::Admin)?;
    let mut errors = Vec::new();
    unknown_keys(map, &["username", "role", "password"], &mut errors);
    let text = |name: &str, errors: &mut Vec<FieldError>| match map.get(name) {
        Some(Value::String(s)) => s.clone(),
        Some(_) => {
            errors.push(FieldError::new(name, ErrorCode::WrongType));
            String::new()
        }
        None => {
            errors.push(FieldError::new(name, ErrorCode::Required));
            String::new()
        }
    };
    let raw = text("username", &mut errors);
    let username = staff::normalize_username(&raw);
    if username.is_none() && map.get("username").is_some_and(Value::is_string) {
        errors.push(FieldError::new("username", ErrorCode::InvalidUsername));
    }
    let role = role_field(map, &mut errors);
    if map.get("role").is_none() {
        errors.push(FieldError::new("role", ErrorCode::Required));
    }
    let pass = text("password", &mut errors);
    if map.get("password").is_some_and(Value::is_string) {
        if let Err(e) = check_password(&pass, username.as_deref().unwrap_or("")) {
            errors.push(e);
        }
    }
    let (Some(username), Some(role), true) = (username, role, errors.is_empty()) else {
        return Err(ApiError::Invalid(errors));
    };
    let username = match staff::create(&state.db, &username, role, &pass).await {
        Ok(u) => u,
        Err(CreateError::Taken(_)) => return Err(ApiError::Conflict(Conflict::UsernameTaken)),
        Err(CreateError::Store(e)) => return Err(e.into()),
        Err(CreateError::Invalid(_) | CreateError::Hashing) => return Err(ApiError::Unavailable),
    };
    audit::record(
        &state.db,
        audit::Action {
            actor: &admin.username,
            action: "create_staff",
            object: format!("staff:{username}"),
            detail: format!("role {}", role.as_str()),
            address: &admin.address,
        },
    )
    .await?;
    staff::find(&state.db, &username)
        .await?
        .ok_or(ApiError::Unavailable)
}

/// Changes another account's role or whether it is active (admin).
pub async fn change_member(
    state: &AppState,
    admin: &StaffMember,
    username: &str,
    map: &Map<String, Value>,
) -> Result<Member, ApiError> {
    admin.require(Role::Admin)?;
    let username = username.trim().to_lowercase();
    let before = staff::find(&state.db, &username)
        .await?
        .ok_or(ApiError::NotFound)?;
    let mut errors = Vec::new();
    unknown_keys(map, &["role", "active"], &mut errors);
    let role = role_field(map, &mut errors);
    let active = match map.get("active") {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(_) => {
            errors.push(FieldError::new("active", ErrorCode::WrongType));
            None
        }
    };
    if !errors.is_empty() {
        return Err(ApiError::Invalid(errors));
    }
    if username == admin.username {
        return Err(ApiError::Conflict(Conflict::CannotChangeSelf));
    }
    staff::change(&state.db, &username, role, active).await?;
    let after = staff::find(&state.db, &username)
        .await?
        .ok_or(ApiError::NotFound)?;
    let active_now = after.disabled_at.is_none();
    audit::record(
        &state.db,
        audit::Action {
            actor: &admin.username,
            action: "change_staff",
            object: format!("staff:{username}"),
            detail: format!(
                "role {} → {}; active {} → {}",
                before.role,
                after.role,
                before.disabled_at.is_none(),
                active_now
            ),
            address: &admin.address,
        },
    )
    .await?;
    Ok(after)
}

pub async fn list(
    State(state): State<AppState>,
    admin: StaffMember,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if let Err(e) = admin.require(Role::Admin) {
        return ApiError::from(e).into_response();
    }
    pagination::respond(&query, staff::list(&state.db), Member::json)
        .await
        .into_response()
}

pub async fn create(State(state): State<AppState>, admin: StaffMember, body: Bytes) -> Response {
    let result = async { create_member(&state, &admin, &object(&body)?).await }.await;
    match result {
        Ok(m) => (StatusCode::CREATED, Json(m.json())).into_response(),
        Err(e) => e.into_response(),
    }
}

pub async fn update(
    State(state): State<AppState>,
    admin: StaffMember,
    Path(username): Path<String>,
    body: Bytes,
) -> Response {
    let result = async { change_member(&state, &admin, &username, &object(&body)?).await }.await;
    match result {
        Ok(m) => Json(m.json()).into_response(),
        Err(e) => e.into_response(),
    }
}
