//! `POST /api/v1/filings` (idempotent, durable before acknowledged), `GET /api/v1/filings`,
//! `GET /api/v1/filings/{id}`, `GET /api/v1/filings/{id}/receipt` (printable HTML).
use std::collections::HashMap;

use axum::{
    body::Bytes,
    extract::{Path, Query, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use banshui_engine::{calculation::Kind, ErrorCode, FieldError};
use banshui_i18n::Lang;
use serde_json::{Map, Value};

use super::{pagination::page, receipt_page};
use crate::{
    auth::Principal,
    filings::{
        canonical::canonical, check_explanations, prepare, store, submit_filing, Explanation,
        IdempotencyKey, Outcome, SubmitFiling, SubmitFilingError,
    },
    http::{parse_json, AcceptLang, ApiError},
    random::sha256_hex,
    state::AppState,
};

fn idempotency_key(headers: &HeaderMap) -> Result<IdempotencyKey, ApiError> {
    let Some(value) = headers.get("idempotency-key") else {
        return Err(ApiError::BadRequest {
            field: "Idempotency-Key",
            code: "idempotency_key_required",
        });
    };
    value
        .to_str()
        .ok()
        .and_then(IdempotencyKey::parse)
        .ok_or(ApiError::BadRequest {
            field: "Idempotency-Key",
            code: "idempotency_key_invalid",
        })
}

const FIELDS: [&str; 6] = [
    "kind",
    "period",
    "data",
    "declaration",
    "supersedes",
    "explanations",
];

/// A required field of the body: missing → `required`, of another JSON type → `wrong_type`.
fn required<'a, T>(
    body: &'a Map<String, Value>,
    name: &str,
    as_type: impl Fn(&'a Value) -> Option<T>,
    errors: &mut Vec<FieldError>,
) -> Option<T> {
    let Some(value) = body.get(name) else {
        errors.push(FieldError::new(name, ErrorCode::Required));
        return None;
    };
    let typed = as_type(value);
    if typed.is_none() {
        errors.push(FieldError::new(name, ErrorCode::WrongType));
    }
    typed
}

/// `explanations`: an array of `{"indicator", "text"}`. Every item stays in the list (an item
/// or a field of the wrong type is reported here and kept as empty text), so that the problems
/// of the contents keep the body's indices.
fn explanations(value: Option<&Value>, errors: &mut Vec<FieldError>) -> Vec<Explanation> {
    let Some(value) = value.filter(|v| !v.is_null()) else {
        return Vec::new();
    };
    let Some(items) = value.as_array() else {
        errors.push(FieldError::new("explanations", ErrorCode::WrongType));
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let mut explanation = Explanation {
            indicator: String::new(),
            text: String::new(),
        };
        let Some(obj) = item.as_object() else {
            errors.push(FieldError::new(
                format!("explanations[{i}]"),
                ErrorCode::WrongType,
            ));
            out.push(explanation);
            continue;
        };
        let at = |f: &str| format!("explanations[{i}].{f}");
        for key in obj.keys().filter(|k| *k != "indicator" && *k != "text") {
            errors.push(FieldError::new(at(key), ErrorCode::UnknownField));
        }
        for (name, slot) in [
            ("indicator", &mut explanation.indicator),
            ("text", &mut explanation.text),
        ] {
            match obj.get(name) {
                Some(Value::String(s)) => *slot = s.clone(),
                // Missing: the check says it is required.
                None => {}
                Some(_) => errors.push(FieldError::new(at(name), ErrorCode::WrongType)),
            }
        }
        out.push(explanation);
    }
    out
}

/// The body read: the command when `kind`, `period` and `data` are there, the problems of its
/// shape, and what the checks of the contents need when there is no command.
struct Submission {
    command: Option<SubmitFiling>,
    shape: Vec<FieldError>,
    declared: bool,
    explanations: Vec<Explanation>,
}

/// The body as a [`SubmitFiling`], with every problem of its shape.
fn submission(body: &Value, taxpayer_id: &str, key: IdempotencyKey) -> Submission {
    let Some(map) = body.as_object() else {
        return Submission {
            command: None,
            shape: vec![FieldError::new("", ErrorCode::WrongType)],
            declared: true,
            explanations: Vec::new(),
        };
    };
    let mut errors: Vec<FieldError> = map
        .keys()
        .filter(|k| !FIELDS.contains(&k.as_str()))
        .map(|k| FieldError::new(k.clone(), ErrorCode::UnknownField))
        .collect();
    let kind = required(map, "kind", Value::as_str, &mut errors).and_then(|s| {
        let kind = Kind::from_slug(s);
        if kind.is_none() {
            errors.push(FieldError::new("kind", ErrorCode::InvalidChoice));
        }
        kind
    });
    let data = required(map, "data", |v| v.is_object().then_some(v), &mut errors);
    let period = required(map, "period", Value::as_str, &mut errors);
    let declared = map.get("declaration") == Some(&Value::Bool(true));
    let supersedes = match map.get("supersedes") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Some(_) => {
            errors.push(FieldError::new("supersedes", ErrorCode::WrongType));
            None
        }
    };
    let explanations = explanations(map.get("explanations"), &mut errors);
    let command = match (kind, data, period) {
        (Some(kind), Some(data), Some(period)) => Some(SubmitFiling {
            taxpayer_id: taxpayer_id.to_string(),
            kind,
            period: period.to_string(),
            answers: data.clone(),
            declaration: declared,
            supersedes,
            explanations: explanations.clone(),
            idempotency_key: key,
            fingerprint: Some(sha256_hex(canonical(body).as_bytes())),
        }),
        _ => None,
    };
    Submission {
        command,
        shape: errors,
        declared,
        explanations,
    }
}

/// Where a problem is listed: the body's fields in order, each explanation's problems together;
/// the period's and the answers' own checks come after these (as the contract's examples show).
fn listed_at(field: &str) -> (usize, i64) {
    let base = field.split(['.', '[']).next().unwrap_or("");
    const ORDER: [&str; 6] = [
        "kind",
        "data",
        "period",
        "declaration",
        "supersedes",
        "explanations",
    ];
    let rank = ORDER.iter().position(|f| *f == base).map_or(0, |i| i + 1);
    let item = field
        .strip_prefix("explanations[")
        .and_then(|rest| rest.split(']').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(-1);
    (rank, item)
}

/// The problems of the shape with those of the contents, each field reported once.
fn all_problems(shape: Vec<FieldError>, contents: Vec<FieldError>) -> Vec<FieldError> {
    let reported = |e: &FieldError| {
        shape.iter().any(|s| {
            s.field == e.field
                || (!s.field.is_empty()
                    && e.field
                        .strip_prefix(s.field.as_str())
                        .is_some_and(|rest| rest.starts_with('.')))
        })
    };
    let (early, late): (Vec<FieldError>, Vec<FieldError>) = contents
        .into_iter()
        .filter(|e| !reported(e))
        .partition(|e| e.field == "declaration" || e.field.starts_with("explanations"));
    let mut all: Vec<FieldError> = shape.iter().cloned().chain(early).collect();
    all.sort_by_key(|e| listed_at(&e.field));
    all.extend(late);
    all
}

impl From<SubmitFilingError> for ApiError {
    fn from(e: SubmitFilingError) -> Self {
        match e {
            SubmitFilingError::Invalid(errors) => ApiError::Invalid(errors),
            SubmitFilingError::Conflict(c) => ApiError::Conflict(c),
            SubmitFilingError::Unavailable => ApiError::Unavailable,
        }
    }
}

pub async fn create(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    headers: HeaderMap,
    principal: Principal,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let key = idempotency_key(&headers)?;
    let body = parse_json(&body)?;
    let read = submission(&body, &principal.taxpayer_id, key);
    let command = match read.command {
        Some(command) if read.shape.is_empty() => command,
        // Report the problems of the contents with those of the shape, all at once.
        Some(command) => {
            let contents = prepare(&command).err().unwrap_or_default();
            return Err(ApiError::Invalid(all_problems(read.shape, contents)));
        }
        None => {
            let mut contents = Vec::new();
            if !read.declared {
                contents.push(FieldError::new(
                    "declaration",
                    ErrorCode::DeclarationRequired,
                ));
            }
            contents.extend(check_explanations(&read.explanations));
            return Err(ApiError::Invalid(all_problems(read.shape, contents)));
        }
    };
    match submit_filing(&state.filings, &command).await? {
        Outcome::Created(row) => Ok((StatusCode::CREATED, Json(row.receipt(lang, None)))),
        Outcome::Replayed(row) => {
            let by = store::superseded_by(&state.db, &row.id)
                .await
                .ok()
                .flatten();
            Ok((StatusCode::OK, Json(row.receipt(lang, by.as_deref()))))
        }
    }
}

pub async fn list(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    principal: Principal,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Json<Value>, ApiError> {
    let page = page(&query).map_err(ApiError::Invalid)?;
    // One more than asked tells whether there is a next page.
    let rows = store::list_page(
        &state.db,
        &principal.taxpayer_id,
        page.offset as i64,
        page.limit as i64 + 1,
    )
    .await?;
    let more = rows.len() > page.limit;
    let items: Vec<Value> = rows
        .iter()
        .take(page.limit)
        .map(|(row, by)| with_superseded_by(row.receipt(lang, by.as_deref()), by.as_deref()))
        .collect();
    let next = more.then(|| format!("o{}", page.offset + page.limit));
    Ok(Json(
        serde_json::json!({"items": items, "next_cursor": next}),
    ))
}

fn with_superseded_by(mut receipt: Value, by: Option<&str>) -> Value {
    if let Some(map) = receipt.as_object_mut() {
        map.insert(
            "superseded_by".into(),
            by.map_or(Value::Null, |b| Value::String(b.into())),
        );
    }
    receipt
}

/// The filing with its data, events and `superseded_by`, for its owner only.
pub async fn detail_json(
    state: &AppState,
    taxpayer_id: &str,
    id: &str,
    lang: Lang,
) -> Result<Value, ApiError> {
    let row = store::find(&state.db, taxpayer_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let by = store::superseded_by(&state.db, &row.id).await?;
    let mut out = with_superseded_by(row.receipt(lang, by.as_deref()), by.as_deref());
    if let Some(map) = out.as_object_mut() {
        map.insert("data".into(), row.data());
        map.insert(
            "events".into(),
            Value::Array(store::events(&state.db, &row.id).await?),
        );
    }
    Ok(out)
}

pub async fn detail(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    principal: Principal,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    Ok(Json(
        detail_json(&state, &principal.taxpayer_id, &id, lang).await?,
    ))
}

pub async fn receipt(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    principal: Principal,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let row = store::find(&state.db, &principal.taxpayer_id, &id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let by = store::superseded_by(&state.db, &row.id).await?;
    let html = receipt_page::render(&row, by.as_deref(), lang);
    Ok((
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        html,
    )
        .into_response())
}
