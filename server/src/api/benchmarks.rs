//! Industry benchmarks in the staff console: `GET|POST /api/v1/staff/benchmarks`,
//! `PUT /api/v1/staff/benchmarks/{id}` (a new version). Publishers write; every staff member
//! reads.
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
use crate::{
    auth::StaffMember,
    benchmarks::{self, draft::BenchmarkDraft, service, stored_json, BenchmarkError, FIELDS},
    http::ApiError,
    staff::Role,
    state::AppState,
};

impl From<BenchmarkError> for ApiError {
    fn from(e: BenchmarkError) -> Self {
        match e {
            BenchmarkError::Invalid(errors) => ApiError::Invalid(errors),
            BenchmarkError::Forbidden => ApiError::Forbidden,
            BenchmarkError::NotFound => ApiError::NotFound,
            BenchmarkError::Store(e) => e.into(),
        }
    }
}

/// A text value: `None` when absent or `null`; `wrong_type` for another JSON type.
fn text(value: Option<&Value>, path: &str, errors: &mut Vec<FieldError>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        _ => {
            errors.push(FieldError::new(path, ErrorCode::WrongType));
            None
        }
    }
}

/// A number given as a JSON string or number.
fn number(map: &Map<String, Value>, name: &str, errors: &mut Vec<FieldError>) -> Option<String> {
    match map.get(name) {
        Some(Value::Number(n)) => Some(n.to_string()),
        other => text(other, name, errors),
    }
}

/// A benchmark body as a draft, with the problems of its shape.
fn draft_from_json(map: &Map<String, Value>) -> (BenchmarkDraft, Vec<FieldError>) {
    let mut errors: Vec<FieldError> = map
        .keys()
        .filter(|k| !FIELDS.contains(&k.as_str()) && !matches!(k.as_str(), "id" | "version"))
        .map(|k| FieldError::new(k.clone(), ErrorCode::UnknownField))
        .collect();
    let names = map.get("industry_name");
    let name = |lang: &str, errors: &mut Vec<FieldError>| {
        text(
            names.and_then(|n| n.get(lang)),
            &format!("industry_name.{lang}"),
            errors,
        )
    };
    let industry_name = [name("zh-CN", &mut errors), name("en", &mut errors)];
    let indicative = match map.get("indicative") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            errors.push(FieldError::new("indicative", ErrorCode::WrongType));
            false
        }
    };
    let draft = BenchmarkDraft {
        industry: text(map.get("industry"), "industry", &mut errors),
        industry_name,
        indicator: text(map.get("indicator"), "indicator", &mut errors),
        taxpayer_type: text(map.get("taxpayer_type"), "taxpayer_type", &mut errors),
        average: number(map, "average", &mut errors),
        tolerance: number(map, "tolerance", &mut errors),
        low: number(map, "low", &mut errors),
        high: number(map, "high", &mut errors),
        source: text(map.get("source"), "source", &mut errors),
        indicative,
        effective_from: text(map.get("effective_from"), "effective_from", &mut errors),
        effective_to: text(map.get("effective_to"), "effective_to", &mut errors),
    };
    (draft, errors)
}

pub async fn list(
    State(state): State<AppState>,
    _member: StaffMember,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    pagination::respond(&query, benchmarks::list(&state.db), stored_json)
        .await
        .into_response()
}

async fn save(
    state: &AppState,
    member: &StaffMember,
    id: Option<&str>,
    body: &[u8],
) -> Result<Value, ApiError> {
    // Refused for the role, or for an unknown benchmark, before the body is read.
    member.require(Role::Publisher)?;
    if let Some(id) = id {
        benchmarks::get(&state.db, id)
            .await?
            .ok_or(ApiError::NotFound)?;
    }
    let (draft, shape) = draft_from_json(&object(body)?);
    let stored = service::save(&state.db, member, id, &draft, shape).await?;
    Ok(stored_json(&stored))
}

pub async fn create(
    State(state): State<AppState>,
    member: StaffMember,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(save(&state, &member, None, &body).await?),
    ))
}

pub async fn update(
    State(state): State<AppState>,
    member: StaffMember,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    Ok(Json(save(&state, &member, Some(&id), &body).await?))
}
