//! Staff pages as lazy routes: their code is split out of the bundle every participant
//! downloads and fetched the first time a facilitator, analyst or admin opens one.
//!
//! The split only happens in the browser build (`split-bundle` after `cargo build`); on the
//! server a lazy route renders like any other.

// The split points are `extern "C"` imports and exports written by the `wasm_split` macro
// behind `#[lazy_route]`; this module holds nothing else.
#![allow(unsafe_code)]

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

use crate::ui::pages::{
    AccountPage, AdminUsersPage, AnalysisPage, FacilitatorPage, HomePage, LoginPage, PresenterPage,
    RoundPage, SetupPage,
};

/// Declares a lazy route that shows one page component.
macro_rules! lazy_page {
    ($($route:ident => $page:ident),* $(,)?) => {$(
        #[doc = concat!("The lazily loaded route of [`", stringify!($page), "`].")]
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(_route: Self) -> AnyView {
                view! { <$page/> }.into_any()
            }
        }
    )*};
}

lazy_page! {
    HomeRoute => HomePage,
    RoundRoute => RoundPage,
    AnalysisRoute => AnalysisPage,
    FacilitatorRoute => FacilitatorPage,
    PresenterRoute => PresenterPage,
    LoginRoute => LoginPage,
    SetupRoute => SetupPage,
    AccountRoute => AccountPage,
    AdminUsersRoute => AdminUsersPage,
}
