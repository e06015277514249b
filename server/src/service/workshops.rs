//! Rounds and workshops: listing and creating them, a workshop's state, private writing,
//! timer, and a participant joining by code.

use std::time::Duration;

use app::api::ports::{Device, Workshops};
use app::error::AppError;
use app::model::account::{Role, User};
use app::model::ids::{RoundId, WorkshopId};
use app::model::{
    JoinCode, NewRound, NewWorkshop, Participant, ParticipantProfile, Round, RoundSummary, Workshop,
    WorkshopState, WorkshopSummary,
};
use async_trait::async_trait;
use uuid::Uuid;

use super::{JOIN_CODE_ATTEMPTS, Service, device_hash, unknown_code};
use crate::access::authz::Access;
use crate::store::{Setting, StoreError, after};

#[async_trait]
impl Workshops for Service {
    async fn list_rounds(&self, caller: &User) -> Result<Vec<RoundSummary>, AppError> {
        let rounds = match caller.role {
            Role::Admin => self.store.rounds().await?,
            Role::Facilitator | Role::Analyst => self.store.rounds_of(caller.id).await?,
        };
        Ok(rounds)
    }

    async fn create_round(&self, owner: &User, round: NewRound) -> Result<RoundSummary, AppError> {
        if owner.role == Role::Analyst {
            return Err(AppError::Forbidden);
        }
        Ok(self.store.insert_round(&round.title, Some(owner.id)).await?)
    }

    async fn round(&self, caller: &User, id: RoundId) -> Result<Round, AppError> {
        let access = self.round_access(caller, id).await?;
        access.require(Access::Read)?;
        let record = self.store.round(id).await?;
        let can_share = access >= Access::Share;
        let grants = if can_share { self.store.grants(id).await? } else { Vec::new() };
        let can_manage = access >= Access::Manage;
        let mut workshops = record.workshops;
        if !can_manage {
            // Reading the round is not running its workshops: no way in for the reader.
            workshops.iter_mut().for_each(|workshop| workshop.join_code = None);
        }
        Ok(Round { id: record.id, title: record.title, workshops, can_manage, can_share, grants })
    }

    async fn workshop(&self, caller: &User, workshop_id: WorkshopId) -> Result<Workshop, AppError> {
        Ok(self.owned_workshop(caller, workshop_id).await?.workshop)
    }

    async fn create_workshop(
        &self,
        caller: &User,
        workshop: NewWorkshop,
    ) -> Result<WorkshopSummary, AppError> {
        self.round_access(caller, workshop.round_id).await?.require(Access::Manage)?;
        for _ in 0..JOIN_CODE_ATTEMPTS {
            let code = JoinCode::from_random(Uuid::new_v4().as_bytes());
            match self.store.insert_workshop(&workshop, &code).await {
                Err(StoreError::Duplicate(_)) => continue,
                other => return Ok(other?),
            }
        }
        tracing::error!("no free join code after {JOIN_CODE_ATTEMPTS} attempts");
        Err(AppError::Internal)
    }

    async fn set_state(
        &self,
        caller: &User,
        workshop_id: WorkshopId,
        state: WorkshopState,
    ) -> Result<(), AppError> {
        self.owned_workshop(caller, workshop_id).await?;
        let event = self.store.set_setting(workshop_id, Setting::State(state)).await?;
        self.publish(event);
        Ok(())
    }

    async fn set_private_mode(
        &self,
        caller: &User,
        workshop_id: WorkshopId,
        on: bool,
    ) -> Result<(), AppError> {
        self.owned_workshop(caller, workshop_id).await?;
        let event = self.store.set_setting(workshop_id, Setting::PrivateMode(on)).await?;
        self.publish(event);
        Ok(())
    }

    async fn set_timer(&self, caller: &User, workshop_id: WorkshopId, minutes: u32) -> Result<(), AppError> {
        self.owned_workshop(caller, workshop_id).await?;
        let ends_at = (minutes > 0).then(|| after(Duration::from_secs(u64::from(minutes) * 60)));
        let event = self.store.set_setting(workshop_id, Setting::Timer(ends_at)).await?;
        self.publish(event);
        Ok(())
    }

    async fn join(
        &self,
        device: &Device,
        code: &JoinCode,
        profile: ParticipantProfile,
    ) -> Result<Participant, AppError> {
        let workshop = self.store.workshop_by_code(code).await.map_err(unknown_code)?.workshop;
        let device = device_hash(device);
        if workshop.state == WorkshopState::Locked {
            // Someone already in may come back (the page shows the locked board); no new joins.
            return self.store.participant(workshop.id, &device).await?.ok_or(AppError::WorkshopLocked);
        }
        // An anonymous workshop records notes by organisation: a name is not even stored.
        let profile =
            if workshop.anonymous { ParticipantProfile { display_name: None, ..profile } } else { profile };
        let participant = self.store.upsert_participant(workshop.id, &device, &profile).await?;
        // The facilitator's count follows live; a join does not fail for want of that event.
        match self.store.record_participant_count(workshop.id).await {
            Ok(event) => self.publish(event),
            Err(err) => tracing::warn!("the participant count of a join was not recorded: {err}"),
        }
        Ok(participant)
    }
}
