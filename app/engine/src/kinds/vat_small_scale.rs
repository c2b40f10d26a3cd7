//! 增值税 小规模纳税人 with the three surcharges (附加税费).
//!
//! 增值税法 第二十三条 + 财政部 税务总局公告2026年第10号 (2026–2027): sales *below* the threshold
//! (100,000 a month, 300,000 a quarter) are exempt; sales that *reach* it are taxed in full at
//! the reduced 1% rate (or 3% when the reduction is waived to issue a 专票).
//! Surcharges on the VAT: 城市维护建设税法 第四条 (7/5/1%), 教育费附加 3%, 地方教育附加 2%;
//! the two education levies are exempt up to and including 100,000 / 300,000 (财税〔2016〕12号);
//! 六税两费 halving for small-scale taxpayers (财政部 税务总局公告2023年第12号), to 2027-12-31.
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

const TOPIC: &str = "vat-small-scale";
const SUR_TOPIC: &str = "surcharges-six-taxes-two-fees";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodKind {
    Month,
    Quarter,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub kind: PeriodKind,
    pub year: i64,
    pub index: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Location {
    City,
    CountyTown,
    Other,
}

impl Location {
    fn rate(self) -> Decimal {
        match self {
            Location::City => dec!(0.07),
            Location::CountyTown => dec!(0.05),
            Location::Other => dec!(0.01),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sales {
    Exclusive(Money),
    Inclusive(Money),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VatInput {
    pub period: Period,
    pub sales: Sales,
    pub levy_rate: Decimal,
    pub location: Location,
    pub six_taxes_two_fees_halving: bool,
    pub prepaid_vat: Money,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Surcharge {
    pub rate: Decimal,
    pub amount: Money,
    pub relief: Money,
    pub payable: Money,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VatResult {
    pub sales: Money,
    pub threshold: Money,
    pub exempt: bool,
    pub levy_rate: Decimal,
    pub vat: Money,
    pub prepaid_vat: Money,
    pub vat_balance: Money,
    pub urban_maintenance: Surcharge,
    pub education: Surcharge,
    pub local_education: Surcharge,
    pub surcharges_total: Money,
    pub total_due: Money,
    pub lines: Vec<Line>,
    pub warnings: Vec<Warning>,
}

impl VatInput {
    pub fn parse(value: &Value) -> Result<VatInput, Vec<FieldError>> {
        let errors = Errors::default();
        let mut r = errors.root(value);
        let mut p = r.object("period");
        let kind = p.required_choice(
            "kind",
            &[
                ("month", PeriodKind::Month),
                ("quarter", PeriodKind::Quarter),
            ],
        );
        let year = p.integer("year", 2026..=2027, ErrorCode::UnsupportedTaxYear);
        let max_index = if kind == Some(PeriodKind::Quarter) {
            4
        } else {
            12
        };
        let index = p.integer("index", 1..=max_index, ErrorCode::OutOfRange);
        p.finish();
        let sales = r.money_opt("sales");
        let inclusive = r.money_opt("sales_inclusive");
        let levy_rate = r
            .choice("levy_rate", &[("0.01", dec!(0.01)), ("0.03", dec!(0.03))])
            .unwrap_or(dec!(0.01));
        let location = r.required_choice(
            "location",
            &[
                ("city", Location::City),
                ("county_town", Location::CountyTown),
                ("other", Location::Other),
            ],
        );
        let halving = r.boolean("six_taxes_two_fees_halving", true);
        let prepaid_vat = r.money("prepaid_vat");
        r.finish();
        let sales = match (sales, inclusive) {
            (Some(s), None) => Sales::Exclusive(s),
            (None, Some(s)) => Sales::Inclusive(s),
            _ => {
                errors.push(FieldError::new("sales", ErrorCode::ExactlyOneSalesField));
                Sales::Exclusive(Money::ZERO)
            }
        };
        errors.into_result(VatInput {
            period: Period {
                kind: kind.unwrap_or(PeriodKind::Month),
                year: year.unwrap_or(2026),
                index: index.unwrap_or(1),
            },
            sales,
            levy_rate,
            location: location.unwrap_or(Location::City),
            six_taxes_two_fees_halving: halving,
            prepaid_vat,
        })
    }
}

fn surcharge(base: Money, rate: Decimal, exempt: bool, halving: bool) -> Surcharge {
    let amount = Money::round(base.amount() * rate);
    let relief = if exempt {
        amount
    } else if halving {
        Money::round(amount.amount() * dec!(0.5))
    } else {
        Money::ZERO
    };
    Surcharge {
        rate,
        amount,
        relief,
        payable: amount - relief,
    }
}

pub fn compute(input: &VatInput) -> VatResult {
    let art23 = Basis("basis-vat-law-art23");
    // Converted once, rounded to the fen: round(inclusive ÷ (1 + rate)).
    let sales = match &input.sales {
        Sales::Exclusive(s) => *s,
        Sales::Inclusive(s) => Money::round(s.amount() / (Decimal::ONE + input.levy_rate)),
    };
    let threshold = match input.period.kind {
        PeriodKind::Month => policy::vat_threshold(false),
        PeriodKind::Quarter => policy::vat_threshold(true),
    };
    let exempt = sales < threshold;
    let vat = if exempt {
        Money::ZERO
    } else {
        Money::round(sales.amount() * input.levy_rate)
    };
    let vat_balance = vat - input.prepaid_vat;
    // 财税〔2016〕12号: "不超过" — up to and including the threshold.
    let education_exempt = sales <= threshold;
    let halving =
        input.six_taxes_two_fees_halving && policy::SIX_TAXES_TWO_FEES.applies(input.period.year);
    let urban = surcharge(vat, input.location.rate(), false, halving);
    let education = surcharge(vat, dec!(0.03), education_exempt, halving);
    let local = surcharge(vat, dec!(0.02), education_exempt, halving);
    let surcharges_total = urban.payable + education.payable + local.payable;
    let total_due = vat_balance + surcharges_total;

    let mut lines = Vec::new();
    if let Sales::Inclusive(s) = input.sales {
        lines.push(Line::new(
            "sales_inclusive",
            s,
            Basis("basis-vat-law-art17"),
            TOPIC,
        ));
    }
    lines.push(Line::new(
        "sales",
        sales,
        Basis("basis-vat-law-art17"),
        TOPIC,
    ));
    lines.push(Line::new(
        "threshold",
        threshold,
        Basis("basis-2026-10-threshold"),
        "vat-threshold-2026",
    ));
    lines.push(Line::new(
        "vat",
        vat,
        if exempt {
            art23
        } else {
            policy::VAT_REDUCED_RATE.basis
        },
        TOPIC,
    ));
    if !input.prepaid_vat.is_zero() {
        lines.push(Line::new(
            "prepaid_vat",
            input.prepaid_vat,
            Basis("basis-vat-law-art14"),
            TOPIC,
        ));
    }
    lines.push(Line::new(
        "vat_balance",
        vat_balance,
        Basis("basis-vat-law-art14"),
        TOPIC,
    ));
    for (key, s, basis) in [
        (
            "urban_maintenance",
            &urban,
            Basis("basis-urban-maintenance-tax-law"),
        ),
        ("education", &education, Basis("basis-education-surcharge")),
        (
            "local_education",
            &local,
            Basis("basis-local-education-surcharge"),
        ),
    ] {
        lines.push(Line::new(key, s.amount, basis, SUR_TOPIC));
        if !s.relief.is_zero() {
            let (rkey, rbasis) = if key != "urban_maintenance" && education_exempt {
                ("education_levies_exemption", Basis("basis-caishui-2016-12"))
            } else {
                (
                    "six_taxes_two_fees_relief",
                    Basis("basis-2023-12-six-taxes"),
                )
            };
            lines.push(Line::new(rkey, s.relief, rbasis, SUR_TOPIC));
        }
    }
    lines.push(Line::new(
        "surcharges_total",
        surcharges_total,
        Basis("basis-2023-12-six-taxes"),
        SUR_TOPIC,
    ));
    lines.push(Line::new("total_due", total_due, art23, TOPIC));

    let mut warnings = Vec::new();
    if !exempt && input.levy_rate == dec!(0.01) {
        warnings.push(Warning::new("relief_expires").arg("date", policy::VAT_REDUCED_RATE.expires));
    }
    if exempt && sales.is_positive() {
        warnings.push(Warning::new("below_vat_threshold").arg("threshold", threshold));
    }
    if !exempt && sales == threshold {
        warnings.push(Warning::new("threshold_reached_taxed_in_full").arg("threshold", threshold));
    }
    VatResult {
        sales,
        threshold,
        exempt,
        levy_rate: input.levy_rate,
        vat,
        prepaid_vat: input.prepaid_vat,
        vat_balance,
        urban_maintenance: urban,
        education,
        local_education: local,
        surcharges_total,
        total_due,
        lines,
        warnings,
    }
}
