//! An indicator's value against its industry band, as an SVG with a text alternative and the
//! same numbers in a table.
use banshui_engine::self_check::Benchmark;
use leptos::prelude::*;
use rust_decimal::{prelude::ToPrimitive, Decimal};

use super::shown;
use crate::{
    i18n::{t_args, tr},
    Lang,
};

const WIDTH: f64 = 320.0;

#[component]
pub fn BandChart(
    code: &'static str,
    value: Decimal,
    benchmark: Benchmark,
    lang: Lang,
) -> impl IntoView {
    let top = [Some(value), benchmark.high, benchmark.average]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(Decimal::ONE)
        .max(Decimal::new(1, 4));
    let scale = top.to_f64().unwrap_or(1.0) * 1.25;
    let x = |d: Decimal| (d.to_f64().unwrap_or(0.0).max(0.0) / scale * WIDTH).clamp(0.0, WIDTH);
    let dash = "—".to_string();
    let fmt = |d: Option<Decimal>| d.map(|d| shown(code, d)).unwrap_or_else(|| dash.clone());
    let alt = t_args(
        lang,
        "selfcheck-chart-alt",
        &[
            ("value", shown(code, value)),
            ("low", fmt(benchmark.low)),
            ("high", fmt(benchmark.high)),
            ("average", fmt(benchmark.average)),
        ],
    );
    let title_id = format!("chart-{code}-title");
    let labelled_by = title_id.clone();
    let band = benchmark
        .low
        .zip(benchmark.high)
        .map(|(l, h)| (x(l), (x(h) - x(l)).max(1.0)));
    view! {
        <figure class="chart">
            <svg viewBox="0 0 320 44" width="100%" role="img" aria-labelledby=labelled_by class="chart__svg">
                <title id=title_id>{alt}</title>
                <line x1="0" y1="30" x2="320" y2="30" class="chart__axis"/>
                {band.map(|(bx, bw)| view! { <rect x=bx y="18" width=bw height="24" class="chart__band"/> })}
                {benchmark.average.map(|a| view! { <line x1=x(a) x2=x(a) y1="14" y2="44" class="chart__average"/> })}
                <circle cx=x(value) cy="30" r="7" class="chart__value"/>
            </svg>
            <table class="chart__table">
                <caption class="visually-hidden">{tr("selfcheck-chart-table")}</caption>
                <thead><tr>
                    <th scope="col">{tr("selfcheck-your-value")}</th>
                    <th scope="col">{tr("selfcheck-band-low")}</th>
                    <th scope="col">{tr("selfcheck-band-high")}</th>
                    <th scope="col">{tr("selfcheck-band-average")}</th>
                </tr></thead>
                <tbody><tr>
                    <td>{shown(code, value)}</td>
                    <td>{fmt(benchmark.low)}</td>
                    <td>{fmt(benchmark.high)}</td>
                    <td>{fmt(benchmark.average)}</td>
                </tr></tbody>
            </table>
            <figcaption class="caption">{tr("selfcheck-source")}" "{benchmark.source.clone()}</figcaption>
        </figure>
    }
}
