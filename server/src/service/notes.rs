//! Notes on a board: a participant's board and own notes, the facilitator's and
//! projector's boards, moderation, merging, similar notes and paper notes.

use app::api::ports::{Device, Notes};
use app::error::AppError;
use app::model::account::User;
use app::model::ids::{NoteId, WorkshopId};
use app::model::retention::{AuditDetail, DeletedNote};
use app::model::{Board, FacilitatorBoard, JoinCode, Moderation, Note, Participant, ParticipantProfile};
use async_trait::async_trait;

use super::{Service, device_hash, unknown_code};
use crate::store::Viewer;

#[async_trait]
impl Notes for Service {
    async fn board(&self, device: Option<&Device>, code: &JoinCode) -> Result<Board, AppError> {
        let workshop = self.store.workshop_by_code(code).await.map_err(unknown_code)?.workshop;
        let me = match device {
            Some(device) => self.store.participant(workshop.id, &device_hash(device)).await?,
            None => None,
        };
        // Once the workshop is anonymous no name is shown, the viewer's own included.
        let me = me.map(|me| if workshop.anonymous { Participant { display_name: None, ..me } } else { me });
        // The status is read before the notes: whatever happens in between arrives again as
        // events after `last_seq`, and applying an event twice changes nothing.
        let status = self.store.board_status(workshop.id).await?;
        let (notes, vote) = match me.as_ref().map(|me| Viewer::Participant(me.id)) {
            Some(viewer) => {
                let mut notes = self.store.notes(workshop.id, viewer).await?;
                let vote = self.votes_on(workshop.id, &mut notes, viewer).await?;
                (notes, vote)
            }
            None => (Vec::new(), None),
        };
        Ok(Board { workshop, me, notes, private_mode: status.private_mode, last_seq: status.last_seq, vote })
    }

    async fn facilitator_board(
        &self,
        caller: &User,
        workshop_id: WorkshopId,
    ) -> Result<FacilitatorBoard, AppError> {
        self.staff_board(caller, workshop_id, Viewer::Facilitator).await
    }

    async fn presenter_board(
        &self,
        caller: &User,
        workshop_id: WorkshopId,
    ) -> Result<FacilitatorBoard, AppError> {
        self.staff_board(caller, workshop_id, Viewer::Presenter).await
    }

    async fn add_note(
        &self,
        author: &Device,
        workshop_id: WorkshopId,
        note_id: NoteId,
        text: String,
    ) -> Result<Note, AppError> {
        let me = self.joined_participant(author, workshop_id).await?;
        self.insert_note(workshop_id, me.id, note_id, &text).await
    }

    async fn edit_note(&self, author: &Device, note_id: NoteId, text: String) -> Result<Note, AppError> {
        let me = self.own_open_note(author, note_id).await?;
        // The update re-checks author and state, so a lock that lands in between still wins.
        let (note, event) = self.store.update_note_text(note_id, me.id, &text).await?;
        self.publish(event);
        self.embeddings.note_changed(note_id);
        Ok(note)
    }

    async fn delete_note(&self, author: &Device, note_id: NoteId) -> Result<(), AppError> {
        let me = self.own_open_note(author, note_id).await?;
        let event = self.store.delete_note(note_id, Some(me.id)).await?;
        self.publish(event);
        Ok(())
    }

    async fn moderate_note(
        &self,
        caller: &User,
        note_id: NoteId,
        action: Moderation,
    ) -> Result<(), AppError> {
        let ownership = self.store.note_ownership(note_id).await?;
        self.owned_workshop(caller, ownership.workshop_id).await?;
        let event = match action {
            Moderation::Hide => self.store.set_note_hidden(note_id, true).await,
            Moderation::Show => self.store.set_note_hidden(note_id, false).await,
            Moderation::Delete => self.store.trash_note(note_id, &caller.email).await,
        }?;
        self.publish(event);
        if action == Moderation::Delete {
            // The themes held it: the facilitator's themes view reads them again.
            self.publish(self.store.announce_themes_changed(ownership.workshop_id).await?);
            let detail = |workshop| AuditDetail::NoteDeleted { workshop, note_id };
            self.log_note_act(caller, ownership.workshop_id, detail).await?;
        }
        Ok(())
    }

    async fn restore_note(&self, caller: &User, note_id: NoteId) -> Result<(), AppError> {
        let workshop_id = self.store.trashed_note_workshop(note_id).await?;
        self.owned_workshop(caller, workshop_id).await?;
        let event = self.store.restore_note(note_id).await?;
        self.publish(event);
        // Back in its theme and need: the facilitator's themes view reads them again.
        self.publish(self.store.announce_themes_changed(workshop_id).await?);
        self.embeddings.note_changed(note_id);
        let detail = |workshop| AuditDetail::NoteRestored { workshop, note_id };
        self.log_note_act(caller, workshop_id, detail).await
    }

    async fn deleted_notes(
        &self,
        caller: &User,
        workshop_id: WorkshopId,
    ) -> Result<Vec<DeletedNote>, AppError> {
        self.owned_workshop(caller, workshop_id).await?;
        let trash = self.store.trash(workshop_id).await?;
        Ok(trash
            .into_iter()
            .map(|entry| DeletedNote {
                id: entry.note_id,
                text: entry.text,
                deleted_by: entry.deleted_by,
                deleted_at: entry.deleted_at,
            })
            .collect())
    }

    async fn merge_notes(&self, caller: &User, kept: NoteId, duplicate: NoteId) -> Result<(), AppError> {
        let ownership = self.store.note_ownership(kept).await?;
        self.owned_workshop(caller, ownership.workshop_id).await?;
        let event = self.store.merge_notes(kept, duplicate).await?;
        self.publish(event);
        Ok(())
    }

    async fn similar_notes(
        &self,
        device: &Device,
        workshop_id: WorkshopId,
        draft: &str,
    ) -> Result<Vec<Note>, AppError> {
        self.similar_on_board(device, workshop_id, draft).await
    }

    async fn add_paper_note(
        &self,
        caller: &User,
        workshop_id: WorkshopId,
        note_id: NoteId,
        group: String,
        text: String,
    ) -> Result<Note, AppError> {
        self.owned_workshop(caller, workshop_id).await?;
        // Each group written for is its own author, so its notes read as theirs on the board.
        let device = format!("paper:{}:{group}", caller.id);
        let profile = ParticipantProfile { display_name: Some(group), organisation: None };
        let author = self.store.upsert_participant(workshop_id, &device, &profile).await?;
        self.insert_note(workshop_id, author.id, note_id, &text).await
    }
}

impl Service {
    /// Records in the round's audit log what `caller` did to a note of `workshop_id`
    /// (`detail` given the workshop's title).
    async fn log_note_act(
        &self,
        caller: &User,
        workshop_id: WorkshopId,
        detail: impl FnOnce(String) -> AuditDetail,
    ) -> Result<(), AppError> {
        let workshop = self.store.workshop(workshop_id).await?.workshop;
        self.store.record_act(workshop.round_id, &caller.email, &detail(workshop.title)).await?;
        Ok(())
    }
}
