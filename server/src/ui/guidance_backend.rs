//! The page data of guidance, consultations and the staff console, built from the same JSON
//! the API answers with (so the pages and the API cannot drift apart).
use std::collections::HashMap;

use banshui_app::portal::{
    Article, AuditEntry, BenchmarkRow, Consultation, ConsultationsPage, DiffField, GuidancePage,
    SearchHit, StaffMe, StaffPage, StaffView, VersionInfo,
};
use http::request::Parts;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::stash;
use crate::{
    auth::{Principal, StaffMember},
    consultations::store,
    filings::store as filing_store,
    guidance::{
        articles, diff,
        input::{KINDS, TAX_TYPES},
        search::Filters,
    },
    http::ApiError,
    staff::{audit, Role},
    state::AppState,
};

fn typed<T: DeserializeOwned>(v: Value) -> Result<T, ApiError> {
    serde_json::from_value(v).map_err(|e| {
        tracing::error!(error = %e, "page data does not match the API shape");
        ApiError::Unavailable
    })
}

fn known(value: &str, allowed: &[&str]) -> Option<String> {
    allowed.contains(&value).then(|| value.to_string())
}

pub async fn guidance(
    state: &AppState,
    q: &str,
    tax_type: &str,
    kind: &str,
    lang: &str,
) -> Result<GuidancePage, ApiError> {
    let filters = Filters {
        tax_type: known(tax_type, &TAX_TYPES),
        kind: known(kind, &KINDS),
    };
    let q = q.trim();
    if !q.is_empty() {
        let hits = state
            .search
            .search(&q.chars().take(200).collect::<String>(), lang, &filters, 50)
            .map_err(|e| {
                tracing::error!(error = %e, "search failed");
                ApiError::Unavailable
            })?;
        return Ok(GuidancePage {
            articles: Vec::new(),
            hits: Some(
                hits.into_iter()
                    .map(|h| SearchHit {
                        slug: h.slug,
                        title: h.title,
                        snippet_html: h.snippet_html,
                        kind: h.kind,
                    })
                    .collect(),
            ),
        });
    }
    let mut list = Vec::new();
    for (v, at) in articles::published(&state.db).await? {
        if filters
            .tax_type
            .as_ref()
            .is_some_and(|t| !v.tax_types.contains(t))
            || filters.kind.as_ref().is_some_and(|k| &v.kind != k)
        {
            continue;
        }
        let mut a: Article = typed(v.public_json(Some(&at)))?;
        a.body_html = Default::default();
        list.push(a);
    }
    Ok(GuidancePage {
        articles: list,
        hits: None,
    })
}

/// The benchmarks that apply to an industry today (most specific code first).
pub async fn benchmarks(state: &AppState, industry: &str) -> Result<Vec<BenchmarkRow>, ApiError> {
    let industry = industry.trim().to_uppercase();
    if !banshui_engine::self_check::valid_industry(&industry) {
        return Ok(Vec::new());
    }
    let today = crate::clock::today_in_china().to_string();
    let mut rows: Vec<BenchmarkRow> = crate::benchmarks::for_industry(&state.db, &industry, &today)
        .await?
        .into_iter()
        .map(|(indicator, b)| BenchmarkRow {
            indicator,
            low: b.low.map(|d| d.to_string()),
            high: b.high.map(|d| d.to_string()),
            average: b.average.map(|d| d.to_string()),
            source: b.source,
        })
        .collect();
    rows.sort_by(|a, b| a.indicator.cmp(&b.indicator));
    Ok(rows)
}

pub async fn article(state: &AppState, slug: &str) -> Result<Option<Article>, ApiError> {
    match articles::published_one(&state.db, slug).await? {
        Some((v, at)) => Ok(Some(typed(v.public_json(Some(&at)))?)),
        None => Ok(None),
    }
}

pub async fn consultations(
    state: &AppState,
    who: &Principal,
    stash_wanted: bool,
) -> Result<ConsultationsPage, ApiError> {
    let items = store::list(&state.db, Some(&who.taxpayer_id), None, None)
        .await?
        .into_iter()
        .map(|c| typed(c.taxpayer_json()))
        .collect::<Result<Vec<Consultation>, _>>()?;
    let filings = filing_store::list(&state.db, &who.taxpayer_id)
        .await?
        .into_iter()
        .map(|(f, _)| {
            (
                f.id.clone(),
                format!("{} · {} · {}", f.receipt_number, f.kind.slug(), f.period),
            )
        })
        .collect();
    let stash = if stash_wanted {
        stash::take(
            &state.db,
            &format!("taxpayer:{}", who.taxpayer_id),
            "consultation",
        )
        .await?
    } else {
        None
    };
    Ok(ConsultationsPage {
        items,
        filings,
        stash,
    })
}

pub async fn consultation(
    state: &AppState,
    who: &Principal,
    id: &str,
) -> Result<Option<Consultation>, ApiError> {
    match store::get(&state.db, id, Some(&who.taxpayer_id)).await? {
        Some(c) => Ok(Some(typed(c.taxpayer_json())?)),
        None => Ok(None),
    }
}

fn parse_query(query: &str) -> HashMap<String, String> {
    serde_urlencoded::from_str(query.trim_start_matches('?')).unwrap_or_default()
}

/// What `/staff{path}?{query}` shows to the caller.
pub async fn staff(
    state: &AppState,
    parts: &Parts,
    path: &str,
    query: &str,
) -> Result<StaffPage, ApiError> {
    let Some(member) = StaffMember::from_parts(parts, state).await? else {
        return Ok(StaffPage {
            me: None,
            view: StaffView::SignIn,
        });
    };
    let me = StaffMe {
        username: member.username.clone(),
        role: member.role.as_str().into(),
    };
    let query = parse_query(query);
    let segments: Vec<&str> = path
        .trim_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    let owner = format!("staff:{}", member.username);
    let view = match segments.as_slice() {
        [] => StaffView::Home,
        ["articles"] => StaffView::Articles(
            articles::latest_all(&state.db)
                .await?
                .into_iter()
                .map(|(v, s)| {
                    let mut a: Article = typed(v.staff_json(&s))?;
                    a.body_html = Default::default();
                    a.body_markdown = None;
                    Ok(a)
                })
                .collect::<Result<_, ApiError>>()?,
        ),
        ["articles", "new"] => StaffView::Editor {
            article: None,
            stash: if query.contains_key("stash") {
                stash::take(&state.db, &owner, "article:new").await?
            } else {
                None
            },
        },
        ["articles", slug] | ["articles", slug, "edit"] => {
            let Some((v, s)) = articles::latest(&state.db, slug).await? else {
                return Ok(StaffPage {
                    me: Some(me),
                    view: StaffView::NotFound,
                });
            };
            let article: Article = typed(v.staff_json(&s))?;
            if segments.len() == 3 {
                let stash = if query.contains_key("stash") {
                    stash::take(&state.db, &owner, &format!("article:{slug}")).await?
                } else {
                    None
                };
                StaffView::Editor {
                    article: Some(article),
                    stash,
                }
            } else {
                let all = articles::versions(&state.db, slug).await?;
                let pick = |name: &str| {
                    query
                        .get(name)
                        .and_then(|n| n.parse::<i64>().ok())
                        .and_then(|n| all.iter().find(|v| v.version == n))
                };
                let diff = match (pick("from"), pick("to")) {
                    (Some(a), Some(b)) => Some((
                        a.version,
                        b.version,
                        typed::<Vec<DiffField>>(
                            serde_json::to_value(diff::between(a, b)).unwrap_or_default(),
                        )?,
                    )),
                    _ => None,
                };
                let versions = all
                    .iter()
                    .map(|v| VersionInfo {
                        version: v.version,
                        change_note: v.change_note.clone(),
                        author: v.author.clone(),
                        created_at: v.created_at.clone(),
                    })
                    .collect();
                StaffView::Article {
                    article,
                    versions,
                    diff,
                }
            }
        }
        ["consultations"] => {
            let status = query
                .get("status")
                .and_then(|s| known(s, &crate::consultations::STATUSES));
            let tax_type = query.get("tax_type").and_then(|t| known(t, &TAX_TYPES));
            StaffView::Queue(
                store::list(&state.db, None, status.as_deref(), tax_type.as_deref())
                    .await?
                    .into_iter()
                    .map(|c| typed(c.staff_json()))
                    .collect::<Result<_, _>>()?,
            )
        }
        ["consultations", id] => match store::get(&state.db, id, None).await? {
            Some(c) => StaffView::Consultation(typed(c.staff_json())?),
            None => StaffView::NotFound,
        },
        ["benchmarks"] | ["benchmarks", _] => {
            let items: Vec<Value> = crate::benchmarks::list(&state.db)
                .await?
                .iter()
                .map(crate::benchmarks::stored_json)
                .collect();
            let id = segments.get(1).copied();
            let editing = id.and_then(|id| items.iter().find(|b| b["id"] == id).cloned());
            if id.is_some() && editing.is_none() {
                return Ok(StaffPage {
                    me: Some(me),
                    view: StaffView::NotFound,
                });
            }
            let form = format!("benchmark:{}", id.unwrap_or("new"));
            StaffView::Benchmarks {
                items,
                editing,
                stash: if query.contains_key("stash") {
                    stash::take(&state.db, &owner, &form).await?
                } else {
                    None
                },
                can_edit: member.role >= Role::Publisher,
            }
        }
        ["members"] if member.role < Role::Admin => StaffView::Forbidden,
        ["members"] => StaffView::Members {
            items: crate::staff::list(&state.db)
                .await?
                .iter()
                .map(crate::staff::Member::json)
                .collect(),
            stash: if query.contains_key("stash") {
                stash::take(&state.db, &owner, "staff:new").await?
            } else {
                None
            },
        },
        ["audit"] if member.role < Role::Admin => StaffView::Forbidden,
        ["audit"] => {
            let offset = query
                .get("cursor")
                .and_then(|c| c.strip_prefix('o'))
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            let (entries, more) = audit::page(&state.db, 50, offset).await?;
            StaffView::Audit {
                items: entries
                    .into_iter()
                    .map(|e| AuditEntry {
                        at: e.at,
                        actor: e.actor,
                        action: e.action,
                        object: e.object,
                        detail: e.detail,
                        address: e.address,
                    })
                    .collect(),
                next: more.then(|| format!("o{}", offset + 50)),
            }
        }
        _ => StaffView::NotFound,
    };
    Ok(StaffPage { me: Some(me), view })
}
