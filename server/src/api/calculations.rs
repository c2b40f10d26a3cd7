//! `POST /api/v1/calculations/{kind}`: the engine over HTTP.
use axum::{
    body::Bytes,
    extract::Path,
    http::HeaderMap,
    response::{IntoResponse, Response},
    Json,
};
use banshui_app::{
    i18n::{t, t_args},
    Lang,
};
use banshui_engine::{
    calculation::{calculate as compute, Calculation, Kind},
    ENGINE_VERSION,
};
use serde_json::{json, Value};

use super::error::{api_lang, parse_json, ApiError};

/// The calculation as the contract shows it, labels and messages in `lang`.
pub fn calculation_json(kind: Kind, calc: &Calculation, lang: Lang) -> Value {
    let lines: Vec<Value> = calc
        .lines
        .iter()
        .map(|l| {
            json!({
                "key": l.key,
                "label": t(lang, &format!("line-{}", l.key)),
                "amount": l.amount.to_string(),
                "basis": t(lang, l.basis.0),
                "topic": l.topic,
            })
        })
        .collect();
    let warnings: Vec<Value> = calc
        .warnings
        .iter()
        .map(|w| json!({ "code": w.code, "message": t_args(lang, &w.fluent_key(), &w.args) }))
        .collect();
    let mut result = calc.result.clone();
    result.insert("lines".into(), Value::Array(lines.clone()));
    result.insert("warnings".into(), Value::Array(warnings.clone()));
    json!({
        "kind": kind.slug(),
        "engine_version": ENGINE_VERSION,
        "result": result,
        "lines": lines,
        "warnings": warnings,
    })
}

pub async fn calculate(Path(kind): Path<String>, headers: HeaderMap, body: Bytes) -> Response {
    let lang = api_lang(&headers);
    let Some(kind) = Kind::from_slug(&kind) else {
        return ApiError::NotFound.into_response_in(lang);
    };
    let input = match parse_json(&body) {
        Ok(v) => v,
        Err(e) => return e.into_response_in(lang),
    };
    match compute(kind, &input) {
        Ok(calc) => Json(calculation_json(kind, &calc, lang)).into_response(),
        Err(errors) => ApiError::Invalid(errors).into_response_in(lang),
    }
}
