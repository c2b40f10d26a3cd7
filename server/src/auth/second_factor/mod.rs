//! Two-step sign-in for taxpayers and staff: a TOTP key per account (enrolled by typing one
//! code from the app), ten one-time recovery codes for a lost phone, and the check at sign-in.
//! Required for publishers and administrators (see `StaffMember::must_enrol`), offered to
//! everyone else.
//!
//! Keys are stored as they are (the server must compute codes from them); recovery codes only
//! as SHA-256. A TOTP code works once: the step it belongs to is recorded and no code of that
//! step or an earlier one is accepted again.
pub mod totp;

use sqlx::Row;

use crate::{
    clock::{now_rfc3339, now_unix},
    db::Database,
    random::{self, sha256_hex},
    staff::audit::{self, Action},
};

const ISSUER: &str = "Banshui 办税";
const RECOVERY_CODES: usize = 10;
/// New recovery codes wait this long to be shown before they are dropped from the display.
const SHOW_CODES_SECS: i64 = 600;

/// Whose account: the `realm` column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holder {
    Taxpayer,
    Staff,
}

impl Holder {
    fn as_str(self) -> &'static str {
        match self {
            Holder::Taxpayer => "taxpayer",
            Holder::Staff => "staff",
        }
    }
}

/// Where an account stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    Off,
    /// A key was made and waits for its first code.
    Pending {
        key: String,
        uri: String,
    },
    On {
        recovery_codes_left: i64,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum SecondFactorError {
    #[error("two-step sign-in is already on")]
    AlreadyOn,
    #[error("no enrolment is waiting for a code")]
    NotPending,
    #[error("two-step sign-in is not on")]
    NotOn,
    #[error("the code is not right")]
    WrongCode,
    #[error(transparent)]
    Store(#[from] sqlx::Error),
}

pub async fn status(db: &Database, who: Holder, holder: &str) -> Result<Status, sqlx::Error> {
    let row = sqlx::query(
        &db.sql("SELECT secret, confirmed FROM second_factors WHERE realm = ? AND holder = ?"),
    )
    .bind(who.as_str())
    .bind(holder)
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else {
        return Ok(Status::Off);
    };
    let (key, confirmed): (String, i64) = (row.try_get(0)?, row.try_get(1)?);
    if confirmed == 0 {
        let uri = totp::otpauth_uri(ISSUER, holder, &key);
        return Ok(Status::Pending { key, uri });
    }
    let (left,): (i64,) = sqlx::query_as(&db.sql(
        "SELECT COUNT(*) FROM recovery_codes WHERE realm = ? AND holder = ? AND used_at IS NULL",
    ))
    .bind(who.as_str())
    .bind(holder)
    .fetch_one(&db.pool)
    .await?;
    Ok(Status::On {
        recovery_codes_left: left,
    })
}

pub async fn is_on(db: &Database, who: Holder, holder: &str) -> Result<bool, sqlx::Error> {
    Ok(matches!(status(db, who, holder).await?, Status::On { .. }))
}

/// Makes a new key waiting for its first code (replacing one that waited); refused when
/// two-step sign-in is on already.
pub async fn begin(db: &Database, who: Holder, holder: &str) -> Result<Status, SecondFactorError> {
    let key = totp::base32(&random::bytes::<20>());
    let mut tx = db.write_transaction().await?;
    let confirmed: Option<(i64,)> = sqlx::query_as(
        &db.sql("SELECT confirmed FROM second_factors WHERE realm = ? AND holder = ?"),
    )
    .bind(who.as_str())
    .bind(holder)
    .fetch_optional(&mut *tx)
    .await?;
    match confirmed {
        Some((1,)) => return Err(SecondFactorError::AlreadyOn),
        Some(_) => {
            sqlx::query(&db.sql(
                "UPDATE second_factors SET secret = ?, created_at = ?, last_step = 0 WHERE realm = ? AND holder = ?",
            ))
            .bind(&key)
            .bind(now_rfc3339())
            .bind(who.as_str())
            .bind(holder)
            .execute(&mut *tx)
            .await?;
        }
        None => {
            sqlx::query(&db.sql(
                "INSERT INTO second_factors (realm, holder, secret, confirmed, last_step, created_at) VALUES (?, ?, ?, 0, 0, ?)",
            ))
            .bind(who.as_str())
            .bind(holder)
            .bind(&key)
            .bind(now_rfc3339())
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    let uri = totp::otpauth_uri(ISSUER, holder, &key);
    Ok(Status::Pending { key, uri })
}

/// Accepts the first code from the app: two-step sign-in is on. Returns the new recovery codes
/// (only their hashes are kept). With `show_in`, a session's secret, they are also kept for up
/// to 10 minutes for that session's next page to show once (the forms redirect after a post).
pub async fn confirm(
    db: &Database,
    who: Holder,
    holder: &str,
    code: &str,
    show_in: Option<&str>,
    audit: Option<Action<'_>>,
) -> Result<Vec<String>, SecondFactorError> {
    let mut tx = db.write_transaction().await?;
    let row: Option<(String, i64, i64)> = sqlx::query_as(&db.sql(
        "SELECT secret, confirmed, last_step FROM second_factors WHERE realm = ? AND holder = ?",
    ))
    .bind(who.as_str())
    .bind(holder)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((key, 0, last)) = row else {
        return Err(SecondFactorError::NotPending);
    };
    let bytes = totp::from_base32(&key).unwrap_or_default();
    let Some(step) = totp::matching_step(&bytes, code, now_unix(), last) else {
        return Err(SecondFactorError::WrongCode);
    };
    sqlx::query(&db.sql(
        "UPDATE second_factors SET confirmed = 1, last_step = ? WHERE realm = ? AND holder = ?",
    ))
    .bind(step)
    .bind(who.as_str())
    .bind(holder)
    .execute(&mut *tx)
    .await?;
    let codes = replace_recovery_codes(db, &mut tx, who, holder).await?;
    if let Some(session_secret) = show_in {
        sqlx::query(&db.sql(
            "DELETE FROM recovery_codes_to_show WHERE session_sha256 = ? OR created_unix < ?",
        ))
        .bind(sha256_hex(session_secret.as_bytes()))
        .bind(now_unix() - SHOW_CODES_SECS)
        .execute(&mut *tx)
        .await?;
        sqlx::query(&db.sql(
            "INSERT INTO recovery_codes_to_show (session_sha256, codes, created_unix) VALUES (?, ?, ?)",
        ))
        .bind(sha256_hex(session_secret.as_bytes()))
        .bind(codes.join(" "))
        .bind(now_unix())
        .execute(&mut *tx)
        .await?;
    }
    if let Some(action) = audit {
        audit::record_on(db, &mut tx, action).await?;
    }
    tx.commit().await?;
    Ok(codes)
}

/// The recovery codes made in this session, once (the page that shows them takes them).
pub async fn take_codes_to_show(
    db: &Database,
    session_secret: &str,
) -> Result<Vec<String>, sqlx::Error> {
    let hash = sha256_hex(session_secret.as_bytes());
    let mut tx = db.write_transaction().await?;
    let row: Option<(String, i64)> = sqlx::query_as(
        &db.sql("SELECT codes, created_unix FROM recovery_codes_to_show WHERE session_sha256 = ?"),
    )
    .bind(&hash)
    .fetch_optional(&mut *tx)
    .await?;
    sqlx::query(&db.sql("DELETE FROM recovery_codes_to_show WHERE session_sha256 = ?"))
        .bind(&hash)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(row
        .filter(|(_, at)| now_unix() - at <= SHOW_CODES_SECS)
        .map(|(codes, _)| codes.split(' ').map(str::to_string).collect())
        .unwrap_or_default())
}

async fn replace_recovery_codes(
    db: &Database,
    conn: &mut sqlx::AnyConnection,
    who: Holder,
    holder: &str,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query(&db.sql("DELETE FROM recovery_codes WHERE realm = ? AND holder = ?"))
        .bind(who.as_str())
        .bind(holder)
        .execute(&mut *conn)
        .await?;
    let mut codes = Vec::with_capacity(RECOVERY_CODES);
    for _ in 0..RECOVERY_CODES {
        // 50 bits each, written as two groups of five base32 characters.
        let text = totp::base32(&random::bytes::<10>());
        let code = format!("{}-{}", &text[..5], &text[5..10]);
        sqlx::query(&db.sql(
            "INSERT INTO recovery_codes (realm, holder, code_sha256, used_at) VALUES (?, ?, ?, NULL)",
        ))
        .bind(who.as_str())
        .bind(holder)
        .bind(sha256_hex(totp::normalize(&code).as_bytes()))
        .execute(&mut *conn)
        .await?;
        codes.push(code);
    }
    Ok(codes)
}

/// Checks a code typed at sign-in (or to confirm a change): a TOTP code from the app, used once,
/// or an unused recovery code, which is used up. `Ok(false)` when it is neither.
pub async fn check(
    db: &Database,
    who: Holder,
    holder: &str,
    code: &str,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.write_transaction().await?;
    let row: Option<(String, i64)> = sqlx::query_as(&db.sql(
        "SELECT secret, last_step FROM second_factors WHERE realm = ? AND holder = ? AND confirmed = 1",
    ))
    .bind(who.as_str())
    .bind(holder)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((key, last)) = row else {
        return Ok(false);
    };
    let bytes = totp::from_base32(&key).unwrap_or_default();
    let accepted = if let Some(step) = totp::matching_step(&bytes, code, now_unix(), last) {
        sqlx::query(&db.sql(
            "UPDATE second_factors SET last_step = ? WHERE realm = ? AND holder = ? AND last_step < ?",
        ))
        .bind(step)
        .bind(who.as_str())
        .bind(holder)
        .bind(step)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1
    } else {
        sqlx::query(&db.sql(
            "UPDATE recovery_codes SET used_at = ? WHERE realm = ? AND holder = ? AND code_sha256 = ? AND used_at IS NULL",
        ))
        .bind(now_rfc3339())
        .bind(who.as_str())
        .bind(holder)
        .bind(sha256_hex(totp::normalize(code).as_bytes()))
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1
    };
    tx.commit().await?;
    Ok(accepted)
}

/// Turns two-step sign-in off (the caller checked the password and a code first).
pub async fn disable(
    db: &Database,
    who: Holder,
    holder: &str,
    audit: Option<Action<'_>>,
) -> Result<(), sqlx::Error> {
    let mut tx = db.write_transaction().await?;
    if let Some(action) = audit {
        audit::record_on(db, &mut tx, action).await?;
    }
    for table in ["second_factors", "recovery_codes"] {
        sqlx::query(&db.sql(&format!(
            "DELETE FROM {table} WHERE realm = ? AND holder = ?"
        )))
        .bind(who.as_str())
        .bind(holder)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
