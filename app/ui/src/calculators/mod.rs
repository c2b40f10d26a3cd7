//! Calculators: the engine runs in the browser as the user types (no network); without
//! JavaScript the form is submitted (GET) and the server renders the same result.
pub(crate) mod field_view;
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
pub fn dom_id_for_error(field: &str) -> String {
    dom_id(&banshui_engine::filing::interview::steps::question_for_error(field))
}

/// The id of a field's input element: `income.wages` → `field-income-wages`.
pub fn dom_id(path: &str) -> String {
    let cleaned: String = path
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("field-{}", cleaned.trim_end_matches('-'))
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
                            banshui_engine::filing::interview::steps::question_for_error(&e.field)
                                == path
                        })
                        .map(|e| error_message(lang, e))
                })
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use banshui_engine::filing::interview::{
        fields::{fields, Input},
        steps::steps,
    };

    use super::*;
    use crate::i18n::has;

    #[test]
    fn every_label_hint_and_option_is_translated() {
        for kind in Kind::ALL {
            for f in fields(kind) {
                let mut keys = vec![f.label.to_string()];
                keys.extend(f.hint.map(str::to_string));
                if let Input::Radios(options) = f.input {
                    keys.extend(options.iter().map(|(_, k)| k.to_string()));
                }
                for key in keys {
                    for lang in Lang::ALL {
                        assert!(has(lang, &key), "{}: {key}", lang.code());
                    }
                }
            }
            for lang in Lang::ALL {
                let step_titles = steps(kind).iter().map(|s| s.title.to_string());
                for key in [title_key(kind), summary_key(kind)]
                    .into_iter()
                    .chain(step_titles)
                {
                    assert!(has(lang, &key), "{}: {key}", lang.code());
                }
            }
        }
        for lang in Lang::ALL {
            for key in [
                "outcome-pay",
                "outcome-refund",
                "outcome-nil",
                "outcome-exempt",
                "answer-yes",
                "answer-no",
            ] {
                assert!(has(lang, key), "{}: {key}", lang.code());
            }
        }
    }

    #[test]
    fn dom_ids_are_plain() {
        assert_eq!(dom_id("income.wages"), "field-income-wages");
        assert_eq!(dom_id("items[0].amount"), "field-items-0--amount");
    }
}
