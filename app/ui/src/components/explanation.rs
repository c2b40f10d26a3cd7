use leptos::prelude::*;

use crate::i18n::{t, use_lang};

/// One line of "how this number was computed", already translated and formatted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExplanationLine {
    pub label: String,
    pub amount: String,
    pub basis: String,
    /// The guidance topic the basis links to.
    pub topic: String,
}

/// The warnings of a computation and its explanation table (line, amount, legal basis) — the
/// same for a live result and for a filed return's stored one.
#[component]
pub fn Explanation(warnings: Vec<String>, lines: Vec<ExplanationLine>) -> impl IntoView {
    let lang = use_lang();
    view! {
        {(!warnings.is_empty()).then(|| view! {
            <div class="inset-text">
                <h3 class="heading-s">{t(lang, "result-warnings-title")}</h3>
                <ul>{warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
            </div>
        })}
        <div class="table-wrapper">
            <table class="table" data-testid="explanation">
                <caption>{t(lang, "result-explanation-caption")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(lang, "result-col-item")}</th>
                        <th scope="col" class="num">{t(lang, "result-col-amount")}</th>
                        <th scope="col">{t(lang, "result-col-basis")}</th>
                    </tr>
                </thead>
                <tbody>
                    {lines.into_iter().map(|l| view! {
                        <tr>
                            <th scope="row">{l.label}</th>
                            <td class="num">{l.amount}</td>
                            <td><a href=crate::guidance::topic_href(&l.topic) rel="external">{l.basis}</a></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
