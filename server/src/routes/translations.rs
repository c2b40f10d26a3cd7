//! `GET /i18n/{code}.{hash}.ftl`: one language's Fluent file, which the browser fetches before it
//! hydrates a page (the WASM carries no translations). The name carries a hash of the content
//! (`banshui_i18n::bundle_path`), so it is cached for good. A page served by an older version
//! (another process during a deploy, the back/forward cache) asks for an older hash: it gets the
//! current file, not to be cached. Any other name is 404.
use axum::{
    extract::Path,
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use banshui_i18n::{bundle, bundle_path, Lang};

pub async fn fluent_file(Path(file): Path<String>) -> Response {
    let wanted = format!("/i18n/{file}");
    let current = Lang::ALL.into_iter().find(|l| bundle_path(*l) == wanted);
    let older = || {
        Lang::ALL.into_iter().find(|l| {
            file.strip_prefix(l.code())
                .and_then(|rest| rest.strip_prefix('.'))
                .and_then(|rest| rest.strip_suffix(".ftl"))
                .is_some_and(|hash| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
        })
    };
    let (lang, caching) = match (current, older()) {
        (Some(lang), _) => (lang, "public, max-age=31536000, immutable"),
        (None, Some(lang)) => (lang, "no-cache"),
        (None, None) => return StatusCode::NOT_FOUND.into_response(),
    };
    let Some(text) = bundle(lang) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static(caching)),
        ],
        text.into_owned(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn each_language_at_its_hashed_name_and_nothing_else() {
        for lang in Lang::ALL {
            let name = bundle_path(lang).trim_start_matches("/i18n/").to_string();
            assert!(
                name.starts_with(lang.code()) && name.ends_with(".ftl"),
                "{name}"
            );
            let r = fluent_file(Path(name)).await;
            assert_eq!(r.status(), StatusCode::OK);
            assert!(r.headers()[header::CACHE_CONTROL]
                .to_str()
                .unwrap_or_default()
                .contains("immutable"));
        }
        // An older hash: the current file, not cached.
        let r = fluent_file(Path("en.0000000000000000.ftl".to_string())).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()[header::CACHE_CONTROL], "no-cache");
        for bad in [
            "zh-CN.ftl",
            "fr.0000000000000000.ftl",
            "en.zz.ftl",
            "../Cargo.toml",
        ] {
            assert_eq!(
                fluent_file(Path(bad.to_string())).await.status(),
                StatusCode::NOT_FOUND
            );
        }
    }
}
