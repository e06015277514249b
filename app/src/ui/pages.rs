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
