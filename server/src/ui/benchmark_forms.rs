//! The staff console's benchmark form: `POST /staff/benchmarks` (new) and
//! `POST /staff/benchmarks/{id}` (a new version). Publishers only; the API's rules and audit.
use axum::{
    extract::{Path, State},
    http::request::Parts,
    response::Response,
};

use super::{
    forms::{enc, problems, see_other, value, Fields},
    guidance_forms::staff_or_sign_in,
    stash,
};
use crate::ui::posted::Posted;
use crate::{
    benchmarks::{draft::BenchmarkDraft, service, BenchmarkError},
    http::ApiError,
    state::AppState,
};

/// The form's fields as a benchmark draft (blank numbers and dates are "not given").
fn benchmark_draft(fields: &Fields) -> BenchmarkDraft {
    let given = |name: &str| {
        let v = value(fields, name).trim();
        (!v.is_empty()).then(|| v.to_string())
    };
    let text = |name: &str| Some(value(fields, name).trim().to_string());
    BenchmarkDraft {
        industry: text("industry"),
        industry_name: [text("industry_name_zh"), text("industry_name_en")],
        indicator: text("indicator"),
        taxpayer_type: given("taxpayer_type"),
        average: given("average"),
        tolerance: given("tolerance"),
        low: given("low"),
        high: given("high"),
        source: text("source"),
        indicative: value(fields, "indicative") == "true",
        effective_from: text("effective_from"),
        effective_to: given("effective_to"),
    }
}

async fn save(state: AppState, parts: Parts, id: Option<String>, fields: Fields) -> Response {
    let member = match staff_or_sign_in(&parts, &state).await {
        Ok(m) => m,
        Err(r) => return r,
    };
    let owner = format!("staff:{}", member.username);
    let form = format!("benchmark:{}", id.as_deref().unwrap_or("new"));
    let back = match &id {
        Some(id) => format!("/staff/benchmarks/{}", enc(id)),
        None => "/staff/benchmarks".to_string(),
    };
    let draft = benchmark_draft(&fields);
    match service::save(&state.db, &member, id.as_deref(), &draft, Vec::new()).await {
        Ok(_) => {
            let _ = stash::clear(&state.db, &owner, &form).await;
            see_other("/staff/benchmarks?done=saved")
        }
        Err(BenchmarkError::NotFound) => see_other("/staff/benchmarks"),
        Err(e @ BenchmarkError::Invalid(_)) => {
            let kept = stash::FormStash::of_form(&fields);
            let _ = stash::keep(&state.db, &owner, &form, &kept).await;
            let e = ApiError::from(e);
            see_other(&format!("{back}?stash=1&errors={}", enc(&problems(&e))))
        }
        Err(e) => see_other(&format!("{back}?errors={}", problems(&e.into()))),
    }
}

pub async fn create(
    State(state): State<AppState>,
    parts: Parts,
    Posted(fields): Posted,
) -> Response {
    save(state, parts, None, fields).await
}

pub async fn update(
    State(state): State<AppState>,
    parts: Parts,
    Path(id): Path<String>,
    Posted(fields): Posted,
) -> Response {
    save(state, parts, Some(id), fields).await
}
