//! The live result: the headline figure, the explanation lines with their legal basis (each
//! linking to its guidance topic) and the warnings.
use banshui_engine::calculation::{Calculation, Kind};
use leptos::prelude::*;

use crate::{
    components::{format::group_thousands, Explanation, ExplanationLine},
    i18n::{t, t_args, use_lang, Lang},
};

fn result_str(calc: &Calculation, key: &str) -> String {
    calc.result
        .get(key)
        .and_then(|v| v.as_str())
        .unwrap_or("0.00")
        .to_string()
}

/// The one sentence a person wants first.
pub fn headline(lang: Lang, kind: Kind, calc: &Calculation) -> String {
    let money = |key: &str| group_thousands(&result_str(calc, key));
    match kind {
        Kind::IitAnnual => {
            let outcome = result_str(calc, "outcome");
            let balance = result_str(calc, "balance");
            let amount = group_thousands(balance.trim_start_matches('-'));
            t_args(lang, &format!("outcome-{outcome}"), &[("amount", amount)])
        }
        Kind::IitBusiness => t_args(lang, "headline-balance", &[("amount", money("balance"))]),
        Kind::VatSmallScale => t_args(
            lang,
            "headline-total-due",
            &[("amount", money("total_due"))],
        ),
        Kind::CitPrepayment | Kind::IitBusinessPrepayment => {
            t_args(lang, "headline-payable", &[("amount", money("payable"))])
        }
        Kind::StampDuty => t_args(lang, "headline-stamp-total", &[("amount", money("total"))]),
    }
}

/// With an annual bonus: both totals side by side and which one is used, in plain words.
pub fn bonus_comparison(lang: Lang, calc: &Calculation) -> Option<String> {
    let cmp = calc.result.get("bonus_comparison")?;
    let separate = cmp.get("separate")?.as_str()?;
    let merged = cmp.get("merged")?.as_str()?;
    let used = calc.result.get("bonus_method")?.as_str()?;
    let (a, b) = (
        separate.parse::<rust_decimal::Decimal>().ok()?,
        merged.parse::<rust_decimal::Decimal>().ok()?,
    );
    let saving = group_thousands(&format!("{:.2}", (a - b).abs()));
    Some(t_args(
        lang,
        &format!("bonus-comparison-{used}"),
        &[
            ("separate", group_thousands(separate)),
            ("merged", group_thousands(merged)),
            ("amount", saving),
        ],
    ))
}

#[component]
pub fn ResultPanel(kind: Kind, calc: Calculation) -> impl IntoView {
    let lang = use_lang();
    let lines = calc
        .lines
        .iter()
        .map(|line| ExplanationLine {
            label: t(lang, &format!("line-{}", line.key)),
            amount: group_thousands(&line.amount.to_string()),
            basis: t(lang, line.basis.0),
            topic: line.topic.to_string(),
        })
        .collect();
    let warnings = calc
        .warnings
        .iter()
        .map(|w| t_args(lang, &w.fluent_key(), &w.args))
        .collect();
    let comparison = bonus_comparison(lang, &calc).map(
        |text| view! { <p class="result__comparison" data-testid="bonus-comparison">{text}</p> },
    );
    view! {
        <p class="result__headline" data-testid="result-headline">{headline(lang, kind, &calc)}</p>
        {comparison}
        <Explanation warnings lines/>
    }
}
