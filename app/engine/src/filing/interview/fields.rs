//! The questions of each calculator, as data: the input's JSON path (also its form name), its
//! label and hint (Fluent keys) and its type.
use crate::calculation::Kind;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    Money,
    /// A select with these values; the first is the default.
    Select(&'static [(&'static str, &'static str)]),
    /// Yes / no radios; the bool is the default.
    YesNo(bool),
    /// Radios with (value, label key); the first is the default.
    Radios(&'static [(&'static str, &'static str)]),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    pub path: &'static str,
    pub label: &'static str,
    pub hint: Option<&'static str>,
    pub input: Input,
}

const fn money(path: &'static str, label: &'static str, hint: Option<&'static str>) -> Field {
    Field {
        path,
        label,
        hint,
        input: Input::Money,
    }
}

const YEARS_IIT: &[(&str, &str)] = &[
    ("2025", "2025"),
    ("2026", "2026"),
    ("2024", "2024"),
    ("2023", "2023"),
];
const YEARS_CIT: &[(&str, &str)] = &[
    ("2026", "2026"),
    ("2025", "2025"),
    ("2024", "2024"),
    ("2023", "2023"),
];
const YEARS_VAT: &[(&str, &str)] = &[
    ("2026", "2026"),
    ("2027", "2027"),
    ("2025", "2025"),
    ("2024", "2024"),
];
/// The year of the oldest loss still carried forward (个体工商户: five years at most, 国家税务总局令
/// 第35号 第二十六条); blank is none (the field is not sent), so no warning.
const LOSS_YEARS: &[(&str, &str)] = &[
    ("", "option-no-loss-carried"),
    ("2026", "2026"),
    ("2025", "2025"),
    ("2024", "2024"),
    ("2023", "2023"),
    ("2022", "2022"),
    ("2021", "2021"),
    ("2020", "2020"),
    ("2019", "2019"),
    ("2018", "2018"),
    ("2017", "2017"),
    ("2016", "2016"),
];
const OLDEST_LOSS_YEAR: Field = Field {
    path: "oldest_loss_year",
    label: "field-oldest_loss_year",
    hint: Some("hint-oldest_loss_year"),
    input: Input::Select(LOSS_YEARS),
};
const QUARTERS: &[(&str, &str)] = &[("1", "1"), ("2", "2"), ("3", "3"), ("4", "4")];
const PERIOD_INDEX: &[(&str, &str)] = &[
    ("1", "1"),
    ("2", "2"),
    ("3", "3"),
    ("4", "4"),
    ("5", "5"),
    ("6", "6"),
    ("7", "7"),
    ("8", "8"),
    ("9", "9"),
    ("10", "10"),
    ("11", "11"),
    ("12", "12"),
];

pub const IIT_ANNUAL: &[Field] = &[
    Field {
        path: "tax_year",
        label: "field-tax_year",
        hint: None,
        input: Input::Select(YEARS_IIT),
    },
    money("income.wages", "line-wages", Some("hint-wages")),
    money("income.labor", "field-labor", Some("hint-labor")),
    money("income.authorship", "field-authorship", None),
    money("income.royalties", "field-royalties", None),
    money(
        "special_deductions",
        "line-special_deductions",
        Some("hint-special_deductions"),
    ),
    money(
        "additional_deductions.child_education",
        "line-child_education",
        Some("hint-child_education"),
    ),
    money(
        "additional_deductions.infant_care",
        "line-infant_care",
        Some("hint-infant_care"),
    ),
    money(
        "additional_deductions.continuing_education",
        "line-continuing_education",
        Some("hint-continuing_education"),
    ),
    money(
        "additional_deductions.serious_illness_expense[0]",
        "field-serious_illness_expense-self",
        Some("hint-serious_illness_expense"),
    ),
    money(
        "additional_deductions.serious_illness_expense[1]",
        "field-serious_illness_expense-spouse",
        None,
    ),
    money(
        "additional_deductions.serious_illness_expense[2]",
        "field-serious_illness_expense-child-1",
        None,
    ),
    money(
        "additional_deductions.serious_illness_expense[3]",
        "field-serious_illness_expense-child-2",
        None,
    ),
    money(
        "additional_deductions.serious_illness_expense[4]",
        "field-serious_illness_expense-child-3",
        None,
    ),
    money(
        "additional_deductions.housing_loan_interest",
        "line-housing_loan_interest",
        Some("hint-housing_loan_interest"),
    ),
    money(
        "additional_deductions.housing_rent",
        "line-housing_rent",
        Some("hint-housing_rent"),
    ),
    money(
        "additional_deductions.elderly_support",
        "line-elderly_support",
        Some("hint-elderly_support"),
    ),
    money(
        "other_deductions.private_pension",
        "line-private_pension",
        Some("hint-private_pension"),
    ),
    money(
        "other_deductions.commercial_health_insurance",
        "line-commercial_health_insurance",
        Some("hint-commercial_health_insurance"),
    ),
    money(
        "other_deductions.enterprise_annuity",
        "line-enterprise_annuity",
        None,
    ),
    money("other_deductions.other", "line-other_deductions", None),
    money("prepaid_tax", "line-prepaid_tax", Some("hint-prepaid_tax")),
    money(
        "annual_bonus",
        "field-annual_bonus",
        Some("hint-annual_bonus"),
    ),
    Field {
        path: "bonus_method",
        label: "field-bonus_method",
        hint: Some("hint-bonus_method"),
        input: Input::Radios(&[
            ("best", "bonus-method-best"),
            ("separate", "bonus-method-separate"),
            ("merged", "bonus-method-merged"),
        ]),
    },
    money(
        "charitable_donations",
        "field-charitable_donations",
        Some("hint-charitable_donations"),
    ),
];

pub const IIT_BUSINESS: &[Field] = &[
    Field {
        path: "tax_year",
        label: "field-tax_year",
        hint: None,
        input: Input::Select(YEARS_IIT),
    },
    Field {
        path: "entity",
        label: "field-entity",
        hint: Some("hint-entity"),
        input: Input::Radios(&[
            ("individual_business", "entity-individual_business"),
            ("sole_proprietorship", "entity-sole_proprietorship"),
            ("partnership", "entity-partnership"),
        ]),
    },
    money("revenue", "line-revenue", None),
    money("costs", "line-costs", None),
    money("loss_carryforward", "line-loss_carryforward", None),
    OLDEST_LOSS_YEAR,
    Field {
        path: "has_comprehensive_income",
        label: "field-has_comprehensive_income",
        hint: Some("hint-has_comprehensive_income"),
        input: Input::YesNo(false),
    },
    money(
        "special_deductions",
        "line-special_deductions",
        Some("hint-special_deductions"),
    ),
    money(
        "additional_deductions",
        "field-additional_deductions_total",
        None,
    ),
    money("other_deductions", "line-other_deductions", None),
    money("other_relief", "line-other_relief", None),
    money("prepaid_tax", "line-prepaid_tax", None),
];

const ENTITY: Field = Field {
    path: "entity",
    label: "field-entity",
    hint: Some("hint-entity"),
    input: Input::Radios(&[
        ("individual_business", "entity-individual_business"),
        ("sole_proprietorship", "entity-sole_proprietorship"),
        ("partnership", "entity-partnership"),
    ]),
};

/// 经营所得 月(季)度预缴: figures cumulative from 1 January.
pub const IIT_BUSINESS_PREPAYMENT: &[Field] = &[
    Field {
        path: "tax_year",
        label: "field-tax_year",
        hint: None,
        input: Input::Select(YEARS_VAT),
    },
    Field {
        path: "period.kind",
        label: "field-period_kind",
        hint: None,
        input: Input::Radios(&[("quarter", "period-quarter"), ("month", "period-month")]),
    },
    Field {
        path: "period.index",
        label: "field-period_index",
        hint: Some("hint-period_index"),
        input: Input::Select(PERIOD_INDEX),
    },
    ENTITY,
    money("revenue", "field-revenue_to_date", Some("hint-cumulative")),
    money("costs", "field-costs_to_date", Some("hint-cumulative")),
    money("loss_carryforward", "line-loss_carryforward", None),
    OLDEST_LOSS_YEAR,
    Field {
        path: "has_comprehensive_income",
        label: "field-has_comprehensive_income",
        hint: Some("hint-has_comprehensive_income"),
        input: Input::YesNo(false),
    },
    money(
        "special_deductions",
        "line-special_deductions",
        Some("hint-prepayment_special_deductions"),
    ),
    money("other_deductions", "line-other_deductions", None),
    money("other_relief", "line-other_relief", None),
    money(
        "prepaid_tax",
        "line-prepaid_this_year",
        Some("hint-prepaid_this_year"),
    ),
];

/// The VAT return's sales lines: rows of rate, invoice type and sales (ex-tax or tax-inclusive);
/// the first row is always sent, the others only when they hold an amount.
pub const VAT_ROWS: usize = 4;
const VAT_RATES: &[(&str, &str)] = &[
    ("0.01", "vat-rate-1"),
    ("0.03", "vat-rate-3"),
    ("0.02", "vat-rate-2"),
    ("0.05", "vat-rate-5"),
    ("0.015", "vat-rate-1_5"),
];
const VAT_INVOICES: &[(&str, &str)] = &[
    ("other", "vat-invoice-other"),
    ("special", "vat-invoice-special"),
];

pub const VAT_SMALL_SCALE: &[Field] = &[
    Field {
        path: "period.kind",
        label: "field-period_kind",
        hint: None,
        input: Input::Radios(&[("month", "period-month"), ("quarter", "period-quarter")]),
    },
    Field {
        path: "period.year",
        label: "field-year",
        hint: None,
        input: Input::Select(YEARS_VAT),
    },
    Field {
        path: "period.index",
        label: "field-period_index",
        hint: Some("hint-period_index"),
        input: Input::Select(PERIOD_INDEX),
    },
    Field {
        path: "lines[0].rate",
        label: "field-vat-line-1-rate",
        hint: None,
        input: Input::Select(VAT_RATES),
    },
    Field {
        path: "lines[0].invoice",
        label: "field-vat-line-1-invoice",
        hint: Some("hint-vat-invoice"),
        input: Input::Radios(VAT_INVOICES),
    },
    money(
        "lines[0].sales",
        "field-vat-line-1-sales",
        Some("hint-sales"),
    ),
    money(
        "lines[0].sales_inclusive",
        "field-vat-line-1-sales_inclusive",
        Some("hint-sales_inclusive"),
    ),
    Field {
        path: "lines[1].rate",
        label: "field-vat-line-2-rate",
        hint: None,
        input: Input::Select(VAT_RATES),
    },
    Field {
        path: "lines[1].invoice",
        label: "field-vat-line-2-invoice",
        hint: None,
        input: Input::Radios(VAT_INVOICES),
    },
    money("lines[1].sales", "field-vat-line-2-sales", None),
    money(
        "lines[1].sales_inclusive",
        "field-vat-line-2-sales_inclusive",
        None,
    ),
    Field {
        path: "lines[2].rate",
        label: "field-vat-line-3-rate",
        hint: None,
        input: Input::Select(VAT_RATES),
    },
    Field {
        path: "lines[2].invoice",
        label: "field-vat-line-3-invoice",
        hint: None,
        input: Input::Radios(VAT_INVOICES),
    },
    money("lines[2].sales", "field-vat-line-3-sales", None),
    money(
        "lines[2].sales_inclusive",
        "field-vat-line-3-sales_inclusive",
        None,
    ),
    Field {
        path: "lines[3].rate",
        label: "field-vat-line-4-rate",
        hint: None,
        input: Input::Select(VAT_RATES),
    },
    Field {
        path: "lines[3].invoice",
        label: "field-vat-line-4-invoice",
        hint: None,
        input: Input::Radios(VAT_INVOICES),
    },
    money("lines[3].sales", "field-vat-line-4-sales", None),
    money(
        "lines[3].sales_inclusive",
        "field-vat-line-4-sales_inclusive",
        None,
    ),
    Field {
        path: "location",
        label: "field-location",
        hint: None,
        input: Input::Radios(&[
            ("city", "location-city"),
            ("county_town", "location-county_town"),
            ("other", "location-other"),
        ]),
    },
    Field {
        path: "six_taxes_two_fees_halving",
        label: "field-six_taxes_two_fees_halving",
        hint: Some("hint-six_taxes_two_fees_halving"),
        input: Input::YesNo(true),
    },
    money("prepaid_vat", "line-prepaid_vat", None),
    money(
        "prepaid_surcharges",
        "line-prepaid_surcharges",
        Some("hint-prepaid_surcharges"),
    ),
];

pub const CIT_PREPAYMENT: &[Field] = &[
    Field {
        path: "tax_year",
        label: "field-tax_year",
        hint: None,
        input: Input::Select(YEARS_CIT),
    },
    Field {
        path: "quarter",
        label: "field-quarter",
        hint: Some("hint-quarter"),
        input: Input::Select(QUARTERS),
    },
    money(
        "total_profit",
        "line-total_profit",
        Some("hint-total_profit"),
    ),
    money(
        "specific_business_income",
        "line-specific_business_income",
        None,
    ),
    money("non_taxable_income", "line-non_taxable_income", None),
    money(
        "accelerated_depreciation",
        "line-accelerated_depreciation",
        None,
    ),
    money("exempt_income", "line-exempt_income", None),
    money("income_reduction", "line-income_reduction", None),
    money("loss_carryforward", "line-loss_carryforward", None),
    money(
        "employees_avg",
        "field-employees_avg",
        Some("hint-employees_avg"),
    ),
    money(
        "total_assets_avg",
        "field-total_assets_avg",
        Some("hint-total_assets_avg"),
    ),
    Field {
        path: "restricted_industry",
        label: "field-restricted_industry",
        hint: None,
        input: Input::YesNo(false),
    },
    Field {
        path: "high_tech",
        label: "field-high_tech",
        hint: None,
        input: Input::YesNo(false),
    },
    money(
        "prepaid_tax",
        "line-prepaid_tax",
        Some("hint-cit_prepaid_tax"),
    ),
    money("specific_prepaid", "line-specific_prepaid", None),
];

/// Stamp duty: three contract rows (item + amount); empty rows are left out.
pub const STAMP_ROWS: usize = 3;
pub const STAMP_DUTY: &[Field] = &[Field {
    path: "six_taxes_two_fees_halving",
    label: "field-six_taxes_two_fees_halving",
    hint: Some("hint-stamp_halving"),
    input: Input::YesNo(false),
}];

pub fn fields(kind: Kind) -> &'static [Field] {
    match kind {
        Kind::IitAnnual => IIT_ANNUAL,
        Kind::IitBusiness => IIT_BUSINESS,
        Kind::IitBusinessPrepayment => IIT_BUSINESS_PREPAYMENT,
        Kind::VatSmallScale => VAT_SMALL_SCALE,
        Kind::CitPrepayment => CIT_PREPAYMENT,
        Kind::StampDuty => STAMP_DUTY,
    }
}
