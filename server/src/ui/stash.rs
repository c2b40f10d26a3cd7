//! Form input kept across a refused submission (post/redirect/get loses the body otherwise).
pub use banshui_app::portal::FormStash;

use crate::{clock::now_rfc3339, db::Database};

pub async fn keep(
    db: &Database,
    owner: &str,
    form: &str,
    data: &FormStash,
) -> Result<(), sqlx::Error> {
    let data = serde_json::to_string(data).unwrap_or_default();
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
    .bind(data)
    .bind(now_rfc3339())
    .execute(&db.pool)
    .await?;
    Ok(())
}

pub async fn take(
    db: &Database,
    owner: &str,
    form: &str,
) -> Result<Option<FormStash>, sqlx::Error> {
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
