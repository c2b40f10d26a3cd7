//! The app's routes. Every page renders completely on the server; hydration adds behaviour.
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, Lazy, SsrMode,
};

use crate::{
    account::{AccountSecurityRoute, RegisterRoute, SessionTimeout, SignInRoute},
    calculators::{CalculatorRoute, CalculatorsIndex},
    consultations::{ConsultationRoute, ConsultationsRoute},
    filing::{FilingDetailRoute, FilingHomeRoute, FilingRoute, FilingsRoute},
    guidance::{ArticleRoute, GuidanceRoute},
    i18n::{tr, Lang},
    layout::{Footer, Header, SkipLink},
    pages::{HomePage, NotFound},
    portal::Me,
    self_check::SelfCheckRoute,
    staff::StaffRoute,
};

/// The document title as it is written into the page. leptos_meta 0.8 writes the server's
/// `<title>` without escaping it, so a title made of user text (a consultation's subject, an
/// article's title) could close the element and add markup to the `<head>`; the server escapes
/// it here. In the browser the text goes to `document.title`, which needs no escaping.
fn title_text(text: String) -> String {
    #[cfg(feature = "ssr")]
    {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }
    #[cfg(not(feature = "ssr"))]
    {
        text
    }
}

/// The language of the document: negotiated by the server, read back from `<html lang>`
/// when the page hydrates so both sides render the same text.
fn document_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        crate::shell::request_lang()
    }
    #[cfg(not(feature = "ssr"))]
    {
        #[cfg(feature = "hydrate")]
        {
            web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
                .and_then(|e| e.get_attribute("lang"))
                .and_then(|tag| Lang::from_tag(&tag))
                .unwrap_or(Lang::ZhCn)
        }
        #[cfg(not(feature = "hydrate"))]
        {
            Lang::ZhCn
        }
    }
}

/// The signed-in taxpayer of this page (`None` inside when nobody is).
#[derive(Clone, Copy)]
pub struct SignedIn(pub Resource<Result<Option<Me>, ServerFnError>>);

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(document_lang());
    // Who is signed in: the header and the session-timeout warning need it on every page.
    let me = Resource::new_blocking(|| (), |_| crate::portal::session::current());
    provide_context(SignedIn(me));

    view! {
        // The empty text is the service name alone: the title is never blank, not even while a
        // lazy route's code is still loading during hydration (axe `document-title`).
        <Title text="" formatter=|page: String| {
            title_text(if page.is_empty() { tr("service-name") } else { format!("{page} – {}", tr("service-name")) })
        }/>
        <Router>
            <SkipLink/>
            <Header/>
            <div class="width-container">
                <main id="main-content" class="main" tabindex="-1">
                    <Routes fallback=|| view! { <NotFound/> }>
                        <Route path=path!("/") view=HomePage/>
                        <Route path=path!("/filing") view={Lazy::<FilingHomeRoute>::new()}/>
                        <Route path=path!("/filing/:kind/:period/:step") view={Lazy::<FilingRoute>::new()}/>
                        <Route path=path!("/filings") view={Lazy::<FilingsRoute>::new()}/>
                        <Route path=path!("/filings/:id") view={Lazy::<FilingDetailRoute>::new()}/>
                        <Route path=path!("/register") view={Lazy::<RegisterRoute>::new()}/>
                        <Route path=path!("/account/security") view={Lazy::<AccountSecurityRoute>::new()} ssr=SsrMode::Async/>
                        // Pages that read data wait for it before sending any HTML (SsrMode::Async),
                        // so they read the same without JavaScript however fast storage answers.
                        <Route path=path!("/self-check") view={Lazy::<SelfCheckRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/guidance") view={Lazy::<GuidanceRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/guidance/:slug") view={Lazy::<ArticleRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/consultations") view={Lazy::<ConsultationsRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/consultations/:id") view={Lazy::<ConsultationRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/staff") view={Lazy::<StaffRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/staff/articles") view={Lazy::<StaffRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/staff/articles/new") view={Lazy::<StaffRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/staff/articles/:slug") view={Lazy::<StaffRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/staff/articles/:slug/edit") view={Lazy::<StaffRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/staff/consultations") view={Lazy::<StaffRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/staff/consultations/:id") view={Lazy::<StaffRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/staff/audit") view={Lazy::<StaffRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/staff/security") view={Lazy::<StaffRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/staff/members") view={Lazy::<StaffRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/staff/benchmarks") view={Lazy::<StaffRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/staff/benchmarks/:id") view={Lazy::<StaffRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/calculators") view=CalculatorsIndex/>
                        <Route path=path!("/calculators/:kind") view={Lazy::<CalculatorRoute>::new()}/>
                        <Route path=path!("/sign-in") view={Lazy::<SignInRoute>::new()}/>
                    </Routes>
                </main>
            </div>
            <Footer/>
            <Suspense fallback=|| ()>
                {move || me.get().and_then(Result::ok).flatten().map(|me: Me| view! { <SessionTimeout idle_seconds=me.idle_seconds/> })}
            </Suspense>
        </Router>
    }
}
