//! The one writer of filings. Requests hand their prepared submission to a queue; the writer
//! takes everything waiting (up to [`MAX_BATCH`]), writes it in one transaction — a refused
//! submission writes nothing, so it does not disturb the others — commits once
//! and only then answers each request. While a commit is being flushed to disk the next batch
//! gathers, so under load many filings share one fsync (group commit) instead of one each.
//!
//! Idempotency and uniqueness are enforced by the database (primary key on the idempotency
//! key, a partial unique index for "one original per taxpayer, kind and period", a unique
//! `supersedes`), so several `banshui` processes on one PostgreSQL stay correct too.
use sqlx::{pool::PoolConnection, Any, Executor};
use tokio::sync::{mpsc, oneshot};

use super::{
    prepare::Prepared,
    store::{FilingRow, COLUMNS},
};
use crate::{clock::now_rfc3339, db::Database};

pub const MAX_BATCH: usize = 256;
const QUEUE: usize = 4096;

#[derive(Debug)]
pub enum Outcome {
    Created(FilingRow),
    /// The same idempotency key and body were seen before: the first filing.
    Replayed(FilingRow),
}

#[derive(Debug)]
pub enum SubmitError {
    /// The idempotency key was used with a different body.
    KeyReused,
    /// An original return for this kind and period exists.
    AlreadyFiled,
    /// `supersedes` names no filing of the caller's for this kind and period, or one already superseded.
    CannotSupersede,
    /// Storage failed; nothing was stored.
    Unavailable,
}

struct Job {
    prepared: Prepared,
    reply: oneshot::Sender<Result<Outcome, SubmitError>>,
}

#[derive(Clone, Debug)]
pub struct FilingWriter {
    queue: mpsc::Sender<Job>,
}

impl FilingWriter {
    pub fn start(db: Database) -> FilingWriter {
        let (queue, rx) = mpsc::channel(QUEUE);
        tokio::spawn(run(db, rx));
        FilingWriter { queue }
    }

    /// Writes a submission; returns once it is durably committed (or refused).
    pub async fn submit(&self, prepared: Prepared) -> Result<Outcome, SubmitError> {
        let (reply, answer) = oneshot::channel();
        self.queue
            .send(Job { prepared, reply })
            .await
            .map_err(|_| SubmitError::Unavailable)?;
        answer.await.unwrap_or(Err(SubmitError::Unavailable))
    }
}

async fn run(db: Database, mut rx: mpsc::Receiver<Job>) {
    while let Some(first) = rx.recv().await {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        write_batch(&db, batch).await;
    }
}

async fn write_batch(db: &Database, batch: Vec<Job>) {
    let mut conn = match db.pool.acquire().await {
        Ok(c) => c,
        Err(err) => {
            tracing::error!(error = %err, "filing writer cannot get a connection");
            for job in batch {
                let _ = job.reply.send(Err(SubmitError::Unavailable));
            }
            return;
        }
    };
    let prepared: Vec<&Prepared> = batch.iter().map(|job| &job.prepared).collect();
    let outcome = write_in_one_transaction(db, &mut conn, &prepared).await;
    match outcome {
        Ok(results) => {
            for (job, result) in batch.into_iter().zip(results) {
                let _ = job.reply.send(result);
            }
        }
        Err(err) => {
            tracing::error!(error = %err, size = batch.len(), "filing batch not committed");
            if conn.execute("ROLLBACK").await.is_err() {
                // A connection in an unknown state must not go back to the pool.
                conn.close_on_drop();
            }
            for job in batch {
                let _ = job.reply.send(Err(SubmitError::Unavailable));
            }
        }
    }
}

/// Writes `prepared` in one transaction on `conn` and commits: the writer's batch, and what
/// the filings benchmark measures without the queue. A refusal writes nothing (or undoes its
/// own key row) and is one of the results; so is a statement error of one filing: the batch is
/// rolled back and written again with each filing in its own savepoint, so that filing alone
/// gets 503 (savepoints only then: they cost two round trips a filing). An error that leaves the
/// connection unusable fails the whole transaction, which the caller rolls back.
pub async fn write_in_one_transaction(
    db: &Database,
    conn: &mut PoolConnection<Any>,
    prepared: &[&Prepared],
) -> Result<Vec<Result<Outcome, SubmitError>>, sqlx::Error> {
    conn.execute(db.begin_write()).await?;
    let mut results = Vec::with_capacity(prepared.len());
    let mut failed = None;
    for p in prepared {
        match write_one(db, conn, p).await {
            Ok(outcome) => results.push(outcome),
            Err(e) => {
                failed = Some(e);
                break;
            }
        }
    }
    let Some(e) = failed else {
        conn.execute("COMMIT").await?;
        return Ok(results);
    };
    tracing::warn!(error = %e, size = prepared.len(), "a filing of the batch failed; writing each in its own savepoint");
    conn.execute("ROLLBACK").await?;
    let mut results = Vec::with_capacity(prepared.len());
    conn.execute(db.begin_write()).await?;
    for p in prepared {
        // Each filing in its own savepoint: a statement one filing makes fail (PostgreSQL
        // refuses a NUL in text, say) undoes that filing alone, never its batch neighbours'.
        conn.execute("SAVEPOINT filing").await?;
        match write_one(db, conn, p).await {
            Ok(outcome) => {
                conn.execute("RELEASE SAVEPOINT filing").await?;
                results.push(outcome);
            }
            Err(e) => {
                tracing::error!(error = %e, filing = %p.id, "one filing of a batch failed");
                conn.execute("ROLLBACK TO SAVEPOINT filing").await?;
                conn.execute("RELEASE SAVEPOINT filing").await?;
                results.push(Err(SubmitError::Unavailable));
            }
        }
    }
    conn.execute("COMMIT").await?;
    Ok(results)
}

async fn find_filing(
    db: &Database,
    conn: &mut PoolConnection<Any>,
    id: &str,
) -> Result<Option<FilingRow>, sqlx::Error> {
    sqlx::query_as(&db.sql(&format!("SELECT {COLUMNS} FROM filings WHERE id = ?")))
        .bind(id)
        .fetch_optional(&mut **conn)
        .await
}

/// What the idempotency key says: `None` (new), or the earlier filing, or a reused key.
async fn earlier(
    db: &Database,
    conn: &mut PoolConnection<Any>,
    p: &Prepared,
) -> Result<Option<Result<Outcome, SubmitError>>, sqlx::Error> {
    let row: Option<(String, String)> = sqlx::query_as(&db.sql(
        "SELECT request_sha256, filing_id FROM idempotency_keys WHERE taxpayer_id = ? AND key = ?",
    ))
    .bind(&p.taxpayer_id)
    .bind(&p.idempotency_key)
    .fetch_optional(&mut **conn)
    .await?;
    let Some((hash, filing_id)) = row else {
        return Ok(None);
    };
    if hash != p.request_sha256 {
        return Ok(Some(Err(SubmitError::KeyReused)));
    }
    Ok(Some(match find_filing(db, conn, &filing_id).await? {
        Some(row) => Ok(Outcome::Replayed(row)),
        None => Err(SubmitError::Unavailable),
    }))
}

async fn write_one(
    db: &Database,
    conn: &mut PoolConnection<Any>,
    p: &Prepared,
) -> Result<Result<Outcome, SubmitError>, sqlx::Error> {
    // Claim the key first. If it is taken, this is a retry (same body: the first filing) or a
    // reused key (409). A concurrent holder in another process makes the insert wait for its
    // commit, then insert nothing — and its filing is the answer.
    let claimed = sqlx::query(&db.sql(
        "INSERT INTO idempotency_keys (taxpayer_id, key, request_sha256, filing_id, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
    ))
    .bind(&p.taxpayer_id)
    .bind(&p.idempotency_key)
    .bind(&p.request_sha256)
    .bind(&p.id)
    .bind(&p.submitted_at)
    .execute(&mut **conn)
    .await?;
    if claimed.rows_affected() == 0 {
        return Ok(earlier(db, conn, p)
            .await?
            .unwrap_or(Err(SubmitError::Unavailable)));
    }
    if let Some(old) = &p.supersedes {
        let current: Option<(String,)> = sqlx::query_as(&db.sql(
            "SELECT f.id FROM filings f WHERE f.id = ? AND f.taxpayer_id = ? AND f.kind = ? AND f.period = ? \
             AND NOT EXISTS (SELECT 1 FROM filings g WHERE g.supersedes = f.id)",
        ))
        .bind(old)
        .bind(&p.taxpayer_id)
        .bind(p.kind.slug())
        .bind(p.period.to_string())
        .fetch_optional(&mut **conn)
        .await?;
        if current.is_none() {
            release_key(db, conn, p).await?;
            return Ok(Err(SubmitError::CannotSupersede));
        }
    }
    let inserted = sqlx::query(&db.sql(&format!(
        "INSERT INTO filings ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"
    )))
    .bind(&p.id)
    .bind(p.receipt_number.to_string())
    .bind(&p.taxpayer_id)
    .bind(p.kind.slug())
    .bind(p.period.to_string())
    .bind(&p.data)
    .bind(&p.result)
    .bind(&p.explanations)
    .bind(p.amount_due.to_string())
    .bind(p.refund_due.to_string())
    .bind(&p.payment_deadline)
    .bind(&p.content_sha256)
    .bind(banshui_engine::ENGINE_VERSION)
    .bind(&p.submitted_at)
    .bind(p.submitted_us)
    .bind(&p.supersedes)
    .execute(&mut **conn)
    .await?;
    if inserted.rows_affected() == 0 {
        release_key(db, conn, p).await?;
        return Ok(Err(if p.supersedes.is_some() {
            SubmitError::CannotSupersede
        } else {
            SubmitError::AlreadyFiled
        }));
    }
    let detail = serde_json::json!({"receipt_number": p.receipt_number.to_string(), "supersedes": p.supersedes});
    insert_event(db, conn, &p.id, 1, "submitted", &detail).await?;
    if let Some(old) = &p.supersedes {
        let next: i64 = sqlx::query_scalar(
            &db.sql("SELECT COALESCE(MAX(seq), 0) + 1 FROM filing_events WHERE filing_id = ?"),
        )
        .bind(old)
        .fetch_one(&mut **conn)
        .await?;
        let detail = serde_json::json!({"superseded_by": p.id, "receipt_number": p.receipt_number.to_string()});
        insert_event(db, conn, old, next, "superseded", &detail).await?;
    }
    // The draft has become this filing: gone in the same transaction.
    sqlx::query(&db.sql("DELETE FROM drafts WHERE taxpayer_id = ? AND kind = ? AND period = ?"))
        .bind(&p.taxpayer_id)
        .bind(p.kind.slug())
        .bind(p.period.to_string())
        .execute(&mut **conn)
        .await?;
    Ok(Ok(Outcome::Created(FilingRow::from(p))))
}

/// Gives back a key claimed for a submission that was refused (so it can be used again).
async fn release_key(
    db: &Database,
    conn: &mut PoolConnection<Any>,
    p: &Prepared,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        &db.sql("DELETE FROM idempotency_keys WHERE taxpayer_id = ? AND key = ? AND filing_id = ?"),
    )
    .bind(&p.taxpayer_id)
    .bind(&p.idempotency_key)
    .bind(&p.id)
    .execute(&mut **conn)
    .await?;
    Ok(())
}

async fn insert_event(
    db: &Database,
    conn: &mut PoolConnection<Any>,
    filing: &str,
    seq: i64,
    kind: &str,
    detail: &serde_json::Value,
) -> Result<(), sqlx::Error> {
    sqlx::query(&db.sql(
        "INSERT INTO filing_events (filing_id, seq, at, type, detail) VALUES (?, ?, ?, ?, ?)",
    ))
    .bind(filing)
    .bind(seq)
    .bind(now_rfc3339())
    .bind(kind)
    .bind(detail.to_string())
    .execute(&mut **conn)
    .await?;
    Ok(())
}

impl From<&Prepared> for FilingRow {
    fn from(p: &Prepared) -> FilingRow {
        FilingRow {
            id: p.id.clone(),
            receipt_number: p.receipt_number.clone(),
            taxpayer_id: p.taxpayer_id.clone(),
            kind: p.kind,
            period: p.period,
            data: p.data.clone(),
            result: p.result.clone(),
            explanations: p.explanations.clone(),
            amount_due: p.amount_due,
            refund_due: p.refund_due,
            payment_deadline: p.payment_deadline.clone(),
            content_sha256: p.content_sha256.clone(),
            engine_version: banshui_engine::ENGINE_VERSION.to_string(),
            submitted_at: p.submitted_at.clone(),
            submitted_us: p.submitted_us,
            supersedes: p.supersedes.clone(),
        }
    }
}
