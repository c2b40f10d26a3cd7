//! Calculators: the engine runs in the browser as the user types (no network); without
//! JavaScript the form is submitted (GET) and the server renders the same result.
pub(crate) mod field_view;
pub mod fields;
pub mod form;
mod index;
mod page;
pub(crate) use page::StampRows;
pub(crate) mod result_panel;

pub use index::CalculatorsIndex;
pub use page::CalculatorRoute;

use banshui_engine::{calculation::Kind, FieldError};

use crate::{
    components::FieldProblem,
    i18n::{t_args, Lang},
};

/// The page's title key of a kind.
pub fn title_key(kind: Kind) -> String {
    format!("calc-{}-title", kind.slug())
}

pub fn summary_key(kind: Kind) -> String {
    format!("calc-{}-summary", kind.slug())
}

/// The translated message of an engine error.
pub fn error_message(lang: Lang, error: &FieldError) -> String {
    let mut args = vec![];
    if let Some(limit) = &error.limit {
        args.push(("limit", limit.clone()));
    }
    t_args(lang, &error.code.fluent_key(), &args)
}

pub fn problems(lang: Lang, errors: &[FieldError]) -> Vec<FieldProblem> {
    errors
        .iter()
        .map(|e| FieldProblem {
            dom_id: dom_id_for_error(&e.field),
            message: error_message(lang, e),
        })
        .collect()
}

/// Errors about a whole list point at its first row's amount.
fn dom_id_for_error(field: &str) -> String {
    match field {
        "items" => fields::dom_id("items[0].amount"),
        "period" => fields::dom_id("period.kind"),
        f => fields::dom_id(f),
    }
}

/// For a form the engine checks as the user types: the message of each field (by input path),
/// once the form has been touched. A whole-list error shows on the first row's amount.
pub fn field_errors(
    outcome: leptos::prelude::Memo<
        Result<banshui_engine::calculation::Calculation, Vec<FieldError>>,
    >,
    touched: leptos::prelude::RwSignal<bool>,
    lang: Lang,
) -> impl Fn(String) -> leptos::prelude::Signal<Option<String>> + Copy + Send + Sync + 'static {
    use leptos::prelude::*;
    move |path: String| {
        Signal::derive(move || {
            if !touched.get() {
                return None;
            }
            outcome.with(|o| {
                o.as_ref().err().and_then(|errs| {
                    errs.iter()
                        .find(|e| {
                            e.field == path || (e.field == "items" && path == "items[0].amount")
                        })
                        .map(|e| error_message(lang, e))
                })
            })
        })
    }
}
