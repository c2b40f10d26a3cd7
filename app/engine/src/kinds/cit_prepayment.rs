//! 企业所得税 月(季)度预缴 A类 (查账征收), cumulative year to date (A200000 rows 3–16).
//!
//! 企业所得税法 第四条 (25%), 第二十八条; 小型微利企业: 财政部 税务总局公告2023年第12号 第三条 and
//! 国家税务总局公告2023年第6号 (effective 5%, to 2027-12-31); 高新技术企业 15% (relief 10%).
//! The two reliefs do not stack: the larger applies.
use rust_decimal_macros::dec;
use serde_json::Value;

use crate::{
    error::{ErrorCode, FieldError},
    explain::{Basis, Line, Warning},
    input::Errors,
    money::Money,
    policy,
};

const TOPIC: &str = "cit-prepayment";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CitInput {
    pub tax_year: i64,
    pub quarter: i64,
    pub total_profit: Money,
    pub specific_business_income: Money,
    pub non_taxable_income: Money,
    pub accelerated_depreciation: Money,
    pub exempt_income: Money,
    pub income_reduction: Money,
    pub loss_carryforward: Money,
    /// 从业人数 quarterly average (may have decimals).
    pub employees_avg: Money,
    pub total_assets_avg: Money,
    pub restricted_industry: bool,
    pub high_tech: bool,
    pub prepaid_tax: Money,
    pub specific_prepaid: Money,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReliefKind {
    SmallLowProfit,
    HighTech,
    None,
}

impl ReliefKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReliefKind::SmallLowProfit => "small_low_profit",
            ReliefKind::HighTech => "high_tech",
            ReliefKind::None => "none",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CitResult {
    pub actual_profit: Money,
    pub rate: rust_decimal::Decimal,
    pub tax: Money,
    pub relief: Money,
    pub relief_kind: ReliefKind,
    pub prepaid_tax: Money,
    pub payable: Money,
    pub lines: Vec<Line>,
    pub warnings: Vec<Warning>,
}

impl CitInput {
    pub fn parse(value: &Value) -> Result<CitInput, Vec<FieldError>> {
        let errors = Errors::default();
        let mut r = errors.root(value);
        let tax_year = r
            .integer("tax_year", 2023..=2026, ErrorCode::UnsupportedTaxYear)
            .unwrap_or(2026);
        let quarter = r
            .integer("quarter", 1..=4, ErrorCode::OutOfRange)
            .unwrap_or(1);
        let input = CitInput {
            tax_year,
            quarter,
            total_profit: r.money_signed("total_profit", true),
            specific_business_income: r.money("specific_business_income"),
            non_taxable_income: r.money("non_taxable_income"),
            accelerated_depreciation: r.money("accelerated_depreciation"),
            exempt_income: r.money("exempt_income"),
            income_reduction: r.money("income_reduction"),
            loss_carryforward: r.money("loss_carryforward"),
            employees_avg: r.required_money("employees_avg"),
            total_assets_avg: r.required_money("total_assets_avg"),
            restricted_industry: r.boolean("restricted_industry", false),
            high_tech: r.boolean("high_tech", false),
            prepaid_tax: r.money("prepaid_tax"),
            specific_prepaid: r.money("specific_prepaid"),
        };
        r.finish();
        errors.into_result(input)
    }
}

pub fn compute(input: &CitInput) -> CitResult {
    let l10 = input.total_profit + input.specific_business_income
        - input.non_taxable_income
        - input.accelerated_depreciation
        - input.exempt_income
        - input.income_reduction
        - input.loss_carryforward;
    let actual_profit = l10.max(Money::ZERO);
    let rate = dec!(0.25);
    let tax = Money::round(actual_profit.amount() * rate);
    let small = policy::SMALL_LOW_PROFIT.applies(input.tax_year)
        && actual_profit <= Money::yuan(policy::SMALL_LOW_PROFIT_MAX_PROFIT)
        && input.employees_avg <= Money::yuan(policy::SMALL_LOW_PROFIT_MAX_EMPLOYEES)
        && input.total_assets_avg <= Money::yuan(policy::SMALL_LOW_PROFIT_MAX_ASSETS)
        && !input.restricted_industry
        && actual_profit.is_positive();
    let small_relief = if small {
        Money::round(actual_profit.amount() * dec!(0.20))
    } else {
        Money::ZERO
    };
    let high_tech_relief = if input.high_tech {
        Money::round(actual_profit.amount() * dec!(0.10))
    } else {
        Money::ZERO
    };
    let (relief, relief_kind) = if small_relief.is_positive() && small_relief >= high_tech_relief {
        (small_relief, ReliefKind::SmallLowProfit)
    } else if high_tech_relief.is_positive() {
        (high_tech_relief, ReliefKind::HighTech)
    } else {
        (Money::ZERO, ReliefKind::None)
    };
    let payable = (tax - relief - input.prepaid_tax - input.specific_prepaid).max(Money::ZERO);

    let law5 = Basis("basis-cit-law-art5");
    let mut lines = vec![Line::new("total_profit", input.total_profit, law5, TOPIC)];
    for (key, amount) in [
        ("specific_business_income", input.specific_business_income),
        ("non_taxable_income", input.non_taxable_income),
        ("accelerated_depreciation", input.accelerated_depreciation),
        ("exempt_income", input.exempt_income),
        ("income_reduction", input.income_reduction),
        ("loss_carryforward", input.loss_carryforward),
    ] {
        if !amount.is_zero() {
            lines.push(Line::new(key, amount, law5, TOPIC));
        }
    }
    lines.push(Line::new("actual_profit", actual_profit, law5, TOPIC));
    lines.push(Line::new("tax", tax, Basis("basis-cit-law-art4"), TOPIC));
    match relief_kind {
        ReliefKind::SmallLowProfit => lines.push(Line::new(
            "small_low_profit_relief",
            relief,
            policy::SMALL_LOW_PROFIT.basis,
            "cit-small-low-profit",
        )),
        ReliefKind::HighTech => lines.push(Line::new(
            "high_tech_relief",
            relief,
            Basis("basis-cit-law-art28"),
            "cit-high-tech",
        )),
        ReliefKind::None => {}
    }
    lines.push(Line::new(
        "prepaid_tax",
        input.prepaid_tax,
        Basis("basis-cit-law-art54"),
        TOPIC,
    ));
    if !input.specific_prepaid.is_zero() {
        lines.push(Line::new(
            "specific_prepaid",
            input.specific_prepaid,
            Basis("basis-cit-law-art54"),
            TOPIC,
        ));
    }
    lines.push(Line::new(
        "payable",
        payable,
        Basis("basis-cit-law-art54"),
        TOPIC,
    ));

    let mut warnings = Vec::new();
    if relief_kind == ReliefKind::SmallLowProfit {
        warnings.push(Warning::new("relief_expires").arg("date", policy::SMALL_LOW_PROFIT.expires));
        if actual_profit >= Money::yuan(2_700_000) {
            warnings.push(
                Warning::new("near_small_low_profit_limit")
                    .arg("limit", Money::yuan(policy::SMALL_LOW_PROFIT_MAX_PROFIT)),
            );
        }
    }
    if l10 < Money::ZERO {
        warnings.push(Warning::new("loss_for_the_period"));
    }
    CitResult {
        actual_profit,
        rate,
        tax,
        relief,
        relief_kind,
        prepaid_tax: input.prepaid_tax,
        payable,
        lines,
        warnings,
    }
}
