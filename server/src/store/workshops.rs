//! Workshops: creation with a unique join code, lookup, and the open/locked state.

use app::model::ids::{RoundId, WorkshopId};
use app::model::live::{BoardStatus, Change};
use app::model::{JoinCode, NewWorkshop, Workshop, WorkshopState, WorkshopSummary};
use jiff::Timestamp;

use super::events::record_next;
use super::ids::BindId;
use super::{
    Store, StoreError, StoredEvent, now, now_rfc3339, optional_date, optional_timestamp, stored, uuid_column,
};
use crate::access::visibility::Audience;

#[derive(sqlx::FromRow)]
struct WorkshopRow {
    id: String,
    round_id: String,
    round_title: String,
    owner_device: Option<String>,
    title: String,
    sector: String,
    held_on: Option<String>,
    prompts: String,
    join_code: String,
    state: String,
    anonymous: i64,
}

#[derive(sqlx::FromRow)]
struct WorkshopSummaryRow {
    id: String,
    title: String,
    sector: String,
    held_on: Option<String>,
    join_code: String,
    state: String,
    note_count: i64,
}

/// The workshop query with a `WHERE` clause appended at compile time.
macro_rules! select_workshop {
    ($condition:literal) => {
        concat!(
            "SELECT w.id, w.round_id, r.title AS round_title, r.owner_device,
                    w.title, w.sector, w.held_on, w.prompts, w.join_code, w.state, w.anonymous
             FROM workshops w JOIN rounds r ON r.id = w.round_id WHERE ",
            $condition
        )
    };
}

/// A live setting of a workshop that the facilitator changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Setting {
    /// Open or locked.
    State(WorkshopState),
    /// Private writing on (participants see only their own notes) or off (revealed).
    PrivateMode(bool),
    /// When the countdown ends, or `None` to stop it.
    Timer(Option<Timestamp>),
}

/// A workshop together with the owner of its round, for authorization.
#[derive(Debug, Clone)]
pub struct WorkshopRecord {
    pub workshop: Workshop,
    pub owner_device: Option<String>,
}

impl TryFrom<WorkshopRow> for WorkshopRecord {
    type Error = StoreError;

    fn try_from(row: WorkshopRow) -> Result<Self, StoreError> {
        let prompts =
            serde_json::from_str(&row.prompts).map_err(|_| StoreError::Corrupt("workshops.prompts"))?;
        Ok(WorkshopRecord {
            workshop: Workshop {
                id: uuid_column(&row.id, "workshops.id")?,
                round_id: uuid_column(&row.round_id, "workshops.round_id")?,
                round_title: row.round_title,
                title: row.title,
                sector: row.sector,
                held_on: optional_date(row.held_on, "workshops.held_on")?,
                prompts,
                join_code: JoinCode::parse(&row.join_code)
                    .map_err(|_| StoreError::Corrupt("workshops.join_code"))?,
                state: WorkshopState::from_stored(&row.state),
                anonymous: row.anonymous != 0,
            },
            owner_device: row.owner_device,
        })
    }
}

impl TryFrom<WorkshopSummaryRow> for WorkshopSummary {
    type Error = StoreError;

    fn try_from(row: WorkshopSummaryRow) -> Result<Self, StoreError> {
        Ok(WorkshopSummary {
            id: uuid_column(&row.id, "workshops.id")?,
            title: row.title,
            sector: row.sector,
            held_on: optional_date(row.held_on, "workshops.held_on")?,
            join_code: Some(
                JoinCode::parse(&row.join_code).map_err(|_| StoreError::Corrupt("workshops.join_code"))?,
            ),
            state: WorkshopState::from_stored(&row.state),
            note_count: row.note_count,
        })
    }
}

impl Store {
    /// Stores a workshop under `code`; [`StoreError::Duplicate`] if the code is taken.
    pub async fn insert_workshop(
        &self,
        workshop: &NewWorkshop,
        code: &JoinCode,
    ) -> Result<WorkshopSummary, StoreError> {
        let id = WorkshopId::random();
        let now = now_rfc3339();
        let prompts = serde_json::to_string(&workshop.prompts).map_err(|_| StoreError::Corrupt("prompts"))?;
        sqlx::query(
            "INSERT INTO workshops (id, round_id, title, sector, held_on, prompts, join_code, state, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9)",
        )
        .bind_id(id)
        .bind_id(workshop.round_id)
        .bind(&workshop.title)
        .bind(&workshop.sector)
        .bind(workshop.held_on.map(|day| day.to_string()))
        .bind(prompts)
        .bind(code.as_str())
        .bind(&now)
        .bind(&now)
        .execute(&self.write)
        .await?;
        Ok(WorkshopSummary {
            id,
            title: workshop.title.clone(),
            sector: workshop.sector.clone(),
            held_on: workshop.held_on,
            join_code: Some(code.clone()),
            state: WorkshopState::Open,
            note_count: 0,
        })
    }

    /// The workshops of a round, by date then title.
    pub async fn workshops_of_round(&self, round_id: RoundId) -> Result<Vec<WorkshopSummary>, StoreError> {
        let rows: Vec<WorkshopSummaryRow> = sqlx::query_as(
            "SELECT w.id, w.title, w.sector, w.held_on, w.join_code, w.state,
                    (SELECT COUNT(*) FROM notes n WHERE n.workshop_id = w.id) AS note_count
             FROM workshops w WHERE w.round_id = $1
             ORDER BY w.held_on IS NULL, w.held_on, w.title, w.id",
        )
        .bind_id(round_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(WorkshopSummary::try_from).collect()
    }

    /// One workshop by id.
    pub async fn workshop(&self, id: WorkshopId) -> Result<WorkshopRecord, StoreError> {
        let row: WorkshopRow =
            sqlx::query_as(select_workshop!("w.id = $1")).bind_id(id).fetch_one(&self.pool).await?;
        row.try_into()
    }

    /// One workshop by its join code.
    pub async fn workshop_by_code(&self, code: &JoinCode) -> Result<WorkshopRecord, StoreError> {
        let row: WorkshopRow = sqlx::query_as(select_workshop!("w.join_code = $1"))
            .bind(code.as_str())
            .fetch_one(&self.pool)
            .await?;
        row.try_into()
    }

    /// Changes one live setting of a workshop and records it as a board event.
    pub async fn set_setting(&self, id: WorkshopId, setting: Setting) -> Result<StoredEvent, StoreError> {
        let mut tx = self.write.begin().await?;
        let update = match &setting {
            Setting::State(state) => {
                sqlx::query("UPDATE workshops SET state = $1, updated_at = $2 WHERE id = $3")
                    .bind(state.as_str())
            }
            Setting::PrivateMode(on) => {
                sqlx::query("UPDATE workshops SET private_mode = $1, updated_at = $2 WHERE id = $3")
                    .bind(i64::from(*on))
            }
            Setting::Timer(ends_at) => {
                sqlx::query("UPDATE workshops SET timer_ends_at = $1, updated_at = $2 WHERE id = $3")
                    .bind(ends_at.map(stored))
            }
        };
        let done = update.bind(now_rfc3339()).bind_id(id).execute(&mut *tx).await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let change = match setting {
            Setting::State(state) => Change::Locked { locked: state == WorkshopState::Locked },
            Setting::PrivateMode(on) => Change::PrivateMode { on },
            Setting::Timer(ends_at) => Change::Timer { ends_at },
        };
        let event = record_next(&mut tx, id, change, Audience::Everyone, None).await?;
        tx.commit().await?;
        Ok(event)
    }

    /// The workshop's live settings and the last sequence number handed out.
    pub async fn board_status(&self, id: WorkshopId) -> Result<BoardStatus, StoreError> {
        let (state, private_mode, timer_ends_at, last_seq): (String, i64, Option<String>, i64) =
            sqlx::query_as(
                "SELECT state, private_mode, timer_ends_at, last_seq FROM workshops WHERE id = $1",
            )
            .bind_id(id)
            .fetch_one(&self.pool)
            .await?;
        Ok(BoardStatus {
            locked: WorkshopState::from_stored(&state) == WorkshopState::Locked,
            private_mode: private_mode != 0,
            timer_ends_at: optional_timestamp(timer_ends_at, "workshops.timer_ends_at")?,
            server_now: now(),
            last_seq,
        })
    }
}
