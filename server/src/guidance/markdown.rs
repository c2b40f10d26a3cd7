//! Article bodies: Markdown rendered with pulldown-cmark, then sanitized with ammonia against
//! an allow-list. No script, event handler, style, `javascript:` or `data:` URL survives;
//! every link gets `rel="noopener noreferrer"`.
use std::{collections::HashSet, sync::LazyLock};

use ammonia::Builder;
use pulldown_cmark::{html, Event, Options, Parser, Tag, TagEnd};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The only URL schemes a link in an article may have (relative links need none).
const URL_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

static SANITIZER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut b = Builder::default();
    b.link_rel(Some("noopener noreferrer"))
        .url_schemes(HashSet::from(URL_SCHEMES))
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

    mod properties {
        use proptest::prelude::*;

        use super::super::{to_html, to_text, URL_SCHEMES};

        /// Pieces an attacker or a careless editor would combine: raw HTML, event handlers,
        /// dangerous URL schemes (also entity-encoded and mixed case), Markdown syntax.
        const PIECES: &[&str] = &[
            "<script>alert(1)</script>",
            "<SCRIPT SRC=//x>",
            "<img src=x onerror=alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "[x](JaVaScRiPt:alert(1))",
            "[x](&#106;avascript:alert(1))",
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            "<div style=\"background:url(x)\" onclick=\"x()\">",
            "<iframe src=//x>",
            "<svg onload=x>",
            "<style>*{}</style>",
            "<form action=//x><input name=a>",
            "<meta http-equiv=refresh>",
            "</title>",
            "<!--",
            "-->",
            "<![CDATA[",
            "]]>",
            "`",
            "```",
            "\n",
            "\n\n",
            "# ",
            "> ",
            "- ",
            "1. ",
            "| a | b |\n|---|---|\n",
            "**",
            "_",
            "~~",
            "[",
            "](",
            ")",
            "<",
            ">",
            "&",
            "\"",
            "'",
            "{#id .class}",
            "\u{0}",
            "\u{202e}",
            "税",
            "[a](https://chinatax.gov.cn)",
            "<a href=https://x.example onmouseover=x>",
            "<th scope=col onfocus=x>",
        ];

        /// The tag without its quoted `href`/`src` values, and those values (entities decoded).
        fn split_urls(tag: &str) -> (String, Vec<String>) {
            let mut rest = String::new();
            let mut urls = Vec::new();
            let mut s = tag;
            while let Some(at) = ["href=\"", "src=\""]
                .iter()
                .filter_map(|a| s.find(a).map(|i| (i, a.len())))
                .min()
            {
                let (i, len) = at;
                rest.push_str(&s[..i + len]);
                let value = &s[i + len..];
                let end = value.find('"').unwrap_or(value.len());
                urls.push(value[..end].replace("&amp;", "&").replace("&#58;", ":"));
                s = &value[end..];
            }
            rest.push_str(s);
            (rest, urls)
        }

        /// The scheme a browser reads in `url` (WHATWG: letters, digits, `+-.` before the first
        /// `:`, starting with a letter, after leading control characters and spaces are dropped);
        /// `None` for a relative URL.
        fn url_scheme(url: &str) -> Option<String> {
            let cleaned: String = url
                .trim_start_matches(|c: char| c <= ' ')
                .chars()
                .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                .collect();
            let (head, _) = cleaned.split_once(':')?;
            let mut chars = head.chars();
            let first = chars.next()?;
            (first.is_ascii_alphabetic()
                && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
            .then(|| head.to_ascii_lowercase())
        }

        fn markdown() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                3 => proptest::sample::select(PIECES).prop_map(str::to_string),
                1 => any::<String>(),
            ];
            proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(512))]

            #[test]
            fn nothing_active_survives(md in markdown()) {
                let html = to_html(&md);
                let lower = html.to_ascii_lowercase();
                // Text is escaped, so every `<` starts a tag the sanitizer let through.
                for tag in lower.split('<').skip(1).map(|t| t.split('>').next().unwrap_or(t)) {
                    let name = tag.trim_start_matches('/').split([' ', '\n']).next().unwrap_or("");
                    prop_assert!(
                        !["script", "iframe", "img", "svg", "style", "form", "input", "meta", "title"]
                            .contains(&name),
                        "<{tag}> in {html:?} from {md:?}"
                    );
                    let (rest, urls) = split_urls(tag);
                    for url in urls {
                        let scheme = url_scheme(&url);
                        prop_assert!(
                            scheme.as_deref().is_none_or(|s| URL_SCHEMES.contains(&s)),
                            "scheme {scheme:?} of {url:?} in <{tag}> from {md:?}"
                        );
                    }
                    for banned in ["javascript:", "data:", " style=", " on"] {
                        prop_assert!(!rest.contains(banned), "{banned} in <{tag}> from {md:?}");
                    }
                    if name == "a" && tag.contains("href") {
                        prop_assert!(tag.contains("rel=\"noopener noreferrer\""), "<{tag}>");
                    }
                }
                let _ = to_text(&md);
            }

            #[test]
            fn plain_text_is_kept_and_escaped(words in "[a-z0-9税务 ]{1,40}") {
                let html = to_html(&words);
                let text = to_text(&words);
                prop_assert_eq!(text.trim(), words.trim());
                if !words.trim().is_empty() {
                    prop_assert!(html.contains(words.trim()), "{html:?}");
                }
            }
        }
    }
}
