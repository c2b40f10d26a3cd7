//! Around the self-check form: the CSV import (with its template), saving for a signed-in
//! taxpayer and the list of earlier self-checks, and the printable report.
use leptos::prelude::*;
use serde_json::{Map, Value};

use crate::{
    components::FieldProblem,
    i18n::{t_args, tr, Lang},
    portal::SavedSelfCheck,
};

/// The CSV import's problems, sent back by the server in `csv_errors` as
/// `[[row, column, code, value], …]`, each linking to the file input.
pub fn csv_problems(lang: Lang, raw: Option<String>) -> Vec<FieldProblem> {
    let list: Vec<Value> = raw
        .and_then(|r| serde_json::from_str(&r).ok())
        .unwrap_or_default();
    list.iter()
        .map(|e| {
            let s = |i: usize| match e.get(i) {
                Some(Value::String(t)) => t.clone(),
                Some(Value::Number(n)) => n.to_string(),
                _ => String::new(),
            };
            let what = tr(&format!("selfcheck-csv-error-{}", s(2)));
            let message = if s(0) == "0" || s(0).is_empty() {
                what
            } else {
                t_args(
                    lang,
                    "selfcheck-csv-error-at",
                    &[
                        ("row", s(0)),
                        ("column", s(1)),
                        ("value", s(3)),
                        ("problem", what),
                    ],
                )
            };
            FieldProblem {
                dom_id: "csv".into(),
                message,
            }
        })
        .collect()
}

/// The import part of the form: a file input, the template, the import button.
#[component]
pub fn CsvImport(errors: Vec<FieldProblem>) -> impl IntoView {
    let invalid = !errors.is_empty();
    view! {
        <fieldset class="fieldset no-print" id="csv-import">
            <legend class="heading-m">{tr("selfcheck-csv-title")}</legend>
            <div class="form-group" class:form-group--error=invalid>
                <label class="label" for="csv">{tr("selfcheck-csv-label")}</label>
                <div class="hint" id="csv-hint">
                    {tr("selfcheck-csv-hint")}" "
                    <a href="/self-check/template.csv" rel="external" download="banshui-self-check-template.csv">{tr("selfcheck-csv-template")}</a>
                </div>
                {invalid.then(|| view! {
                    <ul class="error-message" id="csv-error" data-testid="csv-errors">
                        {errors.into_iter().map(|p| view! { <li>{p.message}</li> }).collect_view()}
                    </ul>
                })}
                <input class="file-upload" type="file" id="csv" name="csv" accept=".csv,text/csv"
                    aria-describedby=if invalid { "csv-hint csv-error" } else { "csv-hint" }/>
            </div>
            <button type="submit" class="button button--secondary" formaction="/self-check/import" formmethod="post"
                formenctype="multipart/form-data" data-testid="csv-import">{tr("selfcheck-csv-import")}</button>
        </fieldset>
    }
}

/// Saving (signed in) or the invitation to sign in, inside the form.
#[component]
pub fn SaveControls(signed_in: bool) -> impl IntoView {
    if !signed_in {
        return view! {
            <p class="no-print">
                <a href="/sign-in?next=/self-check" rel="external">{tr("selfcheck-sign-in-to-save")}</a>
            </p>
        }
        .into_any();
    }
    view! {
        <div class="no-print selfcheck__save">
            <div class="form-group">
                <label class="label" for="label">{tr("selfcheck-save-label")}</label>
                <div class="hint" id="label-hint">{tr("selfcheck-save-label-hint")}</div>
                <input class="input input--short" type="text" id="label" name="label" maxlength="100"
                    aria-describedby="label-hint" autocomplete="off"/>
            </div>
            <button type="submit" class="button button--secondary" formaction="/self-check/save" formmethod="post"
                data-testid="selfcheck-save">{tr("selfcheck-save")}</button>
        </div>
    }
    .into_any()
}

/// The signed-in taxpayer's earlier self-checks, newest first.
#[component]
pub fn SavedList(list: Vec<SavedSelfCheck>, lang: Lang) -> impl IntoView {
    view! {
        <section class="no-print" aria-labelledby="saved-title" id="saved">
            <h2 class="heading-l" id="saved-title">{tr("selfcheck-saved-title")}</h2>
            {if list.is_empty() {
                view! { <p>{tr("selfcheck-saved-none")}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrapper">
                        <table class="table" data-testid="saved-self-checks">
                            <caption class="visually-hidden">{tr("selfcheck-saved-title")}</caption>
                            <thead><tr>
                                <th scope="col">{tr("selfcheck-saved-col-when")}</th>
                                <th scope="col">{tr("selfcheck-saved-col-label")}</th>
                                <th scope="col">{tr("selfcheck-industry")}</th>
                                <th scope="col" class="num">{tr("selfcheck-saved-col-flagged")}</th>
                                <th scope="col"><span class="visually-hidden">{tr("selfcheck-saved-col-open")}</span></th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|s| {
                                    let when = s.created_at.replace('T', " ").replace('Z', " UTC");
                                    let name = if s.label.is_empty() { when.clone() } else { s.label.clone() };
                                    view! {
                                        <tr>
                                            <td>{when}</td>
                                            <td>{s.label.clone()}</td>
                                            <td>{s.industry.clone()}</td>
                                            <td class="num">{s.flagged}</td>
                                            <td><a href=format!("/self-check?{}", s.query) rel="external">
                                                {t_args(lang, "selfcheck-saved-open", &[("name", name)])}
                                            </a></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

/// The figures the report was computed from (shown when printing, where inputs are hidden).
#[component]
pub fn PrintedFigures(values: Map<String, Value>, labels: Vec<(String, String)>) -> impl IntoView {
    let rows: Vec<(String, String)> = labels
        .into_iter()
        .filter_map(|(name, label)| {
            values
                .get(&name)
                .and_then(Value::as_str)
                .filter(|v| !v.trim().is_empty())
                .map(|v| (label, v.to_string()))
        })
        .collect();
    view! {
        <section class="print-only" aria-labelledby="printed-figures-title">
            <h2 class="heading-m" id="printed-figures-title">{tr("selfcheck-report-figures")}</h2>
            <dl class="summary-list">
                {rows.into_iter().map(|(k, v)| view! {
                    <div class="summary-list__row"><dt class="summary-list__key">{k}</dt><dd class="summary-list__value">{v}</dd></div>
                }).collect_view()}
            </dl>
        </section>
    }
}

/// "Print the report": the browser's print dialog, with the print stylesheet.
#[component]
pub fn PrintButton() -> impl IntoView {
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <button type="button" class="button button--secondary no-print" on:click=print data-testid="selfcheck-print">
            {tr("selfcheck-print")}
        </button>
    }
}
