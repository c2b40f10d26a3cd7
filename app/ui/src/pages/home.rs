use leptos::prelude::*;
use leptos_meta::Title;

use super::Section;
use crate::i18n::tr;

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <Title text=String::new()/>
        <h1 class="heading-xl">{tr("home-title")}</h1>
        <p class="lead">{tr("home-lead")}</p>
        <ul class="card-list">
            {Section::ALL
                .into_iter()
                .map(|section| {
                    view! {
                        <li class="card">
                            <h2 class="heading-m">
                                <a href=section.href() class="card__link">{tr(section.title_key())}</a>
                            </h2>
                            <p>{tr(section.summary_key())}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <div class="notification-banner" role="region" aria-labelledby="scope-title">
            <h2 class="notification-banner__title" id="scope-title">{tr("home-scope-title")}</h2>
            <p>{tr("home-scope-body")}</p>
        </div>
    }
}
