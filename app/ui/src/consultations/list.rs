use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{hooks::use_query_map, lazy_route, LazyRoute};

use super::{problems, status_class, status_key};
use crate::{
    components::{ErrorSummary, FieldProblem, SelectField, TextArea, TextField},
    filing::{LoadFailed, SignInPrompt},
    guidance::{day, tax_type_key, TAX_TYPES},
    i18n::{tr, use_lang},
    portal::{load_consultations, ConsultationsPage},
};

#[component]
pub fn ConsultationsList() -> impl IntoView {
    let query = use_query_map();
    let stash = query.with_untracked(|q| q.get("stash").is_some());
    let data = Resource::new_blocking(move || stash, load_consultations);
    view! {
        <Suspense fallback=|| ()>
            {move || data.get().map(|r| match r {
                Ok(Some(page)) => view! { <Consultations page/> }.into_any(),
                Ok(None) => view! { <SignInPrompt next="/consultations".to_string()/> }.into_any(),
                Err(_) => view! { <LoadFailed/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Consultations(page: ConsultationsPage) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let errors = problems(
        lang,
        &query.with_untracked(|q| q.get("errors").unwrap_or_default()),
    );
    let error_of = |field: &str| {
        errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.clone())
    };
    let summary: Vec<FieldProblem> = errors
        .iter()
        .map(|(f, m)| FieldProblem {
            dom_id: if f.is_empty() {
                "subject".into()
            } else {
                f.clone()
            },
            message: m.clone(),
        })
        .collect();
    let has_errors = !summary.is_empty();
    let typed = |name: &str| {
        page.stash
            .as_ref()
            .map(|s| s.get(name).to_string())
            .unwrap_or_default()
    };
    let title = if has_errors {
        format!("{}{}", tr("error-title-prefix"), tr("consultations-title"))
    } else {
        tr("consultations-title")
    };
    let tax_options: Vec<(String, String)> = TAX_TYPES
        .iter()
        .map(|t| (t.to_string(), tr(tax_type_key(t))))
        .collect();
    let filing_options: Vec<(String, String)> =
        std::iter::once((String::new(), tr("consultation-no-filing")))
            .chain(page.filings.iter().cloned())
            .collect();
    let empty = page.items.is_empty();
    view! {
        <Title text=title/>
        <ErrorSummary problems=Signal::stored(summary) focus_on_load=has_errors/>
        <h1 class="heading-xl">{tr("consultations-title")}</h1>
        {empty.then(|| view! { <p>{tr("consultations-none")}</p> })}
        {(!empty).then(|| view! {
            <div class="table-wrapper">
                <table class="table" data-testid="consultations">
                    <caption class="visually-hidden">{tr("consultations-title")}</caption>
                    <thead><tr>
                        <th scope="col">{tr("consultation-subject")}</th>
                        <th scope="col">{tr("consultation-tax-type")}</th>
                        <th scope="col">{tr("consultation-asked")}</th>
                        <th scope="col">{tr("consultation-status")}</th>
                    </tr></thead>
                    <tbody>
                        {page.items.iter().map(|c| view! {
                            <tr>
                                <th scope="row"><a href=format!("/consultations/{}", c.id) rel="external">{c.subject.clone()}</a></th>
                                <td>{tr(tax_type_key(&c.tax_type))}</td>
                                <td>{day(&c.created_at)}</td>
                                <td><strong class=status_class(&c.status)>{tr(status_key(&c.status))}</strong></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
        <section id="ask" aria-labelledby="ask-title" class="section">
            <h2 class="heading-l" id="ask-title">{tr("consultation-ask-title")}</h2>
            <p>{tr("consultation-ask-lead")}" "<a href="/guidance" rel="external">{tr("consultation-ask-guidance")}</a></p>
            <form method="post" action="/consultations" novalidate class="narrow-form">
                <TextField id="subject" label=tr("consultation-subject") error=Signal::stored(error_of("subject")) value=typed("subject")/>
                <SelectField id="tax_type" label=tr("consultation-tax-type") options=tax_options selected=typed("tax_type") error=error_of("tax_type")/>
                <SelectField id="filing_id" label=tr("consultation-filing") options=filing_options selected=typed("filing_id") error=error_of("filing_id")/>
                <TextArea id="body" label=tr("consultation-body") hint=tr("consultation-body-hint") error=error_of("body") value=typed("body") rows=8/>
                <button type="submit" class="button" data-testid="ask-submit">{tr("consultation-ask-submit")}</button>
            </form>
        </section>
    }
}

#[derive(Clone, Copy, Debug)]
pub struct ConsultationsRoute;

#[lazy_route]
impl LazyRoute for ConsultationsRoute {
    fn data() -> Self {
        ConsultationsRoute
    }

    fn view(this: Self) -> AnyView {
        let _ = this;
        view! { <ConsultationsList/> }.into_any()
    }
}
