//! The HTML forms' POST handlers. Each answers with a redirect (303, post/redirect/get): to
//! the next page, or back to the form with the problems in the query string.
use axum::{
    extract::{Path, Query, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use banshui_engine::filing::interview::steps::step_of;
use banshui_engine::{
    calculation::{calculate, Kind},
    filing::Period,
    FieldError,
};
use http::Extensions;

use crate::ui::posted::Posted;
use crate::{
    accounts::{
        service::{
            register as register_account, sign_in as check_sign_in, Register, SignIn, SignInError,
        },
        RegisterError,
    },
    api::session::user_agent,
    auth::{
        sessions::{self, Origin},
        Principal,
    },
    drafts::{self, DraftError},
    filings::{
        submit_filing, Explanation, IdempotencyKey, Outcome, SubmitFiling, SubmitFilingError,
    },
    http::{client_address, local_path, ApiError},
    state::AppState,
    ui::stash,
};

pub(crate) type Fields = Vec<(String, String)>;

pub(crate) fn value<'a>(fields: &'a Fields, name: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

pub(crate) fn enc(text: &str) -> String {
    banshui_app::filing::urlencode(text)
}

pub(crate) fn see_other(location: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, location.to_string())],
    )
        .into_response()
}

pub(crate) fn see_other_with_cookie(location: &str, cookie: String) -> Response {
    (
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, location.to_string()),
            (header::SET_COOKIE, cookie),
        ],
    )
        .into_response()
}

/// The problems of a refusal, as the pages read them (`field:code:limit,…`).
pub(crate) fn problems(e: &ApiError) -> String {
    match e {
        ApiError::Invalid(errors) => encode_errors(errors),
        ApiError::Conflict(c) => format!("{}:{}:", c.field(), c.as_str()),
        ApiError::Forbidden => ":forbidden:".into(),
        ApiError::NotFound => ":not_found:".into(),
        _ => ":unavailable:".into(),
    }
}

pub(crate) fn encode_errors(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| {
            format!(
                "{}:{}:{}",
                e.field,
                e.code.as_str(),
                e.limit.clone().unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join(",")
}

pub async fn sign_in(
    State(state): State<AppState>,
    headers: HeaderMap,
    extensions: Extensions,
    Posted(fields): Posted,
) -> Response {
    let id = value(&fields, "taxpayer_id");
    let next = local_path(value(&fields, "next"))
        .unwrap_or("/filing")
        .to_string();
    let back = |errors: &str| {
        see_other(&format!(
            "/sign-in?errors={}&id={}&next={}",
            enc(errors),
            enc(id),
            enc(&next)
        ))
    };
    let mut missing = Vec::new();
    if id.trim().is_empty() {
        missing.push("taxpayer_id:required:");
    }
    if value(&fields, "password").is_empty() {
        missing.push("password:required:");
    }
    if !missing.is_empty() {
        return back(&missing.join(","));
    }
    let previous = sessions::TAXPAYERS.cookie_secret(&headers);
    let address = client_address(&extensions);
    let attempt = SignIn {
        taxpayer_id: id,
        password: value(&fields, "password"),
        address: &address,
        previous_session: previous.as_deref(),
        code: value(&fields, "code"),
        user_agent: user_agent(&headers),
    };
    match check_sign_in(&state.db, &attempt).await {
        Ok(signed_in) => see_other_with_cookie(
            &next,
            sessions::TAXPAYERS.set_cookie(&state.auth, &signed_in.secret),
        ),
        Err(e) => back(&sign_in_refused(e, ":invalid_credentials:")),
    }
}

/// A refused sign-in as the form's error list (`credentials`: the realm's one message for a
/// wrong name or password).
pub fn sign_in_refused(e: SignInError, credentials: &str) -> String {
    match e {
        SignInError::Credentials => credentials.to_string(),
        SignInError::Throttled(wait) => format!(":too_many_attempts:{}", wait.div_ceil(60)),
        SignInError::SecondFactorRequired => "code:second_factor_required:".into(),
        SignInError::SecondFactorWrong => "code:invalid_second_factor:".into(),
        SignInError::Store(_) => ":unavailable:".into(),
    }
}

pub async fn register(
    State(state): State<AppState>,
    headers: HeaderMap,
    extensions: Extensions,
    Posted(fields): Posted,
) -> Response {
    let (id, name, password) = (
        value(&fields, "taxpayer_id"),
        value(&fields, "name"),
        value(&fields, "password"),
    );
    let back = |errors: &str| {
        see_other(&format!(
            "/register?errors={}&id={}&name={}",
            enc(errors),
            enc(id),
            enc(name)
        ))
    };
    match register_account(
        &state.db,
        &Register {
            taxpayer_id: id,
            name,
            password,
            address: &client_address(&extensions),
            per_address: state.limits.registrations_per_address,
        },
        Vec::new(),
    )
    .await
    {
        Ok(account) => {
            // Signed in at once: the new account's first session.
            let previous = sessions::TAXPAYERS.cookie_secret(&headers);
            let origin = Origin::new(&headers, &client_address(&extensions));
            match sessions::TAXPAYERS
                .start(
                    &state.db,
                    &account.taxpayer_id,
                    previous.as_deref(),
                    &origin,
                )
                .await
            {
                Ok(secret) => see_other_with_cookie(
                    "/filing",
                    sessions::TAXPAYERS.set_cookie(&state.auth, &secret),
                ),
                Err(_) => see_other("/sign-in?registered=1"),
            }
        }
        Err(RegisterError::Invalid(errors)) => back(&encode_errors(&errors)),
        Err(RegisterError::Taken) => back("taxpayer_id:taken:"),
        Err(RegisterError::Throttled(wait)) => {
            back(&format!(":too_many_registrations:{}", wait.div_ceil(60)))
        }
        Err(RegisterError::Store(_) | RegisterError::Hashing) => back(":unavailable:"),
    }
}

pub async fn sign_out(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(secret) = sessions::TAXPAYERS.cookie_secret(&headers) {
        let _ = sessions::TAXPAYERS.end(&state.db, &secret).await;
    }
    see_other_with_cookie(
        "/sign-in?signed_out=1",
        sessions::TAXPAYERS.clear_cookie(&state.auth),
    )
}

pub async fn start(Query(fields): Query<Fields>) -> Response {
    let kind = Kind::from_slug(value(&fields, "kind"));
    let period = Period::parse(value(&fields, "period"));
    match (kind, period) {
        (Some(k), Some(p)) if p.fits(k) => see_other(&format!("/filing/{}/{p}/1", k.slug())),
        _ => see_other("/filing?start_error=1"),
    }
}

/// The signed-in taxpayer of a form post, or the redirect to sign in and come back.
async fn signed_in(
    state: &AppState,
    headers: &HeaderMap,
    back_to: &str,
) -> Result<String, Response> {
    match Principal::from_headers(headers, state).await {
        Ok(Some(p)) => Ok(p.taxpayer_id),
        _ => Err(see_other(&format!("/sign-in?next={}", enc(back_to)))),
    }
}

fn target(kind: &str, period: &str) -> Option<(Kind, Period)> {
    let kind = Kind::from_slug(kind)?;
    let period = Period::parse(period).filter(|p| p.fits(kind))?;
    Some((kind, period))
}

pub async fn save_step(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((kind, period, step)): Path<(String, String, String)>,
    Posted(fields): Posted,
) -> Response {
    let Some((kind, period)) = target(&kind, &period) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let Ok(number) = step.parse::<usize>() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let base = format!("/filing/{}/{period}", kind.slug());
    let who = match signed_in(&state, &headers, &format!("{base}/{number}")).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let posted: Fields = fields
        .iter()
        .filter(|(k, _)| !k.starts_with('_'))
        .cloned()
        .collect();
    let Ok(draft) = drafts::service::answer_step(&state.db, &who, kind, period, &posted).await
    else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let merged = draft.data.into_value();
    let returning = value(&fields, "_return") == "check";
    if value(&fields, "_action") == "save" {
        return see_other(&format!(
            "/filing?saved={}",
            enc(&format!("{}:{period}", kind.slug()))
        ));
    }
    let blocking = calculate(kind, &merged).err().is_some_and(|errors| {
        errors
            .iter()
            .any(|e| step_of(kind, &e.field) == Some(number) || (e.field == "items" && number == 1))
    });
    if blocking {
        let ret = if returning { "&return=check" } else { "" };
        return see_other(&format!("{base}/{number}?invalid=1{ret}"));
    }
    let last = banshui_engine::filing::interview::steps::steps(kind).len();
    if returning || number >= last {
        see_other(&format!("{base}/check"))
    } else {
        see_other(&format!("{base}/{}", number + 1))
    }
}

pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((kind, period)): Path<(String, String)>,
    Posted(fields): Posted,
) -> Response {
    let Some((kind, period)) = target(&kind, &period) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let check = format!("/filing/{}/{period}/check", kind.slug());
    let who = match signed_in(&state, &headers, &check).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let key = value(&fields, "idempotency_key");
    // The draft is gone once filed: a repeated submit (double click) finds the filing by its key.
    let draft = match drafts::store::find(&state.db, &who, kind, period).await {
        Ok(Some(d)) => d,
        Ok(None) => {
            return match replay(&state, &who, key).await {
                Some(id) => see_other(&format!("/filings/{id}?submitted=1")),
                None => see_other(&check),
            }
        }
        Err(_) => return see_other(&format!("{check}?errors={}", enc(":unavailable:"))),
    };
    let explanations = explanations_of(&fields);
    // What the taxpayer wrote to explain flagged indicators survives a refused submission.
    let owner = format!("taxpayer:{who}");
    let stash_form = explanations_form(kind, &period.to_string());
    let kept = stash::FormStash(
        explanations
            .iter()
            .map(|e| (e.indicator.clone(), e.text.clone()))
            .collect(),
    );
    let _ = stash::keep(&state.db, &owner, &stash_form, &kept).await;
    let Some(idempotency_key) = IdempotencyKey::parse(key) else {
        let problem = format!("Idempotency-Key:{}:", "idempotency_key_invalid");
        return see_other(&format!("{check}?errors={}", enc(&problem)));
    };
    let command = SubmitFiling {
        taxpayer_id: who,
        kind,
        period: period.to_string(),
        answers: draft.data.into_value(),
        declaration: value(&fields, "declaration") == "true",
        supersedes: draft.supersedes,
        explanations,
        idempotency_key,
        fingerprint: None,
    };
    match submit_filing(&state.filings, &command).await {
        Ok(Outcome::Created(row) | Outcome::Replayed(row)) => {
            let _ = stash::clear(&state.db, &owner, &stash_form).await;
            see_other(&format!("/filings/{}?submitted=1", row.id))
        }
        Err(e) => see_other(&refused_submission(&check, &command, e)),
    }
}

/// Where a refused submission goes back to: the check page, with every problem on its field
/// (`declaration=1` alone when only the declaration is missing). Explanations are named by
/// their indicator (`explanation.<code>`), the name of their box on the page.
fn refused_submission(check: &str, command: &SubmitFiling, error: SubmitFilingError) -> String {
    let errors = match error {
        SubmitFilingError::Invalid(errors) => errors,
        SubmitFilingError::Conflict(c) => {
            return format!(
                "{check}?errors={}",
                enc(&format!("{}:{}:", c.field(), c.as_str()))
            )
        }
        SubmitFilingError::Unavailable => {
            return format!("{check}?errors={}", enc(":unavailable:"))
        }
    };
    if errors.iter().all(|e| e.field == "declaration") {
        return format!("{check}?declaration=1");
    }
    let on_page: Vec<FieldError> = errors
        .into_iter()
        .map(|mut e| {
            if let Some(code) = explanation_indicator(&e.field, &command.explanations) {
                e.field = format!("explanation.{code}");
            }
            e
        })
        .collect();
    format!("{check}?errors={}", enc(&encode_errors(&on_page)))
}

/// `explanations[i].…` → the indicator code of the i-th explanation.
fn explanation_indicator<'a>(field: &str, explanations: &'a [Explanation]) -> Option<&'a str> {
    let index: usize = field
        .strip_prefix("explanations[")?
        .split(']')
        .next()?
        .parse()
        .ok()?;
    explanations.get(index).map(|e| e.indicator.as_str())
}

/// The stash that keeps a check page's 合理性说明 across a refused submission.
pub(crate) fn explanations_form(kind: Kind, period: &str) -> String {
    format!("explain:{}:{period}", kind.slug())
}

/// The 合理性说明 typed on the check page: fields `explanation.<indicator code>`, blank ones
/// left out.
fn explanations_of(fields: &Fields) -> Vec<Explanation> {
    fields
        .iter()
        .filter_map(|(name, text)| {
            let code = name.strip_prefix("explanation.")?;
            let text = text.replace("\r\n", "\n");
            let text = text.trim();
            (!text.is_empty()).then(|| Explanation {
                indicator: code.to_string(),
                text: text.to_string(),
            })
        })
        .collect()
}

/// The filing an idempotency key already produced for this taxpayer.
async fn replay(state: &AppState, who: &str, key: &str) -> Option<String> {
    sqlx::query_scalar(
        &state
            .db
            .sql("SELECT filing_id FROM idempotency_keys WHERE taxpayer_id = ? AND key = ?"),
    )
    .bind(who)
    .bind(key)
    .fetch_optional(&state.db.pool)
    .await
    .ok()
    .flatten()
}

pub async fn correct(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let who = match signed_in(&state, &headers, &format!("/filings/{id}")).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    match drafts::service::start_correction(&state.db, &who, &id).await {
        Ok(draft) => see_other(&format!("/filing/{}/{}/1", draft.kind.slug(), draft.period)),
        Err(DraftError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(DraftError::Store(_)) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}
