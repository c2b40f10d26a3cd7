//! What the signed-in pages show, loaded through server functions: rendered on the server
//! with the data in place (and serialized into the page), fetched from the server when the
//! browser navigates by itself. The ui crate knows nothing of storage: the server provides a
//! [`Backend`] in the context that answers these requests.
#[cfg(feature = "ssr")]
mod backend;
mod data;
mod guidance_data;
mod security_data;
pub mod session;
mod staff_data;
mod stash;

#[cfg(feature = "ssr")]
pub use backend::{Backend, Loaded, PortalBackend};
pub use data::*;
pub use security_data::*;

use leptos::prelude::*;

/// The signed-in taxpayer, or `None`.
#[server(prefix = "/sfn", endpoint = "me")]
pub async fn load_me() -> Result<Option<Me>, ServerFnError> {
    let (b, parts) = backend::backend()?;
    backend::load(b.me(parts)).await
}

#[server(prefix = "/sfn", endpoint = "filing-home")]
pub async fn load_filing_home() -> Result<Option<FilingHome>, ServerFnError> {
    let (b, parts) = backend::backend()?;
    backend::load(b.filing_home(parts)).await
}

#[server(prefix = "/sfn", endpoint = "draft")]
pub async fn load_draft(kind: String, period: String) -> Result<Option<DraftPage>, ServerFnError> {
    let (b, parts) = backend::backend()?;
    backend::load(b.draft(parts, kind, period)).await
}

#[server(prefix = "/sfn", endpoint = "filings")]
pub async fn load_filings() -> Result<Option<Vec<FilingSummary>>, ServerFnError> {
    let (b, parts) = backend::backend()?;
    backend::load(b.filings(parts)).await
}

#[server(prefix = "/sfn", endpoint = "filing")]
pub async fn load_filing(id: String) -> Result<Option<FilingDetail>, ServerFnError> {
    let (b, parts) = backend::backend()?;
    backend::load(b.filing(parts, id)).await
}

#[server(prefix = "/sfn", endpoint = "guidance")]
pub async fn load_guidance(
    q: String,
    tax_type: String,
    kind: String,
    lang: String,
) -> Result<GuidancePage, ServerFnError> {
    let (b, _) = backend::backend()?;
    backend::load(b.guidance(q, tax_type, kind, lang)).await
}

#[server(prefix = "/sfn", endpoint = "article")]
pub async fn load_article(slug: String) -> Result<Option<Article>, ServerFnError> {
    let (b, _) = backend::backend()?;
    backend::load(b.article(slug)).await
}

#[server(prefix = "/sfn", endpoint = "consultations")]
pub async fn load_consultations(stash: bool) -> Result<Option<ConsultationsPage>, ServerFnError> {
    let (b, parts) = backend::backend()?;
    backend::load(b.consultations(parts, stash)).await
}

#[server(prefix = "/sfn", endpoint = "consultation")]
pub async fn load_consultation(id: String) -> Result<Option<Consultation>, ServerFnError> {
    let (b, parts) = backend::backend()?;
    backend::load(b.consultation(parts, id)).await
}

#[server(prefix = "/sfn", endpoint = "staff-home")]
pub async fn load_staff_home() -> Result<Staffed<()>, ServerFnError> {
    let (b, parts) = backend::backend()?;
    backend::load(b.staff_home(parts)).await
}

#[server(prefix = "/sfn", endpoint = "staff-articles")]
pub async fn load_staff_articles() -> Result<Staffed<Vec<Article>>, ServerFnError> {
    let (b, parts) = backend::backend()?;
    backend::load(b.staff_articles(parts)).await
}

#[server(prefix = "/sfn", endpoint = "staff-article")]
pub async fn load_staff_article(
    slug: String,
    from: Option<i64>,
    to: Option<i64>,
) -> Result<Staffed<StaffArticlePage>, ServerFnError> {
    let (b, parts) = backend::backend()?;
    backend::load(b.staff_article(parts, slug, from, to)).await
}

#[server(prefix = "/sfn", endpoint = "staff-editor")]
pub async fn load_staff_editor(
    slug: Option<String>,
    stash: bool,
) -> Result<Staffed<EditorPage>, ServerFnError> {
    let (b, parts) = backend::backend()?;
    backend::load(b.staff_editor(parts, slug, stash)).await
}

#[server(prefix = "/sfn", endpoint = "staff-queue")]
pub async fn load_staff_queue(
    status: String,
    tax_type: String,
) -> Result<Staffed<Vec<Consultation>>, ServerFnError> {
    let (b, parts) = backend::backend()?;
    backend::load(b.staff_queue(parts, status, tax_type)).await
}

#[server(prefix = "/sfn", endpoint = "staff-consultation")]
pub async fn load_staff_consultation(id: String) -> Result<Staffed<Consultation>, ServerFnError> {
    let (b, parts) = backend::backend()?;
    backend::load(b.staff_consultation(parts, id)).await
}

#[server(prefix = "/sfn", endpoint = "staff-benchmarks")]
pub async fn load_staff_benchmarks(
    id: Option<String>,
    stash: bool,
) -> Result<Staffed<BenchmarksPage>, ServerFnError> {
    let (b, parts) = backend::backend()?;
    backend::load(b.staff_benchmarks(parts, id, stash)).await
}

#[server(prefix = "/sfn", endpoint = "staff-members")]
pub async fn load_staff_members(stash: bool) -> Result<Staffed<MembersPage>, ServerFnError> {
    let (b, parts) = backend::backend()?;
    backend::load(b.staff_members(parts, stash)).await
}

#[server(prefix = "/sfn", endpoint = "staff-audit")]
pub async fn load_staff_audit(cursor: String) -> Result<Staffed<AuditPage>, ServerFnError> {
    let (b, parts) = backend::backend()?;
    backend::load(b.staff_audit(parts, cursor)).await
}

#[server(prefix = "/sfn", endpoint = "account-security")]
pub async fn load_account_security() -> Result<Option<SecurityPage>, ServerFnError> {
    let (b, parts) = backend::backend()?;
    backend::load(b.account_security(parts)).await
}

#[server(prefix = "/sfn", endpoint = "staff-security")]
pub async fn load_staff_security() -> Result<Staffed<SecurityPage>, ServerFnError> {
    let (b, parts) = backend::backend()?;
    backend::load(b.staff_security(parts)).await
}

#[server(prefix = "/sfn", endpoint = "benchmarks")]
pub async fn load_benchmarks(
    industry: String,
    taxpayer_type: String,
) -> Result<Vec<BenchmarkRow>, ServerFnError> {
    let (b, _) = backend::backend()?;
    backend::load(b.benchmarks(industry, taxpayer_type)).await
}

#[server(prefix = "/sfn", endpoint = "self_checks")]
pub async fn load_self_checks() -> Result<Option<Vec<SavedSelfCheck>>, ServerFnError> {
    let (b, parts) = backend::backend()?;
    backend::load(b.self_checks(parts)).await
}
