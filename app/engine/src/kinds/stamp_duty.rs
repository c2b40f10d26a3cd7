//! 印花税 (印花税法, in force 2022-07-01): each item at its rate from the 税目税率表, rounded to
//! the fen; 六税两费 halving (财政部 税务总局公告2023年第12号) never for 证券交易.
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::Value;

use crate::{
    error::{ErrorCode, FieldError},
    explain::{Basis, Line, Warning},
    input::Errors,
    money::Money,
    policy,
};

/// (item, rate) from the 税目税率表; 证券交易 halved to 0.5‰ from 2023-08-28 (公告2023年第39号).
pub const ITEMS: [(&str, Decimal); 15] = [
    ("loan_contract", dec!(0.00005)),
    ("financial_lease", dec!(0.00005)),
    ("sales_contract", dec!(0.0003)),
    ("processing_contract", dec!(0.0003)),
    ("construction_contract", dec!(0.0003)),
    ("transport_contract", dec!(0.0003)),
    ("technology_contract", dec!(0.0003)),
    ("lease_contract", dec!(0.001)),
    ("custody_contract", dec!(0.001)),
    ("warehousing_contract", dec!(0.001)),
    ("property_insurance", dec!(0.001)),
    ("property_transfer", dec!(0.0005)),
    ("ip_transfer", dec!(0.0003)),
    ("business_books", dec!(0.00025)),
    ("securities_sale", dec!(0.0005)),
];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StampItem {
    pub item: &'static str,
    pub rate: Decimal,
    pub amount: Money,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StampInput {
    pub items: Vec<StampItem>,
    pub six_taxes_two_fees_halving: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StampLine {
    pub item: &'static str,
    pub rate: Decimal,
    pub amount: Money,
    pub tax: Money,
    pub relief: Money,
    pub payable: Money,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StampResult {
    pub items: Vec<StampLine>,
    pub total: Money,
    pub lines: Vec<Line>,
    pub warnings: Vec<Warning>,
}

impl StampInput {
    pub fn parse(value: &Value) -> Result<StampInput, Vec<FieldError>> {
        let errors = Errors::default();
        let mut r = errors.root(value);
        let options: Vec<(&str, (&'static str, Decimal))> =
            ITEMS.iter().map(|(k, rate)| (*k, (*k, *rate))).collect();
        let items = r.array("items", |mut it| {
            let chosen = it.choice("item", &options);
            let amount = it.money("amount");
            let missing = chosen.is_none();
            it.finish();
            (chosen, amount, missing)
        });
        let halving = r.boolean("six_taxes_two_fees_halving", false);
        r.finish();
        let mut parsed = Vec::new();
        for (i, (chosen, amount, missing)) in items.into_iter().enumerate() {
            match chosen {
                Some((item, rate)) => parsed.push(StampItem { item, rate, amount }),
                None if missing
                    && value
                        .get("items")
                        .and_then(|a| a.get(i))
                        .and_then(|o| o.get("item"))
                        .is_none_or(Value::is_null) =>
                {
                    errors.push(FieldError::new(
                        format!("items[{i}].item"),
                        ErrorCode::MissingField,
                    ));
                }
                None => {}
            }
        }
        // Absent (or null) is a missing required field; an empty list names no item at all.
        if parsed.is_empty() && errors.is_empty() {
            let absent = value.get("items").is_none_or(Value::is_null);
            let code = if absent {
                ErrorCode::MissingField
            } else {
                ErrorCode::Required
            };
            errors.push(FieldError::new("items", code));
        }
        errors.into_result(StampInput {
            items: parsed,
            six_taxes_two_fees_halving: halving,
        })
    }
}

pub fn compute(input: &StampInput) -> StampResult {
    let law = Basis("basis-stamp-duty-law");
    let mut items = Vec::new();
    let mut lines = Vec::new();
    for it in &input.items {
        let tax = Money::round(it.amount.amount() * it.rate);
        let relief = if input.six_taxes_two_fees_halving && it.item != "securities_sale" {
            Money::round(tax.amount() * dec!(0.5))
        } else {
            Money::ZERO
        };
        let payable = tax - relief;
        // 证券交易印花税 halved from 2023-08-28: 财政部 税务总局公告2023年第39号.
        let basis = if it.item == "securities_sale" {
            Basis("basis-2023-39-securities")
        } else {
            law
        };
        lines.push(Line::new(it.item, tax, basis, "stamp-duty-rates"));
        if !relief.is_zero() {
            lines.push(Line::new(
                "six_taxes_two_fees_relief",
                relief,
                Basis("basis-2023-12-six-taxes"),
                "surcharges-six-taxes-two-fees",
            ));
        }
        items.push(StampLine {
            item: it.item,
            rate: it.rate,
            amount: it.amount,
            tax,
            relief,
            payable,
        });
    }
    let total: Money = items.iter().map(|i| i.payable).sum();
    lines.push(Line::new("total", total, law, "stamp-duty-rates"));
    let mut warnings = Vec::new();
    if input.six_taxes_two_fees_halving {
        warnings
            .push(Warning::new("relief_expires").arg("date", policy::SIX_TAXES_TWO_FEES.expires));
        if items.iter().any(|i| i.item == "securities_sale") {
            warnings.push(Warning::new("securities_not_halved"));
        }
    }
    StampResult {
        items,
        total,
        lines,
        warnings,
    }
}
