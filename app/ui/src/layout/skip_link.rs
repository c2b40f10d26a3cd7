use leptos::prelude::*;

use crate::i18n::tr;

/// The first focusable element: lets keyboard and screen-reader users jump past the header.
#[component]
pub fn SkipLink() -> impl IntoView {
    view! { <a href="#main-content" class="skip-link" rel="external">{tr("skip-to-content")}</a> }
}
