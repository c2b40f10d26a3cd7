//! The page shown when a handler panics: status 500, no internals, both languages (the
//! request is gone by then, so the language cannot be negotiated).
use std::any::Any;

use axum::{
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};
use banshui_i18n::{t, Lang};

pub fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response {
    let detail = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(non-string panic)");
    tracing::error!(panic = detail, "handler panicked");
    internal_error_page()
}

pub fn internal_error_page() -> Response {
    let section = |lang: Lang| {
        format!(
            "<section lang=\"{code}\"><h1>{title}</h1><p>{body}</p></section>",
            code = lang.code(),
            title = t(lang, "error-title"),
            body = t(lang, "error-body"),
        )
    };
    let html = format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title></head><body><main>{zh}{en}<p><a href=\"/\">{home}</a></p></main></body></html>",
        title = t(Lang::ZhCn, "error-title"),
        zh = section(Lang::ZhCn),
        en = section(Lang::En),
        home = t(Lang::ZhCn, "not-found-home-link"),
    );
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        html,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panic_becomes_a_bilingual_500_without_internals() {
        let response = panic_response(Box::new(
            "secret internal detail at src/db.rs:42".to_string(),
        ));
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .unwrap();
        let html = String::from_utf8(body.to_vec()).unwrap();
        assert!(html.contains("抱歉，服务出现问题"), "{html}");
        assert!(
            html.contains("Sorry, there is a problem with the service"),
            "{html}"
        );
        assert!(
            !html.contains("secret") && !html.contains("db.rs"),
            "{html}"
        );
    }
}
