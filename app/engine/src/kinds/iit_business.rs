//! 个人所得税 经营所得 (查账征收, annual) for 个体工商户, 个人独资企业 and a 合伙企业 partner's share.
//!
//! 个人所得税法 第六条第一款第三项; 实施条例 第十五条 (the 60,000 and other deductions when the
//! person has no comprehensive income); 个体工商户 half relief: 财政部 税务总局公告2023年第12号
//! 第一条 and 国家税务总局公告2023年第12号 (formula), 2023-01-01 to 2027-12-31.
use rust_decimal_macros::dec;
use serde_json::Value;

use crate::{
    error::{ErrorCode, FieldError},
    explain::{Basis, Line, Warning},
    input::Errors,
    money::Money,
    policy,
    rates::BUSINESS,
};

pub const TAX_YEARS: std::ops::RangeInclusive<i64> = 2023..=2026;
const TOPIC: &str = "iit-business-income";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entity {
    IndividualBusiness,
    SoleProprietorship,
    Partnership,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IitBusinessInput {
    pub tax_year: i64,
    pub entity: Entity,
    pub revenue: Money,
    pub costs: Money,
    pub loss_carryforward: Money,
    pub has_comprehensive_income: bool,
    pub special_deductions: Money,
    pub additional_deductions: Money,
    pub other_deductions: Money,
    pub other_relief: Money,
    pub prepaid_tax: Money,
    /// The year of the oldest loss carried forward, when given (0 = not given): a loss may be
    /// carried forward at most 5 years (国家税务总局令第35号 第二十六条).
    pub oldest_loss_year: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IitBusinessResult {
    pub taxable_income: Money,
    pub rate: rust_decimal::Decimal,
    pub quick_deduction: Money,
    pub tax: Money,
    pub other_relief: Money,
    pub half_relief: Money,
    pub tax_payable: Money,
    pub prepaid_tax: Money,
    pub balance: Money,
    pub lines: Vec<Line>,
    pub warnings: Vec<Warning>,
}

impl IitBusinessInput {
    pub fn parse(value: &Value) -> Result<IitBusinessInput, Vec<FieldError>> {
        let errors = Errors::default();
        let mut r = errors.root(value);
        let tax_year = r
            .integer("tax_year", TAX_YEARS, ErrorCode::UnsupportedTaxYear)
            .unwrap_or(2025);
        let entity = r.required_choice(
            "entity",
            &[
                ("individual_business", Entity::IndividualBusiness),
                ("sole_proprietorship", Entity::SoleProprietorship),
                ("partnership", Entity::Partnership),
            ],
        );
        let input = IitBusinessInput {
            tax_year,
            entity: entity.unwrap_or(Entity::IndividualBusiness),
            revenue: r.money("revenue"),
            costs: r.money("costs"),
            loss_carryforward: r.money("loss_carryforward"),
            has_comprehensive_income: r.required_boolean("has_comprehensive_income"),
            special_deductions: r.money("special_deductions"),
            additional_deductions: r.money("additional_deductions"),
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
}

/// 个体工商户 half relief (财政部 税务总局公告2023年第12号 第一条; formula of 国家税务总局公告2023年第12号):
/// 减免税额 = (不超过200万元部分的应纳税额 − 其他政策减免税额 × 不超过200万元部分 ÷ 应纳税所得额) × 50%.
pub fn half_relief(entity: Entity, tax_year: i64, taxable: Money, other_relief: Money) -> Money {
    if entity != Entity::IndividualBusiness
        || !policy::INDIVIDUAL_BUSINESS_HALF.applies(tax_year)
        || !taxable.is_positive()
    {
        return Money::ZERO;
    }
    let part = taxable.min(Money::yuan(policy::INDIVIDUAL_BUSINESS_HALF_LIMIT));
    let (_, tax_part) = BUSINESS.tax(part);
    let share = other_relief.amount() * part.amount() / taxable.amount();
    Money::round((tax_part.amount() - share) * dec!(0.5)).max(Money::ZERO)
}

/// The warning for a loss carried forward from more than 5 years before `tax_year`.
pub fn old_loss_warning(tax_year: i64, oldest_loss_year: i64, loss: Money) -> Option<Warning> {
    (loss.is_positive() && oldest_loss_year > 0 && tax_year - oldest_loss_year > 5)
        .then(|| Warning::new("loss_older_than_five_years").arg("date", oldest_loss_year))
}

pub fn compute(input: &IitBusinessInput) -> IitBusinessResult {
    let art6 = Basis("basis-iit-law-art6-business");
    let personal = if input.has_comprehensive_income {
        Money::ZERO
    } else {
        Money::yuan(60_000)
            + input.special_deductions
            + input.additional_deductions
            + input.other_deductions
    };
    let profit = input.revenue - input.costs;
    let taxable = (profit - input.loss_carryforward - personal).max(Money::ZERO);
    let (bracket, tax) = BUSINESS.tax(taxable);

    let half_relief = half_relief(input.entity, input.tax_year, taxable, input.other_relief);
    let tax_payable = (tax - input.other_relief - half_relief).max(Money::ZERO);
    let balance = tax_payable - input.prepaid_tax;

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
            "personal_deductions",
            personal,
            Basis("basis-iit-regs-art15"),
            TOPIC,
        ));
    }
    lines.push(Line::new("taxable_income", taxable, art6, TOPIC));
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
    if !half_relief.is_zero() {
        lines.push(Line::new(
            "half_relief",
            half_relief,
            policy::INDIVIDUAL_BUSINESS_HALF.basis,
            "individual-business-half-relief",
        ));
    }
    lines.push(Line::new("tax_payable", tax_payable, art6, TOPIC));
    lines.push(Line::new("prepaid_tax", input.prepaid_tax, art6, TOPIC));
    lines.push(Line::new("balance", balance, art6, TOPIC));

    let mut warnings = Vec::new();
    if !half_relief.is_zero() {
        warnings.push(
            Warning::new("relief_expires").arg("date", policy::INDIVIDUAL_BUSINESS_HALF.expires),
        );
    }
    warnings.extend(old_loss_warning(
        input.tax_year,
        input.oldest_loss_year,
        input.loss_carryforward,
    ));
    if input.has_comprehensive_income
        && (input.special_deductions.is_positive()
            || input.additional_deductions.is_positive()
            || input.other_deductions.is_positive())
    {
        warnings.push(Warning::new("deductions_taken_in_comprehensive_income"));
    }
    IitBusinessResult {
        taxable_income: taxable,
        rate: bracket.rate,
        quick_deduction: Money::round(bracket.quick_deduction),
        tax,
        other_relief: input.other_relief,
        half_relief,
        tax_payable,
        prepaid_tax: input.prepaid_tax,
        balance,
        lines,
        warnings,
    }
}
