//! What the signed-in pages show, loaded through server functions: rendered on the server
//! with the data in place (and serialized into the page), fetched from the server when the
//! browser navigates by itself. The ui crate knows nothing of storage: the server provides a
//! [`Backend`] in the context that answers these requests.
#[cfg(feature = "ssr")]
mod backend;
mod data;
mod guidance_data;
pub mod session;

#[cfg(feature = "ssr")]
pub use backend::{Answer, Backend, PortalBackend};
pub use data::*;

use leptos::prelude::*;

/// The signed-in taxpayer, or `None`.
#[server(prefix = "/sfn", endpoint = "me")]
pub async fn load_me() -> Result<Option<Me>, ServerFnError> {
    backend::ask(Request::Me).await.map(|r| match r {
        Response::Me(me) => me,
        _ => None,
    })
}

#[server(prefix = "/sfn", endpoint = "filing-home")]
pub async fn load_filing_home() -> Result<Option<FilingHome>, ServerFnError> {
    backend::ask(Request::FilingHome).await.map(|r| match r {
        Response::FilingHome(home) => home,
        _ => None,
    })
}

#[server(prefix = "/sfn", endpoint = "draft")]
pub async fn load_draft(kind: String, period: String) -> Result<Option<DraftPage>, ServerFnError> {
    backend::ask(Request::Draft { kind, period })
        .await
        .map(|r| match r {
            Response::Draft(d) => d,
            _ => None,
        })
}

#[server(prefix = "/sfn", endpoint = "filings")]
pub async fn load_filings() -> Result<Option<Vec<FilingSummary>>, ServerFnError> {
    backend::ask(Request::Filings).await.map(|r| match r {
        Response::Filings(list) => list,
        _ => None,
    })
}

#[server(prefix = "/sfn", endpoint = "filing")]
pub async fn load_filing(id: String) -> Result<Option<FilingDetail>, ServerFnError> {
    backend::ask(Request::Filing { id }).await.map(|r| match r {
        Response::Filing(f) => f,
        _ => None,
    })
}

#[server(prefix = "/sfn", endpoint = "guidance")]
pub async fn load_guidance(
    q: String,
    tax_type: String,
    kind: String,
    lang: String,
) -> Result<GuidancePage, ServerFnError> {
    backend::ask(Request::Guidance {
        q,
        tax_type,
        kind,
        lang,
    })
    .await
    .and_then(|r| match r {
        Response::Guidance(page) => Ok(page),
        _ => Err(ServerFnError::new("unexpected answer")),
    })
}

#[server(prefix = "/sfn", endpoint = "article")]
pub async fn load_article(slug: String) -> Result<Option<Article>, ServerFnError> {
    backend::ask(Request::Article { slug })
        .await
        .map(|r| match r {
            Response::Article(a) => a,
            _ => None,
        })
}

#[server(prefix = "/sfn", endpoint = "consultations")]
pub async fn load_consultations(stash: bool) -> Result<Option<ConsultationsPage>, ServerFnError> {
    backend::ask(Request::Consultations { stash })
        .await
        .map(|r| match r {
            Response::Consultations(c) => c,
            _ => None,
        })
}

#[server(prefix = "/sfn", endpoint = "consultation")]
pub async fn load_consultation(id: String) -> Result<Option<Consultation>, ServerFnError> {
    backend::ask(Request::Consultation { id })
        .await
        .map(|r| match r {
            Response::Consultation(c) => c,
            _ => None,
        })
}

#[server(prefix = "/sfn", endpoint = "staff")]
pub async fn load_staff(path: String, query: String) -> Result<StaffPage, ServerFnError> {
    backend::ask(Request::Staff { path, query })
        .await
        .and_then(|r| match r {
            Response::Staff(page) => Ok(page),
            _ => Err(ServerFnError::new("unexpected answer")),
        })
}

#[server(prefix = "/sfn", endpoint = "benchmarks")]
pub async fn load_benchmarks(industry: String) -> Result<Vec<BenchmarkRow>, ServerFnError> {
    backend::ask(Request::Benchmarks { industry })
        .await
        .map(|r| match r {
            Response::Benchmarks(rows) => rows,
            _ => Vec::new(),
        })
}

#[server(prefix = "/sfn", endpoint = "self_checks")]
pub async fn load_self_checks() -> Result<Option<Vec<SavedSelfCheck>>, ServerFnError> {
    backend::ask(Request::SelfChecks).await.map(|r| match r {
        Response::SelfChecks(list) => list,
        _ => None,
    })
}
