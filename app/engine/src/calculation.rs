//! One door to every return kind: raw JSON in, figures + explanation out. The API and the
//! browser calculators both call [`calculate`].
use serde_json::{json, Map, Value};

use crate::{
    error::FieldError,
    explain::{Line, Warning},
    kinds::{
        cit_prepayment, iit_annual, iit_business, iit_business_prepayment, stamp_duty,
        vat_small_scale,
    },
    rates::format_rate,
};

/// The return kinds, named as in the API path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    IitAnnual,
    IitBusiness,
    IitBusinessPrepayment,
    VatSmallScale,
    CitPrepayment,
    StampDuty,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::IitAnnual,
        Kind::IitBusiness,
        Kind::IitBusinessPrepayment,
        Kind::VatSmallScale,
        Kind::CitPrepayment,
        Kind::StampDuty,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Kind::IitAnnual => "iit-annual",
            Kind::IitBusiness => "iit-business",
            Kind::IitBusinessPrepayment => "iit-business-prepayment",
            Kind::VatSmallScale => "vat-small-scale",
            Kind::CitPrepayment => "cit-prepayment",
            Kind::StampDuty => "stamp-duty",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.slug() == slug)
    }
}

/// A computed return: the contract's `result` fields (money as two-decimal strings), the
/// explanation lines and the warnings.
#[derive(Clone, Debug, PartialEq)]
pub struct Calculation {
    pub result: Map<String, Value>,
    pub lines: Vec<Line>,
    pub warnings: Vec<Warning>,
}

fn s(v: impl ToString) -> Value {
    Value::String(v.to_string())
}

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

pub fn calculate(kind: Kind, input: &Value) -> Result<Calculation, Vec<FieldError>> {
    Ok(match kind {
        Kind::IitAnnual => {
            let r = iit_annual::compute(&iit_annual::IitAnnualInput::parse(input)?);
            let mut result = object(json!({
                "gross_income": s(r.gross_income), "income_amount": s(r.income_amount),
                "donation_deduction": s(r.donation_deduction), "taxable_income": s(r.taxable_income),
                "rate": format_rate(r.rate), "quick_deduction": s(r.quick_deduction),
                "comprehensive_tax": s(r.comprehensive_tax), "bonus_tax": s(r.bonus_tax),
                "tax": s(r.tax), "bonus_method": r.bonus_method,
                "prepaid_tax": s(r.prepaid_tax), "balance": s(r.balance), "outcome": r.outcome.as_str(),
            }));
            if let Some((separate, merged)) = r.bonus_comparison {
                result.insert(
                    "bonus_comparison".into(),
                    json!({"separate": s(separate), "merged": s(merged)}),
                );
            }
            Calculation {
                result,
                lines: r.lines,
                warnings: r.warnings,
            }
        }
        Kind::IitBusiness => {
            let r = iit_business::compute(&iit_business::IitBusinessInput::parse(input)?);
            let result = object(json!({
                "taxable_income": s(r.taxable_income), "rate": format_rate(r.rate),
                "quick_deduction": s(r.quick_deduction), "tax": s(r.tax), "other_relief": s(r.other_relief),
                "half_relief": s(r.half_relief), "tax_payable": s(r.tax_payable),
                "prepaid_tax": s(r.prepaid_tax), "balance": s(r.balance),
            }));
            Calculation {
                result,
                lines: r.lines,
                warnings: r.warnings,
            }
        }
        Kind::IitBusinessPrepayment => {
            let r = iit_business_prepayment::compute(
                &iit_business_prepayment::PrepaymentInput::parse(input)?,
            );
            let result = object(json!({
                "months": r.months, "deduction": s(r.deduction),
                "taxable_income": s(r.taxable_income), "rate": format_rate(r.rate),
                "quick_deduction": s(r.quick_deduction), "tax": s(r.tax),
                "other_relief": s(r.other_relief), "half_relief": s(r.half_relief),
                "prepaid_tax": s(r.prepaid_tax), "payable": s(r.payable),
            }));
            Calculation {
                result,
                lines: r.lines,
                warnings: r.warnings,
            }
        }
        Kind::VatSmallScale => {
            let r = vat_small_scale::compute(&vat_small_scale::VatInput::parse(input)?);
            let lines: Vec<Value> = r
                .sales_lines
                .iter()
                .map(|l| {
                    json!({"rate": format_rate(l.rate.value()), "invoice": l.invoice.as_str(),
                           "sales": s(l.sales), "exempt": l.exempt, "vat": s(l.vat)})
                })
                .collect();
            let sur = |x: &vat_small_scale::Surcharge| json!({"rate": format_rate(x.rate), "amount": s(x.amount), "relief": s(x.relief), "payable": s(x.payable)});
            let result = object(json!({
                "sales": s(r.sales), "threshold": s(r.threshold), "exempt": r.exempt,
                "levy_rate": format_rate(r.levy_rate), "sales_lines": lines,
                "exempt_sales": s(r.exempt_sales), "reduction": s(r.reduction),
                "vat": s(r.vat), "prepaid_vat": s(r.prepaid_vat),
                "vat_balance": s(r.vat_balance),
                "surcharges": {
                    "urban_maintenance": sur(&r.urban_maintenance),
                    "education": sur(&r.education),
                    "local_education": sur(&r.local_education),
                },
                "surcharges_total": s(r.surcharges_total),
                "prepaid_surcharges": s(r.prepaid_surcharges),
                "surcharges_balance": s(r.surcharges_balance), "total_due": s(r.total_due),
            }));
            Calculation {
                result,
                lines: r.lines,
                warnings: r.warnings,
            }
        }
        Kind::CitPrepayment => {
            let r = cit_prepayment::compute(&cit_prepayment::CitInput::parse(input)?);
            let result = object(json!({
                "actual_profit": s(r.actual_profit), "rate": format_rate(r.rate), "tax": s(r.tax),
                "relief": s(r.relief), "relief_kind": r.relief_kind.as_str(),
                "prepaid_tax": s(r.prepaid_tax), "payable": s(r.payable),
            }));
            Calculation {
                result,
                lines: r.lines,
                warnings: r.warnings,
            }
        }
        Kind::StampDuty => {
            let r = stamp_duty::compute(&stamp_duty::StampInput::parse(input)?);
            let items: Vec<Value> = r
                .items
                .iter()
                .map(|i| {
                    json!({"item": i.item, "rate": format_rate(i.rate), "amount": s(i.amount),
                                "tax": s(i.tax), "relief": s(i.relief), "payable": s(i.payable)})
                })
                .collect();
            let result = object(json!({ "items": items, "total": s(r.total) }));
            Calculation {
                result,
                lines: r.lines,
                warnings: r.warnings,
            }
        }
    })
}
