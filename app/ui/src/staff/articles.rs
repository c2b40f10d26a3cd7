use leptos::prelude::*;
use leptos_meta::Title;

use super::status_key;
use crate::{
    guidance::{day, kind_key},
    i18n::{tr, use_lang},
    portal::Article,
};

/// Every article with its workflow status (latest version first).
#[component]
pub fn ArticleTable(items: Vec<Article>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=tr("staff-articles")/>
        <h1 class="heading-xl">{tr("staff-articles")}</h1>
        <p><a class="button" href="/staff/articles/new" rel="external">{tr("staff-new-article")}</a></p>
        <div class="table-wrapper">
            <table class="table" data-testid="staff-articles">
                <caption class="visually-hidden">{tr("staff-articles")}</caption>
                <thead><tr>
                    <th scope="col">{tr("staff-article-title")}</th>
                    <th scope="col">{tr("guidance-filter-kind")}</th>
                    <th scope="col">{tr("staff-article-status")}</th>
                    <th scope="col" class="num">{tr("staff-article-version")}</th>
                    <th scope="col">{tr("article-changed")}</th>
                </tr></thead>
                <tbody>
                    {items.into_iter().map(|a| {
                        let status = a.status.clone().unwrap_or_default();
                        view! {
                            <tr>
                                <th scope="row"><a href=format!("/staff/articles/{}", a.slug) rel="external">{a.title.get(lang).to_string()}</a><br/><span class="caption">{a.slug.clone()}</span></th>
                                <td>{tr(kind_key(&a.kind))}</td>
                                <td><strong class="tag">{tr(status_key(&status))}</strong></td>
                                <td class="num">{a.version}</td>
                                <td>{day(&a.changed_at)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
