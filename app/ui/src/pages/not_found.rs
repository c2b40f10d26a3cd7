use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::tr;

/// Shown for any path no route matches; the server answers it with status 404.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=tr("not-found-title")/>
        <h1 class="heading-xl">{tr("not-found-title")}</h1>
        <p>{tr("not-found-body")}</p>
        <p><a href="/">{tr("not-found-home-link")}</a></p>
    }
}
