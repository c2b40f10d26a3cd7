//! Consultations (受理 → 承办 → 回复): a taxpayer's question, its status and the staff replies.
//! Taxpayers only ever reach their own; staff reach all of them.
pub mod privacy;

use serde::Serialize;
use serde_json::{json, Value};
use sqlx::Row;

use crate::{
    clock::{now_micros, now_rfc3339},
    db::Database,
    random,
};

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
    #[error("no such consultation")]
    NotFound,
    #[error("not possible in status {0}")]
    InvalidTransition(String),
    #[error(transparent)]
    Store(#[from] sqlx::Error),
}

const COLUMNS: &str =
    "id, taxpayer_id, subject, body, tax_type, filing_id, status, assignee, created_at, updated_at";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Consultation, sqlx::Error> {
    Ok(Consultation {
        id: r.try_get(0)?,
        taxpayer_id: r.try_get(1)?,
        subject: r.try_get(2)?,
        body: r.try_get(3)?,
        tax_type: r.try_get(4)?,
        filing_id: r.try_get(5)?,
        status: r.try_get(6)?,
        assignee: r.try_get(7)?,
        created_at: r.try_get(8)?,
        updated_at: r.try_get(9)?,
        replies: Vec::new(),
    })
}

/// A new question (already checked), status `received`.
pub async fn create(
    db: &Database,
    taxpayer_id: &str,
    subject: &str,
    body: &str,
    tax_type: &str,
    filing_id: Option<&str>,
) -> Result<Consultation, sqlx::Error> {
    let id = random::id();
    let now = now_rfc3339();
    sqlx::query(&db.sql(&format!(
        "INSERT INTO consultations ({COLUMNS}, created_us) VALUES (?, ?, ?, ?, ?, ?, 'received', NULL, ?, ?, ?)"
    )))
    .bind(&id)
    .bind(taxpayer_id)
    .bind(subject)
    .bind(body)
    .bind(tax_type)
    .bind(filing_id)
    .bind(&now)
    .bind(&now)
    .bind(now_micros())
    .execute(&db.pool)
    .await?;
    Ok(Consultation {
        id,
        taxpayer_id: taxpayer_id.into(),
        subject: subject.into(),
        body: body.into(),
        tax_type: tax_type.into(),
        filing_id: filing_id.map(str::to_string),
        status: "received".into(),
        assignee: None,
        created_at: now.clone(),
        updated_at: now,
        replies: Vec::new(),
    })
}

/// Whether `filing_id` is one of this taxpayer's filings.
pub async fn owns_filing(
    db: &Database,
    taxpayer_id: &str,
    filing_id: &str,
) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        &db.sql("SELECT COUNT(*) FROM filings WHERE id = ? AND taxpayer_id = ?"),
    )
    .bind(filing_id)
    .bind(taxpayer_id)
    .fetch_one(&db.pool)
    .await?;
    Ok(n > 0)
}

/// Newest first; `taxpayer` scopes to one taxpayer (their own list), `None` is the staff queue.
pub async fn list(
    db: &Database,
    taxpayer: Option<&str>,
    status: Option<&str>,
    tax_type: Option<&str>,
) -> Result<Vec<Consultation>, sqlx::Error> {
    let rows = sqlx::query(&db.sql(&format!(
        "SELECT {COLUMNS} FROM consultations WHERE (? IS NULL OR taxpayer_id = ?) AND (? IS NULL OR status = ?) AND (? IS NULL OR tax_type = ?) ORDER BY created_us DESC, id"
    )))
    .bind(taxpayer)
    .bind(taxpayer)
    .bind(status)
    .bind(status)
    .bind(tax_type)
    .bind(tax_type)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(from_row).collect()
}

/// One consultation with its replies; scoped to `taxpayer` when given (else staff).
pub async fn get(
    db: &Database,
    id: &str,
    taxpayer: Option<&str>,
) -> Result<Option<Consultation>, sqlx::Error> {
    let row = sqlx::query(&db.sql(&format!(
        "SELECT {COLUMNS} FROM consultations WHERE id = ? AND (? IS NULL OR taxpayer_id = ?)"
    )))
    .bind(id)
    .bind(taxpayer)
    .bind(taxpayer)
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let mut c = from_row(&row)?;
    let replies: Vec<(String, String, String)> = sqlx::query_as(&db.sql(
        "SELECT at, body, author FROM consultation_replies WHERE consultation_id = ? ORDER BY seq",
    ))
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    c.replies = replies
        .into_iter()
        .map(|(at, body, author)| Reply {
            at,
            body,
            author: Some(author),
        })
        .collect();
    Ok(Some(c))
}

async fn set_status(
    db: &Database,
    id: &str,
    from: &[&str],
    to: &str,
    assignee: Option<&str>,
) -> Result<(), ConsultationError> {
    let current = get(db, id, None)
        .await?
        .ok_or(ConsultationError::NotFound)?;
    if !from.contains(&current.status.as_str()) {
        return Err(ConsultationError::InvalidTransition(current.status));
    }
    let done = sqlx::query(&db.sql(
        "UPDATE consultations SET status = ?, assignee = COALESCE(?, assignee), updated_at = ? WHERE id = ? AND status = ?",
    ))
    .bind(to)
    .bind(assignee)
    .bind(now_rfc3339())
    .bind(id)
    .bind(&current.status)
    .execute(&db.pool)
    .await?;
    if done.rows_affected() == 0 {
        // Someone else changed it in between.
        return Err(ConsultationError::InvalidTransition(current.status));
    }
    Ok(())
}

/// 承办: a staff member takes the question (received or in progress → in progress).
pub async fn assign(db: &Database, id: &str, username: &str) -> Result<(), ConsultationError> {
    set_status(
        db,
        id,
        &["received", "in_progress", "answered"],
        "in_progress",
        Some(username),
    )
    .await
}

/// 回复: a reply; the consultation becomes `answered`.
pub async fn reply(
    db: &Database,
    id: &str,
    username: &str,
    body: &str,
) -> Result<(), ConsultationError> {
    let current = get(db, id, None)
        .await?
        .ok_or(ConsultationError::NotFound)?;
    if current.status == "closed" {
        return Err(ConsultationError::InvalidTransition(current.status));
    }
    let seq = current.replies.len() as i64 + 1;
    sqlx::query(&db.sql(
        "INSERT INTO consultation_replies (consultation_id, seq, author, body, at) VALUES (?, ?, ?, ?, ?)",
    ))
    .bind(id)
    .bind(seq)
    .bind(username)
    .bind(body)
    .bind(now_rfc3339())
    .execute(&db.pool)
    .await?;
    sqlx::query(&db.sql(
        "UPDATE consultations SET status = 'answered', assignee = COALESCE(assignee, ?), updated_at = ? WHERE id = ?",
    ))
    .bind(username)
    .bind(now_rfc3339())
    .bind(id)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// The taxpayer closes their question.
pub async fn close(db: &Database, id: &str) -> Result<(), ConsultationError> {
    set_status(
        db,
        id,
        &["received", "in_progress", "answered"],
        "closed",
        None,
    )
    .await
}
