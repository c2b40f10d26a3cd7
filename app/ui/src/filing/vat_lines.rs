//! The VAT return's sales lines on the check page: each line's rate, invoice type, sales and
//! VAT, and whether it is exempt and why (below the threshold; a 专票 line or real estate taxed
//! even so; the threshold reached, so everything is taxed).
use banshui_engine::calculation::Calculation;
use leptos::prelude::*;
use serde_json::Value;

use crate::{
    components::format::group_thousands,
    i18n::{t_args, tr},
    Lang,
};

fn rate_key(rate: &str) -> Option<&'static str> {
    match rate {
        "0.01" => Some("vat-rate-1"),
        "0.03" => Some("vat-rate-3"),
        "0.02" => Some("vat-rate-2"),
        "0.05" => Some("vat-rate-5"),
        "0.015" => Some("vat-rate-1_5"),
        _ => None,
    }
}

/// Why a line is exempt or taxed, as the message key.
fn reason_key(exempt: bool, invoice: &str, rate: &str, any_exempt: bool) -> &'static str {
    match (exempt, invoice, rate) {
        (true, _, _) => "check-vat-line-exempt",
        (false, "special", _) if any_exempt => "check-vat-line-taxed-special",
        (false, _, "0.05") if any_exempt => "check-vat-line-taxed-real-estate",
        _ => "check-vat-line-taxed",
    }
}

#[component]
pub fn VatLines(calc: Calculation, lang: Lang) -> impl IntoView {
    let text = |v: &Value, key: &str| {
        v.get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let threshold = group_thousands(&text(&Value::Object(calc.result.clone()), "threshold"));
    let lines: Vec<Value> = calc
        .result
        .get("sales_lines")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let any_exempt = lines
        .iter()
        .any(|l| l.get("exempt").and_then(Value::as_bool) == Some(true));
    let rows = lines
        .iter()
        .map(|l| {
            let (rate, invoice) = (text(l, "rate"), text(l, "invoice"));
            let exempt = l.get("exempt").and_then(Value::as_bool) == Some(true);
            let reason = t_args(
                lang,
                reason_key(exempt, &invoice, &rate, any_exempt),
                &[("threshold", threshold.clone())],
            );
            let (tag, status) = if exempt {
                ("tag tag--green", tr("check-vat-exempt"))
            } else {
                ("tag", tr("check-vat-taxed"))
            };
            view! {
                <tr data-exempt=exempt.to_string()>
                    <th scope="row">{rate_key(&rate).map(tr).unwrap_or(rate.clone())}</th>
                    <td>{tr(&format!("vat-invoice-{invoice}"))}</td>
                    <td class="num">{group_thousands(&text(l, "sales"))}</td>
                    <td class="num">{group_thousands(&text(l, "vat"))}</td>
                    <td><strong class=tag>{status}</strong>" "{reason}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrapper">
            <table class="table" data-testid="vat-lines">
                <caption class="heading-m">{tr("check-vat-lines-title")}</caption>
                <thead><tr>
                    <th scope="col">{tr("check-vat-col-rate")}</th>
                    <th scope="col">{tr("check-vat-col-invoice")}</th>
                    <th scope="col" class="num">{tr("check-vat-col-sales")}</th>
                    <th scope="col" class="num">{tr("check-vat-col-vat")}</th>
                    <th scope="col">{tr("check-vat-col-status")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
