//! One component per route.

mod analysis;
mod facilitator;
mod home;
mod participant;
mod presenter;
mod retention;
mod round;
mod themes;

pub use analysis::AnalysisPage;
pub use facilitator::FacilitatorPage;
pub use home::HomePage;
pub use participant::{JoinPage, ParticipantPage};
pub use presenter::PresenterPage;
pub use round::RoundPage;
