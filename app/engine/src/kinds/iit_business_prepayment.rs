//! 个人所得税 经营所得 月(季)度预缴 (A表) for 个体工商户, 个人独资企业 and 合伙企业 partners under
//! 查账征收, filed within 15 days after each month or quarter (个人所得税法 第十二条).
//!
//! Figures are cumulative from 1 January: taxable income = revenue − costs − losses − (when the
//! person has no comprehensive income: 5,000 a month + 专项扣除 + 其他扣除; 专项附加扣除 wait for the
//! annual return), taxed with the annual table (税率表二), less the half relief of 个体工商户 and what
//! was already prepaid this year (国家税务总局公告2018年第62号 A表; 实施条例 第十五条).
use serde_json::Value;

use super::iit_business::{half_relief, old_loss_warning, Entity};
use crate::{
    error::{ErrorCode, FieldError},
    explain::{Basis, Line, Warning},
    input::Errors,
    money::Money,
    policy,
    rates::BUSINESS,
};

pub const TAX_YEARS: std::ops::RangeInclusive<i64> = 2024..=2027;
const TOPIC: &str = "iit-business-prepayment";
/// 实施条例 第十五条: the 60,000 a year is 5,000 a month at prepayment.
const MONTHLY_DEDUCTION: i64 = 5_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodKind {
    Month,
    Quarter,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrepaymentInput {
    pub tax_year: i64,
    pub period_kind: PeriodKind,
    pub index: i64,
    pub entity: Entity,
    pub has_comprehensive_income: bool,
    pub revenue: Money,
    pub costs: Money,
    pub loss_carryforward: Money,
    pub special_deductions: Money,
    pub other_deductions: Money,
    pub other_relief: Money,
    pub prepaid_tax: Money,
    /// The year of the oldest loss carried forward (0 = not given).
    pub oldest_loss_year: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrepaymentResult {
    pub months: i64,
    pub deduction: Money,
    pub taxable_income: Money,
    pub rate: rust_decimal::Decimal,
    pub quick_deduction: Money,
    pub tax: Money,
    pub other_relief: Money,
    pub half_relief: Money,
    pub prepaid_tax: Money,
    pub payable: Money,
    pub lines: Vec<Line>,
    pub warnings: Vec<Warning>,
}

impl PrepaymentInput {
    pub fn parse(value: &Value) -> Result<PrepaymentInput, Vec<FieldError>> {
        let errors = Errors::default();
        let mut r = errors.root(value);
        let tax_year = r
            .integer("tax_year", TAX_YEARS, ErrorCode::UnsupportedTaxYear)
            .unwrap_or(2026);
        let period_given = r.has("period");
        let mut p = r.object("period");
        let kind = p.required_choice(
            "kind",
            &[
                ("month", PeriodKind::Month),
                ("quarter", PeriodKind::Quarter),
            ],
        );
        let max_index = if kind == Some(PeriodKind::Quarter) {
            4
        } else {
            12
        };
        let index = p.integer("index", 1..=max_index, ErrorCode::OutOfRange);
        p.finish();
        if !period_given && r.is_object() {
            // `period` itself absent: one error on it rather than on each of its fields.
            errors.retain(|e| !e.field.starts_with("period."));
            errors.push(FieldError::new("period", ErrorCode::MissingField));
        }
        let entity = r.required_choice(
            "entity",
            &[
                ("individual_business", Entity::IndividualBusiness),
                ("sole_proprietorship", Entity::SoleProprietorship),
                ("partnership", Entity::Partnership),
            ],
        );
        let input = PrepaymentInput {
            tax_year,
            period_kind: kind.unwrap_or(PeriodKind::Quarter),
            index: index.unwrap_or(1),
            entity: entity.unwrap_or(Entity::IndividualBusiness),
            has_comprehensive_income: r.required_boolean("has_comprehensive_income"),
            revenue: r.money("revenue"),
            costs: r.money("costs"),
            loss_carryforward: r.money("loss_carryforward"),
            special_deductions: r.money("special_deductions"),
            other_deductions: r.money("other_deductions"),
            other_relief: r.money("other_relief"),
            prepaid_tax: r.money("prepaid_tax"),
            oldest_loss_year: r.integer_or_zero(
                "oldest_loss_year",
                2000..=2040,
                ErrorCode::OutOfRange,
            ),
        };
        r.finish();
        errors.into_result(input)
    }

    /// Months from 1 January to the end of the period.
    pub fn months(&self) -> i64 {
        match self.period_kind {
            PeriodKind::Month => self.index,
            PeriodKind::Quarter => self.index * 3,
        }
    }
}

pub fn compute(input: &PrepaymentInput) -> PrepaymentResult {
    let art6 = Basis("basis-iit-law-art6-business");
    let a_form = Basis("basis-2018-62-prepayment");
    let months = input.months();
    let deduction = if input.has_comprehensive_income {
        Money::ZERO
    } else {
        Money::yuan(MONTHLY_DEDUCTION * months) + input.special_deductions + input.other_deductions
    };
    let taxable =
        (input.revenue - input.costs - input.loss_carryforward - deduction).max(Money::ZERO);
    let (bracket, tax) = BUSINESS.tax(taxable);
    let half = half_relief(input.entity, input.tax_year, taxable, input.other_relief);
    let payable = (tax - input.other_relief - half - input.prepaid_tax).max(Money::ZERO);

    let mut lines = vec![
        Line::new("revenue", input.revenue, art6, TOPIC),
        Line::new("costs", input.costs, art6, TOPIC),
    ];
    if !input.loss_carryforward.is_zero() {
        lines.push(Line::new(
            "loss_carryforward",
            input.loss_carryforward,
            Basis("basis-sat-order-35-loss"),
            TOPIC,
        ));
    }
    if !input.has_comprehensive_income {
        lines.push(Line::new(
            "prepayment_deduction",
            deduction,
            Basis("basis-iit-regs-art15"),
            TOPIC,
        ));
    }
    lines.push(Line::new("taxable_income", taxable, a_form, TOPIC));
    lines.push(Line::new(
        "quick_deduction",
        Money::round(bracket.quick_deduction),
        BUSINESS.basis,
        "iit-business-rates",
    ));
    lines.push(Line::new("tax", tax, BUSINESS.basis, "iit-business-rates"));
    if !input.other_relief.is_zero() {
        lines.push(Line::new("other_relief", input.other_relief, art6, TOPIC));
    }
    if !half.is_zero() {
        lines.push(Line::new(
            "half_relief",
            half,
            policy::INDIVIDUAL_BUSINESS_HALF.basis,
            "individual-business-half-relief",
        ));
    }
    lines.push(Line::new(
        "prepaid_this_year",
        input.prepaid_tax,
        a_form,
        TOPIC,
    ));
    lines.push(Line::new(
        "payable",
        payable,
        Basis("basis-iit-law-art12"),
        TOPIC,
    ));

    let mut warnings = Vec::new();
    if !half.is_zero() {
        warnings.push(
            Warning::new("relief_expires").arg("date", policy::INDIVIDUAL_BUSINESS_HALF.expires),
        );
    }
    warnings.extend(old_loss_warning(
        input.tax_year,
        input.oldest_loss_year,
        input.loss_carryforward,
    ));
    let already = tax - input.other_relief - half;
    if input.prepaid_tax > already.max(Money::ZERO) {
        warnings.push(
            Warning::new("prepaid_more_than_due")
                .arg("amount", input.prepaid_tax - already.max(Money::ZERO)),
        );
    }
    PrepaymentResult {
        months,
        deduction,
        taxable_income: taxable,
        rate: bracket.rate,
        quick_deduction: Money::round(bracket.quick_deduction),
        tax,
        other_relief: input.other_relief,
        half_relief: half,
        prepaid_tax: input.prepaid_tax,
        payable,
        lines,
        warnings,
    }
}
