//! The use cases of drafts, shared by `PUT /api/v1/drafts/…`, the interview's form posts and
//! the filing pages.
use serde_json::{Map, Value};

use super::store::{self, Answers, Draft};
use crate::{db::Database, filings::store as filings};
use banshui_engine::{
    calculation::{calculate, Kind},
    explain::Warning,
    filing::{check_period, interview::values::merge, prefill, Period},
    FieldError,
};

#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    /// No such draft, or no such filing of the caller's to correct.
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Store(#[from] sqlx::Error),
}

/// Save a draft as typed: the answers replace the draft's answers.
#[derive(Clone, Debug)]
pub struct SaveDraft {
    pub taxpayer_id: String,
    pub kind: Kind,
    pub period: Period,
    pub data: Answers,
    /// The caller's filing this draft corrects.
    pub supersedes: Option<String>,
}

/// What would block filing the draft, and the warnings of its computation.
pub fn validate(draft: &Draft) -> (Vec<FieldError>, Vec<Warning>) {
    let period = draft.period.to_string();
    let mut errors = Vec::new();
    if let Err(e) = check_period(draft.kind, &period, draft.data.as_value()) {
        errors.push(e);
    }
    match calculate(draft.kind, draft.data.as_value()) {
        Ok(calc) => (errors, calc.warnings),
        Err(errs) => {
            errors.extend(errs);
            (errors, Vec::new())
        }
    }
}

pub async fn save(db: &Database, command: &SaveDraft) -> Result<Draft, DraftError> {
    Ok(store::save(
        db,
        &command.taxpayer_id,
        command.kind,
        command.period,
        &command.data,
        command.supersedes.as_deref(),
    )
    .await?)
}

/// The answers a new draft starts with: a 经营所得 return continues from the taxpayer's own
/// latest earlier prepayment of the year (current filings only); with the period it came from.
pub async fn starting_answers(
    db: &Database,
    taxpayer_id: &str,
    kind: Kind,
    period: Period,
) -> Result<Option<(Value, Period)>, DraftError> {
    if !matches!(kind, Kind::IitBusinessPrepayment | Kind::IitBusiness) {
        return Ok(None);
    }
    let rows = filings::list(db, taxpayer_id).await?;
    let parsed: Vec<(Kind, Period, Value, Map<String, Value>)> = rows
        .iter()
        .filter(|(f, superseded_by)| {
            superseded_by.is_none() && f.kind == Kind::IitBusinessPrepayment
        })
        .map(|(f, _)| {
            let data = serde_json::from_str(&f.data).unwrap_or(Value::Null);
            let figures = serde_json::from_str::<Value>(&f.result)
                .ok()
                .and_then(|r| r.get("figures").and_then(Value::as_object).cloned())
                .unwrap_or_default();
            (f.kind, f.period, data, figures)
        })
        .collect();
    let earlier: Vec<prefill::Earlier<'_>> = parsed
        .iter()
        .map(|(kind, period, data, result)| prefill::Earlier {
            kind: *kind,
            period: *period,
            data,
            result,
        })
        .collect();
    Ok(prefill::prefill(kind, period, &earlier))
}

/// One interview step answered: the posted fields merged into the draft (a new draft when
/// there is none, starting from [`starting_answers`]), which is saved and returned.
pub async fn answer_step(
    db: &Database,
    taxpayer_id: &str,
    kind: Kind,
    period: Period,
    posted: &[(String, String)],
) -> Result<Draft, DraftError> {
    let existing = store::find(db, taxpayer_id, kind, period).await?;
    let (data, supersedes) = match existing {
        Some(d) => (d.data, d.supersedes),
        None => match starting_answers(db, taxpayer_id, kind, period).await? {
            Some((start, _)) => (Answers::from_value(start), None),
            None => (Answers::default(), None),
        },
    };
    let merged = Answers::from_value(merge(kind, &period.to_string(), data.as_value(), posted));
    Ok(store::save(
        db,
        taxpayer_id,
        kind,
        period,
        &merged,
        supersedes.as_deref(),
    )
    .await?)
}

/// A correction (更正申报) begins as a draft holding the filed answers, superseding the filing.
pub async fn start_correction(
    db: &Database,
    taxpayer_id: &str,
    filing_id: &str,
) -> Result<Draft, DraftError> {
    let filing = filings::find(db, taxpayer_id, filing_id)
        .await?
        .ok_or(DraftError::NotFound)?;
    Ok(store::save(
        db,
        taxpayer_id,
        filing.kind,
        filing.period,
        &Answers::from_value(filing.data()),
        Some(&filing.id),
    )
    .await?)
}

pub async fn find(
    db: &Database,
    taxpayer_id: &str,
    kind: Kind,
    period: Period,
) -> Result<Draft, DraftError> {
    store::find(db, taxpayer_id, kind, period)
        .await?
        .ok_or(DraftError::NotFound)
}

pub async fn list(db: &Database, taxpayer_id: &str) -> Result<Vec<Draft>, DraftError> {
    Ok(store::list(db, taxpayer_id).await?)
}

pub async fn delete(
    db: &Database,
    taxpayer_id: &str,
    kind: Kind,
    period: Period,
) -> Result<(), DraftError> {
    if store::delete(db, taxpayer_id, kind, period).await? {
        Ok(())
    } else {
        Err(DraftError::NotFound)
    }
}
