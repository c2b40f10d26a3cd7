//! The API's one error type. Expected failures become 4xx with `{"errors":[{field, code,
//! message}]}` in the negotiated language; nothing a client sends can produce a 5xx.
use axum::{
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use banshui_app::{i18n::t_args, Lang};
use banshui_engine::FieldError;
use serde_json::json;

/// The language of API messages: `Accept-Language`, else zh-CN.
pub fn api_lang(headers: &HeaderMap) -> Lang {
    let accept = headers
        .get(http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    Lang::negotiate(None, accept)
}

#[derive(Debug)]
pub enum ApiError {
    /// 422: the input is well-formed JSON but some fields are wrong.
    Invalid(Vec<FieldError>),
    /// 400: the body is not JSON.
    MalformedJson,
    /// 404: no such endpoint or kind, or an object the caller may not know exists.
    NotFound,
    /// 401: no valid session or token.
    Unauthorized,
    /// 401: the one message for a wrong identifier or password.
    InvalidCredentials,
    /// 401: the one message for a wrong staff username or password.
    InvalidStaffCredentials,
    /// 403: a cross-site state-changing request.
    CrossSite,
    /// 403: signed in, but the role does not allow this.
    Forbidden,
    /// 409 with a stable code (`taken`, `already_filed`, `idempotency_key_reused`, …) on a field.
    Conflict {
        field: &'static str,
        code: &'static str,
    },
    /// 429: too many failed sign-ins; try again after this many seconds.
    TooManyRequests { retry_after: u64 },
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

impl ApiError {
    pub fn into_response_in(self, lang: Lang) -> Response {
        let (status, errors) = match self {
            ApiError::Invalid(errors) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                errors
                    .iter()
                    .map(|e| {
                        entry(
                            lang,
                            &e.field,
                            e.code.as_str(),
                            &e.code.fluent_key(),
                            e.limit.as_deref(),
                        )
                    })
                    .collect::<Vec<_>>(),
            ),
            ApiError::MalformedJson => (
                StatusCode::BAD_REQUEST,
                vec![entry(
                    lang,
                    "",
                    "malformed_json",
                    "error-malformed-json",
                    None,
                )],
            ),
            ApiError::NotFound => (
                StatusCode::NOT_FOUND,
                vec![entry(lang, "", "not_found", "error-not-found", None)],
            ),
            ApiError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                vec![entry(lang, "", "unauthorized", "error-unauthorized", None)],
            ),
            ApiError::InvalidCredentials => (
                StatusCode::UNAUTHORIZED,
                vec![entry(
                    lang,
                    "",
                    "invalid_credentials",
                    "error-invalid-credentials",
                    None,
                )],
            ),
            ApiError::InvalidStaffCredentials => (
                StatusCode::UNAUTHORIZED,
                vec![entry(
                    lang,
                    "",
                    "invalid_credentials",
                    "error-invalid-staff-credentials",
                    None,
                )],
            ),
            ApiError::CrossSite => (
                StatusCode::FORBIDDEN,
                vec![entry(
                    lang,
                    "",
                    "cross_site_request",
                    "error-cross-site-request",
                    None,
                )],
            ),
            ApiError::Forbidden => (
                StatusCode::FORBIDDEN,
                vec![entry(lang, "", "forbidden", "error-forbidden", None)],
            ),
            ApiError::Conflict { field, code } => (
                StatusCode::CONFLICT,
                vec![entry(lang, field, code, &kebab(code), None)],
            ),
            ApiError::TooManyRequests { retry_after } => {
                let minutes = retry_after.div_ceil(60).to_string();
                let body = json!({ "errors": [entry(lang, "", "too_many_attempts", "error-too-many-attempts", Some(&minutes))] });
                return (
                    StatusCode::TOO_MANY_REQUESTS,
                    [(http::header::RETRY_AFTER, retry_after.to_string())],
                    Json(body),
                )
                    .into_response();
            }
            ApiError::BadRequest { field, code } => (
                StatusCode::BAD_REQUEST,
                vec![entry(lang, field, code, &kebab(code), None)],
            ),
            ApiError::Unavailable => (
                StatusCode::SERVICE_UNAVAILABLE,
                vec![entry(lang, "", "unavailable", "error-unavailable", None)],
            ),
        };
        (status, Json(json!({ "errors": errors }))).into_response()
    }
}

pub async fn not_found(headers: HeaderMap) -> Response {
    ApiError::NotFound.into_response_in(api_lang(&headers))
}

/// Parses a request body as JSON; any syntax error (or an empty body) is a 400.
pub fn parse_json(body: &[u8]) -> Result<serde_json::Value, ApiError> {
    serde_json::from_slice(body).map_err(|_| ApiError::MalformedJson)
}
