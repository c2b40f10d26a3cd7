//! 个人所得税 综合所得 年度汇算 (annual reconciliation of comprehensive income).
//!
//! 个人所得税法 第六条: 应纳税所得额 = 收入额 − 60,000 − 专项扣除 − 专项附加扣除 − 其他扣除;
//! 劳务报酬、特许权使用费 收入额 = income × 80%; 稿酬 × 80% × 70%.
use rust_decimal_macros::dec;
use serde_json::Value;

use crate::{
    error::{ErrorCode, FieldError},
    explain::{Basis, Line, Warning},
    input::Errors,
    money::Money,
    policy,
    rates::{self, COMPREHENSIVE},
};

pub const TAX_YEARS: std::ops::RangeInclusive<i64> = 2023..=2026;
const BASIC_DEDUCTION: i64 = 60_000;
/// 大病医疗: self-paid cost above 15,000 is deductible, up to 80,000.
const SERIOUS_ILLNESS_FLOOR: i64 = 15_000;
const SERIOUS_ILLNESS_CAP: i64 = 80_000;

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
    /// Self-paid medical cost (not yet the deduction).
    pub serious_illness_expense: Money,
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
    pub income_amount: Money,
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
            serious_illness_expense: add.money("serious_illness_expense"),
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
        })
    }
}

/// 大病医疗 deduction = min(max(expense − 15,000, 0), 80,000).
pub fn serious_illness_deduction(expense: Money) -> Money {
    (expense - Money::yuan(SERIOUS_ILLNESS_FLOOR))
        .max(Money::ZERO)
        .min(Money::yuan(SERIOUS_ILLNESS_CAP))
}

pub fn compute(input: &IitAnnualInput) -> IitAnnualResult {
    let law6 = Basis("basis-iit-law-art6");
    let i = &input.income;
    let labor_amount = Money::round(i.labor.amount() * dec!(0.8));
    let authorship_amount = Money::round(i.authorship.amount() * dec!(0.8) * dec!(0.7));
    let royalties_amount = Money::round(i.royalties.amount() * dec!(0.8));
    let income_amount = i.wages + labor_amount + authorship_amount + royalties_amount;

    let a = &input.additional_deductions;
    let illness = serious_illness_deduction(a.serious_illness_expense);
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
    let taxable_income =
        (income_amount - basic - input.special_deductions - additional_total - other_total)
            .max(Money::ZERO);
    let (bracket, tax) = COMPREHENSIVE.tax(taxable_income);
    let balance = tax - input.prepaid_tax;

    // 公告2023年第32号 (to 2027-12-31): owing, with income ≤ 120,000 or balance ≤ 400 → exempt.
    let exempt = policy::RECONCILIATION_EXEMPTION.applies(input.tax_year)
        && balance.is_positive()
        && (income_amount <= Money::yuan(policy::RECONCILIATION_EXEMPT_INCOME)
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

    let mut lines = vec![Line::new("wages", i.wages, law6, TOPIC)];
    if !i.labor.is_zero() {
        lines.push(Line::new("labor_income_amount", labor_amount, law6, TOPIC));
    }
    if !i.authorship.is_zero() {
        lines.push(Line::new(
            "authorship_income_amount",
            authorship_amount,
            law6,
            TOPIC,
        ));
    }
    if !i.royalties.is_zero() {
        lines.push(Line::new(
            "royalties_income_amount",
            royalties_amount,
            law6,
            TOPIC,
        ));
    }
    lines.push(Line::new("income_amount", income_amount, law6, TOPIC));
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
    for (key, amount, topic) in [
        ("child_education", a.child_education, "iit-child-education"),
        ("infant_care", a.infant_care, "iit-infant-care"),
        (
            "continuing_education",
            a.continuing_education,
            "iit-continuing-education",
        ),
        ("serious_illness", illness, "iit-serious-illness"),
        (
            "housing_loan_interest",
            a.housing_loan_interest,
            "iit-housing-loan-interest",
        ),
        ("housing_rent", a.housing_rent, "iit-housing-rent"),
        ("elderly_support", a.elderly_support, "iit-elderly-support"),
    ] {
        if !amount.is_zero() {
            lines.push(Line::new(key, amount, add_basis, topic));
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
    lines.push(Line::new("taxable_income", taxable_income, law6, TOPIC));
    lines.push(Line::new(
        "quick_deduction",
        Money::round(bracket.quick_deduction),
        COMPREHENSIVE.basis,
        "iit-rates",
    ));
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
    if a.serious_illness_expense > Money::yuan(SERIOUS_ILLNESS_FLOOR + SERIOUS_ILLNESS_CAP) {
        warnings.push(
            Warning::new("serious_illness_capped").arg("cap", Money::yuan(SERIOUS_ILLNESS_CAP)),
        );
    }

    IitAnnualResult {
        income_amount,
        taxable_income,
        rate: bracket.rate,
        quick_deduction: Money::round(bracket.quick_deduction),
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
