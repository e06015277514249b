//! A `<details>` whose contents are rendered only when it is first opened: what a page
//! holds behind a click (a need's notes, a theme's menu) costs neither HTML nor hydration
//! until someone asks for it. Opened by click, Enter or Space on its summary, as any
//! `<details>`.

use leptos::html::Details;
use leptos::prelude::*;

/// A `<details>` with `summary`, rendering `contents` when first opened and keeping them
/// (closing only hides them). `class` is the element's.
#[component]
pub fn Fold<F, V>(class: &'static str, summary: String, contents: F) -> impl IntoView
where
    F: Fn() -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let opened = RwSignal::new(false);
    let node = NodeRef::<Details>::new();
    // Opened before the page was hydrated, its toggle went unheard: look once when it is.
    Effect::new(move |_| {
        if node.get().is_some_and(|details| details.open()) {
            opened.set(true);
        }
    });
    view! {
        <details class=class node_ref=node on:toggle=move |_| opened.set(true)>
            <summary>{summary}</summary>
            {move || opened.get().then(&contents)}
        </details>
    }
}
