//! Staff sign-in, and staff accounts managed by administrators: the use cases the API and the
//! staff pages share. Each change is stored with its audit entry in one transaction; an administrator
//! cannot change their own account (no locking oneself or everyone out).
use banshui_engine::{filing::password::check_password, Conflict, ErrorCode, FieldError};

use super::{
    audit::{self, Action},
    change, find, insert, normalize_username, password_hash, role_of, CreateError, Member, Role,
};
use crate::{
    accounts::service::{second_step, SignInError},
    auth::{
        password,
        second_factor::Holder,
        sessions::{Origin, STAFF},
        throttle, Forbidden, StaffMember,
    },
    db::Database,
};

/// A staff sign-in attempt.
pub struct StaffSignIn<'a> {
    pub username: &'a str,
    pub password: &'a str,
    pub address: &'a str,
    /// The staff session the browser had, ended by the new one.
    pub previous_session: Option<&'a str>,
    /// The code from the authenticator app or a recovery code; empty when none was typed.
    pub code: &'a str,
    /// The browser, for the session list.
    pub user_agent: &'a str,
}

/// A started staff session.
pub struct StaffSignedIn {
    pub username: String,
    pub role: Role,
    pub secret: String,
}

/// Checks the throttle and the password, starts a new staff session and records the sign-in
/// in the audit log. A disabled account is refused like a wrong password.
pub async fn sign_in(
    db: &Database,
    attempt: &StaffSignIn<'_>,
) -> Result<StaffSignedIn, SignInError> {
    let (username, hash) = password_hash(db, attempt.username).await?;
    let subject = format!("staff:{username}");
    // Refused attempts are audited too (who was tried, from where); the name as typed is cut
    // short, and the throttle bounds how many rows one address can add.
    let refused = |action: &'static str| {
        let object = format!("staff:{}", username.chars().take(64).collect::<String>());
        async move {
            tracing::warn!(%object, address = attempt.address, action, "staff sign-in refused");
            let entry = Action {
                actor: "-",
                action,
                object,
                detail: String::new(),
                address: attempt.address,
            };
            audit::record(db, entry).await
        }
    };
    let claim = match throttle::claim(db, &subject, attempt.address).await? {
        Ok(claim) => claim,
        Err(wait) => {
            refused("sign_in_throttled").await?;
            return Err(SignInError::Throttled(wait));
        }
    };
    if !password::verify(attempt.password.to_string(), hash).await {
        refused("sign_in_failed").await?;
        return Err(SignInError::Credentials);
    }
    if let Err(e) = second_step(db, Holder::Staff, &username, attempt.code).await {
        if matches!(e, SignInError::SecondFactorWrong) {
            refused("sign_in_second_factor_failed").await?;
        }
        return Err(e);
    }
    claim.succeeded(db, &subject).await?;
    let role = role_of(db, &username)
        .await?
        .ok_or(SignInError::Credentials)?;
    let origin = Origin {
        agent: attempt.user_agent.to_string(),
        address: attempt.address.to_string(),
    };
    // The session and its audit entry are stored together or not at all.
    let mut tx = db.write_transaction().await?;
    let secret = STAFF
        .start_on(db, &mut tx, &username, attempt.previous_session, &origin)
        .await?;
    let entry = Action {
        actor: &username,
        action: "sign_in",
        object: format!("staff:{username}"),
        detail: String::new(),
        address: attempt.address,
    };
    audit::record_on(db, &mut tx, entry).await?;
    tx.commit().await?;
    Ok(StaffSignedIn {
        username,
        role,
        secret,
    })
}

/// A new staff account. `None`: the field was not sent.
#[derive(Clone, Debug, Default)]
pub struct AddMember {
    pub username: Option<String>,
    pub role: Option<String>,
    pub password: Option<String>,
}

/// A change to another account: its role, whether it is active. `None`: unchanged.
#[derive(Clone, Debug, Default)]
pub struct ChangeMember {
    pub role: Option<String>,
    pub active: Option<bool>,
}

#[derive(Debug, thiserror::Error)]
pub enum MemberError {
    /// Problems with the command's fields, each on its field.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error("administrators only")]
    Forbidden,
    #[error("no such staff member")]
    NotFound,
    #[error("conflict: {0:?}")]
    Conflict(Conflict),
    /// The password could not be hashed; nothing was stored.
    #[error("password hashing failed")]
    Hashing,
    #[error(transparent)]
    Store(#[from] sqlx::Error),
}

impl From<Forbidden> for MemberError {
    fn from(_: Forbidden) -> Self {
        MemberError::Forbidden
    }
}

/// The fields of a staff account in the order their problems are reported.
const FIELD_ORDER: [&str; 4] = ["username", "role", "password", "active"];

fn invalid(mut errors: Vec<FieldError>) -> MemberError {
    errors.sort_by_key(|e| FIELD_ORDER.iter().position(|f| *f == e.field).unwrap_or(0));
    MemberError::Invalid(errors)
}

fn role(text: Option<&str>, errors: &mut Vec<FieldError>) -> Option<Role> {
    let role = Role::parse(text?);
    if role.is_none() {
        errors.push(FieldError::new("role", ErrorCode::InvalidChoice));
    }
    role
}

/// Creates an account (administrators). `shape`: problems the JSON edge already found; a field
/// refused there is not refused again.
pub async fn add_member(
    db: &Database,
    admin: &StaffMember,
    cmd: &AddMember,
    mut errors: Vec<FieldError>,
) -> Result<Member, MemberError> {
    admin.require(Role::Admin)?;
    let fresh = |errors: &[FieldError], field: &str| !errors.iter().any(|e| e.field == field);
    let username = match cmd.username.as_deref() {
        Some(raw) => {
            let name = normalize_username(raw);
            if name.is_none() && fresh(&errors, "username") {
                errors.push(FieldError::new("username", ErrorCode::InvalidUsername));
            }
            name
        }
        None => {
            if fresh(&errors, "username") {
                errors.push(FieldError::new("username", ErrorCode::Required));
            }
            None
        }
    };
    let role = match cmd.role.as_deref() {
        None if fresh(&errors, "role") => {
            errors.push(FieldError::new("role", ErrorCode::Required));
            None
        }
        text => role(text, &mut errors),
    };
    match cmd.password.as_deref() {
        Some(pass) => {
            if let Err(e) = check_password(pass, username.as_deref().unwrap_or("")) {
                errors.push(e);
            }
        }
        None if fresh(&errors, "password") => {
            errors.push(FieldError::new("password", ErrorCode::Required));
        }
        None => {}
    }
    let (Some(username), Some(role), true) = (username, role, errors.is_empty()) else {
        return Err(invalid(errors));
    };
    let hash = password::hash(cmd.password.clone().unwrap_or_default())
        .await
        .ok_or(MemberError::Hashing)?;
    let mut tx = db.write_transaction().await?;
    match insert(db, &mut tx, &username, role, &hash).await {
        Ok(()) => {}
        Err(CreateError::Taken(_)) => return Err(MemberError::Conflict(Conflict::UsernameTaken)),
        Err(CreateError::Store(e)) => return Err(e.into()),
        Err(CreateError::Invalid(_) | CreateError::Hashing) => return Err(MemberError::Hashing),
    }
    let entry = Action {
        actor: &admin.username,
        action: "create_staff",
        object: format!("staff:{username}"),
        detail: format!("role {}", role.as_str()),
        address: &admin.address,
    };
    audit::record_on(db, &mut tx, entry).await?;
    tx.commit().await?;
    find(db, &username).await?.ok_or(MemberError::NotFound)
}

/// Changes another account's role or whether it is active (administrators).
pub async fn change_member(
    db: &Database,
    admin: &StaffMember,
    username: &str,
    cmd: &ChangeMember,
    mut errors: Vec<FieldError>,
) -> Result<Member, MemberError> {
    admin.require(Role::Admin)?;
    let username = username.trim().to_lowercase();
    let before = find(db, &username).await?.ok_or(MemberError::NotFound)?;
    let role = role(cmd.role.as_deref(), &mut errors);
    if !errors.is_empty() {
        return Err(invalid(errors));
    }
    if username == admin.username {
        return Err(MemberError::Conflict(Conflict::CannotChangeSelf));
    }
    let mut tx = db.write_transaction().await?;
    change(db, &mut tx, &username, role, cmd.active).await?;
    let after_role = role.map_or(before.role.clone(), |r| r.as_str().to_string());
    let active_before = before.disabled_at.is_none();
    let entry = Action {
        actor: &admin.username,
        action: "change_staff",
        object: format!("staff:{username}"),
        detail: format!(
            "role {} → {}; active {} → {}",
            before.role,
            after_role,
            active_before,
            cmd.active.unwrap_or(active_before)
        ),
        address: &admin.address,
    };
    audit::record_on(db, &mut tx, entry).await?;
    tx.commit().await?;
    find(db, &username).await?.ok_or(MemberError::NotFound)
}
