//! The server side of the page data: one typed loader per page, a trait the server implements
//! over its services. Loaders that depend on who is asking get the HTTP request's parts (its
//! cookie).
use std::{future::Future, pin::Pin, sync::Arc};

use http::request::Parts;
use leptos::prelude::*;

use super::data::{
    Article, AuditPage, BenchmarkRow, BenchmarksPage, Consultation, ConsultationsPage, DraftPage,
    EditorPage, FilingDetail, FilingHome, FilingSummary, GuidancePage, Me, MembersPage,
    SavedSelfCheck, StaffArticlePage, Staffed,
};
use super::security_data::SecurityPage;

/// What a loader answers: the page's data, or why it could not be loaded (for the log).
pub type Loaded<T> = Pin<Box<dyn Future<Output = Result<T, String>> + Send>>;

/// The page data the server provides. `None` where a page needs a signed-in taxpayer and there
/// is none, or the object is not the caller's.
pub trait PortalBackend: Send + Sync {
    fn me(&self, parts: Parts) -> Loaded<Option<Me>>;
    fn filing_home(&self, parts: Parts) -> Loaded<Option<FilingHome>>;
    fn draft(&self, parts: Parts, kind: String, period: String) -> Loaded<Option<DraftPage>>;
    fn filings(&self, parts: Parts) -> Loaded<Option<Vec<FilingSummary>>>;
    fn filing(&self, parts: Parts, id: String) -> Loaded<Option<FilingDetail>>;
    fn guidance(
        &self,
        q: String,
        tax_type: String,
        kind: String,
        lang: String,
    ) -> Loaded<GuidancePage>;
    fn article(&self, slug: String) -> Loaded<Option<Article>>;
    fn consultations(&self, parts: Parts, stash: bool) -> Loaded<Option<ConsultationsPage>>;
    fn consultation(&self, parts: Parts, id: String) -> Loaded<Option<Consultation>>;
    /// The benchmarks of an industry for a taxpayer type (`general`, `small_scale`, or blank).
    fn benchmarks(&self, industry: String, taxpayer_type: String) -> Loaded<Vec<BenchmarkRow>>;
    fn self_checks(&self, parts: Parts) -> Loaded<Option<Vec<SavedSelfCheck>>>;
    // The staff console, one loader per page; each decides what the caller's role may see.
    fn staff_home(&self, parts: Parts) -> Loaded<Staffed<()>>;
    fn staff_articles(&self, parts: Parts) -> Loaded<Staffed<Vec<Article>>>;
    fn staff_article(
        &self,
        parts: Parts,
        slug: String,
        from: Option<i64>,
        to: Option<i64>,
    ) -> Loaded<Staffed<StaffArticlePage>>;
    /// The editor for a new article (`slug` `None`) or a new version of one.
    fn staff_editor(
        &self,
        parts: Parts,
        slug: Option<String>,
        stash: bool,
    ) -> Loaded<Staffed<EditorPage>>;
    fn staff_queue(
        &self,
        parts: Parts,
        status: String,
        tax_type: String,
    ) -> Loaded<Staffed<Vec<Consultation>>>;
    fn staff_consultation(&self, parts: Parts, id: String) -> Loaded<Staffed<Consultation>>;
    /// The benchmarks, with the one `id` names opened for editing.
    fn staff_benchmarks(
        &self,
        parts: Parts,
        id: Option<String>,
        stash: bool,
    ) -> Loaded<Staffed<BenchmarksPage>>;
    fn staff_members(&self, parts: Parts, stash: bool) -> Loaded<Staffed<MembersPage>>;
    fn staff_audit(&self, parts: Parts, cursor: String) -> Loaded<Staffed<AuditPage>>;
    /// The signed-in person's own security settings (`None`: no taxpayer is signed in).
    fn account_security(&self, parts: Parts) -> Loaded<Option<SecurityPage>>;
    /// A staff member's security settings (reachable before two-step sign-in is on).
    fn staff_security(&self, parts: Parts) -> Loaded<Staffed<SecurityPage>>;
}

/// The backend as the server puts it in the Leptos context.
#[derive(Clone)]
pub struct Backend(pub Arc<dyn PortalBackend>);

/// The backend and the parts of the request being answered.
pub fn backend() -> Result<(Arc<dyn PortalBackend>, Parts), ServerFnError> {
    let backend = use_context::<Backend>()
        .ok_or_else(|| ServerFnError::new("no portal backend in the context"))?;
    let parts =
        use_context::<Parts>().ok_or_else(|| ServerFnError::new("no request in the context"))?;
    Ok((backend.0, parts))
}

/// Awaits a loader, as a server function's result.
pub async fn load<T>(loaded: Loaded<T>) -> Result<T, ServerFnError> {
    loaded.await.map_err(ServerFnError::new)
}
