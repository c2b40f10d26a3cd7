//! The indicators. Each gives its value (4 decimals for ratios), the benchmark and deviation
//! when one applies, a status, the formula with the taxpayer's own numbers, a message saying
//! what a tax officer might ask, and the guidance to read. A zero denominator gives no value and
//! says so; it never fails.
use rust_decimal::{Decimal, RoundingStrategy};

use super::figures::{Figures, Request, TaxpayerType};
use crate::money::Money;

/// Every indicator code, in the order results are given.
pub const CODES: [&str; 14] = [
    "vat_burden",
    "vat_burden_change",
    "vat_elasticity",
    "input_output_vat_change",
    "cit_contribution",
    "cit_burden",
    "gross_margin",
    "cost_ratio",
    "expense_ratio",
    "inventory_turnover",
    "invoiced_vs_declared",
    "zero_filing_streak",
    "loss_streak",
    "small_low_profit_cliff",
];

/// A benchmark band for one indicator and industry (staff-maintained data, not law).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Benchmark {
    pub low: Option<Decimal>,
    pub high: Option<Decimal>,
    pub average: Option<Decimal>,
    pub source: String,
    /// The taxpayers it was measured on; `None`: any.
    pub taxpayer_type: Option<TaxpayerType>,
}

impl Benchmark {
    /// Whether a business of this type may be measured against it (a small-scale taxpayer's
    /// VAT burden is never compared with general taxpayers' averages).
    pub fn applies_to(&self, taxpayer: TaxpayerType) -> bool {
        self.taxpayer_type.is_none_or(|t| t == taxpayer)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Ok,
    Attention,
    High,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Attention => "attention",
            Status::High => "high",
        }
    }
}

/// A translatable text: a Fluent key and its arguments (numbers already formatted).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub key: String,
    pub args: Vec<(&'static str, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Indicator {
    pub code: &'static str,
    /// `None` when a denominator is zero (the message says which).
    pub value: Option<Decimal>,
    pub benchmark: Option<Benchmark>,
    pub deviation: Option<Decimal>,
    pub status: Status,
    pub formula: Text,
    pub message: Text,
    pub guidance: Vec<&'static str>,
}

/// Practice values (§9): a change of more than ±30% is flagged; a deviation from the industry
/// average beyond 20% deserves attention, beyond 30% it is high.
const CHANGE_LIMIT: Decimal = Decimal::from_parts(30, 0, 0, false, 2);
const DEVIATION_ATTENTION: Decimal = Decimal::from_parts(20, 0, 0, false, 2);
const DEVIATION_HIGH: Decimal = Decimal::from_parts(30, 0, 0, false, 2);
/// How far input VAT may rise faster than output VAT before it is flagged, unless staff keep
/// another tolerance (the `high` of an `input_output_vat_change` benchmark): 10 points.
const INPUT_OUTPUT_TOLERANCE: Decimal = Decimal::from_parts(10, 0, 0, false, 2);
/// 小型微利 limit on annual taxable income, and how close under it counts as "just under".
const SMALL_LOW_PROFIT_LIMIT: i64 = 3_000_000;
const CLIFF_MARGIN: i64 = 300_000;

fn r4(v: Decimal) -> Decimal {
    v.round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero)
}

fn ratio(numerator: Decimal, denominator: Decimal) -> Option<Decimal> {
    (!denominator.is_zero()).then(|| r4(numerator / denominator))
}

fn change(now: Decimal, before: Decimal) -> Option<Decimal> {
    ratio(now - before, before)
}

fn money(m: Money) -> String {
    m.to_string()
}

fn dec(v: Decimal) -> String {
    r4(v).to_string()
}

/// A ratio as people read it: `0.0180` → `1.80%`.
fn pct(v: Decimal) -> String {
    format!("{:.2}%", r4(v) * Decimal::ONE_HUNDRED)
}

/// Whether an indicator's value is a ratio (shown as a percentage in texts).
fn is_ratio(code: &str) -> bool {
    !matches!(
        code,
        "vat_elasticity"
            | "inventory_turnover"
            | "zero_filing_streak"
            | "loss_streak"
            | "small_low_profit_cliff"
    )
}

fn text(key: String, args: Vec<(&'static str, String)>) -> Text {
    Text { key, args }
}

fn kebab(code: &str) -> String {
    code.replace('_', "-")
}

/// Compares a value with its benchmark: (deviation from the average, status).
fn against(value: Decimal, b: &Benchmark) -> (Option<Decimal>, Status) {
    let deviation = b.average.and_then(|avg| ratio(value - avg, avg));
    let outside = match (b.low, b.high) {
        (Some(low), Some(high)) => value < low || value > high,
        (Some(low), None) => value < low,
        (None, Some(high)) => value > high,
        (None, None) => deviation.is_some_and(|d| d.abs() > DEVIATION_ATTENTION),
    };
    let status = match deviation {
        Some(d) if d.abs() > DEVIATION_HIGH => Status::High,
        _ if outside => Status::Attention,
        _ => Status::Ok,
    };
    (deviation, status)
}

/// The message of a result: no value (a zero denominator), fine, or flagged.
fn message_key(code: &str, value: Option<Decimal>, status: Status) -> String {
    match (value, status) {
        (None, _) => "indicator-zero-denominator".to_string(),
        (Some(_), Status::Ok) => format!("indicator-{}-ok", kebab(code)),
        _ => format!("indicator-{}-flag", kebab(code)),
    }
}

struct Builder<'a> {
    lookup: &'a dyn Fn(&str) -> Option<Benchmark>,
    taxpayer: TaxpayerType,
    out: Vec<Indicator>,
}

impl Builder<'_> {
    /// The benchmark of `code` that applies to this taxpayer, if any.
    fn benchmark(&self, code: &str) -> Option<Benchmark> {
        (self.lookup)(code).filter(|b| b.applies_to(self.taxpayer))
    }

    /// A ratio compared with the industry benchmark (when there is one).
    fn benchmarked(
        &mut self,
        code: &'static str,
        value: Option<Decimal>,
        args: Vec<(&'static str, String)>,
        guidance: Vec<&'static str>,
    ) {
        let benchmark = self.benchmark(code);
        let (deviation, status) = match (value, &benchmark) {
            (Some(v), Some(b)) => against(v, b),
            _ => (None, Status::Ok),
        };
        // Nothing to compare with: say so rather than "in line with the industry" (and say
        // when the industry has one, but for the other type of taxpayer).
        let other_type = (self.lookup)(code).is_some();
        let message_key = if value.is_some() && benchmark.is_none() && other_type {
            "indicator-no-benchmark-for-type".to_string()
        } else if value.is_some() && benchmark.is_none() {
            "indicator-no-benchmark".to_string()
        } else {
            message_key(code, value, status)
        };
        self.push(
            code,
            value,
            benchmark,
            deviation,
            status,
            args,
            message_key,
            guidance,
        );
    }

    /// A rule with a fixed threshold (no benchmark).
    fn rule(
        &mut self,
        code: &'static str,
        value: Option<Decimal>,
        status: Status,
        args: Vec<(&'static str, String)>,
        guidance: Vec<&'static str>,
    ) {
        let message_key = message_key(code, value, status);
        self.push(code, value, None, None, status, args, message_key, guidance);
    }

    /// A figure that could not be computed because an input is missing: `message` says which.
    fn missing(
        &mut self,
        code: &'static str,
        message: &str,
        args: Vec<(&'static str, String)>,
        guidance: Vec<&'static str>,
    ) {
        self.push(
            code,
            None,
            None,
            None,
            Status::Ok,
            args,
            message.to_string(),
            guidance,
        );
    }

    #[allow(
        clippy::too_many_arguments,
        reason = "one place that assembles a result"
    )]
    fn push(
        &mut self,
        code: &'static str,
        value: Option<Decimal>,
        benchmark: Option<Benchmark>,
        deviation: Option<Decimal>,
        status: Status,
        mut args: Vec<(&'static str, String)>,
        message_key: String,
        guidance: Vec<&'static str>,
    ) {
        let shown = |v: Decimal| if is_ratio(code) { pct(v) } else { dec(v) };
        args.push(("value", value.map_or_else(|| "—".to_string(), shown)));
        let mut message_args = args.clone();
        if let Some(d) = deviation {
            message_args.push(("deviation", pct(d)));
        }
        if let Some(avg) = benchmark.as_ref().and_then(|b| b.average) {
            message_args.push(("average", shown(avg)));
        }
        self.out.push(Indicator {
            code,
            value,
            benchmark,
            deviation,
            status: if value.is_none() { Status::Ok } else { status },
            formula: text(format!("indicator-{}-formula", kebab(code)), args),
            message: text(message_key, message_args),
            guidance,
        });
    }
}

/// Every indicator that can be computed from these figures (those needing `base` are left out
/// without it). `lookup` gives the industry benchmark of an indicator code, if any.
pub fn check(request: &Request, lookup: &dyn Fn(&str) -> Option<Benchmark>) -> Vec<Indicator> {
    let c: &Figures = &request.current;
    let mut b = Builder {
        lookup,
        taxpayer: request.taxpayer(),
        out: Vec::new(),
    };
    let revenue = c.revenue.amount();
    let burden = ratio(c.vat_payable.amount(), revenue);

    b.benchmarked(
        "vat_burden",
        burden,
        vec![
            ("vat_payable", money(c.vat_payable)),
            ("revenue", money(c.revenue)),
        ],
        vec!["vat-small-scale", "vat-threshold-2026"],
    );
    if let Some(base) = &request.base {
        let base_burden = ratio(base.vat_payable.amount(), base.revenue.amount());
        let value = match (burden, base_burden) {
            (Some(now), Some(before)) => change(now, before),
            _ => None,
        };
        let status = if value.is_some_and(|v| v.abs() > CHANGE_LIMIT) {
            Status::Attention
        } else {
            Status::Ok
        };
        b.rule(
            "vat_burden_change",
            value,
            status,
            vec![
                ("now", burden.map_or_else(|| "—".into(), pct)),
                ("before", base_burden.map_or_else(|| "—".into(), pct)),
            ],
            vec!["vat-small-scale"],
        );
        // 弹性系数: sales change ÷ VAT change, close to 1 when they move together.
        let sales_change = change(revenue, base.revenue.amount());
        let vat_change = change(c.vat_payable.amount(), base.vat_payable.amount());
        let value = match (sales_change, vat_change) {
            (Some(s), Some(v)) => ratio(s, v),
            _ => None,
        };
        let band = Decimal::new(8, 1)..=Decimal::new(12, 1);
        let status = if value.is_some_and(|v| !band.contains(&v)) {
            Status::Attention
        } else {
            Status::Ok
        };
        b.rule(
            "vat_elasticity",
            value,
            status,
            vec![
                ("sales_change", sales_change.map_or_else(|| "—".into(), pct)),
                ("vat_change", vat_change.map_or_else(|| "—".into(), pct)),
            ],
            vec!["vat-small-scale"],
        );
        // Input VAT rising faster than output VAT, beyond the tolerance staff keep. Small-scale
        // taxpayers deduct no input VAT: the indicator says nothing about them.
        if b.taxpayer == TaxpayerType::General {
            input_output(&mut b, c, base);
        }
    }
    b.benchmarked(
        "cit_contribution",
        ratio(c.cit_payable.amount(), revenue),
        vec![
            ("cit_payable", money(c.cit_payable)),
            ("revenue", money(c.revenue)),
        ],
        vec!["cit-prepayment", "small-low-profit-cit"],
    );
    // A loss has no meaningful burden: reported as no value, like a zero denominator.
    let profit = c.total_profit.amount();
    b.benchmarked(
        "cit_burden",
        if profit > Decimal::ZERO {
            ratio(c.cit_payable.amount(), profit)
        } else {
            None
        },
        vec![
            ("cit_payable", money(c.cit_payable)),
            ("total_profit", money(c.total_profit)),
        ],
        vec!["cit-prepayment", "small-low-profit-cit"],
    );
    b.benchmarked(
        "gross_margin",
        ratio(revenue - c.cost_of_sales.amount(), revenue),
        vec![
            ("revenue", money(c.revenue)),
            ("cost_of_sales", money(c.cost_of_sales)),
        ],
        vec!["cit-prepayment"],
    );
    b.benchmarked(
        "cost_ratio",
        ratio(c.cost_of_sales.amount(), revenue),
        vec![
            ("cost_of_sales", money(c.cost_of_sales)),
            ("revenue", money(c.revenue)),
        ],
        vec!["cit-prepayment"],
    );
    b.benchmarked(
        "expense_ratio",
        ratio(c.operating_expenses.amount(), revenue),
        vec![
            ("operating_expenses", money(c.operating_expenses)),
            ("revenue", money(c.revenue)),
        ],
        vec!["cit-prepayment"],
    );
    let inventory_args = vec![
        ("cost_of_sales", money(c.cost_of_sales)),
        (
            "inventory_open",
            c.inventory_open.map_or_else(|| "—".into(), money),
        ),
        (
            "inventory_close",
            c.inventory_close.map_or_else(|| "—".into(), money),
        ),
    ];
    match c.average_inventory() {
        Some(average) => b.benchmarked(
            "inventory_turnover",
            ratio(c.cost_of_sales.amount(), average),
            inventory_args,
            vec!["cit-prepayment"],
        ),
        // One end (or both) not given: waiting for it, not computed with 0.
        None => b.missing(
            "inventory_turnover",
            "indicator-inventory-turnover-needs-both-ends",
            inventory_args,
            vec!["cit-prepayment"],
        ),
    }
    let excess = ratio(c.invoiced_sales.amount() - revenue, revenue);
    let status = if c.invoiced_sales.amount() > revenue {
        Status::Attention
    } else {
        Status::Ok
    };
    b.rule(
        "invoiced_vs_declared",
        excess,
        status,
        vec![
            ("invoiced_sales", money(c.invoiced_sales)),
            ("revenue", money(c.revenue)),
        ],
        vec!["vat-small-scale", "how-to-correct-a-return"],
    );
    let months = c.zero_filing_months;
    b.rule(
        "zero_filing_streak",
        Some(Decimal::from(months)),
        match months {
            6.. => Status::High,
            3.. => Status::Attention,
            _ => Status::Ok,
        },
        vec![("months", months.to_string())],
        vec!["vat-threshold-2026"],
    );
    let years = c.loss_years;
    b.rule(
        "loss_streak",
        Some(Decimal::from(years)),
        if years >= 3 {
            Status::Attention
        } else {
            Status::Ok
        },
        vec![("years", years.to_string())],
        vec!["cit-prepayment"],
    );
    small_low_profit_cliff(&mut b, c);
    b.out
}

/// `input_output_vat_change`: how many points faster input VAT rose than output VAT; flagged
/// beyond the tolerance (staff data, else 10 points).
fn input_output(b: &mut Builder<'_>, c: &Figures, base: &Figures) {
    let code = "input_output_vat_change";
    let input_change = change(c.input_vat.amount(), base.input_vat.amount());
    let output_change = change(c.output_vat.amount(), base.output_vat.amount());
    let value = match (input_change, output_change) {
        (Some(i), Some(o)) => Some(r4(i - o)),
        _ => None,
    };
    let benchmark = b.benchmark(code);
    let tolerance = benchmark
        .as_ref()
        .and_then(|t| t.high)
        .unwrap_or(INPUT_OUTPUT_TOLERANCE);
    let status = if value.is_some_and(|v| v > tolerance) {
        Status::Attention
    } else {
        Status::Ok
    };
    let message_key = message_key(code, value, status);
    // The tolerance is said in the formula; it is not an industry band to chart.
    b.push(
        code,
        value,
        None,
        None,
        status,
        vec![
            ("input_change", input_change.map_or_else(|| "—".into(), pct)),
            (
                "output_change",
                output_change.map_or_else(|| "—".into(), pct),
            ),
            ("tolerance", pct(tolerance)),
        ],
        message_key,
        vec!["vat-small-scale"],
    );
}

/// `small_low_profit_cliff`: annual taxable income just under the 小型微利 limit. Without the
/// taxable income, total profit stands in for it, and the formula says so.
fn small_low_profit_cliff(b: &mut Builder<'_>, c: &Figures) {
    let code = "small_low_profit_cliff";
    let limit = Decimal::from(SMALL_LOW_PROFIT_LIMIT);
    let (amount, formula_key, amount_arg) = match c.taxable_income {
        Some(income) => (
            income,
            "indicator-small-low-profit-cliff-formula",
            "taxable_income",
        ),
        None => (
            c.total_profit,
            "indicator-small-low-profit-cliff-formula-profit",
            "total_profit",
        ),
    };
    let value = amount.amount();
    let under = value <= limit && value >= limit - Decimal::from(CLIFF_MARGIN);
    let status = if under { Status::Attention } else { Status::Ok };
    let message_key = message_key(code, Some(value), status);
    b.push(
        code,
        Some(value),
        None,
        None,
        status,
        vec![
            (amount_arg, money(amount)),
            ("amount", money(amount)),
            ("limit", money(Money::yuan(SMALL_LOW_PROFIT_LIMIT))),
        ],
        message_key,
        vec!["small-low-profit-cit"],
    );
    if let Some(last) = b.out.last_mut() {
        last.formula.key = formula_key.to_string();
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    fn request(v: serde_json::Value) -> Request {
        Request::parse(&v).unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn find<'a>(all: &'a [Indicator], code: &str) -> &'a Indicator {
        all.iter()
            .find(|i| i.code == code)
            .unwrap_or_else(|| panic!("no {code}"))
    }

    fn machinery(code: &str) -> Option<Benchmark> {
        (code == "vat_burden").then(|| Benchmark {
            low: None,
            high: None,
            average: Some(d("0.0370")),
            source: "indicative".into(),
            taxpayer_type: Some(TaxpayerType::General),
        })
    }

    /// RISK-1: revenue 10,000,000, VAT 180,000 → 1.80%; against 3.70% → −51.35%, flagged.
    #[test]
    fn risk_1_vat_burden_against_industry() {
        let r = request(
            json!({"industry": "C34", "current": {"revenue": "10000000", "vat_payable": "180000"}}),
        );
        let all = check(&r, &machinery);
        let i = find(&all, "vat_burden");
        assert_eq!(i.value, Some(d("0.0180")));
        assert_eq!(i.deviation, Some(d("-0.5135")));
        assert_eq!(i.status, Status::High);
        assert_eq!(i.formula.key, "indicator-vat-burden-formula");
        assert!(i
            .formula
            .args
            .contains(&("vat_payable", "180000.00".into())));
        assert_eq!(i.message.key, "indicator-vat-burden-flag");
    }

    /// RISK-2: burden 1.80% vs 2.80% → −35.71%, outside ±30%.
    #[test]
    fn risk_2_burden_change() {
        let r = request(json!({"industry": "C34",
            "current": {"revenue": "10000000", "vat_payable": "180000"},
            "base": {"revenue": "10000000", "vat_payable": "280000"}}));
        let i = check(&r, &|_| None)
            .into_iter()
            .find(|i| i.code == "vat_burden_change")
            .unwrap_or_else(|| panic!());
        assert_eq!(i.value, Some(d("-0.3571")));
        assert_eq!(i.status, Status::Attention);
    }

    /// RISK-3: CIT 50,000 on revenue 10,000,000 → 0.50%; on profit 1,000,000 → 5.00%.
    #[test]
    fn risk_3_cit() {
        let r = request(
            json!({"industry": "C34", "current": {"revenue": "10000000", "total_profit": "1000000", "cit_payable": "50000"}}),
        );
        let all = check(&r, &|_| None);
        assert_eq!(find(&all, "cit_contribution").value, Some(d("0.0050")));
        assert_eq!(find(&all, "cit_burden").value, Some(d("0.0500")));
        assert_eq!(find(&all, "cit_burden").benchmark, None);
    }

    #[test]
    fn zero_denominators_are_reported_not_fatal() {
        let r = request(json!({"industry": "F52", "current": {}, "base": {}}));
        let all = check(&r, &|_| None);
        assert_eq!(all.len(), CODES.len());
        for code in [
            "vat_burden",
            "vat_burden_change",
            "vat_elasticity",
            "input_output_vat_change",
            "cit_contribution",
            "cit_burden",
            "gross_margin",
            "cost_ratio",
            "expense_ratio",
            "invoiced_vs_declared",
        ] {
            let i = find(&all, code);
            assert_eq!(i.value, None, "{code}");
            assert_eq!(i.message.key, "indicator-zero-denominator", "{code}");
            assert_eq!(i.status, Status::Ok);
        }
        let i = find(&all, "inventory_turnover");
        assert_eq!(
            (i.value, i.message.key.as_str()),
            (None, "indicator-inventory-turnover-needs-both-ends")
        );
    }

    #[test]
    fn inventory_turnover_waits_for_both_ends() {
        let one_end = request(json!({"industry": "F52",
            "current": {"cost_of_sales": "800000", "inventory_close": "250000"}}));
        let i = check(&one_end, &|_| None)
            .into_iter()
            .find(|i| i.code == "inventory_turnover")
            .unwrap_or_else(|| panic!());
        // Not 800,000 ÷ 125,000 = 6.4 as if the opening inventory were 0.
        assert_eq!(i.value, None);
        assert_eq!(
            i.message.key,
            "indicator-inventory-turnover-needs-both-ends"
        );
        assert!(i.formula.args.contains(&("inventory_open", "—".into())));
        let both = request(json!({"industry": "F52",
            "current": {"cost_of_sales": "800000", "inventory_open": "0", "inventory_close": "250000"}}));
        let i = check(&both, &|_| None)
            .into_iter()
            .find(|i| i.code == "inventory_turnover")
            .unwrap_or_else(|| panic!());
        assert_eq!(i.value, Some(d("6.4000")));
    }

    #[test]
    fn the_cliff_is_on_taxable_income_when_given() {
        // Profit 3,200,000 is over the limit, but taxable income 2,950,000 is just under it.
        let r = request(json!({"industry": "C34",
            "current": {"total_profit": "3200000", "taxable_income": "2950000"}}));
        let all = check(&r, &|_| None);
        let i = find(&all, "small_low_profit_cliff");
        assert_eq!((i.value, i.status), (Some(d("2950000")), Status::Attention));
        assert_eq!(i.formula.key, "indicator-small-low-profit-cliff-formula");
        assert!(i
            .formula
            .args
            .contains(&("taxable_income", "2950000.00".into())));
        // Without it, profit stands in and the formula says so.
        let r = request(json!({"industry": "C34", "current": {"total_profit": "3200000"}}));
        let all = check(&r, &|_| None);
        let i = find(&all, "small_low_profit_cliff");
        assert_eq!((i.value, i.status), (Some(d("3200000")), Status::Ok));
        assert_eq!(
            i.formula.key,
            "indicator-small-low-profit-cliff-formula-profit"
        );
        assert!(i
            .formula
            .args
            .contains(&("total_profit", "3200000.00".into())));
    }

    #[test]
    fn a_small_scale_taxpayer_is_not_measured_against_general_taxpayers() {
        let figures = json!({"revenue": "10000000", "vat_payable": "180000",
            "input_vat": "200000", "output_vat": "300000"});
        let base = json!({"revenue": "10000000", "vat_payable": "180000",
            "input_vat": "100000", "output_vat": "300000"});
        let small = request(json!({"industry": "C34", "taxpayer_type": "small_scale",
            "current": figures, "base": base}));
        let all = check(&small, &machinery);
        let burden = find(&all, "vat_burden");
        assert_eq!(burden.benchmark, None);
        assert_eq!(burden.status, Status::Ok);
        assert_eq!(burden.message.key, "indicator-no-benchmark-for-type");
        // No input VAT to speak of for a small-scale taxpayer.
        assert!(all.iter().all(|i| i.code != "input_output_vat_change"));
        // The same figures of a general taxpayer (said, or not said) are compared.
        for kind in [json!("general"), serde_json::Value::Null] {
            let general = request(json!({"industry": "C34", "taxpayer_type": kind,
                "current": figures, "base": base}));
            let all = check(&general, &machinery);
            assert_eq!(find(&all, "vat_burden").status, Status::High);
            assert!(all.iter().any(|i| i.code == "input_output_vat_change"));
        }
        // A benchmark kept for small-scale taxpayers applies to them only.
        let for_small = |code: &str| {
            (code == "vat_burden").then(|| Benchmark {
                low: None,
                high: None,
                average: Some(d("0.0180")),
                source: "x".into(),
                taxpayer_type: Some(TaxpayerType::SmallScale),
            })
        };
        let all = check(&small, &for_small);
        assert_eq!(find(&all, "vat_burden").deviation, Some(d("0")));
    }

    #[test]
    fn input_vat_outpacing_output_is_flagged_beyond_the_tolerance() {
        let r = |input_now: &str| {
            request(json!({"industry": "F52",
                "current": {"input_vat": input_now, "output_vat": "110000"},
                "base": {"input_vat": "100000", "output_vat": "100000"}}))
        };
        // Input +19%, output +10%: 9 points, within the default 10.
        let all = check(&r("119000"), &|_| None);
        let i = find(&all, "input_output_vat_change");
        assert_eq!((i.value, i.status), (Some(d("0.0900")), Status::Ok));
        assert!(i.formula.args.contains(&("tolerance", "10.00%".into())));
        // Input +21%: 11 points, beyond it.
        let all = check(&r("121000"), &|_| None);
        let i = find(&all, "input_output_vat_change");
        assert_eq!((i.value, i.status), (Some(d("0.1100")), Status::Attention));
        // Staff keep a tolerance of 15 points: 11 is within it.
        let staff = |code: &str| {
            (code == "input_output_vat_change").then(|| Benchmark {
                low: None,
                high: Some(d("0.15")),
                average: None,
                source: "local office".into(),
                taxpayer_type: None,
            })
        };
        let all = check(&r("121000"), &staff);
        let i = find(&all, "input_output_vat_change");
        assert_eq!(i.status, Status::Ok);
        assert!(i.formula.args.contains(&("tolerance", "15.00%".into())));
    }

    #[test]
    fn without_base_the_change_indicators_are_left_out() {
        let r = request(json!({"industry": "F52", "current": {"revenue": "100"}}));
        let codes: Vec<_> = check(&r, &|_| None).iter().map(|i| i.code).collect();
        assert!(
            !codes.contains(&"vat_burden_change")
                && !codes.contains(&"vat_elasticity")
                && !codes.contains(&"input_output_vat_change")
        );
        assert_eq!(codes.len(), CODES.len() - 3);
    }

    #[test]
    fn ratios_and_rules() {
        let r = request(json!({"industry": "F52",
            "current": {"revenue": "1000000", "cost_of_sales": "800000", "operating_expenses": "150000", "total_profit": "2950000",
                        "vat_payable": "22000", "output_vat": "130000", "input_vat": "108000", "inventory_open": "150000",
                        "inventory_close": "250000", "invoiced_sales": "1050000", "cit_payable": "0",
                        "zero_filing_months": 3, "loss_years": 2},
            "base": {"revenue": "800000", "vat_payable": "20000", "output_vat": "100000", "input_vat": "70000"}}));
        let all = check(&r, &|_| None);
        assert_eq!(find(&all, "gross_margin").value, Some(d("0.2000")));
        assert_eq!(find(&all, "cost_ratio").value, Some(d("0.8000")));
        assert_eq!(find(&all, "expense_ratio").value, Some(d("0.1500")));
        assert_eq!(find(&all, "inventory_turnover").value, Some(d("4.0000")));
        let inv = find(&all, "invoiced_vs_declared");
        assert_eq!(
            (inv.value, inv.status),
            (Some(d("0.0500")), Status::Attention)
        );
        // Sales +25%, VAT +10% → elasticity 2.5, outside 0.8–1.2.
        let e = find(&all, "vat_elasticity");
        assert_eq!((e.value, e.status), (Some(d("2.5000")), Status::Attention));
        // Input +54.29%, output +30% → input rising faster.
        let io = find(&all, "input_output_vat_change");
        assert_eq!(
            (io.value, io.status),
            (Some(d("0.2429")), Status::Attention)
        );
        assert_eq!(find(&all, "zero_filing_streak").status, Status::Attention);
        assert_eq!(find(&all, "loss_streak").status, Status::Ok);
        assert_eq!(
            find(&all, "small_low_profit_cliff").status,
            Status::Attention
        );
    }

    #[test]
    fn benchmark_bands() {
        let band = Benchmark {
            low: Some(d("0.02")),
            high: Some(d("0.05")),
            average: Some(d("0.035")),
            source: "x".into(),
            taxpayer_type: None,
        };
        assert_eq!(against(d("0.03"), &band).1, Status::Ok);
        assert_eq!(against(d("0.019"), &band).1, Status::High);
        assert_eq!(
            against(d("0.052"), &band),
            (Some(d("0.4857")), Status::High)
        );
        let loose = Benchmark {
            low: Some(d("0.02")),
            high: Some(d("0.05")),
            average: None,
            source: "x".into(),
            taxpayer_type: None,
        };
        assert_eq!(against(d("0.051"), &loose), (None, Status::Attention));
        let avg = Benchmark {
            low: None,
            high: None,
            average: Some(d("0.10")),
            source: "x".into(),
            taxpayer_type: None,
        };
        assert_eq!(against(d("0.115"), &avg).1, Status::Ok);
        assert_eq!(against(d("0.125"), &avg).1, Status::Attention);
        assert_eq!(against(d("0.131"), &avg).1, Status::High);
    }

    #[test]
    fn bad_figures_are_named() {
        let e = Request::parse(
            &json!({"industry": "zz9", "taxpayer_type": "individual", "current": {"revenue": "-1", "total_profit": "-5", "loss_years": 1.5, "foo": 1}, "base": 3}),
        );
        let fields: Vec<_> = e
            .unwrap_err()
            .iter()
            .map(|e| (e.field.clone(), e.code.as_str()))
            .collect();
        assert_eq!(
            fields,
            [
                ("industry".to_string(), "invalid_choice"),
                ("taxpayer_type".into(), "invalid_choice"),
                ("current.revenue".into(), "negative_amount"),
                ("current.loss_years".into(), "wrong_type"),
                ("current.foo".into(), "unknown_field"),
                ("base".into(), "wrong_type"),
            ]
        );
    }
}
