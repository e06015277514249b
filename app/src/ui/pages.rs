//! One component per route.

mod account;
mod admin;
mod analysis;
mod card_menu;
mod facilitator;
mod home;
mod participant;
mod presenter;
mod priorities;
mod retention;
mod round;
mod round_themes;
mod sharing;
mod themes;
mod trash;

pub use account::{AccountPage, LoginPage, SetupPage};
pub use admin::AdminUsersPage;
pub use analysis::AnalysisPage;
pub use facilitator::FacilitatorPage;
pub use home::HomePage;
pub use participant::{JoinPage, ParticipantPage};
pub use presenter::PresenterPage;
pub use round::RoundPage;

/// The route parameter `name` read as an id of type `Id`, tracked: `None` while it is
/// missing or is no id, which each page shows as not found.
fn id_param<Id: std::str::FromStr>(name: &'static str) -> impl Fn() -> Option<Id> + Copy {
    use leptos::prelude::Read;
    let params = leptos_router::hooks::use_params_map();
    move || params.read().get(name).and_then(|id| id.parse().ok())
}
