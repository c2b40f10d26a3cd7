//! Everything about a submission that needs no storage: the period, the declaration, the
//! explanations, the engine's recomputation, the snapshot and its hash, the receipt number.
use banshui_engine::{
    calculation::{calculate, Calculation, Kind},
    filing::{check_period, settlement, Period, ReceiptNumber},
    ErrorCode, FieldError, Money, ENGINE_VERSION,
};
use serde_json::{json, Map, Value};

use super::{
    canonical::canonical,
    service::{Explanation, SubmitFiling},
};
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
    pub receipt_number: ReceiptNumber,
    pub taxpayer_id: String,
    pub kind: Kind,
    pub period: Period,
    pub data: String,
    pub result: String,
    pub explanations: String,
    pub amount_due: Money,
    pub refund_due: Money,
    pub payment_deadline: String,
    pub content_sha256: String,
    pub submitted_at: String,
    pub submitted_us: i64,
    pub supersedes: Option<String>,
    pub idempotency_key: String,
    pub request_sha256: String,
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

/// The explanations as stored; each problem on its `explanations[i].…` path.
fn explanations(items: &[Explanation], errors: &mut Vec<FieldError>) -> Value {
    if items.len() > MAX_EXPLANATIONS {
        errors.push(
            FieldError::new("explanations", ErrorCode::TooLong)
                .with_limit(MAX_EXPLANATIONS.to_string()),
        );
    }
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let at = |f: &str| format!("explanations[{i}].{f}");
        let mut text_of = |f: &str, sent: &str, max: usize| {
            let s = sent.trim();
            if s.is_empty() {
                errors.push(FieldError::new(at(f), ErrorCode::Required));
                return None;
            }
            // The length as sent.
            if sent.chars().count() > max {
                errors.push(FieldError::new(at(f), ErrorCode::TooLong).with_limit(max.to_string()));
            }
            Some(s.to_string())
        };
        let indicator = text_of("indicator", &item.indicator, 64);
        let text = text_of("text", &item.text, EXPLANATION_MAX_CHARS);
        if indicator
            .as_deref()
            .is_some_and(|code| !banshui_engine::self_check::CODES.contains(&code))
        {
            errors.push(FieldError::new(at("indicator"), ErrorCode::InvalidChoice));
        }
        if let (Some(indicator), Some(text)) = (indicator, text) {
            out.push(json!({"indicator": indicator, "text": text}));
        }
    }
    Value::Array(out)
}

/// The problems of a list of explanations (how many, each one's indicator and text), for a
/// body whose other parts could not be read.
pub fn check_explanations(items: &[Explanation]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    explanations(items, &mut errors);
    errors
}

/// Checks and computes a submission; every problem is reported at once, on its field.
pub fn prepare(cmd: &SubmitFiling) -> Result<Prepared, Vec<FieldError>> {
    let mut errors = Vec::new();
    if !cmd.declaration {
        errors.push(FieldError::new(
            "declaration",
            ErrorCode::DeclarationRequired,
        ));
    }
    let explanations = explanations(&cmd.explanations, &mut errors);
    let (kind, data) = (cmd.kind, &cmd.answers);
    if !data.is_object() {
        errors.push(FieldError::new("data", ErrorCode::WrongType));
        return Err(errors);
    }
    let period_text = cmd.period.trim();
    let period = match check_period(kind, period_text, data) {
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
    let supersedes = cmd.supersedes.as_deref().map(str::trim);
    let snapshot = json!({
        "kind": kind.slug(),
        "period": period.to_string(),
        "data": data,
        "result": result,
        "engine_version": ENGINE_VERSION,
        "explanations": explanations,
        "supersedes": supersedes,
    });
    let payment_deadline = period.deadline(kind).to_string();
    Ok(Prepared {
        id: id(),
        receipt_number: ReceiptNumber::new(today_in_china(), random_u64()),
        taxpayer_id: cmd.taxpayer_id.clone(),
        kind,
        period,
        data: canonical(data),
        result: canonical(&result),
        explanations: canonical(&explanations),
        amount_due: settlement.amount_due,
        refund_due: settlement.refund_due,
        payment_deadline,
        content_sha256: sha256_hex(canonical(&snapshot).as_bytes()),
        submitted_at: now_rfc3339(),
        submitted_us: now_micros(),
        supersedes: supersedes.map(str::to_string),
        idempotency_key: cmd.idempotency_key.as_str().to_string(),
        request_sha256: cmd
            .fingerprint
            .clone()
            .unwrap_or_else(|| cmd.content_fingerprint()),
    })
}
