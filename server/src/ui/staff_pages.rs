//! The staff console's page data, one loader per page. Each finds the signed-in member, checks
//! the role the page needs, and reads what the page shows.
use std::future::Future;

use banshui_app::portal::{
    Article, ArticleDiff, AuditEntry, AuditPage, BenchmarkItem, BenchmarksPage, Bilingual,
    Consultation, DiffChange, DiffField, EditorPage, MembersPage, StaffArticlePage, StaffMe,
    StaffMemberRow, Staffed, VersionInfo,
};
use http::request::Parts;

use super::{
    guidance_backend::{known, staff_article, staff_consultation},
    stash,
};
use crate::{
    auth::StaffMember,
    benchmarks::Stored,
    consultations::store,
    guidance::{articles, diff, input::TAX_TYPES},
    http::ApiError,
    staff::{audit, Member, Role},
    state::AppState,
};

/// The page a loader found (`None`: no such object), for a member with at least the role
/// `least`; the sign-in form for anyone else.
async fn page<T, F, Fut>(
    state: &AppState,
    parts: &Parts,
    least: Role,
    load: F,
) -> Result<Staffed<T>, ApiError>
where
    F: FnOnce(StaffMember) -> Fut,
    Fut: Future<Output = Result<Option<T>, ApiError>>,
{
    page_with(state, parts, least, false, load).await
}

/// [`page`], also for a member who must still turn on two-step sign-in when `while_enrolling`.
async fn page_with<T, F, Fut>(
    state: &AppState,
    parts: &Parts,
    least: Role,
    while_enrolling: bool,
    load: F,
) -> Result<Staffed<T>, ApiError>
where
    F: FnOnce(StaffMember) -> Fut,
    Fut: Future<Output = Result<Option<T>, ApiError>>,
{
    let Some(member) = StaffMember::from_parts(parts, state).await? else {
        return Ok(Staffed::SignIn);
    };
    let me = StaffMe {
        username: member.username.clone(),
        role: member.role.as_str().into(),
    };
    if member.must_enrol && !while_enrolling {
        return Ok(Staffed::EnrolSecondFactor { me });
    }
    if member.role < least {
        return Ok(Staffed::Forbidden { me });
    }
    Ok(match load(member).await? {
        Some(page) => Staffed::Shown { me, page },
        None => Staffed::NotFound { me },
    })
}

/// What a refused form of this member kept, when the address asks for it.
async fn kept(
    state: &AppState,
    member: &StaffMember,
    wanted: bool,
    form: &str,
) -> Result<Option<stash::FormStash>, ApiError> {
    if !wanted {
        return Ok(None);
    }
    let owner = format!("staff:{}", member.username);
    Ok(stash::take(&state.db, &owner, form).await?)
}

pub async fn home(state: &AppState, parts: &Parts) -> Result<Staffed<()>, ApiError> {
    page(state, parts, Role::Editor, |_| async { Ok(Some(())) }).await
}

/// Every article with its workflow state (bodies left out).
pub async fn articles(state: &AppState, parts: &Parts) -> Result<Staffed<Vec<Article>>, ApiError> {
    page(state, parts, Role::Editor, |_| async {
        let list = articles::latest_all(&state.db)
            .await?
            .iter()
            .map(|(v, s)| Article {
                body_html: Bilingual::default(),
                body_markdown: None,
                ..staff_article(v, s)
            })
            .collect();
        Ok(Some(list))
    })
    .await
}

/// One article: its latest version, every version, and the comparison of `from` with `to`.
pub async fn article(
    state: &AppState,
    parts: &Parts,
    slug: &str,
    from: Option<i64>,
    to: Option<i64>,
) -> Result<Staffed<StaffArticlePage>, ApiError> {
    page(state, parts, Role::Editor, |_| async move {
        let Some((latest, s)) = articles::latest(&state.db, slug).await? else {
            return Ok(None);
        };
        let all = articles::versions(&state.db, slug).await?;
        let pick = |n: Option<i64>| n.and_then(|n| all.iter().find(|v| v.version == n));
        let diff = match (pick(from), pick(to)) {
            (Some(a), Some(b)) => Some(ArticleDiff {
                from: a.version,
                to: b.version,
                fields: diff::between(a, b)
                    .into_iter()
                    .map(|f| DiffField {
                        field: f.field.to_string(),
                        changes: f
                            .changes
                            .into_iter()
                            .map(|c| DiffChange {
                                op: c.op.to_string(),
                                text: c.text,
                            })
                            .collect(),
                    })
                    .collect(),
            }),
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
        Ok(Some(StaffArticlePage {
            article: staff_article(&latest, &s),
            versions,
            diff,
        }))
    })
    .await
}

/// The editor: empty for a new article, else the latest version of `slug`.
pub async fn editor(
    state: &AppState,
    parts: &Parts,
    slug: Option<&str>,
    stash_wanted: bool,
) -> Result<Staffed<EditorPage>, ApiError> {
    page(state, parts, Role::Editor, |member| async move {
        let Some(slug) = slug else {
            let stash = kept(state, &member, stash_wanted, "article:new").await?;
            return Ok(Some(EditorPage {
                article: None,
                stash,
            }));
        };
        let Some((v, s)) = articles::latest(&state.db, slug).await? else {
            return Ok(None);
        };
        let stash = kept(state, &member, stash_wanted, &format!("article:{slug}")).await?;
        Ok(Some(EditorPage {
            article: Some(staff_article(&v, &s)),
            stash,
        }))
    })
    .await
}

/// 咨询受理: the queue, filtered by a known status and tax type (anything else: no filter).
pub async fn queue(
    state: &AppState,
    parts: &Parts,
    status: String,
    tax_type: String,
) -> Result<Staffed<Vec<Consultation>>, ApiError> {
    page(state, parts, Role::Editor, |_| async move {
        let status = known(&status, &crate::consultations::STATUSES);
        let tax_type = known(&tax_type, &TAX_TYPES);
        let items = store::list(&state.db, None, status.as_deref(), tax_type.as_deref())
            .await?
            .iter()
            .map(staff_consultation)
            .collect();
        Ok(Some(items))
    })
    .await
}

pub async fn consultation(
    state: &AppState,
    parts: &Parts,
    id: &str,
) -> Result<Staffed<Consultation>, ApiError> {
    page(state, parts, Role::Editor, |_| async move {
        Ok(store::get(&state.db, id, None)
            .await?
            .as_ref()
            .map(staff_consultation))
    })
    .await
}

fn benchmark_item(stored: &Stored) -> BenchmarkItem {
    let (id, version, b, _, _) = stored;
    let text = |d: Option<rust_decimal::Decimal>| d.map(|d| d.to_string());
    BenchmarkItem {
        id: id.clone(),
        version: *version,
        industry: b.industry.clone(),
        industry_name: Bilingual {
            zh: b.industry_name[0].clone(),
            en: b.industry_name[1].clone(),
        },
        indicator: b.indicator.clone(),
        taxpayer_type: b.taxpayer_type.map(|t| t.as_str().to_string()),
        average: text(b.average),
        tolerance: text(b.tolerance),
        low: text(b.low),
        high: text(b.high),
        source: b.source.clone(),
        indicative: b.indicative,
        effective_from: b.effective_from.clone(),
        effective_to: b.effective_to.clone(),
    }
}

/// 行业参考值: every benchmark, with the one `id` names opened for editing.
pub async fn benchmarks(
    state: &AppState,
    parts: &Parts,
    id: Option<&str>,
    stash_wanted: bool,
) -> Result<Staffed<BenchmarksPage>, ApiError> {
    page(state, parts, Role::Editor, |member| async move {
        let items: Vec<BenchmarkItem> = crate::benchmarks::list(&state.db)
            .await?
            .iter()
            .map(benchmark_item)
            .collect();
        let editing = match id {
            Some(id) => match items.iter().find(|b| b.id == id) {
                Some(b) => Some(b.clone()),
                None => return Ok(None),
            },
            None => None,
        };
        let form = format!("benchmark:{}", id.unwrap_or("new"));
        Ok(Some(BenchmarksPage {
            stash: kept(state, &member, stash_wanted, &form).await?,
            can_edit: member.role >= Role::Publisher,
            items,
            editing,
        }))
    })
    .await
}

fn member_row(m: &Member) -> StaffMemberRow {
    StaffMemberRow {
        username: m.username.clone(),
        role: m.role.clone(),
        active: m.disabled_at.is_none(),
        created_at: m.created_at.clone(),
    }
}

/// Staff accounts (admins only).
pub async fn members(
    state: &AppState,
    parts: &Parts,
    stash_wanted: bool,
) -> Result<Staffed<MembersPage>, ApiError> {
    page(state, parts, Role::Admin, |member| async move {
        let items = crate::staff::list(&state.db)
            .await?
            .iter()
            .map(member_row)
            .collect();
        Ok(Some(MembersPage {
            items,
            stash: kept(state, &member, stash_wanted, "staff:new").await?,
        }))
    })
    .await
}

/// The audit log (admins only), 50 entries a page; the cursor is `o` and an offset.
pub async fn audit_log(
    state: &AppState,
    parts: &Parts,
    cursor: &str,
) -> Result<Staffed<AuditPage>, ApiError> {
    const PAGE: usize = 50;
    page(state, parts, Role::Admin, |_| async move {
        let offset = cursor
            .strip_prefix('o')
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(0);
        let (entries, more) = audit::page(&state.db, PAGE, offset).await?;
        Ok(Some(AuditPage {
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
            next: more.then(|| format!("o{}", offset + PAGE)),
        }))
    })
    .await
}

/// The member's own security settings: reachable while enrolling in two-step sign-in.
pub async fn security(
    state: &AppState,
    parts: &Parts,
) -> Result<Staffed<banshui_app::portal::SecurityPage>, ApiError> {
    page_with(state, parts, Role::Editor, true, |member| async move {
        let required = state
            .auth
            .second_factor_from
            .is_some_and(|from| member.role >= from);
        let me = crate::auth::security::Me {
            realm: crate::auth::sessions::STAFF,
            holder: &member.username,
            session: &member.secret,
            address: &member.address,
            second_factor_required: required,
        };
        Ok(Some(super::security_page::page(state, &me).await?))
    })
    .await
}
