use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{hooks::use_params_map, lazy_route, LazyRoute};

use super::{day, kind_key, tax_type_key};
use crate::{
    filing::LoadFailed,
    i18n::{tr, use_lang},
    pages::NotFound,
    portal::{load_article, Article},
};

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let slug = params.with_untracked(|p| p.get("slug").unwrap_or_default());
    let data = Resource::new_blocking(move || slug.clone(), load_article);
    view! {
        <Suspense fallback=|| ()>
            {move || data.get().map(|r| match r {
                Ok(Some(article)) => view! { <ArticleView article/> }.into_any(),
                Ok(None) => view! { <NotFound/> }.into_any(),
                Err(_) => view! { <LoadFailed/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn ArticleView(article: Article) -> impl IntoView {
    let lang = use_lang();
    let title = article.title.get(lang).to_string();
    let period = match &article.effective_to {
        Some(to) => format!("{} – {to}", article.effective_from),
        None => article.effective_from.clone(),
    };
    let types = article
        .tax_types
        .iter()
        .map(|t| tr(tax_type_key(t)))
        .collect::<Vec<_>>()
        .join(" · ");
    let kind = article.kind.clone();
    view! {
        <Title text=title.clone()/>
        <nav class="breadcrumbs" aria-label=tr("breadcrumbs-label")>
            <ol>
                <li><a href="/guidance" rel="external">{tr("guidance-title")}</a></li>
                <li><a href=format!("/guidance?kind={kind}") rel="external">{tr(kind_key(&kind))}</a></li>
            </ol>
        </nav>
        <article class="article" data-testid="article">
            <span class="caption">{tr(kind_key(&kind))}</span>
            <h1 class="heading-xl">{title}</h1>
            <dl class="article__meta">
                <div><dt>{tr("article-tax-types")}</dt><dd>{types}</dd></div>
                <div><dt>{tr("article-effective")}</dt><dd data-testid="effective">{period}</dd></div>
                <div><dt>{tr("article-changed")}</dt><dd data-testid="changed">{day(&article.changed_at)}</dd></div>
                <div><dt>{tr("article-change-note")}</dt><dd data-testid="change-note">{article.change_note.clone()}</dd></div>
            </dl>
            // Sanitized on the server with an allow-list (ammonia) when the version was saved.
            <div class="prose" data-testid="article-body" inner_html=article.body_html.get(lang).to_string()></div>
            {(!article.references.is_empty()).then(|| view! {
                <h2 class="heading-m">{tr("article-references")}</h2>
                <ul class="list list--bullet">
                    {article.references.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}
                </ul>
            })}
        </article>
        <aside class="related" aria-labelledby="related-title">
            <h2 class="heading-m" id="related-title">{tr("article-still-unsure")}</h2>
            <p><a href="/consultations#ask" rel="external">{tr("article-ask-link")}</a></p>
        </aside>
    }
}

/// A lazy route: the article page's code loads with it.
#[derive(Clone, Copy, Debug)]
pub struct ArticleRoute;

#[lazy_route]
impl LazyRoute for ArticleRoute {
    fn data() -> Self {
        ArticleRoute
    }

    fn view(this: Self) -> AnyView {
        let _ = this;
        view! { <ArticlePage/> }.into_any()
    }
}
