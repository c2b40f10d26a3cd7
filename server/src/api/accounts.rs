//! `POST /api/v1/accounts`, `GET /api/v1/me`.
use axum::{
    body::Bytes,
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use banshui_engine::Conflict;
use banshui_engine::{ErrorCode, FieldError};
use serde_json::Value;

use crate::http::{parse_json, ApiError, ClientAddress};
use crate::{
    accounts::{
        self,
        service::{self, Register},
        RegisterError,
    },
    auth::Principal,
    state::AppState,
};

/// A string field of a JSON object: missing → `required`, not a string → `wrong_type`.
pub fn text_field<'a>(
    map: &'a serde_json::Map<String, Value>,
    name: &str,
    errors: &mut Vec<FieldError>,
) -> &'a str {
    match map.get(name) {
        Some(Value::String(s)) => s,
        Some(_) => {
            errors.push(FieldError::new(name, ErrorCode::WrongType));
            ""
        }
        None => {
            errors.push(FieldError::new(name, ErrorCode::Required));
            ""
        }
    }
}

/// An optional string field: missing → empty, not a string → `wrong_type`.
pub fn optional_text<'a>(
    map: &'a serde_json::Map<String, Value>,
    name: &str,
    errors: &mut Vec<FieldError>,
) -> &'a str {
    match map.get(name) {
        None => "",
        Some(_) => text_field(map, name, errors),
    }
}

/// The body as an object with only the `allowed` fields (others are `unknown_field`).
pub fn object_with<'a>(
    body: &'a Value,
    allowed: &[&str],
    errors: &mut Vec<FieldError>,
) -> Option<&'a serde_json::Map<String, Value>> {
    let Some(map) = body.as_object() else {
        errors.push(FieldError::new("", ErrorCode::WrongType));
        return None;
    };
    for key in map.keys().filter(|k| !allowed.contains(&k.as_str())) {
        errors.push(FieldError::new(key.clone(), ErrorCode::UnknownField));
    }
    Some(map)
}

pub async fn register(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    body: Bytes,
) -> Response {
    let body = match parse_json(&body) {
        Ok(v) => v,
        Err(e) => return e.into_response(),
    };
    let mut errors = Vec::new();
    let Some(map) = object_with(&body, &["taxpayer_id", "name", "password"], &mut errors) else {
        return ApiError::Invalid(errors).into_response();
    };
    let id = text_field(map, "taxpayer_id", &mut errors);
    let name = text_field(map, "name", &mut errors);
    let password = text_field(map, "password", &mut errors);
    match service::register(
        &state.db,
        &Register {
            taxpayer_id: id,
            name,
            password,
            address: &address,
            per_address: state.limits.registrations_per_address,
        },
        errors,
    )
    .await
    {
        Ok(account) => (StatusCode::CREATED, Json(account)).into_response(),
        Err(RegisterError::Invalid(errors)) => ApiError::Invalid(errors).into_response(),
        Err(RegisterError::Taken) => ApiError::Conflict(Conflict::Taken).into_response(),
        Err(RegisterError::Throttled(retry_after)) => ApiError::TooManyRequests {
            retry_after,
            code: "too_many_registrations",
        }
        .into_response(),
        Err(RegisterError::Store(e)) => ApiError::from(e).into_response(),
        Err(RegisterError::Hashing) => ApiError::Unavailable.into_response(),
    }
}

pub async fn me(State(state): State<AppState>, principal: Principal) -> Response {
    match accounts::find(&state.db, &principal.taxpayer_id).await {
        Ok(Some(account)) => {
            let mut out = serde_json::to_value(account).unwrap_or_default();
            if let (Some(map), Some(idle)) = (out.as_object_mut(), principal.idle_left) {
                map.insert("session_idle_seconds".into(), idle.into());
            }
            Json(out).into_response()
        }
        Ok(None) => ApiError::Unauthorized.into_response(),
        Err(e) => ApiError::from(e).into_response(),
    }
}
