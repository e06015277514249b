//! The live board protocol, shared by the browser and the server.
//!
//! Over a WebSocket (`/ws/workshops/{id}`) the client says [`ClientMessage::Hello`] with the
//! last sequence number it has seen; the server answers with the board's [`BoardStatus`], then
//! every [`BoardEvent`] after that number, then new events as they are committed. Notes are
//! sent with [`ClientMessage::AddNote`] and acknowledged with [`ServerMessage::Ack`] only after
//! the database commit. Messages are JSON text frames.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::model::Note;
use crate::model::ids::{NoteId, VoteId, VoteTargetId};
use crate::model::vote::Vote;

/// The largest message a client may send, in bytes (a 500-character note fits many times).
pub const MAX_CLIENT_MESSAGE_BYTES: usize = 8 * 1024;
/// How often a client pings (the server closes sockets silent for longer, 60 s by default).
pub const PING_INTERVAL_SECS: u64 = 20;

/// The reason of the [`ServerMessage::Bye`] that closes a board opened with a session once
/// that session (or its access to the round) has ended. The page then asks to sign in again
/// instead of reconnecting, which the server would refuse.
pub const BYE_SIGNED_OUT: &str = "signed out";

/// What a client sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientMessage {
    /// The first message: catch me up from after `last_seq`. The answer is a welcome, then a
    /// snapshot unless `last_seq` is already the board's newest (0 always gets one).
    Hello { last_seq: i64 },
    /// Store this note (idempotent by id) and acknowledge it.
    AddNote { id: NoteId, text: String },
    /// Keeps the socket from being closed as idle.
    Ping,
}

/// What the server sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMessage {
    /// The board's current settings and last sequence number, sent after `Hello`.
    Welcome { status: BoardStatus },
    /// One change, in sequence order.
    Event(BoardEvent),
    /// The note with this id is stored (now, or before: a resend).
    Ack { note_id: NoteId, seq: i64 },
    /// The note with this id was refused and will not be stored as sent.
    Nack { note_id: NoteId, error: AppError },
    /// The board as the viewer may see it now, current to `last_seq`: sent after `Welcome`
    /// and whenever the socket fell behind, in place of the history. Later events continue
    /// from `last_seq`.
    Snapshot { snapshot: Snapshot },
    /// Answer to `Ping`.
    Pong,
    /// The server is shutting down or the client broke the protocol; reconnect later.
    /// With [`BYE_SIGNED_OUT`]: do not reconnect, sign in again.
    Bye { reason: String },
}

/// A workshop's live settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct BoardStatus {
    pub locked: bool,
    pub private_mode: bool,
    /// When the countdown ends, if one runs.
    pub timer_ends_at: Option<Timestamp>,
    /// The server's clock when this was sent, so clients can show the countdown correctly.
    pub server_now: Timestamp,
    pub last_seq: i64,
}

/// What a viewer may see of a board at one sequence number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub notes: Vec<Note>,
    /// The open dot vote, or the last closed one; `None` before any vote.
    pub vote: Option<Vote>,
    pub last_seq: i64,
}

/// A numbered change of one workshop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardEvent {
    pub seq: i64,
    pub change: Change,
}

/// Every kind of change a board can see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    NoteAdded {
        note: Note,
    },
    NoteEdited {
        id: NoteId,
        text: String,
        edited_at: Timestamp,
    },
    NoteHidden {
        id: NoteId,
    },
    /// Unhiding brings the note back, so it travels along.
    NoteShown {
        note: Note,
    },
    NoteDeleted {
        id: NoteId,
    },
    /// `duplicate` leaves the board; `kept` now counts it.
    NotesMerged {
        kept: NoteId,
        duplicate: NoteId,
    },
    Locked {
        locked: bool,
    },
    Timer {
        ends_at: Option<Timestamp>,
    },
    /// Private writing started (`true`) or the notes were revealed (`false`): a client that
    /// sees a reveal reloads the board, since notes it was not sent are now visible.
    PrivateMode {
        on: bool,
    },
    /// Names are shown again (`false`) or no longer shown to anyone (`true`).
    Anonymity {
        on: bool,
    },
    /// Someone joined: how many participants the workshop has now (staff only).
    Participants {
        count: i64,
    },
    /// The log's record of a change that carried a note since hidden or deleted. Kept for
    /// its sequence number; servers never send it (a viewer that would need it gets a
    /// fresh snapshot instead).
    Redacted {
        id: NoteId,
    },
    /// The themes were clustered again, renamed or rearranged; theme views reload them.
    ThemesChanged,
    /// A participant gave a note +1 or took it back; `supporters` is the new count.
    NoteSupported {
        id: NoteId,
        supporters: i64,
    },
    /// The facilitator opened a dot vote (it replaces the last one on every board).
    VoteOpened {
        vote: Vote,
    },
    /// A target's total of dots in a vote changed.
    VoteTally {
        vote_id: VoteId,
        target_id: VoteTargetId,
        dots: i64,
    },
    /// The vote closed; its results stay on the board.
    VoteClosed {
        vote_id: VoteId,
    },
}

/// Applies a change to a list of notes as a viewer sees it. Returns `false` when the
/// change cannot be applied locally and the board must be reloaded.
pub fn apply_to_notes(notes: &mut Vec<Note>, change: &Change, sees_hidden: bool) -> bool {
    match change {
        Change::NoteAdded { note } => {
            if !notes.iter().any(|n| n.id == note.id) {
                notes.push(note.clone());
            }
        }
        Change::NoteEdited { id, text, edited_at } => {
            if let Some(note) = notes.iter_mut().find(|n| n.id == *id) {
                note.text = text.clone();
                note.edited_at = Some(*edited_at);
            }
        }
        Change::NoteHidden { id } => {
            if sees_hidden {
                if let Some(note) = notes.iter_mut().find(|n| n.id == *id) {
                    note.hidden = true;
                }
            } else {
                notes.retain(|n| n.id != *id || n.mine);
            }
        }
        Change::NoteShown { note } => match notes.iter_mut().find(|n| n.id == note.id) {
            Some(existing) => existing.hidden = false,
            None => notes.push(note.clone()),
        },
        Change::NoteDeleted { id } => notes.retain(|n| n.id != *id),
        Change::NotesMerged { kept, duplicate } => {
            // Only once: a snapshot may already count a merge whose event arrives after it.
            if let Some(carried) = notes.iter().find(|n| n.id == *duplicate).map(|n| n.merged_count) {
                notes.retain(|n| n.id != *duplicate);
                if let Some(note) = notes.iter_mut().find(|n| n.id == *kept) {
                    note.merged_count += 1 + carried;
                }
            }
        }
        Change::NoteSupported { id, supporters } => {
            if let Some(note) = notes.iter_mut().find(|n| n.id == *id) {
                note.supporters = *supporters;
            }
        }
        // Revealed notes were never sent: the board must be read again.
        Change::PrivateMode { on: false } => return false,
        // Private writing hides earlier notes of others too, as the banner says.
        Change::PrivateMode { on: true } => {
            if !sees_hidden {
                notes.retain(|n| n.mine);
            }
        }
        Change::Anonymity { on: true } => notes.iter_mut().for_each(|n| n.author_name = None),
        Change::Anonymity { on: false } => return false,
        Change::Locked { .. }
        | Change::Participants { .. }
        | Change::Timer { .. }
        | Change::Redacted { .. }
        | Change::ThemesChanged
        | Change::VoteOpened { .. }
        | Change::VoteTally { .. }
        | Change::VoteClosed { .. } => {}
    }
    notes.sort_by_key(|n| n.seq);
    true
}

/// Applies a board change to the board's vote (the current one or the last closed one).
pub fn apply_to_vote(vote: &mut Option<Vote>, change: &Change) {
    match change {
        Change::VoteOpened { vote: opened } => *vote = Some(opened.clone()),
        Change::VoteTally { vote_id, target_id, dots } => {
            if let Some(vote) = vote.as_mut().filter(|v| v.id == *vote_id) {
                if *dots > 0 {
                    vote.tallies.insert(*target_id, *dots);
                } else {
                    vote.tallies.remove(target_id);
                }
            }
        }
        Change::VoteClosed { vote_id } => {
            if let Some(vote) = vote.as_mut().filter(|v| v.id == *vote_id) {
                vote.open = false;
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::vote::tests::vote;

    #[test]
    fn tallies_follow_events_of_this_vote_only_and_rank_most_dots_first() {
        let mut current = Some(vote(3));
        let (a, b) = (VoteTargetId::from_u128(10), VoteTargetId::from_u128(11));
        apply_to_vote(
            &mut current,
            &Change::VoteTally { vote_id: VoteId::from_u128(1), target_id: a, dots: 1 },
        );
        apply_to_vote(
            &mut current,
            &Change::VoteTally { vote_id: VoteId::from_u128(1), target_id: b, dots: 4 },
        );
        apply_to_vote(
            &mut current,
            &Change::VoteTally { vote_id: VoteId::from_u128(99), target_id: a, dots: 9 },
        );
        assert_eq!(current.as_ref().unwrap().ranking(), vec![(b, 4), (a, 1)]);

        apply_to_vote(
            &mut current,
            &Change::VoteTally { vote_id: VoteId::from_u128(1), target_id: b, dots: 0 },
        );
        assert_eq!(current.as_ref().unwrap().ranking(), vec![(a, 1)], "a target without dots leaves");

        apply_to_vote(&mut current, &Change::VoteClosed { vote_id: VoteId::from_u128(1) });
        assert!(!current.as_ref().unwrap().open);
        assert_eq!(current.as_ref().unwrap().ranking(), vec![(a, 1)], "results stay after closing");
    }

    #[test]
    fn a_new_vote_replaces_the_last_one() {
        let mut current = Some(vote(3));
        let mut next = vote(2);
        next.id = VoteId::from_u128(2);
        apply_to_vote(&mut current, &Change::VoteOpened { vote: next.clone() });
        assert_eq!(current, Some(next));
    }

    fn note(seq: i64, mine: bool) -> Note {
        Note { mine, ..Note::sample(seq, &format!("lapp {seq}")) }
    }

    #[test]
    fn adding_the_same_note_twice_shows_it_once_in_sequence_order() {
        let mut notes = vec![note(2, false)];
        apply_to_notes(&mut notes, &Change::NoteAdded { note: note(1, true) }, false);
        apply_to_notes(&mut notes, &Change::NoteAdded { note: note(1, true) }, false);
        assert_eq!(notes.iter().map(|n| n.seq).collect::<Vec<_>>(), vec![1, 2]);
    }

    #[test]
    fn hidden_notes_leave_participant_boards_but_stay_for_their_author_and_facilitator() {
        let mut participant = vec![note(1, false), note(2, true)];
        let mut facilitator = participant.clone();
        for id in [1, 2] {
            let change = Change::NoteHidden { id: NoteId::from_u128(id) };
            apply_to_notes(&mut participant, &change, false);
            apply_to_notes(&mut facilitator, &change, true);
        }
        assert_eq!(participant.len(), 1, "the author still sees their own hidden note");
        assert!(facilitator.iter().all(|n| n.hidden));
    }

    #[test]
    fn merging_removes_the_duplicate_and_counts_it_on_the_kept_note() {
        let mut notes = vec![note(1, false), note(2, false)];
        let change = Change::NotesMerged { kept: NoteId::from_u128(1), duplicate: NoteId::from_u128(2) };
        apply_to_notes(&mut notes, &change, false);
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].merged_count, 1);
    }

    #[test]
    fn support_counts_change_on_the_note_and_keep_the_viewers_own_mark() {
        let mut notes = vec![note(1, false)];
        notes[0].supported_by_me = true;
        apply_to_notes(&mut notes, &Change::NoteSupported { id: NoteId::from_u128(1), supporters: 3 }, false);
        assert_eq!((notes[0].supporters, notes[0].supported_by_me), (3, true));
    }

    #[test]
    fn a_reveal_asks_for_a_reload() {
        assert!(!apply_to_notes(&mut vec![], &Change::PrivateMode { on: false }, false));
        assert!(apply_to_notes(&mut vec![], &Change::PrivateMode { on: true }, false));
    }

    #[test]
    fn private_writing_takes_others_notes_off_an_open_participant_board_at_once() {
        let mut participant = vec![note(1, false), note(2, true)];
        let mut facilitator = participant.clone();
        apply_to_notes(&mut participant, &Change::PrivateMode { on: true }, false);
        apply_to_notes(&mut facilitator, &Change::PrivateMode { on: true }, true);
        assert_eq!(participant.iter().map(|n| n.seq).collect::<Vec<_>>(), vec![2]);
        assert_eq!(facilitator.len(), 2);
    }

    #[test]
    fn anonymity_takes_the_names_off_every_board_at_once() {
        let mut notes = vec![Note { author_name: Some("Anna".into()), ..note(1, false) }];
        assert!(apply_to_notes(&mut notes, &Change::Anonymity { on: true }, true));
        assert_eq!(notes[0].author_name, None);
        assert!(
            !apply_to_notes(&mut notes, &Change::Anonymity { on: false }, true),
            "names come back on a reload"
        );
    }

    #[test]
    fn a_merge_seen_twice_counts_once() {
        let mut notes = vec![note(1, false), note(2, false)];
        let change = Change::NotesMerged { kept: NoteId::from_u128(1), duplicate: NoteId::from_u128(2) };
        apply_to_notes(&mut notes, &change, false);
        apply_to_notes(&mut notes, &change, false);
        assert_eq!(notes[0].merged_count, 1);
    }

    #[test]
    fn messages_are_tagged_json() {
        let hello: ClientMessage = serde_json::from_str(r#"{"type":"hello","last_seq":7}"#).unwrap();
        assert_eq!(hello, ClientMessage::Hello { last_seq: 7 });
        let ack = serde_json::to_string(&ServerMessage::Ack { note_id: NoteId::nil(), seq: 3 }).unwrap();
        assert!(ack.contains(r#""type":"ack""#), "{ack}");
    }
}
