//! The signed-in taxpayer of every page, kept out of the server-function machinery so that
//! the main WASM bundle stays small: the server renders it (and serializes it into the page);
//! in the browser, renewing or ending the session is one plain request to the JSON API.
use leptos::prelude::*;

use super::data::Me;

/// Who is signed in, for the page being rendered. In the browser the value always comes from
/// the server's rendering; this never fetches.
pub async fn current() -> Result<Option<Me>, ServerFnError> {
    #[cfg(feature = "ssr")]
    {
        super::load_me().await
    }
    #[cfg(not(feature = "ssr"))]
    {
        Ok(None)
    }
}

/// Renews the session (`GET /api/v1/me`); the seconds until the idle timeout, or `None` when
/// the session has ended.
pub async fn renew() -> Option<i64> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let window = web_sys::window()?;
        let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str("/api/v1/me"))
            .await
            .ok()?;
        let response: web_sys::Response = response.dyn_into().ok()?;
        if !response.ok() {
            return None;
        }
        let body = wasm_bindgen_futures::JsFuture::from(response.json().ok()?)
            .await
            .ok()?;
        js_sys::Reflect::get(&body, &"session_idle_seconds".into())
            .ok()?
            .as_f64()
            .map(|s| s as i64)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}

/// Ends the session on the server (`DELETE /api/v1/session`).
pub async fn end() {
    #[cfg(feature = "hydrate")]
    {
        if let Some(window) = web_sys::window() {
            let init = web_sys::RequestInit::new();
            init.set_method("DELETE");
            let _ = wasm_bindgen_futures::JsFuture::from(
                window.fetch_with_str_and_init("/api/v1/session", &init),
            )
            .await;
        }
    }
}
