//! Answers the pages' data requests from storage, for the taxpayer of the request.
use std::sync::Arc;

use banshui_app::portal::{
    Article, AuditPage, BenchmarkRow, BenchmarksPage, Consultation, ConsultationsPage, DraftPage,
    EditorPage, FilingDetail, FilingEvent, FilingHome, FilingSummary, GuidancePage, Loaded, Me,
    MembersPage, Original, PortalBackend, SavedSelfCheck, SecurityPage, StaffArticlePage, Staffed,
    Task, TaskStatus,
};
use banshui_engine::{
    calculation::Kind,
    filing::{Date, Period},
};
use http::request::Parts;
use serde_json::Value;

use super::{guidance_backend, staff_pages};
use crate::{
    accounts,
    auth::Principal,
    clock::today_in_china,
    drafts,
    filings::{canonical::canonical, store, FilingRow},
    http::ApiError,
    random::sha256_hex,
    state::AppState,
};

pub struct Portal(pub AppState);

impl Portal {
    pub fn handle(state: AppState) -> banshui_app::portal::Backend {
        banshui_app::portal::Backend(Arc::new(Portal(state)))
    }
}

/// Runs a loader on the server's state; storage failures are logged and answered as an error.
fn loaded<T, F>(state: &AppState, load: impl FnOnce(AppState) -> F) -> Loaded<T>
where
    F: std::future::Future<Output = Result<T, ApiError>> + Send + 'static,
    T: 'static,
{
    let work = load(state.clone());
    Box::pin(async move { work.await.map_err(|e| format!("{e:?}")) })
}

/// The signed-in taxpayer of a request, if any.
async fn taxpayer(state: &AppState, parts: &Parts) -> Result<Option<Principal>, ApiError> {
    Ok(Principal::from_headers(&parts.headers, state).await?)
}

impl PortalBackend for Portal {
    fn me(&self, parts: Parts) -> Loaded<Option<Me>> {
        loaded(&self.0, |state| async move {
            match taxpayer(&state, &parts).await? {
                Some(p) => me(&state, &p).await,
                None => Ok(None),
            }
        })
    }

    fn filing_home(&self, parts: Parts) -> Loaded<Option<FilingHome>> {
        loaded(&self.0, |state| async move {
            let Some(p) = taxpayer(&state, &parts).await? else {
                return Ok(None);
            };
            let Some(me) = me(&state, &p).await? else {
                return Ok(None);
            };
            let tasks = tasks(&state, &p.taxpayer_id).await?;
            Ok(Some(FilingHome { me, tasks }))
        })
    }

    fn draft(&self, parts: Parts, kind: String, period: String) -> Loaded<Option<DraftPage>> {
        loaded(&self.0, |state| async move {
            let Some(p) = taxpayer(&state, &parts).await? else {
                return Ok(None);
            };
            let (Some(kind), Some(period)) = (Kind::from_slug(&kind), Period::parse(&period))
            else {
                return Ok(None);
            };
            let page = draft_page(&state, &p.taxpayer_id, kind, &period.to_string()).await?;
            Ok(Some(page))
        })
    }

    fn filings(&self, parts: Parts) -> Loaded<Option<Vec<FilingSummary>>> {
        loaded(&self.0, |state| async move {
            let Some(p) = taxpayer(&state, &parts).await? else {
                return Ok(None);
            };
            let rows = store::list(&state.db, &p.taxpayer_id).await?;
            Ok(Some(
                rows.iter()
                    .map(|(r, by)| summary(r, by.as_deref()))
                    .collect(),
            ))
        })
    }

    fn filing(&self, parts: Parts, id: String) -> Loaded<Option<FilingDetail>> {
        loaded(&self.0, |state| async move {
            match taxpayer(&state, &parts).await? {
                Some(p) => filing_detail(&state, &p.taxpayer_id, &id).await,
                None => Ok(None),
            }
        })
    }

    fn guidance(
        &self,
        q: String,
        tax_type: String,
        kind: String,
        lang: String,
    ) -> Loaded<GuidancePage> {
        loaded(&self.0, |state| async move {
            guidance_backend::guidance(&state, &q, &tax_type, &kind, &lang).await
        })
    }

    fn article(&self, slug: String) -> Loaded<Option<Article>> {
        loaded(&self.0, |state| async move {
            guidance_backend::article(&state, &slug).await
        })
    }

    fn consultations(&self, parts: Parts, stash: bool) -> Loaded<Option<ConsultationsPage>> {
        loaded(&self.0, |state| async move {
            let Some(p) = taxpayer(&state, &parts).await? else {
                return Ok(None);
            };
            Ok(Some(
                guidance_backend::consultations(&state, &p, stash).await?,
            ))
        })
    }

    fn consultation(&self, parts: Parts, id: String) -> Loaded<Option<Consultation>> {
        loaded(&self.0, |state| async move {
            match taxpayer(&state, &parts).await? {
                Some(p) => guidance_backend::consultation(&state, &p, &id).await,
                None => Ok(None),
            }
        })
    }

    fn benchmarks(&self, industry: String, taxpayer_type: String) -> Loaded<Vec<BenchmarkRow>> {
        loaded(&self.0, |state| async move {
            guidance_backend::benchmarks(&state, &industry, &taxpayer_type).await
        })
    }

    fn self_checks(&self, parts: Parts) -> Loaded<Option<Vec<SavedSelfCheck>>> {
        loaded(&self.0, |state| async move {
            let Some(p) = taxpayer(&state, &parts).await? else {
                return Ok(None);
            };
            let saved = crate::self_check::list(&state.db, &p.taxpayer_id).await?;
            Ok(Some(saved.iter().map(saved_self_check).collect()))
        })
    }

    fn staff_home(&self, parts: Parts) -> Loaded<Staffed<()>> {
        loaded(&self.0, |state| async move {
            staff_pages::home(&state, &parts).await
        })
    }

    fn staff_articles(&self, parts: Parts) -> Loaded<Staffed<Vec<Article>>> {
        loaded(&self.0, |state| async move {
            staff_pages::articles(&state, &parts).await
        })
    }

    fn staff_article(
        &self,
        parts: Parts,
        slug: String,
        from: Option<i64>,
        to: Option<i64>,
    ) -> Loaded<Staffed<StaffArticlePage>> {
        loaded(&self.0, |state| async move {
            staff_pages::article(&state, &parts, &slug, from, to).await
        })
    }

    fn staff_editor(
        &self,
        parts: Parts,
        slug: Option<String>,
        stash: bool,
    ) -> Loaded<Staffed<EditorPage>> {
        loaded(&self.0, |state| async move {
            staff_pages::editor(&state, &parts, slug.as_deref(), stash).await
        })
    }

    fn staff_queue(
        &self,
        parts: Parts,
        status: String,
        tax_type: String,
    ) -> Loaded<Staffed<Vec<Consultation>>> {
        loaded(&self.0, |state| async move {
            staff_pages::queue(&state, &parts, status, tax_type).await
        })
    }

    fn staff_consultation(&self, parts: Parts, id: String) -> Loaded<Staffed<Consultation>> {
        loaded(&self.0, |state| async move {
            staff_pages::consultation(&state, &parts, &id).await
        })
    }

    fn staff_benchmarks(
        &self,
        parts: Parts,
        id: Option<String>,
        stash: bool,
    ) -> Loaded<Staffed<BenchmarksPage>> {
        loaded(&self.0, |state| async move {
            staff_pages::benchmarks(&state, &parts, id.as_deref(), stash).await
        })
    }

    fn staff_members(&self, parts: Parts, stash: bool) -> Loaded<Staffed<MembersPage>> {
        loaded(&self.0, |state| async move {
            staff_pages::members(&state, &parts, stash).await
        })
    }

    fn staff_audit(&self, parts: Parts, cursor: String) -> Loaded<Staffed<AuditPage>> {
        loaded(&self.0, |state| async move {
            staff_pages::audit_log(&state, &parts, &cursor).await
        })
    }

    fn account_security(&self, parts: Parts) -> Loaded<Option<SecurityPage>> {
        loaded(&self.0, |state| async move {
            let Some(p) = taxpayer(&state, &parts).await? else {
                return Ok(None);
            };
            // Security settings need the person's session, not an API token.
            let crate::auth::Via::Session(session) = &p.via else {
                return Ok(None);
            };
            let me = crate::auth::security::Me {
                realm: crate::auth::sessions::TAXPAYERS,
                holder: &p.taxpayer_id,
                session,
                address: &crate::http::client_address(&parts.extensions),
                second_factor_required: false,
            };
            Ok(Some(super::security_page::page(&state, &me).await?))
        })
    }

    fn staff_security(&self, parts: Parts) -> Loaded<Staffed<SecurityPage>> {
        loaded(&self.0, |state| async move {
            staff_pages::security(&state, &parts).await
        })
    }
}

fn summary(row: &FilingRow, superseded_by: Option<&str>) -> FilingSummary {
    FilingSummary {
        id: row.id.clone(),
        receipt_number: row.receipt_number.to_string(),
        kind: row.kind.slug().to_string(),
        period: row.period.to_string(),
        submitted_at: row.submitted_at.clone(),
        status: if superseded_by.is_some() {
            "superseded"
        } else {
            "filed"
        }
        .into(),
        amount_due: row.amount_due.to_string(),
        refund_due: row.refund_due.to_string(),
        supersedes: row.supersedes.clone(),
    }
}

/// The periods a taxpayer is most likely filing now (relative to today in China).
fn current_tasks(today: Date) -> Vec<(Kind, Period)> {
    let last_year = Period::Year(today.year - 1);
    let quarter = today.month.div_ceil(3);
    let last_quarter = if quarter == 1 {
        Period::Quarter(today.year - 1, 4)
    } else {
        Period::Quarter(today.year, quarter - 1)
    };
    vec![
        (Kind::IitAnnual, last_year),
        (Kind::IitBusiness, last_year),
        (Kind::IitBusinessPrepayment, last_quarter),
        (Kind::VatSmallScale, last_quarter),
        (Kind::CitPrepayment, last_quarter),
        (Kind::StampDuty, last_quarter),
    ]
}

/// A saved self-check for the page: its figures as the page's query string.
fn saved_self_check(s: &crate::self_check::Saved) -> banshui_app::portal::SavedSelfCheck {
    let kept = s.figures();
    let mut query = vec![format!("industry={}", super::forms::enc(&s.industry))];
    if let Some(t) = &kept.taxpayer_type {
        query.push(format!("taxpayer_type={}", super::forms::enc(t)));
    }
    for (group, figures) in [
        ("current", Some(&kept.current)),
        ("base", kept.base.as_ref()),
    ] {
        if let Some(figures) = figures {
            for (name, value) in figures {
                let text = match value {
                    Value::String(t) => t.clone(),
                    Value::Number(n) => n.to_string(),
                    _ => continue,
                };
                query.push(format!(
                    "{group}.{}={}",
                    super::forms::enc(name),
                    super::forms::enc(&text)
                ));
            }
        }
    }
    banshui_app::portal::SavedSelfCheck {
        id: s.id.clone(),
        label: s.label.clone(),
        industry: s.industry.clone(),
        flagged: s.flagged,
        created_at: s.created_at.clone(),
        query: query.join("&"),
    }
}

async fn me(state: &AppState, principal: &Principal) -> Result<Option<Me>, ApiError> {
    Ok(accounts::find(&state.db, &principal.taxpayer_id)
        .await?
        .map(|a| Me {
            taxpayer_id: a.taxpayer_id,
            name: a.name,
            kind: a.kind,
            idle_seconds: principal.idle_left.unwrap_or(state.auth.idle_secs),
        }))
}

async fn tasks(state: &AppState, who: &str) -> Result<Vec<Task>, ApiError> {
    let filings = store::list(&state.db, who).await?;
    let drafts = drafts::store::list(&state.db, who).await?;
    let mut wanted: Vec<(Kind, String)> = current_tasks(today_in_china())
        .into_iter()
        .map(|(k, p)| (k, p.to_string()))
        .collect();
    let mut others: Vec<(Kind, String)> = drafts
        .iter()
        .map(|d| (d.kind, d.period.to_string()))
        .chain(filings.iter().map(|(f, _)| (f.kind, f.period.to_string())))
        .collect();
    others.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.slug().cmp(b.0.slug())));
    for item in others {
        if !wanted.contains(&item) {
            wanted.push(item);
        }
    }
    Ok(wanted
        .into_iter()
        .filter_map(|(kind, period)| {
            let p = Period::parse(&period)?;
            let current = filings
                .iter()
                .find(|(f, by)| f.kind == kind && f.period == p && by.is_none())
                .map(|(f, _)| f);
            let draft = drafts.iter().find(|d| d.kind == kind && d.period == p);
            let status = match (current, draft) {
                (Some(f), _) if f.supersedes.is_some() => TaskStatus::Corrected,
                (Some(_), _) => TaskStatus::Filed,
                (None, Some(_)) => TaskStatus::Draft,
                (None, None) => TaskStatus::NotStarted,
            };
            Some(Task {
                kind: kind.slug().to_string(),
                period: period.clone(),
                opens: p.opens(kind).to_string(),
                deadline: p.deadline(kind).to_string(),
                status,
                filing_id: current.map(|f| f.id.clone()),
                correcting: current.is_some() && draft.is_some_and(|d| d.supersedes.is_some()),
            })
        })
        .collect())
}

/// The key a check page submits with: one per version of the draft, so a double click or a
/// resubmitted form files once, and a changed draft files as a new submission.
pub fn ui_idempotency_key(
    who: &str,
    kind: Kind,
    period: &str,
    data: &Value,
    updated_at: &str,
) -> String {
    let text = format!(
        "{who}|{}|{period}|{updated_at}|{}",
        kind.slug(),
        canonical(data)
    );
    format!("ui-{}", &sha256_hex(text.as_bytes())[..40])
}

async fn draft_page(
    state: &AppState,
    who: &str,
    kind: Kind,
    period: &str,
) -> Result<DraftPage, ApiError> {
    let draft = match Period::parse(period) {
        Some(p) => drafts::store::find(&state.db, who, kind, p).await?,
        None => None,
    };
    let (data, updated_at, supersedes) = match &draft {
        Some(d) => (
            d.data.as_value().clone(),
            Some(d.updated_at.clone()),
            d.supersedes.clone(),
        ),
        None => (Value::Object(Default::default()), None, None),
    };
    // A new 经营所得 return starts from the taxpayer's own earlier prepayment of the year; the
    // answers that still hold those values stay marked as filled in (until changed).
    let start = match (&draft, Period::parse(period)) {
        (Some(d), _) if d.supersedes.is_some() => None,
        (_, Some(p)) => drafts::service::starting_answers(&state.db, who, kind, p).await?,
        _ => None,
    };
    let (data, prefilled_from, prefilled_fields) = match start {
        Some((start, from)) => {
            let data = if draft.is_some() { data } else { start.clone() };
            let fields: Vec<String> = banshui_engine::filing::prefill::still_held(&start, &data)
                .into_iter()
                .map(str::to_string)
                .collect();
            let from = (!fields.is_empty()).then(|| from.to_string());
            (data, from, fields)
        }
        None => (data, None, Vec::new()),
    };
    let original = match &supersedes {
        Some(id) => store::find(&state.db, who, id).await?.map(|f| Original {
            id: f.id.clone(),
            receipt_number: f.receipt_number.to_string(),
            data: f.data(),
            amount_due: f.amount_due.to_string(),
            refund_due: f.refund_due.to_string(),
        }),
        None => None,
    };
    let current = store::current(&state.db, who, kind.slug(), period).await?;
    let previous = if banshui_engine::self_check::codes_for(kind).is_empty() {
        Vec::new()
    } else {
        store::previous_results(&state.db, who, kind.slug(), period).await?
    };
    let kept = super::stash::take(
        &state.db,
        &format!("taxpayer:{who}"),
        &super::forms::explanations_form(kind, period),
    )
    .await?;
    // (indicator, what the taxpayer wrote)
    let explanations = kept.map(|k| k.0).unwrap_or_default();
    Ok(DraftPage {
        previous,
        explanations,
        kind: kind.slug().to_string(),
        period: period.to_string(),
        idempotency_key: ui_idempotency_key(
            who,
            kind,
            period,
            &data,
            updated_at.as_deref().unwrap_or(""),
        ),
        data,
        prefilled_from,
        prefilled_fields,
        saved: draft.is_some(),
        updated_at,
        already_filed: current.filter(|_| original.is_none()),
        original,
    })
}

async fn filing_detail(
    state: &AppState,
    who: &str,
    id: &str,
) -> Result<Option<FilingDetail>, ApiError> {
    let Some(row) = store::find(&state.db, who, id).await? else {
        return Ok(None);
    };
    let by = store::superseded_by(&state.db, &row.id).await?;
    let events = store::events(&state.db, &row.id)
        .await?
        .into_iter()
        .map(|e| FilingEvent {
            at: e["at"].as_str().unwrap_or("").to_string(),
            kind: e["type"].as_str().unwrap_or("").to_string(),
            receipt_number: e["detail"]["receipt_number"].as_str().map(str::to_string),
        })
        .collect();
    Ok(Some(FilingDetail {
        summary: summary(&row, by.as_deref()),
        payment_deadline: row.payment_deadline.clone(),
        payment_reference: row.payment_reference(),
        content_sha256: row.content_sha256.clone(),
        engine_version: row.engine_version.clone(),
        result: row.stored_result(),
        data: row.data(),
        events,
        superseded_by: by,
        explanations: row.explanation_pairs(),
    }))
}
