//! The taxpayer account use cases — registering, signing in — for the API and the forms alike.
use banshui_engine::{filing::password::check_password, ids::TaxpayerId, ErrorCode, FieldError};

use super::{find, insert, password_hash, Account, RegisterError, NAME_MAX_CHARS};
use crate::{
    auth::{
        password,
        second_factor::{self, Holder},
        sessions::{self, Origin},
        throttle,
    },
    db::Database,
};

/// A new account, as typed.
pub struct Register<'a> {
    pub taxpayer_id: &'a str,
    pub name: &'a str,
    pub password: &'a str,
    /// The client's address: at most `per_address` registrations from it in 15 minutes.
    pub address: &'a str,
    pub per_address: i64,
}

/// Checks every field (all problems at once, after `prior` ones about the request's shape;
/// a field refused there is not refused again), hashes the password and stores the account.
pub async fn register(
    db: &Database,
    cmd: &Register<'_>,
    prior: Vec<FieldError>,
) -> Result<Account, RegisterError> {
    let (raw_id, pass) = (cmd.taxpayer_id, cmd.password);
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
    let name = cmd.name.trim();
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
    if let Err(wait) = throttle::claim_registration(db, cmd.address, cmd.per_address).await? {
        return Err(RegisterError::Throttled(wait));
    }
    if find(db, id.as_str()).await?.is_some() {
        return Err(RegisterError::Taken);
    }
    let hash = password::hash(pass.to_string())
        .await
        .ok_or(RegisterError::Hashing)?;
    if !insert(db, &id, name, &hash).await? {
        return Err(RegisterError::Taken);
    }
    Ok(Account {
        taxpayer_id: id.as_str().to_string(),
        name: name.to_string(),
        kind: id.kind().as_str().to_string(),
    })
}

/// A taxpayer's sign-in attempt.
pub struct SignIn<'a> {
    /// The identifier as typed.
    pub taxpayer_id: &'a str,
    pub password: &'a str,
    /// The client's address (the throttle counts failures per account and address).
    pub address: &'a str,
    /// The session the browser had, ended by the new one.
    pub previous_session: Option<&'a str>,
    /// The code from the authenticator app (or a recovery code) when two-step sign-in is on;
    /// empty when none was typed.
    pub code: &'a str,
    /// The browser, for the session list.
    pub user_agent: &'a str,
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
    /// The password was right but two-step sign-in is on and no code was typed.
    #[error("a code from the authenticator app is required")]
    SecondFactorRequired,
    /// The password was right but the code was not.
    #[error("the code from the authenticator app is not right")]
    SecondFactorWrong,
    #[error(transparent)]
    Store(#[from] sqlx::Error),
}

/// Checks the throttle and the password; on success starts a new session (ending the one the
/// browser had).
pub async fn sign_in(db: &Database, attempt: &SignIn<'_>) -> Result<SignedIn, SignInError> {
    let (id, hash) = password_hash(db, attempt.taxpayer_id).await?;
    // The log names the account by a digest: an identifier is personal data.
    let account = &crate::random::sha256_hex(id.as_bytes())[..12];
    let claim = match throttle::claim(db, &id, attempt.address).await? {
        Ok(claim) => claim,
        Err(wait) => {
            tracing::warn!(account, address = attempt.address, "sign-in throttled");
            return Err(SignInError::Throttled(wait));
        }
    };
    if !password::verify(attempt.password.to_string(), hash).await {
        tracing::warn!(account, address = attempt.address, "sign-in failed");
        return Err(SignInError::Credentials);
    }
    if let Err(e) = second_step(db, Holder::Taxpayer, &id, attempt.code).await {
        tracing::warn!(account, address = attempt.address, error = %e, "sign-in second step failed");
        return Err(e);
    }
    claim.succeeded(db, &id).await?;
    let origin = Origin {
        agent: attempt.user_agent.to_string(),
        address: attempt.address.to_string(),
    };
    let secret = sessions::TAXPAYERS
        .start(db, &id, attempt.previous_session, &origin)
        .await?;
    Ok(SignedIn {
        taxpayer_id: id,
        secret,
    })
}

/// After a right password: the code, when the account has two-step sign-in on. A missing or
/// wrong code leaves the attempt counted as a failure (the throttle bounds guessing).
pub async fn second_step(
    db: &Database,
    who: Holder,
    holder: &str,
    code: &str,
) -> Result<(), SignInError> {
    if !second_factor::is_on(db, who, holder).await? {
        return Ok(());
    }
    if code.trim().is_empty() {
        return Err(SignInError::SecondFactorRequired);
    }
    if second_factor::check(db, who, holder, code).await? {
        Ok(())
    } else {
        Err(SignInError::SecondFactorWrong)
    }
}
