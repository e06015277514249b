//! Small pieces shared by the pages.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::api::auth::SignOut;
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::model::account::User;
use crate::web::encode_query_value;

/// Who is signed in, known once per page by [`Layout`] and shared through context.
#[derive(Clone)]
struct CurrentUser(Option<User>);

/// The signed-in person, if any.
pub fn use_current_user() -> Option<User> {
    use_context::<CurrentUser>().and_then(|current| current.0)
}

/// The signed-in person the server found for this request. Read synchronously and handed
/// to the browser with the page (no resource: the header renders without waiting).
fn signed_in_of_request() -> Option<User> {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<crate::model::account::SignedIn>().cloned())
            .and_then(|signed_in| signed_in.0)
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// Loads `path` as a new page, so that everything on it (the header too) shows the new
/// sign-in state. Only in the browser; the server renders no navigation.
pub fn go_to(path: &str) {
    #[cfg(feature = "hydrate")]
    let _ = window().location().set_href(path);
    #[cfg(not(feature = "hydrate"))]
    let _ = path;
}

/// The path and query of the current page, for a `next=` link back to it.
fn here() -> impl Fn() -> String + Copy {
    let location = use_location();
    move || {
        let path = location.pathname.get();
        let query = location.search.get();
        if query.is_empty() { path } else { format!("{path}?{query}") }
    }
}

/// The frame of every page: header with the name and the language switch, then the page.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let lang = use_lang();
    let here = here();
    // The switch is a plain link to a server route that sets the cookie and comes back, so it
    // works before the page has hydrated and from the keyboard.
    let switch_href = move || format!("/lang/{}?next={}", lang.other().tag(), encode_query_value(&here()));
    provide_context(CurrentUser(SharedValue::new(signed_in_of_request).into_inner()));
    view! {
        <a class="skip-link" href="#main">
            {lang.texts().skip_to_content}
        </a>
        <header class="site-header">
            <a class="brand" href="/">"Klustra"</a>
            <span class="tagline">{lang.texts().tagline}</span>
            <AccountMenu/>
            <a class="lang-switch" href=switch_href hreflang=lang.other().tag() rel="external">
                {lang.texts().switch_language}
            </a>
        </header>
        <main id="main" tabindex="-1">{children()}</main>
    }
}

/// The header's sign-in state: who is signed in with links to the account (and, for
/// admins, the accounts) and a sign-out button; or a sign-in link.
#[component]
fn AccountMenu() -> impl IntoView {
    let t = use_lang().account_texts();
    let here = here();
    let sign_out = ServerAction::<SignOut>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = sign_out.value().get() {
            go_to("/");
        }
    });
    // The projector shows the room neither who is signed in nor a button to press.
    let location = use_location();
    let on_projector = move || location.pathname.get().ends_with("/present");
    view! {
        <nav class="account-menu" aria-label=t.account_menu hidden=on_projector>
            {match use_current_user() {
                Some(user) => view! {
                    <span class="meta" data-testid="signed-in-as">{t.signed_in_as}" "{user.email.clone()}</span>
                    <a href="/account">{t.account_link}</a>
                    {user.is_admin().then(|| view! { <a href="/admin/users">{t.accounts_link}</a> })}
                    <ActionForm action=sign_out attr:class="inline-form">
                        <button type="submit" class="secondary">{t.sign_out}</button>
                    </ActionForm>
                }.into_any(),
                None => view! {
                    <a href=move || format!("/login?next={}", encode_query_value(&here()))>{t.sign_in}</a>
                }.into_any(),
            }}
        </nav>
    }
}

/// What a page for signed-in accounts shows to someone who is not: a link to sign in that
/// comes back here. Answered with 401 on the server.
#[component]
pub fn SignInPrompt() -> impl IntoView {
    answer_with_status(&AppError::NotSignedIn);
    let t = use_lang().account_texts();
    let here = here();
    view! {
        <h1>{t.sign_in_heading}</h1>
        <p role="status">{t.sign_in_needed}</p>
        <p><a href=move || format!("/login?next={}", encode_query_value(&here())) data-testid="sign-in-link">{t.sign_in}</a></p>
    }
}

/// Gives the page's HTTP response the status of `err`, the error the page's own data load
/// returned and the page shows: one decision, so a page the caller may not see answers
/// 401, 403 or 404 (to a monitor, a crawler, a script checking a link) while still showing
/// its friendly error, and no second table of routes asks the question again.
///
/// The status line goes out before a streamed page's data has loaded, so a route whose
/// page calls this after loading renders with `SsrMode::Async` (see `App`). Only on the
/// server; the browser has no response to set.
pub fn answer_with_status(err: &AppError) {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        let status = http::StatusCode::from_u16(err.status());
        response.set_status(status.unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR));
    }
    #[cfg(not(feature = "ssr"))]
    let _ = err;
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
/// error (with `forbidden` as the message for [`AppError::Forbidden`], if given), or a
/// sign-in prompt when the caller is not signed in. The error is the page's HTTP status
/// too ([`answer_with_status`]).
///
/// `data` is a [`Resource`] (loaded while the server renders the page, and sent along with
/// it) or a [`LocalResource`] (loaded by the browser: for data too large to send twice).
pub fn page_or_problem<T, V, R>(
    data: R,
    forbidden: Option<&'static str>,
    page: impl Fn(T) -> V + Copy + Send + Sync + 'static,
) -> impl IntoView
where
    R: std::future::IntoFuture<Output = Result<T, AppError>> + Copy + Send + Sync + 'static,
    R::IntoFuture: Send,
    T: Send + 'static,
    V: IntoView + 'static,
{
    let lang = use_lang();
    let t = lang.texts();
    view! {
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                let result = data.await;
                if let Err(err) = &result {
                    answer_with_status(err);
                }
                match result {
                    Ok(value) => page(value).into_any(),
                    Err(AppError::NotSignedIn) => view! { <SignInPrompt/> }.into_any(),
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
