//! API tokens for accounting software: `bsk_` + 32 random bytes, shown once, stored as SHA-256.
use serde::Serialize;

use crate::{
    clock::now_rfc3339,
    db::Database,
    random::{id, secret, sha256_hex},
};

pub const PREFIX: &str = "bsk_";

#[derive(Debug, Serialize)]
pub struct TokenInfo {
    pub id: String,
    pub label: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

/// Creates a token; returns its id and the secret (the only time it exists in clear).
pub async fn create(
    db: &Database,
    taxpayer_id: &str,
    label: &str,
) -> Result<(String, String), sqlx::Error> {
    let token = format!("{PREFIX}{}", secret());
    let token_id = id();
    sqlx::query(&db.sql(
        "INSERT INTO api_tokens (id, taxpayer_id, label, token_sha256, created_at) VALUES (?, ?, ?, ?, ?)",
    ))
    .bind(&token_id)
    .bind(taxpayer_id)
    .bind(label)
    .bind(sha256_hex(token.as_bytes()))
    .bind(now_rfc3339())
    .execute(&db.pool)
    .await?;
    Ok((token_id, token))
}

/// The caller's tokens, newest first.
pub async fn list(db: &Database, taxpayer_id: &str) -> Result<Vec<TokenInfo>, sqlx::Error> {
    let rows: Vec<(String, String, String, Option<String>)> = sqlx::query_as(&db.sql(
        "SELECT id, label, created_at, revoked_at FROM api_tokens WHERE taxpayer_id = ? ORDER BY created_at DESC, id",
    ))
    .bind(taxpayer_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, label, created_at, revoked_at)| TokenInfo {
            id,
            label,
            created_at,
            revoked_at,
        })
        .collect())
}

/// Revokes one of the caller's tokens; `false` when there is no such token of theirs.
pub async fn revoke(db: &Database, taxpayer_id: &str, token_id: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(&db.sql(
        "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? AND taxpayer_id = ?",
    ))
    .bind(now_rfc3339())
    .bind(token_id)
    .bind(taxpayer_id)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// The taxpayer a live token belongs to.
pub async fn resolve(db: &Database, token: &str) -> Result<Option<String>, sqlx::Error> {
    if !token.starts_with(PREFIX) {
        return Ok(None);
    }
    sqlx::query_scalar(
        &db.sql("SELECT taxpayer_id FROM api_tokens WHERE token_sha256 = ? AND revoked_at IS NULL"),
    )
    .bind(sha256_hex(token.as_bytes()))
    .fetch_optional(&db.pool)
    .await
}
