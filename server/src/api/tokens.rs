//! `POST|GET /api/v1/tokens`, `DELETE /api/v1/tokens/{id}`: the signed-in taxpayer (with the
//! session cookie: a token cannot mint, list or revoke tokens) manages their API tokens.
use std::collections::HashMap;

use axum::{
    body::Bytes,
    extract::{Path, Query, State},
    http::StatusCode,
    Json,
};
use banshui_engine::{ErrorCode, FieldError};
use serde_json::{json, Value};

use super::{
    accounts::{object_with, text_field},
    pagination::{page, paginate},
};
use crate::{
    auth::{
        tokens::{self, Scope, DEFAULT_DAYS, MAX_DAYS},
        SessionPrincipal,
    },
    http::{parse_json, ApiError},
    state::AppState,
};

const LABEL_MAX: usize = 100;

/// `expires_in_days`: a whole number of days, 1 to a year (90 when left out).
fn days(map: &serde_json::Map<String, Value>, errors: &mut Vec<FieldError>) -> i64 {
    match map.get("expires_in_days") {
        None | Some(Value::Null) => DEFAULT_DAYS,
        Some(Value::Number(n)) => {
            match banshui_engine::input::whole_number(n).filter(|d| (1..=MAX_DAYS).contains(d)) {
                Some(d) => d,
                None => {
                    errors.push(
                        FieldError::new("expires_in_days", ErrorCode::OutOfRange)
                            .with_limit(format!("1–{MAX_DAYS}")),
                    );
                    DEFAULT_DAYS
                }
            }
        }
        Some(_) => {
            errors.push(FieldError::new("expires_in_days", ErrorCode::WrongType));
            DEFAULT_DAYS
        }
    }
}

/// `scope`: `write` (the default) or `read`.
fn scope(map: &serde_json::Map<String, Value>, errors: &mut Vec<FieldError>) -> Scope {
    match map.get("scope") {
        None | Some(Value::Null) => Scope::Write,
        Some(Value::String(s)) => Scope::parse(s).unwrap_or_else(|| {
            errors.push(FieldError::new("scope", ErrorCode::InvalidChoice));
            Scope::Write
        }),
        Some(_) => {
            errors.push(FieldError::new("scope", ErrorCode::WrongType));
            Scope::Write
        }
    }
}

pub async fn create(
    State(state): State<AppState>,
    SessionPrincipal(principal): SessionPrincipal,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let body = parse_json(&body)?;
    let mut errors = Vec::new();
    let Some(map) = object_with(&body, &["label", "expires_in_days", "scope"], &mut errors) else {
        return Err(ApiError::Invalid(errors));
    };
    let label = text_field(map, "label", &mut errors).trim().to_string();
    if errors.is_empty() && label.is_empty() {
        errors.push(FieldError::new("label", ErrorCode::Required));
    }
    if label.chars().count() > LABEL_MAX {
        errors.push(FieldError::new("label", ErrorCode::TooLong).with_limit(LABEL_MAX.to_string()));
    }
    let days = days(map, &mut errors);
    let scope = scope(map, &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::Invalid(errors));
    }
    let made = tokens::create(&state.db, &principal.taxpayer_id, &label, days, scope).await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "id": made.id, "token": made.token, "label": label,
            "expires_at": made.expires_at, "scope": scope.as_str(),
        })),
    ))
}

pub async fn list(
    State(state): State<AppState>,
    SessionPrincipal(principal): SessionPrincipal,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Json<Value>, ApiError> {
    let page = page(&query).map_err(ApiError::Invalid)?;
    let items = tokens::list(&state.db, &principal.taxpayer_id)
        .await?
        .into_iter()
        .map(|t| serde_json::to_value(t).unwrap_or_default())
        .collect();
    Ok(Json(paginate(items, &page)))
}

pub async fn revoke(
    State(state): State<AppState>,
    SessionPrincipal(principal): SessionPrincipal,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    if tokens::revoke(&state.db, &principal.taxpayer_id, &id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::NotFound)
    }
}
