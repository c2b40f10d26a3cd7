//! The API's one error type. Expected failures become 4xx with `{"errors":[{field, code,
//! message}]}` in the negotiated language; nothing a client sends can produce a 5xx.
//!
//! Handlers return `Result<_, ApiError>` and use `?`. `ApiError` renders itself in zh-CN and
//! keeps itself in the response's extensions; [`localize_errors`], one layer around every
//! route, renders it again in the language the request asked for.
use axum::{
    extract::Request,
    http::StatusCode,
    middleware::Next,
    response::{IntoResponse, Response},
    Json,
};
use banshui_engine::{Conflict, FieldError};
use banshui_i18n::{t_args, Lang};
use serde_json::json;

use super::lang::{accept_lang, AcceptLang};

#[derive(Clone, Debug)]
pub enum ApiError {
    /// 422: the input is well-formed JSON but some fields are wrong.
    Invalid(Vec<FieldError>),
    /// 400: the body is not JSON.
    MalformedJson,
    /// 400: the body could not be read (the connection broke off mid-body).
    MalformedBody,
    /// 408: the client took longer than the client timeout to send its body.
    RequestTimeout,
    /// 413: the body is larger than any endpoint accepts.
    TooLarge,
    /// 404: no such endpoint or kind, or an object the caller may not know exists.
    NotFound,
    /// 401: no valid session or token.
    Unauthorized,
    /// 401: the one message for a wrong identifier or password.
    InvalidCredentials,
    /// 401: the one message for a wrong staff username or password.
    InvalidStaffCredentials,
    /// 401: the password was right; two-step sign-in is on and `code` is missing.
    SecondFactorRequired,
    /// 401: the password was right but `code` is not (nor a recovery code).
    InvalidSecondFactor,
    /// 403: a publisher or administrator must turn on two-step sign-in before anything else.
    SecondFactorEnrolmentRequired,
    /// 403: a cross-site state-changing request.
    CrossSite,
    /// 403: signed in, but the role does not allow this.
    Forbidden,
    /// 409: the request conflicts with what is stored.
    Conflict(Conflict),
    /// 429: too many attempts (`code`: `too_many_attempts` at sign-in,
    /// `too_many_registrations` from one address); try again after this many seconds.
    TooManyRequests {
        retry_after: u64,
        code: &'static str,
    },
    /// 400 with a stable code about the request itself (a header, not the body).
    BadRequest {
        field: &'static str,
        code: &'static str,
    },
    /// 503: storage did not answer; nothing was changed, the client may retry.
    Unavailable,
}

impl From<sqlx::Error> for ApiError {
    fn from(err: sqlx::Error) -> Self {
        tracing::error!(error = %err, "storage failed");
        ApiError::Unavailable
    }
}

impl From<Conflict> for ApiError {
    fn from(conflict: Conflict) -> Self {
        ApiError::Conflict(conflict)
    }
}

fn kebab(code: &str) -> String {
    format!("error-{}", code.replace('_', "-"))
}

fn entry(lang: Lang, field: &str, code: &str, key: &str, limit: Option<&str>) -> serde_json::Value {
    let mut args = vec![("field", field.to_string())];
    if let Some(limit) = limit {
        args.push(("limit", limit.to_string()));
    }
    json!({ "field": field, "code": code, "message": t_args(lang, key, &args) })
}

/// One entry of an `errors` array for an engine field error, in `lang`.
pub fn error_entry(lang: Lang, e: &FieldError) -> serde_json::Value {
    entry(
        lang,
        &e.field,
        e.code.as_str(),
        &e.code.fluent_key(),
        e.limit.as_deref(),
    )
}

/// The status and the one entry of the simple refusals (everything but field errors).
fn simple(e: &ApiError) -> (StatusCode, &'static str, &'static str, String) {
    let plain = |status, code: &'static str| (status, "", code, kebab(code));
    match e {
        ApiError::MalformedJson => plain(StatusCode::BAD_REQUEST, "malformed_json"),
        ApiError::MalformedBody => plain(StatusCode::BAD_REQUEST, "malformed_body"),
        ApiError::RequestTimeout => plain(StatusCode::REQUEST_TIMEOUT, "request_timeout"),
        ApiError::TooLarge => plain(StatusCode::PAYLOAD_TOO_LARGE, "body_too_large"),
        ApiError::NotFound => plain(StatusCode::NOT_FOUND, "not_found"),
        ApiError::Unauthorized => plain(StatusCode::UNAUTHORIZED, "unauthorized"),
        ApiError::InvalidCredentials => plain(StatusCode::UNAUTHORIZED, "invalid_credentials"),
        ApiError::InvalidStaffCredentials => (
            StatusCode::UNAUTHORIZED,
            "",
            "invalid_credentials",
            "error-invalid-staff-credentials".into(),
        ),
        ApiError::CrossSite => plain(StatusCode::FORBIDDEN, "cross_site_request"),
        ApiError::SecondFactorRequired => (
            StatusCode::UNAUTHORIZED,
            "code",
            "second_factor_required",
            kebab("second_factor_required"),
        ),
        ApiError::InvalidSecondFactor => (
            StatusCode::UNAUTHORIZED,
            "code",
            "invalid_second_factor",
            kebab("invalid_second_factor"),
        ),
        ApiError::SecondFactorEnrolmentRequired => {
            plain(StatusCode::FORBIDDEN, "second_factor_enrolment_required")
        }
        ApiError::Forbidden => plain(StatusCode::FORBIDDEN, "forbidden"),
        ApiError::Conflict(c) => (StatusCode::CONFLICT, c.field(), c.as_str(), c.fluent_key()),
        ApiError::BadRequest { field, code } => (StatusCode::BAD_REQUEST, field, code, kebab(code)),
        ApiError::Unavailable | ApiError::Invalid(_) | ApiError::TooManyRequests { .. } => {
            plain(StatusCode::SERVICE_UNAVAILABLE, "unavailable")
        }
    }
}

impl ApiError {
    /// The response in `lang`.
    pub fn render(&self, lang: Lang) -> Response {
        let (status, errors) = match self {
            ApiError::Invalid(errors) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                errors.iter().map(|e| error_entry(lang, e)).collect(),
            ),
            ApiError::TooManyRequests { retry_after, code } => {
                let minutes = retry_after.div_ceil(60).to_string();
                let body =
                    json!({ "errors": [entry(lang, "", code, &kebab(code), Some(&minutes))] });
                return (
                    StatusCode::TOO_MANY_REQUESTS,
                    [(http::header::RETRY_AFTER, retry_after.to_string())],
                    Json(body),
                )
                    .into_response();
            }
            other => {
                let (status, field, code, key) = simple(other);
                (status, vec![entry(lang, field, code, &key, None)])
            }
        };
        (status, Json(json!({ "errors": errors }))).into_response()
    }
}

/// Kept in a response's extensions so that [`localize_errors`] can render it in the request's
/// language.
#[derive(Clone)]
struct Unlocalized(ApiError);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = self.render(Lang::ZhCn);
        response.extensions_mut().insert(Unlocalized(self));
        response
    }
}

/// Renders an [`ApiError`] a handler, extractor or middleware returned in the language of the
/// request's `Accept-Language`.
pub async fn localize_errors(request: Request, next: Next) -> Response {
    let lang = accept_lang(request.headers());
    let mut response = next.run(request).await;
    if let Some(Unlocalized(error)) = response.extensions_mut().remove::<Unlocalized>() {
        if lang != Lang::ZhCn {
            // Same status and headers (a layer may have added some); the body in `lang`.
            *response.body_mut() = error.render(lang).into_body();
        }
    }
    response
}

pub async fn not_found(AcceptLang(lang): AcceptLang) -> Response {
    ApiError::NotFound.render(lang)
}
