//! The accounts SQL (and the types it reads and writes).
use banshui_engine::{ids::TaxpayerId, FieldError};

use crate::{clock::now_rfc3339, db::Database};

pub const NAME_MAX_CHARS: usize = 100;

#[derive(Clone, Debug, serde::Serialize)]
pub struct Account {
    pub taxpayer_id: String,
    pub name: String,
    pub kind: String,
}

#[derive(Debug)]
pub enum RegisterError {
    Invalid(Vec<FieldError>),
    Taken,
    /// Too many registrations from the client's address: seconds to wait.
    Throttled(u64),
    Store(sqlx::Error),
    Hashing,
}

impl From<sqlx::Error> for RegisterError {
    fn from(e: sqlx::Error) -> Self {
        RegisterError::Store(e)
    }
}

/// Stores a new account (checked, password hashed); `false` when the identifier is taken.
pub async fn insert(
    db: &Database,
    id: &TaxpayerId,
    name: &str,
    password_hash: &str,
) -> Result<bool, sqlx::Error> {
    let inserted = sqlx::query(&db.sql(
        "INSERT INTO taxpayers (id, kind, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
    ))
    .bind(id.as_str())
    .bind(id.kind().as_str())
    .bind(name)
    .bind(password_hash)
    .bind(now_rfc3339())
    .execute(&db.pool)
    .await?;
    Ok(inserted.rows_affected() > 0)
}

pub async fn find(db: &Database, taxpayer_id: &str) -> Result<Option<Account>, sqlx::Error> {
    let row: Option<(String, String, String)> =
        sqlx::query_as(&db.sql("SELECT id, name, kind FROM taxpayers WHERE id = ?"))
            .bind(taxpayer_id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(row.map(|(taxpayer_id, name, kind)| Account {
        taxpayer_id,
        name,
        kind,
    }))
}

/// The stored password hash of an identifier as typed (normalised first), if the account exists.
pub async fn password_hash(
    db: &Database,
    raw_id: &str,
) -> Result<(String, Option<String>), sqlx::Error> {
    let normalized = TaxpayerId::parse(raw_id)
        .map(|id| id.as_str().to_string())
        .unwrap_or_else(|_| raw_id.trim().to_uppercase());
    let hash: Option<String> =
        sqlx::query_scalar(&db.sql("SELECT password_hash FROM taxpayers WHERE id = ?"))
            .bind(&normalized)
            .fetch_optional(&db.pool)
            .await?;
    Ok((normalized, hash))
}
