//! `POST|GET /api/v1/tokens`, `DELETE /api/v1/tokens/{id}`.
use std::collections::HashMap;

use axum::{
    body::Bytes,
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use banshui_engine::{ErrorCode, FieldError};
use serde_json::json;

use super::{
    accounts::{object_with, text_field},
    pagination::{page, paginate},
};
use crate::http::{parse_json, ApiError};
use crate::{
    auth::{tokens, Principal},
    state::AppState,
};

const LABEL_MAX: usize = 100;

pub async fn create(State(state): State<AppState>, principal: Principal, body: Bytes) -> Response {
    let body = match parse_json(&body) {
        Ok(v) => v,
        Err(e) => return e.into_response(),
    };
    let mut errors = Vec::new();
    let label = object_with(&body, &["label"], &mut errors)
        .map(|m| text_field(m, "label", &mut errors).trim().to_string())
        .unwrap_or_default();
    if errors.is_empty() && label.is_empty() {
        errors.push(FieldError::new("label", ErrorCode::Required));
    }
    if label.chars().count() > LABEL_MAX {
        errors.push(FieldError::new("label", ErrorCode::TooLong).with_limit(LABEL_MAX.to_string()));
    }
    if !errors.is_empty() {
        return ApiError::Invalid(errors).into_response();
    }
    match tokens::create(&state.db, &principal.taxpayer_id, &label).await {
        Ok((id, token)) => (
            StatusCode::CREATED,
            Json(json!({"id": id, "token": token, "label": label})),
        )
            .into_response(),
        Err(e) => ApiError::from(e).into_response(),
    }
}

pub async fn list(
    State(state): State<AppState>,
    principal: Principal,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let page = match page(&query) {
        Ok(p) => p,
        Err(errors) => return ApiError::Invalid(errors).into_response(),
    };
    match tokens::list(&state.db, &principal.taxpayer_id).await {
        Ok(items) => {
            let items = items
                .into_iter()
                .map(|t| serde_json::to_value(t).unwrap_or_default())
                .collect();
            Json(paginate(items, &page)).into_response()
        }
        Err(e) => ApiError::from(e).into_response(),
    }
}

pub async fn revoke(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> Response {
    match tokens::revoke(&state.db, &principal.taxpayer_id, &id).await {
        Ok(true) => StatusCode::NO_CONTENT.into_response(),
        Ok(false) => ApiError::NotFound.into_response(),
        Err(e) => ApiError::from(e).into_response(),
    }
}
