//! The board event log: every change of a workshop with its sequence number.

use app::live::{BoardEvent, Change};
use sqlx::AnyConnection;
use uuid::Uuid;

use super::{Backend, Store, StoreError, now_rfc3339, uuid_column};

/// Who is looking at a board, which decides what they are sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    /// The workshop's facilitator (or a presenter screen): sees everything.
    Facilitator,
    /// A participant: sees its own notes, and others' unless private writing hides them.
    Participant(Uuid),
}

/// A committed event with what decides who may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEvent {
    pub workshop_id: Uuid,
    pub event: BoardEvent,
    /// Only this participant (and facilitators) may see it; `None`: everyone.
    pub visible_to: Option<Uuid>,
    /// The author of the note the event is about.
    pub author: Option<Uuid>,
}

impl StoredEvent {
    /// The event as `viewer` should get it, or `None` if it is not theirs to see.
    pub fn for_viewer(&self, viewer: Viewer) -> Option<BoardEvent> {
        let participant = match viewer {
            Viewer::Facilitator => None,
            Viewer::Participant(id) => Some(id),
        };
        if let (Some(only), Some(me)) = (self.visible_to, participant)
            && only != me
        {
            return None;
        }
        let mut event = self.event.clone();
        let mine = participant.is_some() && self.author == participant;
        match &mut event.change {
            Change::NoteAdded { note } | Change::NoteShown { note } => note.mine = mine,
            _ => {}
        }
        Some(event)
    }
}

/// Hands out the workshop's next sequence number (inside the caller's transaction).
pub(super) async fn next_seq(conn: &mut AnyConnection, workshop_id: Uuid) -> Result<i64, StoreError> {
    let (seq,): (i64,) = sqlx::query_as(
        "UPDATE workshops SET last_seq = last_seq + 1, updated_at = $1 WHERE id = $2 RETURNING last_seq",
    )
    .bind(now_rfc3339())
    .bind(workshop_id.to_string())
    .fetch_one(conn)
    .await?;
    Ok(seq)
}

/// Takes the workshop's row lock until the caller's transaction ends (a write that changes
/// nothing). Every write on SQLite already runs alone; on PostgreSQL this makes the writers
/// of one workshop that read before they decide (themes, dots) run one after another too.
pub(super) async fn lock_workshop(conn: &mut AnyConnection, workshop_id: Uuid) -> Result<(), StoreError> {
    sqlx::query("UPDATE workshops SET last_seq = last_seq WHERE id = $1")
        .bind(workshop_id.to_string())
        .execute(conn)
        .await?;
    Ok(())
}

/// Records `change` under `seq` (inside the caller's transaction).
pub(super) async fn record(
    conn: &mut AnyConnection,
    workshop_id: Uuid,
    seq: i64,
    change: Change,
    visible_to: Option<Uuid>,
    author: Option<Uuid>,
) -> Result<StoredEvent, StoreError> {
    let json = serde_json::to_string(&change).map_err(|_| StoreError::Corrupt("board_events.change"))?;
    let now = now_rfc3339();
    sqlx::query(
        "INSERT INTO board_events (workshop_id, seq, change, visible_to, author_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(workshop_id.to_string())
    .bind(seq)
    .bind(json)
    .bind(visible_to.map(|id| id.to_string()))
    .bind(author.map(|id| id.to_string()))
    .bind(&now)
    .bind(&now)
    .execute(conn)
    .await?;
    Ok(StoredEvent { workshop_id, event: BoardEvent { seq, change }, visible_to, author })
}

/// Records `change` under the workshop's next sequence number.
pub(super) async fn record_next(
    conn: &mut AnyConnection,
    workshop_id: Uuid,
    change: Change,
    visible_to: Option<Uuid>,
    author: Option<Uuid>,
) -> Result<StoredEvent, StoreError> {
    let seq = next_seq(conn, workshop_id).await?;
    record(conn, workshop_id, seq, change, visible_to, author).await
}

#[derive(sqlx::FromRow)]
struct EventRow {
    seq: i64,
    change: String,
    visible_to: Option<String>,
    author_id: Option<String>,
}

impl Store {
    /// The last sequence number handed out in a workshop.
    pub async fn last_seq(&self, workshop_id: Uuid) -> Result<i64, StoreError> {
        let (seq,): (i64,) = sqlx::query_as("SELECT last_seq FROM workshops WHERE id = $1")
            .bind(workshop_id.to_string())
            .fetch_one(&self.pool)
            .await?;
        Ok(seq)
    }

    /// Sends a PostgreSQL notification on `channel` for each (workshop, sequence number):
    /// how instances on one database wake each other (see `crate::relay`).
    pub async fn notify(&self, channel: &'static str, committed: &[(Uuid, i64)]) -> Result<(), StoreError> {
        if self.backend != Backend::Postgres || committed.is_empty() {
            return Ok(());
        }
        // NOTIFY takes no parameters; the payload is a UUID and a number, nothing to escape.
        let statements: String = committed
            .iter()
            .map(|(workshop_id, seq)| format!("NOTIFY {channel}, '{workshop_id} {seq}';"))
            .collect();
        sqlx::raw_sql(sqlx::AssertSqlSafe(statements)).execute(&self.write).await?;
        Ok(())
    }

    /// The workshop's events after `after`, in order, as stored.
    pub async fn events_since(&self, workshop_id: Uuid, after: i64) -> Result<Vec<StoredEvent>, StoreError> {
        let rows: Vec<EventRow> = sqlx::query_as(
            "SELECT seq, change, visible_to, author_id FROM board_events
             WHERE workshop_id = $1 AND seq > $2 ORDER BY seq",
        )
        .bind(workshop_id.to_string())
        .bind(after)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(StoredEvent {
                    workshop_id,
                    event: BoardEvent {
                        seq: row.seq,
                        change: serde_json::from_str(&row.change)
                            .map_err(|_| StoreError::Corrupt("board_events.change"))?,
                    },
                    visible_to: row
                        .visible_to
                        .as_deref()
                        .map(|id| uuid_column(id, "visible_to"))
                        .transpose()?,
                    author: row.author_id.as_deref().map(|id| uuid_column(id, "author_id")).transpose()?,
                })
            })
            .collect()
    }
}
