//! The browser entry point: hydrates the server-rendered page into the live app.
//!
//! Kept as its own small `cdylib` crate so `app` stays a plain library that the server links
//! natively; this crate is the only one built for `wasm32-unknown-unknown`.
#![forbid(unsafe_code)]

/// Called by the generated JavaScript once the WebAssembly module is loaded.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Lazy routes hydrate once their chunk has loaded, so hydration itself is async.
    leptos::mount::hydrate_lazy(app::App);
}
