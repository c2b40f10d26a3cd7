//! The indicators a return can show before it is submitted: its own figures as the current
//! period, the taxpayer's previous filing of the same kind as the base period. Only VAT
//! (small-scale) and CIT (prepayment) returns carry the figures the indicators read.
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::{
    figures::{Figures, Request, TaxpayerType},
    indicators::{check, Benchmark, Indicator},
};
use crate::{calculation::Kind, money::Money};

/// A computed return: its period (`2026-03`, `2026-Q2`) and its `result` figures.
#[derive(Clone, Debug, PartialEq)]
pub struct Filed<'a> {
    pub period: &'a str,
    pub result: &'a Map<String, Value>,
}

/// The indicators each kind of return can feed, in result order.
pub fn codes_for(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::VatSmallScale => &[
            "vat_burden",
            "vat_burden_change",
            "vat_elasticity",
            "zero_filing_streak",
        ],
        Kind::CitPrepayment => &["cit_burden", "small_low_profit_cliff"],
        _ => &[],
    }
}

fn amount(result: &Map<String, Value>, key: &str) -> Decimal {
    result
        .get(key)
        .and_then(Value::as_str)
        .and_then(|s| s.parse::<Decimal>().ok())
        .unwrap_or_default()
}

/// The self-check figures one return gives (zero where the return has no such figure).
pub fn figures_of(kind: Kind, result: &Map<String, Value>) -> Figures {
    match kind {
        Kind::VatSmallScale => Figures {
            revenue: Money::round(amount(result, "sales")),
            vat_payable: Money::round(amount(result, "vat")),
            ..Figures::default()
        },
        // 实际利润额 is the prepayment's taxable profit; the burden is the tax after relief.
        Kind::CitPrepayment => Figures {
            total_profit: Money::round(amount(result, "actual_profit")),
            taxable_income: Some(Money::round(amount(result, "actual_profit"))),
            cit_payable: Money::round(amount(result, "tax") - amount(result, "relief")),
            ..Figures::default()
        },
        _ => Figures::default(),
    }
}

/// Months of zero sales ending with this return: it and the previous returns (newest first)
/// as long as each declared no sales. A quarterly return counts three months.
fn zero_streak(current: &Filed<'_>, previous: &[Filed<'_>]) -> i64 {
    let months = |f: &Filed<'_>| if f.period.contains('Q') { 3 } else { 1 };
    std::iter::once(current)
        .chain(previous)
        .take_while(|f| amount(f.result, "sales").is_zero())
        .map(months)
        .sum()
}

/// The indicators of `current` (a VAT or CIT return), with `previous` the taxpayer's earlier
/// filings of the same kind, newest first (the first one is the base period). Empty for the
/// other kinds.
pub fn for_return(
    kind: Kind,
    current: &Filed<'_>,
    previous: &[Filed<'_>],
    lookup: &dyn Fn(&str) -> Option<Benchmark>,
) -> Vec<Indicator> {
    let codes = codes_for(kind);
    if codes.is_empty() {
        return Vec::new();
    }
    let mut now = figures_of(kind, current.result);
    if kind == Kind::VatSmallScale {
        now.zero_filing_months = zero_streak(current, previous);
    }
    let request = Request {
        industry: String::new(),
        // Only a small-scale taxpayer files the small-scale VAT return.
        taxpayer_type: (kind == Kind::VatSmallScale).then_some(TaxpayerType::SmallScale),
        current: now,
        base: previous.first().map(|b| figures_of(kind, b.result)),
    };
    check(&request, lookup)
        .into_iter()
        .filter(|i| codes.contains(&i.code))
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::{calculation::calculate, self_check::Status};

    fn result(kind: Kind, data: Value) -> Map<String, Value> {
        calculate(kind, &data)
            .unwrap_or_else(|e| panic!("{e:?}"))
            .result
    }

    fn vat(period: &str, sales: &str) -> Map<String, Value> {
        let (year, rest) = period.split_once('-').unwrap_or_default();
        let (kind, index) = match rest.strip_prefix('Q') {
            Some(q) => ("quarter", q),
            None => ("month", rest),
        };
        let year: i64 = year.parse().unwrap_or_default();
        let index: i64 = index.parse().unwrap_or_default();
        result(
            Kind::VatSmallScale,
            json!({"period": {"kind": kind, "year": year, "index": index}, "sales": sales,
                   "location": "city", "six_taxes_two_fees_halving": true}),
        )
    }

    fn find<'a>(all: &'a [Indicator], code: &str) -> &'a Indicator {
        all.iter()
            .find(|i| i.code == code)
            .unwrap_or_else(|| panic!("no {code} in {all:?}"))
    }

    #[test]
    fn vat_return_against_its_previous_quarter() {
        // 2026-Q2: 400,000 at 1% → 4,000 (1.00%); base Q1: 500,000 → 5,000 (1.00%).
        let now = vat("2026-Q2", "400000");
        let before = vat("2026-Q1", "500000");
        let all = for_return(
            Kind::VatSmallScale,
            &Filed {
                period: "2026-Q2",
                result: &now,
            },
            &[Filed {
                period: "2026-Q1",
                result: &before,
            }],
            &|_| None,
        );
        let codes: Vec<&str> = all.iter().map(|i| i.code).collect();
        assert_eq!(
            codes,
            [
                "vat_burden",
                "vat_burden_change",
                "vat_elasticity",
                "zero_filing_streak"
            ]
        );
        assert_eq!(find(&all, "vat_burden").value, Some(Decimal::new(100, 4)));
        assert_eq!(find(&all, "vat_burden_change").value, Some(Decimal::ZERO));
        // Sales −20%, VAT −20% → elasticity 1.0000: they moved together.
        assert_eq!(
            find(&all, "vat_elasticity").value,
            Some(Decimal::new(10000, 4))
        );
        assert_eq!(find(&all, "vat_elasticity").status, Status::Ok);
        assert_eq!(find(&all, "zero_filing_streak").value, Some(Decimal::ZERO));
    }

    #[test]
    fn without_a_previous_filing_the_base_indicators_are_left_out() {
        let now = vat("2026-03", "120000");
        let all = for_return(
            Kind::VatSmallScale,
            &Filed {
                period: "2026-03",
                result: &now,
            },
            &[],
            &|_| None,
        );
        let codes: Vec<&str> = all.iter().map(|i| i.code).collect();
        assert_eq!(codes, ["vat_burden", "zero_filing_streak"]);
    }

    #[test]
    fn zero_sales_quarters_make_a_streak() {
        let zero = vat("2026-Q3", "0");
        let also_zero = vat("2026-Q2", "0");
        let sold = vat("2026-Q1", "350000");
        let all = for_return(
            Kind::VatSmallScale,
            &Filed {
                period: "2026-Q3",
                result: &zero,
            },
            &[
                Filed {
                    period: "2026-Q2",
                    result: &also_zero,
                },
                Filed {
                    period: "2026-Q1",
                    result: &sold,
                },
            ],
            &|_| None,
        );
        let streak = find(&all, "zero_filing_streak");
        assert_eq!(streak.value, Some(Decimal::from(6)));
        assert_eq!(streak.status, Status::High);
        // No sales in either period: the burden change has a zero denominator, reported as such.
        assert_eq!(find(&all, "vat_burden").value, None);
    }

    #[test]
    fn cit_prepayment_just_under_the_small_low_profit_limit() {
        let r = result(
            Kind::CitPrepayment,
            json!({"tax_year": 2026, "quarter": 4, "total_profit": "2950000",
                   "employees_avg": "50", "total_assets_avg": "10000000"}),
        );
        let all = for_return(
            Kind::CitPrepayment,
            &Filed {
                period: "2026-Q4",
                result: &r,
            },
            &[],
            &|_| None,
        );
        let cliff = find(&all, "small_low_profit_cliff");
        assert_eq!(cliff.status, Status::Attention);
        assert_eq!(cliff.value, Some(Decimal::from(2_950_000)));
        // 小型微利: 2,950,000 × 25% × 20% = 147,500 → 5.00% of the profit.
        assert_eq!(find(&all, "cit_burden").value, Some(Decimal::new(500, 4)));
        assert_eq!(all.len(), 2);
    }

    #[test]
    fn other_kinds_have_none() {
        let empty = Map::new();
        let f = Filed {
            period: "2025",
            result: &empty,
        };
        assert!(for_return(Kind::IitAnnual, &f, &[], &|_| None).is_empty());
    }
}
