//! What staff send for an article, checked field by field (every error at once, each on its
//! JSON path, e.g. `title.en`).
use banshui_engine::{filing::Date, ErrorCode, FieldError};
use serde_json::{Map, Value};

pub const KINDS: [&str; 4] = ["interpretation", "guide", "faq", "notice"];
/// Tax types an article or a consultation is about.
pub const TAX_TYPES: [&str; 6] = ["iit", "vat", "cit", "stamp_duty", "surcharges", "general"];
pub const LANGS: [&str; 2] = ["zh-CN", "en"];
pub const TITLE_MAX: usize = 200;
pub const BODY_MAX: usize = 100_000;
pub const NOTE_MAX: usize = 500;
pub const REFERENCE_MAX: usize = 300;

/// A checked article (one version's content).
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleInput {
    pub slug: String,
    pub kind: String,
    pub tax_types: Vec<String>,
    /// zh-CN, en
    pub title: [String; 2],
    pub markdown: [String; 2],
    pub effective_from: String,
    pub effective_to: Option<String>,
    pub references: Vec<String>,
}

/// Slugs: 3–80 characters `a-z`, `0-9` and single hyphens inside.
pub fn valid_slug(slug: &str) -> bool {
    (3..=80).contains(&slug.len())
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
}

fn text(
    map: &Map<String, Value>,
    field: &str,
    path: &str,
    max: usize,
    errors: &mut Vec<FieldError>,
) -> String {
    match map.get(field) {
        Some(Value::String(s)) if s.trim().is_empty() => {
            errors.push(FieldError::new(path, ErrorCode::Required));
            String::new()
        }
        Some(Value::String(s)) if s.chars().count() > max => {
            errors.push(FieldError::new(path, ErrorCode::TooLong).with_limit(max.to_string()));
            String::new()
        }
        Some(Value::String(s)) => s.trim_end().to_string(),
        Some(_) => {
            errors.push(FieldError::new(path, ErrorCode::WrongType));
            String::new()
        }
        None => {
            errors.push(FieldError::new(path, ErrorCode::Required));
            String::new()
        }
    }
}

fn bilingual(
    map: &Map<String, Value>,
    field: &str,
    max: usize,
    errors: &mut Vec<FieldError>,
) -> [String; 2] {
    match map.get(field) {
        Some(Value::Object(inner)) => {
            LANGS.map(|lang| text(inner, lang, &format!("{field}.{lang}"), max, errors))
        }
        Some(_) => {
            errors.push(FieldError::new(field, ErrorCode::WrongType));
            [String::new(), String::new()]
        }
        None => {
            errors.push(FieldError::new(field, ErrorCode::Required));
            [String::new(), String::new()]
        }
    }
}

/// A `YYYY-MM-DD` date field (`required`, or absent/null/empty when optional).
pub(crate) fn date(
    map: &Map<String, Value>,
    field: &str,
    required: bool,
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    match map.get(field) {
        None | Some(Value::Null) if !required => None,
        Some(Value::String(s)) if !required && s.trim().is_empty() => None,
        Some(Value::String(s)) => match Date::parse(s.trim()) {
            Some(d) if s.trim().len() == 10 => Some(d.to_string()),
            _ => {
                errors.push(FieldError::new(field, ErrorCode::InvalidDate));
                None
            }
        },
        Some(Value::Null) | None => {
            errors.push(FieldError::new(field, ErrorCode::Required));
            None
        }
        Some(_) => {
            errors.push(FieldError::new(field, ErrorCode::WrongType));
            None
        }
    }
}

fn strings(
    map: &Map<String, Value>,
    field: &str,
    max: usize,
    errors: &mut Vec<FieldError>,
) -> Option<Vec<String>> {
    match map.get(field) {
        None | Some(Value::Null) => Some(Vec::new()),
        Some(Value::Array(items)) => {
            let mut out = Vec::new();
            for (i, item) in items.iter().enumerate() {
                match item.as_str().map(str::trim) {
                    Some("") => {}
                    Some(s) if s.chars().count() > max => errors.push(
                        FieldError::new(format!("{field}[{i}]"), ErrorCode::TooLong)
                            .with_limit(max.to_string()),
                    ),
                    Some(s) => out.push(s.to_string()),
                    None => errors.push(FieldError::new(
                        format!("{field}[{i}]"),
                        ErrorCode::WrongType,
                    )),
                }
            }
            Some(out)
        }
        Some(_) => {
            errors.push(FieldError::new(field, ErrorCode::WrongType));
            None
        }
    }
}

/// The fields an article body may carry.
pub const ARTICLE_FIELDS: [&str; 10] = [
    "slug",
    "kind",
    "tax_types",
    "title",
    "body_markdown",
    "effective_from",
    "effective_to",
    "references",
    "change_note",
    "status",
];

/// Checks an article. `slug` comes from the path on an update (the body's, if any, must match).
pub fn parse_article(
    map: &Map<String, Value>,
    path_slug: Option<&str>,
    errors: &mut Vec<FieldError>,
) -> ArticleInput {
    let slug = match (path_slug, map.get("slug")) {
        (Some(p), None) => p.to_string(),
        (Some(p), Some(Value::String(s))) if s == p => p.to_string(),
        (Some(p), Some(_)) => {
            errors.push(FieldError::new("slug", ErrorCode::InvalidChoice).with_limit(p));
            p.to_string()
        }
        (None, Some(Value::String(s))) => {
            let s = s.trim().to_string();
            if !valid_slug(&s) {
                errors.push(FieldError::new("slug", ErrorCode::InvalidSlug));
            }
            s
        }
        (None, Some(_)) => {
            errors.push(FieldError::new("slug", ErrorCode::WrongType));
            String::new()
        }
        (None, None) => {
            errors.push(FieldError::new("slug", ErrorCode::Required));
            String::new()
        }
    };
    let kind = match map.get("kind").and_then(Value::as_str) {
        Some(k) if KINDS.contains(&k) => k.to_string(),
        Some(_) => {
            errors.push(FieldError::new("kind", ErrorCode::InvalidChoice));
            String::new()
        }
        None => {
            errors.push(FieldError::new(
                "kind",
                if map.contains_key("kind") {
                    ErrorCode::WrongType
                } else {
                    ErrorCode::Required
                },
            ));
            String::new()
        }
    };
    let tax_types = match strings(map, "tax_types", 40, errors) {
        Some(list) if list.is_empty() => {
            errors.push(FieldError::new("tax_types", ErrorCode::Required));
            list
        }
        Some(list) => {
            for (i, t) in list.iter().enumerate() {
                if !TAX_TYPES.contains(&t.as_str()) {
                    errors.push(FieldError::new(
                        format!("tax_types[{i}]"),
                        ErrorCode::InvalidChoice,
                    ));
                }
            }
            let mut list = list;
            list.dedup();
            list
        }
        None => Vec::new(),
    };
    let title = bilingual(map, "title", TITLE_MAX, errors);
    let markdown = bilingual(map, "body_markdown", BODY_MAX, errors);
    let effective_from = date(map, "effective_from", true, errors).unwrap_or_default();
    let effective_to = date(map, "effective_to", false, errors);
    if let Some(to) = &effective_to {
        if !effective_from.is_empty() && to.as_str() < effective_from.as_str() {
            errors.push(FieldError::new("effective_to", ErrorCode::EndBeforeStart));
        }
    }
    let references = strings(map, "references", REFERENCE_MAX, errors).unwrap_or_default();
    ArticleInput {
        slug,
        kind,
        tax_types,
        title,
        markdown,
        effective_from,
        effective_to,
        references,
    }
}

/// The change note an edit needs (`required`) or may have (creation).
pub fn change_note(
    map: &Map<String, Value>,
    required: bool,
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    if !required
        && map
            .get("change_note")
            .is_none_or(|v| v.as_str().is_some_and(|s| s.trim().is_empty()))
    {
        return None;
    }
    let note = text(map, "change_note", "change_note", NOTE_MAX, errors);
    (!note.is_empty()).then_some(note)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn good() -> Value {
        json!({
            "slug": "vat-threshold-2026", "kind": "interpretation", "tax_types": ["vat"],
            "title": {"zh-CN": "起征点", "en": "Threshold"},
            "body_markdown": {"zh-CN": "正文", "en": "Body"},
            "effective_from": "2026-01-01", "effective_to": null, "references": ["增值税法 第二十三条"]
        })
    }

    #[test]
    fn a_good_article_passes() {
        let mut errors = Vec::new();
        let a = parse_article(good().as_object().unwrap_or(&Map::new()), None, &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(a.title[1], "Threshold");
        assert_eq!(a.effective_to, None);
    }

    #[test]
    fn every_bad_field_is_named() {
        let mut v = good();
        v["slug"] = json!("Bad Slug");
        v["kind"] = json!("blog");
        v["tax_types"] = json!(["vat", "wine"]);
        v["title"]["en"] = json!(" ");
        v["effective_from"] = json!("2026-02-30");
        v["effective_to"] = json!("2025-01-01");
        let mut errors = Vec::new();
        parse_article(v.as_object().unwrap_or(&Map::new()), None, &mut errors);
        let fields: Vec<_> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            fields,
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
        let mut v = good();
        v["effective_to"] = json!("2025-12-31");
        let mut errors = Vec::new();
        parse_article(v.as_object().unwrap_or(&Map::new()), None, &mut errors);
        assert_eq!(errors[0].code, ErrorCode::EndBeforeStart);
    }

    #[test]
    fn slugs() {
        assert!(valid_slug("iit-housing-rent"));
        for bad in ["ab", "-ab", "ab-", "a--b", "ÄBC", "a b c", "UPPER"] {
            assert!(!valid_slug(bad), "{bad}");
        }
    }
}
