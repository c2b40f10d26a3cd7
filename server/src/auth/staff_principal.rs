//! The staff member calling a staff endpoint, from the staff session cookie. Without one the
//! request gets 401; with too small a role, 403.
use axum::{extract::FromRequestParts, http::request::Parts};

use super::sessions::STAFF;
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
}

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
        Ok(Some(StaffMember {
            username: live.holder,
            role,
            address: client_address(&parts.extensions),
            secret,
        }))
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
        StaffMember::from_parts(parts, state)
            .await?
            .ok_or(ApiError::Unauthorized)
    }
}
