//! 行业参考值 (industry benchmarks for the self-check): every staff member reads them;
//! publishers add and change them (each change is a new version, audited).
use banshui_engine::self_check::{TaxpayerType, CODES};
use leptos::prelude::*;
use leptos_meta::Title;

use super::{outcome, FormErrors};
use crate::{
    components::{ErrorSummary, SelectField, TextField},
    i18n::{tr, use_lang},
    portal::{BenchmarkItem, BenchmarksPage, FormStash},
    self_check::{name_key, taxpayer_type_key},
};

/// The form's fields, named as the API paths they fill.
const FIELDS: [(&str, &str); 12] = [
    ("industry", "industry"),
    ("industry_name_zh", "industry_name.zh-CN"),
    ("industry_name_en", "industry_name.en"),
    ("indicator", "indicator"),
    ("taxpayer_type", "taxpayer_type"),
    ("average", "average"),
    ("tolerance", "tolerance"),
    ("low", "low"),
    ("high", "high"),
    ("source", "source"),
    ("effective_from", "effective_from"),
    ("effective_to", "effective_to"),
];

fn dom_id(path: &str) -> &'static str {
    FIELDS
        .iter()
        .find(|(_, p)| *p == path)
        .map_or("industry", |(id, _)| id)
}

/// The form's value for an input: what was typed before a refusal, else the benchmark
/// opened for editing.
fn shown(id: &str, editing: Option<&BenchmarkItem>, stash: Option<&FormStash>) -> String {
    if let Some(s) = stash {
        return s.get(id).to_string();
    }
    let Some(b) = editing else {
        return String::new();
    };
    let text = |d: &Option<String>| d.clone().unwrap_or_default();
    match id {
        "industry" => b.industry.clone(),
        "industry_name_zh" => b.industry_name.zh.clone(),
        "industry_name_en" => b.industry_name.en.clone(),
        "indicator" => b.indicator.clone(),
        "taxpayer_type" => text(&b.taxpayer_type),
        "average" => text(&b.average),
        "tolerance" => text(&b.tolerance),
        "low" => text(&b.low),
        "high" => text(&b.high),
        "source" => b.source.clone(),
        "indicative" if b.indicative => "true".to_string(),
        "effective_from" => b.effective_from.clone(),
        "effective_to" => text(&b.effective_to),
        _ => String::new(),
    }
}

#[component]
pub fn Benchmarks(page: BenchmarksPage) -> impl IntoView {
    let BenchmarksPage {
        items,
        editing,
        stash,
        can_edit,
    } = page;
    let (errors, done) = outcome();
    let lang = use_lang();
    let form_errors = FormErrors::new(&errors, dom_id);
    let problems = form_errors.problems();
    let error_of = |id: &str| form_errors.of(id);
    let has_errors = !problems.is_empty();
    let value = |id: &str| shown(id, editing.as_ref(), stash.as_ref());
    let action = match &editing {
        Some(b) => format!("/staff/benchmarks/{}", b.id),
        None => "/staff/benchmarks".to_string(),
    };
    let heading = if editing.is_some() {
        tr("staff-benchmark-edit")
    } else {
        tr("staff-benchmarks")
    };
    let title = if has_errors {
        format!("{}{}", tr("error-title-prefix"), heading)
    } else {
        heading.clone()
    };
    let indicators: Vec<(String, String)> = CODES
        .iter()
        .map(|c| (c.to_string(), tr(&name_key(c))))
        .collect();
    let indicative = value("indicative") == "true";
    let taxpayer_types: Vec<(String, String)> =
        std::iter::once((String::new(), tr("staff-benchmark-taxpayer-type-any")))
            .chain(
                TaxpayerType::ALL
                    .into_iter()
                    .map(|t| (t.as_str().to_string(), tr(taxpayer_type_key(t)))),
            )
            .collect();
    let form = can_edit.then(|| view! {
        <h2 class="heading-l" id="benchmark-form-title">{if editing.is_some() { tr("staff-benchmark-edit") } else { tr("staff-benchmark-new") }}</h2>
        <form method="post" action=action novalidate aria-labelledby="benchmark-form-title" data-testid="benchmark-form">
            <TextField id="industry" label=tr("selfcheck-industry") hint=tr("selfcheck-industry-hint") error=Signal::stored(error_of("industry")) value=value("industry")/>
            <TextField id="industry_name_zh" label=tr("staff-benchmark-name-zh") error=Signal::stored(error_of("industry_name_zh")) value=value("industry_name_zh")/>
            <TextField id="industry_name_en" label=tr("staff-benchmark-name-en") error=Signal::stored(error_of("industry_name_en")) value=value("industry_name_en")/>
            <SelectField id="indicator" label=tr("staff-benchmark-indicator") options=indicators selected=value("indicator") error=error_of("indicator")/>
            <SelectField id="taxpayer_type" label=tr("staff-benchmark-taxpayer-type") hint=tr("staff-benchmark-taxpayer-type-hint") options=taxpayer_types selected=value("taxpayer_type") error=error_of("taxpayer_type")/>
            {view! { <TextField id="average" label=tr("staff-benchmark-average") hint=tr("staff-benchmark-ratio-hint") error=Signal::stored(error_of("average")) value=value("average")/>
            <TextField id="tolerance" label=tr("staff-benchmark-tolerance") hint=tr("staff-benchmark-tolerance-hint") error=Signal::stored(error_of("tolerance")) value=value("tolerance")/>
            <TextField id="low" label=tr("staff-benchmark-low") error=Signal::stored(error_of("low")) value=value("low")/>
            <TextField id="high" label=tr("staff-benchmark-high") error=Signal::stored(error_of("high")) value=value("high")/>
            <TextField id="source" label=tr("staff-benchmark-source") error=Signal::stored(error_of("source")) value=value("source")/>
            <div class="form-group">
                <div class="checkboxes__item">
                    <input class="checkboxes__input" type="checkbox" id="indicative" name="indicative" value="true" checked=indicative/>
                    <label class="label checkboxes__label" for="indicative">{tr("staff-benchmark-indicative")}</label>
                </div>
            </div>
            <TextField id="effective_from" label=tr("staff-effective-from") hint=tr("staff-date-hint") error=Signal::stored(error_of("effective_from")) value=value("effective_from")/>
            <TextField id="effective_to" label=tr("staff-effective-to") hint=tr("staff-effective-to-hint") error=Signal::stored(error_of("effective_to")) value=value("effective_to")/> }.into_any()}
            <button type="submit" class="button" data-testid="benchmark-save">{tr("staff-benchmark-save")}</button>
        </form>
    }.into_any());
    let table = view! {
        <div class="table-wrapper">
            <table class="table" data-testid="benchmarks">
                <caption class="visually-hidden">{tr("staff-benchmarks")}</caption>
                <thead><tr>
                    <th scope="col">{tr("selfcheck-industry")}</th>
                    <th scope="col">{tr("staff-benchmark-indicator")}</th>
                    <th scope="col">{tr("staff-benchmark-taxpayer-type")}</th>
                    <th scope="col" class="num">{tr("staff-benchmark-average")}</th>
                    <th scope="col" class="num">{tr("staff-benchmark-band")}</th>
                    <th scope="col">{tr("staff-benchmark-source")}</th>
                    <th scope="col">{tr("staff-benchmark-effective")}</th>
                    <th scope="col" class="num">{tr("staff-benchmark-version")}</th>
                </tr></thead>
                <tbody>
                    {items.into_iter().map(|b| {
                        let band = match (&b.low, &b.high, &b.tolerance) {
                            (None, None, Some(t)) => format!("± {t}"),
                            (None, None, None) => "—".to_string(),
                            (l, h, _) => format!("{} – {}", l.as_deref().unwrap_or(""), h.as_deref().unwrap_or("")),
                        };
                        let industry = format!("{} {}", b.industry, b.industry_name.get(lang));
                        let href = format!("/staff/benchmarks/{}", b.id);
                        let indicator = tr(&name_key(&b.indicator));
                        let taxpayers = match b.taxpayer_type.as_deref().and_then(TaxpayerType::parse) {
                            Some(t) => tr(taxpayer_type_key(t)),
                            None => tr("staff-benchmark-taxpayer-type-any"),
                        };
                        view! {
                            <tr>
                                <td>{if can_edit { view! { <a href=href rel="external">{industry}</a> }.into_any() } else { view! { <span>{industry}</span> }.into_any() }}</td>
                                <td>{indicator}</td>
                                <td>{taxpayers}</td>
                                <td class="num">{b.average.clone().unwrap_or_default()}</td>
                                <td class="num">{band}</td>
                                <td>{b.source.clone()}</td>
                                <td>{b.effective_from.clone()}" – "{b.effective_to.clone().unwrap_or_default()}</td>
                                <td class="num">{b.version}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any();
    view! {
        <Title text=title/>
        <ErrorSummary problems=Signal::stored(problems) focus_on_load=has_errors/>
        <h1 class="heading-xl">{heading}</h1>
        {(done == "saved").then(|| view! {
            <div class="notification-banner notification-banner--success" role="status"><p>{tr("staff-benchmark-saved")}</p></div>
        })}
        <p>{tr("staff-benchmarks-intro")}</p>
        {(!can_edit).then(|| view! { <p class="hint">{tr("staff-benchmarks-read-only")}</p> })}
        {table}
        {form}
    }
}
