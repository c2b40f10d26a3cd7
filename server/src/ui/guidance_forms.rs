//! The form posts of the staff console and of consultations (post/redirect/get, no JavaScript
//! needed). They call the same functions as the JSON API; a refused form keeps what was typed.
use axum::{
    extract::{Path, State},
    http::HeaderMap,
    response::Response,
};
use http::{request::Parts, Extensions};

use super::{
    forms::{enc, problems, see_other, see_other_with_cookie, sign_in_refused, value, Fields},
    stash,
};
use crate::ui::posted::Posted;
use crate::{
    api::{consultations::make_faq, session::user_agent},
    auth::{sessions::STAFF, Principal, StaffMember},
    consultations::ConsultationError,
    consultations::{
        service::{self as consultation, AskQuestion},
        store,
    },
    guidance::{articles::Step, draft::ArticleDraft, service as article},
    http::client_address,
    http::ApiError,
    staff::service::{self as staff_service, StaffSignIn},
    state::AppState,
};

pub async fn staff_sign_in(
    State(state): State<AppState>,
    headers: HeaderMap,
    extensions: Extensions,
    Posted(fields): Posted,
) -> Response {
    let username = value(&fields, "username");
    let back = |errors: &str| {
        see_other(&format!(
            "/staff?errors={}&username={}",
            enc(errors),
            enc(username)
        ))
    };
    let mut missing = Vec::new();
    if username.trim().is_empty() {
        missing.push("username:required:");
    }
    if value(&fields, "password").is_empty() {
        missing.push("password:required:");
    }
    if !missing.is_empty() {
        return back(&missing.join(","));
    }
    let previous = STAFF.cookie_secret(&headers);
    let address = client_address(&extensions);
    let attempt = StaffSignIn {
        username,
        password: value(&fields, "password"),
        address: &address,
        previous_session: previous.as_deref(),
        code: value(&fields, "code"),
        user_agent: user_agent(&headers),
    };
    match staff_service::sign_in(&state.db, &attempt).await {
        Ok(signed_in) => {
            see_other_with_cookie("/staff", STAFF.set_cookie(&state.auth, &signed_in.secret))
        }
        Err(e) => back(&sign_in_refused(e, ":invalid_staff_credentials:")),
    }
}

pub async fn staff_sign_out(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(secret) = STAFF.cookie_secret(&headers) {
        let _ = STAFF.end(&state.db, &secret).await;
    }
    see_other_with_cookie("/staff?signed_out=1", STAFF.clear_cookie(&state.auth))
}

/// Browsers send text-area lines with CR LF; store them as LF (diffs compare lines).
fn lf(fields: Fields) -> Fields {
    fields
        .into_iter()
        .map(|(k, v)| (k, v.replace("\r\n", "\n")))
        .collect()
}

/// The editor's fields as an article draft.
fn article_draft(fields: &Fields, with_slug: bool) -> ArticleDraft {
    ArticleDraft {
        slug: with_slug.then(|| value(fields, "slug").to_string()),
        kind: Some(value(fields, "kind").to_string()),
        tax_types: fields
            .iter()
            .filter(|(k, _)| k == "tax_types")
            .map(|(_, v)| v.clone())
            .collect(),
        title: [
            value(fields, "title_zh").to_string(),
            value(fields, "title_en").to_string(),
        ],
        markdown: [
            value(fields, "body_zh").to_string(),
            value(fields, "body_en").to_string(),
        ],
        effective_from: Some(value(fields, "effective_from").to_string()),
        effective_to: Some(value(fields, "effective_to").to_string()),
        references: value(fields, "references")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        change_note: Some(value(fields, "change_note").to_string()),
    }
}

/// The signed-in staff member, or the redirect to the staff sign-in.
pub(crate) async fn staff_or_sign_in(
    parts: &Parts,
    state: &AppState,
) -> Result<StaffMember, Response> {
    match StaffMember::from_parts(parts, state).await {
        Ok(Some(m)) if m.may_use(parts.uri.path()) => Ok(m),
        // Until two-step sign-in is on, a publisher's or administrator's forms lead there.
        Ok(Some(_)) => Err(see_other("/staff/security")),
        _ => Err(see_other("/staff")),
    }
}

pub async fn create_article(
    State(state): State<AppState>,
    parts: Parts,
    Posted(fields): Posted,
) -> Response {
    let fields = lf(fields);
    let member = match staff_or_sign_in(&parts, &state).await {
        Ok(m) => m,
        Err(r) => return r,
    };
    let owner = format!("staff:{}", member.username);
    let draft = article_draft(&fields, true);
    match article::create(&state.db, &member, &draft, Vec::new()).await {
        Ok((v, _)) => {
            let _ = stash::clear(&state.db, &owner, "article:new").await;
            see_other(&format!("/staff/articles/{}?done=create", enc(&v.slug)))
        }
        Err(e) => {
            let kept = stash::FormStash::of_form(&fields);
            let _ = stash::keep(&state.db, &owner, "article:new", &kept).await;
            let e = ApiError::from(e);
            see_other(&format!(
                "/staff/articles/new?stash=1&errors={}",
                enc(&problems(&e))
            ))
        }
    }
}

pub async fn update_article(
    State(state): State<AppState>,
    parts: Parts,
    Path(slug): Path<String>,
    Posted(fields): Posted,
) -> Response {
    let fields = lf(fields);
    let member = match staff_or_sign_in(&parts, &state).await {
        Ok(m) => m,
        Err(r) => return r,
    };
    let owner = format!("staff:{}", member.username);
    let form = format!("article:{slug}");
    let draft = article_draft(&fields, false);
    match article::edit(&state.db, &member, &slug, &draft, Vec::new()).await {
        Ok(_) => {
            let _ = stash::clear(&state.db, &owner, &form).await;
            see_other(&format!("/staff/articles/{}?done=edit", enc(&slug)))
        }
        Err(e) => {
            let kept = stash::FormStash::of_form(&fields);
            let _ = stash::keep(&state.db, &owner, &form, &kept).await;
            see_other(&format!(
                "/staff/articles/{}/edit?stash=1&errors={}",
                enc(&slug),
                enc(&problems(&e.into()))
            ))
        }
    }
}

pub async fn article_action(
    State(state): State<AppState>,
    parts: Parts,
    Path((slug, action)): Path<(String, String)>,
) -> Response {
    let member = match staff_or_sign_in(&parts, &state).await {
        Ok(m) => m,
        Err(r) => return r,
    };
    let s = match action.as_str() {
        "submit" => Step::Submit,
        "publish" => Step::Publish,
        "archive" => Step::Archive,
        _ => return see_other(&format!("/staff/articles/{}", enc(&slug))),
    };
    match article::take_step(&state.db, &state.search, &member, &slug, s).await {
        Ok(_) => see_other(&format!(
            "/staff/articles/{}?done={}",
            enc(&slug),
            s.as_str()
        )),
        Err(e) => see_other(&format!(
            "/staff/articles/{}?errors={}",
            enc(&slug),
            enc(&problems(&e.into()))
        )),
    }
}

pub async fn consultation_action(
    State(state): State<AppState>,
    parts: Parts,
    Path((id, action)): Path<(String, String)>,
    Posted(fields): Posted,
) -> Response {
    let fields = lf(fields);
    let member = match staff_or_sign_in(&parts, &state).await {
        Ok(m) => m,
        Err(r) => return r,
    };
    let here = format!("/staff/consultations/{}", enc(&id));
    if store::get(&state.db, &id, None)
        .await
        .ok()
        .flatten()
        .is_none()
    {
        return see_other("/staff/consultations");
    }
    let result = match action.as_str() {
        "assign" => consultation::take_up(&state.db, &member, &id)
            .await
            .map(|_| here.clone())
            .map_err(ApiError::from),
        "reply" => consultation::reply(&state.db, &member, &id, value(&fields, "body"))
            .await
            .map(|_| here.clone())
            .map_err(ApiError::from),
        "publish-faq" => make_faq(&state, &member, &id).await.map(|v| {
            format!(
                "/staff/articles/{}?done=faq",
                v["slug"].as_str().unwrap_or_default()
            )
        }),
        _ => Ok(here.clone()),
    };
    match result {
        Ok(next) => see_other(&format!(
            "{next}{}done={}",
            if next.contains('?') { "&" } else { "?" },
            enc(&action)
        )),
        Err(e) => see_other(&format!("{here}?errors={}", enc(&problems(&e)))),
    }
}

pub async fn ask_question(
    State(state): State<AppState>,
    parts: Parts,
    Posted(fields): Posted,
) -> Response {
    let fields = lf(fields);
    let Ok(Some(who)) = Principal::from_headers(&parts.headers, &state).await else {
        return see_other("/sign-in?next=/consultations");
    };
    let command = AskQuestion {
        taxpayer_id: who.taxpayer_id.clone(),
        subject: value(&fields, "subject").to_string(),
        body: value(&fields, "body").to_string(),
        tax_type: value(&fields, "tax_type").to_string(),
        filing_id: Some(value(&fields, "filing_id").to_string()),
    };
    let owner = format!("taxpayer:{}", who.taxpayer_id);
    match consultation::ask(&state.db, &command).await {
        Ok(c) => {
            let _ = stash::clear(&state.db, &owner, "consultation").await;
            see_other(&format!("/consultations/{}?done=asked", c.id))
        }
        Err(e) => {
            // What was typed comes back on the form.
            let kept = stash::FormStash::of_form(&fields);
            let _ = stash::keep(&state.db, &owner, "consultation", &kept).await;
            see_other(&format!(
                "/consultations?stash=1&errors={}#ask",
                enc(&problems(&e.into()))
            ))
        }
    }
}

pub async fn close_question(
    State(state): State<AppState>,
    parts: Parts,
    Path(id): Path<String>,
) -> Response {
    let Ok(Some(who)) = Principal::from_headers(&parts.headers, &state).await else {
        return see_other("/sign-in?next=/consultations");
    };
    match consultation::close(&state.db, &who.taxpayer_id, &id).await {
        Err(ConsultationError::NotFound) => see_other("/consultations"),
        Ok(_) => see_other(&format!("/consultations/{}?done=closed", enc(&id))),
        Err(e) => see_other(&format!(
            "/consultations/{}?errors={}",
            enc(&id),
            enc(&problems(&e.into()))
        )),
    }
}
