//! 政策与指南: browse and search published guidance, read an article. Rendered on the server,
//! readable without JavaScript.
mod article;
mod index;

pub use article::ArticleRoute;
pub use index::GuidanceRoute;

pub const KINDS: [&str; 4] = ["interpretation", "guide", "faq", "notice"];
pub const TAX_TYPES: [&str; 6] = ["iit", "vat", "cit", "stamp_duty", "surcharges", "general"];

pub fn kind_key(kind: &str) -> &'static str {
    match kind {
        "interpretation" => "article-kind-interpretation",
        "faq" => "article-kind-faq",
        "notice" => "article-kind-notice",
        _ => "article-kind-guide",
    }
}

pub fn tax_type_key(tax_type: &str) -> &'static str {
    match tax_type {
        "iit" => "tax-type-iit",
        "vat" => "tax-type-vat",
        "cit" => "tax-type-cit",
        "stamp_duty" => "tax-type-stamp-duty",
        "surcharges" => "tax-type-surcharges",
        _ => "tax-type-general",
    }
}

/// `2026-11-30T02:45:36Z` → `2026-11-30`.
pub fn day(at: &str) -> String {
    at.get(..10).unwrap_or(at).to_string()
}

/// The article that explains a guidance topic of the engine (explanation lines, interview hints).
pub fn topic_href(topic: &str) -> String {
    format!("/guidance/{topic}")
}
