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
use banshui_app::Lang;
use banshui_engine::calculation::Kind;
use serde_json::Value;

use super::{
    error::{api_lang, parse_json, ApiError},
    pagination::page,
    receipt_page,
};
use crate::{
    auth::Principal,
    filings::{prepare, store, Outcome, Submission, SubmitError},
    state::AppState,
};

pub const IDEMPOTENCY_KEY_MAX: usize = 255;

fn idempotency_key(headers: &HeaderMap) -> Result<String, ApiError> {
    let Some(value) = headers.get("idempotency-key") else {
        return Err(ApiError::BadRequest {
            field: "Idempotency-Key",
            code: "idempotency_key_required",
        });
    };
    match value.to_str() {
        Ok(key) if !key.is_empty() && key.len() <= IDEMPOTENCY_KEY_MAX => Ok(key.to_string()),
        _ => Err(ApiError::BadRequest {
            field: "Idempotency-Key",
            code: "idempotency_key_invalid",
        }),
    }
}

pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    principal: Principal,
    body: Bytes,
) -> Response {
    let lang = api_lang(&headers);
    let key = match idempotency_key(&headers) {
        Ok(k) => k,
        Err(e) => return e.into_response_in(lang),
    };
    let body = match parse_json(&body) {
        Ok(v) => v,
        Err(e) => return e.into_response_in(lang),
    };
    let prepared = match prepare(&Submission {
        taxpayer_id: &principal.taxpayer_id,
        idempotency_key: &key,
        body: &body,
    }) {
        Ok(p) => p,
        Err(errors) => return ApiError::Invalid(errors).into_response_in(lang),
    };
    match state.filings.submit(prepared).await {
        Ok(Outcome::Created(row)) => {
            (StatusCode::CREATED, Json(row.receipt(lang, None))).into_response()
        }
        Ok(Outcome::Replayed(row)) => {
            let by = store::superseded_by(&state.db, &row.id)
                .await
                .ok()
                .flatten();
            (StatusCode::OK, Json(row.receipt(lang, by.as_deref()))).into_response()
        }
        Err(SubmitError::KeyReused) => ApiError::Conflict {
            field: "Idempotency-Key",
            code: "idempotency_key_reused",
        }
        .into_response_in(lang),
        Err(SubmitError::AlreadyFiled) => ApiError::Conflict {
            field: "period",
            code: "already_filed",
        }
        .into_response_in(lang),
        Err(SubmitError::CannotSupersede) => ApiError::Conflict {
            field: "supersedes",
            code: "cannot_supersede",
        }
        .into_response_in(lang),
        Err(SubmitError::Unavailable) => ApiError::Unavailable.into_response_in(lang),
    }
}

pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    principal: Principal,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let lang = api_lang(&headers);
    let page = match page(&query) {
        Ok(p) => p,
        Err(errors) => return ApiError::Invalid(errors).into_response_in(lang),
    };
    // One more than asked tells whether there is a next page.
    let fetched = store::list_page(
        &state.db,
        &principal.taxpayer_id,
        page.offset as i64,
        page.limit as i64 + 1,
    )
    .await;
    match fetched {
        Ok(rows) => {
            let more = rows.len() > page.limit;
            let items: Vec<Value> = rows
                .iter()
                .take(page.limit)
                .map(|(row, by)| {
                    with_superseded_by(row.receipt(lang, by.as_deref()), by.as_deref())
                })
                .collect();
            let next = more.then(|| format!("o{}", page.offset + page.limit));
            Json(serde_json::json!({"items": items, "next_cursor": next})).into_response()
        }
        Err(e) => ApiError::from(e).into_response_in(lang),
    }
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
    headers: HeaderMap,
    principal: Principal,
    Path(id): Path<String>,
) -> Response {
    let lang = api_lang(&headers);
    match detail_json(&state, &principal.taxpayer_id, &id, lang).await {
        Ok(v) => Json(v).into_response(),
        Err(e) => e.into_response_in(lang),
    }
}

pub async fn receipt(
    State(state): State<AppState>,
    headers: HeaderMap,
    principal: Principal,
    Path(id): Path<String>,
) -> Response {
    let lang = api_lang(&headers);
    let found = async {
        let row = store::find(&state.db, &principal.taxpayer_id, &id)
            .await?
            .ok_or(ApiError::NotFound)?;
        let by = store::superseded_by(&state.db, &row.id).await?;
        Ok::<_, ApiError>((row, by))
    }
    .await;
    match found {
        Ok((row, by)) => {
            let kind = Kind::from_slug(&row.kind);
            let html = receipt_page::render(&row, kind, by.as_deref(), lang);
            (
                [
                    (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                    (header::CACHE_CONTROL, "private, no-store"),
                ],
                html,
            )
                .into_response()
        }
        Err(e) => e.into_response_in(lang),
    }
}
