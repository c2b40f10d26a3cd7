//! The staff accounts page's forms (admin): `POST /staff/members` creates an account,
//! `POST /staff/members/{username}` changes its role or disables it. The API's rules and audit.
use axum::{
    extract::{Path, State},
    http::request::Parts,
    response::Response,
};

use super::{
    forms::{enc, problems, see_other, value},
    guidance_forms::staff_or_sign_in,
    stash,
};
use crate::ui::posted::Posted;
use crate::{
    staff::service::{self, AddMember, ChangeMember},
    state::AppState,
};

pub async fn create(
    State(state): State<AppState>,
    parts: Parts,
    Posted(fields): Posted,
) -> Response {
    let admin = match staff_or_sign_in(&parts, &state).await {
        Ok(m) => m,
        Err(r) => return r,
    };
    let cmd = AddMember {
        username: Some(value(&fields, "new-username").to_string()),
        role: Some(value(&fields, "new-role").to_string()),
        password: Some(value(&fields, "new-password").to_string()),
    };
    let owner = format!("staff:{}", admin.username);
    match service::add_member(&state.db, &admin, &cmd, Vec::new()).await {
        Ok(_) => {
            let _ = stash::clear(&state.db, &owner, "staff:new").await;
            see_other("/staff/members?done=saved")
        }
        Err(e) => {
            // What was typed comes back, never the password.
            let kept = stash::FormStash::of_form(&fields);
            let _ = stash::keep(&state.db, &owner, "staff:new", &kept).await;
            see_other(&format!(
                "/staff/members?stash=1&errors={}",
                enc(&problems(&e.into()))
            ))
        }
    }
}

pub async fn change(
    State(state): State<AppState>,
    parts: Parts,
    Path(username): Path<String>,
    Posted(fields): Posted,
) -> Response {
    let admin = match staff_or_sign_in(&parts, &state).await {
        Ok(m) => m,
        Err(r) => return r,
    };
    let cmd = ChangeMember {
        role: Some(value(&fields, "role").to_string()),
        active: Some(value(&fields, "active") == "true"),
    };
    match service::change_member(&state.db, &admin, &username, &cmd, Vec::new()).await {
        Ok(_) => see_other("/staff/members?done=saved"),
        Err(e) => see_other(&format!(
            "/staff/members?errors={}",
            enc(&problems(&e.into()))
        )),
    }
}
