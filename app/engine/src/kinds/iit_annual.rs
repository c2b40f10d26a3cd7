//! 个人所得税 综合所得 年度汇算 (annual reconciliation of comprehensive income).
//!
//! 个人所得税法 第六条: 应纳税所得额 = 收入额 − 60,000 − 专项扣除 − 专项附加扣除 − 其他扣除;
//! 劳务报酬、特许权使用费 收入额 = income × 80%; 稿酬 × 80% × 70% (rounded as the A表's lines).
//! 全年一次性奖金: 财政部 税务总局公告2023年第30号 (separately, or merged; the cheaper by default).
//! 公益慈善捐赠: up to 30% of taxable income (第六条第三款, 财政部 税务总局公告2019年第99号).
use rust_decimal_macros::dec;
use serde_json::Value;

use crate::{
    error::{ErrorCode, FieldError},
    explain::{Basis, Line, Warning},
    input::Errors,
    money::Money,
    policy,
    rates::{self, COMPREHENSIVE, MONTHLY},
};

pub const TAX_YEARS: std::ops::RangeInclusive<i64> = 2023..=2026;
const BASIC_DEDUCTION: i64 = 60_000;
/// 大病医疗: self-paid cost above 15,000 is deductible, up to 80,000.
const SERIOUS_ILLNESS_FLOOR: i64 = 15_000;
const SERIOUS_ILLNESS_CAP: i64 = 80_000;
/// 大病医疗 is claimed for self, spouse and minor children: at most 5 people here.
pub const MAX_ILLNESS_PERSONS: usize = 5;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Income {
    pub wages: Money,
    pub labor: Money,
    pub authorship: Money,
    pub royalties: Money,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AdditionalDeductions {
    pub child_education: Money,
    pub infant_care: Money,
    pub continuing_education: Money,
    /// Self-paid medical cost per person (self, spouse, minor children; not yet the deduction).
    pub serious_illness_expense: Vec<Money>,
    pub housing_loan_interest: Money,
    pub housing_rent: Money,
    pub elderly_support: Money,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OtherDeductions {
    pub private_pension: Money,
    pub commercial_health_insurance: Money,
    pub enterprise_annuity: Money,
    pub other: Money,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IitAnnualInput {
    pub tax_year: i64,
    pub income: Income,
    pub special_deductions: Money,
    pub additional_deductions: AdditionalDeductions,
    pub other_deductions: OtherDeductions,
    pub prepaid_tax: Money,
    /// 全年一次性奖金 and how it is taxed.
    pub annual_bonus: Money,
    pub bonus_method: BonusMethod,
    /// 公益慈善捐赠 paid in the year (deductible up to 30% of taxable income).
    pub charitable_donations: Money,
}

/// How the annual one-off bonus is taxed (财政部 税务总局公告2023年第30号).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BonusMethod {
    Separate,
    Merged,
    /// Both computed; the one with the lower total tax (merged on a tie).
    Best,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Pay,
    Refund,
    Nil,
    Exempt,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Pay => "pay",
            Outcome::Refund => "refund",
            Outcome::Nil => "nil",
            Outcome::Exempt => "exempt",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IitAnnualResult {
    /// 综合所得收入 (gross, with the bonus when merged): the 汇算 exemption is tested on it.
    pub gross_income: Money,
    pub income_amount: Money,
    pub donation_deduction: Money,
    /// Tax from the annual table on taxable_income.
    pub comprehensive_tax: Money,
    pub bonus_tax: Money,
    /// "separate", "merged" or "none" (no bonus).
    pub bonus_method: &'static str,
    /// Total tax under each method, when there is a bonus: (separate, merged).
    pub bonus_comparison: Option<(Money, Money)>,
    pub taxable_income: Money,
    pub rate: rust_decimal::Decimal,
    pub quick_deduction: Money,
    pub tax: Money,
    pub prepaid_tax: Money,
    /// tax − prepaid; negative is a refund.
    pub balance: Money,
    pub outcome: Outcome,
    pub lines: Vec<Line>,
    pub warnings: Vec<Warning>,
}

const TOPIC: &str = "iit-annual-reconciliation";

fn cap(errors: &Errors, field: &str, value: Money, limit: i64) {
    if value > Money::yuan(limit) {
        errors.push(
            FieldError::new(field, ErrorCode::OverCap).with_limit(Money::yuan(limit).to_string()),
        );
    }
}

impl IitAnnualInput {
    /// Reads and validates the raw input; every problem is reported with its field.
    pub fn parse(value: &Value) -> Result<IitAnnualInput, Vec<FieldError>> {
        let errors = Errors::default();
        let mut root = errors.root(value);
        let tax_year = root
            .integer("tax_year", TAX_YEARS, ErrorCode::UnsupportedTaxYear)
            .unwrap_or(2025);
        let mut inc = root.object("income");
        let income = Income {
            wages: inc.money("wages"),
            labor: inc.money("labor"),
            authorship: inc.money("authorship"),
            royalties: inc.money("royalties"),
        };
        inc.finish();
        let special_deductions = root.money("special_deductions");
        let mut add = root.object("additional_deductions");
        let additional = AdditionalDeductions {
            child_education: add.money("child_education"),
            infant_care: add.money("infant_care"),
            continuing_education: add.money("continuing_education"),
            serious_illness_expense: add
                .money_or_list("serious_illness_expense", MAX_ILLNESS_PERSONS),
            housing_loan_interest: add.money("housing_loan_interest"),
            housing_rent: add.money("housing_rent"),
            elderly_support: add.money("elderly_support"),
        };
        add.finish();
        let mut oth = root.object("other_deductions");
        let other = OtherDeductions {
            private_pension: oth.money("private_pension"),
            commercial_health_insurance: oth.money("commercial_health_insurance"),
            enterprise_annuity: oth.money("enterprise_annuity"),
            other: oth.money("other"),
        };
        oth.finish();
        let prepaid_tax = root.money("prepaid_tax");
        let annual_bonus = root.money("annual_bonus");
        let bonus_method = root
            .choice(
                "bonus_method",
                &[
                    ("separate", BonusMethod::Separate),
                    ("merged", BonusMethod::Merged),
                    ("best", BonusMethod::Best),
                ],
            )
            .unwrap_or(BonusMethod::Best);
        let charitable_donations = root.money("charitable_donations");
        root.finish();

        // Caps of 国发〔2018〕41号 as raised by 国发〔2023〕13号, and the pension / health limits.
        let a = &additional;
        cap(
            &errors,
            "additional_deductions.housing_loan_interest",
            a.housing_loan_interest,
            12_000,
        );
        cap(
            &errors,
            "additional_deductions.housing_rent",
            a.housing_rent,
            18_000,
        );
        cap(
            &errors,
            "additional_deductions.elderly_support",
            a.elderly_support,
            36_000,
        );
        cap(
            &errors,
            "additional_deductions.continuing_education",
            a.continuing_education,
            8_400,
        );
        cap(
            &errors,
            "other_deductions.private_pension",
            other.private_pension,
            12_000,
        );
        cap(
            &errors,
            "other_deductions.commercial_health_insurance",
            other.commercial_health_insurance,
            2_400,
        );
        if a.housing_loan_interest.is_positive() && a.housing_rent.is_positive() {
            errors.push(FieldError::new(
                "additional_deductions.housing_rent",
                ErrorCode::HousingDeductionsExclusive,
            ));
        }
        errors.into_result(IitAnnualInput {
            tax_year,
            income,
            special_deductions,
            additional_deductions: additional,
            other_deductions: other,
            prepaid_tax,
            annual_bonus,
            bonus_method,
            charitable_donations,
        })
    }
}

/// 大病医疗 deduction = min(max(expense − 15,000, 0), 80,000), per person.
pub fn serious_illness_deduction(expense: Money) -> Money {
    (expense - Money::yuan(SERIOUS_ILLNESS_FLOOR))
        .max(Money::ZERO)
        .min(Money::yuan(SERIOUS_ILLNESS_CAP))
}

/// The year taxed one way: the bonus merged into comprehensive income, or not.
struct Scenario {
    gross_income: Money,
    expenses: Money,
    authorship_exempt: Money,
    income_amount: Money,
    donation_deduction: Money,
    taxable_income: Money,
    bracket: rates::Bracket,
    comprehensive_tax: Money,
    bonus_bracket: rates::Bracket,
    bonus_tax: Money,
    tax: Money,
}

/// Lines as on the official annual return (A表): 收入合计 − 费用合计 − 稿酬免税部分 = 收入额.
fn scenario(input: &IitAnnualInput, deductions: Money, merged: bool) -> Scenario {
    let i = &input.income;
    let bonus_in_income = if merged {
        input.annual_bonus
    } else {
        Money::ZERO
    };
    let gross_income = i.wages + i.labor + i.authorship + i.royalties + bonus_in_income;
    let expenses = Money::round((i.labor + i.authorship + i.royalties).amount() * dec!(0.20));
    let authorship_exempt = Money::round(i.authorship.amount() * dec!(0.80) * dec!(0.30));
    let income_amount = gross_income - expenses - authorship_exempt;
    let taxable_before = (income_amount - deductions).max(Money::ZERO);
    // 公益慈善捐赠: up to 30% of taxable income (个人所得税法 第六条第三款).
    let donation_deduction = input
        .charitable_donations
        .min(Money::round(taxable_before.amount() * dec!(0.30)));
    let taxable_income = taxable_before - donation_deduction;
    let (bracket, comprehensive_tax) = COMPREHENSIVE.tax(taxable_income);
    let (bonus_bracket, bonus_tax) = if merged {
        (MONTHLY.brackets[0], Money::ZERO)
    } else {
        MONTHLY.bonus_tax(input.annual_bonus)
    };
    Scenario {
        gross_income,
        expenses,
        authorship_exempt,
        income_amount,
        donation_deduction,
        taxable_income,
        bracket,
        comprehensive_tax,
        bonus_bracket,
        bonus_tax,
        tax: comprehensive_tax + bonus_tax,
    }
}

pub fn compute(input: &IitAnnualInput) -> IitAnnualResult {
    let law6 = Basis("basis-iit-law-art6");
    let i = &input.income;
    let a = &input.additional_deductions;
    let illness = a
        .serious_illness_expense
        .iter()
        .fold(Money::ZERO, |sum, x| sum + serious_illness_deduction(*x));
    let additional_total = a.child_education
        + a.infant_care
        + a.continuing_education
        + illness
        + a.housing_loan_interest
        + a.housing_rent
        + a.elderly_support;
    let o = &input.other_deductions;
    let other_total =
        o.private_pension + o.commercial_health_insurance + o.enterprise_annuity + o.other;
    let basic = Money::yuan(BASIC_DEDUCTION);
    let deductions = basic + input.special_deductions + additional_total + other_total;

    let has_bonus = input.annual_bonus.is_positive();
    let separate = scenario(input, deductions, false);
    let merged = scenario(input, deductions, true);
    let bonus_comparison = has_bonus.then_some((separate.tax, merged.tax));
    let use_separate = has_bonus
        && match input.bonus_method {
            BonusMethod::Separate => true,
            BonusMethod::Merged => false,
            BonusMethod::Best => separate.tax < merged.tax,
        };
    let (chosen, method) = if !has_bonus {
        (&separate, "none")
    } else if use_separate {
        (&separate, "separate")
    } else {
        (&merged, "merged")
    };
    let tax = chosen.tax;
    let balance = tax - input.prepaid_tax;

    // 公告2023年第32号 (to 2027-12-31): owing, with 综合所得收入 ≤ 120,000 or owing ≤ 400 → exempt.
    let exempt = policy::RECONCILIATION_EXEMPTION.applies(input.tax_year)
        && balance.is_positive()
        && (chosen.gross_income <= Money::yuan(policy::RECONCILIATION_EXEMPT_INCOME)
            || balance <= Money::yuan(policy::RECONCILIATION_EXEMPT_BALANCE));
    let outcome = if exempt {
        Outcome::Exempt
    } else if balance.is_positive() {
        Outcome::Pay
    } else if balance.is_zero() {
        Outcome::Nil
    } else {
        Outcome::Refund
    };

    let bonus_basis = policy::BONUS_SEPARATE.basis;
    let mut lines = vec![Line::new("wages", i.wages, law6, TOPIC)];
    for (key, amount) in [
        ("labor_income", i.labor),
        ("authorship_income", i.authorship),
        ("royalties_income", i.royalties),
    ] {
        if !amount.is_zero() {
            lines.push(Line::new(key, amount, law6, TOPIC));
        }
    }
    if has_bonus && !use_separate {
        lines.push(Line::new(
            "annual_bonus_merged",
            input.annual_bonus,
            bonus_basis,
            "iit-annual-bonus",
        ));
    }
    lines.push(Line::new("gross_income", chosen.gross_income, law6, TOPIC));
    if !chosen.expenses.is_zero() {
        lines.push(Line::new("expenses", chosen.expenses, law6, TOPIC));
    }
    if !chosen.authorship_exempt.is_zero() {
        lines.push(Line::new(
            "authorship_exempt",
            chosen.authorship_exempt,
            law6,
            TOPIC,
        ));
    }
    lines.push(Line::new(
        "income_amount",
        chosen.income_amount,
        law6,
        TOPIC,
    ));
    lines.push(Line::new(
        "basic_deduction",
        basic,
        law6,
        "iit-basic-deduction",
    ));
    lines.push(Line::new(
        "special_deductions",
        input.special_deductions,
        law6,
        "iit-special-deductions",
    ));
    let add_basis = Basis("basis-additional-deductions");
    for (key, amount, basis, topic) in [
        (
            "child_education",
            a.child_education,
            add_basis,
            "iit-child-education",
        ),
        (
            "infant_care",
            a.infant_care,
            Basis("basis-infant-care"),
            "iit-infant-care",
        ),
        (
            "continuing_education",
            a.continuing_education,
            add_basis,
            "iit-continuing-education",
        ),
        ("serious_illness", illness, add_basis, "iit-serious-illness"),
        (
            "housing_loan_interest",
            a.housing_loan_interest,
            add_basis,
            "iit-housing-loan-interest",
        ),
        (
            "housing_rent",
            a.housing_rent,
            add_basis,
            "iit-housing-rent",
        ),
        (
            "elderly_support",
            a.elderly_support,
            add_basis,
            "iit-elderly-support",
        ),
    ] {
        if !amount.is_zero() {
            lines.push(Line::new(key, amount, basis, topic));
        }
    }
    for (key, amount, basis) in [
        (
            "private_pension",
            o.private_pension,
            Basis("basis-private-pension"),
        ),
        (
            "commercial_health_insurance",
            o.commercial_health_insurance,
            Basis("basis-health-insurance"),
        ),
        (
            "enterprise_annuity",
            o.enterprise_annuity,
            Basis("basis-enterprise-annuity"),
        ),
        ("other_deductions", o.other, law6),
    ] {
        if !amount.is_zero() {
            lines.push(Line::new(key, amount, basis, "iit-other-deductions"));
        }
    }
    if !chosen.donation_deduction.is_zero() {
        lines.push(Line::new(
            "donation_deduction",
            chosen.donation_deduction,
            Basis("basis-donations"),
            "iit-other-deductions",
        ));
    }
    lines.push(Line::new(
        "taxable_income",
        chosen.taxable_income,
        law6,
        TOPIC,
    ));
    lines.push(Line::new(
        "quick_deduction",
        Money::round(chosen.bracket.quick_deduction),
        COMPREHENSIVE.basis,
        "iit-rates",
    ));
    if use_separate {
        lines.push(Line::new(
            "comprehensive_tax",
            chosen.comprehensive_tax,
            COMPREHENSIVE.basis,
            "iit-rates",
        ));
        lines.push(Line::new(
            "annual_bonus",
            input.annual_bonus,
            bonus_basis,
            "iit-annual-bonus",
        ));
        lines.push(Line::new(
            "bonus_quick_deduction",
            Money::round(chosen.bonus_bracket.quick_deduction),
            bonus_basis,
            "iit-annual-bonus",
        ));
        lines.push(Line::new(
            "bonus_tax",
            chosen.bonus_tax,
            bonus_basis,
            "iit-annual-bonus",
        ));
    }
    lines.push(Line::new("tax", tax, COMPREHENSIVE.basis, "iit-rates"));
    lines.push(Line::new(
        "prepaid_tax",
        input.prepaid_tax,
        Basis("basis-iit-law-art11"),
        TOPIC,
    ));
    lines.push(Line::new(
        "balance",
        balance,
        Basis("basis-iit-law-art11"),
        TOPIC,
    ));
    if exempt {
        lines.push(Line::new(
            "reconciliation_exempt",
            balance,
            policy::RECONCILIATION_EXEMPTION.basis,
            TOPIC,
        ));
    }

    let mut warnings = Vec::new();
    match outcome {
        Outcome::Exempt => warnings.push(
            Warning::new("reconciliation_may_be_skipped")
                .arg("amount", balance)
                .arg("until", policy::RECONCILIATION_EXEMPTION.expires),
        ),
        Outcome::Refund => {
            warnings.push(Warning::new("refund_is_optional").arg("amount", Money::ZERO - balance))
        }
        _ => {}
    }
    if use_separate {
        warnings.push(
            Warning::new("bonus_separate_until").arg("until", policy::BONUS_SEPARATE.expires),
        );
    }
    let over = Money::yuan(SERIOUS_ILLNESS_FLOOR + SERIOUS_ILLNESS_CAP);
    if a.serious_illness_expense.iter().any(|x| *x > over) {
        warnings.push(
            Warning::new("serious_illness_capped").arg("cap", Money::yuan(SERIOUS_ILLNESS_CAP)),
        );
    }
    if input.charitable_donations > chosen.donation_deduction {
        warnings.push(Warning::new("donations_capped").arg("limit", chosen.donation_deduction));
    }

    IitAnnualResult {
        gross_income: chosen.gross_income,
        income_amount: chosen.income_amount,
        donation_deduction: chosen.donation_deduction,
        comprehensive_tax: chosen.comprehensive_tax,
        bonus_tax: chosen.bonus_tax,
        bonus_method: method,
        bonus_comparison,
        taxable_income: chosen.taxable_income,
        rate: chosen.bracket.rate,
        quick_deduction: Money::round(chosen.bracket.quick_deduction),
        tax,
        prepaid_tax: input.prepaid_tax,
        balance,
        outcome,
        lines,
        warnings,
    }
}

impl IitAnnualResult {
    pub fn rate_string(&self) -> String {
        rates::format_rate(self.rate)
    }
}
