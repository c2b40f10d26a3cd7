//! Server-side sessions: the cookie holds a random secret; the database holds its SHA-256,
//! the taxpayer, when it started and when it was last used.
use http::HeaderMap;

use super::{AuthConfig, SESSION_COOKIE};
use crate::{
    clock::now_unix,
    db::Database,
    random::{secret, sha256_hex},
};

/// Activity is recorded at most this often (a write per request would be wasteful), or a
/// quarter of the idle timeout when that is shorter.
const TOUCH_EVERY_SECS: i64 = 15;

/// The session secret from the `Cookie` header, if any.
pub fn cookie_secret(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.to_string())
        .filter(|v| !v.is_empty())
}

pub fn set_cookie(config: &AuthConfig, secret: &str) -> String {
    let secure = if config.secure_cookie { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}={secret}; Path=/; HttpOnly; SameSite=Lax{secure}")
}

pub fn clear_cookie(config: &AuthConfig) -> String {
    let secure = if config.secure_cookie { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}")
}

/// Starts a session (after the password was checked); returns the cookie secret. Any session
/// the browser already had is ended first, so the id always changes at sign-in.
pub async fn start(
    db: &Database,
    taxpayer_id: &str,
    previous: Option<&str>,
) -> Result<String, sqlx::Error> {
    if let Some(previous) = previous {
        end(db, previous).await?;
    }
    let secret = secret();
    let now = now_unix();
    sqlx::query(&db.sql(
        "INSERT INTO sessions (token_sha256, taxpayer_id, created_unix, seen_unix) VALUES (?, ?, ?, ?)",
    ))
    .bind(sha256_hex(secret.as_bytes()))
    .bind(taxpayer_id)
    .bind(now)
    .bind(now)
    .execute(&db.pool)
    .await?;
    Ok(secret)
}

pub async fn end(db: &Database, secret: &str) -> Result<(), sqlx::Error> {
    sqlx::query(&db.sql("DELETE FROM sessions WHERE token_sha256 = ?"))
        .bind(sha256_hex(secret.as_bytes()))
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// A live session's state.
#[derive(Clone, Debug)]
pub struct Live {
    pub taxpayer_id: String,
    /// Seconds until the idle timeout (from now, after this use).
    pub idle_left: i64,
    /// Seconds until the absolute timeout.
    pub absolute_left: i64,
}

/// The taxpayer of a live session, recording this use; an expired session is deleted.
pub async fn resume(
    db: &Database,
    config: &AuthConfig,
    secret: &str,
) -> Result<Option<Live>, sqlx::Error> {
    let hash = sha256_hex(secret.as_bytes());
    let row: Option<(String, i64, i64)> = sqlx::query_as(
        &db.sql("SELECT taxpayer_id, created_unix, seen_unix FROM sessions WHERE token_sha256 = ?"),
    )
    .bind(&hash)
    .fetch_optional(&db.pool)
    .await?;
    let Some((taxpayer_id, created, seen)) = row else {
        return Ok(None);
    };
    let now = now_unix();
    if now - seen > config.idle_secs || now - created > config.max_secs {
        sqlx::query(&db.sql("DELETE FROM sessions WHERE token_sha256 = ?"))
            .bind(&hash)
            .execute(&db.pool)
            .await?;
        return Ok(None);
    }
    if now - seen >= TOUCH_EVERY_SECS.min(config.idle_secs / 4) {
        sqlx::query(&db.sql("UPDATE sessions SET seen_unix = ? WHERE token_sha256 = ?"))
            .bind(now)
            .bind(&hash)
            .execute(&db.pool)
            .await?;
    }
    let absolute_left = config.max_secs - (now - created);
    Ok(Some(Live {
        taxpayer_id,
        idle_left: config.idle_secs.min(absolute_left),
        absolute_left,
    }))
}
