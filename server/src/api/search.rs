//! `GET /api/v1/search?q=&lang=&limit=&tax_type=&kind=` over published guidance.
use std::collections::HashMap;

use axum::{
    extract::{Query, State},
    http::HeaderMap,
    response::{IntoResponse, Response},
    Json,
};
use banshui_engine::{ErrorCode, FieldError};
use serde_json::json;

use super::articles::choice;
use crate::http::{accept_lang, ApiError};
use crate::{
    guidance::{
        input,
        search::{timed, Filters},
    },
    state::AppState,
};

pub const QUERY_MAX: usize = 200;
pub const DEFAULT_LIMIT: usize = 10;

pub async fn search(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let api = accept_lang(&headers);
    let mut errors = Vec::new();
    let q = query.get("q").map(|q| q.trim()).unwrap_or_default();
    if q.is_empty() {
        errors.push(FieldError::new("q", ErrorCode::Required));
    } else if q.chars().count() > QUERY_MAX {
        errors.push(FieldError::new("q", ErrorCode::TooLong).with_limit(QUERY_MAX.to_string()));
    }
    let lang = choice(&query, "lang", &input::LANGS, &mut errors)
        .unwrap_or_else(|| api.code().to_string());
    let filters = Filters {
        tax_type: choice(&query, "tax_type", &input::TAX_TYPES, &mut errors),
        kind: choice(&query, "kind", &input::KINDS, &mut errors),
    };
    let limit = match query.get("limit").map(|l| l.trim().parse::<usize>()) {
        None => DEFAULT_LIMIT,
        Some(Ok(n)) if (1..=100).contains(&n) => n,
        Some(_) => {
            errors.push(FieldError::new("limit", ErrorCode::OutOfRange).with_limit("1–100"));
            DEFAULT_LIMIT
        }
    };
    if !errors.is_empty() {
        return ApiError::Invalid(errors).into_response();
    }
    let (result, took_ms) = timed(|| state.search.search(q, &lang, &filters, limit));
    match result {
        Ok(items) => Json(json!({"items": items, "took_ms": (took_ms * 1000.0).round() / 1000.0}))
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "search failed");
            ApiError::Unavailable.into_response()
        }
    }
}
