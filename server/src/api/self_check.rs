//! `POST /api/v1/self-check` (anyone; nothing is stored) and the staff benchmarks
//! (`GET|POST /api/v1/staff/benchmarks`, `PUT /api/v1/staff/benchmarks/{id}`: publisher to change).
use std::collections::HashMap;

use axum::{
    body::Bytes,
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use banshui_app::{i18n::t_args, Lang};
use banshui_engine::selfcheck::{check, Indicator, Request};
use serde_json::{json, Value};

use super::{
    articles::object,
    error::{api_lang, parse_json, ApiError},
    pagination::{self, paginate_with},
};
use crate::{
    auth::StaffMember,
    benchmarks::{self, stored_json, BenchmarkError},
    clock::today_in_china,
    staff::{audit, Role},
    state::AppState,
};

impl From<BenchmarkError> for ApiError {
    fn from(e: BenchmarkError) -> Self {
        match e {
            BenchmarkError::NotFound => ApiError::NotFound,
            BenchmarkError::Store(e) => e.into(),
        }
    }
}

fn render(lang: Lang, i: &Indicator) -> Value {
    let args = |t: &banshui_engine::selfcheck::Text| {
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

/// Runs the indicators for a request body (the API and, later, the page share this).
pub async fn run(state: &AppState, lang: Lang, body: &Value) -> Result<Value, ApiError> {
    let request = Request::parse(body).map_err(ApiError::Invalid)?;
    let today = today_in_china().to_string();
    let found = benchmarks::for_industry(&state.db, &request.industry, &today).await?;
    let results = check(&request, &|code| found.get(code).cloned());
    Ok(json!({"indicators": results.iter().map(|i| render(lang, i)).collect::<Vec<_>>()}))
}

pub async fn self_check(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let lang = api_lang(&headers);
    let result = async { run(&state, lang, &parse_json(&body)?).await }.await;
    match result {
        Ok(v) => Json(v).into_response(),
        Err(e) => e.into_response_in(lang),
    }
}

pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    _member: StaffMember,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let lang = api_lang(&headers);
    let page = match pagination::page(&query) {
        Ok(p) => p,
        Err(errors) => return ApiError::Invalid(errors).into_response_in(lang),
    };
    match benchmarks::list(&state.db).await {
        Ok(items) => Json(paginate_with(&items, &page, stored_json)).into_response(),
        Err(e) => ApiError::from(e).into_response_in(lang),
    }
}

async fn save(
    state: &AppState,
    member: &StaffMember,
    id: Option<&str>,
    body: &[u8],
) -> Result<Value, ApiError> {
    member.require(Role::Publisher)?;
    if let Some(id) = id {
        benchmarks::get(&state.db, id)
            .await?
            .ok_or(ApiError::NotFound)?;
    }
    let input = benchmarks::parse(&object(body)?).map_err(ApiError::Invalid)?;
    let stored = match id {
        Some(id) => benchmarks::update(&state.db, id, &input, &member.username).await?,
        None => benchmarks::create(&state.db, &input, &member.username).await?,
    };
    audit::record(
        &state.db,
        audit::Action {
            actor: &member.username,
            action: if id.is_some() {
                "edit_benchmark"
            } else {
                "create_benchmark"
            },
            object: format!("benchmark:{}", stored.0),
            detail: format!(
                "version {}: {} {}",
                stored.1, input.industry, input.indicator
            ),
            address: &member.address,
        },
    )
    .await?;
    Ok(stored_json(&stored))
}

pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    member: StaffMember,
    body: Bytes,
) -> Response {
    match save(&state, &member, None, &body).await {
        Ok(v) => (StatusCode::CREATED, Json(v)).into_response(),
        Err(e) => e.into_response_in(api_lang(&headers)),
    }
}

pub async fn update(
    State(state): State<AppState>,
    headers: HeaderMap,
    member: StaffMember,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    match save(&state, &member, Some(&id), &body).await {
        Ok(v) => Json(v).into_response(),
        Err(e) => e.into_response_in(api_lang(&headers)),
    }
}
