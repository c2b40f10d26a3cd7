//! Consultations (受理 → 承办 → 回复): a taxpayer's question, its status and the staff replies.
//! Taxpayers only ever reach their own; staff reach all of them.
//!
//! `service` holds the use cases (ask, take up, reply, close) that the API, the forms and the
//! pages share; `store` the SQL.
pub mod privacy;
pub mod service;
pub mod store;

use banshui_engine::FieldError;
use serde::Serialize;
use serde_json::{json, Value};

pub const SUBJECT_MAX: usize = 120;
pub const BODY_MAX: usize = 5_000;
pub const STATUSES: [&str; 4] = ["received", "in_progress", "answered", "closed"];

#[derive(Clone, Debug, Serialize)]
pub struct Reply {
    pub at: String,
    pub body: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Consultation {
    pub id: String,
    pub taxpayer_id: String,
    pub subject: String,
    pub body: String,
    pub tax_type: String,
    pub filing_id: Option<String>,
    pub status: String,
    pub assignee: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub replies: Vec<Reply>,
}

impl Consultation {
    /// What the taxpayer sees (no staff usernames).
    pub fn taxpayer_json(&self) -> Value {
        let replies: Vec<Reply> = self
            .replies
            .iter()
            .map(|r| Reply {
                author: None,
                ..r.clone()
            })
            .collect();
        json!({
            "id": self.id, "subject": self.subject, "body": self.body, "tax_type": self.tax_type,
            "filing_id": self.filing_id, "status": self.status, "created_at": self.created_at,
            "updated_at": self.updated_at, "replies": replies,
        })
    }

    pub fn staff_json(&self) -> Value {
        let mut v = self.taxpayer_json();
        v["taxpayer_id"] = json!(self.taxpayer_id);
        v["assignee"] = json!(self.assignee);
        v["replies"] = json!(self.replies);
        v
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConsultationError {
    /// Problems with the command's fields, each on its field.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error("no such consultation")]
    NotFound,
    #[error("not possible in status {0}")]
    InvalidTransition(String),
    #[error(transparent)]
    Store(#[from] sqlx::Error),
}
