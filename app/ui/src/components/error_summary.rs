use leptos::prelude::*;

use crate::i18n::tr;

/// A problem with one field: the id of its input and the translated message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldProblem {
    pub dom_id: String,
    pub message: String,
}

/// GOV.UK error summary: a titled box listing every problem, each linking to its field.
/// `focus_on_load` is set when the server rendered it after a submission (no JavaScript), so
/// the browser moves focus to it.
#[component]
pub fn ErrorSummary(
    problems: Signal<Vec<FieldProblem>>,
    #[prop(optional)] focus_on_load: bool,
) -> impl IntoView {
    view! {
        <Show when=move || problems.with(|p| !p.is_empty())>
            <div class="error-summary" tabindex="-1" autofocus=focus_on_load aria-labelledby="error-summary-title" data-testid="error-summary">
                <h2 class="error-summary__title" id="error-summary-title">{tr("error-summary-title")}</h2>
                <ul class="error-summary__list">
                    {move || problems.get().into_iter().map(|p| {
                        view! { <li><a href=format!("#{}", p.dom_id) rel="external">{p.message}</a></li> }
                    }).collect_view()}
                </ul>
            </div>
        </Show>
    }
}
