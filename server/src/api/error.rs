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
    /// 404: no such endpoint or kind.
    NotFound,
}

fn entry(lang: Lang, field: &str, code: &str, key: &str, limit: Option<&str>) -> serde_json::Value {
    let mut args = vec![("field", field.to_string())];
    if let Some(limit) = limit {
        args.push(("limit", limit.to_string()));
    }
    json!({ "field": field, "code": code, "message": t_args(lang, key, &args) })
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
