//! Support (+1) and dot votes: who may do what, and what a board snapshot adds for them.

use app::api::ports::{Device, Votes};
use app::error::AppError;
use app::model::Note;
use app::model::account::User;
use app::model::ids::{NoteId, ParticipantId, VoteId, VoteTargetId, WorkshopId};
use app::model::vote::{MyDots, Support, Vote, VoteOption, VoteTarget};
use async_trait::async_trait;

use crate::access::visibility::{vote_for, withhold_labels};
use crate::service::Service;
use crate::store::Viewer;

impl Service {
    /// What a board shows of +1s and votes, for `notes` read for `viewer`: marks the viewer's
    /// own +1s on them, and returns the current (or last) vote with the viewer's dots, its
    /// theme names as the viewer may see them now.
    pub(crate) async fn votes_on(
        &self,
        workshop_id: WorkshopId,
        notes: &mut [Note],
        viewer: Viewer,
    ) -> Result<Option<Vote>, AppError> {
        if let Viewer::Participant(me) = viewer {
            let supported = self.store().supported_notes(workshop_id, me).await?;
            for note in notes.iter_mut() {
                note.supported_by_me = supported.contains(&note.id);
            }
        }
        let Some(mut vote) = self.store().latest_vote(workshop_id, viewer).await? else { return Ok(None) };
        if viewer != Viewer::Facilitator {
            match vote.target {
                // A note vote's tallies name their notes: only those on this viewer's board.
                VoteTarget::Notes => {
                    vote.tallies
                        .retain(|target, _| notes.iter().any(|note| VoteTargetId::from(note.id) == *target));
                }
                // Notes hidden or deleted since the vote opened may have lent a name its words.
                VoteTarget::Themes => self.withhold_from_room(workshop_id, &mut vote.options).await?,
            }
        }
        Ok(Some(vote_for(viewer, vote)))
    }

    /// Marks the theme vote `options` whose labels use words of notes the room (every
    /// participant, the projector) may not see now; see [`withhold_labels`].
    async fn withhold_from_room(
        &self,
        workshop_id: WorkshopId,
        options: &mut [VoteOption],
    ) -> Result<(), AppError> {
        let themes = self.store().workshop_themes(workshop_id).await?;
        let visible = self.store().notes(workshop_id, Viewer::Presenter).await?;
        withhold_labels(options, &themes, &visible);
        Ok(())
    }

    /// The participant the caller is in the workshop of `vote_id`.
    async fn voter(&self, caller: &Device, vote_id: VoteId) -> Result<ParticipantId, AppError> {
        let workshop_id = self.store().vote_workshop(vote_id).await?;
        Ok(self.joined_participant(caller, workshop_id).await?.id)
    }
}

#[async_trait]
impl Votes for Service {
    async fn support_note(
        &self,
        caller: &Device,
        note_id: NoteId,
        supported: bool,
    ) -> Result<Support, AppError> {
        let workshop_id = self.store().note_ownership(note_id).await?.workshop_id;
        let me = self.joined_participant(caller, workshop_id).await?;
        let (support, event) = self.store().set_support(note_id, me.id, supported).await?;
        if let Some(event) = event {
            self.publish(event);
        }
        Ok(support)
    }

    async fn open_vote(
        &self,
        caller: &User,
        workshop_id: WorkshopId,
        target: VoteTarget,
        dots: u32,
    ) -> Result<Vote, AppError> {
        self.owned_workshop(caller, workshop_id).await?;
        let options = match target {
            VoteTarget::Notes => Vec::new(),
            VoteTarget::Themes => {
                let themes = self.store().workshop_themes(workshop_id).await?;
                // The "Other / unsorted" group is what fits no theme: nothing to prioritise.
                let mut options: Vec<VoteOption> = themes
                    .into_iter()
                    .filter(|theme| !theme.unsorted)
                    .map(|theme| VoteOption::named(theme.id, theme.name))
                    .collect();
                if options.is_empty() {
                    return Err(AppError::NoThemesToVoteOn);
                }
                // Judged once here for the event every board gets, again whenever a board
                // is read; the stored labels stay the themes' own, for the facilitator.
                self.withhold_from_room(workshop_id, &mut options).await?;
                options
            }
        };
        let (vote, event) = self.store().open_vote(workshop_id, target, dots, &options).await?;
        self.publish(event);
        Ok(vote)
    }

    async fn close_vote(&self, caller: &User, vote_id: VoteId) -> Result<(), AppError> {
        let workshop_id = self.store().vote_workshop(vote_id).await?;
        self.owned_workshop(caller, workshop_id).await?;
        let event = self.store().close_vote(vote_id).await?;
        self.publish(event);
        Ok(())
    }

    async fn give_dot(
        &self,
        caller: &Device,
        vote_id: VoteId,
        target_id: VoteTargetId,
    ) -> Result<MyDots, AppError> {
        let me = self.voter(caller, vote_id).await?;
        let (mine, event) = self.store().give_dot(vote_id, me, target_id).await?;
        self.publish(event);
        Ok(mine)
    }

    async fn take_back_dot(
        &self,
        caller: &Device,
        vote_id: VoteId,
        target_id: VoteTargetId,
    ) -> Result<MyDots, AppError> {
        let me = self.voter(caller, vote_id).await?;
        let (mine, event) = self.store().take_back_dot(vote_id, me, target_id).await?;
        if let Some(event) = event {
            self.publish(event);
        }
        Ok(mine)
    }
}
