//! The audit log: who did what to which object, when and from where. Rows are only ever
//! added (the database refuses updates and deletes).
use serde::Serialize;

use crate::{
    clock::{now_micros, now_rfc3339},
    db::Database,
    random,
};

/// One staff action about to be recorded.
pub struct Action<'a> {
    pub actor: &'a str,
    /// `sign_in`, `create`, `edit`, `submit`, `publish`, `archive`, `assign`, `reply`, `publish_faq`, …
    pub action: &'a str,
    /// `article:<slug>`, `consultation:<id>`, `staff:<username>`.
    pub object: String,
    pub detail: String,
    pub address: &'a str,
}

#[derive(Clone, Debug, Serialize)]
pub struct Entry {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub object: String,
    pub detail: String,
    pub address: String,
}

pub async fn record(db: &Database, a: Action<'_>) -> Result<(), sqlx::Error> {
    let mut conn = db.pool.acquire().await?;
    record_on(db, &mut conn, a).await
}

/// [`record`] on a connection the caller holds: inside the transaction of the change it
/// records, so that the change and its entry are stored together or not at all.
pub async fn record_on(
    db: &Database,
    conn: &mut sqlx::AnyConnection,
    a: Action<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(&db.sql(
        "INSERT INTO audit_log (seq, id, at, actor, action, object, detail, address) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    ))
    .bind(now_micros())
    .bind(random::id())
    .bind(now_rfc3339())
    .bind(a.actor)
    .bind(a.action)
    .bind(a.object)
    .bind(a.detail)
    .bind(a.address)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Newest first, one page.
pub async fn page(
    db: &Database,
    limit: usize,
    offset: usize,
) -> Result<(Vec<Entry>, bool), sqlx::Error> {
    let rows: Vec<(String, String, String, String, String, String)> = sqlx::query_as(&db.sql(
        "SELECT at, actor, action, object, detail, address FROM audit_log ORDER BY seq DESC, id DESC LIMIT ? OFFSET ?",
    ))
    .bind((limit + 1) as i64)
    .bind(offset as i64)
    .fetch_all(&db.pool)
    .await?;
    let more = rows.len() > limit;
    Ok((
        rows.into_iter()
            .take(limit)
            .map(|(at, actor, action, object, detail, address)| Entry {
                at,
                actor,
                action,
                object,
                detail,
                address,
            })
            .collect(),
        more,
    ))
}
