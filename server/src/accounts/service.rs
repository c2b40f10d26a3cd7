//! Signing a taxpayer in, for the API and the sign-in form alike.
use super::password_hash;
use crate::{
    auth::{password, sessions, throttle},
    db::Database,
};

/// A taxpayer's sign-in attempt.
pub struct SignIn<'a> {
    /// The identifier as typed.
    pub taxpayer_id: &'a str,
    pub password: &'a str,
    /// The client's address (the throttle counts failures per account and address).
    pub address: &'a str,
    /// The session the browser had, ended by the new one.
    pub previous_session: Option<&'a str>,
}

/// A started session.
pub struct SignedIn {
    pub taxpayer_id: String,
    /// The session cookie's secret.
    pub secret: String,
}

/// Why signing in did not work.
#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    /// A wrong identifier or password: one answer for both.
    #[error("invalid credentials")]
    Credentials,
    /// Too many failures: try again after this many seconds.
    #[error("throttled for {0} s")]
    Throttled(u64),
    #[error(transparent)]
    Store(#[from] sqlx::Error),
}

/// Checks the throttle and the password; on success starts a new session (ending the one the
/// browser had).
pub async fn sign_in(db: &Database, attempt: &SignIn<'_>) -> Result<SignedIn, SignInError> {
    let (id, hash) = password_hash(db, attempt.taxpayer_id).await?;
    if let Some(wait) = throttle::blocked_for(db, &id, attempt.address).await? {
        return Err(SignInError::Throttled(wait));
    }
    if !password::verify(attempt.password.to_string(), hash).await {
        throttle::record_failure(db, &id, attempt.address).await?;
        return Err(SignInError::Credentials);
    }
    throttle::clear_account(db, &id).await?;
    let secret = sessions::TAXPAYERS
        .start(db, &id, attempt.previous_session)
        .await?;
    Ok(SignedIn {
        taxpayer_id: id,
        secret,
    })
}
