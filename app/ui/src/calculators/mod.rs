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
