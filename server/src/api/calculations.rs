//! `POST /api/v1/calculations/{kind}`: the engine over HTTP.
use axum::{
    body::Bytes,
    extract::Path,
    http::HeaderMap,
    response::{IntoResponse, Response},
};
use banshui_engine::{
    calculation::{calculate as compute, Calculation, Kind},
    ENGINE_VERSION,
};
use banshui_i18n::{t_args, t_static, Lang};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::http::{accept_lang, parse_json, ApiError};

#[derive(Serialize)]
struct LineOut<'a> {
    key: &'a str,
    label: &'static str,
    amount: String,
    basis: &'static str,
    topic: &'a str,
}

#[derive(Serialize)]
struct WarningOut<'a> {
    code: &'a str,
    message: String,
}

/// `result`: the kind's figures, plus the lines and warnings (the contract says every result
/// carries them; they are also repeated at the top level for clients that read them there).
#[derive(Serialize)]
struct ResultOut<'a> {
    #[serde(flatten)]
    figures: &'a Map<String, Value>,
    lines: &'a [LineOut<'a>],
    warnings: &'a [WarningOut<'a>],
}

#[derive(Serialize)]
struct CalculationOut<'a> {
    kind: &'a str,
    engine_version: &'a str,
    result: ResultOut<'a>,
    lines: &'a [LineOut<'a>],
    warnings: &'a [WarningOut<'a>],
}

/// The calculation as the contract shows it, labels and messages in `lang`, serialized once
/// (typed, without building an intermediate JSON tree: this is the API's hot path).
pub fn calculation_body(kind: Kind, calc: &Calculation, lang: Lang) -> Vec<u8> {
    let lines: Vec<LineOut<'_>> = calc
        .lines
        .iter()
        .map(|l| LineOut {
            key: l.key,
            label: t_static(lang, &format!("line-{}", l.key)),
            amount: l.amount.to_string(),
            basis: t_static(lang, l.basis.0),
            topic: l.topic,
        })
        .collect();
    let warnings: Vec<WarningOut<'_>> = calc
        .warnings
        .iter()
        .map(|w| WarningOut {
            code: w.code,
            message: t_args(lang, &w.fluent_key(), &w.args),
        })
        .collect();
    let out = CalculationOut {
        kind: kind.slug(),
        engine_version: ENGINE_VERSION,
        result: ResultOut {
            figures: &calc.result,
            lines: &lines,
            warnings: &warnings,
        },
        lines: &lines,
        warnings: &warnings,
    };
    serde_json::to_vec(&out).unwrap_or_default()
}

pub async fn calculate(Path(kind): Path<String>, headers: HeaderMap, body: Bytes) -> Response {
    let lang = accept_lang(&headers);
    let Some(kind) = Kind::from_slug(&kind) else {
        return ApiError::NotFound.into_response();
    };
    let input = match parse_json(&body) {
        Ok(v) => v,
        Err(e) => return e.into_response(),
    };
    match compute(kind, &input) {
        Ok(calc) => (
            [(http::header::CONTENT_TYPE, "application/json")],
            calculation_body(kind, &calc, lang),
        )
            .into_response(),
        Err(errors) => ApiError::Invalid(errors).into_response(),
    }
}
