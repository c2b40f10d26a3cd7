use banshui_engine::calculation::Kind;
use leptos::prelude::*;
use leptos_meta::Title;

use super::{summary_key, title_key};
use crate::i18n::tr;

#[component]
pub fn CalculatorsIndex() -> impl IntoView {
    view! {
        <Title text=tr("section-calculators-title")/>
        <h1 class="heading-xl">{tr("section-calculators-title")}</h1>
        <p class="lead">{tr("section-calculators-summary")}</p>
        <ul class="card-list">
            {Kind::ALL.into_iter().map(|kind| view! {
                <li class="card">
                    <h2 class="heading-m">
                        <a href=format!("/calculators/{}", kind.slug()) class="card__link">{tr(&title_key(kind))}</a>
                    </h2>
                    <p>{tr(&summary_key(kind))}</p>
                </li>
            }).collect_view()}
        </ul>
    }
}
