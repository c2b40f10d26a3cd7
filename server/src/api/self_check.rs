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
use banshui_engine::{self_check::Indicator, ErrorCode, FieldError};
use banshui_i18n::{t_args, Lang};
use serde_json::{json, Map, Value};

use super::{articles::object, pagination};
use crate::http::{accept_lang, parse_json, ApiError};
use crate::{
    auth::Principal,
    self_check::{
        self,
        service::{self, SaveSelfCheck, SelfCheckError},
        Saved,
    },
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

impl From<SelfCheckError> for ApiError {
    fn from(e: SelfCheckError) -> Self {
        match e {
            SelfCheckError::Invalid(errors) => ApiError::Invalid(errors),
            SelfCheckError::Store(e) => e.into(),
        }
    }
}

/// Runs the indicators for a request body.
pub async fn run(state: &AppState, lang: Lang, body: &Value) -> Result<Value, ApiError> {
    let results = service::run(&state.db, body).await?;
    Ok(json!({"indicators": results.iter().map(|i| render(lang, i)).collect::<Vec<_>>()}))
}

/// A body of `POST /api/v1/self-checks` as the command: the figures, and the `label` (a
/// string, if any).
fn save_command(
    taxpayer_id: &str,
    mut body: Map<String, Value>,
) -> Result<SaveSelfCheck, ApiError> {
    let label = match body.remove("label") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s,
        Some(_) => {
            return Err(ApiError::Invalid(vec![FieldError::new(
                "label",
                ErrorCode::WrongType,
            )]))
        }
    };
    Ok(SaveSelfCheck {
        taxpayer_id: taxpayer_id.to_string(),
        label,
        figures: Value::Object(body),
    })
}

/// `POST /api/v1/self-checks` (signed-in taxpayer): run and keep a self-check.
pub async fn save_saved(State(state): State<AppState>, who: Principal, body: Bytes) -> Response {
    let result = async {
        let command = save_command(&who.taxpayer_id, object(&body)?)?;
        Ok::<_, ApiError>(service::save_self_check(&state.db, &command).await?)
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
