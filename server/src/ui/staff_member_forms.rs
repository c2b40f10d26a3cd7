//! The staff accounts page's forms (admin): `POST /staff/members` creates an account,
//! `POST /staff/members/{username}` changes its role or disables it. The API's rules and audit.
use axum::{
    extract::{Path, State},
    http::request::Parts,
    response::Response,
    Form,
};
use serde_json::{json, Map, Value};

use super::{
    forms::{enc, problems, see_other, value, Fields},
    guidance_forms::staff_or_sign_in,
    stash,
};
use crate::{
    api::staff_members::{change_member, create_member},
    state::AppState,
};

pub async fn create(
    State(state): State<AppState>,
    parts: Parts,
    Form(fields): Form<Fields>,
) -> Response {
    let admin = match staff_or_sign_in(&parts, &state).await {
        Ok(m) => m,
        Err(r) => return r,
    };
    let mut map = Map::new();
    map.insert("username".into(), json!(value(&fields, "new-username")));
    map.insert("role".into(), json!(value(&fields, "new-role")));
    map.insert("password".into(), json!(value(&fields, "new-password")));
    let owner = format!("staff:{}", admin.username);
    match create_member(&state, &admin, &map).await {
        Ok(_) => {
            let _ = stash::clear(&state.db, &owner, "staff:new").await;
            see_other("/staff/members?done=saved")
        }
        Err(e) => {
            // What was typed comes back, never the password.
            map.remove("password");
            let _ = stash::keep(&state.db, &owner, "staff:new", &Value::Object(map)).await;
            see_other(&format!(
                "/staff/members?stash=1&errors={}",
                enc(&problems(&e))
            ))
        }
    }
}

pub async fn change(
    State(state): State<AppState>,
    parts: Parts,
    Path(username): Path<String>,
    Form(fields): Form<Fields>,
) -> Response {
    let admin = match staff_or_sign_in(&parts, &state).await {
        Ok(m) => m,
        Err(r) => return r,
    };
    let mut map = Map::new();
    map.insert("role".into(), json!(value(&fields, "role")));
    map.insert("active".into(), json!(value(&fields, "active") == "true"));
    match change_member(&state, &admin, &username, &map).await {
        Ok(_) => see_other("/staff/members?done=saved"),
        Err(e) => see_other(&format!("/staff/members?errors={}", enc(&problems(&e)))),
    }
}
