//! One calculator page: the questions on one side, the live result on the other.
use banshui_engine::{
    calculation::{calculate, Kind},
    filing::interview::{
        fields::{fields, STAMP_ROWS},
        form::{initial_values, to_input, Values},
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    hooks::{use_params_map, use_query_map},
    lazy_route, LazyRoute,
};

use super::{
    dom_id, field_errors, field_view::FieldView, problems, result_panel::ResultPanel, summary_key,
    title_key,
};
use crate::{
    components::ErrorSummary,
    i18n::{tr, use_lang},
    pages::NotFound,
};

/// The calculator pages are a lazy route: their code (the engine included) is split into its own
/// WASM chunk, loaded only when a calculator is opened, so other pages stay light.
#[derive(Clone, Copy, Debug)]
pub struct CalculatorRoute;

#[lazy_route]
impl LazyRoute for CalculatorRoute {
    fn data() -> Self {
        CalculatorRoute
    }

    fn view(this: Self) -> AnyView {
        let _ = this;
        view! { <CalculatorPage/> }.into_any()
    }
}

#[component]
fn CalculatorPage() -> impl IntoView {
    let params = use_params_map();
    let slug = params.with_untracked(|p| p.get("kind").unwrap_or_default());
    match Kind::from_slug(&slug) {
        Some(kind) => view! { <Calculator kind/> }.into_any(),
        None => view! { <NotFound/> }.into_any(),
    }
}

#[component]
fn Calculator(kind: Kind) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    // A query string means the form was submitted (the no-JavaScript path): show problems at once.
    let submitted = query.with_untracked(|q| q.into_iter().next().is_some());
    let values = RwSignal::new(initial_values(kind, |path| {
        query.with_untracked(|q| q.get(path))
    }));
    let touched = RwSignal::new(submitted);
    // The engine, in the browser as in the server: recomputed on every change.
    let outcome = Memo::new(move |_| values.with(|v| calculate(kind, &to_input(kind, v))));
    let errors = Signal::derive(move || {
        if !touched.get() {
            return Vec::new();
        }
        outcome.with(|o| {
            o.as_ref()
                .err()
                .map(|e| problems(lang, e))
                .unwrap_or_default()
        })
    });
    let field_error = field_errors(outcome, touched, lang);
    // Set once the page is interactive in the browser (tests and scripts can wait for it).
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let title = tr(&title_key(kind));
    let page_title = if submitted && errors.with_untracked(|e| !e.is_empty()) {
        format!("{}{title}", tr("error-title-prefix"))
    } else {
        title.clone()
    };

    view! {
        <Title text=page_title/>
        <p class="caption"><a href="/calculators">{tr("section-calculators-title")}</a></p>
        <h1 class="heading-xl">{title}</h1>
        <p class="lead">{tr(&summary_key(kind))}</p>
        <ErrorSummary problems=errors focus_on_load=submitted/>
        <div class="calculator" data-hydrated=move || hydrated.get().then_some("true")>
            <form class="calculator__form" method="get" action=format!("/calculators/{}", kind.slug()) novalidate>
                {fields(kind).iter().map(|field| view! {
                    <FieldView field=*field values touched error=field_error(field.path.to_string())/>
                }).collect_view()}
                {(kind == Kind::StampDuty).then(|| view! { <StampRows values touched field_error/> })}
                <button type="submit" class="button">{tr("calc-submit")}</button>
                // On a phone the result is below the questions: this bar keeps the headline in view
                // while typing. Hidden from assistive technology (the result region announces it).
                <p class="calculator__sticky" aria-hidden="true" data-testid="sticky-headline">
                    {move || match outcome.get() {
                        Ok(calc) => super::result_panel::headline(lang, kind, &calc),
                        Err(_) => tr("result-fix-errors"),
                    }}
                </p>
            </form>
            <section class="calculator__result" aria-labelledby="result-title">
                <h2 class="heading-l" id="result-title">{tr("result-title")}</h2>
                <div aria-live="polite" data-testid="result">
                    {move || match outcome.get() {
                        Ok(calc) => view! { <ResultPanel kind calc/> }.into_any(),
                        Err(_) => view! { <p class="hint">{tr("result-fix-errors")}</p> }.into_any(),
                    }}
                </div>
            </section>
        </div>
    }
}

/// Stamp duty: each row is a contract type and its amount.
#[component]
pub(crate) fn StampRows<F>(
    values: RwSignal<Values>,
    touched: RwSignal<bool>,
    field_error: F,
) -> impl IntoView
where
    F: Fn(String) -> Signal<Option<String>> + Copy + Send + Sync + 'static,
{
    let lang = use_lang();
    (0..STAMP_ROWS)
        .map(|i| {
            let item_path = format!("items[{i}].item");
            let amount_path = format!("items[{i}].amount");
            let initial_item = values.with_untracked(|v| v.get(&item_path).cloned().unwrap_or_default());
            let initial_amount = values.with_untracked(|v| v.get(&amount_path).cloned().unwrap_or_default());
            let (item_id, amount_id) = (dom_id(&item_path), dom_id(&amount_path));
            let error = field_error(amount_path.clone());
            let item_error = field_error(item_path.clone());
            let (ip, ap) = (item_path.clone(), amount_path.clone());
            let set_item = move |value: String| {
                values.update(|v| {
                    v.insert(ip.clone(), value);
                });
                touched.set(true);
            };
            let set_amount = move |value: String| {
                values.update(|v| {
                    v.insert(ap.clone(), value);
                });
                touched.set(true);
            };
            let error_id = format!("{amount_id}-error");
            let legend = crate::i18n::t_args(lang, "stamp-row-legend", &[("n", (i + 1).to_string())]);
            view! {
                <fieldset class="fieldset form-group" class:form-group--error=move || error.with(Option::is_some) || item_error.with(Option::is_some)>
                    <legend class="fieldset__legend">{legend}</legend>
                    <label class="label" for=item_id.clone()>{tr("field-stamp_item")}</label>
                    {move || item_error.get().map(|e| view! { <p class="error-message">{e}</p> })}
                    <select class="select" id=item_id name=item_path on:change=move |ev| set_item(event_target_value(&ev))>
                        {(i > 0).then(|| view! { <option value="" selected=initial_item.is_empty()>{tr("stamp-row-none")}</option> })}
                        {banshui_engine::kinds::stamp_duty::ITEMS.iter().map(|(item, _)| {
                            let selected = initial_item == *item;
                            view! { <option value=*item selected=selected>{tr(&format!("line-{item}"))}</option> }
                        }).collect_view()}
                    </select>
                    <label class="label" for=amount_id.clone()>{tr("field-stamp_amount")}</label>
                    {move || error.get().map(|e| view! { <p class="error-message" id=error_id.clone()>{e}</p> })}
                    <input class="input input--money" type="text" inputmode="decimal" autocomplete="off"
                        id=amount_id name=amount_path value=initial_amount
                        aria-invalid=move || error.with(Option::is_some).then_some("true")
                        on:input=move |ev| set_amount(event_target_value(&ev))/>
                </fieldset>
            }
        })
        .collect_view()
}
