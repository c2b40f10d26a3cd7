//! Figures a new 经营所得 return starts from: a prepayment continues from the taxpayer's own
//! latest earlier prepayment of the year (the figures are cumulative), and the annual return
//! from the year's last prepayment. What was already prepaid is the earlier prepayment's own
//! `prepaid_tax` plus what it made payable. Prefilled values stay editable.
use serde_json::{Map, Value};

use super::Period;
use crate::calculation::Kind;

/// A filed return: its period, its answers and its result figures.
pub struct Earlier<'a> {
    pub kind: Kind,
    pub period: Period,
    pub data: &'a Value,
    pub result: &'a Map<String, Value>,
}

/// The months from 1 January to the end of a month or quarter.
fn months(period: Period) -> Option<i32> {
    match period {
        Period::Month(_, m) => Some(i32::from(m)),
        Period::Quarter(_, q) => Some(i32::from(q) * 3),
        _ => None,
    }
}

const CARRIED: [&str; 9] = [
    "entity",
    "has_comprehensive_income",
    "revenue",
    "costs",
    "loss_carryforward",
    "special_deductions",
    "other_deductions",
    "other_relief",
    "oldest_loss_year",
];

/// The answers a new return of `kind` for `period` starts with, and the period they come from;
/// `None` when there is nothing earlier to start from.
pub fn prefill(kind: Kind, period: Period, filed: &[Earlier<'_>]) -> Option<(Value, Period)> {
    let year = period.year();
    // The annual return counts as the end of month 12.
    let before = match (kind, period) {
        (Kind::IitBusinessPrepayment, p) => months(p)?,
        (Kind::IitBusiness, Period::Year(_)) => 13,
        _ => return None,
    };
    let latest = filed
        .iter()
        .filter(|f| f.kind == Kind::IitBusinessPrepayment && f.period.year() == year)
        .filter_map(|f| months(f.period).map(|m| (m, f)))
        .filter(|(m, _)| *m < before)
        .max_by_key(|(m, _)| *m)?
        .1;
    let mut data = Map::new();
    for key in CARRIED {
        if let Some(v) = latest.data.get(key).filter(|v| !v.is_null()) {
            data.insert(key.to_string(), v.clone());
        }
    }
    let amount = |key: &str| {
        latest
            .result
            .get(key)
            .and_then(Value::as_str)
            .and_then(|s| s.parse::<rust_decimal::Decimal>().ok())
            .unwrap_or_default()
    };
    let prepaid = amount("prepaid_tax") + amount("payable");
    data.insert(
        "prepaid_tax".into(),
        Value::String(crate::Money::round(prepaid).to_string()),
    );
    Some((Value::Object(data), latest.period))
}

/// The answers of a draft (`data`) that still hold the value the prefill (`start`) gave them;
/// amounts compared as numbers (`3200` is `3200.00`, `1,000` is `1000`).
pub fn still_held(start: &Value, data: &Value) -> Vec<&'static str> {
    let number = |v: &Value| match v {
        Value::String(s) => s
            .trim()
            .replace(',', "")
            .parse::<rust_decimal::Decimal>()
            .ok(),
        Value::Number(n) => n.to_string().parse::<rust_decimal::Decimal>().ok(),
        _ => None,
    };
    let same = |a: &Value, b: &Value| {
        a == b || matches!((number(a), number(b)), (Some(x), Some(y)) if x == y)
    };
    CARRIED
        .iter()
        .chain(&["prepaid_tax"])
        .copied()
        .filter(|key| match (start.get(key), data.get(key)) {
            (Some(given), Some(now)) => same(given, now),
            _ => false,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::calculation::calculate;

    #[test]
    fn q2_starts_from_q1_and_the_annual_return_from_q4() {
        let q1_data = json!({"tax_year": 2026, "period": {"kind": "quarter", "index": 1},
            "entity": "individual_business", "has_comprehensive_income": false,
            "revenue": "300000", "costs": "200000", "special_deductions": "6000"});
        let q1 = calculate(Kind::IitBusinessPrepayment, &q1_data)
            .unwrap()
            .result;
        let q3_data = json!({"tax_year": 2026, "period": {"kind": "quarter", "index": 3},
            "entity": "individual_business", "has_comprehensive_income": false,
            "revenue": "900000", "costs": "600000", "special_deductions": "18000", "prepaid_tax": "10000"});
        let q3 = calculate(Kind::IitBusinessPrepayment, &q3_data)
            .unwrap()
            .result;
        let filed = [
            Earlier {
                kind: Kind::IitBusinessPrepayment,
                period: Period::Quarter(2026, 1),
                data: &q1_data,
                result: &q1,
            },
            Earlier {
                kind: Kind::IitBusinessPrepayment,
                period: Period::Quarter(2026, 3),
                data: &q3_data,
                result: &q3,
            },
        ];
        let (data, from) = prefill(
            Kind::IitBusinessPrepayment,
            Period::Quarter(2026, 2),
            &filed,
        )
        .unwrap();
        assert_eq!(from, Period::Quarter(2026, 1));
        assert_eq!(data["revenue"], "300000");
        assert_eq!(data["prepaid_tax"], "3200.00");
        assert!(data.get("tax_year").is_none() && data.get("period").is_none());
        let (annual, from) = prefill(Kind::IitBusiness, Period::Year(2026), &filed).unwrap();
        assert_eq!(from, Period::Quarter(2026, 3));
        assert_eq!(annual["revenue"], "900000");
        // Q3: 900,000 − 600,000 − (45,000 + 18,000) = 237,000 taxable → 36,900 tax, halved
        // 18,450, less 10,000 prepaid = 8,450; so 18,450 was prepaid for the year in all.
        assert_eq!(q3["payable"], "8450.00");
        assert_eq!(annual["prepaid_tax"], "18450.00");
        assert!(prefill(
            Kind::IitBusinessPrepayment,
            Period::Quarter(2026, 1),
            &filed
        )
        .is_none());
        assert!(prefill(Kind::IitBusiness, Period::Year(2025), &filed).is_none());
        assert!(prefill(Kind::VatSmallScale, Period::Quarter(2026, 2), &filed).is_none());
    }

    #[test]
    fn only_answers_still_as_filled_in_are_held() {
        let start =
            json!({"revenue": "300000", "prepaid_tax": "3200.00", "entity": "individual_business"});
        assert_eq!(still_held(&start, &start).len(), 3);
        let saved =
            json!({"revenue": "650,000", "prepaid_tax": "3200", "entity": "individual_business"});
        assert_eq!(still_held(&start, &saved), ["entity", "prepaid_tax"]);
        assert!(still_held(&start, &json!({})).is_empty());
    }
}
