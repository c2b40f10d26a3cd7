//! The staff SQL (and the types it reads and writes).
use banshui_engine::{filing::password::check_password, ErrorCode, FieldError};

use crate::{auth::password, clock::now_rfc3339, db::Database};

/// What a staff member may do; each role includes the ones before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// Writes drafts and submits them for review; answers consultations.
    Editor,
    /// Also publishes and archives articles, turns Q&A into FAQs, edits benchmarks.
    Publisher,
    /// Also manages staff and reads the audit log.
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Editor => "editor",
            Role::Publisher => "publisher",
            Role::Admin => "admin",
        }
    }

    pub fn parse(raw: &str) -> Option<Role> {
        match raw.trim() {
            "editor" => Some(Role::Editor),
            "publisher" => Some(Role::Publisher),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    #[error("{0}")]
    Invalid(String),
    #[error("a staff member named {0} already exists")]
    Taken(String),
    #[error("storage failed: {0}")]
    Store(#[from] sqlx::Error),
    #[error("the password could not be hashed")]
    Hashing,
}

/// Usernames: 3–40 lower-case letters, digits, `.`, `_` or `-`.
pub fn normalize_username(raw: &str) -> Option<String> {
    let name = raw.trim().to_lowercase();
    let ok = (3..=40).contains(&name.chars().count())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    ok.then_some(name)
}

/// Creates a staff account (the operator's command) with its audit entry; the password follows the
/// taxpayer rules.
pub async fn create(
    db: &Database,
    raw_username: &str,
    role: Role,
    pass: &str,
) -> Result<String, CreateError> {
    let username = normalize_username(raw_username).ok_or_else(|| {
        CreateError::Invalid(
            "the username must have 3 to 40 characters: a-z, 0-9, '.', '_' or '-'".into(),
        )
    })?;
    if let Err(FieldError { code, limit, .. }) = check_password(pass, &username) {
        let why = match code {
            ErrorCode::PasswordTooShort => format!(
                "the password needs at least {} characters",
                limit.unwrap_or_default()
            ),
            ErrorCode::TooLong => "the password is too long".into(),
            _ => "the password is too easy to guess".into(),
        };
        return Err(CreateError::Invalid(why));
    }
    let hash = password::hash(pass.to_string())
        .await
        .ok_or(CreateError::Hashing)?;
    // The account and its audit entry are stored together or not at all.
    let mut tx = db.write_transaction().await?;
    insert(db, &mut tx, &username, role, &hash).await?;
    let entry = super::audit::Action {
        actor: "operator",
        action: "create_staff",
        object: format!("staff:{username}"),
        detail: format!("role {}", role.as_str()),
        address: "command line",
    };
    super::audit::record_on(db, &mut tx, entry).await?;
    tx.commit().await?;
    Ok(username)
}

/// Stores a new account (its name normalized, its password hashed) on the caller's connection.
pub async fn insert(
    db: &Database,
    conn: &mut sqlx::AnyConnection,
    username: &str,
    role: Role,
    password_hash: &str,
) -> Result<(), CreateError> {
    let inserted = sqlx::query(&db.sql(
        "INSERT INTO staff (username, role, password_hash, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
    ))
    .bind(username)
    .bind(role.as_str())
    .bind(password_hash)
    .bind(now_rfc3339())
    .execute(&mut *conn)
    .await?;
    if inserted.rows_affected() == 0 {
        return Err(CreateError::Taken(username.to_string()));
    }
    Ok(())
}

/// The stored password hash of a username as typed, if the account exists.
pub async fn password_hash(
    db: &Database,
    raw_username: &str,
) -> Result<(String, Option<String>), sqlx::Error> {
    let username = raw_username.trim().to_lowercase();
    let hash: Option<String> = sqlx::query_scalar(
        &db.sql("SELECT password_hash FROM staff WHERE username = ? AND disabled_at IS NULL"),
    )
    .bind(&username)
    .fetch_optional(&db.pool)
    .await?;
    Ok((username, hash))
}

pub async fn role_of(db: &Database, username: &str) -> Result<Option<Role>, sqlx::Error> {
    let role: Option<String> = sqlx::query_scalar(
        &db.sql("SELECT role FROM staff WHERE username = ? AND disabled_at IS NULL"),
    )
    .bind(username)
    .fetch_optional(&db.pool)
    .await?;
    Ok(role.as_deref().and_then(Role::parse))
}

/// One staff account as admins see it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Member {
    pub username: String,
    pub role: String,
    pub created_at: String,
    pub disabled_at: Option<String>,
}

impl Member {
    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "username": self.username, "role": self.role, "created_at": self.created_at,
            "active": self.disabled_at.is_none(), "disabled_at": self.disabled_at,
        })
    }
}

/// Every staff account, by username.
pub async fn list(db: &Database) -> Result<Vec<Member>, sqlx::Error> {
    sqlx::query_as(
        &db.sql("SELECT username, role, created_at, disabled_at FROM staff ORDER BY username"),
    )
    .fetch_all(&db.pool)
    .await
}

pub async fn find(db: &Database, username: &str) -> Result<Option<Member>, sqlx::Error> {
    sqlx::query_as(
        &db.sql("SELECT username, role, created_at, disabled_at FROM staff WHERE username = ?"),
    )
    .bind(username)
    .fetch_optional(&db.pool)
    .await
}

/// Changes a staff member's role and whether the account is active, on the caller's
/// connection (inside its transaction). Disabling ends the member's sessions at once.
pub async fn change(
    db: &Database,
    tx: &mut sqlx::AnyConnection,
    username: &str,
    role: Option<Role>,
    active: Option<bool>,
) -> Result<(), sqlx::Error> {
    if let Some(role) = role {
        sqlx::query(&db.sql("UPDATE staff SET role = ? WHERE username = ?"))
            .bind(role.as_str())
            .bind(username)
            .execute(&mut *tx)
            .await?;
    }
    match active {
        Some(false) => {
            sqlx::query(&db.sql(
                "UPDATE staff SET disabled_at = ? WHERE username = ? AND disabled_at IS NULL",
            ))
            .bind(now_rfc3339())
            .bind(username)
            .execute(&mut *tx)
            .await?;
            sqlx::query(&db.sql("DELETE FROM staff_sessions WHERE username = ?"))
                .bind(username)
                .execute(&mut *tx)
                .await?;
        }
        Some(true) => {
            sqlx::query(&db.sql("UPDATE staff SET disabled_at = NULL WHERE username = ?"))
                .bind(username)
                .execute(&mut *tx)
                .await?;
        }
        None => {}
    }
    Ok(())
}
