//! The VAT return's sales lines on the check page: each line's rate, invoice type, sales and
//! VAT, and whether it is exempt and why, as the engine decided it (below the threshold; a 专票
//! or real estate taxed even so; the threshold reached, so everything is taxed).
use banshui_engine::kinds::vat_small_scale::{compute, VatInput};
use leptos::prelude::*;
use serde_json::Value;

use crate::{
    components::format::group_thousands,
    i18n::{t_args, tr},
    Lang,
};

/// The table for a draft's answers; nothing when they do not compute (the page lists the
/// problems instead).
#[component]
pub fn VatLines(data: Value, lang: Lang) -> impl IntoView {
    let result = VatInput::parse(&data).ok().map(|input| compute(&input));
    result.map(|r| {
        let money = |m: banshui_engine::Money| group_thousands(&m.to_string());
        let threshold = money(r.threshold);
        let rows = r
            .sales_lines
            .iter()
            .map(|l| {
                let reason = t_args(
                    lang,
                    &format!("check-vat-line-{}", l.reason.as_str().replace('_', "-")),
                    &[("threshold", threshold.clone())],
                );
                let (tag, status) = if l.exempt {
                    ("tag tag--green", tr("check-vat-exempt"))
                } else {
                    ("tag", tr("check-vat-taxed"))
                };
                view! {
                    <tr data-exempt=l.exempt.to_string() data-reason=l.reason.as_str()>
                        <th scope="row">{tr(&format!("vat-rate-{}", l.rate.tag()))}</th>
                        <td>{tr(&format!("vat-invoice-{}", l.invoice.as_str()))}</td>
                        <td class="num">{money(l.sales)}</td>
                        <td class="num">{money(l.vat)}</td>
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
    })
}
