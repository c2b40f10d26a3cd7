//! Running and saving a self-check: the use cases of `POST /api/v1/self-check[s]` and of the
//! self-check page's save form. The figures are the engine's self-check input (its JSON form,
//! as the calculation API's bodies are), checked by the engine.
use banshui_engine::{
    self_check::{check, Indicator, Request},
    ErrorCode, FieldError,
};
use serde_json::Value;

use super::{save, Saved, TypedFigures, LABEL_MAX};
use crate::{benchmarks, clock::today_in_china, db::Database};

/// Save a self-check for a signed-in taxpayer.
#[derive(Clone, Debug)]
pub struct SaveSelfCheck {
    pub taxpayer_id: String,
    /// The taxpayer's own name for it (may be empty).
    pub label: String,
    /// `{"industry", "current", "base"}` as the engine reads them.
    pub figures: Value,
}

#[derive(Debug, thiserror::Error)]
pub enum SelfCheckError {
    /// Problems with the figures or the label, each on its field.
    #[error("invalid self-check")]
    Invalid(Vec<FieldError>),
    #[error(transparent)]
    Store(#[from] sqlx::Error),
}

/// The indicators of `request` against the benchmarks in force today.
pub async fn indicators(db: &Database, request: &Request) -> Result<Vec<Indicator>, sqlx::Error> {
    let today = today_in_china().to_string();
    let found = benchmarks::for_industry(db, &request.industry, request.taxpayer(), &today).await?;
    Ok(check(request, &|code| found.get(code).cloned()))
}

/// Runs the indicators for `figures` (nothing is stored).
pub async fn run(db: &Database, figures: &Value) -> Result<Vec<Indicator>, SelfCheckError> {
    let request = Request::parse(figures).map_err(SelfCheckError::Invalid)?;
    Ok(indicators(db, &request).await?)
}

/// Runs and keeps a self-check: the figures as typed and what the indicators said.
pub async fn save_self_check(db: &Database, cmd: &SaveSelfCheck) -> Result<Saved, SelfCheckError> {
    if cmd.label.chars().count() > LABEL_MAX {
        return Err(SelfCheckError::Invalid(vec![FieldError::new(
            "label",
            ErrorCode::TooLong,
        )
        .with_limit(LABEL_MAX.to_string())]));
    }
    let request = Request::parse(&cmd.figures).map_err(SelfCheckError::Invalid)?;
    let results = indicators(db, &request).await?;
    // Kept as typed (so the page opens it again as it was), the industry and type as checked.
    let group = |name: &str| cmd.figures.get(name).and_then(Value::as_object).cloned();
    let kept = TypedFigures {
        industry: request.industry.clone(),
        taxpayer_type: request.taxpayer_type.map(|t| t.as_str().to_string()),
        current: group("current").unwrap_or_default(),
        base: group("base"),
    };
    Ok(save(db, &cmd.taxpayer_id, cmd.label.trim(), &kept, &results).await?)
}
