use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    hooks::{use_params_map, use_query_map},
    lazy_route, LazyRoute,
};

use super::{problems, status_class, status_key};
use crate::{
    filing::{LoadFailed, SignInPrompt},
    guidance::{day, tax_type_key},
    i18n::{tr, use_lang},
    pages::NotFound,
    portal::{load_consultation, Consultation},
};

#[component]
pub fn ConsultationPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let next = format!("/consultations/{id}");
    let data = Resource::new_blocking(move || id.clone(), load_consultation);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let next = next.clone();
                data.get().map(|r| match r {
                    Ok(Some(c)) => view! { <ConsultationView c/> }.into_any(),
                    // Signed out and "not yours" look alike from here: both ask to sign in
                    // only when there is no session; the server answers 404 data otherwise.
                    Ok(None) => view! { <NotFoundOrSignIn next/> }.into_any(),
                    Err(_) => view! { <LoadFailed/> }.into_any(),
                })
            }}
        </Suspense>
    }
}

#[component]
fn NotFoundOrSignIn(next: String) -> impl IntoView {
    let signed_in = use_context::<crate::routes::SignedIn>()
        .and_then(|s| s.0.get_untracked())
        .and_then(Result::ok)
        .flatten()
        .is_some();
    if signed_in {
        view! { <NotFound/> }.into_any()
    } else {
        view! { <SignInPrompt next/> }.into_any()
    }
}

#[component]
fn ConsultationView(c: Consultation) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let done = query.with_untracked(|q| q.get("done").unwrap_or_default());
    let errors = problems(
        lang,
        &query.with_untracked(|q| q.get("errors").unwrap_or_default()),
    );
    let closed = c.status == "closed";
    view! {
        <Title text=c.subject.clone()/>
        {(done == "asked").then(|| view! {
            <div class="panel-confirmation" data-testid="asked">
                <h2 class="heading-l">{tr("consultation-received-title")}</h2>
                <p>{tr("consultation-received-text")}</p>
            </div>
        })}
        {(!errors.is_empty()).then(|| view! {
            <div class="notification-banner" role="alert">{errors.iter().map(|(_, m)| view! { <p>{m.clone()}</p> }).collect_view()}</div>
        })}
        <p><a href="/consultations" rel="external" class="back-link">{tr("consultations-back")}</a></p>
        <span class="caption">{tr(tax_type_key(&c.tax_type))}</span>
        <h1 class="heading-xl">{c.subject.clone()}</h1>
        <p><strong class=status_class(&c.status) data-testid="status">{tr(status_key(&c.status))}</strong></p>
        <h2 class="heading-m">{tr("consultation-your-question")}</h2>
        <p class="caption">{tr("consultation-asked")}" "{day(&c.created_at)}</p>
        <div class="message">{c.body.clone()}</div>
        {c.filing_id.clone().map(|f| view! { <p><a href=format!("/filings/{f}") rel="external">{tr("consultation-see-filing")}</a></p> })}
        <h2 class="heading-m">{tr("consultation-replies")}</h2>
        {c.replies.is_empty().then(|| view! { <p>{tr("consultation-no-reply")}</p> })}
        <ol class="replies" data-testid="replies">
            {c.replies.iter().map(|r| view! {
                <li class="message message--reply">
                    <p class="caption">{tr("consultation-reply-from")}" · "{day(&r.at)}</p>
                    <div>{r.body.clone()}</div>
                </li>
            }).collect_view()}
        </ol>
        {(!closed).then(|| view! {
            <form method="post" action=format!("/consultations/{}/close", c.id)>
                <button type="submit" class="button button--secondary">{tr("consultation-close")}</button>
            </form>
        })}
    }
}

#[derive(Clone, Copy, Debug)]
pub struct ConsultationRoute;

#[lazy_route]
impl LazyRoute for ConsultationRoute {
    fn data() -> Self {
        ConsultationRoute
    }

    fn view(this: Self) -> AnyView {
        let _ = this;
        view! { <ConsultationPage/> }.into_any()
    }
}
