//! An article as a staff member sends it — the API's JSON body or the editor's form fields —
//! and its check. [`ArticleDraft`] holds what was sent, typed but unchecked; [`check`] turns it
//! into an [`ArticleInput`] or names every problem on its field. Only the JSON edge can send a
//! value of the wrong type: it reports those itself and leaves the field empty, and [`check`]
//! does not report a field twice.
use banshui_engine::{filing::Date, ErrorCode, FieldError};

use super::input::{
    valid_slug, ArticleInput, ARTICLE_FIELDS, BODY_MAX, KINDS, LANGS, NOTE_MAX, REFERENCE_MAX,
    TAX_TYPES, TITLE_MAX,
};

/// Longest tax-type code accepted in a list.
const TAX_TYPE_MAX: usize = 40;

/// An article as sent, before any check.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleDraft {
    /// `None`: not sent (an edit takes the slug of its address).
    pub slug: Option<String>,
    /// `None`: not sent.
    pub kind: Option<String>,
    pub tax_types: Vec<String>,
    /// zh-CN, en (empty: not sent).
    pub title: [String; 2],
    pub markdown: [String; 2],
    /// `None`: not sent.
    pub effective_from: Option<String>,
    /// `None` or blank: open-ended.
    pub effective_to: Option<String>,
    pub references: Vec<String>,
    /// Required for an edit; optional when creating.
    pub change_note: Option<String>,
}

/// A checked article and its change note.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckedArticle {
    pub input: ArticleInput,
    pub change_note: Option<String>,
}

fn refused(errors: &[FieldError], field: &str) -> bool {
    errors.iter().any(|e| {
        e.field == field
            || e.field
                .strip_prefix(field)
                .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
    })
}

/// Required text, trailing space removed; `too_long` past `max` characters.
fn text(path: &str, value: &str, max: usize, errors: &mut Vec<FieldError>) -> String {
    if value.trim().is_empty() {
        errors.push(FieldError::new(path, ErrorCode::Required));
        String::new()
    } else if value.chars().count() > max {
        errors.push(FieldError::new(path, ErrorCode::TooLong).with_limit(max.to_string()));
        String::new()
    } else {
        value.trim_end().to_string()
    }
}

/// The non-blank items of a list, each at most `max` characters. An item the JSON edge refused
/// for its type arrives as an empty string (skipped here), so that the indices stay the body's.
fn list(field: &str, items: &[String], max: usize, errors: &mut Vec<FieldError>) -> Vec<String> {
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        if item.chars().count() > max {
            errors.push(
                FieldError::new(format!("{field}[{i}]"), ErrorCode::TooLong)
                    .with_limit(max.to_string()),
            );
        } else {
            out.push(item.to_string());
        }
    }
    out
}

/// A `YYYY-MM-DD` date (normalised). Not sent: `required` if it is. Sent blank: nothing when
/// optional, `invalid_date` when required (as any other text that is not a day). Articles and
/// benchmarks alike.
pub(crate) fn check_date(
    field: &str,
    value: Option<&str>,
    required: bool,
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    let Some(value) = value.map(str::trim) else {
        if required {
            errors.push(FieldError::new(field, ErrorCode::Required));
        }
        return None;
    };
    if value.is_empty() && !required {
        return None;
    }
    match Date::parse(value) {
        Some(d) if value.len() == 10 => Some(d.to_string()),
        _ => {
            errors.push(FieldError::new(field, ErrorCode::InvalidDate));
            None
        }
    }
}

/// Checks a draft. `path_slug` is the slug of an edit's address (a slug sent with it must be
/// the same); `note_required` for an edit. `errors` may already hold the problems of the
/// draft's shape; the result lists every problem in the order of [`ARTICLE_FIELDS`].
pub fn check(
    draft: &ArticleDraft,
    path_slug: Option<&str>,
    note_required: bool,
    mut errors: Vec<FieldError>,
) -> Result<CheckedArticle, Vec<FieldError>> {
    let shape = errors.clone();
    // A field (or an item of it) refused for its type is not refused again.
    let fresh = |field: &str| !shape.iter().any(|e| e.field == field);
    let slug = match (path_slug, draft.slug.as_deref()) {
        (Some(p), None) => p.to_string(),
        (Some(p), Some(s)) => {
            if s != p && fresh("slug") {
                errors.push(FieldError::new("slug", ErrorCode::InvalidChoice).with_limit(p));
            }
            p.to_string()
        }
        (None, Some(s)) => {
            let s = s.trim().to_string();
            if !valid_slug(&s) && fresh("slug") {
                errors.push(FieldError::new("slug", ErrorCode::InvalidSlug));
            }
            s
        }
        (None, None) => {
            if fresh("slug") {
                errors.push(FieldError::new("slug", ErrorCode::Required));
            }
            String::new()
        }
    };
    let kind = match draft.kind.as_deref() {
        Some(k) if KINDS.contains(&k) => k.to_string(),
        Some(_) if fresh("kind") => {
            errors.push(FieldError::new("kind", ErrorCode::InvalidChoice));
            String::new()
        }
        None if fresh("kind") => {
            errors.push(FieldError::new("kind", ErrorCode::Required));
            String::new()
        }
        _ => String::new(),
    };
    let mut tax_types = list("tax_types", &draft.tax_types, TAX_TYPE_MAX, &mut errors);
    if fresh("tax_types") {
        if tax_types.is_empty() {
            errors.push(FieldError::new("tax_types", ErrorCode::Required));
        }
        for (i, t) in tax_types.iter().enumerate() {
            if !TAX_TYPES.contains(&t.as_str()) {
                errors.push(FieldError::new(
                    format!("tax_types[{i}]"),
                    ErrorCode::InvalidChoice,
                ));
            }
        }
    }
    tax_types.dedup();
    let mut bilingual = |field: &str, texts: &[String; 2], max: usize| {
        let mut i = 0;
        LANGS.map(|lang| {
            let path = format!("{field}.{lang}");
            let value = &texts[i];
            i += 1;
            if fresh(field) && fresh(&path) {
                text(&path, value, max, &mut errors)
            } else {
                value.trim_end().to_string()
            }
        })
    };
    let title = bilingual("title", &draft.title, TITLE_MAX);
    let markdown = bilingual("body_markdown", &draft.markdown, BODY_MAX);
    let effective_from = if fresh("effective_from") {
        check_date(
            "effective_from",
            draft.effective_from.as_deref(),
            true,
            &mut errors,
        )
        .unwrap_or_default()
    } else {
        String::new()
    };
    let effective_to = match draft.effective_to.as_deref().map(str::trim) {
        Some(to) if !to.is_empty() && fresh("effective_to") => {
            check_date("effective_to", Some(to), true, &mut errors)
        }
        _ => None,
    };
    if let Some(to) = &effective_to {
        if !effective_from.is_empty() && to.as_str() < effective_from.as_str() {
            errors.push(FieldError::new("effective_to", ErrorCode::EndBeforeStart));
        }
    }
    let references = list("references", &draft.references, REFERENCE_MAX, &mut errors);
    let note = draft.change_note.as_deref().unwrap_or("");
    let change_note = if !fresh("change_note") || (!note_required && note.trim().is_empty()) {
        None
    } else {
        let note = text("change_note", note, NOTE_MAX, &mut errors);
        (!note.is_empty()).then_some(note)
    };
    if !errors.is_empty() {
        let rank = |e: &FieldError| {
            ARTICLE_FIELDS
                .iter()
                .position(|f| refused(std::slice::from_ref(e), f))
                .unwrap_or(0)
        };
        errors.sort_by_key(rank);
        return Err(errors);
    }
    Ok(CheckedArticle {
        input: ArticleInput {
            slug,
            kind,
            tax_types,
            title,
            markdown,
            effective_from,
            effective_to,
            references,
        },
        change_note,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> ArticleDraft {
        ArticleDraft {
            slug: Some("vat-threshold-2026".into()),
            kind: Some("interpretation".into()),
            tax_types: vec!["vat".into()],
            title: ["起征点".into(), "Threshold".into()],
            markdown: ["正文".into(), "Body".into()],
            effective_from: Some("2026-01-01".into()),
            effective_to: None,
            references: vec!["增值税法 第二十三条".into()],
            change_note: None,
        }
    }

    fn codes(errors: &[FieldError]) -> Vec<(&str, &str)> {
        errors
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect()
    }

    #[test]
    fn a_good_article_passes() {
        let a = check(&good(), None, false, Vec::new()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(a.input.title[1], "Threshold");
        assert_eq!(a.input.effective_to, None);
        assert_eq!(a.change_note, None);
    }

    #[test]
    fn every_bad_field_is_named_in_order() {
        let mut d = good();
        d.slug = Some("Bad Slug".into());
        d.kind = Some("blog".into());
        d.tax_types = vec!["vat".into(), "wine".into()];
        d.title[1] = " ".into();
        d.effective_from = Some("2026-02-30".into());
        d.effective_to = Some("2025-01-01".into());
        let errors = check(&d, None, false, Vec::new()).err().unwrap_or_default();
        assert_eq!(
            codes(&errors),
            [
                ("slug", "invalid_slug"),
                ("kind", "invalid_choice"),
                ("tax_types[1]", "invalid_choice"),
                ("title.en", "required"),
                ("effective_from", "invalid_date"),
            ]
        );
    }

    #[test]
    fn end_before_start() {
        let mut d = good();
        d.effective_to = Some("2025-12-31".into());
        let errors = check(&d, None, false, Vec::new()).err().unwrap_or_default();
        assert_eq!(codes(&errors), [("effective_to", "end_before_start")]);
    }

    #[test]
    fn an_edit_needs_a_note_and_keeps_its_slug() {
        let mut d = good();
        d.slug = Some("another-slug".into());
        let errors = check(&d, Some("vat-threshold-2026"), true, Vec::new())
            .err()
            .unwrap_or_default();
        assert_eq!(
            codes(&errors),
            [("slug", "invalid_choice"), ("change_note", "required")]
        );
        d.slug = None;
        d.change_note = Some("改正错字".into());
        let a = check(&d, Some("vat-threshold-2026"), true, Vec::new())
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(a.input.slug, "vat-threshold-2026");
        assert_eq!(a.change_note.as_deref(), Some("改正错字"));
    }

    #[test]
    fn a_field_refused_for_its_shape_is_not_refused_again() {
        let mut d = good();
        d.kind = None;
        d.title = Default::default();
        let shape = vec![
            FieldError::new("kind", ErrorCode::WrongType),
            FieldError::new("title", ErrorCode::Required),
            FieldError::new("surprise", ErrorCode::UnknownField),
        ];
        let errors = check(&d, None, false, shape).err().unwrap_or_default();
        assert_eq!(
            codes(&errors),
            [
                ("surprise", "unknown_field"),
                ("kind", "wrong_type"),
                ("title", "required"),
            ]
        );
    }

    #[test]
    fn limits_are_counted_in_characters() {
        let mut d = good();
        d.title[0] = "税".repeat(TITLE_MAX);
        assert!(check(&d, None, false, Vec::new()).is_ok());
        d.title[0] = "税".repeat(TITLE_MAX + 1);
        let errors = check(&d, None, false, Vec::new()).err().unwrap_or_default();
        assert_eq!(codes(&errors), [("title.zh-CN", "too_long")]);
        assert_eq!(errors[0].limit.as_deref(), Some("200"));
    }
}

#[cfg(test)]
mod shape_tests {
    use super::*;

    #[test]
    fn a_blank_required_date_is_not_a_date_and_a_missing_one_is_required() {
        let mut errors = Vec::new();
        assert_eq!(
            check_date("effective_from", Some(" "), true, &mut errors),
            None
        );
        assert_eq!(check_date("effective_from", None, true, &mut errors), None);
        assert_eq!(
            check_date("effective_to", Some(""), false, &mut errors),
            None
        );
        let codes: Vec<_> = errors.iter().map(|e| e.code.as_str()).collect();
        assert_eq!(codes, ["invalid_date", "required"]);
    }

    #[test]
    fn the_other_language_is_still_checked_when_one_has_the_wrong_type() {
        let d = ArticleDraft {
            slug: Some("a-slug".into()),
            kind: Some("guide".into()),
            tax_types: vec![String::new()],
            title: [String::new(), String::new()],
            markdown: ["正文".into(), "Body".into()],
            effective_from: Some("2026-01-01".into()),
            ..ArticleDraft::default()
        };
        let shape = vec![
            FieldError::new("tax_types[0]", ErrorCode::WrongType),
            FieldError::new("title.zh-CN", ErrorCode::WrongType),
        ];
        let errors = check(&d, None, false, shape).err().unwrap_or_default();
        let codes: Vec<_> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            codes,
            [
                ("tax_types[0]", "wrong_type"),
                ("tax_types", "required"),
                ("title.zh-CN", "wrong_type"),
                ("title.en", "required"),
            ]
        );
    }
}
