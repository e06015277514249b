//! The few server-only services the server functions call ("ports").
//!
//! `app` only declares them; the `server` crate implements them on its database and
//! provides them as one [`Services`] value through Leptos context. Every method takes the
//! caller (the signed-in [`User`], or a participant's [`Device`]) and does its own
//! authorization, so a server function cannot forget it.

use std::sync::Arc;

use async_trait::async_trait;

use crate::error::AppError;
use crate::model::account::{Account, Grant, NewAccount, User};
use crate::model::ids::{
    AccountId, NeedId, NoteId, PriorityTargetId, RoundId, ThemeId, VoteId, VoteTargetId, WorkshopId,
};
use crate::model::report::{PriorityKind, Report, RoundAnalysis};
use crate::model::retention::Retention;
use crate::model::vote::{MyDots, Support, Vote, VoteTarget};
use crate::model::{
    Board, FacilitatorBoard, JoinCode, Moderation, NewRound, NewWorkshop, Note, Participant,
    ParticipantProfile, RoomTheme, Round, RoundSummary, Theme, Workshop, WorkshopState, WorkshopSummary,
};
use crate::web::cookie_value;

/// The browser's anonymous identity: a random token kept in an HttpOnly cookie.
///
/// It makes a participant the author of its notes without an account.
#[derive(Clone, PartialEq, Eq)]
pub struct Device(pub String);

impl Device {
    /// Name of the HttpOnly cookie that holds the device token.
    pub const COOKIE: &'static str = "klustra_device";

    /// The device whose well-formed token the request's cookies carry.
    pub fn from_headers(headers: &http::HeaderMap) -> Option<Device> {
        well_formed_token(headers, Self::COOKIE).map(Device)
    }
}

/// Mints the tokens of new devices, in a form the server can later recognise as its own.
pub trait DeviceIssuer: Send + Sync {
    /// A fresh device for a browser that has none.
    fn issue(&self) -> Device;
}

/// The token in cookie `name` if it has the shape of the server's tokens (64 hex digits);
/// anything else is treated as no cookie, so a forged value never reaches a lookup.
fn well_formed_token(headers: &http::HeaderMap, name: &str) -> Option<String> {
    cookie_value(headers, name)
        .filter(|token| token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_string)
}

/// A `Set-Cookie` value for Klustra's own cookies: for the whole site, HttpOnly (no script
/// reads them), same-site, kept `max_age_secs` (0: forget it now), and `Secure` when
/// Klustra is served over https.
pub fn set_cookie(name: &str, value: &str, max_age_secs: u64, secure: bool) -> String {
    let max_age = cookie::time::Duration::seconds(i64::try_from(max_age_secs).unwrap_or(i64::MAX));
    cookie::Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .max_age(max_age)
        .secure(secure)
        .build()
        .to_string()
}

impl std::fmt::Debug for Device {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Device(<redacted>)")
    }
}

/// Rounds and their workshops, for facilitators.
#[async_trait]
pub trait Workshops: Send + Sync {
    /// The rounds the caller may open, newest first.
    async fn list_rounds(&self, caller: &User) -> Result<Vec<RoundSummary>, AppError>;
    /// Creates a round owned by `owner`.
    async fn create_round(&self, owner: &User, round: NewRound) -> Result<RoundSummary, AppError>;
    /// One round with its workshops.
    async fn round(&self, caller: &User, id: RoundId) -> Result<Round, AppError>;
    /// Adds a workshop (with a fresh join code) to a round the caller owns.
    async fn create_workshop(
        &self,
        caller: &User,
        workshop: NewWorkshop,
    ) -> Result<WorkshopSummary, AppError>;
    /// A workshop of a round the caller runs (without its notes).
    async fn workshop(&self, caller: &User, workshop_id: WorkshopId) -> Result<Workshop, AppError>;
    /// Opens or locks a workshop the caller owns.
    async fn set_state(
        &self,
        caller: &User,
        workshop_id: WorkshopId,
        state: WorkshopState,
    ) -> Result<(), AppError>;
    /// Turns private writing on, or off (revealing every note), in a workshop the caller owns.
    async fn set_private_mode(
        &self,
        caller: &User,
        workshop_id: WorkshopId,
        on: bool,
    ) -> Result<(), AppError>;
    /// Starts a countdown of `minutes` (0 stops it) in a workshop the caller owns.
    async fn set_timer(&self, caller: &User, workshop_id: WorkshopId, minutes: u32) -> Result<(), AppError>;
    /// Joins the workshop with this code (again, if already joined: the profile is updated).
    async fn join(
        &self,
        device: &Device,
        code: &JoinCode,
        profile: ParticipantProfile,
    ) -> Result<Participant, AppError>;
}

/// Notes on a workshop's board.
#[async_trait]
pub trait Notes: Send + Sync {
    /// The board as the participant behind `device` sees it (it need not have joined yet).
    async fn board(&self, device: Option<&Device>, code: &JoinCode) -> Result<Board, AppError>;
    /// The board and join details, for the workshop's facilitator.
    async fn facilitator_board(
        &self,
        caller: &User,
        workshop_id: WorkshopId,
    ) -> Result<FacilitatorBoard, AppError>;
    /// The board as a projector shows it to the room (what every participant may see), with
    /// the join details, for the workshop's facilitator.
    async fn presenter_board(
        &self,
        caller: &User,
        workshop_id: WorkshopId,
    ) -> Result<FacilitatorBoard, AppError>;
    /// Stores a note written by a participant. A resend of the same id returns the stored
    /// note and changes nothing.
    async fn add_note(
        &self,
        author: &Device,
        workshop_id: WorkshopId,
        note_id: NoteId,
        text: String,
    ) -> Result<Note, AppError>;
    /// Changes the text of the caller's own note.
    async fn edit_note(&self, author: &Device, note_id: NoteId, text: String) -> Result<Note, AppError>;
    /// Deletes the caller's own note.
    async fn delete_note(&self, author: &Device, note_id: NoteId) -> Result<(), AppError>;
    /// Hides, shows or deletes any note of a workshop the caller facilitates (a deleted note
    /// waits in the workshop's trash until restored or purged).
    async fn moderate_note(&self, caller: &User, note_id: NoteId, action: Moderation)
    -> Result<(), AppError>;
    /// Puts a note the caller deleted as facilitator back from its workshop's trash, as it
    /// was (text, place, theme and need, +1s and dots).
    async fn restore_note(&self, caller: &User, note_id: NoteId) -> Result<(), AppError>;
    /// The trash of a workshop the caller facilitates: notes deleted there, newest first.
    async fn deleted_notes(
        &self,
        caller: &User,
        workshop_id: WorkshopId,
    ) -> Result<Vec<crate::model::retention::DeletedNote>, AppError>;
    /// Merges `duplicate` into `kept`, two notes of a workshop the caller facilitates.
    async fn merge_notes(&self, caller: &User, kept: NoteId, duplicate: NoteId) -> Result<(), AppError>;
    /// Notes on the board of the participant behind `device` that say much the same as the
    /// `draft` they are typing, best first (at most the similar-note matcher's `MAX_SUGGESTIONS`): by
    /// meaning when the server has its sentence model, by words otherwise. Only notes the
    /// participant may see.
    async fn similar_notes(
        &self,
        device: &Device,
        workshop_id: WorkshopId,
        draft: &str,
    ) -> Result<Vec<Note>, AppError>;
    /// Adds a note from paper on behalf of `group`, in a workshop the caller facilitates.
    async fn add_paper_note(
        &self,
        caller: &User,
        workshop_id: WorkshopId,
        note_id: NoteId,
        group: String,
        text: String,
    ) -> Result<Note, AppError>;
}

/// Themes of a workshop, for its facilitator.
#[async_trait]
pub trait Themes: Send + Sync {
    /// The workshop's themes, largest first, the unsorted group last.
    async fn themes(&self, caller: &User, workshop_id: WorkshopId) -> Result<Vec<Theme>, AppError>;
    /// The same themes as the room sees them on the projector: only notes every participant
    /// may see, names only where those notes hold their words.
    async fn room_themes(&self, caller: &User, workshop_id: WorkshopId) -> Result<Vec<RoomTheme>, AppError>;
    /// Clusters the workshop's visible notes into needs nested in themes, keeping renamed
    /// themes and needs and placed notes. `granularity` runs from 0 (fewer themes) to 1
    /// (more); `need_granularity` likewise for needs (`None`: the default grain).
    async fn run_clustering(
        &self,
        caller: &User,
        workshop_id: WorkshopId,
        granularity: f32,
        need_granularity: Option<f32>,
    ) -> Result<Vec<Theme>, AppError>;
    /// Renames a theme; the name then survives re-runs.
    async fn rename_theme(&self, caller: &User, theme_id: ThemeId, name: String) -> Result<(), AppError>;
    /// Moves a note to a theme of the same workshop and pins it there, as a need of its own.
    async fn move_note(&self, caller: &User, note_id: NoteId, theme_id: ThemeId) -> Result<(), AppError>;
    /// Renames a need; the name then survives re-runs.
    async fn rename_need(&self, caller: &User, need_id: NeedId, name: String) -> Result<(), AppError>;
    /// Moves a note into a need (of any theme of the same workshop) and pins it there.
    async fn move_note_to_need(
        &self,
        caller: &User,
        note_id: NoteId,
        need_id: NeedId,
    ) -> Result<(), AppError>;
    /// Splits a need: the chosen notes (some of its notes, not all) leave for a new need in
    /// the same theme; a re-run keeps both.
    async fn split_need(&self, caller: &User, need_id: NeedId, note_ids: Vec<NoteId>)
    -> Result<(), AppError>;
    /// Pins a note in its theme (a re-run keeps it there) or unpins it.
    async fn pin_note(&self, caller: &User, note_id: NoteId, pinned: bool) -> Result<(), AppError>;
    /// Locks a theme (name and notes kept by re-runs) or unlocks it.
    async fn lock_theme(&self, caller: &User, theme_id: ThemeId, locked: bool) -> Result<(), AppError>;
    /// Merges theme `other` into `kept`.
    async fn merge_themes(&self, caller: &User, kept: ThemeId, other: ThemeId) -> Result<(), AppError>;
    /// Splits a theme in two by clustering its notes again.
    async fn split_theme(&self, caller: &User, theme_id: ThemeId) -> Result<(), AppError>;
    /// Undoes the last change to the workshop's themes.
    async fn undo_themes(&self, caller: &User, workshop_id: WorkshopId) -> Result<(), AppError>;
    /// Whether clustering groups notes by meaning (the sentence model is loaded) as well as
    /// by their words.
    fn semantic_grouping(&self) -> bool;
}

/// Revision reports, and the analyst's view of a round.
#[async_trait]
pub trait Reports: Send + Sync {
    /// The report of one workshop the caller facilitates.
    async fn workshop_report(&self, caller: &User, workshop_id: WorkshopId) -> Result<Report, AppError>;
    /// A round the caller facilitates: its report across all workshops, compared with the
    /// previous round.
    async fn round_analysis(&self, caller: &User, round_id: RoundId) -> Result<RoundAnalysis, AppError>;
    /// Clusters the notes of all the round's workshops into round themes. A theme that
    /// continues one of an earlier run or of the previous round keeps that theme's id.
    async fn cluster_round(&self, caller: &User, round_id: RoundId, granularity: f32)
    -> Result<(), AppError>;
    /// Renames a round theme (`theme_id` as reports show it); re-runs keep the name.
    async fn rename_round_theme(
        &self,
        caller: &User,
        round_id: RoundId,
        theme_id: ThemeId,
        name: String,
    ) -> Result<(), AppError>;
    /// Merges round theme `other` into `kept`, which keeps its name.
    async fn merge_round_themes(
        &self,
        caller: &User,
        round_id: RoundId,
        kept: ThemeId,
        other: ThemeId,
    ) -> Result<(), AppError>;
    /// Splits a round theme in two by content.
    async fn split_round_theme(
        &self,
        caller: &User,
        round_id: RoundId,
        theme_id: ThemeId,
    ) -> Result<(), AppError>;
    /// Chooses the round this one is compared with (`None`: none).
    async fn set_previous_round(
        &self,
        caller: &User,
        round_id: RoundId,
        previous: Option<RoundId>,
    ) -> Result<(), AppError>;
    /// Makes a workshop anonymous (no names in any report or export) or not.
    async fn set_anonymous(&self, caller: &User, workshop_id: WorkshopId, on: bool) -> Result<(), AppError>;
    /// Marks (`marked`) a need or theme of the round (its id as reports show it) as a
    /// priority area, or takes the mark off; for those who run the round.
    async fn set_priority_area(
        &self,
        caller: &User,
        round_id: RoundId,
        kind: PriorityKind,
        target_id: PriorityTargetId,
        marked: bool,
    ) -> Result<(), AppError>;
}

/// Data protection of rounds, for their facilitators.
#[async_trait]
pub trait DataProtection: Send + Sync {
    /// The round's retention date, archive and purge state, and its audit log.
    async fn retention(&self, caller: &User, round_id: RoundId) -> Result<Retention, AppError>;
    /// Sets (or clears) the last day the round's notes are kept.
    async fn set_retention(
        &self,
        caller: &User,
        round_id: RoundId,
        retain_until: Option<jiff::civil::Date>,
    ) -> Result<(), AppError>;
    /// The whole round's report for the archive; the export is recorded.
    async fn archive(&self, caller: &User, round_id: RoundId) -> Result<Report, AppError>;
    /// Deletes the round's notes and participants, once its archive is current.
    async fn purge(&self, caller: &User, round_id: RoundId) -> Result<(), AppError>;
}

/// Support (+1) of notes and dot votes.
#[async_trait]
pub trait Votes: Send + Sync {
    /// Gives (`supported = true`) or takes back the caller's +1 on someone else's note; a
    /// repeat changes nothing.
    async fn support_note(
        &self,
        caller: &Device,
        note_id: NoteId,
        supported: bool,
    ) -> Result<Support, AppError>;
    /// Opens a dot vote with `dots` per participant in a workshop the caller facilitates.
    async fn open_vote(
        &self,
        caller: &User,
        workshop_id: WorkshopId,
        target: VoteTarget,
        dots: u32,
    ) -> Result<Vote, AppError>;
    /// Closes a vote of a workshop the caller facilitates.
    async fn close_vote(&self, caller: &User, vote_id: VoteId) -> Result<(), AppError>;
    /// Places one of the caller's dots on `target_id`.
    async fn give_dot(
        &self,
        caller: &Device,
        vote_id: VoteId,
        target_id: VoteTargetId,
    ) -> Result<MyDots, AppError>;
    /// Takes one of the caller's dots back from `target_id` (none there: nothing changes).
    async fn take_back_dot(
        &self,
        caller: &Device,
        vote_id: VoteId,
        target_id: VoteTargetId,
    ) -> Result<MyDots, AppError>;
}

/// A session just started: the token for the cookie, and who it signs in.
#[derive(Clone)]
pub struct NewSession {
    pub token: SessionToken,
    pub user: User,
}

/// The secret in the session cookie; only its hash is stored.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionToken(pub String);

impl SessionToken {
    /// Name of the HttpOnly cookie that holds the session token.
    pub const COOKIE: &'static str = "klustra_session";

    /// The well-formed session token the request's cookies carry.
    pub fn from_headers(headers: &http::HeaderMap) -> Option<SessionToken> {
        well_formed_token(headers, Self::COOKIE).map(SessionToken)
    }
}

impl std::fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionToken(<redacted>)")
    }
}

/// Accounts and their sessions.
#[async_trait]
pub trait Accounts: Send + Sync {
    /// Checks e-mail and password and starts a session. Attempts are limited per account,
    /// whatever the device (and per address and in all, before the request gets here).
    async fn sign_in(&self, email: &str, password: String) -> Result<NewSession, AppError>;
    /// Ends the session.
    async fn sign_out(&self, token: &SessionToken) -> Result<(), AppError>;
    /// Changes the caller's password (the current one is needed) and ends every other session.
    async fn change_password(
        &self,
        caller: &User,
        keep: &SessionToken,
        current: String,
        new: String,
    ) -> Result<(), AppError>;
    /// Whether the setup link with this token can still create the first admin.
    async fn setup_open(&self, token: &str) -> Result<bool, AppError>;
    /// Creates the first admin with the one-time setup token, and signs it in.
    async fn set_up_admin(
        &self,
        token: &str,
        email: String,
        password: String,
    ) -> Result<NewSession, AppError>;
    /// Every account (admins only).
    async fn accounts(&self, caller: &User) -> Result<Vec<Account>, AppError>;
    /// Creates an account (admins only).
    async fn create_account(&self, caller: &User, account: NewAccount) -> Result<Account, AppError>;
    /// Disables an account (ending its sessions) or enables it again (admins only).
    async fn set_disabled(&self, caller: &User, user_id: AccountId, disabled: bool) -> Result<(), AppError>;
}

/// Who else may work on a round, for its owner (and admins).
#[async_trait]
pub trait Sharing: Send + Sync {
    /// The people the round is shared with.
    async fn grants(&self, caller: &User, round_id: RoundId) -> Result<Vec<Grant>, AppError>;
    /// Shares the round with the account with this e-mail address: a facilitator may then
    /// co-facilitate it, an analyst read it.
    async fn share(&self, caller: &User, round_id: RoundId, email: &str) -> Result<Grant, AppError>;
    /// Takes a grant back.
    async fn unshare(&self, caller: &User, round_id: RoundId, user_id: AccountId) -> Result<(), AppError>;
}

/// Everything the server functions need, provided once through context.
#[derive(Clone)]
pub struct Services {
    pub workshops: Arc<dyn Workshops>,
    pub notes: Arc<dyn Notes>,
    pub themes: Arc<dyn Themes>,
    pub reports: Arc<dyn Reports>,
    pub votes: Arc<dyn Votes>,
    pub data_protection: Arc<dyn DataProtection>,
    pub accounts: Arc<dyn Accounts>,
    pub sharing: Arc<dyn Sharing>,
    pub devices: Arc<dyn DeviceIssuer>,
    /// Whether cookies must be marked `Secure` (the public URL is https).
    pub secure_cookies: bool,
}

impl Services {
    /// Every port served by the one `service` (shared, not copied), devices issued by `devices`.
    pub fn over<S>(service: Arc<S>, devices: Arc<dyn DeviceIssuer>, secure_cookies: bool) -> Self
    where
        S: Workshops + Notes + Themes + Reports + Votes + DataProtection + Accounts + Sharing + 'static,
    {
        Self {
            workshops: service.clone(),
            notes: service.clone(),
            themes: service.clone(),
            reports: service.clone(),
            votes: service.clone(),
            data_protection: service.clone(),
            accounts: service.clone(),
            sharing: service,
            devices,
            secure_cookies,
        }
    }
}
