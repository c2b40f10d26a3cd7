use leptos::prelude::*;
use leptos_meta::Title;

use super::{outcome, status_key};
use crate::{
    guidance::{day, kind_key},
    i18n::tr,
    portal::{Article, ArticleDiff, DiffField, StaffMe, VersionInfo},
};

/// One article for staff: its state, the actions the member's role allows, a preview of both
/// languages exactly as the public will see them, every version and a diff between two.
#[component]
pub fn StaffArticle(
    me: StaffMe,
    article: Article,
    versions: Vec<VersionInfo>,
    diff: Option<ArticleDiff>,
) -> impl IntoView {
    let (errors, done) = outcome();
    let status = article.status.clone().unwrap_or_default();
    let slug = article.slug.clone();
    let action = |name: &'static str, label: &'static str, primary: bool| {
        let slug = slug.clone();
        view! {
            <form method="post" action=format!("/staff/articles/{slug}/{name}") class="inline-form">
                <button type="submit" class=if primary { "button" } else { "button button--secondary" } data-testid=format!("action-{name}")>{tr(label)}</button>
            </form>
        }
    };
    let publisher = me.at_least("publisher");
    let public = article
        .published_version
        .map(|v| format!("{} {v}", tr("staff-article-version")));
    let latest = versions.first().map(|v| v.version).unwrap_or(1);
    let from_default = diff.as_ref().map_or((latest - 1).max(1), |d| d.from);
    let to_default = diff.as_ref().map_or(latest, |d| d.to);
    let version_options = move |chosen: i64| {
        (1..=latest)
            .rev()
            .map(|v| view! { <option value=v.to_string() selected=v == chosen>{v}</option> })
            .collect_view()
    };
    view! {
        <Title text=article.title.zh.clone()/>
        {(!done.is_empty()).then(|| view! { <div class="notification-banner notification-banner--success" role="status" data-testid="done"><p>{tr("staff-done")}</p></div> })}
        {(!errors.is_empty()).then(|| view! {
            <div class="notification-banner" role="alert" data-testid="action-error">{errors.iter().map(|(_, m)| view! { <p>{m.clone()}</p> }).collect_view()}</div>
        })}
        <span class="caption">{tr(kind_key(&article.kind))}" · "{article.slug.clone()}</span>
        <h1 class="heading-xl" lang="zh-CN">{article.title.zh.clone()}</h1>
        <dl class="summary-list">
            <div class="summary-list__row"><dt class="summary-list__key">{tr("staff-article-status")}</dt><dd class="summary-list__value" data-testid="article-status">{tr(status_key(&status))}</dd></div>
            <div class="summary-list__row"><dt class="summary-list__key">{tr("staff-article-version")}</dt><dd class="summary-list__value">{article.version}" · "{article.change_note.clone()}</dd></div>
            <div class="summary-list__row"><dt class="summary-list__key">{tr("staff-article-public")}</dt><dd class="summary-list__value">{public.unwrap_or_else(|| tr("staff-article-not-public"))}</dd></div>
        </dl>
        <div class="button-group">
            <a class="button button--secondary" href=format!("/staff/articles/{}/edit", article.slug) rel="external">{tr("staff-edit")}</a>
            {(status == "draft").then(|| action("submit", "staff-submit", !publisher))}
            {(publisher && status != "published").then(|| action("publish", "staff-publish", true))}
            {(publisher && status != "archived").then(|| action("archive", "staff-archive", false))}
            {(status == "published").then(|| view! { <a href=format!("/guidance/{}", article.slug) rel="external">{tr("staff-view-public")}</a> })}
        </div>
        <h2 class="heading-l">{tr("staff-preview")}</h2>
        <div class="preview" data-testid="preview">
            <section lang="zh-CN" aria-label="简体中文">
                <h3 class="heading-m">{article.title.zh.clone()}</h3>
                // The same sanitized HTML the public page shows.
                <div class="prose" inner_html=article.body_html.zh.clone()></div>
            </section>
            <section lang="en" aria-label="English">
                <h3 class="heading-m">{article.title.en.clone()}</h3>
                <div class="prose" inner_html=article.body_html.en.clone()></div>
            </section>
        </div>
        <h2 class="heading-l">{tr("staff-versions")}</h2>
        <div class="table-wrapper">
            <table class="table" data-testid="versions">
                <caption class="visually-hidden">{tr("staff-versions")}</caption>
                <thead><tr>
                    <th scope="col" class="num">{tr("staff-article-version")}</th>
                    <th scope="col">{tr("article-change-note")}</th>
                    <th scope="col">{tr("staff-author")}</th>
                    <th scope="col">{tr("article-changed")}</th>
                </tr></thead>
                <tbody>
                    {versions.iter().map(|v| view! {
                        <tr><td class="num">{v.version}</td><td>{v.change_note.clone()}</td><td>{v.author.clone()}</td><td>{day(&v.created_at)}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {(latest > 1).then(|| view! {
            <form method="get" action=format!("/staff/articles/{slug}") class="diff-form">
                <div class="form-group">
                    <label class="label" for="from">{tr("staff-diff-from")}</label>
                    <select class="select" id="from" name="from">{version_options(from_default)}</select>
                </div>
                <div class="form-group">
                    <label class="label" for="to">{tr("staff-diff-to")}</label>
                    <select class="select" id="to" name="to">{version_options(to_default)}</select>
                </div>
                <button type="submit" class="button button--secondary">{tr("staff-diff-show")}</button>
            </form>
        })}
        {diff.map(|d| view! { <Diff from=d.from to=d.to fields=d.fields/> })}
    }
}

/// The label of an article field named by its API path.
fn field_key(field: &str) -> &'static str {
    match field {
        "kind" => "guidance-filter-kind",
        "tax_types" => "guidance-filter-tax-type",
        "title.zh-CN" => "staff-title-zh",
        "title.en" => "staff-title-en",
        "body_markdown.zh-CN" => "staff-body-zh",
        "body_markdown.en" => "staff-body-en",
        "effective_from" => "staff-effective-from",
        "effective_to" => "staff-effective-to",
        _ => "article-references",
    }
}

#[component]
fn Diff(from: i64, to: i64, fields: Vec<DiffField>) -> impl IntoView {
    view! {
        <section class="diff" data-testid="diff" aria-labelledby="diff-title">
            <h3 class="heading-m" id="diff-title">{tr("staff-diff-title")}" "{from}" → "{to}</h3>
            {fields.is_empty().then(|| view! { <p>{tr("staff-diff-none")}</p> })}
            {fields.into_iter().map(|f| view! {
                <h4 class="heading-s">{tr(field_key(&f.field))}</h4>
                <pre class="diff__lines">
                    {f.changes.into_iter().map(|c| {
                        let (class, sign, label) = match c.op.as_str() {
                            "insert" => ("diff__insert", "+ ", tr("staff-diff-added")),
                            "delete" => ("diff__delete", "- ", tr("staff-diff-removed")),
                            _ => ("diff__equal", "  ", String::new()),
                        };
                        view! {
                            <span class=class>
                                {(!label.is_empty()).then(|| view! { <span class="visually-hidden">{label.clone()}</span> })}
                                {sign}{c.text}"\n"
                            </span>
                        }
                    }).collect_view()}
                </pre>
            }).collect_view()}
        </section>
    }
}
