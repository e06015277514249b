//! Notes: the idempotent insert with its sequence number, edits, moderation and merges.
//! Every change is recorded as a board event in the same transaction.

use app::model::Note;
use app::model::ids::{NoteId, ParticipantId, WorkshopId};
use app::model::live::Change;
use sqlx::AnyConnection;

use super::events::{is_open, lock_workshop_of_note, next_seq, privacy, record, redact_note};
use super::ids::BindId;
use super::{
    Refusal, Store, StoreError, StoredEvent, now, now_rfc3339, optional_timestamp, stored, timestamp_column,
    uuid_column,
};
use crate::access::visibility::{Audience, Privacy, Viewer, note_for};

#[derive(sqlx::FromRow)]
struct NoteRow {
    id: String,
    workshop_id: String,
    author_id: Option<String>,
    text: String,
    author_name: Option<String>,
    organisation: Option<String>,
    hidden: i64,
    seq: i64,
    created_at: String,
    edited_at: Option<String>,
    merged_count: i64,
    supporters: i64,
}

impl NoteRow {
    /// The note as stored, with its author; `mine` is set for `viewer`, nothing is filtered.
    fn into_note(self, viewer: Option<ParticipantId>) -> Result<(Note, Option<ParticipantId>), StoreError> {
        let author = self.author_id.as_deref().map(|id| uuid_column(id, "notes.author_id")).transpose()?;
        let note = Note {
            id: uuid_column(&self.id, "notes.id")?,
            workshop_id: uuid_column(&self.workshop_id, "notes.workshop_id")?,
            text: self.text,
            author_name: self.author_name,
            organisation: self.organisation,
            mine: viewer.is_some() && author == viewer,
            hidden: self.hidden != 0,
            seq: self.seq,
            created_at: timestamp_column(&self.created_at, "notes.created_at")?,
            edited_at: optional_timestamp(self.edited_at, "notes.edited_at")?,
            merged_count: self.merged_count,
            supporters: self.supporters,
            // Per viewer: the service marks the viewer's own +1s when it reads a board.
            supported_by_me: false,
        };
        Ok((note, author))
    }
}

/// The note query with a `WHERE` clause appended at compile time. Merged duplicates are
/// never on a board.
macro_rules! select_note {
    ($condition:literal) => {
        concat!(
            "SELECT n.id, n.workshop_id, n.author_id, n.text, p.display_name AS author_name,
                    p.organisation, n.hidden, n.seq, n.created_at, n.edited_at,
                    (SELECT COUNT(*) FROM notes d WHERE d.merged_into = n.id) AS merged_count,
                    (SELECT COUNT(*) FROM note_supports s WHERE s.note_id = n.id) AS supporters
             FROM notes n LEFT JOIN participants p ON p.id = n.author_id
             WHERE n.merged_into IS NULL AND ",
            $condition
        )
    };
}

/// What an insert did: stored the note (with its event), or found it stored before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteInsert {
    Stored(Note, Box<StoredEvent>),
    AlreadyStored(Note),
}

/// A note together with what decides who may change it.
#[derive(Debug, Clone)]
pub struct NoteOwnership {
    pub workshop_id: WorkshopId,
    pub author_id: Option<ParticipantId>,
    pub workshop_open: bool,
}

/// One note read on `conn` as an event carries it to everyone who may see it: names left
/// out in an anonymous workshop, `mine` set per viewer when it is sent.
async fn event_note(
    conn: &mut AnyConnection,
    id: NoteId,
    privacy: Privacy,
) -> Result<(Note, Option<ParticipantId>), StoreError> {
    let (mut note, author) = fetch_note(conn, id, None).await?;
    if privacy.anonymous {
        note.author_name = None;
    }
    Ok((note, author))
}

/// One note read on `conn`, so a transaction sees its own changes.
pub(super) async fn fetch_note(
    conn: &mut AnyConnection,
    id: NoteId,
    viewer: Option<ParticipantId>,
) -> Result<(Note, Option<ParticipantId>), StoreError> {
    let row: NoteRow = sqlx::query_as(
        "SELECT n.id, n.workshop_id, n.author_id, n.text, p.display_name AS author_name,
                p.organisation, n.hidden, n.seq, n.created_at, n.edited_at,
                (SELECT COUNT(*) FROM notes d WHERE d.merged_into = n.id) AS merged_count,
                (SELECT COUNT(*) FROM note_supports s WHERE s.note_id = n.id) AS supporters
         FROM notes n LEFT JOIN participants p ON p.id = n.author_id WHERE n.id = $1",
    )
    .bind_id(id)
    .fetch_one(conn)
    .await?;
    row.into_note(viewer)
}

impl Store {
    /// The workshop's notes in sequence order, as `viewer` may see them now (see
    /// [`crate::access::visibility`]).
    pub async fn notes(&self, workshop_id: WorkshopId, viewer: Viewer) -> Result<Vec<Note>, StoreError> {
        let privacy = self.privacy(workshop_id).await?;
        let rows: Vec<NoteRow> = sqlx::query_as(select_note!("n.workshop_id = $1 ORDER BY n.seq"))
            .bind_id(workshop_id)
            .fetch_all(&self.pool)
            .await?;
        let mut notes = Vec::with_capacity(rows.len());
        for row in rows {
            let (note, author) = row.into_note(None)?;
            notes.extend(note_for(viewer, privacy, author, note));
        }
        Ok(notes)
    }

    /// The workshop's privacy settings.
    pub async fn privacy(&self, workshop_id: WorkshopId) -> Result<Privacy, StoreError> {
        let mut conn = self.pool.acquire().await?;
        privacy(&mut conn, workshop_id).await
    }

    /// One note (merged duplicates included) as `viewer` sees it, with its author.
    pub async fn note(
        &self,
        id: NoteId,
        viewer: Option<ParticipantId>,
    ) -> Result<(Note, Option<ParticipantId>), StoreError> {
        let mut conn = self.pool.acquire().await?;
        fetch_note(&mut conn, id, viewer).await
    }

    /// Stores a note by `author` in an open workshop, under the workshop's next sequence
    /// number, and records its event in the same transaction: the transaction of the notes
    /// arriving together (see [`super::note_batch`]). Returns once the note is durable.
    ///
    /// The note id is the primary key: storing the same id again by the same author is a
    /// no-op that returns the stored note; the same id from anyone else is a conflict.
    /// Refused ([`Refusal::Locked`]) when the workshop is locked, and ([`Refusal::NotAuthor`])
    /// when the id is another note's.
    pub async fn insert_note(
        &self,
        workshop_id: WorkshopId,
        author_id: ParticipantId,
        note_id: NoteId,
        text: &str,
    ) -> Result<NoteInsert, StoreError> {
        self.notes.insert(workshop_id, author_id, note_id, text).await
    }

    /// Who wrote a note and whether its workshop is open.
    pub async fn note_ownership(&self, note_id: NoteId) -> Result<NoteOwnership, StoreError> {
        let (workshop_id, author_id, state): (String, Option<String>, String) = sqlx::query_as(
            "SELECT n.workshop_id, n.author_id, w.state FROM notes n JOIN workshops w ON w.id = n.workshop_id
             WHERE n.id = $1",
        )
        .bind_id(note_id)
        .fetch_one(&self.pool)
        .await?;
        Ok(NoteOwnership {
            workshop_id: uuid_column(&workshop_id, "notes.workshop_id")?,
            author_id: author_id.as_deref().map(|id| uuid_column(id, "notes.author_id")).transpose()?,
            workshop_open: state == "open",
        })
    }

    /// Replaces the text of `author`'s note while its workshop is open; refused when it is not
    /// theirs or the workshop is locked.
    pub async fn update_note_text(
        &self,
        note_id: NoteId,
        author_id: ParticipantId,
        text: &str,
    ) -> Result<(Note, StoredEvent), StoreError> {
        let mut tx = self.write.begin().await?;
        // Everything below is decided under the workshop's row lock: a note hidden or a
        // workshop locked meanwhile is seen.
        let workshop_id = lock_workshop_of_note(&mut tx, note_id).await?;
        let (hidden,): (i64,) = sqlx::query_as("SELECT hidden FROM notes WHERE id = $1 AND author_id = $2")
            .bind_id(note_id)
            .bind_id(author_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(Refusal::NotAuthor)?;
        let seq = next_seq(&mut tx, workshop_id).await?;
        if !is_open(&mut tx, workshop_id).await? {
            return Err(Refusal::Locked.into());
        }
        let privacy = privacy(&mut tx, workshop_id).await?;
        let edited_at = now();
        sqlx::query("UPDATE notes SET text = $1, edited_at = $2, updated_at = $2 WHERE id = $3")
            .bind(text)
            .bind(stored(edited_at))
            .bind_id(note_id)
            .execute(&mut *tx)
            .await?;
        let change = Change::NoteEdited { id: note_id, text: text.to_string(), edited_at };
        let audience = Audience::of_note(privacy, Some(author_id), hidden != 0);
        let event = record(&mut tx, workshop_id, seq, change, audience, Some(author_id)).await?;
        let (note, _) = fetch_note(&mut tx, note_id, Some(author_id)).await?;
        tx.commit().await?;
        Ok((note, event))
    }

    /// Deletes a note: `author`'s own while the workshop is open, or any note when `author`
    /// is `None` (the facilitator); refused when an author's note is not theirs or the
    /// workshop is locked.
    pub async fn delete_note(
        &self,
        note_id: NoteId,
        author: Option<ParticipantId>,
    ) -> Result<StoredEvent, StoreError> {
        self.delete_note_keeping(note_id, author, None).await
    }

    /// Deletes any note as the facilitator `actor`: it leaves the board at once and waits in
    /// the workshop's trash (see [`super::trash`]) until restored or purged.
    pub async fn trash_note(&self, note_id: NoteId, actor: &str) -> Result<StoredEvent, StoreError> {
        self.delete_note_keeping(note_id, None, Some(actor)).await
    }

    /// Deletes a note (see [`Store::delete_note`]); kept in the trash when `trashed_by`
    /// names who deleted it.
    async fn delete_note_keeping(
        &self,
        note_id: NoteId,
        author: Option<ParticipantId>,
        trashed_by: Option<&str>,
    ) -> Result<StoredEvent, StoreError> {
        let mut tx = self.write.begin().await?;
        // Decided under the workshop's row lock, taken before the note is read.
        let workshop_id = lock_workshop_of_note(&mut tx, note_id).await?;
        let (stored_author, hidden): (Option<String>, i64) =
            sqlx::query_as("SELECT author_id, hidden FROM notes WHERE id = $1")
                .bind_id(note_id)
                .fetch_one(&mut *tx)
                .await?;
        let stored_author =
            stored_author.as_deref().map(|id| uuid_column(id, "notes.author_id")).transpose()?;
        let seq = next_seq(&mut tx, workshop_id).await?;
        if let Some(author) = author {
            if stored_author != Some(author) {
                return Err(Refusal::NotAuthor.into());
            }
            if !is_open(&mut tx, workshop_id).await? {
                return Err(Refusal::Locked.into());
            }
        }
        let privacy = privacy(&mut tx, workshop_id).await?;
        // Duplicates merged into this note go back on the board rather than vanish with it.
        sqlx::query("UPDATE notes SET merged_into = NULL WHERE merged_into = $1")
            .bind_id(note_id)
            .execute(&mut *tx)
            .await?;
        if let Some(actor) = trashed_by {
            super::trash::keep_in_trash(&mut tx, workshop_id, note_id, actor).await?;
        }
        sqlx::query("DELETE FROM notes WHERE id = $1").bind_id(note_id).execute(&mut *tx).await?;
        redact_note(&mut tx, workshop_id, note_id).await?;
        let audience = Audience::of_note(privacy, stored_author, hidden != 0);
        let change = Change::NoteDeleted { id: note_id };
        let event = record(&mut tx, workshop_id, seq, change, audience, stored_author).await?;
        tx.commit().await?;
        Ok(event)
    }

    /// Puts a note from the trash back on its workshop's board as it was (see
    /// [`super::trash::put_back`]); everyone who may see it gets it as a new note.
    pub async fn restore_note(&self, note_id: NoteId) -> Result<StoredEvent, StoreError> {
        let mut tx = self.write.begin().await?;
        let workshop_id = super::trash::put_back(&mut tx, note_id).await?;
        let seq = next_seq(&mut tx, workshop_id).await?;
        let privacy = privacy(&mut tx, workshop_id).await?;
        let (restored, author) = event_note(&mut tx, note_id, privacy).await?;
        let audience = Audience::of_note(privacy, author, restored.hidden);
        let event =
            record(&mut tx, workshop_id, seq, Change::NoteAdded { note: restored }, audience, author).await?;
        tx.commit().await?;
        Ok(event)
    }

    /// Hides a note from participants, or shows it again.
    pub async fn set_note_hidden(&self, note_id: NoteId, hidden: bool) -> Result<StoredEvent, StoreError> {
        let mut tx = self.write.begin().await?;
        // The workshop's row lock before the note's, in the order every note write takes them.
        let workshop_id = lock_workshop_of_note(&mut tx, note_id).await?;
        sqlx::query("UPDATE notes SET hidden = $1, updated_at = $2 WHERE id = $3")
            .bind(i64::from(hidden))
            .bind(now_rfc3339())
            .bind_id(note_id)
            .execute(&mut *tx)
            .await?;
        let seq = next_seq(&mut tx, workshop_id).await?;
        let privacy = privacy(&mut tx, workshop_id).await?;
        let (note, author) = event_note(&mut tx, note_id, privacy).await?;
        // Both go to whoever may see the note when it is not hidden: those who had it drop it,
        // and an unhidden note travels whole, since they were not sent it while hidden.
        let change = if hidden {
            redact_note(&mut tx, workshop_id, note_id).await?;
            Change::NoteHidden { id: note_id }
        } else {
            Change::NoteShown { note }
        };
        let audience = Audience::of_note(privacy, author, false);
        let event = record(&mut tx, workshop_id, seq, change, audience, author).await?;
        tx.commit().await?;
        Ok(event)
    }

    /// Merges `duplicate` into `kept` (both of one workshop): the duplicate stays stored but
    /// leaves the board, and `kept` counts it.
    pub async fn merge_notes(&self, kept: NoteId, duplicate: NoteId) -> Result<StoredEvent, StoreError> {
        let mut tx = self.write.begin().await?;
        // Whether both are still on the board is read under the workshop's row lock.
        lock_workshop_of_note(&mut tx, kept).await?;
        let pair: Option<(String,)> = sqlx::query_as(
            "SELECT k.workshop_id FROM notes k JOIN notes d ON d.workshop_id = k.workshop_id
             WHERE k.id = $1 AND d.id = $2 AND k.id <> d.id
               AND k.merged_into IS NULL AND d.merged_into IS NULL",
        )
        .bind_id(kept)
        .bind_id(duplicate)
        .fetch_optional(&mut *tx)
        .await?;
        let (workshop_id,) = pair.ok_or(StoreError::NotFound)?;
        let workshop_id = uuid_column(&workshop_id, "notes.workshop_id")?;
        let seq = next_seq(&mut tx, workshop_id).await?;
        let privacy = privacy(&mut tx, workshop_id).await?;
        let now = now_rfc3339();
        // Duplicates of the duplicate follow it into the kept note.
        sqlx::query("UPDATE notes SET merged_into = $1, updated_at = $2 WHERE id = $3 OR merged_into = $4")
            .bind_id(kept)
            .bind(&now)
            .bind_id(duplicate)
            .bind_id(duplicate)
            .execute(&mut *tx)
            .await?;
        // While writing is private the pair's ids are not for other participants to learn.
        let audience = if privacy.private_mode { Audience::Staff } else { Audience::Everyone };
        let event =
            record(&mut tx, workshop_id, seq, Change::NotesMerged { kept, duplicate }, audience, None)
                .await?;
        tx.commit().await?;
        Ok(event)
    }
}
