//! The ports `app` declares, implemented on the [`Store`]: authorization, publishing of
//! committed changes to the [`Hub`], and the mapping from store errors to what a user may
//! be told. One file per port: [`workshops`], [`notes`], [`themes`], [`votes`], [`reports`],
//! [`retention`] and [`accounts`] (with sharing).

pub(crate) mod accounts;
pub(crate) mod engine;
pub(crate) mod hints;
mod notes;
pub mod reports;
pub(crate) mod retention;
pub(crate) mod themes;
pub(crate) mod votes;
mod workshops;

use std::sync::Arc;

use app::api::ports::Device;
use app::error::AppError;
use app::model::account::User;
use app::model::ids::{NoteId, ParticipantId, RoundId, WorkshopId};
use app::model::live::Snapshot;
use app::model::{Board, FacilitatorBoard, Note, Participant};
use sha2::{Digest, Sha256};

use crate::access::authz::{Access, access};
use crate::access::password::PasswordPool;
use crate::access::security::{Limiter, SIGN_IN_BUDGET};
use crate::embedding::Embeddings;
use crate::hub::Hub;
use crate::service::reports::previous_round::ComparisonCache;
use crate::service::reports::round_cache::RoundCache;
use crate::store::{NoteInsert, Refusal, Store, StoreError, StoredEvent, Viewer, WorkshopRecord};

/// How many fresh join codes to try before giving up (a collision is already unlikely:
/// 23^6 ≈ 148 million codes).
const JOIN_CODE_ATTEMPTS: usize = 8;

/// Password checks at once unless configured (`--password-checks`): one per core here.
const DEFAULT_PASSWORD_CHECKS: usize = 2;

/// Klustra's services over one store.
#[derive(Clone)]
pub struct Service {
    store: Store,
    hub: Arc<Hub>,
    /// Base of join links, without a trailing slash.
    public_url: String,
    /// Sign-in attempts per account (e-mail address).
    pub(crate) sign_ins: Arc<Limiter<String>>,
    /// The sentence model and its worker (off unless [`Service::with_embeddings`]).
    embeddings: Embeddings,
    /// Where password hashes and checks take their turn.
    pub(crate) passwords: PasswordPool,
    /// Rounds' themes built from their workshops, shared by the analyst's page and exports.
    round_cache: Arc<RoundCache>,
    /// Rounds' comparisons with their previous rounds, likewise.
    comparisons: Arc<ComparisonCache>,
    /// Signs session tokens, so a request's session cookie can be told issued or made up
    /// without the database (see `security::device_token`).
    pub(crate) session_tokens: crate::access::security::DeviceTokens,
}

impl std::fmt::Debug for Service {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Service").field("store", &self.store).field("public_url", &self.public_url).finish()
    }
}

impl Service {
    /// Services over `store` that publish changes on `hub`, making join links under `public_url`.
    pub fn new(store: Store, hub: Arc<Hub>, public_url: &str) -> Self {
        // New notes are published by the store's writer as their batch commits, in order.
        store.publish_notes_with({
            let hub = hub.clone();
            move |event| hub.publish(event)
        });
        Service {
            store,
            hub,
            public_url: public_url.trim_end_matches('/').to_string(),
            sign_ins: Arc::new(Limiter::new(SIGN_IN_BUDGET)),
            embeddings: Embeddings::off(),
            passwords: PasswordPool::new(DEFAULT_PASSWORD_CHECKS),
            round_cache: Arc::new(RoundCache::new()),
            comparisons: Arc::new(ComparisonCache::default()),
            session_tokens: crate::access::security::DeviceTokens::random(),
        }
    }

    /// The same services signing session tokens with `tokens` (the key the database keeps,
    /// shared by every instance, which the request checks use too).
    pub fn with_session_tokens(self, tokens: crate::access::security::DeviceTokens) -> Self {
        Service { session_tokens: tokens, ..self }
    }

    /// The same services with at most `concurrent` password checks at once.
    pub fn with_password_checks(self, concurrent: usize) -> Self {
        Service { passwords: PasswordPool::new(concurrent), ..self }
    }

    /// These services with notes embedded by `embeddings` (semantic grouping on when it
    /// holds a model).
    pub fn with_embeddings(self, embeddings: Embeddings) -> Self {
        Service { embeddings, ..self }
    }

    /// The sentence model and its worker.
    pub fn embeddings(&self) -> &Embeddings {
        &self.embeddings
    }

    /// The store, for start-up tasks and the live sockets' catch-up.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The hub, for live sockets.
    pub fn hub(&self) -> &Hub {
        &self.hub
    }

    /// Who is on the board of `workshop_id`: a participant (by its device), a signed-in
    /// facilitator of the round (or its presenter screen, when `presenting`), or nobody
    /// ([`AppError::Forbidden`]: it may not follow this board).
    pub async fn viewer(
        &self,
        device: Option<&Device>,
        user: Option<&User>,
        workshop_id: WorkshopId,
        presenting: bool,
    ) -> Result<(Viewer, Option<Participant>), AppError> {
        let record = self.store.workshop(workshop_id).await?;
        if !presenting
            && let Some(device) = device
            && let Some(me) = self.store.participant(workshop_id, &device_hash(device)).await?
        {
            return Ok((Viewer::Participant(me.id), Some(me)));
        }
        let user = user.ok_or(AppError::NotSignedIn)?;
        self.round_access(user, record.workshop.round_id).await?.require(Access::Manage)?;
        Ok((if presenting { Viewer::Presenter } else { Viewer::Facilitator }, None))
    }

    /// What `caller` may do with the round.
    pub(crate) async fn round_access(&self, caller: &User, round_id: RoundId) -> Result<Access, AppError> {
        let ownership = self.store.round_ownership(round_id, caller.id).await?;
        Ok(access(caller, &ownership))
    }

    /// Stores a note, which the store's writer publishes as it commits; a resend returns the
    /// stored note without a new event.
    pub async fn insert_note(
        &self,
        workshop_id: WorkshopId,
        author_id: ParticipantId,
        note_id: NoteId,
        text: &str,
    ) -> Result<Note, AppError> {
        match self.store.insert_note(workshop_id, author_id, note_id, text).await {
            Ok(NoteInsert::Stored(note, _)) => {
                // After the commit and the publish: the vector is made later, off this path.
                self.embeddings.note_changed(note.id);
                Ok(note)
            }
            Ok(NoteInsert::AlreadyStored(note)) => Ok(note),
            Err(err) => Err(err.into()),
        }
    }

    /// Sends a committed event to the workshop's live sockets.
    pub(crate) fn publish(&self, event: StoredEvent) {
        self.hub.publish(event);
    }

    /// The board with its join details as `viewer` (the facilitator or a presenter screen)
    /// sees it, when the caller may run the round.
    async fn staff_board(
        &self,
        caller: &User,
        workshop_id: WorkshopId,
        viewer: Viewer,
    ) -> Result<FacilitatorBoard, AppError> {
        let workshop = self.owned_workshop(caller, workshop_id).await?.workshop;
        let status = self.store.board_status(workshop_id).await?;
        let mut notes = self.store.notes(workshop_id, viewer).await?;
        let vote = self.votes_on(workshop_id, &mut notes, viewer).await?;
        let participant_count = self.store.participant_count(workshop_id).await?;
        let join_url = format!("{}/join/{}", self.public_url, workshop.join_code.as_str());
        let board = Board {
            workshop,
            me: None,
            notes,
            private_mode: status.private_mode,
            last_seq: status.last_seq,
            vote,
        };
        Ok(FacilitatorBoard { board, join_url, participant_count })
    }

    /// What `viewer` may see of the board now, for a live socket's catch-up.
    pub async fn snapshot(&self, workshop_id: WorkshopId, viewer: Viewer) -> Result<Snapshot, AppError> {
        // The sequence number first: what commits while the notes are read arrives again as
        // events after it, and applying an event twice changes nothing.
        let last_seq = self.store.last_seq(workshop_id).await?;
        let mut notes = self.store.notes(workshop_id, viewer).await?;
        let vote = self.votes_on(workshop_id, &mut notes, viewer).await?;
        Ok(Snapshot { notes, vote, last_seq })
    }

    /// The workshop, when the caller may run its round.
    pub(crate) async fn owned_workshop(
        &self,
        caller: &User,
        workshop_id: WorkshopId,
    ) -> Result<WorkshopRecord, AppError> {
        self.workshop_with(caller, workshop_id, Access::Manage).await
    }

    /// The workshop, when the caller has at least `needed` access to its round.
    pub(crate) async fn workshop_with(
        &self,
        caller: &User,
        workshop_id: WorkshopId,
        needed: Access,
    ) -> Result<WorkshopRecord, AppError> {
        let record = self.store.workshop(workshop_id).await?;
        self.round_access(caller, record.workshop.round_id).await?.require(needed)?;
        Ok(record)
    }

    pub(crate) async fn joined_participant(
        &self,
        device: &Device,
        workshop_id: WorkshopId,
    ) -> Result<Participant, AppError> {
        self.store.participant(workshop_id, &device_hash(device)).await?.ok_or(AppError::NotJoined)
    }

    /// The author's own note in an open workshop, or why not.
    async fn own_open_note(&self, author: &Device, note_id: NoteId) -> Result<Participant, AppError> {
        let ownership = self.store.note_ownership(note_id).await?;
        let me =
            self.joined_participant(author, ownership.workshop_id).await.map_err(|_| AppError::Forbidden)?;
        if ownership.author_id != Some(me.id) {
            return Err(AppError::Forbidden);
        }
        if !ownership.workshop_open {
            return Err(AppError::WorkshopLocked);
        }
        Ok(me)
    }
}

/// What the database keeps of a device token: its SHA-256, so a leaked database does not
/// let anyone act as the device.
pub fn device_hash(device: &Device) -> String {
    Sha256::digest(device.0.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// What a user is told of a store error, so `?` maps it: "not found" and the store's
/// refusals are theirs to know, the rest is logged and hidden.
impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Refused(refusal) => refusal.into(),
            other => {
                tracing::error!(error = %other, "store failed");
                AppError::Internal
            }
        }
    }
}

impl From<Refusal> for AppError {
    fn from(refusal: Refusal) -> Self {
        match refusal {
            Refusal::Locked => AppError::WorkshopLocked,
            Refusal::NotAuthor => AppError::Forbidden,
            Refusal::OwnNote => AppError::OwnNote,
            Refusal::VoteClosed => AppError::VoteClosed,
            Refusal::VoteAlreadyOpen => AppError::VoteAlreadyOpen,
            Refusal::NoDotsLeft(dots) => AppError::NoDotsLeft { dots },
            Refusal::ArchiveOutdated => AppError::ArchiveFirst,
            Refusal::NothingToUndo => AppError::NothingToUndo,
            Refusal::ThemesChanged => AppError::ThemesChanged,
            Refusal::SetupLinkSpent => AppError::SetupLinkInvalid,
            Refusal::EmailTaken => AppError::EmailTaken,
        }
    }
}

/// A join code that no workshop has: "not found" said of the code the person typed.
pub(crate) fn unknown_code(err: StoreError) -> AppError {
    match err {
        StoreError::NotFound => AppError::UnknownCode,
        other => other.into(),
    }
}
