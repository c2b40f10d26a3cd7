//! `GET /lang/{code}?next=/path`: remember the chosen language in a cookie and return to the
//! page the user was on. A plain link, so it works without JavaScript. Only a language
//! preference changes, so it needs no CSRF token; `next` must be a local path (no open redirect).
use axum::{
    extract::{Path, Query},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use banshui_i18n::Lang;
use serde::Deserialize;

use crate::http::local_path;

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

/// `next` when it is a path on this site, else the home page.
pub fn safe_local_path(next: Option<&str>) -> &str {
    next.and_then(local_path).unwrap_or("/")
}

pub async fn switch_language(Path(code): Path<String>, Query(q): Query<Next>) -> Response {
    let Some(lang) = Lang::from_tag(&code).filter(|l| l.code().eq_ignore_ascii_case(&code)) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let target = safe_local_path(q.next.as_deref());
    let cookie = format!(
        "lang={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly",
        lang.code()
    );
    let (Ok(location), Ok(cookie)) = (
        HeaderValue::from_str(target),
        HeaderValue::from_str(&cookie),
    ) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, location), (header::SET_COOKIE, cookie)],
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::safe_local_path;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_local_path(Some("/guidance?q=1")), "/guidance?q=1");
        assert_eq!(safe_local_path(Some("//evil.example")), "/");
        assert_eq!(safe_local_path(Some("https://evil.example")), "/");
        assert_eq!(safe_local_path(Some("/\\evil.example")), "/");
        assert_eq!(safe_local_path(Some("/a\r\nSet-Cookie: x")), "/");
        assert_eq!(safe_local_path(None), "/");
    }
}
