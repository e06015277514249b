//! Support (+1) of notes: one row per participant and note, so a repeat is a no-op. A change
//! of a note's count is recorded as a board event in the same transaction.

use std::collections::HashSet;

use app::model::ids::{NoteId, ParticipantId, WorkshopId};
use app::model::live::Change;
use app::model::vote::Support;

use super::events::{lock_workshop_of_note, privacy, record_next};
use super::ids::BindId;
use super::{Refusal, Store, StoreError, StoredEvent, now_rfc3339, uuid_column};
use crate::access::visibility::{Audience, Viewer};

impl Store {
    /// Gives (`supported`) or takes back `participant`'s +1 on a note of an open workshop.
    /// The event is `None` when nothing changed (a repeat).
    ///
    /// [`StoreError::NotFound`] for unknown, merged or hidden notes; refused for the
    /// participant's own note and in a locked workshop. The caller checks that the
    /// participant belongs to the note's workshop.
    pub async fn set_support(
        &self,
        note_id: NoteId,
        participant_id: ParticipantId,
        supported: bool,
    ) -> Result<(Support, Option<StoredEvent>), StoreError> {
        let mut tx = self.write.begin().await?;
        // The lock first: a note hidden or a workshop locked meanwhile is seen below.
        let workshop_id = lock_workshop_of_note(&mut tx, note_id).await?;
        let target: Option<(Option<String>, String)> = sqlx::query_as(
            "SELECT n.author_id, w.state FROM notes n JOIN workshops w ON w.id = n.workshop_id
             WHERE n.id = $1 AND n.merged_into IS NULL AND n.hidden = 0",
        )
        .bind_id(note_id)
        .fetch_optional(&mut *tx)
        .await?;
        let (author, state) = target.ok_or(StoreError::NotFound)?;
        let author = author.as_deref().map(|id| uuid_column(id, "notes.author_id")).transpose()?;
        if author == Some(participant_id) {
            return Err(StoreError::Refused(Refusal::OwnNote));
        }
        let privacy = privacy(&mut tx, workshop_id).await?;
        // While writing is private, another participant's note is not theirs to see.
        if !Audience::of_note(privacy, author, false).admits(Viewer::Participant(participant_id)) {
            return Err(StoreError::NotFound);
        }
        if state != "open" {
            return Err(StoreError::Refused(Refusal::Locked));
        }
        let now = now_rfc3339();
        let change = if supported {
            sqlx::query(
                "INSERT INTO note_supports (note_id, participant_id, created_at, updated_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (note_id, participant_id) DO NOTHING",
            )
            .bind_id(note_id)
            .bind_id(participant_id)
            .bind(&now)
            .bind(&now)
            .execute(&mut *tx)
            .await?
        } else {
            sqlx::query("DELETE FROM note_supports WHERE note_id = $1 AND participant_id = $2")
                .bind_id(note_id)
                .bind_id(participant_id)
                .execute(&mut *tx)
                .await?
        };
        let (supporters,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM note_supports WHERE note_id = $1")
            .bind_id(note_id)
            .fetch_one(&mut *tx)
            .await?;
        let event = if change.rows_affected() > 0 {
            let change = Change::NoteSupported { id: note_id, supporters };
            Some(
                record_next(&mut tx, workshop_id, change, Audience::of_note(privacy, author, false), author)
                    .await?,
            )
        } else {
            None
        };
        tx.commit().await?;
        Ok((Support { note_id, supporters, supported_by_me: supported }, event))
    }

    /// The notes of a workshop that `participant` gave +1.
    pub async fn supported_notes(
        &self,
        workshop_id: WorkshopId,
        participant_id: ParticipantId,
    ) -> Result<HashSet<NoteId>, StoreError> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT s.note_id FROM note_supports s JOIN notes n ON n.id = s.note_id
             WHERE n.workshop_id = $1 AND s.participant_id = $2",
        )
        .bind_id(workshop_id)
        .bind_id(participant_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|(id,)| uuid_column(id, "note_supports.note_id")).collect()
    }
}
