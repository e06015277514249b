//! Who may see what of a note: the one rule that every path showing notes applies (board
//! reads, live events, catch-up, the presenter view, theme views).
//!
//! Pure: no I/O. The store reads the workshop's [`Privacy`] and the note's author and state;
//! this module decides.

use app::model::Note;
use uuid::Uuid;

/// Who is looking at a board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    /// The workshop's facilitator: sees every note, hidden ones and private writing included.
    Facilitator,
    /// A projector showing the board to the room: sees what every participant may see.
    Presenter,
    /// A participant: sees its own notes, and others' unless hidden or private writing is on.
    Participant(Uuid),
}

impl Viewer {
    /// The participant behind this viewer, if any.
    pub fn participant(self) -> Option<Uuid> {
        match self {
            Viewer::Participant(id) => Some(id),
            Viewer::Facilitator | Viewer::Presenter => None,
        }
    }
}

/// The settings of a workshop that decide what its viewers see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Privacy {
    /// Private writing: participants see only their own notes until the reveal.
    pub private_mode: bool,
    /// No names are shown, to anyone, from the moment it is switched on.
    pub anonymous: bool,
}

/// Who an event (or a note) may reach. Facilitators are in every audience.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Every viewer of the board.
    Everyone,
    /// Facilitators only.
    Staff,
    /// One participant (a note's author) and facilitators.
    Author(Uuid),
}

/// How [`Audience::Staff`] is kept in the `visible_to` column, beside a participant's id
/// (an author) and `NULL` (everyone).
const STAFF_COLUMN: &str = "staff";

impl Audience {
    /// The audience of anything that reveals a note (its text, its id, its +1s or dots):
    /// only its author while the note is hidden or writing is private, everyone otherwise.
    pub fn of_note(privacy: Privacy, author: Option<Uuid>, hidden: bool) -> Self {
        if privacy.private_mode || hidden {
            author.map_or(Audience::Staff, Audience::Author)
        } else {
            Audience::Everyone
        }
    }

    /// Whether `viewer` is in this audience.
    pub fn admits(self, viewer: Viewer) -> bool {
        match (self, viewer) {
            (_, Viewer::Facilitator) | (Audience::Everyone, _) => true,
            (Audience::Author(author), Viewer::Participant(me)) => author == me,
            (Audience::Staff | Audience::Author(_), _) => false,
        }
    }

    /// The value stored in `board_events.visible_to`.
    pub fn to_column(self) -> Option<String> {
        match self {
            Audience::Everyone => None,
            Audience::Staff => Some(STAFF_COLUMN.to_string()),
            Audience::Author(id) => Some(id.to_string()),
        }
    }

    /// Reads a `board_events.visible_to` value; `None` for a value that is neither.
    pub fn from_column(value: Option<&str>) -> Option<Self> {
        match value {
            None => Some(Audience::Everyone),
            Some(STAFF_COLUMN) => Some(Audience::Staff),
            Some(id) => Uuid::parse_str(id).ok().map(Audience::Author),
        }
    }
}

/// `note` as `viewer` may see it (marked as theirs, names left out in an anonymous
/// workshop), or `None` when it is not theirs to see.
pub fn note_for(viewer: Viewer, privacy: Privacy, author: Option<Uuid>, mut note: Note) -> Option<Note> {
    if !Audience::of_note(privacy, author, note.hidden).admits(viewer) {
        return None;
    }
    note.mine = viewer.participant().is_some() && author == viewer.participant();
    if privacy.anonymous {
        note.author_name = None;
    }
    Some(note)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(hidden: bool) -> Note {
        Note {
            author_name: Some("Anna".into()),
            organisation: Some("Skatteverket".into()),
            hidden,
            ..Note::sample(1, "E-legitimation för medarbetare")
        }
    }

    const AUTHOR: Uuid = Uuid::from_u128(7);
    const OTHER: Uuid = Uuid::from_u128(8);
    const OPEN: Privacy = Privacy { private_mode: false, anonymous: false };
    const PRIVATE: Privacy = Privacy { private_mode: true, anonymous: false };

    #[test]
    fn everyone_sees_a_visible_note_and_only_its_author_is_told_it_is_theirs() {
        for viewer in [Viewer::Facilitator, Viewer::Presenter, Viewer::Participant(OTHER)] {
            let seen = note_for(viewer, OPEN, Some(AUTHOR), note(false)).expect("visible");
            assert!(!seen.mine);
        }
        assert!(note_for(Viewer::Participant(AUTHOR), OPEN, Some(AUTHOR), note(false)).unwrap().mine);
    }

    #[test]
    fn private_writing_and_hiding_leave_only_the_author_and_the_facilitator() {
        for (privacy, hidden) in [(PRIVATE, false), (OPEN, true), (PRIVATE, true)] {
            assert!(note_for(Viewer::Participant(OTHER), privacy, Some(AUTHOR), note(hidden)).is_none());
            assert!(note_for(Viewer::Presenter, privacy, Some(AUTHOR), note(hidden)).is_none());
            assert!(note_for(Viewer::Participant(AUTHOR), privacy, Some(AUTHOR), note(hidden)).is_some());
            assert!(note_for(Viewer::Facilitator, privacy, Some(AUTHOR), note(hidden)).is_some());
        }
    }

    #[test]
    fn anonymity_takes_names_from_everyone_but_keeps_the_organisation() {
        let anonymous = Privacy { private_mode: false, anonymous: true };
        for viewer in [Viewer::Facilitator, Viewer::Presenter, Viewer::Participant(AUTHOR)] {
            let seen = note_for(viewer, anonymous, Some(AUTHOR), note(false)).unwrap();
            assert_eq!(seen.author_name, None);
            assert_eq!(seen.organisation.as_deref(), Some("Skatteverket"));
        }
    }

    #[test]
    fn audiences_survive_the_database_column() {
        for audience in [Audience::Everyone, Audience::Staff, Audience::Author(AUTHOR)] {
            assert_eq!(Audience::from_column(audience.to_column().as_deref()), Some(audience));
        }
        assert_eq!(Audience::from_column(Some("nonsense")), None);
    }
}
