//! The staff member calling a staff endpoint, from the staff session cookie. Without one the
//! request gets 401; with too small a role, 403. Publishers and administrators must have
//! two-step sign-in on: until they do, only their security settings and signing out answer
//! (403 `second_factor_enrolment_required` elsewhere).
use axum::{extract::FromRequestParts, http::request::Parts};

use super::{
    second_factor::{self, Holder},
    sessions::STAFF,
};
use crate::{
    http::{client_address, ApiError},
    staff::{self, Role},
    state::AppState,
};

#[derive(Clone, Debug)]
pub struct StaffMember {
    pub username: String,
    pub role: Role,
    /// The client's address, for the audit log.
    pub address: String,
    /// The cookie secret (to end the session).
    pub secret: String,
    /// The role requires two-step sign-in and it is not on yet.
    pub must_enrol: bool,
}

/// What a member who must enrol may still reach: their security settings, signing out.
const ENROLMENT_PATHS: [&str; 4] = [
    "/api/v1/staff/me",
    "/api/v1/staff/session",
    "/staff/security",
    "/staff/sign-out",
];

impl StaffMember {
    pub async fn from_parts(
        parts: &Parts,
        state: &AppState,
    ) -> Result<Option<StaffMember>, sqlx::Error> {
        let Some(secret) = STAFF.cookie_secret(&parts.headers) else {
            return Ok(None);
        };
        let Some(live) = STAFF.resume(&state.db, &state.auth, &secret).await? else {
            return Ok(None);
        };
        let Some(role) = staff::role_of(&state.db, &live.holder).await? else {
            return Ok(None);
        };
        let must_enrol = match state.auth.second_factor_from {
            Some(from) if role >= from => {
                !second_factor::is_on(&state.db, Holder::Staff, &live.holder).await?
            }
            _ => false,
        };
        Ok(Some(StaffMember {
            username: live.holder,
            role,
            address: client_address(&parts.extensions),
            secret,
            must_enrol,
        }))
    }

    /// Whether this member may use `path` now (see [`ENROLMENT_PATHS`]).
    pub fn may_use(&self, path: &str) -> bool {
        !self.must_enrol || ENROLMENT_PATHS.iter().any(|p| path.starts_with(p))
    }

    /// Refused unless this member's role includes `role`.
    pub fn require(&self, role: Role) -> Result<(), Forbidden> {
        if self.role >= role {
            Ok(())
        } else {
            Err(Forbidden)
        }
    }
}

/// The member's role does not allow what was asked (403 at the HTTP edge).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Forbidden;

impl From<Forbidden> for ApiError {
    fn from(_: Forbidden) -> Self {
        ApiError::Forbidden
    }
}

impl FromRequestParts<AppState> for StaffMember {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let member = StaffMember::from_parts(parts, state)
            .await?
            .ok_or(ApiError::Unauthorized)?;
        // Inside the nested `/api/v1` router the URI has lost its prefix: use the original.
        let path = parts
            .extensions
            .get::<axum::extract::OriginalUri>()
            .map_or_else(|| parts.uri.path().to_string(), |u| u.path().to_string());
        if member.may_use(&path) {
            Ok(member)
        } else {
            Err(ApiError::SecondFactorEnrolmentRequired)
        }
    }
}
