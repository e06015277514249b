//! Notes: the idempotent insert with its sequence number, own-note edits and deletes.

use app::model::Note;
use uuid::Uuid;

use super::{Store, StoreError, now_rfc3339, uuid_column};

#[derive(sqlx::FromRow)]
struct NoteRow {
    id: String,
    workshop_id: String,
    author_id: Option<String>,
    text: String,
    author_name: Option<String>,
    organisation: Option<String>,
    hidden: bool,
    seq: i64,
    created_at: String,
    edited_at: Option<String>,
}

impl NoteRow {
    fn into_note(self, viewer: Option<Uuid>) -> Result<Note, StoreError> {
        let author = self.author_id.as_deref().map(|id| uuid_column(id, "notes.author_id")).transpose()?;
        Ok(Note {
            id: uuid_column(&self.id, "notes.id")?,
            workshop_id: uuid_column(&self.workshop_id, "notes.workshop_id")?,
            text: self.text,
            author_name: self.author_name,
            organisation: self.organisation,
            mine: viewer.is_some() && author == viewer,
            hidden: self.hidden,
            seq: self.seq,
            created_at: self.created_at,
            edited_at: self.edited_at,
        })
    }
}

/// The note query with a `WHERE` clause appended at compile time.
macro_rules! select_note {
    ($condition:literal) => {
        concat!(
            "SELECT n.id, n.workshop_id, n.author_id, n.text, p.display_name AS author_name,
                    p.organisation, n.hidden, n.seq, n.created_at, n.edited_at
             FROM notes n LEFT JOIN participants p ON p.id = n.author_id WHERE ",
            $condition
        )
    };
}

/// What an insert did: stored the note, or found the same note stored before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteInsert {
    Stored(Note),
    AlreadyStored(Note),
}

/// A note together with what decides who may change it.
#[derive(Debug, Clone)]
pub struct NoteOwnership {
    pub workshop_id: Uuid,
    pub author_id: Option<Uuid>,
    pub workshop_open: bool,
}

impl Store {
    /// The workshop's notes in the order they were written, as `viewer` sees them.
    pub async fn notes(&self, workshop_id: Uuid, viewer: Option<Uuid>) -> Result<Vec<Note>, StoreError> {
        let rows: Vec<NoteRow> = sqlx::query_as(select_note!("n.workshop_id = ? ORDER BY n.seq"))
            .bind(workshop_id.to_string())
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter().map(|row| row.into_note(viewer)).collect()
    }

    /// One note as `viewer` sees it.
    pub async fn note(&self, id: Uuid, viewer: Option<Uuid>) -> Result<Note, StoreError> {
        let row: NoteRow =
            sqlx::query_as(select_note!("n.id = ?")).bind(id.to_string()).fetch_one(&self.pool).await?;
        row.into_note(viewer)
    }

    /// Stores a note by `author` in an open workshop, giving it the workshop's next sequence
    /// number in the same transaction.
    ///
    /// The note id is the primary key: storing the same id again by the same author is a
    /// no-op that returns the stored note; the same id from anyone else is a conflict.
    /// Fails with [`StoreError::Conflict`] `"locked"` when the workshop is locked.
    pub async fn insert_note(
        &self,
        workshop_id: Uuid,
        author_id: Uuid,
        note_id: Uuid,
        text: &str,
    ) -> Result<NoteInsert, StoreError> {
        // IMMEDIATE takes the write lock up front, so concurrent writers wait on the busy
        // timeout instead of failing when a read transaction tries to upgrade.
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let existing: Option<(String, Option<String>)> =
            sqlx::query_as("SELECT workshop_id, author_id FROM notes WHERE id = ?")
                .bind(note_id.to_string())
                .fetch_optional(&mut *tx)
                .await?;
        if let Some((stored_workshop, stored_author)) = existing {
            tx.rollback().await?;
            let same = stored_workshop == workshop_id.to_string()
                && stored_author.as_deref() == Some(author_id.to_string().as_str());
            return if same {
                Ok(NoteInsert::AlreadyStored(self.note(note_id, Some(author_id)).await?))
            } else {
                Err(StoreError::Conflict("note id belongs to another note".into()))
            };
        }
        let state: Option<(String,)> = sqlx::query_as("SELECT state FROM workshops WHERE id = ?")
            .bind(workshop_id.to_string())
            .fetch_optional(&mut *tx)
            .await?;
        match state {
            None => return Err(StoreError::NotFound),
            Some((state,)) if state != "open" => return Err(StoreError::Conflict("locked".into())),
            Some(_) => {}
        }
        let now = now_rfc3339();
        let (seq,): (i64,) = sqlx::query_as(
            "UPDATE workshops SET last_seq = last_seq + 1, updated_at = ? WHERE id = ? RETURNING last_seq",
        )
        .bind(&now)
        .bind(workshop_id.to_string())
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO notes (id, workshop_id, author_id, text, hidden, seq, created_at, updated_at)
             VALUES (?, ?, ?, ?, 0, ?, ?, ?)",
        )
        .bind(note_id.to_string())
        .bind(workshop_id.to_string())
        .bind(author_id.to_string())
        .bind(text)
        .bind(seq)
        .bind(&now)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(NoteInsert::Stored(self.note(note_id, Some(author_id)).await?))
    }

    /// Who wrote a note and whether its workshop is open.
    pub async fn note_ownership(&self, note_id: Uuid) -> Result<NoteOwnership, StoreError> {
        let (workshop_id, author_id, state): (String, Option<String>, String) = sqlx::query_as(
            "SELECT n.workshop_id, n.author_id, w.state FROM notes n JOIN workshops w ON w.id = n.workshop_id
             WHERE n.id = ?",
        )
        .bind(note_id.to_string())
        .fetch_one(&self.pool)
        .await?;
        Ok(NoteOwnership {
            workshop_id: uuid_column(&workshop_id, "notes.workshop_id")?,
            author_id: author_id.as_deref().map(|id| uuid_column(id, "notes.author_id")).transpose()?,
            workshop_open: state == "open",
        })
    }

    /// Replaces the text of `author`'s note while its workshop is open.
    pub async fn update_note_text(
        &self,
        note_id: Uuid,
        author_id: Uuid,
        text: &str,
    ) -> Result<Note, StoreError> {
        let now = now_rfc3339();
        let done = sqlx::query(
            "UPDATE notes SET text = ?, edited_at = ?, updated_at = ?
             WHERE id = ? AND author_id = ?
               AND (SELECT state FROM workshops w WHERE w.id = notes.workshop_id) = 'open'",
        )
        .bind(text)
        .bind(&now)
        .bind(&now)
        .bind(note_id.to_string())
        .bind(author_id.to_string())
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        self.note(note_id, Some(author_id)).await
    }

    /// Deletes `author`'s note while its workshop is open.
    pub async fn delete_note(&self, note_id: Uuid, author_id: Uuid) -> Result<(), StoreError> {
        let done = sqlx::query(
            "DELETE FROM notes WHERE id = ? AND author_id = ?
               AND (SELECT state FROM workshops w WHERE w.id = notes.workshop_id) = 'open'",
        )
        .bind(note_id.to_string())
        .bind(author_id.to_string())
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }
}
