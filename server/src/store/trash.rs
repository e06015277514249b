//! The workshop's trash: a note its facilitator deletes leaves the board at once (no one
//! sees it, on any page or socket) but is kept, with its place in the themes and its +1s,
//! so the facilitator can restore it until the round's retention purges it.

use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

use super::events::{NoteTable, lock_workshop_holding};
use super::ids::BindId;
use super::{Store, StoreError, now_rfc3339, timestamp_column, uuid_column};
use app::model::ids::{NeedId, NoteId, ParticipantId, ThemeId, WorkshopId};

/// A deleted note as its trash row keeps it: what is needed to put it back as it was.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct TrashedNote {
    author_id: Option<ParticipantId>,
    text: String,
    hidden: i64,
    seq: i64,
    created_at: String,
    edited_at: Option<String>,
    /// (theme id, need id, pinned) of each theme the note was in.
    placements: Vec<(ThemeId, Option<NeedId>, i64)>,
    /// (participant id, when) of each +1.
    supporters: Vec<(ParticipantId, String)>,
}

/// One note in a workshop's trash, as its facilitator sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrashEntry {
    pub note_id: NoteId,
    pub text: String,
    pub deleted_by: String,
    pub deleted_at: jiff::Timestamp,
}

/// Keeps note `note_id` of `workshop_id` in the trash before it is deleted, on `conn`
/// (inside the deletion's transaction).
pub(super) async fn keep_in_trash(
    conn: &mut AnyConnection,
    workshop_id: WorkshopId,
    note_id: NoteId,
    actor: &str,
) -> Result<(), StoreError> {
    let (author_id, text, hidden, seq, created_at, edited_at): (
        Option<String>,
        String,
        i64,
        i64,
        String,
        Option<String>,
    ) = sqlx::query_as("SELECT author_id, text, hidden, seq, created_at, edited_at FROM notes WHERE id = $1")
        .bind_id(note_id)
        .fetch_one(&mut *conn)
        .await?;
    let placements: Vec<(String, Option<String>, i64)> =
        sqlx::query_as("SELECT theme_id, need_id, pinned FROM note_themes WHERE note_id = $1")
            .bind_id(note_id)
            .fetch_all(&mut *conn)
            .await?;
    let supporters: Vec<(String, String)> =
        sqlx::query_as("SELECT participant_id, created_at FROM note_supports WHERE note_id = $1")
            .bind_id(note_id)
            .fetch_all(&mut *conn)
            .await?;
    let author_id = author_id.map(|id| uuid_column(&id, "notes.author_id")).transpose()?;
    let placements = placements
        .into_iter()
        .map(|(theme, need, pinned)| {
            let need = need.map(|need| uuid_column(&need, "note_themes.need_id")).transpose()?;
            Ok((uuid_column(&theme, "note_themes.theme_id")?, need, pinned))
        })
        .collect::<Result<_, StoreError>>()?;
    let supporters = supporters
        .into_iter()
        .map(|(participant, at)| Ok((uuid_column(&participant, "note_supports.participant_id")?, at)))
        .collect::<Result<_, StoreError>>()?;
    let note = TrashedNote { author_id, text, hidden, seq, created_at, edited_at, placements, supporters };
    let json = serde_json::to_string(&note).map_err(|_| StoreError::Corrupt("deleted_notes.note"))?;
    let now = now_rfc3339();
    // A note deleted, restored and deleted again has one row: the latest.
    sqlx::query("DELETE FROM deleted_notes WHERE id = $1").bind_id(note_id).execute(&mut *conn).await?;
    sqlx::query(
        "INSERT INTO deleted_notes (id, workshop_id, note, deleted_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind_id(note_id)
    .bind_id(workshop_id)
    .bind(json)
    .bind(actor)
    .bind(&now)
    .bind(&now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

impl Store {
    /// The workshop a note in the trash was deleted from; [`StoreError::NotFound`] when it
    /// is not in any trash (never deleted by a facilitator, restored, or purged).
    pub async fn trashed_note_workshop(&self, note_id: NoteId) -> Result<WorkshopId, StoreError> {
        let (workshop_id,): (String,) = sqlx::query_as("SELECT workshop_id FROM deleted_notes WHERE id = $1")
            .bind_id(note_id)
            .fetch_one(&self.pool)
            .await?;
        uuid_column(&workshop_id, "deleted_notes.workshop_id")
    }

    /// The workshop's trash, newest first.
    pub async fn trash(&self, workshop_id: WorkshopId) -> Result<Vec<TrashEntry>, StoreError> {
        let rows: Vec<(String, String, String, String)> = sqlx::query_as(
            "SELECT id, note, deleted_by, created_at FROM deleted_notes WHERE workshop_id = $1
             ORDER BY created_at DESC, id",
        )
        .bind_id(workshop_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(id, note, deleted_by, deleted_at)| {
                let note: TrashedNote =
                    serde_json::from_str(&note).map_err(|_| StoreError::Corrupt("deleted_notes.note"))?;
                Ok(TrashEntry {
                    note_id: uuid_column(&id, "deleted_notes.id")?,
                    text: note.text,
                    deleted_by,
                    deleted_at: timestamp_column(&deleted_at, "deleted_notes.created_at")?,
                })
            })
            .collect()
    }
}

/// Takes note `note_id` out of the trash and puts it back in `notes` as it was, on `conn`
/// (inside the restoring transaction): its text, author, place on the board, theme and need
/// (those still there) and +1s (of participants still there). Returns its workshop, locked.
pub(super) async fn put_back(conn: &mut AnyConnection, note_id: NoteId) -> Result<WorkshopId, StoreError> {
    let workshop_id = lock_workshop_holding(conn, NoteTable::Trash, note_id).await?;
    let (json,): (String,) = sqlx::query_as("SELECT note FROM deleted_notes WHERE id = $1")
        .bind_id(note_id)
        .fetch_one(&mut *conn)
        .await?;
    let note: TrashedNote =
        serde_json::from_str(&json).map_err(|_| StoreError::Corrupt("deleted_notes.note"))?;
    let now = now_rfc3339();
    // The author may have been purged since: the note comes back without one.
    sqlx::query(
        "INSERT INTO notes (id, workshop_id, author_id, text, hidden, seq, created_at, edited_at, updated_at)
         SELECT $1, $2, (SELECT id FROM participants WHERE id = $3), $4, $5, $6, $7, $8, $9",
    )
    .bind_id(note_id)
    .bind_id(workshop_id)
    .bind_opt_id(note.author_id)
    .bind(&note.text)
    .bind(note.hidden)
    .bind(note.seq)
    .bind(&note.created_at)
    .bind(&note.edited_at)
    .bind(&now)
    .execute(&mut *conn)
    .await?;
    for (theme_id, need_id, pinned) in &note.placements {
        sqlx::query(
            "INSERT INTO note_themes (theme_id, note_id, pinned, need_id, created_at, updated_at)
             SELECT t.id, $1, $2, (SELECT nd.id FROM needs nd WHERE nd.id = $3 AND nd.theme_id = t.id), $4, $5
             FROM themes t WHERE t.id = $6",
        )
        .bind_id(note_id)
        .bind(pinned)
        .bind_opt_id(*need_id)
        .bind(&now)
        .bind(&now)
        .bind_id(*theme_id)
        .execute(&mut *conn)
        .await?;
    }
    for (participant_id, at) in &note.supporters {
        sqlx::query(
            "INSERT INTO note_supports (note_id, participant_id, created_at, updated_at)
             SELECT $1, p.id, $2, $3 FROM participants p WHERE p.id = $4",
        )
        .bind_id(note_id)
        .bind(at)
        .bind(&now)
        .bind_id(*participant_id)
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query("DELETE FROM deleted_notes WHERE id = $1").bind_id(note_id).execute(&mut *conn).await?;
    Ok(workshop_id)
}
