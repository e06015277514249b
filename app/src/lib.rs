//! Klustra's web interface and the API surface shared by browser and server.
//!
//! Built twice: with `ssr` for the server (rendering pages and running server functions)
//! and with `hydrate` for the browser. It must not depend on `server`, and holds no SQL:
//! the server functions reach storage only through the traits in `ports`.
//!
//! Layers, each using only those below it (no file imports one above, and no files import
//! each other round):
//!
//! | layer | modules | holds |
//! |---|---|---|
//! | pages | [`ui`] | components, one page per route, the live board in the browser, the report's view |
//! | server functions | [`api`] | what the browser calls, and the ports (`api::ports`) the server implements |
//! | model | [`model`] | the types and pure rules: notes, workshops, rounds, votes, reports; one id type per kind of thing ([`model::ids`]: a `NoteId` cannot be passed where a `WorkshopId` is meant) |
//! | words | [`error`], [`i18n`], [`texts`], [`text`], [`web`] | errors, the two languages and their texts, text analysis, URL and cookie spelling |
#![deny(unsafe_code)]
// Deeply nested views make deep types; the default limit is too small for the hydrate build.
#![recursion_limit = "256"]

pub mod api;
pub mod error;
pub mod i18n;
pub mod model;
pub mod text;
pub mod texts;
pub mod ui;
pub mod web;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{Lazy, SsrMode, path};

use crate::error::AppError;
use crate::i18n::{current_lang, provide_lang, use_lang};
use crate::ui::components::{Layout, answer_with_status};
use crate::ui::pages::{JoinPage, ParticipantPage};
use crate::ui::routes::{
    AccountRoute, AdminUsersRoute, AnalysisRoute, FacilitatorRoute, HomeRoute, LoginRoute, PresenterRoute,
    RoundRoute, SetupRoute,
};

/// The HTML document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = current_lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.tag()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" type="image/svg+xml" href="/favicon.svg"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The application: routes of every page.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_lang();
    view! {
        <Stylesheet id="klustra" href="/pkg/klustra.css"/>
        <Title text="Klustra"/>
        <Router>
            <Layout>
                <Routes fallback=NotFound>
                    // Participants' pages are in the main bundle; staff pages are lazy.
                    // A page of one code, round or workshop answers with the status of its data
                    // load ("not yours", "no such code"): it waits for that data before the
                    // status line goes out (`Async`), where others stream.
                    <Route path=path!("/join") view=JoinPage/>
                    <Route path=path!("/join/:code") view=ParticipantPage ssr=SsrMode::Async/>
                    <Route path=path!("/") view={Lazy::<HomeRoute>::new()}/>
                    <Route path=path!("/rounds/:round_id") view={Lazy::<RoundRoute>::new()} ssr=SsrMode::Async/>
                    <Route
                        path=path!("/rounds/:round_id/analysis")
                        view={Lazy::<AnalysisRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/workshops/:workshop_id")
                        view={Lazy::<FacilitatorRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/workshops/:workshop_id/present")
                        view={Lazy::<PresenterRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/login") view={Lazy::<LoginRoute>::new()}/>
                    <Route path=path!("/setup/:token") view={Lazy::<SetupRoute>::new()}/>
                    <Route path=path!("/account") view={Lazy::<AccountRoute>::new()}/>
                    <Route path=path!("/admin/users") view={Lazy::<AdminUsersRoute>::new()}/>
                </Routes>
            </Layout>
        </Router>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    answer_with_status(&AppError::NotFound);
    let t = use_lang().texts();
    view! {
        <h1>{t.not_found}</h1>
        <p><a href="/">{t.home}</a></p>
    }
}
