//! Form input kept across a refused submission (post/redirect/get loses the body otherwise).
use serde_json::Value;

use crate::{clock::now_rfc3339, db::Database};

pub async fn keep(db: &Database, owner: &str, form: &str, data: &Value) -> Result<(), sqlx::Error> {
    sqlx::query(&db.sql("DELETE FROM form_stash WHERE owner = ? AND form = ?"))
        .bind(owner)
        .bind(form)
        .execute(&db.pool)
        .await?;
    sqlx::query(
        &db.sql("INSERT INTO form_stash (owner, form, data, saved_at) VALUES (?, ?, ?, ?)"),
    )
    .bind(owner)
    .bind(form)
    .bind(data.to_string())
    .bind(now_rfc3339())
    .execute(&db.pool)
    .await?;
    Ok(())
}

pub async fn take(db: &Database, owner: &str, form: &str) -> Result<Option<Value>, sqlx::Error> {
    let data: Option<String> =
        sqlx::query_scalar(&db.sql("SELECT data FROM form_stash WHERE owner = ? AND form = ?"))
            .bind(owner)
            .bind(form)
            .fetch_optional(&db.pool)
            .await?;
    Ok(data.and_then(|d| serde_json::from_str(&d).ok()))
}

pub async fn clear(db: &Database, owner: &str, form: &str) -> Result<(), sqlx::Error> {
    sqlx::query(&db.sql("DELETE FROM form_stash WHERE owner = ? AND form = ?"))
        .bind(owner)
        .bind(form)
        .execute(&db.pool)
        .await?;
    Ok(())
}
