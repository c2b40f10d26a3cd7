//! The data of the signed-in pages (serialized from server to browser).
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use super::{guidance_data::*, staff_data::*, stash::FormStash};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Me {
    pub taxpayer_id: String,
    pub name: String,
    pub kind: String,
    /// Seconds until the session's idle timeout, at the time of the request.
    pub idle_seconds: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TaskStatus {
    NotStarted,
    Draft,
    Filed,
    Corrected,
}

impl TaskStatus {
    pub fn label_key(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => "status-not-started",
            TaskStatus::Draft => "status-draft",
            TaskStatus::Filed => "status-filed",
            TaskStatus::Corrected => "status-corrected",
        }
    }
}

/// One return the taxpayer can file, for one period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub kind: String,
    pub period: String,
    pub opens: String,
    pub deadline: String,
    pub status: TaskStatus,
    /// The current filing, when there is one.
    pub filing_id: Option<String>,
    /// A correction is being drafted for the current filing.
    pub correcting: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FilingHome {
    pub me: Me,
    pub tasks: Vec<Task>,
}

/// The filing a correction replaces: its answers and figures, for the diff.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Original {
    pub id: String,
    pub receipt_number: String,
    pub data: Value,
    pub amount_due: String,
    pub refund_due: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftPage {
    pub kind: String,
    pub period: String,
    /// The answers so far (the engine's input, possibly incomplete).
    pub data: Value,
    /// The earlier return (its period) a new 经营所得 return's answers were filled from.
    pub prefilled_from: Option<String>,
    /// The answers (paths) that still hold the value filled in from it.
    #[serde(default)]
    pub prefilled_fields: Vec<String>,
    pub saved: bool,
    pub updated_at: Option<String>,
    pub original: Option<Original>,
    /// Submitting this version of the draft twice files it once.
    pub idempotency_key: String,
    /// An original filing exists and this draft does not correct it.
    pub already_filed: Option<String>,
    /// The result figures of the taxpayer's earlier filings of this kind, newest period
    /// first: the base period of the pre-filing indicators.
    pub previous: Vec<(String, Value)>,
    /// 合理性说明 typed before a refused submission: (indicator code, text).
    pub explanations: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FilingSummary {
    pub id: String,
    pub receipt_number: String,
    pub kind: String,
    pub period: String,
    pub submitted_at: String,
    /// `filed` or `superseded`.
    pub status: String,
    pub amount_due: String,
    pub refund_due: String,
    pub supersedes: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FilingEvent {
    pub at: String,
    pub kind: String,
    pub receipt_number: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FilingDetail {
    pub summary: FilingSummary,
    pub payment_deadline: String,
    pub payment_reference: Option<String>,
    pub content_sha256: String,
    pub engine_version: String,
    /// The stored result: `figures`, `lines` (`key`, `amount`, `basis`, `topic`), `warnings`.
    pub result: Value,
    pub data: Value,
    pub events: Vec<FilingEvent>,
    pub superseded_by: Option<String>,
    /// 合理性说明 stored with the filing: (indicator code, text).
    pub explanations: Vec<(String, String)>,
}
