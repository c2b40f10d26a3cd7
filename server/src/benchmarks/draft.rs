//! A benchmark as a publisher sends it — the API's JSON body or the console's form — and its
//! check. [`BenchmarkDraft`] holds the values as text, unchecked; [`check`] turns it into a
//! [`BenchmarkInput`] or names every problem on its field, in the order of the fields. The
//! JSON edge reports values of the wrong type itself; [`check`] does not report those fields
//! again.
use banshui_engine::{
    self_check::{valid_industry, TaxpayerType, CODES},
    ErrorCode, FieldError,
};
use rust_decimal::Decimal;

use super::{BenchmarkInput, FIELDS};
use crate::guidance::draft::check_date;

/// A benchmark as sent. `None`: not sent (or `null`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BenchmarkDraft {
    pub industry: Option<String>,
    /// zh-CN, en.
    pub industry_name: [Option<String>; 2],
    pub indicator: Option<String>,
    /// `general`, `small_scale`, or blank for any.
    pub taxpayer_type: Option<String>,
    pub average: Option<String>,
    pub tolerance: Option<String>,
    pub low: Option<String>,
    pub high: Option<String>,
    pub source: Option<String>,
    pub indicative: bool,
    pub effective_from: Option<String>,
    pub effective_to: Option<String>,
}

/// The problems `shape` holds for `field` (or its parts), moved to `errors`; whether any were.
fn shaped(shape: &mut Vec<FieldError>, field: &str, errors: &mut Vec<FieldError>) -> bool {
    let mut found = false;
    shape.retain(|e| {
        let mine = e.field == field
            || e.field
                .strip_prefix(field)
                .is_some_and(|rest| rest.starts_with('.'));
        if mine {
            errors.push(e.clone());
            found = true;
        }
        !mine
    });
    found
}

/// Required text, trimmed; its length is counted as sent.
fn text(path: &str, value: Option<&str>, max: usize, errors: &mut Vec<FieldError>) -> String {
    match value {
        Some(s) if !s.trim().is_empty() && s.chars().count() <= max => s.trim().to_string(),
        Some(s) if !s.trim().is_empty() => {
            errors.push(FieldError::new(path, ErrorCode::TooLong).with_limit(max.to_string()));
            String::new()
        }
        _ => {
            errors.push(FieldError::new(path, ErrorCode::Required));
            String::new()
        }
    }
}

fn decimal(name: &str, value: Option<&str>, errors: &mut Vec<FieldError>) -> Option<Decimal> {
    let raw = value.map(str::trim).filter(|s| !s.is_empty())?;
    match raw.parse::<Decimal>() {
        Ok(d) if d.is_sign_negative() => {
            errors.push(FieldError::new(name, ErrorCode::NegativeAmount));
            None
        }
        Ok(d) if d > Decimal::from(1_000_000) => {
            errors.push(FieldError::new(name, ErrorCode::OutOfRange).with_limit("0–1000000"));
            None
        }
        Ok(d) => Some(d.normalize()),
        Err(_) => {
            errors.push(FieldError::new(name, ErrorCode::NotANumber));
            None
        }
    }
}

/// Checks a draft; `shape` holds the problems the JSON edge found (unknown fields first).
pub fn check(
    draft: &BenchmarkDraft,
    mut shape: Vec<FieldError>,
) -> Result<BenchmarkInput, Vec<FieldError>> {
    let mut errors: Vec<FieldError> = Vec::new();
    // Unknown fields come first, as they did.
    shape.retain(|e| {
        let unknown = !FIELDS
            .iter()
            .any(|k| e.field == *k || e.field.starts_with(&format!("{k}.")));
        if unknown {
            errors.push(e.clone());
        }
        !unknown
    });
    let industry = if shaped(&mut shape, "industry", &mut errors) {
        String::new()
    } else {
        let industry = text("industry", draft.industry.as_deref(), 5, &mut errors).to_uppercase();
        if !industry.is_empty() && !valid_industry(&industry) {
            errors.push(FieldError::new("industry", ErrorCode::InvalidChoice));
        }
        industry
    };
    let mut name = |i: usize, lang: &str| {
        let path = format!("industry_name.{lang}");
        if shaped(&mut shape, &path, &mut errors) {
            String::new()
        } else {
            text(&path, draft.industry_name[i].as_deref(), 100, &mut errors)
        }
    };
    let industry_name = [name(0, "zh-CN"), name(1, "en")];
    let indicator = if shaped(&mut shape, "indicator", &mut errors) {
        String::new()
    } else {
        let indicator = text("indicator", draft.indicator.as_deref(), 40, &mut errors);
        if !indicator.is_empty() && !CODES.contains(&indicator.as_str()) {
            errors.push(FieldError::new("indicator", ErrorCode::InvalidChoice));
        }
        indicator
    };
    let taxpayer_type = if shaped(&mut shape, "taxpayer_type", &mut errors) {
        None
    } else {
        match draft.taxpayer_type.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(t) => {
                let parsed = TaxpayerType::parse(t);
                if parsed.is_none() {
                    errors.push(FieldError::new("taxpayer_type", ErrorCode::InvalidChoice));
                }
                parsed
            }
        }
    };
    let mut number = |name: &str, value: &Option<String>, errors: &mut Vec<FieldError>| {
        if shaped(&mut shape, name, errors) {
            None
        } else {
            decimal(name, value.as_deref(), errors)
        }
    };
    let average = number("average", &draft.average, &mut errors);
    let tolerance = number("tolerance", &draft.tolerance, &mut errors);
    let low = number("low", &draft.low, &mut errors);
    let high = number("high", &draft.high, &mut errors);
    if let (Some(l), Some(h)) = (low, high) {
        if h < l {
            errors.push(FieldError::new("high", ErrorCode::EndBeforeStart));
        }
    }
    // One message per field: a value that is not a number is not also "required".
    let average_refused = errors.iter().any(|e| e.field == "average");
    if !average_refused
        && average.is_none()
        && (tolerance.is_some() || (low.is_none() && high.is_none()))
    {
        errors.push(FieldError::new("average", ErrorCode::Required));
    }
    let source = if shaped(&mut shape, "source", &mut errors) {
        String::new()
    } else {
        text("source", draft.source.as_deref(), 300, &mut errors)
    };
    shaped(&mut shape, "indicative", &mut errors);
    let effective_from = if shaped(&mut shape, "effective_from", &mut errors) {
        String::new()
    } else {
        check_date(
            "effective_from",
            draft.effective_from.as_deref(),
            true,
            &mut errors,
        )
        .unwrap_or_default()
    };
    let effective_to = if shaped(&mut shape, "effective_to", &mut errors) {
        None
    } else {
        check_date(
            "effective_to",
            draft.effective_to.as_deref(),
            false,
            &mut errors,
        )
    };
    if effective_to
        .as_ref()
        .is_some_and(|to| !effective_from.is_empty() && to < &effective_from)
    {
        errors.push(FieldError::new("effective_to", ErrorCode::EndBeforeStart));
    }
    errors.extend(shape);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(BenchmarkInput {
        industry,
        industry_name,
        indicator,
        taxpayer_type,
        average,
        tolerance,
        low,
        high,
        source,
        indicative: draft.indicative,
        effective_from,
        effective_to,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn some(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn a_benchmark_needs_an_average_or_a_band() {
        let good = BenchmarkDraft {
            industry: some("c34"),
            industry_name: [some("通用设备"), some("Machinery")],
            indicator: some("vat_burden"),
            average: some("0.037"),
            tolerance: some("0.3"),
            source: some("local office"),
            effective_from: some("2026-01-01"),
            ..BenchmarkDraft::default()
        };
        let b = check(&good, Vec::new()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(b.industry, "C34");
        let e = b.engine();
        assert_eq!(
            (e.low, e.high),
            ("0.0259".parse().ok(), "0.0481".parse().ok())
        );
        let bad = BenchmarkDraft {
            industry: some("99"),
            industry_name: [some(""), some("x")],
            indicator: some("luck"),
            low: some("0.5"),
            high: some("0.1"),
            source: some("x"),
            effective_from: some("2026-02-30"),
            ..BenchmarkDraft::default()
        };
        let shape = vec![FieldError::new("colour", ErrorCode::UnknownField)];
        let fields: Vec<_> = check(&bad, shape)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.field, e.code.as_str()))
            .collect();
        assert_eq!(
            fields,
            [
                ("colour".to_string(), "unknown_field"),
                ("industry".into(), "invalid_choice"),
                ("industry_name.zh-CN".into(), "required"),
                ("indicator".into(), "invalid_choice"),
                ("high".into(), "end_before_start"),
                ("effective_from".into(), "invalid_date"),
            ]
        );
    }

    #[test]
    fn each_language_of_the_name_is_checked_and_lengths_count_as_sent() {
        let draft = BenchmarkDraft {
            industry: some("  C34  "),
            industry_name: [None, None],
            indicator: some("vat_burden"),
            average: some("0.03"),
            source: some("local office"),
            effective_from: some(""),
            ..BenchmarkDraft::default()
        };
        let shape = vec![FieldError::new("industry_name.zh-CN", ErrorCode::WrongType)];
        let fields: Vec<_> = check(&draft, shape)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.field, e.code.as_str()))
            .collect();
        assert_eq!(
            fields,
            [
                ("industry".to_string(), "too_long"),
                ("industry_name.zh-CN".into(), "wrong_type"),
                ("industry_name.en".into(), "required"),
                ("effective_from".into(), "invalid_date"),
            ]
        );
    }

    #[test]
    fn a_value_refused_for_its_type_is_not_refused_again() {
        let draft = BenchmarkDraft {
            industry: some("C34"),
            industry_name: [some("通用设备"), some("Machinery")],
            indicator: some("vat_burden"),
            source: some("local office"),
            effective_from: some("2026-01-01"),
            ..BenchmarkDraft::default()
        };
        let shape = vec![FieldError::new("average", ErrorCode::WrongType)];
        let fields: Vec<_> = check(&draft, shape)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.field, e.code.as_str()))
            .collect();
        assert_eq!(fields, [("average".to_string(), "wrong_type")]);
    }
}
