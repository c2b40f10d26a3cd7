//! The data of the staff console's pages: one type per page, and who is asking.
use serde::{Deserialize, Serialize};

use super::{Article, Bilingual, FormStash};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffMe {
    pub username: String,
    pub role: String,
}

impl StaffMe {
    pub fn at_least(&self, role: &str) -> bool {
        let rank = |r: &str| match r {
            "admin" => 3,
            "publisher" => 2,
            "editor" => 1,
            _ => 0,
        };
        rank(&self.role) >= rank(role)
    }
}

/// A staff console page as the caller may see it: the sign-in form for a visitor, the page for
/// a member whose role allows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Staffed<T> {
    SignIn,
    Shown {
        me: StaffMe,
        page: T,
    },
    Forbidden {
        me: StaffMe,
    },
    NotFound {
        me: StaffMe,
    },
    /// A publisher or administrator without two-step sign-in: only the security page works.
    EnrolSecondFactor {
        me: StaffMe,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VersionInfo {
    pub version: i64,
    pub change_note: String,
    pub author: String,
    pub created_at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DiffChange {
    pub op: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DiffField {
    pub field: String,
    pub changes: Vec<DiffChange>,
}

/// Two versions of an article compared.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleDiff {
    pub from: i64,
    pub to: i64,
    pub fields: Vec<DiffField>,
}

/// One article for staff: its latest version, every version, and a comparison if asked for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffArticlePage {
    pub article: Article,
    pub versions: Vec<VersionInfo>,
    pub diff: Option<ArticleDiff>,
}

/// The editor: a new article (`None`) or a new version of one; `stash` is what was typed
/// before a refused save.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EditorPage {
    pub article: Option<Article>,
    pub stash: Option<FormStash>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub object: String,
    pub detail: String,
    pub address: String,
}

/// A page of the audit log, newest first; `next` is the cursor of the following page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    pub items: Vec<AuditEntry>,
    pub next: Option<String>,
}

/// One industry benchmark version (decimal text, as the staff API gives it).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BenchmarkItem {
    pub id: String,
    pub version: i64,
    pub industry: String,
    pub industry_name: Bilingual,
    pub indicator: String,
    /// `general`, `small_scale`, or `None` for any taxpayer.
    pub taxpayer_type: Option<String>,
    pub average: Option<String>,
    pub tolerance: Option<String>,
    pub low: Option<String>,
    pub high: Option<String>,
    pub source: String,
    pub indicative: bool,
    pub effective_from: String,
    pub effective_to: Option<String>,
}

/// 行业参考值: every benchmark, the one opened for editing, what was typed before a refused
/// save, and whether the member may change them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BenchmarksPage {
    pub items: Vec<BenchmarkItem>,
    pub editing: Option<BenchmarkItem>,
    pub stash: Option<FormStash>,
    pub can_edit: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffMemberRow {
    pub username: String,
    pub role: String,
    pub active: bool,
    pub created_at: String,
}

/// Staff accounts (admins only) and what was typed before a refused new account.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MembersPage {
    pub items: Vec<StaffMemberRow>,
    pub stash: Option<FormStash>,
}
