//! API tokens for accounting software: `bsk_` + 32 random bytes, shown once, stored as SHA-256.
//! Each expires (90 days unless asked otherwise, at most a year) and has a scope: `write`
//! (whatever the taxpayer may do) or `read` (reading only).
use serde::Serialize;

use crate::{
    clock::{now_rfc3339, now_unix, rfc3339},
    db::Database,
    random::{id, secret, sha256_hex},
};

pub const PREFIX: &str = "bsk_";
pub const DEFAULT_DAYS: i64 = 90;
pub const MAX_DAYS: i64 = 365;

/// What a token may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Read,
    Write,
}

impl Scope {
    pub fn parse(text: &str) -> Option<Scope> {
        match text {
            "read" => Some(Scope::Read),
            "write" => Some(Scope::Write),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::Write => "write",
        }
    }
}

#[derive(Debug, Serialize)]
pub struct TokenInfo {
    pub id: String,
    pub label: String,
    pub created_at: String,
    pub expires_at: Option<String>,
    pub scope: String,
    pub revoked_at: Option<String>,
}

/// A new token: its id, the secret (the only time it exists in clear), when it expires.
pub struct NewToken {
    pub id: String,
    pub token: String,
    pub expires_at: String,
}

/// Creates a token; returns its id and the secret (the only time it exists in clear).
pub async fn create(
    db: &Database,
    taxpayer_id: &str,
    label: &str,
    days: i64,
    scope: Scope,
) -> Result<NewToken, sqlx::Error> {
    let token = format!("{PREFIX}{}", secret());
    let token_id = id();
    let expires_at = rfc3339(now_unix() + days * 86_400);
    sqlx::query(&db.sql(
        "INSERT INTO api_tokens (id, taxpayer_id, label, token_sha256, created_at, expires_at, scope) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ))
    .bind(&token_id)
    .bind(taxpayer_id)
    .bind(label)
    .bind(sha256_hex(token.as_bytes()))
    .bind(now_rfc3339())
    .bind(&expires_at)
    .bind(scope.as_str())
    .execute(&db.pool)
    .await?;
    Ok(NewToken {
        id: token_id,
        token,
        expires_at,
    })
}

/// The caller's tokens, newest first.
pub async fn list(db: &Database, taxpayer_id: &str) -> Result<Vec<TokenInfo>, sqlx::Error> {
    type Row = (
        String,
        String,
        String,
        Option<String>,
        String,
        Option<String>,
    );
    let rows: Vec<Row> = sqlx::query_as(&db.sql(
        "SELECT id, label, created_at, expires_at, scope, revoked_at FROM api_tokens WHERE taxpayer_id = ? ORDER BY created_at DESC, id",
    ))
    .bind(taxpayer_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, label, created_at, expires_at, scope, revoked_at)| TokenInfo {
                id,
                label,
                created_at,
                expires_at,
                scope,
                revoked_at,
            },
        )
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

/// The taxpayer a live (not revoked, not expired) token belongs to, and its scope.
pub async fn resolve(db: &Database, token: &str) -> Result<Option<(String, Scope)>, sqlx::Error> {
    if !token.starts_with(PREFIX) {
        return Ok(None);
    }
    let row: Option<(String, String)> = sqlx::query_as(&db.sql(
        "SELECT taxpayer_id, scope FROM api_tokens WHERE token_sha256 = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)",
    ))
    .bind(sha256_hex(token.as_bytes()))
    .bind(now_rfc3339())
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|(taxpayer_id, scope)| (taxpayer_id, Scope::parse(&scope).unwrap_or(Scope::Read))))
}
