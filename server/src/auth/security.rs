//! A person's own security settings, the same for taxpayers and staff: change the password
//! (every other session ends), see and end sessions ("sign out everywhere"), turn two-step
//! sign-in on and off. A staff member's changes go to the audit log in the same transaction.
use banshui_engine::{filing::password::check_password, Conflict, ErrorCode, FieldError};

use super::{
    password,
    second_factor::{self, Holder, SecondFactorError, Status},
    sessions::{Realm, SessionInfo},
    throttle, AuthConfig,
};
use crate::{db::Database, staff::audit::Action};

/// The signed-in person acting on their own account.
#[derive(Clone, Copy, Debug)]
pub struct Me<'a> {
    pub realm: Realm,
    /// Taxpayer id or staff username.
    pub holder: &'a str,
    /// The secret of the session this request came with.
    pub session: &'a str,
    pub address: &'a str,
    /// The account's role requires two-step sign-in (publishers and administrators).
    pub second_factor_required: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum SecurityError {
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error("conflict: {0:?}")]
    Conflict(Conflict),
    #[error("too many wrong passwords; wait {0} s")]
    Throttled(u64),
    #[error("the password could not be hashed")]
    Hashing,
    #[error(transparent)]
    Store(#[from] sqlx::Error),
}

impl Me<'_> {
    fn table(&self) -> &'static str {
        match self.realm.who {
            Holder::Taxpayer => "taxpayers",
            Holder::Staff => "staff",
        }
    }

    fn key(&self) -> &'static str {
        match self.realm.who {
            Holder::Taxpayer => "id",
            Holder::Staff => "username",
        }
    }

    /// A staff member's audit entry for `action`; none for taxpayers.
    fn audited(&self, action: &'static str) -> Option<Action<'_>> {
        (self.realm.who == Holder::Staff).then(|| Action {
            actor: self.holder,
            action,
            object: format!("staff:{}", self.holder),
            detail: String::new(),
            address: self.address,
        })
    }

    /// Checks the account's password, counted by the sign-in throttle (a stolen session cannot
    /// guess it at leisure): a wrong one is an error on `field`.
    async fn check_password(
        &self,
        db: &Database,
        typed: &str,
        field: &str,
    ) -> Result<(), SecurityError> {
        let subject = match self.realm.who {
            Holder::Taxpayer => self.holder.to_string(),
            Holder::Staff => format!("staff:{}", self.holder),
        };
        let claim = throttle::claim(db, &subject, self.address)
            .await?
            .map_err(SecurityError::Throttled)?;
        let stored: Option<String> = sqlx::query_scalar(&db.sql(&format!(
            "SELECT password_hash FROM {} WHERE {} = ?",
            self.table(),
            self.key()
        )))
        .bind(self.holder)
        .fetch_optional(&db.pool)
        .await?;
        if typed.is_empty() {
            return Err(invalid(field, ErrorCode::Required));
        }
        if !password::verify(typed.to_string(), stored).await {
            return Err(invalid(field, ErrorCode::WrongPassword));
        }
        claim.succeeded(db, &subject).await?;
        Ok(())
    }
}

fn invalid(field: &str, code: ErrorCode) -> SecurityError {
    SecurityError::Invalid(vec![FieldError::new(field, code)])
}

impl From<SecondFactorError> for SecurityError {
    fn from(e: SecondFactorError) -> Self {
        match e {
            SecondFactorError::AlreadyOn => SecurityError::Conflict(Conflict::SecondFactorOn),
            SecondFactorError::NotPending | SecondFactorError::NotOn => {
                SecurityError::Conflict(Conflict::SecondFactorNotPending)
            }
            SecondFactorError::WrongCode => invalid("code", ErrorCode::InvalidSecondFactor),
            SecondFactorError::Store(e) => SecurityError::Store(e),
        }
    }
}

/// Changes the password after checking the current one; every other session of the account
/// ends (the one making the change stays). Returns how many sessions ended.
pub async fn change_password(
    db: &Database,
    me: &Me<'_>,
    current: &str,
    new: &str,
) -> Result<u64, SecurityError> {
    let mut errors = Vec::new();
    if new.is_empty() {
        errors.push(FieldError::new("new_password", ErrorCode::Required));
    } else if let Err(mut e) = check_password(new, me.holder) {
        e.field = "new_password".into();
        errors.push(e);
    }
    if current.is_empty() {
        errors.push(FieldError::new("current_password", ErrorCode::Required));
    }
    if !errors.is_empty() {
        return Err(SecurityError::Invalid(errors));
    }
    me.check_password(db, current, "current_password").await?;
    let hash = password::hash(new.to_string())
        .await
        .ok_or(SecurityError::Hashing)?;
    let mut tx = db.write_transaction().await?;
    sqlx::query(&db.sql(&format!(
        "UPDATE {} SET password_hash = ? WHERE {} = ?",
        me.table(),
        me.key()
    )))
    .bind(&hash)
    .bind(me.holder)
    .execute(&mut *tx)
    .await?;
    if let Some(action) = me.audited("change_password") {
        crate::staff::audit::record_on(db, &mut tx, action).await?;
    }
    tx.commit().await?;
    Ok(me.realm.end_all(db, me.holder, Some(me.session)).await?)
}

pub async fn sessions(
    db: &Database,
    config: &AuthConfig,
    me: &Me<'_>,
) -> Result<Vec<SessionInfo>, sqlx::Error> {
    me.realm.list(db, config, me.holder, Some(me.session)).await
}

/// Ends one of the account's sessions; `false` when it has none by that id.
pub async fn end_session(db: &Database, me: &Me<'_>, id: &str) -> Result<bool, sqlx::Error> {
    me.realm.end_by_id(db, me.holder, id).await
}

/// "Sign out everywhere": every session of the account ends, this one too.
pub async fn end_everywhere(db: &Database, me: &Me<'_>) -> Result<u64, sqlx::Error> {
    me.realm.end_all(db, me.holder, None).await
}

pub async fn second_factor(db: &Database, me: &Me<'_>) -> Result<Status, sqlx::Error> {
    second_factor::status(db, me.realm.who, me.holder).await
}

/// Makes a new key for the authenticator app (replacing one still waiting for its first code).
pub async fn begin_second_factor(db: &Database, me: &Me<'_>) -> Result<Status, SecurityError> {
    Ok(second_factor::begin(db, me.realm.who, me.holder).await?)
}

/// Turns two-step sign-in on with the first code from the app; returns the recovery codes
/// (also kept for this session's next page when `for_page`).
pub async fn confirm_second_factor(
    db: &Database,
    me: &Me<'_>,
    code: &str,
    for_page: bool,
) -> Result<Vec<String>, SecurityError> {
    if code.trim().is_empty() {
        return Err(invalid("code", ErrorCode::Required));
    }
    let show_in = for_page.then_some(me.session);
    let audit = me.audited("second_factor_on");
    Ok(second_factor::confirm(db, me.realm.who, me.holder, code, show_in, audit).await?)
}

/// Turns two-step sign-in off, after the password and a current code; refused where the role
/// requires it.
pub async fn disable_second_factor(
    db: &Database,
    me: &Me<'_>,
    password: &str,
    code: &str,
) -> Result<(), SecurityError> {
    if me.second_factor_required {
        return Err(SecurityError::Conflict(
            Conflict::SecondFactorRequiredForRole,
        ));
    }
    if !second_factor::is_on(db, me.realm.who, me.holder).await? {
        return Err(SecurityError::Conflict(Conflict::SecondFactorNotPending));
    }
    if code.trim().is_empty() {
        return Err(invalid("code", ErrorCode::Required));
    }
    me.check_password(db, password, "password").await?;
    if !second_factor::check(db, me.realm.who, me.holder, code).await? {
        return Err(invalid("code", ErrorCode::InvalidSecondFactor));
    }
    let audit = me.audited("second_factor_off");
    second_factor::disable(db, me.realm.who, me.holder, audit).await?;
    Ok(())
}
