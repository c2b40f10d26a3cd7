//! The page data of guidance and consultations, with the same field names and values as the
//! API's objects (`portal-api.md`).
use banshui_app::portal::{
    Article, BenchmarkRow, Bilingual, Consultation, ConsultationsPage, GuidancePage, Reply,
    SearchHit,
};

use super::stash;
use crate::{
    auth::Principal,
    consultations::{self, store},
    filings::store as filing_store,
    guidance::{
        articles::{self, State, Version},
        input::{KINDS, TAX_TYPES},
        search::Filters,
    },
    http::ApiError,
    state::AppState,
};

fn bilingual(pair: &[String; 2]) -> Bilingual {
    Bilingual {
        zh: pair[0].clone(),
        en: pair[1].clone(),
    }
}

/// An article version as the public sees it (`GET /api/v1/articles/{slug}`).
pub fn public_article(v: &Version, published_at: Option<&str>) -> Article {
    Article {
        slug: v.slug.clone(),
        kind: v.kind.clone(),
        tax_types: v.tax_types.clone(),
        title: bilingual(&v.title),
        body_html: bilingual(&v.html),
        effective_from: v.effective_from.clone(),
        effective_to: v.effective_to.clone(),
        published_at: published_at.map(str::to_string),
        changed_at: v.created_at.clone(),
        version: v.version,
        change_note: v.change_note.clone(),
        references: v.references.clone(),
        body_markdown: None,
        author: None,
        status: None,
        published_version: None,
    }
}

/// What staff see of a version: the public shape, the Markdown, its author and workflow state.
pub fn staff_article(v: &Version, state: &State) -> Article {
    Article {
        body_markdown: Some(bilingual(&v.markdown)),
        author: Some(v.author.clone()),
        status: Some(state.status.clone()),
        published_version: state.published_version,
        ..public_article(v, state.published_at.as_deref())
    }
}

/// The replies, with who wrote each for staff only.
fn replies(c: &consultations::Consultation, with_authors: bool) -> Vec<Reply> {
    c.replies
        .iter()
        .map(|r| Reply {
            at: r.at.clone(),
            body: r.body.clone(),
            author: r.author.clone().filter(|_| with_authors),
        })
        .collect()
}

/// A consultation as its taxpayer sees it (no staff usernames).
pub fn taxpayer_consultation(c: &consultations::Consultation) -> Consultation {
    Consultation {
        id: c.id.clone(),
        subject: c.subject.clone(),
        body: c.body.clone(),
        tax_type: c.tax_type.clone(),
        filing_id: c.filing_id.clone(),
        status: c.status.clone(),
        created_at: c.created_at.clone(),
        updated_at: c.updated_at.clone(),
        replies: replies(c, false),
        taxpayer_id: None,
        assignee: None,
    }
}

/// A consultation as staff see it: who asked, who has it and who replied.
pub fn staff_consultation(c: &consultations::Consultation) -> Consultation {
    Consultation {
        replies: replies(c, true),
        taxpayer_id: Some(c.taxpayer_id.clone()),
        assignee: c.assignee.clone(),
        ..taxpayer_consultation(c)
    }
}

/// `value` when it is one of `allowed` (a filter from the address), else no filter.
pub(super) fn known(value: &str, allowed: &[&str]) -> Option<String> {
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
        list.push(Article {
            body_html: Bilingual::default(),
            ..public_article(&v, Some(&at))
        });
    }
    Ok(GuidancePage {
        articles: list,
        hits: None,
    })
}

/// The benchmarks that apply to an industry and taxpayer type (`general`, `small_scale`; any
/// other text: not said, so general) today.
pub async fn benchmarks(
    state: &AppState,
    industry: &str,
    taxpayer_type: &str,
) -> Result<Vec<BenchmarkRow>, ApiError> {
    use banshui_engine::self_check::TaxpayerType;
    let industry = industry.trim().to_uppercase();
    if !banshui_engine::self_check::valid_industry(&industry) {
        return Ok(Vec::new());
    }
    let today = crate::clock::today_in_china().to_string();
    let taxpayer = TaxpayerType::parse(taxpayer_type).unwrap_or(TaxpayerType::General);
    let mut rows: Vec<BenchmarkRow> =
        crate::benchmarks::for_industry(&state.db, &industry, taxpayer, &today)
            .await?
            .into_iter()
            .map(|(indicator, b)| BenchmarkRow {
                indicator,
                low: b.low.map(|d| d.to_string()),
                high: b.high.map(|d| d.to_string()),
                average: b.average.map(|d| d.to_string()),
                source: b.source,
                taxpayer_type: b.taxpayer_type.map(|t| t.as_str().to_string()),
            })
            .collect();
    rows.sort_by(|a, b| a.indicator.cmp(&b.indicator));
    Ok(rows)
}

pub async fn article(state: &AppState, slug: &str) -> Result<Option<Article>, ApiError> {
    match articles::published_one(&state.db, slug).await? {
        Some((v, at)) => Ok(Some(public_article(&v, Some(&at)))),
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
        .iter()
        .map(taxpayer_consultation)
        .collect();
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
        Some(c) => Ok(Some(taxpayer_consultation(&c))),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    //! The pages show the same objects as the API: each page shape, read back from the API's
    //! JSON, equals the one the pages build.
    use super::*;
    use crate::consultations::Reply as StoredReply;

    fn version() -> Version {
        Version {
            slug: "vat-small-scale-2026".into(),
            version: 3,
            kind: "guide".into(),
            tax_types: vec!["vat".into(), "surcharges".into()],
            title: ["小规模纳税人增值税".into(), "Small-scale VAT".into()],
            markdown: ["# 标题\n正文".into(), "# Title\nBody".into()],
            html: ["<h1>标题</h1>".into(), "<h1>Title</h1>".into()],
            effective_from: "2026-01-01".into(),
            effective_to: Some("2027-12-31".into()),
            references: vec!["增值税法 第十一条".into()],
            change_note: "更新税率".into(),
            author: "wang.fang".into(),
            created_at: "2026-11-30T08:00:00Z".into(),
        }
    }

    #[test]
    fn articles_match_the_api() {
        let v = version();
        let state = State {
            status: "published".into(),
            current_version: 3,
            published_version: Some(2),
            published_at: Some("2026-11-01T02:00:00Z".into()),
        };
        let from_api: Article = serde_json::from_value(v.staff_json(&state)).unwrap();
        assert_eq!(staff_article(&v, &state), from_api);
        assert_eq!(from_api.published_version, Some(2));
        let public: Article =
            serde_json::from_value(v.public_json(Some("2026-11-01T02:00:00Z"))).unwrap();
        assert_eq!(public_article(&v, Some("2026-11-01T02:00:00Z")), public);
        assert_eq!(public.body_markdown, None);
    }

    #[test]
    fn consultations_match_the_api() {
        let c = consultations::Consultation {
            id: "c-1".into(),
            taxpayer_id: "91110000MA01ABCD2X".into(),
            subject: "发票".into(),
            body: "如何开具专票？".into(),
            tax_type: "vat".into(),
            filing_id: None,
            status: "answered".into(),
            assignee: Some("li.si".into()),
            created_at: "2026-11-01T02:00:00Z".into(),
            updated_at: "2026-11-02T02:00:00Z".into(),
            replies: vec![StoredReply {
                at: "2026-11-02T02:00:00Z".into(),
                body: "可以。".into(),
                author: Some("li.si".into()),
            }],
        };
        let taxpayer: Consultation = serde_json::from_value(c.taxpayer_json()).unwrap();
        assert_eq!(taxpayer_consultation(&c), taxpayer);
        assert_eq!(taxpayer.replies[0].author, None);
        let staff: Consultation = serde_json::from_value(c.staff_json()).unwrap();
        assert_eq!(staff_consultation(&c), staff);
        assert_eq!(staff.replies[0].author.as_deref(), Some("li.si"));
    }
}
