//! Server-side sessions: the cookie holds a random secret; the database holds its SHA-256,
//! whose session it is (a taxpayer or a staff member), when it started and when it was last
//! used. Taxpayers and staff have separate cookies and tables ([`Realm`]) but the same rules.
use http::HeaderMap;

use super::{AuthConfig, SESSION_COOKIE, STAFF_SESSION_COOKIE};
use crate::{
    clock::now_unix,
    db::Database,
    random::{secret, sha256_hex},
};

/// Activity is recorded at most this often (a write per request would be wasteful), or a
/// quarter of the idle timeout when that is shorter.
const TOUCH_EVERY_SECS: i64 = 15;

/// Whose sessions: the cookie's name and the table (with the column naming the holder).
#[derive(Clone, Copy, Debug)]
pub struct Realm {
    pub cookie: &'static str,
    table: &'static str,
    holder: &'static str,
}

/// Whether the request carries a taxpayer's or a staff member's session cookie (an ambient
/// credential: the CSRF check and the caching rule both ask).
pub fn any_session_cookie(headers: &HeaderMap) -> bool {
    TAXPAYERS.cookie_secret(headers).is_some() || STAFF.cookie_secret(headers).is_some()
}

pub const TAXPAYERS: Realm = Realm {
    cookie: SESSION_COOKIE,
    table: "sessions",
    holder: "taxpayer_id",
};

pub const STAFF: Realm = Realm {
    cookie: STAFF_SESSION_COOKIE,
    table: "staff_sessions",
    holder: "username",
};

impl Realm {
    /// The session secret from the `Cookie` header, if any.
    pub fn cookie_secret(self, headers: &HeaderMap) -> Option<String> {
        headers
            .get_all(http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == self.cookie)
            .map(|(_, value)| value.to_string())
            .filter(|v| !v.is_empty())
    }

    pub fn set_cookie(self, config: &AuthConfig, secret: &str) -> String {
        let secure = if config.secure_cookie { "; Secure" } else { "" };
        format!(
            "{}={secret}; Path=/; HttpOnly; SameSite=Lax{secure}",
            self.cookie
        )
    }

    pub fn clear_cookie(self, config: &AuthConfig) -> String {
        let secure = if config.secure_cookie { "; Secure" } else { "" };
        format!(
            "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}",
            self.cookie
        )
    }

    /// Starts a session (after the password was checked); returns the cookie secret. Any session
    /// the browser already had is ended first, so the id always changes at sign-in.
    pub async fn start(
        self,
        db: &Database,
        holder: &str,
        previous: Option<&str>,
    ) -> Result<String, sqlx::Error> {
        if let Some(previous) = previous {
            self.end(db, previous).await?;
        }
        let secret = secret();
        let now = now_unix();
        sqlx::query(&db.sql(&format!(
            "INSERT INTO {} (token_sha256, {}, created_unix, seen_unix) VALUES (?, ?, ?, ?)",
            self.table, self.holder
        )))
        .bind(sha256_hex(secret.as_bytes()))
        .bind(holder)
        .bind(now)
        .bind(now)
        .execute(&db.pool)
        .await?;
        Ok(secret)
    }

    pub async fn end(self, db: &Database, secret: &str) -> Result<(), sqlx::Error> {
        sqlx::query(&db.sql(&format!(
            "DELETE FROM {} WHERE token_sha256 = ?",
            self.table
        )))
        .bind(sha256_hex(secret.as_bytes()))
        .execute(&db.pool)
        .await?;
        Ok(())
    }

    /// The holder of a live session, recording this use; an expired session is deleted.
    pub async fn resume(
        self,
        db: &Database,
        config: &AuthConfig,
        secret: &str,
    ) -> Result<Option<Live>, sqlx::Error> {
        let hash = sha256_hex(secret.as_bytes());
        let row: Option<(String, i64, i64)> = sqlx::query_as(&db.sql(&format!(
            "SELECT {}, created_unix, seen_unix FROM {} WHERE token_sha256 = ?",
            self.holder, self.table
        )))
        .bind(&hash)
        .fetch_optional(&db.pool)
        .await?;
        let Some((holder, created, seen)) = row else {
            return Ok(None);
        };
        let now = now_unix();
        if now - seen > config.idle_secs || now - created > config.max_secs {
            sqlx::query(&db.sql(&format!(
                "DELETE FROM {} WHERE token_sha256 = ?",
                self.table
            )))
            .bind(&hash)
            .execute(&db.pool)
            .await?;
            return Ok(None);
        }
        if now - seen >= TOUCH_EVERY_SECS.min(config.idle_secs / 4) {
            sqlx::query(&db.sql(&format!(
                "UPDATE {} SET seen_unix = ? WHERE token_sha256 = ?",
                self.table
            )))
            .bind(now)
            .bind(&hash)
            .execute(&db.pool)
            .await?;
        }
        let absolute_left = config.max_secs - (now - created);
        Ok(Some(Live {
            holder,
            idle_left: config.idle_secs.min(absolute_left),
            absolute_left,
        }))
    }
}

/// A live session's state.
#[derive(Clone, Debug)]
pub struct Live {
    /// The taxpayer id or the staff username.
    pub holder: String,
    /// Seconds until the idle timeout (from now, after this use).
    pub idle_left: i64,
    /// Seconds until the absolute timeout.
    pub absolute_left: i64,
}
