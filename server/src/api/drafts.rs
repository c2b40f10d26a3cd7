//! `PUT|GET|DELETE /api/v1/drafts/{kind}/{period}`, `GET /api/v1/drafts`.
use std::collections::HashMap;

use axum::{
    body::Bytes,
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use banshui_engine::{calculation::Kind, filing::Period, ErrorCode, FieldError};
use banshui_i18n::{t_args, Lang};
use serde_json::{json, Value};

use super::{
    accounts::object_with,
    pagination::{page, paginate_with},
};
use crate::http::{accept_lang, error_entry, parse_json, ApiError};
use crate::{
    auth::Principal,
    drafts::{self, Draft},
    state::AppState,
};

/// The kind (404 when unknown) and the period in its normal spelling (422 when malformed).
fn target(kind: &str, period: &str) -> Result<(Kind, String), ApiError> {
    let kind = Kind::from_slug(kind).ok_or(ApiError::NotFound)?;
    let period = Period::parse(period)
        .filter(|p| p.fits(kind))
        .ok_or_else(|| {
            ApiError::Invalid(vec![FieldError::new("period", ErrorCode::InvalidPeriod)])
        })?;
    Ok((kind, period.to_string()))
}

pub fn draft_json(draft: &Draft, lang: Lang) -> Value {
    let kind = Kind::from_slug(&draft.kind);
    let (errors, warnings) = kind
        .map(|k| drafts::validate(k, &draft.period, &draft.data))
        .unwrap_or_default();
    json!({
        "kind": draft.kind,
        "period": draft.period,
        "data": draft.data,
        "supersedes": draft.supersedes,
        "updated_at": draft.updated_at,
        "validation": {
            "errors": errors.iter().map(|e| error_entry(lang, e)).collect::<Vec<_>>(),
            "warnings": warnings.iter().map(|w| json!({"code": w.code, "message": t_args(lang, &w.fluent_key(), &w.args)})).collect::<Vec<_>>(),
        },
    })
}

pub async fn put(
    State(state): State<AppState>,
    headers: HeaderMap,
    principal: Principal,
    Path((kind, period)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let lang = accept_lang(&headers);
    let (kind, period) = match target(&kind, &period) {
        Ok(t) => t,
        Err(e) => return e.into_response(),
    };
    let body = match parse_json(&body) {
        Ok(v) => v,
        Err(e) => return e.into_response(),
    };
    let mut errors = Vec::new();
    let map = object_with(&body, &["data", "supersedes"], &mut errors);
    let data = match map.and_then(|m| m.get("data")) {
        Some(v @ Value::Object(_)) => Some(v.clone()),
        Some(_) => {
            errors.push(FieldError::new("data", ErrorCode::WrongType));
            None
        }
        None if map.is_some() => {
            errors.push(FieldError::new("data", ErrorCode::Required));
            None
        }
        None => None,
    };
    let supersedes = match map.and_then(|m| m.get("supersedes")) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            errors.push(FieldError::new("supersedes", ErrorCode::WrongType));
            None
        }
    };
    let Some(data) = data.filter(|_| errors.is_empty()) else {
        return ApiError::Invalid(errors).into_response();
    };
    match drafts::save(
        &state.db,
        &principal.taxpayer_id,
        kind,
        &period,
        &data,
        supersedes.as_deref(),
    )
    .await
    {
        Ok(draft) => Json(draft_json(&draft, lang)).into_response(),
        Err(e) => ApiError::from(e).into_response(),
    }
}

pub async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    principal: Principal,
    Path((kind, period)): Path<(String, String)>,
) -> Response {
    let lang = accept_lang(&headers);
    let (kind, period) = match target(&kind, &period) {
        Ok(t) => t,
        Err(ApiError::Invalid(_)) => return ApiError::NotFound.into_response(),
        Err(e) => return e.into_response(),
    };
    match drafts::find(&state.db, &principal.taxpayer_id, kind, &period).await {
        Ok(Some(draft)) => Json(draft_json(&draft, lang)).into_response(),
        Ok(None) => ApiError::NotFound.into_response(),
        Err(e) => ApiError::from(e).into_response(),
    }
}

pub async fn delete(
    State(state): State<AppState>,
    principal: Principal,
    Path((kind, period)): Path<(String, String)>,
) -> Response {
    let (kind, period) = match target(&kind, &period) {
        Ok(t) => t,
        Err(ApiError::Invalid(_)) => return ApiError::NotFound.into_response(),
        Err(e) => return e.into_response(),
    };
    match drafts::delete(&state.db, &principal.taxpayer_id, kind, &period).await {
        Ok(true) => StatusCode::NO_CONTENT.into_response(),
        Ok(false) => ApiError::NotFound.into_response(),
        Err(e) => ApiError::from(e).into_response(),
    }
}

pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    principal: Principal,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let lang = accept_lang(&headers);
    let page = match page(&query) {
        Ok(p) => p,
        Err(errors) => return ApiError::Invalid(errors).into_response(),
    };
    match drafts::list(&state.db, &principal.taxpayer_id).await {
        Ok(items) => Json(paginate_with(&items, &page, |d| draft_json(d, lang))).into_response(),
        Err(e) => ApiError::from(e).into_response(),
    }
}
