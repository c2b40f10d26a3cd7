//! Entry point of the browser bundle: hydrate the server-rendered page.
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(banshui_app::App);
}
