//! Participants: anonymous members of one workshop, known by their browser's device hash.

use app::model::ids::{ParticipantId, WorkshopId};
use app::model::live::Change;
use app::model::{Participant, ParticipantProfile};

use super::events::record_next;
use super::ids::BindId;
use super::{Store, StoreError, StoredEvent, now_rfc3339, uuid_column};
use crate::access::visibility::Audience;

#[derive(sqlx::FromRow)]
struct ParticipantRow {
    id: String,
    display_name: Option<String>,
    organisation: Option<String>,
}

impl TryFrom<ParticipantRow> for Participant {
    type Error = StoreError;

    fn try_from(row: ParticipantRow) -> Result<Self, StoreError> {
        Ok(Participant {
            id: uuid_column(&row.id, "participants.id")?,
            display_name: row.display_name,
            organisation: row.organisation,
        })
    }
}

impl Store {
    /// Adds the device to the workshop, or updates its profile if it joined before.
    pub async fn upsert_participant(
        &self,
        workshop_id: WorkshopId,
        device: &str,
        profile: &ParticipantProfile,
    ) -> Result<Participant, StoreError> {
        let now = now_rfc3339();
        let row: ParticipantRow = sqlx::query_as(
            "INSERT INTO participants (id, workshop_id, device, display_name, organisation, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (workshop_id, device) DO UPDATE
                SET display_name = excluded.display_name,
                    organisation = excluded.organisation,
                    updated_at = excluded.updated_at
             RETURNING id, display_name, organisation",
        )
        .bind_id(ParticipantId::random())
        .bind_id(workshop_id)
        .bind(device)
        .bind(&profile.display_name)
        .bind(&profile.organisation)
        .bind(&now)
        .bind(&now)
        .fetch_one(&self.write)
        .await?;
        row.try_into()
    }

    /// Records how many participants the workshop has now, as an event for staff boards.
    pub async fn record_participant_count(&self, workshop_id: WorkshopId) -> Result<StoredEvent, StoreError> {
        let mut tx = self.write.begin().await?;
        let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM participants WHERE workshop_id = $1")
            .bind_id(workshop_id)
            .fetch_one(&mut *tx)
            .await?;
        let event =
            record_next(&mut tx, workshop_id, Change::Participants { count }, Audience::Staff, None).await?;
        tx.commit().await?;
        Ok(event)
    }

    /// The participant this device is in the workshop, if it joined.
    pub async fn participant(
        &self,
        workshop_id: WorkshopId,
        device: &str,
    ) -> Result<Option<Participant>, StoreError> {
        let row: Option<ParticipantRow> = sqlx::query_as(
            "SELECT id, display_name, organisation FROM participants WHERE workshop_id = $1 AND device = $2",
        )
        .bind_id(workshop_id)
        .bind(device)
        .fetch_optional(&self.pool)
        .await?;
        row.map(Participant::try_from).transpose()
    }

    /// How many have joined the workshop.
    pub async fn participant_count(&self, workshop_id: WorkshopId) -> Result<i64, StoreError> {
        let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM participants WHERE workshop_id = $1")
            .bind_id(workshop_id)
            .fetch_one(&self.pool)
            .await?;
        Ok(count)
    }
}
