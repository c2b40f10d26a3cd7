//! The interview: each return's questions in small groups, one group per page. The fields
//! that the period fixes (tax year, quarter, VAT period) are never asked.
use super::fields::{fields, Field};
use crate::calculation::Kind;

/// One page of the interview: its title (Fluent key), the guidance topic for "I don't know",
/// and its fields (paths of the calculator's fields; `items` stands for the stamp-duty rows).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    pub title: &'static str,
    pub topic: &'static str,
    pub paths: &'static [&'static str],
}

const IIT_ANNUAL: &[Step] = &[
    Step {
        title: "step-income",
        topic: "iit-annual-reconciliation",
        paths: &[
            "income.wages",
            "income.labor",
            "income.authorship",
            "income.royalties",
        ],
    },
    Step {
        title: "step-special-deductions",
        topic: "iit-annual-reconciliation",
        paths: &["special_deductions"],
    },
    Step {
        title: "step-additional-deductions",
        topic: "special-additional-deductions",
        paths: &[
            "additional_deductions.child_education",
            "additional_deductions.infant_care",
            "additional_deductions.continuing_education",
            "additional_deductions.serious_illness_expense[0]",
            "additional_deductions.serious_illness_expense[1]",
            "additional_deductions.serious_illness_expense[2]",
            "additional_deductions.serious_illness_expense[3]",
            "additional_deductions.serious_illness_expense[4]",
            "additional_deductions.housing_loan_interest",
            "additional_deductions.housing_rent",
            "additional_deductions.elderly_support",
        ],
    },
    Step {
        title: "step-other-deductions",
        topic: "iit-annual-reconciliation",
        paths: &[
            "other_deductions.private_pension",
            "other_deductions.commercial_health_insurance",
            "other_deductions.enterprise_annuity",
            "other_deductions.other",
            "charitable_donations",
        ],
    },
    Step {
        title: "step-bonus",
        topic: "iit-annual-bonus",
        paths: &["annual_bonus", "bonus_method"],
    },
    Step {
        title: "step-prepaid",
        topic: "iit-annual-reconciliation",
        paths: &["prepaid_tax"],
    },
];

/// The first page of both 经营所得 returns: who files, the income so far and the losses.
const BUSINESS_INCOME: &[&str] = &[
    "entity",
    "revenue",
    "costs",
    "loss_carryforward",
    "oldest_loss_year",
];

const IIT_BUSINESS: &[Step] = &[
    Step {
        title: "step-business-income",
        topic: "individual-business-half-relief",
        paths: BUSINESS_INCOME,
    },
    Step {
        title: "step-business-deductions",
        topic: "individual-business-half-relief",
        paths: &[
            "has_comprehensive_income",
            "special_deductions",
            "additional_deductions",
            "other_deductions",
        ],
    },
    Step {
        title: "step-relief-prepaid",
        topic: "individual-business-half-relief",
        paths: &["other_relief", "prepaid_tax"],
    },
];

const IIT_BUSINESS_PREPAYMENT: &[Step] = &[
    Step {
        title: "step-business-income",
        topic: "iit-business-prepayment",
        paths: BUSINESS_INCOME,
    },
    Step {
        title: "step-business-deductions",
        topic: "iit-business-prepayment",
        paths: &[
            "has_comprehensive_income",
            "special_deductions",
            "other_deductions",
        ],
    },
    Step {
        title: "step-relief-prepaid",
        topic: "individual-business-half-relief",
        paths: &["other_relief", "prepaid_tax"],
    },
];

const VAT: &[Step] = &[
    Step {
        title: "step-sales",
        topic: "vat-threshold-2026",
        paths: &[
            "lines[0].rate",
            "lines[0].invoice",
            "lines[0].sales",
            "lines[0].sales_inclusive",
            "lines[1].rate",
            "lines[1].invoice",
            "lines[1].sales",
            "lines[1].sales_inclusive",
            "lines[2].rate",
            "lines[2].invoice",
            "lines[2].sales",
            "lines[2].sales_inclusive",
            "lines[3].rate",
            "lines[3].invoice",
            "lines[3].sales",
            "lines[3].sales_inclusive",
        ],
    },
    Step {
        title: "step-vat-rates",
        topic: "surcharges-six-taxes-two-fees",
        paths: &["location", "six_taxes_two_fees_halving"],
    },
    Step {
        title: "step-prepaid",
        topic: "vat-threshold-2026",
        paths: &["prepaid_vat", "prepaid_surcharges"],
    },
];

const CIT: &[Step] = &[
    Step {
        title: "step-profit",
        topic: "small-low-profit-cit",
        paths: &[
            "total_profit",
            "specific_business_income",
            "non_taxable_income",
            "accelerated_depreciation",
            "exempt_income",
            "income_reduction",
            "loss_carryforward",
        ],
    },
    Step {
        title: "step-enterprise",
        topic: "small-low-profit-cit",
        paths: &[
            "employees_avg",
            "total_assets_avg",
            "restricted_industry",
            "high_tech",
        ],
    },
    Step {
        title: "step-prepaid",
        topic: "small-low-profit-cit",
        paths: &["prepaid_tax", "specific_prepaid"],
    },
];

const STAMP: &[Step] = &[Step {
    title: "step-contracts",
    topic: "stamp-duty-rates",
    paths: &["items", "six_taxes_two_fees_halving"],
}];

pub fn steps(kind: Kind) -> &'static [Step] {
    match kind {
        Kind::IitAnnual => IIT_ANNUAL,
        Kind::IitBusiness => IIT_BUSINESS,
        Kind::IitBusinessPrepayment => IIT_BUSINESS_PREPAYMENT,
        Kind::VatSmallScale => VAT,
        Kind::CitPrepayment => CIT,
        Kind::StampDuty => STAMP,
    }
}

/// The calculator field behind a path.
pub fn field(kind: Kind, path: &str) -> Option<Field> {
    fields(kind).iter().find(|f| f.path == path).copied()
}

/// The step (1-based) that asks about an input path (`income.wages`, `items[2].amount`).
pub fn step_of(kind: Kind, path: &str) -> Option<usize> {
    steps(kind)
        .iter()
        .position(|s| {
            s.paths.iter().any(|p| {
                path == *p
                    || path.starts_with(&format!("{p}."))
                    || path.starts_with(&format!("{p}["))
                    // An error on a whole row or list (`lines[0]`, `lines`) is asked where
                    // its first question is.
                    || p.starts_with(&format!("{path}."))
                    || p.starts_with(&format!("{path}["))
            })
        })
        .map(|i| i + 1)
}

/// The question that shows an error: itself, or for an error on a whole list or row (`items`,
/// `lines`, `lines[1]`, a per-person list) the first row's amount, for `period` its kind.
pub fn question_for_error(field: &str) -> String {
    match field {
        "items" => "items[0].amount".into(),
        "period" => "period.kind".into(),
        "lines" => "lines[0].sales".into(),
        "additional_deductions.serious_illness_expense" => {
            "additional_deductions.serious_illness_expense[0]".into()
        }
        f if f.starts_with("lines[") && f.ends_with(']') => format!("{f}.sales"),
        f => f.into(),
    }
}

/// Paths the period decides.
pub fn fixed_by_period(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::IitAnnual | Kind::IitBusiness => &["tax_year"],
        Kind::VatSmallScale => &["period.kind", "period.year", "period.index"],
        Kind::IitBusinessPrepayment => &["tax_year", "period.kind", "period.index"],
        Kind::CitPrepayment => &["tax_year", "quarter"],
        Kind::StampDuty => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_question_is_asked_exactly_once_or_fixed_by_the_period() {
        for kind in Kind::ALL {
            for f in fields(kind) {
                let asked = steps(kind)
                    .iter()
                    .filter(|s| s.paths.contains(&f.path))
                    .count();
                let fixed = fixed_by_period(kind).contains(&f.path);
                assert_eq!(asked + usize::from(fixed), 1, "{} {}", kind.slug(), f.path);
            }
            for s in steps(kind) {
                for p in s.paths {
                    assert!(*p == "items" || field(kind, p).is_some(), "{p}");
                }
            }
        }
        assert_eq!(step_of(Kind::StampDuty, "items[1].amount"), Some(1));
        assert_eq!(
            step_of(Kind::IitAnnual, "additional_deductions.housing_rent"),
            Some(3)
        );
    }
}
