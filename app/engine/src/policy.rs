//! Time-limited policies as data: each relief or threshold with its legal source and the tax
//! years it covers, so that next year's change is a change here, not in the computations.
use crate::{explain::Basis, money::Money};

/// A relief in force for the tax years `first_year..=last_year`.
#[derive(Clone, Copy, Debug)]
pub struct Relief {
    pub basis: Basis,
    pub first_year: i64,
    pub last_year: i64,
    /// Its last day, quoted in warnings.
    pub expires: &'static str,
}

impl Relief {
    pub fn applies(&self, tax_year: i64) -> bool {
        (self.first_year..=self.last_year).contains(&tax_year)
    }
}

/// 个人所得税 年度汇算 exemption: 财政部 税务总局公告2023年第32号 (2024-01-01 to 2027-12-31, for the
/// 2023–2027 reconciliations): owing with income ≤ 120,000, or owing ≤ 400.
pub const RECONCILIATION_EXEMPTION: Relief = Relief {
    basis: Basis("basis-2023-32-exemption"),
    first_year: 2023,
    last_year: 2027,
    expires: "2027-12-31",
};
pub const RECONCILIATION_EXEMPT_INCOME: i64 = 120_000;
pub const RECONCILIATION_EXEMPT_BALANCE: i64 = 400;

/// The annual one-off bonus taxed on its own with the monthly table: 财政部 税务总局公告2023年第30号
/// (to 2027-12-31; for 2023, 财税〔2018〕164号 as extended by 2021年第42号, the same rule).
pub const BONUS_SEPARATE: Relief = Relief {
    basis: Basis("basis-2023-30-bonus"),
    first_year: 2019,
    last_year: 2027,
    expires: "2027-12-31",
};

/// 个体工商户 经营所得 halved on the part of taxable income up to 2,000,000:
/// 财政部 税务总局公告2023年第12号 第一条.
pub const INDIVIDUAL_BUSINESS_HALF: Relief = Relief {
    basis: Basis("basis-2023-12-half-relief"),
    first_year: 2023,
    last_year: 2027,
    expires: "2027-12-31",
};
pub const INDIVIDUAL_BUSINESS_HALF_LIMIT: i64 = 2_000_000;

/// 小型微利企业: 25% of taxable income at 20% (effective 5%): 财政部 税务总局公告2023年第12号 第三条.
pub const SMALL_LOW_PROFIT: Relief = Relief {
    basis: Basis("basis-2023-12-small-low-profit"),
    first_year: 2023,
    last_year: 2027,
    expires: "2027-12-31",
};
pub const SMALL_LOW_PROFIT_MAX_PROFIT: i64 = 3_000_000;
pub const SMALL_LOW_PROFIT_MAX_EMPLOYEES: i64 = 300;
pub const SMALL_LOW_PROFIT_MAX_ASSETS: i64 = 50_000_000;

/// 六税两费 halved for small-scale VAT taxpayers, 小型微利企业 and 个体工商户:
/// 财政部 税务总局公告2023年第12号 第二条.
pub const SIX_TAXES_TWO_FEES: Relief = Relief {
    basis: Basis("basis-2023-12-six-taxes"),
    first_year: 2023,
    last_year: 2027,
    expires: "2027-12-31",
};

/// Small-scale VAT 3% reduced to 1%, and the 起征点 under 增值税法 第二十三条: 财政部 税务总局公告2026年第10号.
pub const VAT_REDUCED_RATE: Relief = Relief {
    basis: Basis("basis-2026-10-reduced-rate"),
    first_year: 2026,
    last_year: 2027,
    expires: "2027-12-31",
};

/// The small-scale VAT threshold (起征点) for a period: below it exempt, reaching it taxed in full.
pub fn vat_threshold(quarterly: bool) -> Money {
    // 公告2026年第10号: 月销售额10万元, 季度销售额30万元.
    Money::yuan(if quarterly { 300_000 } else { 100_000 })
}
