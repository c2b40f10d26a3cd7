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
use banshui_engine::{ErrorCode, FieldError};
use serde_json::{Map, Value};

use super::{articles::object, pagination};
use crate::http::ApiError;
use crate::{
    auth::StaffMember,
    staff::{
        self,
        service::{self, AddMember, ChangeMember, MemberError},
        Member, Role,
    },
    state::AppState,
};

impl From<MemberError> for ApiError {
    fn from(e: MemberError) -> Self {
        match e {
            MemberError::Invalid(errors) => ApiError::Invalid(errors),
            MemberError::Forbidden => ApiError::Forbidden,
            MemberError::NotFound => ApiError::NotFound,
            MemberError::Conflict(c) => ApiError::Conflict(c),
            MemberError::Hashing => ApiError::Unavailable,
            MemberError::Store(e) => e.into(),
        }
    }
}

fn unknown_keys(map: &Map<String, Value>, allowed: &[&str]) -> Vec<FieldError> {
    map.keys()
        .filter(|k| !allowed.contains(&k.as_str()))
        .map(|k| FieldError::new(k.clone(), ErrorCode::UnknownField))
        .collect()
}

/// A text field: `None` when absent or `null`; `wrong_type` for another JSON type.
fn text(map: &Map<String, Value>, name: &str, errors: &mut Vec<FieldError>) -> Option<String> {
    match map.get(name)? {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        _ => {
            errors.push(FieldError::new(name, ErrorCode::WrongType));
            None
        }
    }
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

pub async fn create(
    State(state): State<AppState>,
    admin: StaffMember,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let map = object(&body)?;
    let mut errors = unknown_keys(&map, &["username", "role", "password"]);
    // A null username or password is of the wrong type; a null role is a missing one.
    let strict = |name: &str, errors: &mut Vec<FieldError>| match map.get(name) {
        Some(Value::Null) => {
            errors.push(FieldError::new(name, ErrorCode::WrongType));
            None
        }
        _ => text(&map, name, errors),
    };
    let username = strict("username", &mut errors);
    let role = text(&map, "role", &mut errors);
    let password = strict("password", &mut errors);
    let cmd = AddMember {
        username,
        role,
        password,
    };
    let member = service::add_member(&state.db, &admin, &cmd, errors).await?;
    Ok((StatusCode::CREATED, Json(member.json())))
}

pub async fn update(
    State(state): State<AppState>,
    admin: StaffMember,
    Path(username): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let map = object(&body)?;
    let mut errors = unknown_keys(&map, &["role", "active"]);
    let active = match map.get("active") {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(_) => {
            errors.push(FieldError::new("active", ErrorCode::WrongType));
            None
        }
    };
    let cmd = ChangeMember {
        role: text(&map, "role", &mut errors),
        active,
    };
    let member = service::change_member(&state.db, &admin, &username, &cmd, errors).await?;
    Ok(Json(member.json()))
}
