//! The staff member calling a staff endpoint, from the staff session cookie. Without one the
//! request gets 401; with too small a role, 403.
use axum::{
    extract::FromRequestParts,
    http::request::Parts,
    response::{IntoResponse, Response},
};

use super::sessions::STAFF;
use crate::{
    api::{api_lang, client_address, ApiError},
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
    ) -> Result<Option<StaffMember>, ApiError> {
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

    /// 403 unless this member's role includes `role`.
    pub fn require(&self, role: Role) -> Result<(), ApiError> {
        if self.role >= role {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }
}

impl FromRequestParts<AppState> for StaffMember {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let lang = api_lang(&parts.headers);
        match StaffMember::from_parts(parts, state).await {
            Ok(Some(m)) => Ok(m),
            Ok(None) => Err(ApiError::Unauthorized.into_response_in(lang)),
            Err(e) => Err(e.into_response_in(lang)),
        }
        .map_err(IntoResponse::into_response)
    }
}
