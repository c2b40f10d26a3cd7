//! Failed sign-ins, counted in the database so that every `banshui` process sees them: at
//! most 5 per account and 100 per client address in 15 minutes; then 429 until the oldest
//! failure of the window is 15 minutes old.
use crate::{clock::now_unix, db::Database};

pub const WINDOW_SECS: i64 = 15 * 60;
pub const PER_ACCOUNT: i64 = 5;
pub const PER_ADDRESS: i64 = 100;

fn subjects(account: &str, address: &str) -> [(String, i64); 2] {
    [
        (format!("account:{account}"), PER_ACCOUNT),
        (format!("address:{address}"), PER_ADDRESS),
    ]
}

/// `Some(seconds to wait)` when either the account or the address is over its limit.
pub async fn blocked_for(
    db: &Database,
    account: &str,
    address: &str,
) -> Result<Option<u64>, sqlx::Error> {
    let now = now_unix();
    let mut wait = 0i64;
    for (subject, limit) in subjects(account, address) {
        let rows: Vec<(i64,)> = sqlx::query_as(&db.sql(
            "SELECT at_unix FROM sign_in_failures WHERE subject = ? AND at_unix > ? ORDER BY at_unix DESC LIMIT ?",
        ))
        .bind(&subject)
        .bind(now - WINDOW_SECS)
        .bind(limit)
        .fetch_all(&db.pool)
        .await?;
        if rows.len() as i64 >= limit {
            // The limit-th most recent failure leaves the window first among those that count.
            if let Some((at,)) = rows.last() {
                wait = wait.max(at + WINDOW_SECS - now);
            }
        }
    }
    Ok((wait > 0).then_some(wait.max(1) as u64))
}

pub async fn record_failure(
    db: &Database,
    account: &str,
    address: &str,
) -> Result<(), sqlx::Error> {
    let now = now_unix();
    for (subject, _) in subjects(account, address) {
        sqlx::query(&db.sql("INSERT INTO sign_in_failures (subject, at_unix) VALUES (?, ?)"))
            .bind(subject)
            .bind(now)
            .execute(&db.pool)
            .await?;
    }
    sqlx::query(&db.sql("DELETE FROM sign_in_failures WHERE at_unix < ?"))
        .bind(now - WINDOW_SECS)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// A successful sign-in forgets the account's failures (not the address's).
pub async fn clear_account(db: &Database, account: &str) -> Result<(), sqlx::Error> {
    sqlx::query(&db.sql("DELETE FROM sign_in_failures WHERE subject = ?"))
        .bind(format!("account:{account}"))
        .execute(&db.pool)
        .await?;
    Ok(())
}
