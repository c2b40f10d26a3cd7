use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::{tr, use_lang, Lang};

/// Links to every other language. `/lang/{code}?next=…` sets the `lang` cookie on the server
/// and returns to the same page, so it works with or without JavaScript.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let current = use_lang();
    let location = use_location();
    let others = Lang::ALL.into_iter().filter(move |l| *l != current);
    view! {
        <nav class="language-switch" aria-label=tr("language-switch-label")>
            {others
                .map(|lang| {
                    let href = move || {
                        let search = location.search.get();
                        let search = search.trim_start_matches('?');
                        let path = location.pathname.get();
                        let next = if search.is_empty() { path } else { format!("{path}?{search}") };
                        format!("/lang/{}?next={}", lang.code(), encode_component(&next))
                    };
                    view! {
                        <a href=href lang=lang.code() hreflang=lang.code() rel="external" class="language-switch__link" data-testid="language-switch">
                            {lang.native_name()}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}

/// Percent-encodes a path for use as a query value (RFC 3986 unreserved characters and `/` kept).
fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::encode_component;

    #[test]
    fn encodes_query_and_non_ascii() {
        assert_eq!(
            encode_component("/guidance?q=a&b=税"),
            "/guidance%3Fq%3Da%26b%3D%E7%A8%8E"
        );
        assert_eq!(encode_component("/filing"), "/filing");
    }
}
