//! The board event log: every change of a workshop with its sequence number.

use app::model::ids::{NoteId, ParticipantId, WorkshopId};
use app::model::live::{BoardEvent, Change};
use sqlx::{AnyConnection, AssertSqlSafe};

use super::ids::BindId;
use super::{Backend, Store, StoreError, now_rfc3339, uuid_column};
use crate::access::visibility::{Audience, Privacy};

/// A committed event with who may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEvent {
    pub workshop_id: WorkshopId,
    pub event: BoardEvent,
    /// Who may be sent it, decided by [`crate::access::visibility`] when it was recorded.
    pub audience: Audience,
    /// The author of the note the event is about.
    pub author: Option<ParticipantId>,
}

/// Hands out the workshop's next sequence number (inside the caller's transaction).
pub(super) async fn next_seq(conn: &mut AnyConnection, workshop_id: WorkshopId) -> Result<i64, StoreError> {
    let (seq,): (i64,) = sqlx::query_as(
        "UPDATE workshops SET last_seq = last_seq + 1, updated_at = $1 WHERE id = $2 RETURNING last_seq",
    )
    .bind(now_rfc3339())
    .bind_id(workshop_id)
    .fetch_one(conn)
    .await?;
    Ok(seq)
}

/// Takes the workshop's row lock until the caller's transaction ends (a write that changes
/// nothing). Every write on SQLite already runs alone; on PostgreSQL this makes the writers
/// of one workshop that read before they decide (themes, dots) run one after another too.
pub(super) async fn lock_workshop(
    conn: &mut AnyConnection,
    workshop_id: WorkshopId,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE workshops SET last_seq = last_seq WHERE id = $1")
        .bind_id(workshop_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Takes the row lock of the workshop a note belongs to (see [`lock_workshop`]) and returns
/// that workshop; [`StoreError::NotFound`] for an unknown note. Called before anything about
/// the note is read, so what the caller decides on (hidden, merged, the workshop's state)
/// cannot change before it commits.
pub(super) async fn lock_workshop_of_note(
    conn: &mut AnyConnection,
    note_id: NoteId,
) -> Result<WorkshopId, StoreError> {
    lock_workshop_holding(conn, NoteTable::Board, note_id).await
}

/// Where a note is kept: on the board, or in its workshop's trash.
#[derive(Debug, Clone, Copy)]
pub(super) enum NoteTable {
    Board,
    Trash,
}

/// Takes the row lock of the workshop whose `table` holds the note and returns that
/// workshop; [`StoreError::NotFound`] when that table has no such note.
pub(super) async fn lock_workshop_holding(
    conn: &mut AnyConnection,
    table: NoteTable,
    note_id: NoteId,
) -> Result<WorkshopId, StoreError> {
    let query = match table {
        NoteTable::Board => {
            "UPDATE workshops SET last_seq = last_seq
             WHERE id = (SELECT workshop_id FROM notes WHERE id = $1) RETURNING id"
        }
        NoteTable::Trash => {
            "UPDATE workshops SET last_seq = last_seq
             WHERE id = (SELECT workshop_id FROM deleted_notes WHERE id = $1) RETURNING id"
        }
    };
    let locked: Option<(String,)> = sqlx::query_as(query).bind_id(note_id).fetch_optional(conn).await?;
    let (workshop_id,) = locked.ok_or(StoreError::NotFound)?;
    uuid_column(&workshop_id, "workshops.id")
}

/// Whether the workshop takes changes (not locked), read on `conn` after [`next_seq`], so
/// under the workshop's row lock: a lock that commits first is seen.
pub(super) async fn is_open(conn: &mut AnyConnection, workshop_id: WorkshopId) -> Result<bool, StoreError> {
    let (state,): (String,) = sqlx::query_as("SELECT state FROM workshops WHERE id = $1")
        .bind_id(workshop_id)
        .fetch_one(conn)
        .await?;
    Ok(state == "open")
}

/// The workshop's privacy settings, read on `conn` (after [`next_seq`] or
/// [`lock_workshop`], so under the workshop's row lock).
pub(super) async fn privacy(
    conn: &mut AnyConnection,
    workshop_id: WorkshopId,
) -> Result<Privacy, StoreError> {
    let (private_mode, anonymous): (i64, i64) =
        sqlx::query_as("SELECT private_mode, anonymous FROM workshops WHERE id = $1")
            .bind_id(workshop_id)
            .fetch_optional(conn)
            .await?
            .ok_or(StoreError::NotFound)?;
    Ok(Privacy { private_mode: private_mode != 0, anonymous: anonymous != 0 })
}

/// Records `change` under `seq` (inside the caller's transaction).
pub(super) async fn record(
    conn: &mut AnyConnection,
    workshop_id: WorkshopId,
    seq: i64,
    change: Change,
    audience: Audience,
    author: Option<ParticipantId>,
) -> Result<StoredEvent, StoreError> {
    let json = serde_json::to_string(&change).map_err(|_| StoreError::Corrupt("board_events.change"))?;
    let now = now_rfc3339();
    sqlx::query(
        "INSERT INTO board_events (workshop_id, seq, change, visible_to, author_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind_id(workshop_id)
    .bind(seq)
    .bind(json)
    .bind(audience.to_column())
    .bind_opt_id(author)
    .bind(&now)
    .bind(&now)
    .execute(conn)
    .await?;
    Ok(StoredEvent { workshop_id, event: BoardEvent { seq, change }, audience, author })
}

/// Records events already numbered (inside the caller's transaction) in one statement, all
/// at time `now`: a batch of new notes' events (see `note_batch`).
pub(super) async fn record_all(
    conn: &mut AnyConnection,
    events: &[&StoredEvent],
    now: &str,
) -> Result<(), StoreError> {
    if events.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "INSERT INTO board_events (workshop_id, seq, change, visible_to, author_id, created_at, updated_at)
         VALUES {}",
        value_rows(events.len(), 5, "$1, $1")
    );
    let mut query = sqlx::query(AssertSqlSafe(sql)).bind(now);
    for stored in events {
        let json = serde_json::to_string(&stored.event.change)
            .map_err(|_| StoreError::Corrupt("board_events.change"))?;
        query = query
            .bind_id(stored.workshop_id)
            .bind(stored.event.seq)
            .bind(json)
            .bind(stored.audience.to_column())
            .bind_opt_id(stored.author);
    }
    query.execute(conn).await?;
    Ok(())
}

/// The `VALUES` of a multi-row insert: `count` rows of `width` numbered parameters each,
/// from `$2` on, each row ending in `tail` (which may use `$1`, the value every row shares).
pub(super) fn value_rows(count: usize, width: usize, tail: &str) -> String {
    let row = |index: usize| {
        let first = 2 + index * width;
        let parameters: Vec<String> = (first..first + width).map(|n| format!("${n}")).collect();
        format!("({}, {tail})", parameters.join(", "))
    };
    (0..count).map(row).collect::<Vec<_>>().join(", ")
}

/// `$1, $2, …, $count`: the parameters of an `IN (…)` list.
pub(super) fn parameters(count: usize) -> String {
    (1..=count).map(|n| format!("${n}")).collect::<Vec<_>>().join(", ")
}

/// Records `change` under the workshop's next sequence number.
pub(super) async fn record_next(
    conn: &mut AnyConnection,
    workshop_id: WorkshopId,
    change: Change,
    audience: Audience,
    author: Option<ParticipantId>,
) -> Result<StoredEvent, StoreError> {
    let seq = next_seq(conn, workshop_id).await?;
    record(conn, workshop_id, seq, change, audience, author).await
}

/// Takes a note's content out of the workshop's log (inside the caller's transaction): the
/// events that carried its text or author become [`Change::Redacted`], keeping their
/// sequence numbers. Called when the note is hidden or deleted, so no later reader of the
/// log (another instance relaying it) can send what participants may no longer see.
pub(super) async fn redact_note(
    conn: &mut AnyConnection,
    workshop_id: WorkshopId,
    note_id: NoteId,
) -> Result<(), StoreError> {
    // The id is in the JSON of every event about the note; the parse below decides.
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT seq, change FROM board_events WHERE workshop_id = $1 AND change LIKE $2")
            .bind_id(workshop_id)
            .bind(format!("%{note_id}%"))
            .fetch_all(&mut *conn)
            .await?;
    let redacted = serde_json::to_string(&Change::Redacted { id: note_id })
        .map_err(|_| StoreError::Corrupt("board_events.change"))?;
    for (seq, json) in rows {
        let carries_content = match serde_json::from_str::<Change>(&json) {
            Ok(Change::NoteAdded { note } | Change::NoteShown { note }) => note.id == note_id,
            Ok(Change::NoteEdited { id, .. }) => id == note_id,
            Ok(_) => false,
            Err(_) => return Err(StoreError::Corrupt("board_events.change")),
        };
        if carries_content {
            sqlx::query(
                "UPDATE board_events SET change = $1, updated_at = $2 WHERE workshop_id = $3 AND seq = $4",
            )
            .bind(&redacted)
            .bind(now_rfc3339())
            .bind_id(workshop_id)
            .bind(seq)
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
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
    pub async fn last_seq(&self, workshop_id: WorkshopId) -> Result<i64, StoreError> {
        let (seq,): (i64,) = sqlx::query_as("SELECT last_seq FROM workshops WHERE id = $1")
            .bind_id(workshop_id)
            .fetch_one(&self.pool)
            .await?;
        Ok(seq)
    }

    /// Sends a PostgreSQL notification on `channel` for each (workshop, sequence number):
    /// how instances on one database wake each other (see `crate::hub::relay`).
    pub async fn notify(
        &self,
        channel: &'static str,
        committed: &[(WorkshopId, i64)],
    ) -> Result<(), StoreError> {
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
    pub async fn events_since(
        &self,
        workshop_id: WorkshopId,
        after: i64,
    ) -> Result<Vec<StoredEvent>, StoreError> {
        let rows: Vec<EventRow> = sqlx::query_as(
            "SELECT seq, change, visible_to, author_id FROM board_events
             WHERE workshop_id = $1 AND seq > $2 ORDER BY seq",
        )
        .bind_id(workshop_id)
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
                    audience: Audience::from_column(row.visible_to.as_deref())
                        .ok_or(StoreError::Corrupt("board_events.visible_to"))?,
                    author: row.author_id.as_deref().map(|id| uuid_column(id, "author_id")).transpose()?,
                })
            })
            .collect()
    }
}
