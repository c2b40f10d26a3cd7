//! A line diff between two versions of an article, field by field (only the fields that
//! changed), for staff reviewing an edit.
use serde::Serialize;
use similar::{ChangeTag, TextDiff};

use super::articles::Version;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// `equal`, `insert` or `delete`.
    pub op: &'static str,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldDiff {
    pub field: &'static str,
    pub changes: Vec<Change>,
}

fn fields(v: &Version) -> Vec<(&'static str, String)> {
    vec![
        ("kind", v.kind.clone()),
        ("tax_types", v.tax_types.join(", ")),
        ("title.zh-CN", v.title[0].clone()),
        ("title.en", v.title[1].clone()),
        ("body_markdown.zh-CN", v.markdown[0].clone()),
        ("body_markdown.en", v.markdown[1].clone()),
        ("effective_from", v.effective_from.clone()),
        ("effective_to", v.effective_to.clone().unwrap_or_default()),
        ("references", v.references.join("\n")),
    ]
}

pub fn between(old: &Version, new: &Version) -> Vec<FieldDiff> {
    fields(old)
        .into_iter()
        .zip(fields(new))
        .filter(|((_, a), (_, b))| a != b)
        .map(|((field, a), (_, b))| FieldDiff {
            field,
            changes: TextDiff::from_lines(&a, &b)
                .iter_all_changes()
                .map(|c| Change {
                    op: match c.tag() {
                        ChangeTag::Equal => "equal",
                        ChangeTag::Insert => "insert",
                        ChangeTag::Delete => "delete",
                    },
                    text: c.value().trim_end_matches('\n').to_string(),
                })
                .collect(),
        })
        .collect()
}
