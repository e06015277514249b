//! Rounds and their listing.

use app::model::ids::{AccountId, RoundId};
use app::model::report::RebuildChanges;
use app::model::{RoundSummary, WorkshopSummary};
use jiff::Timestamp;

use super::ids::BindId;
use super::{Store, StoreError, now, optional_timestamp, stored, timestamp_column, uuid_column};

/// A round as stored, with the hash of its owner's device.
#[derive(Debug, Clone)]
pub struct RoundRecord {
    pub id: RoundId,
    pub title: String,
    pub owner_device: Option<String>,
    pub workshops: Vec<WorkshopSummary>,
    /// The round this one is compared with.
    pub previous_round_id: Option<RoundId>,
    /// When the whole round was last clustered.
    pub clustered_at: Option<Timestamp>,
    /// The granularity of that clustering (0 fewer themes, 1 more).
    pub granularity: f32,
    /// What that clustering changed from the one before it (`None`: there was none).
    pub rebuild_changes: Option<RebuildChanges>,
}

/// A round as listed: the columns of [`RoundSummary`].
#[derive(sqlx::FromRow)]
pub(super) struct RoundRow {
    id: String,
    title: String,
    workshop_count: i64,
    created_at: String,
}

impl TryFrom<RoundRow> for RoundSummary {
    type Error = StoreError;

    fn try_from(row: RoundRow) -> Result<Self, StoreError> {
        Ok(RoundSummary {
            id: uuid_column(&row.id, "rounds.id")?,
            title: row.title,
            workshop_count: row.workshop_count,
            created_at: timestamp_column(&row.created_at, "rounds.created_at")?,
        })
    }
}

impl Store {
    /// Stores a new round owned by the account `owner_user` (`None`: a demo round).
    pub async fn insert_round(
        &self,
        title: &str,
        owner_user: Option<AccountId>,
    ) -> Result<RoundSummary, StoreError> {
        let id = RoundId::random();
        let created_at = now();
        sqlx::query(
            "INSERT INTO rounds (id, title, owner_user, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)",
        )
        .bind_id(id)
        .bind(title)
        .bind_opt_id(owner_user)
        .bind(stored(created_at))
        .execute(&self.write)
        .await?;
        Ok(RoundSummary { id, title: title.to_string(), workshop_count: 0, created_at })
    }

    /// Every round, newest first, with its number of workshops.
    pub async fn rounds(&self) -> Result<Vec<RoundSummary>, StoreError> {
        let rows: Vec<RoundRow> = sqlx::query_as(
            "SELECT r.id, r.title, r.created_at,
                    (SELECT COUNT(*) FROM workshops w WHERE w.round_id = r.id) AS workshop_count
             FROM rounds r ORDER BY r.created_at DESC, r.id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(RoundSummary::try_from).collect()
    }

    /// One round with its workshops.
    pub async fn round(&self, id: RoundId) -> Result<RoundRecord, StoreError> {
        let (title, owner_device, previous, clustered_at, granularity, rebuild_changes): (
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            f64,
            Option<String>,
        ) = sqlx::query_as(
            "SELECT title, owner_device, previous_round_id, clustered_at, granularity, rebuild_changes
             FROM rounds WHERE id = $1",
        )
        .bind_id(id)
        .fetch_one(&self.pool)
        .await?;
        let workshops = self.workshops_of_round(id).await?;
        let previous_round_id =
            previous.as_deref().map(|id| uuid_column(id, "rounds.previous_round_id")).transpose()?;
        Ok(RoundRecord {
            id,
            title,
            owner_device,
            workshops,
            previous_round_id,
            clustered_at: optional_timestamp(clustered_at, "rounds.clustered_at")?,
            granularity: granularity as f32,
            rebuild_changes: rebuild_changes
                .map(|json| {
                    serde_json::from_str(&json).map_err(|_| StoreError::Corrupt("rounds.rebuild_changes"))
                })
                .transpose()?,
        })
    }

    /// Whether any round exists (used to seed demo data only on first start).
    pub async fn has_rounds(&self) -> Result<bool, StoreError> {
        let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM rounds").fetch_one(&self.pool).await?;
        Ok(count > 0)
    }
}
