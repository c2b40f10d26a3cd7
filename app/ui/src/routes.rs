//! The app's routes. Every page renders completely on the server; hydration adds behaviour.
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, Lazy,
};

use crate::{
    calculators::{CalculatorRoute, CalculatorsIndex},
    i18n::{tr, Lang},
    layout::{Footer, Header, SkipLink},
    pages::{HomePage, NotFound, Section, SectionPage},
};

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

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(document_lang());

    view! {
        <Title formatter=|page: String| {
            if page.is_empty() { tr("service-name") } else { format!("{page} – {}", tr("service-name")) }
        }/>
        <Router>
            <SkipLink/>
            <Header/>
            <div class="width-container">
                <main id="main-content" class="main" tabindex="-1">
                    <Routes fallback=|| view! { <NotFound/> }>
                        <Route path=path!("/") view=HomePage/>
                        <Route path=path!("/filing") view=|| view! { <SectionPage section=Section::Filing/> }/>
                        <Route path=path!("/self-check") view=|| view! { <SectionPage section=Section::SelfCheck/> }/>
                        <Route path=path!("/guidance") view=|| view! { <SectionPage section=Section::Guidance/> }/>
                        <Route path=path!("/calculators") view=CalculatorsIndex/>
                        <Route path=path!("/calculators/:kind") view={Lazy::<CalculatorRoute>::new()}/>
                        <Route path=path!("/sign-in") view=|| view! { <SectionPage section=Section::SignIn/> }/>
                    </Routes>
                </main>
            </div>
            <Footer/>
        </Router>
    }
}
