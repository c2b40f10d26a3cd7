//! Article bodies: Markdown rendered with pulldown-cmark, then sanitized with ammonia against
//! an allow-list. No script, event handler, style, `javascript:` or `data:` URL survives;
//! every link gets `rel="noopener noreferrer"`.
use std::{collections::HashSet, sync::LazyLock};

use ammonia::Builder;
use pulldown_cmark::{html, Event, Options, Parser, Tag, TagEnd};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_HEADING_ATTRIBUTES
}

static SANITIZER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut b = Builder::default();
    b.link_rel(Some("noopener noreferrer"))
        .url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
        .add_tags(["table", "thead", "tbody", "tr", "th", "td", "caption"])
        .add_tag_attributes("th", ["scope"])
        .rm_tags(["img"])
        .id_prefix(Some("md-"));
    b
});

/// Sanitized HTML for a Markdown body.
pub fn to_html(markdown: &str) -> String {
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, options()));
    SANITIZER.clean(&raw).to_string()
}

/// The words of a Markdown body without markup, for the search index and snippets.
pub fn to_text(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => text.push('\n'),
            Event::Start(Tag::Item) => text.push_str("· "),
            _ => {}
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_markdown() {
        let html = to_html("# 标题\n\n**税率** 1%\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(html.contains("<h1>标题</h1>"), "{html}");
        assert!(html.contains("<strong>税率</strong>"), "{html}");
        assert!(html.contains("<td>1</td>"), "{html}");
    }

    #[test]
    fn links_get_rel_and_scripts_go() {
        let html = to_html("[a](https://chinatax.gov.cn) <script>alert(1)</script> [b](javascript:alert(1)) <img src=x onerror=alert(1)>");
        assert!(
            html.contains(r#"<a href="https://chinatax.gov.cn" rel="noopener noreferrer">a</a>"#),
            "{html}"
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
    }

    #[test]
    fn text_has_no_markup() {
        assert_eq!(to_text("# 标题\n\n**税率** `1%`").trim(), "标题\n税率 1%");
    }
}
