//! The account security page's forms, for taxpayers (`POST /account/security/{action}`) and
//! staff (`POST /staff/security/{action}`): post, then back to the page (post/redirect/get)
//! with what happened or what was refused. The same use cases as the API.
use axum::{
    extract::{Path, State},
    http::request::Parts,
    response::Response,
};

use super::forms::{enc, problems, see_other, see_other_with_cookie, value, Fields};
use crate::{
    api::security::Owner,
    auth::security::{self, SecurityError},
    http::ApiError,
    state::AppState,
    ui::posted::Posted,
};

/// The refusal as the page's error list, each field renamed to the input it came from.
fn refused(e: SecurityError, rename: &[(&str, &str)]) -> String {
    let encoded = problems(&ApiError::from(e));
    encoded
        .split(',')
        .map(|item| {
            let (field, rest) = item.split_once(':').unwrap_or(("", item));
            let field = rename
                .iter()
                .find(|(from, _)| *from == field)
                .map_or(field, |(_, to)| to);
            format!("{field}:{rest}")
        })
        .collect::<Vec<_>>()
        .join(",")
}

async fn act(
    state: &AppState,
    owner: &Owner,
    base: &str,
    action: &str,
    fields: &Fields,
) -> Response {
    let me = owner.me();
    let back = |query: String| see_other(&format!("{base}?{query}"));
    let (db, f) = (&state.db, |name: &str| value(fields, name).to_string());
    let result = match action {
        "password" => {
            security::change_password(db, &me, &f("current_password"), &f("new_password"))
                .await
                .map(|ended| format!("done=password&ended={ended}"))
                .map_err(|e| refused(e, &[]))
        }
        "end-session" => match security::end_session(db, &me, &f("id")).await {
            Ok(true) => Ok("done=session_ended".to_string()),
            Ok(false) => Err(":not_found:".to_string()),
            Err(e) => Err(refused(e.into(), &[])),
        },
        "end-all" => {
            return match security::end_everywhere(db, &me).await {
                Ok(_) => {
                    let to = if base.starts_with("/staff") {
                        "/staff?signed_out=1"
                    } else {
                        "/sign-in?signed_out=1"
                    };
                    see_other_with_cookie(to, me.realm.clear_cookie(&state.auth))
                }
                Err(e) => back(format!("errors={}", enc(&refused(e.into(), &[])))),
            };
        }
        "begin" => security::begin_second_factor(db, &me)
            .await
            .map(|_| "done=begun#second-factor".to_string())
            .map_err(|e| refused(e, &[])),
        "confirm" => security::confirm_second_factor(db, &me, &f("confirm_code"), true)
            .await
            .map(|_| "done=second_factor_on".to_string())
            .map_err(|e| refused(e, &[("code", "confirm_code")])),
        "disable" => {
            security::disable_second_factor(db, &me, &f("disable_password"), &f("disable_code"))
                .await
                .map(|()| "done=second_factor_off".to_string())
                .map_err(|e| {
                    refused(
                        e,
                        &[("password", "disable_password"), ("code", "disable_code")],
                    )
                })
        }
        _ => Err(":not_found:".to_string()),
    };
    match result {
        Ok(query) => back(query),
        Err(errors) => back(format!("errors={}", enc(&errors))),
    }
}

pub async fn taxpayer(
    State(state): State<AppState>,
    Path(action): Path<String>,
    mut parts: Parts,
    Posted(fields): Posted,
) -> Response {
    match Owner::taxpayer(&mut parts, &state).await {
        Ok(owner) => act(&state, &owner, "/account/security", &action, &fields).await,
        Err(_) => see_other("/sign-in?next=/account/security"),
    }
}

pub async fn staff(
    State(state): State<AppState>,
    Path(action): Path<String>,
    mut parts: Parts,
    Posted(fields): Posted,
) -> Response {
    match Owner::staff(&mut parts, &state).await {
        Ok(owner) => act(&state, &owner, "/staff/security", &action, &fields).await,
        Err(_) => see_other("/staff"),
    }
}
