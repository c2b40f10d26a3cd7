//! Articles and their versions. Every edit adds a version (never changes one); the public sees
//! the published version, staff work on the latest. Status: draft → in_review → published →
//! archived (editing a published article starts a new draft while the published version stays
//! public; archiving takes it off the public site).
use serde_json::{json, Value};
use sqlx::{any::AnyRow, pool::PoolConnection, Any, AnyConnection, Executor, Row};

use super::{input::ArticleInput, markdown};
use crate::{
    clock::now_rfc3339,
    db::Database,
    staff::audit::{self, Action},
};

#[derive(Debug, thiserror::Error)]
pub enum ArticleError {
    /// Problems with the article's fields, each on its field.
    #[error("invalid article")]
    Invalid(Vec<banshui_engine::FieldError>),
    /// The staff member's role does not allow this.
    #[error("not allowed for this role")]
    Forbidden,
    #[error("no such article")]
    NotFound,
    #[error("an article with this slug exists")]
    SlugTaken,
    /// The action does not apply in the article's status (e.g. submitting a published one).
    #[error("not possible in status {0}")]
    InvalidTransition(String),
    #[error(transparent)]
    Store(#[from] sqlx::Error),
}

impl From<crate::auth::Forbidden> for ArticleError {
    fn from(_: crate::auth::Forbidden) -> Self {
        ArticleError::Forbidden
    }
}

/// One stored version of an article.
#[derive(Clone, Debug)]
pub struct Version {
    pub slug: String,
    pub version: i64,
    pub kind: String,
    pub tax_types: Vec<String>,
    pub title: [String; 2],
    pub markdown: [String; 2],
    pub html: [String; 2],
    pub effective_from: String,
    pub effective_to: Option<String>,
    pub references: Vec<String>,
    pub change_note: String,
    pub author: String,
    pub created_at: String,
}

/// An article's workflow state.
#[derive(Clone, Debug)]
pub struct State {
    pub status: String,
    pub current_version: i64,
    pub published_version: Option<i64>,
    pub published_at: Option<String>,
}

const VERSION_COLUMNS: &str = "v.slug, v.version, v.kind, v.tax_types, v.title_zh, v.title_en, v.markdown_zh, v.markdown_en, v.html_zh, v.html_en, v.effective_from, v.effective_to, v.refs, v.change_note, v.author, v.created_at";

fn json_list(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

fn version_from(row: &AnyRow) -> Result<Version, sqlx::Error> {
    Ok(Version {
        slug: row.try_get(0)?,
        version: row.try_get(1)?,
        kind: row.try_get(2)?,
        tax_types: json_list(&row.try_get::<String, _>(3)?),
        title: [row.try_get(4)?, row.try_get(5)?],
        markdown: [row.try_get(6)?, row.try_get(7)?],
        html: [row.try_get(8)?, row.try_get(9)?],
        effective_from: row.try_get(10)?,
        effective_to: row.try_get(11)?,
        references: json_list(&row.try_get::<String, _>(12)?),
        change_note: row.try_get(13)?,
        author: row.try_get(14)?,
        created_at: row.try_get(15)?,
    })
}

impl Version {
    /// The public shape (`GET /api/v1/articles/{slug}`).
    pub fn public_json(&self, published_at: Option<&str>) -> Value {
        json!({
            "slug": self.slug,
            "kind": self.kind,
            "tax_types": self.tax_types,
            "title": {"zh-CN": self.title[0], "en": self.title[1]},
            "body_html": {"zh-CN": self.html[0], "en": self.html[1]},
            "effective_from": self.effective_from,
            "effective_to": self.effective_to,
            "published_at": published_at,
            "changed_at": self.created_at,
            "version": self.version,
            "change_note": self.change_note,
            "references": self.references,
        })
    }

    /// What staff see of a version: the public shape plus the Markdown and who wrote it.
    pub fn staff_json(&self, state: &State) -> Value {
        let mut v = self.public_json(state.published_at.as_deref());
        v["body_markdown"] = json!({"zh-CN": self.markdown[0], "en": self.markdown[1]});
        v["author"] = json!(self.author);
        v["status"] = json!(state.status);
        v["published_version"] = json!(state.published_version);
        v["current_version"] = json!(state.current_version);
        v
    }
}

/// Opens a write transaction on its own connection.
async fn begin(db: &Database) -> Result<PoolConnection<Any>, sqlx::Error> {
    let mut conn = db.pool.acquire().await?;
    conn.execute(db.begin_write()).await?;
    Ok(conn)
}

/// Commits when `result` is a success, rolls back otherwise.
async fn finish<T>(
    mut conn: PoolConnection<Any>,
    result: Result<T, ArticleError>,
) -> Result<T, ArticleError> {
    match result {
        Ok(v) => {
            conn.execute("COMMIT").await?;
            Ok(v)
        }
        Err(e) => {
            let _ = conn.execute("ROLLBACK").await;
            Err(e)
        }
    }
}

async fn insert_version(
    db: &Database,
    conn: &mut AnyConnection,
    input: &ArticleInput,
    version: i64,
    note: &str,
    author: &str,
    now: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(&db.sql(
        "INSERT INTO article_versions (slug, version, kind, tax_types, title_zh, title_en, markdown_zh, markdown_en, html_zh, html_en, effective_from, effective_to, refs, change_note, author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ))
    .bind(&input.slug)
    .bind(version)
    .bind(&input.kind)
    .bind(serde_json::to_string(&input.tax_types).unwrap_or_else(|_| "[]".into()))
    .bind(&input.title[0])
    .bind(&input.title[1])
    .bind(&input.markdown[0])
    .bind(&input.markdown[1])
    .bind(markdown::to_html(&input.markdown[0]))
    .bind(markdown::to_html(&input.markdown[1]))
    .bind(&input.effective_from)
    .bind(input.effective_to.as_deref())
    .bind(serde_json::to_string(&input.references).unwrap_or_else(|_| "[]".into()))
    .bind(note)
    .bind(author)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn state_in(
    db: &Database,
    conn: &mut AnyConnection,
    slug: &str,
) -> Result<Option<State>, sqlx::Error> {
    let row = sqlx::query(&db.sql(
        "SELECT status, current_version, published_version, published_at FROM articles WHERE slug = ?",
    ))
    .bind(slug)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| {
        Ok(State {
            status: r.try_get(0)?,
            current_version: r.try_get(1)?,
            published_version: r.try_get(2)?,
            published_at: r.try_get(3)?,
        })
    })
    .transpose()
}

/// A new article as a draft (version 1), with its audit entries, in order (the starter set has
/// its own). `faq_of` names the consultation a FAQ came from.
pub async fn create(
    db: &Database,
    input: &ArticleInput,
    note: &str,
    author: &str,
    faq_of: Option<&str>,
    audit: Vec<Action<'_>>,
) -> Result<(), ArticleError> {
    let mut conn = begin(db).await?;
    let result = async {
        let conn = &mut *conn;
        {
            if state_in(db, conn, &input.slug).await?.is_some() {
                return Err(ArticleError::SlugTaken);
            }
            let now = now_rfc3339();
            sqlx::query(&db.sql(
                "INSERT INTO articles (slug, status, current_version, published_version, published_at, created_at, updated_at, faq_of) VALUES (?, 'draft', 1, NULL, NULL, ?, ?, ?)",
            ))
            .bind(&input.slug)
            .bind(&now)
            .bind(&now)
            .bind(faq_of)
            .execute(&mut *conn)
            .await?;
            insert_version(db, conn, input, 1, note, author, &now).await?;
            for entry in audit {
                audit::record_on(db, conn, entry).await?;
            }
            Ok(())
        }
    }
    .await;
    finish(conn, result).await
}

/// A new version of an existing article, with the audit entry `audit` makes of its number;
/// the article becomes a draft again.
pub async fn update<'a>(
    db: &Database,
    input: &ArticleInput,
    note: &str,
    author: &str,
    audit: impl FnOnce(i64) -> Action<'a>,
) -> Result<i64, ArticleError> {
    let mut conn = begin(db).await?;
    let result = async {
        let conn = &mut *conn;
        {
            let state = state_in(db, conn, &input.slug).await?.ok_or(ArticleError::NotFound)?;
            let version = state.current_version + 1;
            let now = now_rfc3339();
            insert_version(db, conn, input, version, note, author, &now).await?;
            sqlx::query(&db.sql(
                "UPDATE articles SET current_version = ?, status = 'draft', updated_at = ? WHERE slug = ?",
            ))
            .bind(version)
            .bind(&now)
            .bind(&input.slug)
            .execute(&mut *conn)
            .await?;
            audit::record_on(db, conn, audit(version)).await?;
            Ok(version)
        }
    }
    .await;
    finish(conn, result).await
}

/// Workflow steps staff can take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Submit,
    Publish,
    Archive,
}

impl Step {
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Submit => "submit",
            Step::Publish => "publish",
            Step::Archive => "archive",
        }
    }

    fn allowed_from(self, status: &str) -> bool {
        match self {
            Step::Submit => status == "draft",
            Step::Publish => matches!(status, "draft" | "in_review" | "archived"),
            Step::Archive => status != "archived",
        }
    }
}

/// Moves an article through its workflow, with the audit entry `audit` makes of the new
/// state; returns the new state.
pub async fn step<'a>(
    db: &Database,
    slug: &str,
    step: Step,
    audit: impl FnOnce(&State) -> Action<'a>,
) -> Result<State, ArticleError> {
    let mut conn = begin(db).await?;
    let result = async {
        let conn = &mut *conn;
        {
            let state = state_in(db, conn, slug).await?.ok_or(ArticleError::NotFound)?;
            if !step.allowed_from(&state.status) {
                return Err(ArticleError::InvalidTransition(state.status));
            }
            let now = now_rfc3339();
            let sql = match step {
                Step::Submit => "UPDATE articles SET status = 'in_review', updated_at = ? WHERE slug = ? AND ? IS NOT NULL",
                Step::Publish => "UPDATE articles SET status = 'published', published_version = current_version, published_at = ?, updated_at = ? WHERE slug = ?",
                Step::Archive => "UPDATE articles SET status = 'archived', published_version = NULL, updated_at = ? WHERE slug = ? AND ? IS NOT NULL",
            };
            let (first, second, third) = match step {
                Step::Publish => (now.as_str(), now.as_str(), slug),
                _ => (now.as_str(), slug, now.as_str()),
            };
            sqlx::query(&db.sql(sql)).bind(first).bind(second).bind(third).execute(&mut *conn).await?;
            let after = state_in(db, conn, slug).await?.unwrap_or(state);
            audit::record_on(db, conn, audit(&after)).await?;
            Ok(after)
        }
    }
    .await;
    finish(conn, result).await
}

/// Every published article (the public list and the search index), newest first.
pub async fn published(db: &Database) -> Result<Vec<(Version, String)>, sqlx::Error> {
    let rows = sqlx::query(&db.sql(&format!(
        "SELECT {VERSION_COLUMNS}, a.published_at FROM articles a JOIN article_versions v ON v.slug = a.slug AND v.version = a.published_version ORDER BY a.published_at DESC, a.slug"
    )))
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                version_from(r)?,
                r.try_get::<Option<String>, _>(16)?.unwrap_or_default(),
            ))
        })
        .collect()
}

/// One published article.
pub async fn published_one(
    db: &Database,
    slug: &str,
) -> Result<Option<(Version, String)>, sqlx::Error> {
    let row = sqlx::query(&db.sql(&format!(
        "SELECT {VERSION_COLUMNS}, a.published_at FROM articles a JOIN article_versions v ON v.slug = a.slug AND v.version = a.published_version WHERE a.slug = ?"
    )))
    .bind(slug)
    .fetch_optional(&db.pool)
    .await?;
    row.map(|r| {
        Ok((
            version_from(&r)?,
            r.try_get::<Option<String>, _>(16)?.unwrap_or_default(),
        ))
    })
    .transpose()
}

/// The latest version of every article (the staff list), most recently changed first.
pub async fn latest_all(db: &Database) -> Result<Vec<(Version, State)>, sqlx::Error> {
    let rows = sqlx::query(&db.sql(&format!(
        "SELECT {VERSION_COLUMNS}, a.status, a.current_version, a.published_version, a.published_at FROM articles a JOIN article_versions v ON v.slug = a.slug AND v.version = a.current_version ORDER BY a.updated_at DESC, a.slug"
    )))
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| Ok((version_from(r)?, state_from(r)?)))
        .collect()
}

fn state_from(r: &AnyRow) -> Result<State, sqlx::Error> {
    Ok(State {
        status: r.try_get(16)?,
        current_version: r.try_get(17)?,
        published_version: r.try_get(18)?,
        published_at: r.try_get(19)?,
    })
}

/// The latest version of one article and its state (staff).
pub async fn latest(db: &Database, slug: &str) -> Result<Option<(Version, State)>, sqlx::Error> {
    let row = sqlx::query(&db.sql(&format!(
        "SELECT {VERSION_COLUMNS}, a.status, a.current_version, a.published_version, a.published_at FROM articles a JOIN article_versions v ON v.slug = a.slug AND v.version = a.current_version WHERE a.slug = ?"
    )))
    .bind(slug)
    .fetch_optional(&db.pool)
    .await?;
    row.map(|r| Ok((version_from(&r)?, state_from(&r)?)))
        .transpose()
}

/// Every version of an article, newest first.
pub async fn versions(db: &Database, slug: &str) -> Result<Vec<Version>, sqlx::Error> {
    let rows = sqlx::query(&db.sql(&format!(
        "SELECT {VERSION_COLUMNS} FROM article_versions v WHERE v.slug = ? ORDER BY v.version DESC"
    )))
    .bind(slug)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(version_from).collect()
}

/// How many articles exist at all (seeding happens only into an empty portal).
pub async fn count(db: &Database) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(&db.sql("SELECT COUNT(*) FROM articles"))
        .fetch_one(&db.pool)
        .await
}
