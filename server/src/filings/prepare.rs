//! Everything about a submission that needs no storage: the body's shape, the period, the
//! declaration, the engine's recomputation, the snapshot and its hash, the receipt number.
use banshui_engine::{
    calculation::{calculate, Calculation, Kind},
    filing::{check_period, settlement, ReceiptNumber},
    ErrorCode, FieldError, ENGINE_VERSION,
};
use serde_json::{json, Map, Value};

use super::canonical::canonical;
use crate::{
    clock::{now_micros, now_rfc3339, today_in_china},
    random::{id, sha256_hex, u64 as random_u64},
};

pub const EXPLANATION_MAX_CHARS: usize = 2000;
pub const MAX_EXPLANATIONS: usize = 20;

/// A submission ready to be written.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub id: String,
    pub receipt_number: String,
    pub taxpayer_id: String,
    pub kind: Kind,
    pub period: String,
    pub data: String,
    pub result: String,
    pub explanations: String,
    pub amount_due: String,
    pub refund_due: String,
    pub payment_deadline: String,
    pub content_sha256: String,
    pub submitted_at: String,
    pub submitted_us: i64,
    pub supersedes: Option<String>,
    pub idempotency_key: String,
    pub request_sha256: String,
}

/// The parts of a submission body the server needs before computing.
pub struct Submission<'a> {
    pub taxpayer_id: &'a str,
    pub idempotency_key: &'a str,
    pub body: &'a Value,
}

/// The result as stored: figures, lines with their legal-basis keys, warnings with their
/// arguments — language-neutral, rendered in the reader's language.
pub fn stored_result(calc: &Calculation) -> Value {
    let lines: Vec<Value> = calc
        .lines
        .iter()
        .map(|l| json!({"key": l.key, "amount": l.amount.to_string(), "basis": l.basis.0, "topic": l.topic}))
        .collect();
    let warnings: Vec<Value> = calc
        .warnings
        .iter()
        .map(|w| {
            let args: Map<String, Value> = w
                .args
                .iter()
                .map(|(k, v)| ((*k).to_string(), Value::String(v.clone())))
                .collect();
            json!({"code": w.code, "args": args})
        })
        .collect();
    json!({"figures": calc.result, "lines": lines, "warnings": warnings})
}

fn explanations(value: Option<&Value>, errors: &mut Vec<FieldError>) -> Value {
    let Some(value) = value.filter(|v| !v.is_null()) else {
        return json!([]);
    };
    let Some(items) = value.as_array() else {
        errors.push(FieldError::new("explanations", ErrorCode::WrongType));
        return json!([]);
    };
    if items.len() > MAX_EXPLANATIONS {
        errors.push(
            FieldError::new("explanations", ErrorCode::TooLong)
                .with_limit(MAX_EXPLANATIONS.to_string()),
        );
    }
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let at = |f: &str| format!("explanations[{i}].{f}");
        let Some(obj) = item.as_object() else {
            errors.push(FieldError::new(
                format!("explanations[{i}]"),
                ErrorCode::WrongType,
            ));
            continue;
        };
        for key in obj.keys().filter(|k| *k != "indicator" && *k != "text") {
            errors.push(FieldError::new(at(key), ErrorCode::UnknownField));
        }
        let mut text_of = |f: &str, max: usize| match obj.get(f) {
            Some(Value::String(s)) if !s.trim().is_empty() => {
                if s.chars().count() > max {
                    errors.push(
                        FieldError::new(at(f), ErrorCode::TooLong).with_limit(max.to_string()),
                    );
                }
                Some(s.trim().to_string())
            }
            Some(Value::String(_)) | None => {
                errors.push(FieldError::new(at(f), ErrorCode::Required));
                None
            }
            Some(_) => {
                errors.push(FieldError::new(at(f), ErrorCode::WrongType));
                None
            }
        };
        let indicator = text_of("indicator", 64);
        let text = text_of("text", EXPLANATION_MAX_CHARS);
        if indicator
            .as_deref()
            .is_some_and(|code| !banshui_engine::selfcheck::CODES.contains(&code))
        {
            errors.push(FieldError::new(at("indicator"), ErrorCode::InvalidChoice));
        }
        if let (Some(indicator), Some(text)) = (indicator, text) {
            out.push(json!({"indicator": indicator, "text": text}));
        }
    }
    Value::Array(out)
}

const FIELDS: [&str; 6] = [
    "kind",
    "period",
    "data",
    "declaration",
    "supersedes",
    "explanations",
];

/// Checks and computes a submission; every problem is reported at once, with its JSON path.
pub fn prepare(sub: &Submission<'_>) -> Result<Prepared, Vec<FieldError>> {
    let Some(body) = sub.body.as_object() else {
        return Err(vec![FieldError::new("", ErrorCode::WrongType)]);
    };
    let mut errors: Vec<FieldError> = body
        .keys()
        .filter(|k| !FIELDS.contains(&k.as_str()))
        .map(|k| FieldError::new(k.clone(), ErrorCode::UnknownField))
        .collect();
    let kind = match body.get("kind") {
        Some(Value::String(s)) => Kind::from_slug(s).or_else(|| {
            errors.push(FieldError::new("kind", ErrorCode::InvalidChoice));
            None
        }),
        Some(_) => {
            errors.push(FieldError::new("kind", ErrorCode::WrongType));
            None
        }
        None => {
            errors.push(FieldError::new("kind", ErrorCode::Required));
            None
        }
    };
    let data = match body.get("data") {
        Some(v @ Value::Object(_)) => Some(v),
        Some(_) => {
            errors.push(FieldError::new("data", ErrorCode::WrongType));
            None
        }
        None => {
            errors.push(FieldError::new("data", ErrorCode::Required));
            None
        }
    };
    let period = match body.get("period") {
        Some(Value::String(s)) => Some(s.trim().to_string()),
        Some(_) => {
            errors.push(FieldError::new("period", ErrorCode::WrongType));
            None
        }
        None => {
            errors.push(FieldError::new("period", ErrorCode::Required));
            None
        }
    };
    match body.get("declaration") {
        Some(Value::Bool(true)) => {}
        _ => errors.push(FieldError::new(
            "declaration",
            ErrorCode::DeclarationRequired,
        )),
    }
    let supersedes = match body.get("supersedes") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Some(_) => {
            errors.push(FieldError::new("supersedes", ErrorCode::WrongType));
            None
        }
    };
    let explanations = explanations(body.get("explanations"), &mut errors);
    let (Some(kind), Some(data), Some(period_text)) = (kind, data, period) else {
        return Err(errors);
    };
    let period = match check_period(kind, &period_text, data) {
        Ok(p) => Some(p),
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let calc = match calculate(kind, data) {
        Ok(c) => Some(c),
        Err(errs) => {
            errors.extend(errs.into_iter().map(|mut e| {
                e.field = if e.field.is_empty() {
                    "data".into()
                } else {
                    format!("data.{}", e.field)
                };
                e
            }));
            None
        }
    };
    let (Some(period), Some(calc)) = (period, calc) else {
        return Err(errors);
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let settlement = settlement(kind, &calc);
    let result = stored_result(&calc);
    let period = period.to_string();
    let snapshot = json!({
        "kind": kind.slug(),
        "period": period,
        "data": data,
        "result": result,
        "engine_version": ENGINE_VERSION,
        "explanations": explanations,
        "supersedes": supersedes,
    });
    let deadline = banshui_engine::filing::Period::parse(&period)
        .map(|p| p.deadline(kind).to_string())
        .unwrap_or_default();
    Ok(Prepared {
        id: id(),
        receipt_number: ReceiptNumber::new(today_in_china(), random_u64()).to_string(),
        taxpayer_id: sub.taxpayer_id.to_string(),
        kind,
        period,
        data: canonical(data),
        result: canonical(&result),
        explanations: canonical(&explanations),
        amount_due: settlement.amount_due.to_string(),
        refund_due: settlement.refund_due.to_string(),
        payment_deadline: deadline,
        content_sha256: sha256_hex(canonical(&snapshot).as_bytes()),
        submitted_at: now_rfc3339(),
        submitted_us: now_micros(),
        supersedes,
        idempotency_key: sub.idempotency_key.to_string(),
        request_sha256: sha256_hex(canonical(sub.body).as_bytes()),
    })
}
