//! Answers the pages' data requests from storage, for the taxpayer of the request.
use std::sync::Arc;

use banshui_app::portal::{
    Answer, DraftPage, FilingDetail, FilingEvent, FilingHome, FilingSummary, Me, Original,
    PortalBackend, Request, Response, Task, TaskStatus,
};
use banshui_engine::{
    calculation::Kind,
    filing::{Date, Period},
};
use http::request::Parts;
use serde_json::Value;

use super::guidance_backend;
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

impl PortalBackend for Portal {
    fn answer(&self, parts: Parts, request: Request) -> Answer {
        let state = self.0.clone();
        Box::pin(async move {
            answer(&state, &parts, request)
                .await
                .map_err(|e| format!("{e:?}"))
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
        (Kind::VatSmallScale, last_quarter),
        (Kind::CitPrepayment, last_quarter),
        (Kind::StampDuty, last_quarter),
    ]
}

async fn answer(state: &AppState, parts: &Parts, request: Request) -> Result<Response, ApiError> {
    // Public and staff pages do not depend on a taxpayer.
    match &request {
        Request::Guidance {
            q,
            tax_type,
            kind,
            lang,
        } => {
            return Ok(Response::Guidance(
                guidance_backend::guidance(state, q, tax_type, kind, lang).await?,
            ));
        }
        Request::Article { slug } => {
            return Ok(Response::Article(
                guidance_backend::article(state, slug).await?,
            ))
        }
        Request::Staff { path, query } => {
            return Ok(Response::Staff(
                guidance_backend::staff(state, parts, path, query).await?,
            ));
        }
        Request::Benchmarks { industry } => {
            return Ok(Response::Benchmarks(
                guidance_backend::benchmarks(state, industry).await?,
            ));
        }
        _ => {}
    }
    let principal = Principal::from_headers(&parts.headers, state).await?;
    let Some(principal) = principal else {
        return Ok(match request {
            Request::Me => Response::Me(None),
            Request::FilingHome => Response::FilingHome(None),
            Request::Draft { .. } => Response::Draft(None),
            Request::Filings => Response::Filings(None),
            Request::Filing { .. } => Response::Filing(None),
            Request::SignOut => Response::Me(None),
            Request::Consultations { .. } => Response::Consultations(None),
            Request::Consultation { .. } => Response::Consultation(None),
            Request::SelfChecks => Response::SelfChecks(None),
            Request::Guidance { .. }
            | Request::Article { .. }
            | Request::Staff { .. }
            | Request::Benchmarks { .. } => Response::Me(None),
        });
    };
    let who = principal.taxpayer_id.as_str();
    Ok(match request {
        Request::Me => Response::Me(me(state, &principal).await?),
        Request::FilingHome => {
            let Some(me) = me(state, &principal).await? else {
                return Ok(Response::FilingHome(None));
            };
            Response::FilingHome(Some(FilingHome {
                me,
                tasks: tasks(state, who).await?,
            }))
        }
        Request::Draft { kind, period } => {
            let (Some(kind), Some(period)) = (Kind::from_slug(&kind), Period::parse(&period))
            else {
                return Ok(Response::Draft(None));
            };
            Response::Draft(Some(
                draft_page(state, who, kind, &period.to_string()).await?,
            ))
        }
        Request::Filings => {
            let rows = store::list(&state.db, who).await?;
            Response::Filings(Some(
                rows.iter()
                    .map(|(r, by)| summary(r, by.as_deref()))
                    .collect(),
            ))
        }
        Request::Filing { id } => Response::Filing(filing_detail(state, who, &id).await?),
        Request::Consultations { stash } => Response::Consultations(Some(
            guidance_backend::consultations(state, &principal, stash).await?,
        )),
        Request::Consultation { id } => {
            Response::Consultation(guidance_backend::consultation(state, &principal, &id).await?)
        }
        Request::SelfChecks => Response::SelfChecks(Some(
            crate::self_check::list(&state.db, who)
                .await?
                .iter()
                .map(saved_self_check)
                .collect(),
        )),
        Request::Guidance { .. }
        | Request::Article { .. }
        | Request::Staff { .. }
        | Request::Benchmarks { .. } => Response::Me(None),
        Request::SignOut => {
            if let crate::auth::Via::Session(secret) = &principal.via {
                crate::auth::sessions::TAXPAYERS
                    .end(&state.db, secret)
                    .await?;
            }
            Response::Me(None)
        }
    })
}

/// A saved self-check for the page: its figures as the page's query string.
fn saved_self_check(s: &crate::self_check::Saved) -> banshui_app::portal::SavedSelfCheck {
    let request = s.request_json();
    let mut query = vec![format!("industry={}", super::forms::enc(&s.industry))];
    for group in ["current", "base"] {
        if let Some(figures) = request.get(group).and_then(Value::as_object) {
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
    let drafts = drafts::list(&state.db, who).await?;
    let mut wanted: Vec<(Kind, String)> = current_tasks(today_in_china())
        .into_iter()
        .map(|(k, p)| (k, p.to_string()))
        .collect();
    let mut others: Vec<(Kind, String)> = drafts
        .iter()
        .filter_map(|d| Kind::from_slug(&d.kind).map(|k| (k, d.period.clone())))
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
            let draft = drafts
                .iter()
                .find(|d| d.kind == kind.slug() && d.period == period);
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
    let draft = drafts::find(&state.db, who, kind, period).await?;
    let (data, updated_at, supersedes) = match &draft {
        Some(d) => (
            d.data.clone(),
            Some(d.updated_at.clone()),
            d.supersedes.clone(),
        ),
        None => (Value::Object(Default::default()), None, None),
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
    let explanations = kept
        .as_ref()
        .map(store::explanation_pairs)
        .unwrap_or_default();
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
