//! The data of the guidance and consultation pages. Field names follow the JSON API
//! (`portal-api.md`), so the server fills them straight from the API's objects.
use super::FormStash;
use crate::Lang;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Bilingual {
    #[serde(rename = "zh-CN")]
    pub zh: String,
    pub en: String,
}

impl Bilingual {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::ZhCn => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// An article as the public sees it; the staff fields are filled for staff only.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub slug: String,
    pub kind: String,
    pub tax_types: Vec<String>,
    pub title: Bilingual,
    /// Sanitized HTML (ammonia), rendered when the version was written.
    pub body_html: Bilingual,
    pub effective_from: String,
    pub effective_to: Option<String>,
    pub published_at: Option<String>,
    pub changed_at: String,
    pub version: i64,
    pub change_note: String,
    pub references: Vec<String>,
    #[serde(default)]
    pub body_markdown: Option<Bilingual>,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub published_version: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub slug: String,
    pub title: String,
    /// Escaped text with `<mark>` around the matched words.
    pub snippet_html: String,
    pub kind: String,
}

/// The guidance index: the articles to browse (bodies left out) or the search results.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GuidancePage {
    pub articles: Vec<Article>,
    pub hits: Option<Vec<SearchHit>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reply {
    pub at: String,
    pub body: String,
    #[serde(default)]
    pub author: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Consultation {
    pub id: String,
    pub subject: String,
    pub body: String,
    pub tax_type: String,
    pub filing_id: Option<String>,
    pub status: String,
    pub created_at: String,
    pub updated_at: String,
    pub replies: Vec<Reply>,
    #[serde(default)]
    pub taxpayer_id: Option<String>,
    #[serde(default)]
    pub assignee: Option<String>,
}

/// 我的咨询: the taxpayer's questions and, for the form, their filings to refer to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsultationsPage {
    pub items: Vec<Consultation>,
    /// (filing id, receipt number and period)
    pub filings: Vec<(String, String)>,
    /// What the taxpayer typed before a refused submission.
    pub stash: Option<FormStash>,
}

/// One industry benchmark as the self-check page uses it (decimal text).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BenchmarkRow {
    pub indicator: String,
    pub low: Option<String>,
    pub high: Option<String>,
    pub average: Option<String>,
    pub source: String,
    /// `general`, `small_scale`, or `None` for any.
    pub taxpayer_type: Option<String>,
}

/// A self-check the signed-in taxpayer saved.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedSelfCheck {
    pub id: String,
    pub label: String,
    pub industry: String,
    pub flagged: i64,
    pub created_at: String,
    /// The self-check page's query string that brings its figures back.
    pub query: String,
}
