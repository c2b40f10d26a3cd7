//! `POST /api/v1/taxpayer-ids/validate`: 统一社会信用代码 or 居民身份证号码.
use axum::{
    body::Bytes,
    http::HeaderMap,
    response::{IntoResponse, Response},
    Json,
};
use banshui_engine::{ids::TaxpayerId, ErrorCode, FieldError};
use banshui_i18n::t;
use serde_json::{json, Value};

use crate::http::{accept_lang, parse_json, ApiError};

pub async fn validate(headers: HeaderMap, body: Bytes) -> Response {
    let lang = accept_lang(&headers);
    let input = match parse_json(&body) {
        Ok(v) => v,
        Err(e) => return e.into_response(),
    };
    let Value::Object(map) = &input else {
        return ApiError::Invalid(vec![FieldError::new("", ErrorCode::WrongType)]).into_response();
    };
    let mut errors: Vec<FieldError> = map
        .keys()
        .filter(|k| k.as_str() != "id")
        .map(|k| FieldError::new(k.clone(), ErrorCode::UnknownField))
        .collect();
    let raw = match map.get("id") {
        Some(Value::String(s)) => Some(s.as_str()),
        Some(_) => {
            errors.push(FieldError::new("id", ErrorCode::WrongType));
            None
        }
        None => {
            errors.push(FieldError::new("id", ErrorCode::Required));
            None
        }
    };
    if !errors.is_empty() {
        return ApiError::Invalid(errors).into_response();
    }
    let raw = raw.unwrap_or_default();
    match TaxpayerId::parse(raw) {
        Ok(id) => {
            Json(json!({ "valid": true, "kind": id.kind().as_str(), "normalized": id.as_str() }))
                .into_response()
        }
        Err(e) => {
            // An empty id is simply too short: the contract's codes are about the id's shape.
            let code = if e.code == ErrorCode::Required {
                ErrorCode::BadLength
            } else {
                e.code
            };
            Json(json!({
                "valid": false,
                "kind": e.kind.map(|k| k.as_str()),
                "code": code.as_str(),
                "message": t(lang, &code.fluent_key()),
            }))
            .into_response()
        }
    }
}
