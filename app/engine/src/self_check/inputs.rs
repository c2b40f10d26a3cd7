//! Which figures each indicator reads, as the self-check page names its fields. A page that
//! leaves a figure blank (rather than typing 0) has not given the indicator anything to work
//! on, so it does not show it: a blank cost of sales is not a 100% gross margin.

/// The fields an indicator needs, as alternatives: every group must have at least one field
/// filled in (`current.inventory_open` or `current.inventory_close`, say).
pub fn inputs_of(code: &str) -> &'static [&'static [&'static str]] {
    match code {
        "vat_burden" => &[&["current.vat_payable"], &["current.revenue"]],
        "vat_burden_change" | "vat_elasticity" => &[
            &["current.vat_payable"],
            &["current.revenue"],
            &["base.vat_payable"],
            &["base.revenue"],
        ],
        "input_output_vat_change" => &[
            &["current.input_vat"],
            &["current.output_vat"],
            &["base.input_vat"],
            &["base.output_vat"],
        ],
        "cit_contribution" => &[&["current.cit_payable"], &["current.revenue"]],
        "cit_burden" => &[&["current.cit_payable"], &["current.total_profit"]],
        "gross_margin" | "cost_ratio" => &[&["current.cost_of_sales"], &["current.revenue"]],
        "expense_ratio" => &[&["current.operating_expenses"], &["current.revenue"]],
        // Average inventory needs both ends: one blank end is not an inventory of 0.
        "inventory_turnover" => &[
            &["current.cost_of_sales"],
            &["current.inventory_open"],
            &["current.inventory_close"],
        ],
        "invoiced_vs_declared" => &[&["current.invoiced_sales"], &["current.revenue"]],
        "zero_filing_streak" => &[&["current.zero_filing_months"]],
        "loss_streak" => &[&["current.loss_years"]],
        "small_low_profit_cliff" => &[&["current.taxable_income", "current.total_profit"]],
        _ => &[],
    }
}

/// Whether an indicator has what it needs, `filled` telling whether a field was filled in.
pub fn has_inputs(code: &str, filled: &dyn Fn(&str) -> bool) -> bool {
    inputs_of(code)
        .iter()
        .all(|group| group.iter().any(|f| filled(f)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::self_check::CODES;

    #[test]
    fn every_indicator_names_its_inputs() {
        for code in CODES {
            assert!(!inputs_of(code).is_empty(), "{code}");
        }
    }

    #[test]
    fn a_blank_cost_of_sales_shows_no_margin() {
        let typed = |f: &str| f == "current.revenue";
        assert!(!has_inputs("gross_margin", &typed));
        let both = |f: &str| matches!(f, "current.revenue" | "current.cost_of_sales");
        assert!(has_inputs("gross_margin", &both));
        // One end of the period's inventory blank: waiting for the other, not computed with 0.
        let one_end = |f: &str| matches!(f, "current.cost_of_sales" | "current.inventory_close");
        assert!(!has_inputs("inventory_turnover", &one_end));
        let both_ends = |f: &str| {
            matches!(
                f,
                "current.cost_of_sales" | "current.inventory_open" | "current.inventory_close"
            )
        };
        assert!(has_inputs("inventory_turnover", &both_ends));
    }
}
