//! Server functions: the HTTP API the pages call (`POST /api/...`).
//!
//! Each one reads the caller's session (facilitators, analysts, admins) or device cookie
//! (participants), validates its input with the rules in [`crate::model`], calls one port
//! method and returns its result. The logic lives behind
//! the ports, where tests reach it without HTTP.

pub mod auth;
#[cfg(feature = "ssr")]
pub mod ports;
#[cfg(feature = "ssr")]
pub mod session;

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ids::{
    NeedId, NoteId, PriorityTargetId, RoundId, ThemeId, VoteId, VoteTargetId, WorkshopId,
};
use crate::model::{
    Board, FacilitatorBoard, Note, Participant, Round, RoundSummary, Workshop, WorkshopSummary,
};

/// The rounds the caller may open, newest first.
#[server(endpoint = "list_rounds")]
pub async fn list_rounds() -> Result<Vec<RoundSummary>, AppError> {
    let (services, caller) = session::signed_in()?;
    services.workshops.list_rounds(&caller).await
}

/// Creates a round; the caller becomes its facilitator.
#[server(endpoint = "create_round")]
pub async fn create_round(title: String) -> Result<RoundSummary, AppError> {
    let round = crate::model::NewRound::parse(&title)?;
    let (services, owner) = session::signed_in()?;
    services.workshops.create_round(&owner, round).await
}

/// A round and its workshops.
#[server(endpoint = "get_round")]
pub async fn get_round(round_id: RoundId) -> Result<Round, AppError> {
    let (services, caller) = session::signed_in()?;
    services.workshops.round(&caller, round_id).await
}

/// Adds a workshop to a round the caller facilitates.
#[server(endpoint = "create_workshop")]
pub async fn create_workshop(
    round_id: RoundId,
    title: String,
    sector: String,
    held_on: String,
    prompts: String,
) -> Result<WorkshopSummary, AppError> {
    let workshop = crate::model::NewWorkshop::parse(round_id, &title, &sector, &held_on, &prompts)?;
    let (services, caller) = session::signed_in()?;
    services.workshops.create_workshop(&caller, workshop).await
}

/// Locks (`locked = true`) or reopens a workshop the caller facilitates.
#[server(endpoint = "set_workshop_locked")]
pub async fn set_workshop_locked(workshop_id: WorkshopId, locked: bool) -> Result<(), AppError> {
    use crate::model::WorkshopState;
    let state = if locked { WorkshopState::Locked } else { WorkshopState::Open };
    let (services, caller) = session::signed_in()?;
    services.workshops.set_state(&caller, workshop_id, state).await
}

/// A workshop the caller runs, without its board: what its pages need to know before they
/// load the board (whether the caller may open it at all).
#[server(endpoint = "get_workshop")]
pub async fn get_workshop(workshop_id: WorkshopId) -> Result<Workshop, AppError> {
    let (services, caller) = session::signed_in()?;
    services.workshops.workshop(&caller, workshop_id).await
}

/// The facilitator's view of a workshop: join details and every note.
#[server(endpoint = "get_facilitator_board")]
pub async fn get_facilitator_board(workshop_id: WorkshopId) -> Result<FacilitatorBoard, AppError> {
    let (services, caller) = session::signed_in()?;
    services.notes.facilitator_board(&caller, workshop_id).await
}

/// The presenter view of a workshop, for its facilitator: what every participant may see.
#[server(endpoint = "get_presenter_board")]
pub async fn get_presenter_board(workshop_id: WorkshopId) -> Result<FacilitatorBoard, AppError> {
    let (services, caller) = session::signed_in()?;
    services.notes.presenter_board(&caller, workshop_id).await
}

/// A workshop's board as the caller sees it, found by its join code.
#[server(endpoint = "get_board")]
pub async fn get_board(code: String) -> Result<Board, AppError> {
    let code = crate::model::JoinCode::parse(&code)?;
    let caller = session::device();
    session::services()?.notes.board(caller.as_ref(), &code).await
}

/// Joins a workshop by code, optionally with a name and organisation.
#[server(endpoint = "join_workshop")]
pub async fn join_workshop(
    code: String,
    display_name: String,
    organisation: String,
) -> Result<Participant, AppError> {
    let code = crate::model::JoinCode::parse(&code)?;
    let profile = crate::model::ParticipantProfile::parse(&display_name, &organisation)?;
    let device = session::device_or_new()?;
    session::services()?.workshops.join(&device, &code, profile).await
}

/// Adds a note. `note_id` is made by the browser, so sending the same note twice stores it once.
#[server(endpoint = "add_note")]
pub async fn add_note(workshop_id: WorkshopId, note_id: NoteId, text: String) -> Result<Note, AppError> {
    let text = crate::model::parse_note_text(&text)?;
    let author = session::known_device()?;
    session::services()?.notes.add_note(&author, workshop_id, note_id, text).await
}

/// Changes the text of one of the caller's own notes.
#[server(endpoint = "edit_note")]
pub async fn edit_note(note_id: NoteId, text: String) -> Result<Note, AppError> {
    let text = crate::model::parse_note_text(&text)?;
    let author = session::known_device()?;
    session::services()?.notes.edit_note(&author, note_id, text).await
}

/// Deletes one of the caller's own notes.
#[server(endpoint = "delete_note")]
pub async fn delete_note(note_id: NoteId) -> Result<(), AppError> {
    let author = session::known_device()?;
    session::services()?.notes.delete_note(&author, note_id).await
}

/// Notes on the caller's board like the draft they are typing, best first; none for an
/// empty draft.
#[server(endpoint = "find_similar_notes")]
pub async fn find_similar_notes(workshop_id: WorkshopId, text: String) -> Result<Vec<Note>, AppError> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let draft = crate::model::parse_note_text(&text)?;
    let caller = session::known_device()?;
    session::services()?.notes.similar_notes(&caller, workshop_id, &draft).await
}

/// Turns private writing on (participants see only their own notes) or off (reveals all).
#[server(endpoint = "set_private_mode")]
pub async fn set_private_mode(workshop_id: WorkshopId, on: bool) -> Result<(), AppError> {
    let (services, caller) = session::signed_in()?;
    services.workshops.set_private_mode(&caller, workshop_id, on).await
}

/// Starts a countdown of `minutes` for everyone on the board; 0 stops it.
#[server(endpoint = "set_timer")]
pub async fn set_timer(workshop_id: WorkshopId, minutes: u32) -> Result<(), AppError> {
    if minutes > crate::model::TIMER_MAX_MINUTES {
        return Err(AppError::Invalid { field: crate::error::Field::Minutes });
    }
    let (services, caller) = session::signed_in()?;
    services.workshops.set_timer(&caller, workshop_id, minutes).await
}

/// Hides, shows again or deletes any note, as the workshop's facilitator.
#[server(endpoint = "moderate_note")]
pub async fn moderate_note(note_id: NoteId, action: crate::model::Moderation) -> Result<(), AppError> {
    let (services, caller) = session::signed_in()?;
    services.notes.moderate_note(&caller, note_id, action).await
}

/// Restores a note from its workshop's trash, as the workshop's facilitator.
#[server(endpoint = "restore_note")]
pub async fn restore_note(note_id: NoteId) -> Result<(), AppError> {
    let (services, caller) = session::signed_in()?;
    services.notes.restore_note(&caller, note_id).await
}

/// The notes in a workshop's trash, newest first, for its facilitator.
#[server(endpoint = "get_deleted_notes")]
pub async fn get_deleted_notes(
    workshop_id: WorkshopId,
) -> Result<Vec<crate::model::retention::DeletedNote>, AppError> {
    let (services, caller) = session::signed_in()?;
    services.notes.deleted_notes(&caller, workshop_id).await
}

/// Merges a duplicate note into another, as the workshop's facilitator.
#[server(endpoint = "merge_notes")]
pub async fn merge_notes(kept: NoteId, duplicate: NoteId) -> Result<(), AppError> {
    if kept == duplicate {
        return Err(AppError::Invalid { field: crate::error::Field::Note });
    }
    let (services, caller) = session::signed_in()?;
    services.notes.merge_notes(&caller, kept, duplicate).await
}

/// Adds a note from paper on behalf of a group, as the workshop's facilitator.
#[server(endpoint = "add_paper_note")]
pub async fn add_paper_note(
    workshop_id: WorkshopId,
    note_id: NoteId,
    group: String,
    text: String,
) -> Result<Note, AppError> {
    let text = crate::model::parse_note_text(&text)?;
    let group = crate::model::parse_group_name(&group)?;
    let (services, caller) = session::signed_in()?;
    services.notes.add_paper_note(&caller, workshop_id, note_id, group, text).await
}

/// The themes of a workshop, for its facilitator.
#[server(endpoint = "get_themes")]
pub async fn get_themes(workshop_id: WorkshopId) -> Result<Vec<crate::model::Theme>, AppError> {
    let (services, caller) = session::signed_in()?;
    services.themes.themes(&caller, workshop_id).await
}

/// The themes of a workshop as its presenter view shows them to the room.
#[server(endpoint = "get_room_themes")]
pub async fn get_room_themes(workshop_id: WorkshopId) -> Result<Vec<crate::model::RoomTheme>, AppError> {
    let (services, caller) = session::signed_in()?;
    services.themes.room_themes(&caller, workshop_id).await
}

/// Whether themes group notes by meaning as well as words (the sentence model is installed).
#[server(endpoint = "get_semantic_grouping")]
pub async fn get_semantic_grouping() -> Result<bool, AppError> {
    let (services, _) = session::signed_in()?;
    Ok(services.themes.semantic_grouping())
}

/// Clusters the workshop's notes into needs nested in themes; `granularity` (themes) and
/// `need_granularity` (needs; left out: the default) from 0 (fewer) to 1 (more).
#[server(endpoint = "run_clustering")]
pub async fn run_clustering(
    workshop_id: WorkshopId,
    granularity: f32,
    #[server(default)] need_granularity: Option<f32>,
) -> Result<Vec<crate::model::Theme>, AppError> {
    let in_range = |g: f32| (0.0..=1.0).contains(&g);
    if !in_range(granularity) || !need_granularity.is_none_or(in_range) {
        return Err(AppError::Invalid { field: crate::error::Field::Granularity });
    }
    let (services, caller) = session::signed_in()?;
    services.themes.run_clustering(&caller, workshop_id, granularity, need_granularity).await
}

/// Renames a theme; the name is then kept when clustering runs again.
#[server(endpoint = "rename_theme")]
pub async fn rename_theme(theme_id: ThemeId, name: String) -> Result<(), AppError> {
    let name = crate::model::parse_theme_name(&name)?;
    let (services, caller) = session::signed_in()?;
    services.themes.rename_theme(&caller, theme_id, name).await
}

/// Moves a note to another theme and pins it there.
#[server(endpoint = "move_note")]
pub async fn move_note(note_id: NoteId, theme_id: ThemeId) -> Result<(), AppError> {
    let (services, caller) = session::signed_in()?;
    services.themes.move_note(&caller, note_id, theme_id).await
}

/// Renames a need; the name is then kept when clustering runs again.
#[server(endpoint = "rename_need")]
pub async fn rename_need(need_id: NeedId, name: String) -> Result<(), AppError> {
    let name = crate::model::parse_theme_name(&name)?;
    let (services, caller) = session::signed_in()?;
    services.themes.rename_need(&caller, need_id, name).await
}

/// Moves a note into a need (of any theme) and pins it there.
#[server(endpoint = "move_note_to_need")]
pub async fn move_note_to_need(note_id: NoteId, need_id: NeedId) -> Result<(), AppError> {
    let (services, caller) = session::signed_in()?;
    services.themes.move_note_to_need(&caller, note_id, need_id).await
}

/// Pins a note in its theme (kept there by re-runs) or lets clustering place it again.
#[server(endpoint = "pin_note")]
pub async fn pin_note(note_id: NoteId, pinned: bool) -> Result<(), AppError> {
    let (services, caller) = session::signed_in()?;
    services.themes.pin_note(&caller, note_id, pinned).await
}

/// Splits a need of a workshop's themes: `note_ids` (its notes that leave, separated by
/// commas) become a need of their own in the same theme.
#[server(endpoint = "split_need")]
pub async fn split_need(need_id: NeedId, note_ids: String) -> Result<(), AppError> {
    let leaving = note_ids
        .split(',')
        .filter(|id| !id.trim().is_empty())
        .map(|id| id.trim().parse().map_err(|_| AppError::Invalid { field: crate::error::Field::Note }))
        .collect::<Result<Vec<NoteId>, AppError>>()?;
    let (services, caller) = session::signed_in()?;
    services.themes.split_need(&caller, need_id, leaving).await
}

/// Locks a theme (a re-run keeps its name and notes) or unlocks it.
#[server(endpoint = "lock_theme")]
pub async fn lock_theme(theme_id: ThemeId, locked: bool) -> Result<(), AppError> {
    let (services, caller) = session::signed_in()?;
    services.themes.lock_theme(&caller, theme_id, locked).await
}

/// Merges one theme into another.
#[server(endpoint = "merge_themes")]
pub async fn merge_themes(kept: ThemeId, other: ThemeId) -> Result<(), AppError> {
    if kept == other {
        return Err(AppError::Invalid { field: crate::error::Field::Theme });
    }
    let (services, caller) = session::signed_in()?;
    services.themes.merge_themes(&caller, kept, other).await
}

/// Undoes the last change to a workshop's themes.
#[server(endpoint = "undo_themes")]
pub async fn undo_themes(workshop_id: WorkshopId) -> Result<(), AppError> {
    let (services, caller) = session::signed_in()?;
    services.themes.undo_themes(&caller, workshop_id).await
}

/// Splits a theme in two.
#[server(endpoint = "split_theme")]
pub async fn split_theme(theme_id: ThemeId) -> Result<(), AppError> {
    let (services, caller) = session::signed_in()?;
    services.themes.split_theme(&caller, theme_id).await
}

/// The analyst's view of a round the caller facilitates: its report across all workshops.
#[server(endpoint = "get_round_analysis")]
pub async fn get_round_analysis(round_id: RoundId) -> Result<crate::model::report::RoundAnalysis, AppError> {
    let (services, caller) = session::signed_in()?;
    services.reports.round_analysis(&caller, round_id).await
}

/// Clusters every note of the round's workshops into round themes; `granularity` from 0
/// (fewer) to 1 (more).
#[server(endpoint = "cluster_round")]
pub async fn cluster_round(round_id: RoundId, granularity: f32) -> Result<(), AppError> {
    if !(0.0..=1.0).contains(&granularity) {
        return Err(AppError::Invalid { field: crate::error::Field::Granularity });
    }
    let (services, caller) = session::signed_in()?;
    services.reports.cluster_round(&caller, round_id, granularity).await
}

/// Renames a round theme (its id as the report shows it).
#[server(endpoint = "rename_round_theme")]
pub async fn rename_round_theme(round_id: RoundId, theme_id: ThemeId, name: String) -> Result<(), AppError> {
    let name = crate::model::parse_theme_name(&name)?;
    let (services, caller) = session::signed_in()?;
    services.reports.rename_round_theme(&caller, round_id, theme_id, name).await
}

/// Merges one round theme into another.
#[server(endpoint = "merge_round_themes")]
pub async fn merge_round_themes(round_id: RoundId, kept: ThemeId, other: ThemeId) -> Result<(), AppError> {
    if kept == other {
        return Err(AppError::Invalid { field: crate::error::Field::Theme });
    }
    let (services, caller) = session::signed_in()?;
    services.reports.merge_round_themes(&caller, round_id, kept, other).await
}

/// Splits a round theme in two by content.
#[server(endpoint = "split_round_theme")]
pub async fn split_round_theme(round_id: RoundId, theme_id: ThemeId) -> Result<(), AppError> {
    let (services, caller) = session::signed_in()?;
    services.reports.split_round_theme(&caller, round_id, theme_id).await
}

/// Chooses the round a round is compared with; an empty `previous` means none.
#[server(endpoint = "set_previous_round")]
pub async fn set_previous_round(round_id: RoundId, previous: String) -> Result<(), AppError> {
    let previous = match previous.trim() {
        "" => None,
        id => Some(id.parse().map_err(|_| AppError::Invalid { field: crate::error::Field::PreviousRound })?),
    };
    let (services, caller) = session::signed_in()?;
    services.reports.set_previous_round(&caller, round_id, previous).await
}

/// Marks a need or theme of a round (`kind` `need` or `theme`, its id as the report shows
/// it) as a priority area, or takes the mark off (`marked` false).
#[server(endpoint = "set_priority_area")]
pub async fn set_priority_area(
    round_id: RoundId,
    kind: String,
    target_id: PriorityTargetId,
    marked: bool,
) -> Result<(), AppError> {
    let kind = crate::model::report::PriorityKind::from_slug(&kind)
        .ok_or(AppError::Invalid { field: crate::error::Field::Theme })?;
    let (services, caller) = session::signed_in()?;
    services.reports.set_priority_area(&caller, round_id, kind, target_id, marked).await
}

/// Makes a workshop anonymous (no names in its reports and exports) or not; returns the
/// setting now in force.
#[server(endpoint = "set_anonymous")]
pub async fn set_anonymous(workshop_id: WorkshopId, on: bool) -> Result<bool, AppError> {
    let (services, caller) = session::signed_in()?;
    services.reports.set_anonymous(&caller, workshop_id, on).await.map(|()| on)
}

/// Gives a note +1 (`supported = true`) or takes the +1 back; a repeat changes nothing.
#[server(endpoint = "support_note")]
pub async fn support_note(note_id: NoteId, supported: bool) -> Result<crate::model::vote::Support, AppError> {
    let caller = session::known_device()?;
    session::services()?.votes.support_note(&caller, note_id, supported).await
}

/// Opens a dot vote on the workshop's notes or themes with `dots` per participant.
#[server(endpoint = "open_vote")]
pub async fn open_vote(
    workshop_id: WorkshopId,
    target: crate::model::vote::VoteTarget,
    dots: u32,
) -> Result<crate::model::vote::Vote, AppError> {
    let dots = crate::model::vote::parse_dots(dots)?;
    let (services, caller) = session::signed_in()?;
    services.votes.open_vote(&caller, workshop_id, target, dots).await
}

/// Closes a vote; its results stay on the board.
#[server(endpoint = "close_vote")]
pub async fn close_vote(vote_id: VoteId) -> Result<(), AppError> {
    let (services, caller) = session::signed_in()?;
    services.votes.close_vote(&caller, vote_id).await
}

/// Places one of the caller's dots on a note or theme of the open vote.
#[server(endpoint = "give_dot")]
pub async fn give_dot(
    vote_id: VoteId,
    target_id: VoteTargetId,
) -> Result<crate::model::vote::MyDots, AppError> {
    let caller = session::known_device()?;
    session::services()?.votes.give_dot(&caller, vote_id, target_id).await
}

/// Takes one of the caller's dots back while the vote is open.
#[server(endpoint = "take_back_dot")]
pub async fn take_back_dot(
    vote_id: VoteId,
    target_id: VoteTargetId,
) -> Result<crate::model::vote::MyDots, AppError> {
    let caller = session::known_device()?;
    session::services()?.votes.take_back_dot(&caller, vote_id, target_id).await
}

/// A round's data protection: retention date, archive and purge state, audit log.
#[server(endpoint = "get_retention")]
pub async fn get_retention(round_id: RoundId) -> Result<crate::model::retention::Retention, AppError> {
    let (services, caller) = session::signed_in()?;
    services.data_protection.retention(&caller, round_id).await
}

/// Sets the last day a round's notes are kept (`YYYY-MM-DD`; empty clears it).
#[server(endpoint = "set_retention")]
pub async fn set_retention(round_id: RoundId, retain_until: String) -> Result<(), AppError> {
    let retain_until = crate::model::parse_date(&retain_until)?;
    let (services, caller) = session::signed_in()?;
    services.data_protection.set_retention(&caller, round_id, retain_until).await
}

/// Deletes a round's notes and participants; its archive must be exported first.
#[server(endpoint = "purge_round")]
pub async fn purge_round(round_id: RoundId) -> Result<(), AppError> {
    let (services, caller) = session::signed_in()?;
    services.data_protection.purge(&caller, round_id).await
}
