//! The consultations' SQL. Functions that change something run on a connection the caller
//! holds (inside the service's transaction, with its audit entry); reads also come on the pool.
use sqlx::{AnyConnection, Row};

use super::{Consultation, ConsultationError, Reply};
use crate::{
    clock::{now_micros, now_rfc3339},
    db::Database,
    random,
};

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
    conn: &mut AnyConnection,
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
    .execute(&mut *conn)
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
    conn: &mut AnyConnection,
    taxpayer_id: &str,
    filing_id: &str,
) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        &db.sql("SELECT COUNT(*) FROM filings WHERE id = ? AND taxpayer_id = ?"),
    )
    .bind(filing_id)
    .bind(taxpayer_id)
    .fetch_one(&mut *conn)
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
    let mut conn = db.pool.acquire().await?;
    get_on(db, &mut conn, id, taxpayer).await
}

/// [`get`] on a connection the caller holds.
pub async fn get_on(
    db: &Database,
    conn: &mut AnyConnection,
    id: &str,
    taxpayer: Option<&str>,
) -> Result<Option<Consultation>, sqlx::Error> {
    let row = sqlx::query(&db.sql(&format!(
        "SELECT {COLUMNS} FROM consultations WHERE id = ? AND (? IS NULL OR taxpayer_id = ?)"
    )))
    .bind(id)
    .bind(taxpayer)
    .bind(taxpayer)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let mut c = from_row(&row)?;
    let replies: Vec<(String, String, String)> = sqlx::query_as(&db.sql(
        "SELECT at, body, author FROM consultation_replies WHERE consultation_id = ? ORDER BY seq",
    ))
    .bind(id)
    .fetch_all(&mut *conn)
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
    conn: &mut AnyConnection,
    id: &str,
    from: &[&str],
    to: &str,
    assignee: Option<&str>,
) -> Result<(), ConsultationError> {
    let current = get_on(db, conn, id, None)
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
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        // Someone else changed it in between.
        return Err(ConsultationError::InvalidTransition(current.status));
    }
    Ok(())
}

/// 承办: a staff member takes the question (received or in progress → in progress).
pub async fn assign(
    db: &Database,
    conn: &mut AnyConnection,
    id: &str,
    username: &str,
) -> Result<(), ConsultationError> {
    set_status(
        db,
        conn,
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
    conn: &mut AnyConnection,
    id: &str,
    username: &str,
    body: &str,
) -> Result<(), ConsultationError> {
    let current = get_on(db, conn, id, None)
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
    .execute(&mut *conn)
    .await?;
    sqlx::query(&db.sql(
        "UPDATE consultations SET status = 'answered', assignee = COALESCE(assignee, ?), updated_at = ? WHERE id = ?",
    ))
    .bind(username)
    .bind(now_rfc3339())
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The taxpayer closes their question.
pub async fn close(
    db: &Database,
    conn: &mut AnyConnection,
    id: &str,
) -> Result<(), ConsultationError> {
    set_status(
        db,
        conn,
        id,
        &["received", "in_progress", "answered"],
        "closed",
        None,
    )
    .await
}
