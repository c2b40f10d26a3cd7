//! What a computed return means for the taxpayer's account: an amount to pay or to be refunded.
use rust_decimal::Decimal;
use serde_json::Value;

use crate::{calculation::Calculation, calculation::Kind, Money};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settlement {
    pub amount_due: Money,
    pub refund_due: Money,
}

fn figure(calc: &Calculation, key: &str) -> Decimal {
    calc.result
        .get(key)
        .and_then(Value::as_str)
        .and_then(|s| s.parse().ok())
        .unwrap_or(Decimal::ZERO)
}

/// The balance of the return: positive is payable, negative is refundable. The IIT annual
/// reconciliation's exempt outcome (公告2023年第32号) owes nothing.
pub fn settlement(kind: Kind, calc: &Calculation) -> Settlement {
    let balance = match kind {
        Kind::IitAnnual => {
            if calc.result.get("outcome").and_then(Value::as_str) == Some("exempt") {
                Decimal::ZERO
            } else {
                figure(calc, "balance")
            }
        }
        Kind::IitBusiness => figure(calc, "balance"),
        Kind::IitBusinessPrepayment => figure(calc, "payable"),
        // A VAT overpayment does not offset the surcharges: what is due is due, and the
        // overpayment is refundable (or credited) on its own.
        Kind::VatSmallScale => {
            return Settlement {
                amount_due: Money::round(figure(calc, "total_due").max(Decimal::ZERO)),
                refund_due: Money::round((-figure(calc, "vat_balance")).max(Decimal::ZERO)),
            };
        }
        Kind::CitPrepayment => figure(calc, "payable"),
        Kind::StampDuty => figure(calc, "total"),
    };
    Settlement {
        amount_due: Money::round(balance.max(Decimal::ZERO)),
        refund_due: Money::round((-balance).max(Decimal::ZERO)),
    }
}
