//! `PUT|GET|DELETE /api/v1/drafts/{kind}/{period}`, `GET /api/v1/drafts`.
use std::collections::HashMap;

use axum::{
    body::Bytes,
    extract::{Path, Query, State},
    http::StatusCode,
    Json,
};
use banshui_engine::{calculation::Kind, filing::Period, ErrorCode, FieldError};
use banshui_i18n::{t_args, Lang};
use serde_json::{json, Value};

use super::{
    accounts::object_with,
    pagination::{page, paginate_with},
};
use crate::{
    auth::Principal,
    drafts::{service, Answers, Draft, DraftError, SaveDraft},
    http::{error_entry, parse_json, AcceptLang, ApiError},
    state::AppState,
};

impl From<DraftError> for ApiError {
    fn from(e: DraftError) -> Self {
        match e {
            DraftError::NotFound => ApiError::NotFound,
            DraftError::Store(e) => e.into(),
        }
    }
}

/// The kind (404 when unknown) and the period (422 when malformed or not one of the kind's).
fn target(kind: &str, period: &str) -> Result<(Kind, Period), ApiError> {
    let kind = Kind::from_slug(kind).ok_or(ApiError::NotFound)?;
    let period = Period::parse(period)
        .filter(|p| p.fits(kind))
        .ok_or_else(|| {
            ApiError::Invalid(vec![FieldError::new("period", ErrorCode::InvalidPeriod)])
        })?;
    Ok((kind, period))
}

/// The path of an existing draft: anything malformed names no draft (404).
fn existing(kind: &str, period: &str) -> Result<(Kind, Period), ApiError> {
    match target(kind, period) {
        Err(ApiError::Invalid(_)) => Err(ApiError::NotFound),
        other => other,
    }
}

pub fn draft_json(draft: &Draft, lang: Lang) -> Value {
    let (errors, warnings) = service::validate(draft);
    json!({
        "kind": draft.kind.slug(),
        "period": draft.period.to_string(),
        "data": draft.data.as_value(),
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
    AcceptLang(lang): AcceptLang,
    principal: Principal,
    Path((kind, period)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let (kind, period) = target(&kind, &period)?;
    let body = parse_json(&body)?;
    let mut errors = Vec::new();
    let map = object_with(&body, &["data", "supersedes"], &mut errors);
    let data = match map.and_then(|m| m.get("data")) {
        Some(Value::Object(data)) => Some(data.clone()),
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
        return Err(ApiError::Invalid(errors));
    };
    let command = SaveDraft {
        taxpayer_id: principal.taxpayer_id,
        kind,
        period,
        data: Answers::new(data),
        supersedes,
    };
    let draft = service::save(&state.db, &command).await?;
    Ok(Json(draft_json(&draft, lang)))
}

pub async fn get(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    principal: Principal,
    Path((kind, period)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let (kind, period) = existing(&kind, &period)?;
    let draft = service::find(&state.db, &principal.taxpayer_id, kind, period).await?;
    Ok(Json(draft_json(&draft, lang)))
}

pub async fn delete(
    State(state): State<AppState>,
    principal: Principal,
    Path((kind, period)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let (kind, period) = existing(&kind, &period)?;
    service::delete(&state.db, &principal.taxpayer_id, kind, period).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn list(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    principal: Principal,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Json<Value>, ApiError> {
    let page = page(&query).map_err(ApiError::Invalid)?;
    let items = service::list(&state.db, &principal.taxpayer_id).await?;
    Ok(Json(paginate_with(&items, &page, |d| draft_json(d, lang))))
}
