use leptos::prelude::*;
use leptos_meta::Title;

use super::{outcome, FormErrors};
use crate::{
    components::{ErrorSummary, SelectField, TextArea, TextField},
    guidance::{kind_key, tax_type_key, KINDS, TAX_TYPES},
    i18n::tr,
    portal::{Article, FormStash},
};

/// The form field that an API error path concerns.
fn dom_id(field: &str) -> &'static str {
    match field {
        "slug" => "slug",
        "kind" => "kind",
        "title.zh-CN" => "title_zh",
        "title.en" => "title_en",
        "body_markdown.zh-CN" => "body_zh",
        "body_markdown.en" => "body_en",
        "effective_from" => "effective_from",
        "effective_to" => "effective_to",
        "change_note" => "change_note",
        f if f.starts_with("tax_types") => "tax_types",
        f if f.starts_with("references") => "references",
        _ => "title_zh",
    }
}

/// What the form shows: what was typed before a refusal, else the article's latest version.
struct Values {
    slug: String,
    kind: String,
    tax_types: Vec<String>,
    title: [String; 2],
    body: [String; 2],
    from: String,
    to: String,
    references: String,
    note: String,
}

fn values(article: Option<&Article>, stash: Option<&FormStash>) -> Values {
    if let Some(s) = stash {
        // An edit's form has no slug field: the article's own stays.
        let slug = match (s.get("slug"), article) {
            ("", Some(a)) => a.slug.clone(),
            (typed, _) => typed.to_string(),
        };
        return Values {
            slug,
            kind: s.get("kind").to_string(),
            tax_types: s.all("tax_types"),
            title: [s.get("title_zh").to_string(), s.get("title_en").to_string()],
            body: [s.get("body_zh").to_string(), s.get("body_en").to_string()],
            from: s.get("effective_from").to_string(),
            to: s.get("effective_to").to_string(),
            references: s.get("references").to_string(),
            note: s.get("change_note").to_string(),
        };
    }
    let a = article.cloned().unwrap_or_default();
    let md = a.body_markdown.clone().unwrap_or_default();
    Values {
        slug: a.slug.clone(),
        kind: if a.kind.is_empty() {
            "guide".into()
        } else {
            a.kind.clone()
        },
        tax_types: a.tax_types.clone(),
        title: [a.title.zh.clone(), a.title.en.clone()],
        body: [md.zh, md.en],
        from: a.effective_from.clone(),
        to: a.effective_to.clone().unwrap_or_default(),
        references: a.references.join("\n"),
        note: String::new(),
    }
}

/// Writing a new article or a new version of one. Markdown in both languages; the change note
/// is required for an edit.
#[component]
pub fn Editor(article: Option<Article>, stash: Option<FormStash>) -> impl IntoView {
    let (errors, _) = outcome();
    let editing = article.is_some();
    let v = values(article.as_ref(), stash.as_ref());
    let form_errors = FormErrors::new(&errors, dom_id);
    let problems = form_errors.problems();
    let error_of = |id: &str| form_errors.of(id);
    let has_errors = !problems.is_empty();
    let heading = if editing {
        tr("staff-edit-title")
    } else {
        tr("staff-new-article")
    };
    let title = if has_errors {
        format!("{}{}", tr("error-title-prefix"), heading)
    } else {
        heading.clone()
    };
    let action = match &article {
        Some(a) => format!("/staff/articles/{}/edit", a.slug),
        None => "/staff/articles".to_string(),
    };
    let kinds: Vec<(String, String)> = KINDS
        .iter()
        .map(|k| (k.to_string(), tr(kind_key(k))))
        .collect();
    let tax_error = error_of("tax_types");
    view! {
        <Title text=title/>
        <ErrorSummary problems=Signal::stored(problems) focus_on_load=has_errors/>
        {article.as_ref().map(|a| view! { <p><a class="back-link" href=format!("/staff/articles/{}", a.slug) rel="external">{tr("staff-back-to-article")}</a></p> })}
        <h1 class="heading-xl">{heading}</h1>
        <form method="post" action=action novalidate class="editor-form" data-testid="editor">
            {(!editing).then(|| view! {
                <TextField id="slug" label=tr("staff-slug") hint=tr("staff-slug-hint") error=Signal::stored(error_of("slug")) value=v.slug.clone()/>
            })}
            <SelectField id="kind" label=tr("guidance-filter-kind") options=kinds selected=v.kind.clone() error=error_of("kind")/>
            <div class="form-group" class:form-group--error=tax_error.is_some()>
                <fieldset class="fieldset" id="tax_types" aria-describedby=tax_error.is_some().then_some("tax_types-error")>
                    <legend class="label">{tr("guidance-filter-tax-type")}</legend>
                    {tax_error.clone().map(|e| view! { <p class="error-message" id="tax_types-error">{e}</p> })}
                    <div class="checkboxes">
                        {TAX_TYPES.iter().map(|t| {
                            let id = format!("tax_types-{t}");
                            let checked = v.tax_types.iter().any(|x| x == t);
                            view! {
                                <div class="checkboxes__item">
                                    <input type="checkbox" id=id.clone() name="tax_types" value=*t checked=checked/>
                                    <label for=id>{tr(tax_type_key(t))}</label>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
            </div>
            <TextField id="title_zh" label=tr("staff-title-zh") error=Signal::stored(error_of("title_zh")) value=v.title[0].clone()/>
            <TextField id="title_en" label=tr("staff-title-en") error=Signal::stored(error_of("title_en")) value=v.title[1].clone()/>
            <TextArea id="body_zh" label=tr("staff-body-zh") hint=tr("staff-body-hint") error=error_of("body_zh") value=v.body[0].clone() rows=14 lang="zh-CN"/>
            <TextArea id="body_en" label=tr("staff-body-en") hint=tr("staff-body-hint") error=error_of("body_en") value=v.body[1].clone() rows=14 lang="en"/>
            <TextField id="effective_from" label=tr("staff-effective-from") hint=tr("staff-date-hint") error=Signal::stored(error_of("effective_from")) value=v.from.clone()/>
            <TextField id="effective_to" label=tr("staff-effective-to") hint=tr("staff-effective-to-hint") error=Signal::stored(error_of("effective_to")) value=v.to.clone()/>
            <TextArea id="references" label=tr("article-references") hint=tr("staff-references-hint") error=error_of("references") value=v.references.clone() rows=4/>
            <TextArea id="change_note" label=tr("article-change-note") hint=if editing { tr("staff-change-note-hint") } else { tr("staff-change-note-optional") } error=error_of("change_note") value=v.note.clone() rows=2/>
            <button type="submit" class="button" data-testid="save">{tr("staff-save")}</button>
        </form>
    }
}
