//! An article's limits and choices, its checked content ([`ArticleInput`]) and the fields of its
//! JSON body; the check itself is in `draft`.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(valid_slug("iit-housing-rent"));
        for bad in ["ab", "-ab", "ab-", "a--b", "ÄBC", "a b c", "UPPER"] {
            assert!(!valid_slug(bad), "{bad}");
        }
    }
}
