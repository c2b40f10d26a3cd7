//! The live result: the headline figure, the explanation lines with their legal basis (each
//! linking to its guidance topic) and the warnings.
use banshui_engine::calculation::{Calculation, Kind};
use leptos::prelude::*;

use crate::{
    components::format::group_thousands,
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
        Kind::CitPrepayment => t_args(lang, "headline-payable", &[("amount", money("payable"))]),
        Kind::StampDuty => t_args(lang, "headline-stamp-total", &[("amount", money("total"))]),
    }
}

#[component]
pub fn ResultPanel(kind: Kind, calc: Calculation) -> impl IntoView {
    let lang = use_lang();
    let lines = calc
        .lines
        .iter()
        .map(|line| {
            let label = t(lang, &format!("line-{}", line.key));
            let basis = t(lang, line.basis.0);
            let amount = group_thousands(&line.amount.to_string());
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    <td class="num">{amount}</td>
                    <td><a href=format!("/guidance#{}", line.topic)>{basis}</a></td>
                </tr>
            }
        })
        .collect_view();
    let warnings = calc
        .warnings
        .iter()
        .map(|w| view! { <li>{t_args(lang, &w.fluent_key(), &w.args)}</li> })
        .collect_view();
    let has_warnings = !calc.warnings.is_empty();
    view! {
        <p class="result__headline" data-testid="result-headline">{headline(lang, kind, &calc)}</p>
        {has_warnings.then(|| view! {
            <div class="inset-text">
                <h3 class="heading-s">{t(lang, "result-warnings-title")}</h3>
                <ul>{warnings}</ul>
            </div>
        })}
        <div class="table-wrapper">
            <table class="table" data-testid="explanation">
                <caption>{t(lang, "result-explanation-caption")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(lang, "result-col-item")}</th>
                        <th scope="col" class="num">{t(lang, "result-col-amount")}</th>
                        <th scope="col">{t(lang, "result-col-basis")}</th>
                    </tr>
                </thead>
                <tbody>{lines}</tbody>
            </table>
        </div>
    }
}
