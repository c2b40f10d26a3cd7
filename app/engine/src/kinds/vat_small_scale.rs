//! 增值税 小规模纳税人 with the three surcharges (附加税费), by sales line.
//!
//! 2026–2027, 增值税法 第二十三条 + 财政部 税务总局公告2026年第10号: sales *below* the threshold
//! (100,000 a month, 300,000 a quarter) are exempt; sales that *reach* it are taxed in full. 2024–2025,
//! 财政部 税务总局公告2023年第1号 and 2023年第19号: sales *not over* the threshold are exempt, the 3%
//! rate is reduced to 1%. A 专票 issued waives the exemption for that sale (2026年第4号 item 一). The
//! threshold test leaves out 不动产 sales when the rest alone is below it (2023年第1号 item 二;
//! kept for 2026–2027 as an interpretation, with a warning).
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
pub const YEARS: std::ops::RangeInclusive<i64> = 2024..=2027;
pub const MAX_LINES: usize = 20;
/// 增值税法 第九条: over 5,000,000 a year a taxpayer is no longer small-scale.
const SMALL_SCALE_LIMIT: i64 = 5_000_000;

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

impl Period {
    /// 2026 onward the law's "below" (未达到); before, "not over" (不超过, 含本数).
    fn below(&self, sales: Money, threshold: Money) -> bool {
        if self.year >= 2026 {
            sales < threshold
        } else {
            sales <= threshold
        }
    }
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sales {
    Exclusive(Money),
    Inclusive(Money),
}

/// The levy rate of a sales line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rate {
    /// 3% reduced to 1%.
    Reduced1,
    /// 3%, the reduction waived (a 专票 at 3%).
    Full3,
    /// Own used fixed assets: 3% reduced to 2%.
    UsedAssets2,
    /// Selling or leasing 不动产: 5%.
    RealEstate5,
    /// Individuals renting out housing: 5% reduced to 1.5%.
    HousingRent1_5,
}

pub const RATES: [(&str, Rate); 5] = [
    ("0.01", Rate::Reduced1),
    ("0.03", Rate::Full3),
    ("0.02", Rate::UsedAssets2),
    ("0.05", Rate::RealEstate5),
    ("0.015", Rate::HousingRent1_5),
];

impl Rate {
    pub fn value(self) -> Decimal {
        match self {
            Rate::Reduced1 => dec!(0.01),
            Rate::Full3 => dec!(0.03),
            Rate::UsedAssets2 => dec!(0.02),
            Rate::RealEstate5 => dec!(0.05),
            Rate::HousingRent1_5 => dec!(0.015),
        }
    }

    /// The rate before any reduction: 3%, or 5% for 不动产.
    fn full(self) -> Decimal {
        if self.is_real_estate() {
            dec!(0.05)
        } else {
            dec!(0.03)
        }
    }

    pub fn is_real_estate(self) -> bool {
        matches!(self, Rate::RealEstate5 | Rate::HousingRent1_5)
    }

    /// The rate in message keys: `1`, `3`, `2`, `5`, `1_5` (`vat-rate-1_5`).
    pub fn tag(self) -> &'static str {
        match self {
            Rate::Reduced1 => "1",
            Rate::Full3 => "3",
            Rate::UsedAssets2 => "2",
            Rate::RealEstate5 => "5",
            Rate::HousingRent1_5 => "1_5",
        }
    }

    /// The legal source of the tax on a taxed line at this rate in `year`.
    fn basis(self, year: i64) -> Basis {
        let new_law = year >= 2026;
        Basis(match (self, new_law) {
            (Rate::Full3, true) => "basis-vat-law-art11",
            (Rate::Full3, false) => "basis-vat-regs-art12",
            (Rate::Reduced1, true) => "basis-2026-10-reduced-rate",
            (Rate::Reduced1, false) => "basis-2023-19-reduced-rate",
            (Rate::UsedAssets2, true) => "basis-2026-10-used-assets",
            (Rate::UsedAssets2, false) => "basis-caishui-2009-9-used-assets",
            (Rate::RealEstate5, _) => "basis-real-estate-5",
            (Rate::HousingRent1_5, true) => "basis-2026-10-housing-rent",
            (Rate::HousingRent1_5, false) => "basis-caishui-2016-36-housing-rent",
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Invoice {
    /// 增值税专用发票 issued.
    Special,
    /// 普通发票, or none.
    Other,
}

impl Invoice {
    pub fn as_str(self) -> &'static str {
        match self {
            Invoice::Special => "special",
            Invoice::Other => "other",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SalesLine {
    pub rate: Rate,
    pub invoice: Invoice,
    pub sales: Sales,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VatInput {
    pub period: Period,
    pub lines: Vec<SalesLine>,
    pub location: Location,
    pub six_taxes_two_fees_halving: bool,
    pub prepaid_vat: Money,
    pub prepaid_surcharges: Money,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Surcharge {
    pub rate: Decimal,
    pub amount: Money,
    pub relief: Money,
    pub payable: Money,
}

/// Why a sales line is exempt or taxed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineReason {
    /// The period's sales are below the threshold.
    BelowThreshold,
    /// The sales other than real estate are below the threshold.
    BelowWithoutRealEstate,
    /// A 专票 is taxed even below the threshold.
    SpecialInvoice,
    /// Real estate is taxed while the rest is exempt.
    RealEstate,
    /// The period's sales reach the threshold: everything is taxed.
    ThresholdReached,
}

impl LineReason {
    pub fn as_str(self) -> &'static str {
        match self {
            LineReason::BelowThreshold => "below_threshold",
            LineReason::BelowWithoutRealEstate => "below_without_real_estate",
            LineReason::SpecialInvoice => "special_invoice",
            LineReason::RealEstate => "real_estate",
            LineReason::ThresholdReached => "threshold_reached",
        }
    }
}

/// One sales line as computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineResult {
    pub rate: Rate,
    pub invoice: Invoice,
    pub sales: Money,
    pub exempt: bool,
    pub reason: LineReason,
    pub vat: Money,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VatResult {
    pub sales: Money,
    pub threshold: Money,
    pub exempt: bool,
    pub levy_rate: Decimal,
    pub sales_lines: Vec<LineResult>,
    pub exempt_sales: Money,
    pub reduction: Money,
    pub vat: Money,
    pub prepaid_vat: Money,
    pub vat_balance: Money,
    pub urban_maintenance: Surcharge,
    pub education: Surcharge,
    pub local_education: Surcharge,
    pub surcharges_total: Money,
    pub prepaid_surcharges: Money,
    pub surcharges_balance: Money,
    pub total_due: Money,
    pub lines: Vec<Line>,
    pub warnings: Vec<Warning>,
}

/// Exactly one of `sales` / `sales_inclusive` of one object; the error goes on `at`.
fn one_sales(sales: Option<Money>, inclusive: Option<Money>, errors: &Errors, at: &str) -> Sales {
    match (sales, inclusive) {
        (Some(s), None) => Sales::Exclusive(s),
        (None, Some(s)) => Sales::Inclusive(s),
        _ => {
            errors.push(FieldError::new(at, ErrorCode::ExactlyOneSalesField));
            Sales::Exclusive(Money::ZERO)
        }
    }
}

impl VatInput {
    pub fn parse(value: &Value) -> Result<VatInput, Vec<FieldError>> {
        let errors = Errors::default();
        let mut r = errors.root(value);
        let period_given = r.has("period");
        let mut p = r.object("period");
        let kind = p.required_choice(
            "kind",
            &[
                ("month", PeriodKind::Month),
                ("quarter", PeriodKind::Quarter),
            ],
        );
        let year = p.integer("year", YEARS, ErrorCode::UnsupportedTaxYear);
        let max_index = if kind == Some(PeriodKind::Quarter) {
            4
        } else {
            12
        };
        let index = p.integer("index", 1..=max_index, ErrorCode::OutOfRange);
        p.finish();
        if !period_given && r.is_object() {
            errors.retain(|e| !e.field.starts_with("period."));
            errors.push(FieldError::new("period", ErrorCode::MissingField));
        }
        let lines_given = r.has("lines");
        let sales = r.money_opt("sales");
        let inclusive = r.money_opt("sales_inclusive");
        let levy_rate = r.choice(
            "levy_rate",
            &[("0.01", Rate::Reduced1), ("0.03", Rate::Full3)],
        );
        let lines = if lines_given {
            if sales.is_some() || inclusive.is_some() {
                errors.push(FieldError::new("lines", ErrorCode::ExactlyOneSalesField));
            }
            if levy_rate.is_some() {
                errors.push(FieldError::new(
                    "levy_rate",
                    ErrorCode::ExactlyOneSalesField,
                ));
            }
            let parsed = r.array("lines", |mut it| {
                let rate = it.required_choice("rate", &RATES);
                let invoice = it.required_choice(
                    "invoice",
                    &[("special", Invoice::Special), ("other", Invoice::Other)],
                );
                let s = it.money_opt("sales");
                let i = it.money_opt("sales_inclusive");
                let at = it.path().to_string();
                it.finish();
                SalesLine {
                    rate: rate.unwrap_or(Rate::Reduced1),
                    invoice: invoice.unwrap_or(Invoice::Other),
                    sales: one_sales(s, i, &errors, &at),
                }
            });
            if parsed.is_empty() && r.has("lines") {
                errors.push(
                    FieldError::new("lines", ErrorCode::OutOfRange)
                        .with_limit(format!("1–{MAX_LINES}")),
                );
            }
            if parsed.len() > MAX_LINES {
                errors.push(
                    FieldError::new("lines", ErrorCode::TooManyItems)
                        .with_limit(MAX_LINES.to_string()),
                );
            }
            parsed
        } else {
            // The first revision's form: one line; 0.03 is the 专票 case.
            let rate = levy_rate.unwrap_or(Rate::Reduced1);
            vec![SalesLine {
                rate,
                invoice: if rate == Rate::Full3 {
                    Invoice::Special
                } else {
                    Invoice::Other
                },
                sales: one_sales(sales, inclusive, &errors, "sales"),
            }]
        };
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
        let prepaid_surcharges = r.money("prepaid_surcharges");
        r.finish();
        errors.into_result(VatInput {
            period: Period {
                kind: kind.unwrap_or(PeriodKind::Month),
                year: year.unwrap_or(2026),
                index: index.unwrap_or(1),
            },
            lines,
            location: location.unwrap_or(Location::City),
            six_taxes_two_fees_halving: halving,
            prepaid_vat,
            prepaid_surcharges,
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

/// The explanation key of a line's sales or VAT: `sales_at_1_special`, `vat_at_1_5_other`.
fn line_key(what: &str, rate: Rate, invoice: Invoice) -> &'static str {
    const KEYS: [[[&str; 2]; 5]; 2] = [
        [
            ["sales_at_1_special", "sales_at_1_other"],
            ["sales_at_3_special", "sales_at_3_other"],
            ["sales_at_2_special", "sales_at_2_other"],
            ["sales_at_5_special", "sales_at_5_other"],
            ["sales_at_1_5_special", "sales_at_1_5_other"],
        ],
        [
            ["vat_at_1_special", "vat_at_1_other"],
            ["vat_at_3_special", "vat_at_3_other"],
            ["vat_at_2_special", "vat_at_2_other"],
            ["vat_at_5_special", "vat_at_5_other"],
            ["vat_at_1_5_special", "vat_at_1_5_other"],
        ],
    ];
    let w = usize::from(what == "vat");
    let r = match rate {
        Rate::Reduced1 => 0,
        Rate::Full3 => 1,
        Rate::UsedAssets2 => 2,
        Rate::RealEstate5 => 3,
        Rate::HousingRent1_5 => 4,
    };
    let i = usize::from(invoice == Invoice::Other);
    debug_assert!(KEYS[w][r][i].ends_with(invoice.as_str()) && KEYS[w][r][i].contains(rate.tag()));
    KEYS[w][r][i]
}

/// Which lines are exempt: below the threshold every line without a 专票; else, when the sales
/// other than 不动产 are below it, those without a 专票; else none. The second bool says the
/// real-estate split decided it.
/// Whether each line is exempt, and why (exempt or not); whether the real-estate split decided it.
fn exempt_lines(
    period: &Period,
    sales: &[(SalesLine, Money)],
    threshold: Money,
) -> (Vec<(bool, LineReason)>, bool) {
    let total = sales.iter().fold(Money::ZERO, |t, (_, s)| t + *s);
    let real_estate = sales
        .iter()
        .filter(|(l, _)| l.rate.is_real_estate())
        .fold(Money::ZERO, |t, (_, s)| t + *s);
    if period.below(total, threshold) {
        (
            sales
                .iter()
                .map(|(l, _)| match l.invoice {
                    Invoice::Other => (true, LineReason::BelowThreshold),
                    Invoice::Special => (false, LineReason::SpecialInvoice),
                })
                .collect(),
            false,
        )
    } else if period.below(total - real_estate, threshold) {
        let lines: Vec<(bool, LineReason)> = sales
            .iter()
            .map(|(l, _)| match (l.rate.is_real_estate(), l.invoice) {
                (true, _) => (false, LineReason::RealEstate),
                (false, Invoice::Other) => (true, LineReason::BelowWithoutRealEstate),
                (false, Invoice::Special) => (false, LineReason::SpecialInvoice),
            })
            .collect();
        let decided = lines.iter().any(|(e, _)| *e);
        (lines, decided)
    } else {
        (
            vec![(false, LineReason::ThresholdReached); sales.len()],
            false,
        )
    }
}

pub fn compute(input: &VatInput) -> VatResult {
    let year = input.period.year;
    let new_law = year >= 2026;
    let art17 = Basis("basis-vat-law-art17");
    let exemption_basis = Basis(if new_law {
        "basis-vat-law-art23"
    } else {
        "basis-2023-1-exemption"
    });
    // Converted once, rounded to the fen: round(inclusive ÷ (1 + rate)).
    let sales: Vec<(SalesLine, Money)> = input
        .lines
        .iter()
        .map(|l| {
            let s = match l.sales {
                Sales::Exclusive(s) => s,
                Sales::Inclusive(s) => Money::round(s.amount() / (Decimal::ONE + l.rate.value())),
            };
            (*l, s)
        })
        .collect();
    let total = sales.iter().fold(Money::ZERO, |t, (_, s)| t + *s);
    let threshold = policy::vat_threshold(input.period.kind == PeriodKind::Quarter);
    let (exempt_flags, split_decided) = exempt_lines(&input.period, &sales, threshold);
    let results: Vec<LineResult> = sales
        .iter()
        .zip(&exempt_flags)
        .map(|((l, s), (exempt, reason))| LineResult {
            rate: l.rate,
            invoice: l.invoice,
            sales: *s,
            exempt: *exempt,
            reason: *reason,
            vat: if *exempt {
                Money::ZERO
            } else {
                Money::round(s.amount() * l.rate.value())
            },
        })
        .collect();
    let vat = results.iter().fold(Money::ZERO, |t, l| t + l.vat);
    let exempt = results.iter().all(|l| l.exempt);
    let exempt_sales = results
        .iter()
        .filter(|l| l.exempt)
        .fold(Money::ZERO, |t, l| t + l.sales);
    let reduction = results
        .iter()
        .filter(|l| !l.exempt)
        .fold(Money::ZERO, |t, l| {
            t + Money::round(l.sales.amount() * l.rate.full()) - l.vat
        });
    let vat_balance = vat - input.prepaid_vat;
    // 财税〔2016〕12号: "不超过" — up to and including the threshold.
    let education_exempt = total <= threshold;
    let halving = input.six_taxes_two_fees_halving && policy::SIX_TAXES_TWO_FEES.applies(year);
    let urban = surcharge(vat, input.location.rate(), false, halving);
    let education = surcharge(vat, dec!(0.03), education_exempt, halving);
    let local = surcharge(vat, dec!(0.02), education_exempt, halving);
    let surcharges_total = urban.payable + education.payable + local.payable;
    let surcharges_balance = (surcharges_total - input.prepaid_surcharges).max(Money::ZERO);
    // A VAT overpayment does not offset the surcharges.
    let total_due = vat_balance.max(Money::ZERO) + surcharges_balance;

    let mut lines = Vec::new();
    for (l, s) in &sales {
        if let Sales::Inclusive(incl) = l.sales {
            lines.push(Line::new("sales_inclusive", incl, art17, TOPIC));
        }
        lines.push(Line::new(
            line_key("sales", l.rate, l.invoice),
            *s,
            art17,
            TOPIC,
        ));
    }
    lines.push(Line::new("sales", total, art17, TOPIC));
    lines.push(Line::new(
        "threshold",
        threshold,
        Basis(if new_law {
            "basis-2026-10-threshold"
        } else {
            "basis-2023-1-exemption"
        }),
        "vat-threshold-2026",
    ));
    if !exempt_sales.is_zero() {
        lines.push(Line::new(
            "exempt_sales",
            exempt_sales,
            exemption_basis,
            TOPIC,
        ));
    }
    for l in results.iter().filter(|l| !l.exempt) {
        lines.push(Line::new(
            line_key("vat", l.rate, l.invoice),
            l.vat,
            l.rate.basis(year),
            TOPIC,
        ));
    }
    lines.push(Line::new(
        "vat",
        vat,
        if exempt {
            exemption_basis
        } else {
            Basis("basis-vat-law-art14")
        },
        TOPIC,
    ));
    if !reduction.is_zero() {
        let reduced = results
            .iter()
            .find(|l| !l.exempt && l.rate.value() != l.rate.full())
            .map(|l| l.rate.basis(year))
            .unwrap_or(Basis("basis-2026-10-reduced-rate"));
        lines.push(Line::new("reduction", reduction, reduced, TOPIC));
    }
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
    let halving_applied = halving && urban.relief.is_positive();
    lines.push(Line::new(
        "surcharges_total",
        surcharges_total,
        Basis(if halving_applied {
            "basis-2023-12-six-taxes"
        } else {
            "basis-surcharge-laws"
        }),
        SUR_TOPIC,
    ));
    if !input.prepaid_surcharges.is_zero() {
        lines.push(Line::new(
            "prepaid_surcharges",
            input.prepaid_surcharges,
            Basis("basis-surcharge-laws"),
            SUR_TOPIC,
        ));
        lines.push(Line::new(
            "surcharges_balance",
            surcharges_balance,
            Basis("basis-surcharge-laws"),
            SUR_TOPIC,
        ));
    }
    lines.push(Line::new(
        "total_due",
        total_due,
        Basis("basis-vat-law-art14"),
        TOPIC,
    ));

    let mut warnings = Vec::new();
    let reduced_taxed = results
        .iter()
        .any(|l| !l.exempt && l.rate.value() != l.rate.full());
    if new_law && reduced_taxed {
        warnings.push(Warning::new("relief_expires").arg("date", policy::VAT_REDUCED_RATE.expires));
    }
    if exempt && total.is_positive() {
        warnings.push(Warning::new("below_vat_threshold").arg("threshold", threshold));
    }
    if new_law && !exempt && total == threshold {
        warnings.push(Warning::new("threshold_reached_taxed_in_full").arg("threshold", threshold));
    }
    if input.period.below(total, threshold)
        && results
            .iter()
            .any(|l| l.invoice == Invoice::Special && l.sales.is_positive())
    {
        warnings.push(Warning::new("special_invoice_taxed").arg("threshold", threshold));
    }
    if split_decided && new_law {
        warnings.push(Warning::new("real_estate_split_interpretation").arg("threshold", threshold));
    }
    if total > Money::yuan(SMALL_SCALE_LIMIT) {
        warnings.push(
            Warning::new("over_small_scale_limit").arg("limit", Money::yuan(SMALL_SCALE_LIMIT)),
        );
    }
    if vat_balance.is_negative() && surcharges_balance.is_positive() {
        warnings.push(
            Warning::new("vat_overpayment_not_offset").arg("amount", Money::ZERO - vat_balance),
        );
    }
    VatResult {
        sales: total,
        threshold,
        exempt,
        levy_rate: input
            .lines
            .first()
            .map(|l| l.rate.value())
            .unwrap_or(dec!(0.01)),
        sales_lines: results,
        exempt_sales,
        reduction,
        vat,
        prepaid_vat: input.prepaid_vat,
        vat_balance,
        urban_maintenance: urban,
        education,
        local_education: local,
        surcharges_total,
        prepaid_surcharges: input.prepaid_surcharges,
        surcharges_balance,
        total_due,
        lines,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn reasons(lines: serde_json::Value) -> Vec<(bool, &'static str)> {
        let input = VatInput::parse(&json!({
            "period": {"kind": "quarter", "year": 2026, "index": 2},
            "location": "city", "lines": lines,
        }))
        .unwrap_or_else(|e| panic!("{e:?}"));
        compute(&input)
            .sales_lines
            .iter()
            .map(|l| (l.exempt, l.reason.as_str()))
            .collect()
    }

    /// Why each line is exempt or taxed, as the check page says it.
    #[test]
    fn every_line_says_why() {
        // VAT-4's shape: below the quarter's 300,000, the 专票 line is taxed.
        assert_eq!(
            reasons(
                json!([{"rate": "0.01", "invoice": "other", "sales": "200000"},
                           {"rate": "0.03", "invoice": "special", "sales": "50000"}])
            ),
            [(true, "below_threshold"), (false, "special_invoice")]
        );
        // Only 专票 sales, below the threshold: taxed for the invoice, not the threshold.
        assert_eq!(
            reasons(json!([{"rate": "0.03", "invoice": "special", "sales": "50000"}])),
            [(false, "special_invoice")]
        );
        // Real estate (5% and housing rent 1.5%) lifts the total over; the rest is exempt.
        assert_eq!(
            reasons(
                json!([{"rate": "0.01", "invoice": "other", "sales": "200000"},
                           {"rate": "0.05", "invoice": "other", "sales": "500000"},
                           {"rate": "0.015", "invoice": "other", "sales": "10000"}])
            ),
            [
                (true, "below_without_real_estate"),
                (false, "real_estate"),
                (false, "real_estate")
            ]
        );
        // Over the threshold without real estate: everything is taxed.
        assert_eq!(
            reasons(json!([{"rate": "0.01", "invoice": "other", "sales": "400000"}])),
            [(false, "threshold_reached")]
        );
    }
}
