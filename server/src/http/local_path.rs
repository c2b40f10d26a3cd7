//! The one check every `next=` goes through before it becomes a redirect.

/// `next` when it is a path on this site: one leading `/`, no scheme-relative `//host`, no
/// backslash (browsers read `/\host` as `//host`), no control character (browsers drop tabs and
/// newlines, so `/\t/host` would become `//host`), and short enough for a `Location` header.
pub fn local_path(next: &str) -> Option<&str> {
    const MAX: usize = 2_000;
    (next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control)
        && next.len() <= MAX)
        .then_some(next)
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_paths_on_this_site() {
        for ok in [
            "/",
            "/filing",
            "/guidance?q=%E5%A2%9E",
            "/filings/abc#receipt",
        ] {
            assert_eq!(local_path(ok), Some(ok), "{ok}");
        }
        for bad in [
            "",
            "filing",
            "https://evil.example/",
            "//evil.example",
            "/\\evil.example",
            "\\/evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/x",
            "/\u{0}",
            "/\u{7f}x",
            "/\u{85}x",
        ] {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
        assert_eq!(local_path(&format!("/{}", "a".repeat(2_000))), None);
    }
}
