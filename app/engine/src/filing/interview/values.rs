//! Between a draft's JSON (the engine's input) and the form's values (strings by path).
use serde_json::Value;

use super::{
    fields::{fields, Input, STAMP_ROWS},
    form::{default_value, to_input, Values},
    steps::fixed_by_period,
};
use crate::{calculation::Kind, filing::Period};

fn at<'a>(data: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(data, |v, key| {
        match key.strip_suffix(']').and_then(|k| k.split_once('[')) {
            Some((name, index)) => v.get(name)?.get(index.parse::<usize>().ok()?),
            None => v.get(key),
        }
    })
}

/// A value of a draft saved by the first revision's form, for a field that moved into a row.
fn legacy_at(data: &Value, path: &str) -> Option<String> {
    let (old, map) = super::form::legacy_path(path)?;
    if data.get("lines").is_some() {
        return None;
    }
    match at(data, old)? {
        Value::Array(_) | Value::Object(_) | Value::Null => None,
        v => Some(map(&as_text(v))),
    }
}

fn as_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The values the period fixes: the tax year, the quarter, the VAT period.
pub fn period_values(kind: Kind, period: &str) -> Vec<(&'static str, String)> {
    match (kind, Period::parse(period)) {
        (Kind::IitAnnual | Kind::IitBusiness, Some(p)) => vec![("tax_year", p.year().to_string())],
        (Kind::CitPrepayment, Some(Period::Quarter(y, q))) => {
            vec![("tax_year", y.to_string()), ("quarter", q.to_string())]
        }
        (Kind::IitBusinessPrepayment, Some(Period::Month(y, m))) => vec![
            ("tax_year", y.to_string()),
            ("period.kind", "month".into()),
            ("period.index", m.to_string()),
        ],
        (Kind::IitBusinessPrepayment, Some(Period::Quarter(y, q))) => vec![
            ("tax_year", y.to_string()),
            ("period.kind", "quarter".into()),
            ("period.index", q.to_string()),
        ],
        (Kind::VatSmallScale, Some(Period::Month(y, m))) => {
            vec![
                ("period.kind", "month".into()),
                ("period.year", y.to_string()),
                ("period.index", m.to_string()),
            ]
        }
        (Kind::VatSmallScale, Some(Period::Quarter(y, q))) => {
            vec![
                ("period.kind", "quarter".into()),
                ("period.year", y.to_string()),
                ("period.index", q.to_string()),
            ]
        }
        _ => Vec::new(),
    }
}

/// The form values of a draft: what it holds, defaults elsewhere, and the period's values.
pub fn from_data(kind: Kind, period: &str, data: &Value) -> Values {
    let mut values = Values::new();
    for field in fields(kind) {
        let value = match at(data, field.path) {
            Some(Value::Bool(b)) if matches!(field.input, Input::YesNo(_)) => b.to_string(),
            Some(v) => as_text(v),
            None => legacy_at(data, field.path).unwrap_or_else(|| default_value(field)),
        };
        values.insert(field.path.to_string(), value);
    }
    if kind == Kind::StampDuty {
        let items = data
            .get("items")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for i in 0..STAMP_ROWS {
            let row = items.get(i);
            let item = row.and_then(|r| r.get("item")).map(as_text);
            let amount = row
                .and_then(|r| r.get("amount"))
                .map(as_text)
                .unwrap_or_default();
            let item = item.unwrap_or_else(|| {
                if i == 0 {
                    "sales_contract".into()
                } else {
                    String::new()
                }
            });
            values.insert(format!("items[{i}].item"), item);
            values.insert(format!("items[{i}].amount"), amount);
        }
    }
    for (path, value) in period_values(kind, period) {
        values.insert(path.to_string(), value);
    }
    values
}

/// The draft after a page of the interview: the old values with the posted ones laid over
/// (only names the kind knows are taken; the period's values always win).
pub fn merge(kind: Kind, period: &str, data: &Value, posted: &[(String, String)]) -> Value {
    let mut values = from_data(kind, period, data);
    for (name, value) in posted {
        let known = values.contains_key(name) && !fixed_by_period(kind).contains(&name.as_str());
        if known {
            values.insert(name.clone(), value.clone());
        }
    }
    to_input(kind, &values)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_draft_round_trips_through_the_form() {
        let data =
            json!({"tax_year": 2025, "income": {"wages": "200000"}, "special_deductions": "24000"});
        let values = from_data(Kind::IitAnnual, "2025", &data);
        assert_eq!(
            values.get("income.wages").map(String::as_str),
            Some("200000")
        );
        assert_eq!(values.get("tax_year").map(String::as_str), Some("2025"));
        let merged = merge(
            Kind::IitAnnual,
            "2025",
            &data,
            &[
                ("income.labor".into(), "5000".into()),
                ("tax_year".into(), "2023".into()),
                ("evil".into(), "1".into()),
            ],
        );
        assert_eq!(merged["income"]["labor"], "5000");
        assert_eq!(merged["income"]["wages"], "200000");
        assert_eq!(merged["tax_year"], 2025);
        assert!(merged.get("evil").is_none());
    }

    #[test]
    fn the_period_fills_the_vat_period() {
        let merged = merge(
            Kind::VatSmallScale,
            "2026-Q2",
            &json!({}),
            &[("sales".into(), "1".into())],
        );
        assert_eq!(
            merged["period"],
            json!({"kind": "quarter", "year": 2026, "index": 2})
        );
    }

    #[test]
    fn a_first_revision_vat_draft_opens_in_the_rows() {
        let old = json!({"period": {"kind": "quarter", "year": 2026, "index": 2},
            "sales": "320000", "levy_rate": "0.03", "location": "city"});
        let values = from_data(Kind::VatSmallScale, "2026-Q2", &old);
        assert_eq!(values["lines[0].sales"], "320000");
        assert_eq!(values["lines[0].rate"], "0.03");
        assert_eq!(values["lines[0].invoice"], "special");
        let merged = merge(Kind::VatSmallScale, "2026-Q2", &old, &[]);
        assert_eq!(
            merged["lines"],
            json!([{"rate": "0.03", "invoice": "special", "sales": "320000"}])
        );
        assert!(merged.get("sales").is_none());
    }
}
