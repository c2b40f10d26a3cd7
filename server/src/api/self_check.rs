//! `POST /api/v1/self-check` (anyone; nothing is stored), the self-checks a taxpayer saves
//! (`POST|GET /api/v1/self-checks`, `GET /api/v1/self-checks/{id}`). The staff benchmarks are in
//! `benchmarks.rs`.
use std::collections::HashMap;

use axum::{
    body::Bytes,
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use banshui_engine::{
    self_check::{check, Indicator, Request},
    ErrorCode, FieldError,
};
use banshui_i18n::{t_args, Lang};
use serde_json::{json, Map, Value};

use super::{articles::object, pagination};
use crate::http::{accept_lang, parse_json, ApiError};
use crate::{
    auth::Principal,
    benchmarks,
    clock::today_in_china,
    self_check::{self, Saved},
    state::AppState,
};

fn render(lang: Lang, i: &Indicator) -> Value {
    let args = |t: &banshui_engine::self_check::Text| {
        t.args
            .iter()
            .map(|(k, v)| (*k, v.clone()))
            .collect::<Vec<_>>()
    };
    json!({
        "code": i.code,
        "value": i.value.map(|v| if matches!(i.code, "zero_filing_streak" | "loss_streak" | "small_low_profit_cliff") { v.to_string() } else { format!("{v:.4}") }),
        "benchmark": i.benchmark.as_ref().map(|b| json!({
            "low": b.low.map(|d| format!("{d:.4}")), "high": b.high.map(|d| format!("{d:.4}")),
            "average": b.average.map(|d| format!("{d:.4}")), "source": b.source,
        })),
        "deviation": i.deviation.map(|d| format!("{d:.4}")),
        "status": i.status.as_str(),
        "formula": t_args(lang, &i.formula.key, &args(&i.formula)),
        "message": t_args(lang, &i.message.key, &args(&i.message)),
        "guidance": i.guidance,
    })
}

/// The indicators of a parsed request against the benchmarks in force today.
async fn indicators(state: &AppState, request: &Request) -> Result<Vec<Indicator>, ApiError> {
    let today = today_in_china().to_string();
    let found = benchmarks::for_industry(&state.db, &request.industry, &today).await?;
    Ok(check(request, &|code| found.get(code).cloned()))
}

/// Runs the indicators for a request body.
pub async fn run(state: &AppState, lang: Lang, body: &Value) -> Result<Value, ApiError> {
    let request = Request::parse(body).map_err(ApiError::Invalid)?;
    let results = indicators(state, &request).await?;
    Ok(json!({"indicators": results.iter().map(|i| render(lang, i)).collect::<Vec<_>>()}))
}

/// Saves a self-check for a taxpayer: the request body with an optional `label`.
pub async fn save_for(
    state: &AppState,
    taxpayer_id: &str,
    mut body: Map<String, Value>,
) -> Result<Saved, ApiError> {
    let label = match body.remove("label") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) if s.chars().count() <= self_check::LABEL_MAX => {
            s.trim().to_string()
        }
        Some(Value::String(_)) => {
            return Err(ApiError::Invalid(vec![FieldError::new(
                "label",
                ErrorCode::TooLong,
            )
            .with_limit(self_check::LABEL_MAX.to_string())]))
        }
        Some(_) => {
            return Err(ApiError::Invalid(vec![FieldError::new(
                "label",
                ErrorCode::WrongType,
            )]))
        }
    };
    let body = Value::Object(body);
    let request = Request::parse(&body).map_err(ApiError::Invalid)?;
    let results = indicators(state, &request).await?;
    let stored = json!({
        "industry": request.industry,
        "current": body.get("current").cloned().unwrap_or(Value::Null),
        "base": body.get("base").cloned().unwrap_or(Value::Null),
    });
    Ok(self_check::save(
        &state.db,
        taxpayer_id,
        &label,
        &request.industry,
        &stored,
        &results,
    )
    .await?)
}

/// `POST /api/v1/self-checks` (signed-in taxpayer): run and keep a self-check.
pub async fn save_saved(State(state): State<AppState>, who: Principal, body: Bytes) -> Response {
    let result = async {
        let map = object(&body)?;
        save_for(&state, &who.taxpayer_id, map).await
    }
    .await;
    match result {
        Ok(saved) => (StatusCode::CREATED, Json(saved.full_json())).into_response(),
        Err(e) => e.into_response(),
    }
}

/// `GET /api/v1/self-checks`: the caller's saved self-checks, newest first (paginated).
pub async fn list_saved(
    State(state): State<AppState>,
    who: Principal,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    pagination::respond(
        &query,
        self_check::list(&state.db, &who.taxpayer_id),
        Saved::summary_json,
    )
    .await
    .into_response()
}

/// `GET /api/v1/self-checks/{id}`: one of the caller's; anyone else's is 404.
pub async fn one_saved(
    State(state): State<AppState>,
    who: Principal,
    Path(id): Path<String>,
) -> Response {
    match self_check::find(&state.db, &who.taxpayer_id, &id).await {
        Ok(Some(saved)) => Json(saved.full_json()).into_response(),
        Ok(None) => ApiError::NotFound.into_response(),
        Err(e) => ApiError::from(e).into_response(),
    }
}

pub async fn self_check(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let lang = accept_lang(&headers);
    let result = async { run(&state, lang, &parse_json(&body)?).await }.await;
    match result {
        Ok(v) => Json(v).into_response(),
        Err(e) => e.into_response(),
    }
}
