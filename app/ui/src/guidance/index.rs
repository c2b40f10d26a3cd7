use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{day, kind_key, tax_type_key, KINDS, TAX_TYPES};
use crate::{
    filing::LoadFailed,
    i18n::{t_args, tr, use_lang},
    portal::{load_guidance, Article, GuidancePage, SearchHit},
};

/// The guidance index: a search form, browsing by kind and tax type, and the list or the
/// search results (with the matched words highlighted).
#[component]
pub fn GuidanceIndex() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let params = move || {
        query.with(|q| {
            (
                q.get("q").unwrap_or_default(),
                q.get("tax_type").unwrap_or_default(),
                q.get("kind").unwrap_or_default(),
            )
        })
    };
    let data = Resource::new_blocking(params, move |(q, tax_type, kind)| {
        load_guidance(q, tax_type, kind, lang.code().to_string())
    });
    let (q, tax_type, kind) = query.with_untracked(|qm| {
        (
            qm.get("q").unwrap_or_default(),
            qm.get("tax_type").unwrap_or_default(),
            qm.get("kind").unwrap_or_default(),
        )
    });
    let page_title = match kind.as_str() {
        "" => tr("guidance-title"),
        k => tr(kind_key(k)),
    };
    let kind_link = |k: &str| {
        let mut href = "/guidance".to_string();
        if !k.is_empty() {
            href.push_str("?kind=");
            href.push_str(k);
        }
        href
    };
    let tabs = std::iter::once(("", tr("guidance-all")))
        .chain(KINDS.iter().map(|k| (*k, tr(kind_key(k)))))
        .map(|(k, label)| {
            let current = kind == k;
            view! { <li><a href=kind_link(k) rel="external" aria-current=current.then_some("page") class:tabs__link--current=current class="tabs__link">{label}</a></li> }
        })
        .collect_view();
    let options = |all: String, values: &[&str], key: fn(&str) -> &'static str, chosen: &str| {
        std::iter::once(("".to_string(), all))
            .chain(values.iter().map(|v| (v.to_string(), tr(key(v)))))
            .map(|(v, label)| {
                let selected = v == chosen;
                view! { <option value=v selected=selected>{label}</option> }
            })
            .collect_view()
    };
    view! {
        <Title text=page_title.clone()/>
        <h1 class="heading-xl">{page_title}</h1>
        <p class="lead">{tr("guidance-lead")}</p>
        <form method="get" action="/guidance" role="search" class="search-form" aria-label=tr("guidance-search-label")>
            <div class="form-group">
                <label class="label" for="q">{tr("guidance-search-label")}</label>
                <div class="hint" id="q-hint">{tr("guidance-search-hint")}</div>
                <input class="input" type="search" id="q" name="q" value=q.clone() aria-describedby="q-hint" maxlength="200"/>
            </div>
            <div class="search-form__filters">
                <div class="form-group">
                    <label class="label" for="tax_type">{tr("guidance-filter-tax-type")}</label>
                    <select class="select" id="tax_type" name="tax_type">{options(tr("guidance-all"), &TAX_TYPES, tax_type_key, &tax_type)}</select>
                </div>
                <div class="form-group">
                    <label class="label" for="kind">{tr("guidance-filter-kind")}</label>
                    <select class="select" id="kind" name="kind">{options(tr("guidance-all"), &KINDS, kind_key, &kind)}</select>
                </div>
            </div>
            <button type="submit" class="button" data-testid="search-submit">{tr("guidance-search-submit")}</button>
        </form>
        <nav aria-label=tr("guidance-browse-label")>
            <ul class="tabs">{tabs}</ul>
        </nav>
        <Suspense fallback=|| ()>
            {move || data.get().map(|r| match r {
                Ok(GuidancePage { hits: Some(hits), .. }) => {
                    let q = query.with_untracked(|qm| qm.get("q").unwrap_or_default());
                    view! { <Results hits q lang/> }.into_any()
                }
                Ok(GuidancePage { articles, .. }) => view! { <ArticleList articles/> }.into_any(),
                Err(_) => view! { <LoadFailed/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Results(hits: Vec<SearchHit>, q: String, lang: crate::Lang) -> impl IntoView {
    let heading = t_args(
        lang,
        "guidance-results",
        &[("count", hits.len().to_string()), ("query", q)],
    );
    view! {
        <h2 class="heading-l" data-testid="results-heading" aria-live="polite">{heading}</h2>
        {hits.is_empty().then(|| view! { <p>{tr("guidance-no-results")}</p> })}
        <ol class="results" data-testid="results">
            {hits.into_iter().map(|h| view! {
                <li class="results__item">
                    <h3 class="heading-s"><a href=format!("/guidance/{}", h.slug) rel="external">{h.title}</a></h3>
                    <p class="caption">{tr(kind_key(&h.kind))}</p>
                    // Escaped by the search index; only <mark> is added around the matched words.
                    <p class="results__snippet" inner_html=h.snippet_html></p>
                </li>
            }).collect_view()}
        </ol>
    }
}

#[component]
fn ArticleList(articles: Vec<Article>) -> impl IntoView {
    let lang = use_lang();
    view! {
        {articles.is_empty().then(|| view! { <p>{tr("guidance-none")}</p> })}
        <ul class="article-list" data-testid="articles">
            {articles.into_iter().map(|a| {
                let types = a.tax_types.iter().map(|t| tr(tax_type_key(t))).collect::<Vec<_>>().join(" · ");
                view! {
                    <li class="article-list__item">
                        <h2 class="heading-s"><a href=format!("/guidance/{}", a.slug) rel="external">{a.title.get(lang).to_string()}</a></h2>
                        <p class="caption">
                            <strong class="tag">{tr(kind_key(&a.kind))}</strong>" "
                            {types}" · "{tr("article-effective-from")}" "{a.effective_from.clone()}
                            " · "{tr("article-changed")}" "{day(&a.changed_at)}
                        </p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// A lazy route: the index's code (and its server-function client) loads with it.
#[derive(Clone, Copy, Debug)]
pub struct GuidanceRoute;

#[leptos_router::lazy_route]
impl leptos_router::LazyRoute for GuidanceRoute {
    fn data() -> Self {
        GuidanceRoute
    }

    fn view(this: Self) -> AnyView {
        let _ = this;
        view! { <GuidanceIndex/> }.into_any()
    }
}
