//! Small pieces shared by the pages.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::error::AppError;
use crate::i18n::use_lang;

/// The frame of every page: header with the name and the language switch, then the page.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let lang = use_lang();
    let location = use_location();
    // The switch is a plain link to a server route that sets the cookie and comes back, so it
    // works before the page has hydrated and from the keyboard.
    let switch_href = move || {
        let path = location.pathname.get();
        let query = location.search.get();
        let next = if query.is_empty() { path } else { format!("{path}?{query}") };
        format!("/lang/{}?next={}", lang.other().tag(), encode_query_value(&next))
    };
    view! {
        <a class="skip-link" href="#main">
            {if lang == crate::i18n::Lang::Sv { "Hoppa till innehållet" } else { "Skip to content" }}
        </a>
        <header class="site-header">
            <a class="brand" href="/">"Klustra"</a>
            <span class="tagline">{lang.texts().tagline}</span>
            <a class="lang-switch" href=switch_href hreflang=lang.other().tag() rel="external">
                {lang.texts().switch_language}
            </a>
        </header>
        <main id="main" tabindex="-1">{children()}</main>
    }
}

/// Shows an error, if there is one, as an alert in the page's language.
#[component]
pub fn Problem(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let lang = use_lang();
    move || {
        error.get().map(|err| {
            view! { <p class="problem" role="alert">{err.message(lang)}</p> }
        })
    }
}

/// Waits for a page's data, then shows `page`; while loading, a note; on an error, the
/// error (with `forbidden` as the message for [`AppError::Forbidden`], if given).
pub fn page_or_problem<T, V>(
    data: Resource<Result<T, AppError>>,
    forbidden: Option<&'static str>,
    page: impl Fn(T) -> V + Copy + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    let lang = use_lang();
    let t = lang.texts();
    view! {
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(value) => page(value).into_any(),
                    Err(AppError::Forbidden) if forbidden.is_some() => view! {
                        <p class="problem" role="alert">{forbidden}</p>
                    }.into_any(),
                    Err(err) => view! {
                        <h1>{t.not_found}</h1>
                        <p class="problem" role="alert">{err.message(lang)}</p>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Percent-encodes a value for a query string.
pub(crate) fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(super::encode_query_value("/join?code=A B&x"), "/join%3Fcode%3DA%20B%26x");
        assert_eq!(super::encode_query_value("/å"), "/%C3%A5");
    }
}
