//! A person's own security settings over the API, for taxpayers (`/api/v1/me/…`) and staff
//! (`/api/v1/staff/me/…`) alike: the password, the sessions, two-step sign-in. A browser
//! session is needed (an API token cannot change how its owner signs in: 403).
use axum::{
    body::Bytes,
    extract::{FromRequestParts, Path, State},
    http::{header, request::Parts, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde_json::{json, Value};

use super::accounts::{object_with, text_field};
use crate::{
    auth::{
        second_factor::Status,
        security::{self, Me, SecurityError},
        sessions::{self, Realm},
        SessionPrincipal, StaffMember, Via,
    },
    http::{client_address, parse_json, ApiError},
    state::AppState,
};

/// The signed-in person acting on their own account.
pub struct Owner {
    realm: Realm,
    holder: String,
    session: String,
    address: String,
    required: bool,
}

impl Owner {
    pub fn me(&self) -> Me<'_> {
        Me {
            realm: self.realm,
            holder: &self.holder,
            session: &self.session,
            address: &self.address,
            second_factor_required: self.required,
        }
    }

    /// The taxpayer signed in with a session cookie.
    pub async fn taxpayer(parts: &mut Parts, state: &AppState) -> Result<Owner, ApiError> {
        let SessionPrincipal(p) = SessionPrincipal::from_request_parts(parts, state).await?;
        let Via::Session(session) = p.via else {
            return Err(ApiError::Forbidden);
        };
        Ok(Owner {
            realm: sessions::TAXPAYERS,
            holder: p.taxpayer_id,
            session,
            address: client_address(&parts.extensions),
            required: false,
        })
    }

    /// The staff member signed in (who may be on the way to enrolling).
    pub async fn staff(parts: &mut Parts, state: &AppState) -> Result<Owner, ApiError> {
        let m = StaffMember::from_request_parts(parts, state).await?;
        let required = state
            .auth
            .second_factor_from
            .is_some_and(|from| m.role >= from);
        Ok(Owner {
            realm: sessions::STAFF,
            holder: m.username,
            session: m.secret,
            address: m.address,
            required,
        })
    }
}

/// `/api/v1/me/…`: the taxpayer.
pub struct TaxpayerSelf(Owner);
/// `/api/v1/staff/me/…`: the staff member.
pub struct StaffSelf(Owner);

impl FromRequestParts<AppState> for TaxpayerSelf {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        Owner::taxpayer(parts, state).await.map(TaxpayerSelf)
    }
}

impl FromRequestParts<AppState> for StaffSelf {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        Owner::staff(parts, state).await.map(StaffSelf)
    }
}

/// Either extractor, for the handlers both realms share.
pub trait SelfOwner: FromRequestParts<AppState, Rejection = ApiError> + Send {
    fn owner(&self) -> &Owner;
}

impl SelfOwner for TaxpayerSelf {
    fn owner(&self) -> &Owner {
        &self.0
    }
}

impl SelfOwner for StaffSelf {
    fn owner(&self) -> &Owner {
        &self.0
    }
}

impl From<SecurityError> for ApiError {
    fn from(e: SecurityError) -> Self {
        match e {
            SecurityError::Invalid(errors) => ApiError::Invalid(errors),
            SecurityError::Conflict(c) => ApiError::Conflict(c),
            SecurityError::Throttled(retry_after) => ApiError::TooManyRequests {
                retry_after,
                code: "too_many_attempts",
            },
            SecurityError::Hashing => ApiError::Unavailable,
            SecurityError::Store(e) => ApiError::from(e),
        }
    }
}

/// The body's text fields `names` (all required strings, no others).
fn fields<'a>(body: &'a Value, names: &[&str]) -> Result<Vec<&'a str>, ApiError> {
    let mut errors = Vec::new();
    let Some(map) = object_with(body, names, &mut errors) else {
        return Err(ApiError::Invalid(errors));
    };
    let values: Vec<&str> = names
        .iter()
        .map(|n| text_field(map, n, &mut errors))
        .collect();
    if errors.is_empty() {
        Ok(values)
    } else {
        Err(ApiError::Invalid(errors))
    }
}

/// `GET …/sessions`: the account's live sessions, the current one marked.
pub async fn sessions<O: SelfOwner>(
    State(state): State<AppState>,
    who: O,
) -> Result<Json<Value>, ApiError> {
    let items = security::sessions(&state.db, &state.auth, &who.owner().me()).await?;
    Ok(Json(json!({ "items": items, "next_cursor": null })))
}

/// `DELETE …/sessions/{id}`: ends one session (404 when the account has none by that id).
pub async fn end_session<O: SelfOwner>(
    State(state): State<AppState>,
    who: O,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    if security::end_session(&state.db, &who.owner().me(), &id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::NotFound)
    }
}

/// `DELETE …/sessions`: signs out everywhere, here too (the cookie is cleared).
pub async fn end_everywhere<O: SelfOwner>(
    State(state): State<AppState>,
    who: O,
) -> Result<Response, ApiError> {
    let me = who.owner().me();
    security::end_everywhere(&state.db, &me).await?;
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, me.realm.clear_cookie(&state.auth))],
    )
        .into_response())
}

/// `PUT …/password` `{"current_password", "new_password"}`: every other session ends.
pub async fn change_password<O: SelfOwner>(
    State(state): State<AppState>,
    who: O,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = parse_json(&body)?;
    let f = fields(&body, &["current_password", "new_password"])?;
    let ended = security::change_password(&state.db, &who.owner().me(), f[0], f[1]).await?;
    Ok(Json(json!({ "other_sessions_ended": ended })))
}

fn status_json(status: &Status, required: bool) -> Value {
    match status {
        Status::Off => json!({"status": "off", "required": required, "recovery_codes_left": null}),
        Status::Pending { .. } => {
            json!({"status": "pending", "required": required, "recovery_codes_left": null})
        }
        Status::On {
            recovery_codes_left,
        } => {
            json!({"status": "on", "required": required, "recovery_codes_left": recovery_codes_left})
        }
    }
}

/// `GET …/second-factor`.
pub async fn second_factor<O: SelfOwner>(
    State(state): State<AppState>,
    who: O,
) -> Result<Json<Value>, ApiError> {
    let me = who.owner().me();
    let status = security::second_factor(&state.db, &me).await?;
    Ok(Json(status_json(&status, me.second_factor_required)))
}

/// `POST …/second-factor`: a new key for the authenticator app (201; 409 when already on).
pub async fn begin_second_factor<O: SelfOwner>(
    State(state): State<AppState>,
    who: O,
) -> Result<Response, ApiError> {
    match security::begin_second_factor(&state.db, &who.owner().me()).await? {
        Status::Pending { key, uri } => Ok((
            StatusCode::CREATED,
            Json(json!({"status": "pending", "secret": key, "otpauth_uri": uri})),
        )
            .into_response()),
        _ => Err(ApiError::Conflict(banshui_engine::Conflict::SecondFactorOn)),
    }
}

/// `POST …/second-factor/confirm` `{"code"}`: on, with ten recovery codes shown this once.
pub async fn confirm_second_factor<O: SelfOwner>(
    State(state): State<AppState>,
    who: O,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = parse_json(&body)?;
    let f = fields(&body, &["code"])?;
    let codes = security::confirm_second_factor(&state.db, &who.owner().me(), f[0], false).await?;
    Ok(Json(json!({"status": "on", "recovery_codes": codes})))
}

/// `POST …/second-factor/disable` `{"password", "code"}` (204; 409 where the role requires it).
pub async fn disable_second_factor<O: SelfOwner>(
    State(state): State<AppState>,
    who: O,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let body = parse_json(&body)?;
    let f = fields(&body, &["password", "code"])?;
    security::disable_second_factor(&state.db, &who.owner().me(), f[0], f[1]).await?;
    Ok(StatusCode::NO_CONTENT)
}
