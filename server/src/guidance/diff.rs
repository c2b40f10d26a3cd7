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
        .map(|((field, a), (_, b))| {
            // Every line ends with a newline, so a line added at the end does not also show the
            // previous last line as changed.
            let (a, b) = (
                format!("{}\n", a.trim_end_matches('\n')),
                format!("{}\n", b.trim_end_matches('\n')),
            );
            FieldDiff {
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
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(body: &str) -> Version {
        Version {
            slug: "a".into(),
            version: 1,
            kind: "faq".into(),
            tax_types: vec!["iit".into()],
            title: ["标题".into(), "Title".into()],
            markdown: [body.into(), "Body".into()],
            html: [String::new(), String::new()],
            effective_from: "2026-01-01".into(),
            effective_to: None,
            references: Vec::new(),
            change_note: String::new(),
            author: String::new(),
            created_at: String::new(),
        }
    }

    #[test]
    fn only_changed_fields_and_lines() {
        let d = between(
            &version("第一行\n第二行"),
            &version("第一行\n第二行\n第三行"),
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].field, "body_markdown.zh-CN");
        let ops: Vec<_> = d[0]
            .changes
            .iter()
            .map(|c| (c.op, c.text.as_str()))
            .collect();
        assert_eq!(
            ops,
            [
                ("equal", "第一行"),
                ("equal", "第二行"),
                ("insert", "第三行")
            ]
        );
        assert!(between(&version("x"), &version("x")).is_empty());
    }
}
