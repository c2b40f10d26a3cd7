//! The language of API messages: `Accept-Language`, else zh-CN.
use std::convert::Infallible;

use axum::{extract::FromRequestParts, http::request::Parts};
use banshui_i18n::Lang;
use http::HeaderMap;

/// The language a request's `Accept-Language` asks for (zh-CN when it names none we have).
pub fn accept_lang(headers: &HeaderMap) -> Lang {
    let accept = headers
        .get(http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    Lang::negotiate(None, accept)
}

/// Extracts the language of API messages; never rejects.
#[derive(Clone, Copy, Debug)]
pub struct AcceptLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for AcceptLang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(AcceptLang(accept_lang(&parts.headers)))
    }
}
