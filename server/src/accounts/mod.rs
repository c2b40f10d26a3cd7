//! Taxpayer accounts: register and look up; `service` signs a taxpayer in.
pub mod service;

use banshui_engine::{filing::password::check_password, ids::TaxpayerId, ErrorCode, FieldError};

use crate::{auth::password, clock::now_rfc3339, db::Database};

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
    Store(sqlx::Error),
    Hashing,
}

impl From<sqlx::Error> for RegisterError {
    fn from(e: sqlx::Error) -> Self {
        RegisterError::Store(e)
    }
}

/// Validates every field (all errors at once, after `prior` ones about the request's shape),
/// hashes the password and stores the account.
pub async fn register(
    db: &Database,
    raw_id: &str,
    name: &str,
    pass: &str,
    prior: Vec<FieldError>,
) -> Result<Account, RegisterError> {
    let mut errors = prior;
    let reported = |errors: &Vec<FieldError>, f: &str| errors.iter().any(|e| e.field == f);
    let id = match TaxpayerId::parse(raw_id) {
        Ok(id) => Some(id),
        Err(e) => {
            if !reported(&errors, "taxpayer_id") {
                errors.push(e.into_field_error("taxpayer_id"));
            }
            None
        }
    };
    let name = name.trim();
    if reported(&errors, "name") {
    } else if name.is_empty() {
        errors.push(FieldError::new("name", ErrorCode::Required));
    } else if name.chars().count() > NAME_MAX_CHARS {
        errors.push(
            FieldError::new("name", ErrorCode::TooLong).with_limit(NAME_MAX_CHARS.to_string()),
        );
    }
    if let Err(e) = check_password(pass, id.as_ref().map_or(raw_id, |i| i.as_str())) {
        if !reported(&errors, "password") {
            errors.push(e);
        }
    }
    let Some(id) = id.filter(|_| errors.is_empty()) else {
        return Err(RegisterError::Invalid(errors));
    };
    if find(db, id.as_str()).await?.is_some() {
        return Err(RegisterError::Taken);
    }
    let hash = password::hash(pass.to_string())
        .await
        .ok_or(RegisterError::Hashing)?;
    let inserted = sqlx::query(&db.sql(
        "INSERT INTO taxpayers (id, kind, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
    ))
    .bind(id.as_str())
    .bind(id.kind().as_str())
    .bind(name)
    .bind(hash)
    .bind(now_rfc3339())
    .execute(&db.pool)
    .await?;
    if inserted.rows_affected() == 0 {
        return Err(RegisterError::Taken);
    }
    Ok(Account {
        taxpayer_id: id.as_str().to_string(),
        name: name.to_string(),
        kind: id.kind().as_str().to_string(),
    })
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
