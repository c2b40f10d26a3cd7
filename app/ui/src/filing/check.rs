//! Check your answers: every answer with a change link, the computed return with its legal
//! basis, for a correction the field-by-field differences and the change in tax, the
//! declaration and the submit button.
use banshui_engine::{
    calculation::{calculate, Kind},
    filing::{
        interview::{
            fields::{Field, Input, STAMP_ROWS},
            form::Values,
            steps::{field, step_of, steps},
            values::from_data,
        },
        settlement,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{
    indicators::ReturnIndicators,
    step::{draft_values, ReturnCaption},
    vat_lines::VatLines,
};
use crate::{
    account::decode_errors,
    calculators::{error_message, result_panel::ResultPanel},
    components::format::group_thousands,
    i18n::{t_args, tr, use_lang},
    portal::DraftPage,
};

/// How an answer reads on the check page.
fn shown(f: &Field, raw: &str) -> String {
    match f.input {
        Input::Money if raw.trim().is_empty() => tr("answer-none"),
        Input::Money => raw.to_string(),
        Input::YesNo(_) => tr(if raw == "true" {
            "answer-yes"
        } else {
            "answer-no"
        }),
        Input::Radios(options) | Input::Select(options) => options
            .iter()
            .find(|(v, _)| *v == raw)
            .map(|(_, label)| {
                if label.contains('-') {
                    tr(label)
                } else {
                    label.to_string()
                }
            })
            .unwrap_or_else(|| raw.to_string()),
    }
}

fn stamp_rows(values: &Values) -> Vec<(String, String)> {
    (0..STAMP_ROWS)
        .filter_map(|i| {
            let item = values
                .get(&format!("items[{i}].item"))
                .cloned()
                .unwrap_or_default();
            let amount = values
                .get(&format!("items[{i}].amount"))
                .cloned()
                .unwrap_or_default();
            (!item.is_empty() && !amount.is_empty()).then(|| (tr(&format!("line-{item}")), amount))
        })
        .collect()
}

#[component]
pub fn CheckAnswers(kind: Kind, draft: DraftPage) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    // A refused submission comes back with its problems (`errors=field:code:limit,…`).
    let refused: Vec<(String, String)> = query
        .with_untracked(|q| q.get("errors"))
        .map(|e| decode_errors(lang, &e))
        .unwrap_or_default();
    let declaration_missing = query.with_untracked(|q| q.get("declaration")).is_some()
        || refused.iter().any(|(field, _)| field == "declaration");
    let base = format!("/filing/{}/{}", kind.slug(), draft.period);
    let values = draft_values(kind, &draft);
    let computed = calculate(kind, &draft.data);
    let errors = computed.as_ref().err().cloned().unwrap_or_default();
    let last_step = steps(kind).len();
    let title = if declaration_missing || !refused.is_empty() {
        format!("{}{}", tr("error-title-prefix"), tr("check-title"))
    } else {
        tr("check-title")
    };

    let sections = steps(kind)
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let n = i + 1;
            let change = format!("{base}/{n}?return=check");
            let mut rows: Vec<(String, String)> = step
                .paths
                .iter()
                .filter_map(|p| field(kind, p))
                .map(|f| (tr(f.label), shown(&f, values.get(f.path).map(String::as_str).unwrap_or(""))))
                .collect();
            if step.paths.contains(&"items") {
                rows.splice(0..0, stamp_rows(&values));
            }
            view! {
                <h2 class="heading-m">{tr(step.title)}</h2>
                <dl class="summary-list">
                    {rows.into_iter().map(|(k, v)| {
                        let change = change.clone();
                        let hidden = k.clone();
                        view! {
                            <div class="summary-list__row">
                                <dt class="summary-list__key">{k}</dt>
                                <dd class="summary-list__value">{v}</dd>
                                <dd class="summary-list__actions">
                                    <a href=change rel="external">{tr("check-change")}<span class="visually-hidden">" "{hidden}</span></a>
                                </dd>
                            </div>
                        }
                    }).collect_view()}
                </dl>
            }
        })
        .collect_view();

    // A correction: what changed, and what it does to the tax.
    let diff = draft.original.clone().map(|original| {
        let before = from_data(kind, &draft.period, &original.data);
        let changed: Vec<(String, String, String)> = values
            .iter()
            .filter(|(path, now)| before.get(*path).map(String::as_str).unwrap_or("") != now.as_str())
            .map(|(path, now)| {
                let label = field(kind, path).map(|f| tr(f.label)).unwrap_or_else(|| path.clone());
                (label, before.get(path).cloned().unwrap_or_default(), now.clone())
            })
            .collect();
        let new_due = computed.as_ref().ok().map(|c| settlement(kind, c));
        let change_line = new_due.map(|s| {
            let old_net: rust_decimal::Decimal = original.amount_due.parse::<rust_decimal::Decimal>().unwrap_or_default()
                - original.refund_due.parse::<rust_decimal::Decimal>().unwrap_or_default();
            let new_net = s.amount_due.amount() - s.refund_due.amount();
            let delta = (new_net - old_net).round_dp(2);
            // rust_decimal keeps the sign of a zero difference: show 0.00, never -0.00.
            let clean = |d: rust_decimal::Decimal| if d.is_zero() { rust_decimal::Decimal::ZERO } else { d };
            let (old_net, new_net, delta) = (clean(old_net), clean(new_net), clean(delta));
            t_args(lang, "correct-tax-change", &[
                ("before", group_thousands(&format!("{old_net:.2}"))),
                ("after", group_thousands(&format!("{new_net:.2}"))),
                ("delta", group_thousands(&format!("{delta:+.2}"))),
            ])
        });
        view! {
            <h2 class="heading-m">{tr("correct-diff-title")}</h2>
            <p>{t_args(lang, "correcting-banner", &[("receipt", original.receipt_number.clone())])}</p>
            {if changed.is_empty() {
                view! { <p data-testid="diff-none">{tr("correct-no-changes")}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrapper">
                        <table class="table" data-testid="diff">
                            <caption class="visually-hidden">{tr("correct-diff-title")}</caption>
                            <thead><tr>
                                <th scope="col">{tr("correct-col-field")}</th>
                                <th scope="col" class="num">{tr("correct-col-filed")}</th>
                                <th scope="col" class="num">{tr("correct-col-now")}</th>
                            </tr></thead>
                            <tbody>
                                {changed.into_iter().map(|(l, b, a)| view! {
                                    <tr><th scope="row">{l}</th><td class="num">{b}</td><td class="num">{a}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            {change_line.map(|c| view! { <p class="lead" data-testid="tax-change">{c}</p> })}
        }
    });

    let problems = errors
        .iter()
        .map(|e| {
            let n = step_of(kind, &e.field).unwrap_or(1);
            let anchor = crate::calculators::dom_id_for_error(&e.field);
            (
                format!("{base}/{n}?return=check#{anchor}"),
                error_message(lang, e),
            )
        })
        .collect::<Vec<_>>();
    let blocked = !problems.is_empty();
    // The submission's own problems link to their field on this page (the declaration, an
    // explanation's box), or to the submit form.
    let refusals: Vec<(String, String)> = refused
        .into_iter()
        .filter(|(field, _)| field != "declaration")
        .map(|(field, message)| {
            let anchor = match field.strip_prefix("explanation.") {
                Some(code) => format!("#explanation-{}", code.replace('_', "-")),
                None => "#submit-form".to_string(),
            };
            (anchor, message)
        })
        .collect();
    let summary_focus = declaration_missing || !refusals.is_empty();
    let indicators = computed
        .as_ref()
        .ok()
        .map(|calc| view! { <ReturnIndicators kind draft=draft.clone() calc=calc.clone() lang/> });
    view! {
        <Title text=title/>
        <a href=format!("{base}/{last_step}") class="back-link" rel="external">{tr("back")}</a>
        {(blocked || declaration_missing || !refusals.is_empty()).then(|| view! {
            <div class="error-summary" tabindex="-1" autofocus=summary_focus aria-labelledby="error-summary-title" data-testid="error-summary">
                <h2 class="error-summary__title" id="error-summary-title">{tr("error-summary-title")}</h2>
                <ul class="error-summary__list">
                    {problems.iter().map(|(href, m)| view! { <li><a href=href.clone() rel="external">{m.clone()}</a></li> }).collect_view()}
                    {refusals.iter().map(|(href, m)| view! { <li><a href=href.clone() rel="external">{m.clone()}</a></li> }).collect_view()}
                    {declaration_missing.then(|| view! { <li><a href="#declaration" rel="external">{tr("error-declaration-required")}</a></li> })}
                </ul>
            </div>
        })}
        {draft.already_filed.clone().map(|id| view! {
            <div class="notification-banner" role="region" aria-label=tr("status-filed")>
                <p>{tr("error-already-filed")}" "<a href=format!("/filings/{id}") rel="external">{tr("filing-see-filed")}</a></p>
            </div>
        })}
        <ReturnCaption kind period=draft.period.clone()/>
        <h1 class="heading-xl">{tr("check-title")}</h1>
        {sections}
        {diff}
        <h2 class="heading-m">{tr("check-result-title")}</h2>
        {match computed {
            Ok(calc) if kind == Kind::VatSmallScale => view! {
                <VatLines data=draft.data.clone() lang/>
                <div data-testid="result"><ResultPanel kind calc/></div>
            }.into_any(),
            Ok(calc) => view! { <div data-testid="result"><ResultPanel kind calc/></div> }.into_any(),
            Err(_) => view! { <p>{tr("result-fix-errors")}</p> }.into_any(),
        }}
        {(!blocked).then(|| view! {
            <form method="post" action=format!("{base}/submit") novalidate id="submit-form" data-testid="submit-form">
                <input type="hidden" name="idempotency_key" value=draft.idempotency_key.clone()/>
                {indicators}
                <h2 class="heading-m">{tr("check-declaration-title")}</h2>
                <div class="form-group" class:form-group--error=declaration_missing>
                    {declaration_missing.then(|| view! { <p class="error-message" id="declaration-error">{tr("error-declaration-required")}</p> })}
                    <div class="checkboxes__item">
                        <input class="checkboxes__input" type="checkbox" id="declaration" name="declaration" value="true"
                            aria-describedby=declaration_missing.then_some("declaration-error")/>
                        <label class="label checkboxes__label" for="declaration">{tr("check-declaration")}</label>
                    </div>
                </div>
                <button type="submit" class="button" data-testid="submit">{tr("check-submit")}</button>
            </form>
        })}
        {blocked.then(|| view! { <p>{tr("check-fix-first")}</p> })}
    }
}
