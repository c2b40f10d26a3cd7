//! Server-side sessions: the cookie holds a random secret; the database holds its SHA-256,
//! whose session it is (a taxpayer or a staff member), when it started and when it was last
//! used. Taxpayers and staff have separate cookies and tables ([`Realm`]) but the same rules.
use http::HeaderMap;

use super::{second_factor::Holder, AuthConfig, SESSION_COOKIE, STAFF_SESSION_COOKIE};
use crate::{
    clock::{now_unix, rfc3339},
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
    /// Whose second factor the holder's is.
    pub who: Holder,
}

/// Where a session started: the browser's `User-Agent` (cut to 200 characters) and the
/// client's address, shown in the session list so a person recognises their devices.
#[derive(Clone, Debug, Default)]
pub struct Origin {
    pub agent: String,
    pub address: String,
}

impl Origin {
    pub fn new(headers: &HeaderMap, address: &str) -> Origin {
        let agent = headers
            .get(http::header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .chars()
            .filter(|c| !c.is_control())
            .take(200)
            .collect();
        Origin {
            agent,
            address: address.to_string(),
        }
    }
}

/// One live session, as its holder sees it in the list.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SessionInfo {
    /// The first 16 hex digits of the secret's SHA-256: names the session, reveals nothing.
    pub id: String,
    pub created_at: String,
    pub last_seen_at: String,
    pub user_agent: String,
    pub address: String,
    /// The session this request came with.
    pub current: bool,
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
    who: Holder::Taxpayer,
};

pub const STAFF: Realm = Realm {
    cookie: STAFF_SESSION_COOKIE,
    table: "staff_sessions",
    holder: "username",
    who: Holder::Staff,
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
        origin: &Origin,
    ) -> Result<String, sqlx::Error> {
        let mut conn = db.pool.acquire().await?;
        self.start_on(db, &mut conn, holder, previous, origin).await
    }

    /// [`Self::start`] on a connection the caller holds (inside the transaction that also
    /// records the sign-in).
    pub async fn start_on(
        self,
        db: &Database,
        conn: &mut sqlx::AnyConnection,
        holder: &str,
        previous: Option<&str>,
        origin: &Origin,
    ) -> Result<String, sqlx::Error> {
        if let Some(previous) = previous {
            sqlx::query(&db.sql(&format!(
                "DELETE FROM {} WHERE token_sha256 = ?",
                self.table
            )))
            .bind(sha256_hex(previous.as_bytes()))
            .execute(&mut *conn)
            .await?;
        }
        let secret = secret();
        let now = now_unix();
        sqlx::query(&db.sql(&format!(
            "INSERT INTO {} (token_sha256, {}, created_unix, seen_unix, user_agent, address) VALUES (?, ?, ?, ?, ?, ?)",
            self.table, self.holder
        )))
        .bind(sha256_hex(secret.as_bytes()))
        .bind(holder)
        .bind(now)
        .bind(now)
        .bind(&origin.agent)
        .bind(&origin.address)
        .execute(&mut *conn)
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

    /// The holder's live sessions, most recently used first; `current` marks the one whose
    /// secret is given.
    pub async fn list(
        self,
        db: &Database,
        config: &AuthConfig,
        holder: &str,
        current: Option<&str>,
    ) -> Result<Vec<SessionInfo>, sqlx::Error> {
        let now = now_unix();
        let rows: Vec<(String, i64, i64, String, String)> = sqlx::query_as(&db.sql(&format!(
            "SELECT token_sha256, created_unix, seen_unix, user_agent, address FROM {} WHERE {} = ? AND seen_unix >= ? AND created_unix >= ? ORDER BY seen_unix DESC, created_unix DESC",
            self.table, self.holder
        )))
        .bind(holder)
        .bind(now - config.idle_secs)
        .bind(now - config.max_secs)
        .fetch_all(&db.pool)
        .await?;
        let current = current.map(|s| sha256_hex(s.as_bytes()));
        Ok(rows
            .into_iter()
            .map(|(hash, created, seen, user_agent, address)| SessionInfo {
                id: hash.get(..16).unwrap_or_default().to_string(),
                current: current.as_deref() == Some(hash.as_str()),
                created_at: rfc3339(created),
                last_seen_at: rfc3339(seen),
                user_agent,
                address,
            })
            .collect())
    }

    /// Ends the holder's session named `id` (see [`SessionInfo::id`]); `false` when the holder
    /// has no such session.
    pub async fn end_by_id(
        self,
        db: &Database,
        holder: &str,
        id: &str,
    ) -> Result<bool, sqlx::Error> {
        if id.len() != 16 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(false);
        }
        let done = sqlx::query(&db.sql(&format!(
            "DELETE FROM {} WHERE {} = ? AND substr(token_sha256, 1, 16) = ?",
            self.table, self.holder
        )))
        .bind(holder)
        .bind(id.to_ascii_lowercase())
        .execute(&db.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Ends every session of the holder but the one whose secret is `keep` (all with `None`):
    /// after a password change, and "sign out everywhere".
    pub async fn end_all(
        self,
        db: &Database,
        holder: &str,
        keep: Option<&str>,
    ) -> Result<u64, sqlx::Error> {
        let keep = keep.map(|s| sha256_hex(s.as_bytes())).unwrap_or_default();
        let done = sqlx::query(&db.sql(&format!(
            "DELETE FROM {} WHERE {} = ? AND token_sha256 <> ?",
            self.table, self.holder
        )))
        .bind(holder)
        .bind(keep)
        .execute(&db.pool)
        .await?;
        Ok(done.rows_affected())
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
