//! Entry point of the browser bundle: fetch the page's language file, then hydrate the
//! server-rendered page. The WASM carries no translations of its own (the page names its
//! language's file in `<meta name="banshui-i18n">`, cached for good); when that file cannot be
//! had, the page is left as the server rendered it, which works without JavaScript.
use banshui_i18n::Lang;
use wasm_bindgen::{prelude::wasm_bindgen, JsCast};
use wasm_bindgen_futures::JsFuture;

/// The page's language and the address of its Fluent file.
fn page_bundle() -> Option<(Lang, String)> {
    let document = web_sys::window()?.document()?;
    let lang = document
        .document_element()?
        .get_attribute("lang")
        .and_then(|tag| Lang::from_tag(&tag))?;
    let path = document
        .query_selector("meta[name=\"banshui-i18n\"]")
        .ok()??
        .get_attribute("content")?;
    Some((lang, path))
}

async fn fetch_text(path: &str) -> Option<String> {
    let window = web_sys::window()?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(path))
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()
}

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        let Some((lang, path)) = page_bundle() else {
            return;
        };
        let Some(text) = fetch_text(&path).await else {
            return;
        };
        banshui_i18n::install(lang, &text);
        // hydrate_lazy: the calculators are a lazy route (their WASM chunk loads on demand).
        leptos::mount::hydrate_lazy(banshui_app::App);
    });
}
