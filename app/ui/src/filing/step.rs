//! One page of the interview (`/filing/{kind}/{period}/{n}`) or the check page
//! (`…/check`). A lazy route: the engine runs here, in its own WASM chunk.
use banshui_engine::{
    calculation::{calculate, Kind},
    filing::{
        interview::{
            fields::STAMP_ROWS,
            form::{to_input, Values},
            steps::{field, step_of, steps, Step},
            values::from_data,
        },
        Period,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    hooks::{use_params_map, use_query_map},
    lazy_route, LazyRoute,
};

use super::{check::CheckAnswers, kind_title, LoadFailed, SignInPrompt};
use crate::{
    calculators::{
        error_message, field_errors, field_view::FieldView, result_panel::ResultPanel, StampRows,
    },
    components::{ErrorSummary, FieldProblem},
    i18n::{t_args, tr, use_lang},
    pages::NotFound,
    portal::{load_draft, DraftPage},
};

#[derive(Clone, Copy, Debug)]
pub struct FilingRoute;

#[lazy_route]
impl LazyRoute for FilingRoute {
    fn data() -> Self {
        FilingRoute
    }

    fn view(this: Self) -> AnyView {
        let _ = this;
        view! { <FilingPage/> }.into_any()
    }
}

#[component]
fn FilingPage() -> impl IntoView {
    let params = use_params_map();
    let get = move |k: &str| params.with_untracked(|p| p.get(k).unwrap_or_default());
    let (slug, period, step) = (get("kind"), get("period"), get("step"));
    let Some(kind) =
        Kind::from_slug(&slug).filter(|k| Period::parse(&period).is_some_and(|p| p.fits(*k)))
    else {
        return view! { <NotFound/> }.into_any();
    };
    let page = if step == "check" {
        Some(0)
    } else {
        step.parse::<usize>()
            .ok()
            .filter(|n| (1..=steps(kind).len()).contains(n))
    };
    let Some(page) = page else {
        return view! { <NotFound/> }.into_any();
    };
    let next = format!("/filing/{slug}/{period}/{step}");
    let key = (slug, period);
    let data = Resource::new_blocking(move || key.clone(), |(k, p)| load_draft(k, p));
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let next = next.clone();
                data.get().map(|r| match r {
                    Ok(Some(draft)) if page == 0 => view! { <CheckAnswers kind draft/> }.into_any(),
                    Ok(Some(draft)) => view! { <StepPage kind draft number=page/> }.into_any(),
                    Ok(None) => view! { <SignInPrompt next/> }.into_any(),
                    Err(_) => view! { <LoadFailed/> }.into_any(),
                })
            }}
        </Suspense>
    }
    .into_any()
}

/// The caption above every page of a return: what it is and for which period.
#[component]
pub fn ReturnCaption(kind: Kind, period: String) -> impl IntoView {
    let lang = use_lang();
    view! { <span class="caption">{t_args(lang, "task-name", &[("kind", kind_title(kind.slug())), ("period", period)])}</span> }
}

#[component]
fn StepPage(kind: Kind, draft: DraftPage, number: usize) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let invalid = query.with_untracked(|q| q.get("invalid")).is_some();
    let return_to = query
        .with_untracked(|q| q.get("return"))
        .unwrap_or_default();
    let all = steps(kind);
    let step: Step = all[number - 1];
    let values = RwSignal::new(from_data(kind, &draft.period, &draft.data));
    let touched = RwSignal::new(invalid);
    let outcome = Memo::new(move |_| values.with(|v| calculate(kind, &to_input(kind, v))));
    // This page's problems only: the others are asked later (or were, and the check page lists them).
    let mine = move |field: &str| {
        step_of(kind, field) == Some(number) || (field == "items" && number == 1)
    };
    let errors = Signal::derive(move || {
        if !touched.get() {
            return Vec::new();
        }
        outcome.with(|o| {
            o.as_ref()
                .err()
                .map(|errs| {
                    errs.iter()
                        .filter(|e| mine(&e.field))
                        .map(|e| FieldProblem {
                            dom_id: crate::calculators::dom_id_for_error(&e.field),
                            message: error_message(lang, e),
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
    });
    let field_error = field_errors(outcome, touched, lang);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let title = tr(step.title);
    let page_title = if invalid {
        format!("{}{title}", tr("error-title-prefix"))
    } else {
        title.clone()
    };
    let base = format!("/filing/{}/{}", kind.slug(), draft.period);
    let back = if number > 1 {
        format!("{base}/{}", number - 1)
    } else {
        "/filing".to_string()
    };
    let back = if return_to == "check" {
        format!("{base}/check")
    } else {
        back
    };
    let progress = t_args(
        lang,
        "step-progress",
        &[("n", number.to_string()), ("total", all.len().to_string())],
    );
    let fields_view = step
        .paths
        .iter()
        .filter_map(|p| field(kind, p))
        .map(
            |f| view! { <FieldView field=f values touched error=field_error(f.path.to_string())/> },
        )
        .collect_view();
    let has_rows = step.paths.contains(&"items");
    let _ = STAMP_ROWS;
    view! {
        <Title text=page_title/>
        <a href=back class="back-link" rel="external">{tr("back")}</a>
        <ErrorSummary problems=errors focus_on_load=invalid/>
        {draft.original.clone().map(|o| view! {
            <div class="notification-banner" role="region" aria-label=tr("correct-title")>
                <p>{t_args(lang, "correcting-banner", &[("receipt", o.receipt_number)])}</p>
            </div>
        })}
        <ReturnCaption kind period=draft.period.clone()/>
        <h1 class="heading-xl">{title}</h1>
        <p class="hint">{progress}</p>
        {draft.prefilled_from.clone().map(|from| {
            // The answers of this page that still hold the filled-in value.
            let here: Vec<String> = step
                .paths
                .iter()
                .filter(|p| draft.prefilled_fields.iter().any(|f| f == *p))
                .filter_map(|p| field(kind, p))
                .map(|f| tr(f.label))
                .collect();
            view! {
                <div class="inset-text" data-testid="prefilled">
                    <p>{t_args(lang, "prefilled-from", &[("period", from)])}</p>
                    {(!here.is_empty()).then(|| view! {
                        <p data-testid="prefilled-here">{t_args(lang, "prefilled-here", &[("fields", here.join(tr("list-separator").as_str()))])}</p>
                    })}
                </div>
            }
        })}
        <div class="calculator" data-hydrated=move || hydrated.get().then_some("true")>
            <form class="calculator__form" method="post" action=format!("{base}/{number}") novalidate>
                <input type="hidden" name="_return" value=return_to/>
                {has_rows.then(|| view! { <StampRows values touched field_error/> })}
                {fields_view}
                <details class="details">
                    <summary class="details__summary">{tr("step-dont-know")}</summary>
                    <div class="details__text">
                        <p>{tr("step-dont-know-text")}" "<a href=crate::guidance::topic_href(step.topic) rel="external">{tr("step-read-guidance")}</a></p>
                    </div>
                </details>
                <div class="button-group">
                    <button type="submit" class="button" name="_action" value="next" data-testid="continue">{tr("step-continue")}</button>
                    <button type="submit" class="button button--secondary" name="_action" value="save" data-testid="save-later">{tr("step-save-later")}</button>
                </div>
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

/// The values of a draft, for pages that only read them.
pub fn draft_values(kind: Kind, draft: &DraftPage) -> Values {
    from_data(kind, &draft.period, &draft.data)
}
