//! Progressive rate tables, as data with their legal source and the years they apply to.
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use crate::{explain::Basis, money::Money};

/// One band: taxable income up to `upper` (inclusive, "不超过"; `None` = no limit).
#[derive(Clone, Copy, Debug)]
pub struct Bracket {
    pub upper: Option<Decimal>,
    pub rate: Decimal,
    pub quick_deduction: Decimal,
}

#[derive(Clone, Copy, Debug)]
pub struct RateTable {
    pub brackets: &'static [Bracket],
    pub basis: Basis,
    /// First and last tax year the table applies to.
    pub years: (i64, i64),
}

const fn b(upper: Option<Decimal>, rate: Decimal, quick: Decimal) -> Bracket {
    Bracket {
        upper,
        rate,
        quick_deduction: quick,
    }
}

/// 个人所得税税率表一（综合所得适用）, 个人所得税法 第三条; unchanged 2019–2026.
pub static COMPREHENSIVE: RateTable = RateTable {
    brackets: &[
        b(Some(dec!(36000)), dec!(0.03), dec!(0)),
        b(Some(dec!(144000)), dec!(0.10), dec!(2520)),
        b(Some(dec!(300000)), dec!(0.20), dec!(16920)),
        b(Some(dec!(420000)), dec!(0.25), dec!(31920)),
        b(Some(dec!(660000)), dec!(0.30), dec!(52920)),
        b(Some(dec!(960000)), dec!(0.35), dec!(85920)),
        b(None, dec!(0.45), dec!(181920)),
    ],
    basis: Basis("basis-iit-law-art3-table1"),
    years: (2019, 2026),
};

/// 按月换算后的综合所得税率表 (the monthly table), used for the annual one-off bonus taxed on its
/// own: 财政部 税务总局公告2023年第30号 第一条 (rate and quick deduction looked up with bonus ÷ 12).
pub static MONTHLY: RateTable = RateTable {
    brackets: &[
        b(Some(dec!(3000)), dec!(0.03), dec!(0)),
        b(Some(dec!(12000)), dec!(0.10), dec!(210)),
        b(Some(dec!(25000)), dec!(0.20), dec!(1410)),
        b(Some(dec!(35000)), dec!(0.25), dec!(2660)),
        b(Some(dec!(55000)), dec!(0.30), dec!(4410)),
        b(Some(dec!(80000)), dec!(0.35), dec!(7160)),
        b(None, dec!(0.45), dec!(15160)),
    ],
    basis: Basis("basis-2023-30-bonus"),
    years: (2019, 2027),
};

/// 个人所得税税率表二（经营所得适用）, 个人所得税法 第三条.
pub static BUSINESS: RateTable = RateTable {
    brackets: &[
        b(Some(dec!(30000)), dec!(0.05), dec!(0)),
        b(Some(dec!(90000)), dec!(0.10), dec!(1500)),
        b(Some(dec!(300000)), dec!(0.20), dec!(10500)),
        b(Some(dec!(500000)), dec!(0.30), dec!(40500)),
        b(None, dec!(0.35), dec!(65500)),
    ],
    basis: Basis("basis-iit-law-art3-table2"),
    years: (2019, 2027),
};

impl RateTable {
    /// The band a taxable amount falls in (not rounded: a look-up only).
    pub fn bracket(&self, taxable: Decimal) -> Bracket {
        self.brackets
            .iter()
            .copied()
            .find(|br| br.upper.is_none_or(|u| taxable <= u))
            .unwrap_or(self.brackets[self.brackets.len() - 1])
    }

    /// The annual one-off bonus taxed on its own (this must be [`MONTHLY`]): the band of
    /// bonus ÷ 12 (not rounded), tax = round(bonus × rate − one quick deduction).
    pub fn bonus_tax(&self, bonus: Money) -> (Bracket, Money) {
        if !bonus.is_positive() {
            return (self.brackets[0], Money::ZERO);
        }
        let br = self.bracket(bonus.amount() / Decimal::from(12));
        (
            br,
            Money::round(bonus.amount() * br.rate - br.quick_deduction).max(Money::ZERO),
        )
    }

    /// tax = round(taxable × rate − quick deduction), 0 when taxable ≤ 0.
    pub fn tax(&self, taxable: Money) -> (Bracket, Money) {
        let br = self.bracket(taxable.amount());
        if !taxable.is_positive() {
            return (self.brackets[0], Money::ZERO);
        }
        (
            br,
            Money::round(taxable.amount() * br.rate - br.quick_deduction).max(Money::ZERO),
        )
    }
}

/// Formats a rate as the contract wants: `"0.10"`, `"0.0003"` (at least two decimals).
pub fn format_rate(rate: Decimal) -> String {
    let mut r = rate.normalize();
    if r.scale() < 2 {
        r.rescale(2);
    }
    r.to_string()
}
