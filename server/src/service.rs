//! The ports `app` declares, implemented on the [`Store`]: authorization and the mapping
//! from store errors to what a user may be told.

use app::error::AppError;
use app::model::{
    Board, FacilitatorBoard, JoinCode, NewRound, NewWorkshop, Note, Participant, ParticipantProfile, Round,
    RoundSummary, WorkshopState, WorkshopSummary,
};
use app::ports::{Device, Notes, Workshops};
use async_trait::async_trait;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::store::{NoteInsert, Store, StoreError, WorkshopRecord};

/// How many fresh join codes to try before giving up (a collision is already unlikely:
/// 23^6 ≈ 148 million codes).
const JOIN_CODE_ATTEMPTS: usize = 8;

/// Klustra's services over one store.
#[derive(Clone, Debug)]
pub struct Service {
    store: Store,
    /// Base of join links, without a trailing slash.
    public_url: String,
}

impl Service {
    /// Services over `store`, making join links under `public_url`.
    pub fn new(store: Store, public_url: &str) -> Self {
        Service { store, public_url: public_url.trim_end_matches('/').to_string() }
    }

    /// The store, for start-up tasks such as seeding demo data.
    pub fn store(&self) -> &Store {
        &self.store
    }

    async fn owned_workshop(&self, caller: &Device, workshop_id: Uuid) -> Result<WorkshopRecord, AppError> {
        let record = self.store.workshop(workshop_id).await.map_err(internal)?;
        if may_manage(record.owner_device.as_deref(), caller) { Ok(record) } else { Err(AppError::Forbidden) }
    }

    async fn joined_participant(&self, device: &Device, workshop_id: Uuid) -> Result<Participant, AppError> {
        self.store
            .participant(workshop_id, &device_hash(device))
            .await
            .map_err(internal)?
            .ok_or(AppError::NotJoined)
    }
}

/// What the database keeps of a device token: its SHA-256, so a leaked database does not
/// let anyone act as the device.
pub fn device_hash(device: &Device) -> String {
    Sha256::digest(device.0.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `caller` facilitates a round owned by `owner` (`None`: the shared demo round).
fn may_manage(owner: Option<&str>, caller: &Device) -> bool {
    owner.is_none_or(|owner| owner == device_hash(caller))
}

/// Maps store errors: "not found" is the user's to know, the rest is logged and hidden.
fn internal(err: StoreError) -> AppError {
    match err {
        StoreError::NotFound => AppError::NotFound,
        other => {
            tracing::error!(error = %other, "store failed");
            AppError::Internal
        }
    }
}

#[async_trait]
impl Workshops for Service {
    async fn list_rounds(&self) -> Result<Vec<RoundSummary>, AppError> {
        self.store.rounds().await.map_err(internal)
    }

    async fn create_round(&self, owner: &Device, round: NewRound) -> Result<RoundSummary, AppError> {
        self.store.insert_round(&round.title, Some(&device_hash(owner))).await.map_err(internal)
    }

    async fn round(&self, caller: Option<&Device>, id: Uuid) -> Result<Round, AppError> {
        let record = self.store.round(id).await.map_err(internal)?;
        let can_manage = match caller {
            Some(caller) => may_manage(record.owner_device.as_deref(), caller),
            None => record.owner_device.is_none(),
        };
        Ok(Round { id: record.id, title: record.title, workshops: record.workshops, can_manage })
    }

    async fn create_workshop(
        &self,
        caller: &Device,
        workshop: NewWorkshop,
    ) -> Result<WorkshopSummary, AppError> {
        let round = self.store.round(workshop.round_id).await.map_err(internal)?;
        if !may_manage(round.owner_device.as_deref(), caller) {
            return Err(AppError::Forbidden);
        }
        for _ in 0..JOIN_CODE_ATTEMPTS {
            let code = JoinCode::from_random(Uuid::new_v4().as_bytes());
            match self.store.insert_workshop(&workshop, &code).await {
                Err(StoreError::Conflict(_)) => continue,
                other => return other.map_err(internal),
            }
        }
        tracing::error!("no free join code after {JOIN_CODE_ATTEMPTS} attempts");
        Err(AppError::Internal)
    }

    async fn set_state(
        &self,
        caller: &Device,
        workshop_id: Uuid,
        state: WorkshopState,
    ) -> Result<(), AppError> {
        self.owned_workshop(caller, workshop_id).await?;
        self.store.set_workshop_state(workshop_id, state).await.map_err(internal)
    }

    async fn join(
        &self,
        device: &Device,
        code: &JoinCode,
        profile: ParticipantProfile,
    ) -> Result<Participant, AppError> {
        let record = self.store.workshop_by_code(code).await.map_err(|err| match err {
            StoreError::NotFound => AppError::UnknownCode,
            other => internal(other),
        })?;
        let workshop = record.workshop;
        if workshop.state == WorkshopState::Locked {
            // Someone already in may come back (the page shows the locked board); no new joins.
            if let Some(me) =
                self.store.participant(workshop.id, &device_hash(device)).await.map_err(internal)?
            {
                return Ok(me);
            }
            return Err(AppError::WorkshopLocked);
        }
        self.store.upsert_participant(workshop.id, &device_hash(device), &profile).await.map_err(internal)
    }
}

#[async_trait]
impl Notes for Service {
    async fn board(&self, device: Option<&Device>, code: &JoinCode) -> Result<Board, AppError> {
        let record = self.store.workshop_by_code(code).await.map_err(|err| match err {
            StoreError::NotFound => AppError::UnknownCode,
            other => internal(other),
        })?;
        let workshop = record.workshop;
        let me = match device {
            Some(device) => {
                self.store.participant(workshop.id, &device_hash(device)).await.map_err(internal)?
            }
            None => None,
        };
        let viewer = me.as_ref().map(|p| p.id);
        let notes = self
            .store
            .notes(workshop.id, viewer)
            .await
            .map_err(internal)?
            .into_iter()
            .filter(|note| !note.hidden || note.mine)
            .collect();
        Ok(Board { workshop, me, notes })
    }

    async fn facilitator_board(
        &self,
        caller: &Device,
        workshop_id: Uuid,
    ) -> Result<FacilitatorBoard, AppError> {
        let workshop = self.owned_workshop(caller, workshop_id).await?.workshop;
        let notes = self.store.notes(workshop_id, None).await.map_err(internal)?;
        let participant_count = self.store.participant_count(workshop_id).await.map_err(internal)?;
        let join_url = format!("{}/join/{}", self.public_url, workshop.join_code.as_str());
        Ok(FacilitatorBoard { board: Board { workshop, me: None, notes }, join_url, participant_count })
    }

    async fn add_note(
        &self,
        author: &Device,
        workshop_id: Uuid,
        note_id: Uuid,
        text: String,
    ) -> Result<Note, AppError> {
        let me = self.joined_participant(author, workshop_id).await?;
        match self.store.insert_note(workshop_id, me.id, note_id, &text).await {
            Ok(NoteInsert::Stored(note) | NoteInsert::AlreadyStored(note)) => Ok(note),
            Err(StoreError::Conflict(reason)) if reason == "locked" => Err(AppError::WorkshopLocked),
            Err(StoreError::Conflict(_)) => Err(AppError::Forbidden),
            Err(other) => Err(internal(other)),
        }
    }

    async fn edit_note(&self, author: &Device, note_id: Uuid, text: String) -> Result<Note, AppError> {
        let ownership = self.store.note_ownership(note_id).await.map_err(internal)?;
        let me =
            self.joined_participant(author, ownership.workshop_id).await.map_err(|_| AppError::Forbidden)?;
        if ownership.author_id != Some(me.id) {
            return Err(AppError::Forbidden);
        }
        if !ownership.workshop_open {
            return Err(AppError::WorkshopLocked);
        }
        // The update re-checks author and state, so a lock that lands in between still wins.
        self.store.update_note_text(note_id, me.id, &text).await.map_err(|err| match err {
            StoreError::NotFound => AppError::WorkshopLocked,
            other => internal(other),
        })
    }

    async fn delete_note(&self, author: &Device, note_id: Uuid) -> Result<(), AppError> {
        let ownership = self.store.note_ownership(note_id).await.map_err(internal)?;
        let me =
            self.joined_participant(author, ownership.workshop_id).await.map_err(|_| AppError::Forbidden)?;
        if ownership.author_id != Some(me.id) {
            return Err(AppError::Forbidden);
        }
        if !ownership.workshop_open {
            return Err(AppError::WorkshopLocked);
        }
        self.store.delete_note(note_id, me.id).await.map_err(|err| match err {
            StoreError::NotFound => AppError::WorkshopLocked,
            other => internal(other),
        })
    }
}
