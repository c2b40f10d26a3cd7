//! Entry point of the browser bundle: hydrate the server-rendered page.
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // hydrate_lazy: the calculators are a lazy route (their WASM chunk loads on demand).
    leptos::mount::hydrate_lazy(banshui_app::App);
}
