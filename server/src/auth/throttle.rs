//! Failed sign-ins, counted in the database so that every `banshui` process sees them: at
//! most 5 per account and 100 per client address in 15 minutes; then 429 until the oldest
//! failure of the window is 15 minutes old.
//!
//! An attempt is claimed — counted as a failure — before its password is checked, in one
//! transaction that holds the account's and the address's lock; a success forgets its claim.
//! So parallel attempts cannot all get past the limit (at most 5 password checks per account).
//! Registrations are counted per client address the same way (the limit is a setting).
use sqlx::AnyConnection;

use crate::{clock::now_unix, db::Database, random};

pub const WINDOW_SECS: i64 = 15 * 60;
pub const PER_ACCOUNT: i64 = 5;
pub const PER_ADDRESS: i64 = 100;

fn subjects(account: &str, address: &str) -> [(String, i64); 2] {
    [
        (format!("account:{account}"), PER_ACCOUNT),
        (format!("address:{address}"), PER_ADDRESS),
    ]
}

/// Seconds to wait when any of the subjects is at its limit.
async fn wait_for(
    conn: &mut AnyConnection,
    db: &Database,
    subjects: &[(String, i64)],
    now: i64,
) -> Result<Option<u64>, sqlx::Error> {
    let mut wait = 0i64;
    for (subject, limit) in subjects {
        let rows: Vec<(i64,)> = sqlx::query_as(&db.sql(
            "SELECT at_unix FROM sign_in_failures WHERE subject = ? AND at_unix > ? ORDER BY at_unix DESC LIMIT ?",
        ))
        .bind(subject)
        .bind(now - WINDOW_SECS)
        .bind(*limit)
        .fetch_all(&mut *conn)
        .await?;
        if rows.len() as i64 >= *limit {
            // The limit-th most recent failure leaves the window first among those that count.
            if let Some((at,)) = rows.last() {
                wait = wait.max(at + WINDOW_SECS - now);
            }
        }
    }
    Ok((wait > 0).then_some(wait.max(1) as u64))
}

/// A sign-in attempt allowed by the limits, counted as a failure until [`Claim::succeeded`].
#[must_use]
pub struct Claim {
    attempt: String,
}

/// Claims an attempt for the account from the address: `Ok(Err(seconds to wait))` when either
/// is at its limit, else the attempt is counted (as a failure until it succeeds).
pub async fn claim(
    db: &Database,
    account: &str,
    address: &str,
) -> Result<Result<Claim, u64>, sqlx::Error> {
    let attempt = random::id();
    Ok(count_in(db, &subjects(account, address), &attempt)
        .await?
        .map(|()| Claim { attempt }))
}

/// Counts one registration from the address, unless `per_address` were already counted in
/// the window: `Ok(Err(seconds to wait))`. Registrations are counted whether they succeed or
/// not (each costs a password hash) and are never forgotten before the window ends.
pub async fn claim_registration(
    db: &Database,
    address: &str,
    per_address: i64,
) -> Result<Result<(), u64>, sqlx::Error> {
    let subject = [(format!("registration:{address}"), per_address)];
    count_in(db, &subject, &random::id()).await
}

/// In one transaction holding every subject's lock: the wait when any subject is at its
/// limit, else one row per subject under `attempt`.
async fn count_in(
    db: &Database,
    subjects: &[(String, i64)],
    attempt: &str,
) -> Result<Result<(), u64>, sqlx::Error> {
    let now = now_unix();
    let mut tx = db.write_transaction().await?;
    for (subject, _) in subjects {
        db.lock(&mut tx, subject).await?;
    }
    if let Some(wait) = wait_for(&mut tx, db, subjects, now).await? {
        return Ok(Err(wait));
    }
    for (subject, _) in subjects {
        sqlx::query(
            &db.sql("INSERT INTO sign_in_failures (subject, at_unix, attempt) VALUES (?, ?, ?)"),
        )
        .bind(subject)
        .bind(now)
        .bind(attempt)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query(&db.sql("DELETE FROM sign_in_failures WHERE at_unix < ?"))
        .bind(now - WINDOW_SECS)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Ok(()))
}

impl Claim {
    /// The password was right: the attempt no longer counts, nor do the account's failures.
    pub async fn succeeded(self, db: &Database, account: &str) -> Result<(), sqlx::Error> {
        sqlx::query(&db.sql("DELETE FROM sign_in_failures WHERE attempt = ?"))
            .bind(&self.attempt)
            .execute(&db.pool)
            .await?;
        clear_account(db, account).await
    }
}

/// A successful sign-in forgets the account's failures (not the address's).
pub async fn clear_account(db: &Database, account: &str) -> Result<(), sqlx::Error> {
    sqlx::query(&db.sql("DELETE FROM sign_in_failures WHERE subject = ?"))
        .bind(format!("account:{account}"))
        .execute(&db.pool)
        .await?;
    Ok(())
}
