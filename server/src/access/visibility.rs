//! Who may see what of a note: the one rule that every path showing notes applies (board
//! reads, live events, catch-up, the presenter view, theme views), and what follows from it
//! for the names of themes and needs, which the clustering engine makes from notes' words.
//!
//! Pure: no I/O. The store reads the workshop's [`Privacy`] and the note's author and state;
//! this module decides.

use std::collections::{HashMap, HashSet};

use app::model::ids::{NoteId, ParticipantId};
use app::model::vote::{Vote, VoteOption};
use app::model::{Need, Note, RoomNeed, RoomTheme, Theme};
use app::text::{Language, is_stopword, normalize, tokenize};

/// Who is looking at a board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    /// The workshop's facilitator: sees every note, hidden ones and private writing included.
    Facilitator,
    /// A projector showing the board to the room: sees what every participant may see.
    Presenter,
    /// A participant: sees its own notes, and others' unless hidden or private writing is on.
    Participant(ParticipantId),
}

impl Viewer {
    /// The participant behind this viewer, if any.
    pub fn participant(self) -> Option<ParticipantId> {
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
    Author(ParticipantId),
}

/// How [`Audience::Staff`] is kept in the `visible_to` column, beside a participant's id
/// (an author) and `NULL` (everyone).
const STAFF_COLUMN: &str = "staff";

impl Audience {
    /// The audience of anything that reveals a note (its text, its id, its +1s or dots):
    /// only its author while the note is hidden or writing is private, everyone otherwise.
    pub fn of_note(privacy: Privacy, author: Option<ParticipantId>, hidden: bool) -> Self {
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
            Some(id) => id.parse().ok().map(Audience::Author),
        }
    }
}

/// `note` as `viewer` may see it (marked as theirs, names left out in an anonymous
/// workshop), or `None` when it is not theirs to see.
pub fn note_for(
    viewer: Viewer,
    privacy: Privacy,
    author: Option<ParticipantId>,
    mut note: Note,
) -> Option<Note> {
    if !Audience::of_note(privacy, author, note.hidden).admits(viewer) {
        return None;
    }
    note.mine = viewer.participant().is_some() && author == viewer.participant();
    if privacy.anonymous {
        note.author_name = None;
    }
    Some(note)
}

/// The words of a text that say what it is about: its tokens (NFC, lower case) that hold a
/// letter and are no Swedish or English stopword. Numbers tell nothing of a note (and "(2)"
/// tells the halves of a split theme apart), so they are left out.
fn content_words(text: &str) -> Vec<String> {
    let normalized = normalize(text);
    tokenize(&normalized)
        .into_iter()
        .filter(|word| word.chars().any(char::is_alphabetic))
        .filter(|word| !is_stopword(Language::Swedish, word) && !is_stopword(Language::English, word))
        .map(str::to_owned)
        .collect()
}

/// Whether a name the clustering engine made from every note of a theme (or need) may be
/// shown to an audience that sees `visible` of them: each of the name's content words is in
/// one of those notes. A word that only a hidden, deleted or privately written note holds
/// would tell that audience what the note says.
pub fn engine_name_shows(name: &str, visible: &[&str]) -> bool {
    let seen: HashSet<String> = visible.iter().flat_map(|text| content_words(text)).collect();
    content_words(name).iter().all(|word| seen.contains(word))
}

/// A theme's or need's name as an audience that sees `visible` of its notes may be shown it:
/// a name a person gave (`named_by_person`) is their own words, an engine's only when
/// [`engine_name_shows`]. `None`: the audience is shown the theme's number instead.
pub fn name_for(name: &str, named_by_person: bool, visible: &[&str]) -> Option<String> {
    (named_by_person || engine_name_shows(name, visible)).then(|| name.to_string())
}

/// The texts of `note_ids` among `visible` notes (by id), in the order given.
fn texts_of<'a>(note_ids: &[NoteId], visible: &HashMap<NoteId, &'a str>) -> Vec<&'a str> {
    note_ids.iter().filter_map(|id| visible.get(id).copied()).collect()
}

/// The texts of `visible` notes by id.
fn by_id(visible: &[Note]) -> HashMap<NoteId, &str> {
    visible.iter().map(|note| (note.id, note.text.as_str())).collect()
}

/// The workshop's `themes` as the room sees them (the projector; every participant): only
/// the notes everyone may see (`visible`, as read for [`Viewer::Presenter`]), and each
/// theme's name only by [`name_for`], otherwise its number. Themes are numbered in their
/// order, the unsorted group left out, as a theme vote numbers its options.
pub fn room_themes(themes: &[Theme], visible: &[Note]) -> Vec<RoomTheme> {
    let visible = by_id(visible);
    let mut number = 0;
    themes
        .iter()
        .map(|theme| {
            if !theme.unsorted {
                number += 1;
            }
            let note_ids: Vec<NoteId> =
                theme.note_ids.iter().filter(|id| visible.contains_key(id)).copied().collect();
            let name = name_for(&theme.name, theme.name_locked, &texts_of(&note_ids, &visible));
            // The unsorted group's notes are in no need the room is shown.
            let needs = if theme.unsorted { Vec::new() } else { room_needs(&theme.needs, &visible) };
            RoomTheme {
                id: theme.id,
                number: if theme.unsorted { 0 } else { number },
                name,
                unsorted: theme.unsorted,
                note_ids,
                needs,
            }
        })
        .collect()
}

/// A theme's `needs` as the room sees them: each with its notes among `visible` (a need
/// with none left out), named by [`name_for`] or else numbered.
fn room_needs(needs: &[Need], visible: &HashMap<NoteId, &str>) -> Vec<RoomNeed> {
    needs
        .iter()
        .enumerate()
        .filter_map(|(i, need)| {
            let note_ids: Vec<NoteId> =
                need.note_ids.iter().filter(|id| visible.contains_key(id)).copied().collect();
            (!note_ids.is_empty()).then(|| RoomNeed {
                id: need.id,
                number: i + 1,
                name: name_for(&need.name, need.name_locked, &texts_of(&note_ids, visible)),
                note_ids,
            })
        })
        .collect()
}

/// Marks the options of a theme vote whose labels the room may not be shown (see
/// [`name_for`]), judged by the themes as they are now and the notes everyone may see
/// (`visible`). A label is a person's name only while its theme still carries it locked. An
/// option whose theme has gone since the vote opened is judged by every visible note: which
/// notes it held is no longer known.
pub fn withhold_labels(options: &mut [VoteOption], themes: &[Theme], visible: &[Note]) {
    let visible_texts = by_id(visible);
    for option in options.iter_mut() {
        let Some(label) = option.label.as_deref() else { continue };
        let theme = themes.iter().find(|theme| theme.id == option.id);
        let named_by_person = theme.is_some_and(|theme| theme.name_locked && theme.name == label);
        let texts: Vec<&str> = match theme {
            Some(theme) => texts_of(&theme.note_ids, &visible_texts),
            None => visible.iter().map(|note| note.text.as_str()).collect(),
        };
        option.withheld = name_for(label, named_by_person, &texts).is_none();
    }
}

/// `vote` as `viewer` may see it: the labels withheld from the room (see [`withhold_labels`])
/// are taken off for everyone but the facilitator, whose own board names every option.
pub fn vote_for(viewer: Viewer, mut vote: Vote) -> Vote {
    if viewer != Viewer::Facilitator {
        for option in vote.options.iter_mut().filter(|option| option.withheld) {
            option.label = None;
        }
    }
    vote
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::model::ids::{NeedId, ThemeId, VoteId};

    fn note(hidden: bool) -> Note {
        Note {
            author_name: Some("Anna".into()),
            organisation: Some("Skatteverket".into()),
            hidden,
            ..Note::sample(1, "E-legitimation för medarbetare")
        }
    }

    const AUTHOR: ParticipantId = ParticipantId::from_u128(7);
    const OTHER: ParticipantId = ParticipantId::from_u128(8);
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

    fn theme(id: u128, name: &str, named_by_person: bool, notes: &[u128]) -> Theme {
        Theme {
            id: ThemeId::from_u128(id),
            lineage_id: None,
            name: name.into(),
            name_locked: named_by_person,
            unsorted: false,
            terms: Vec::new(),
            example_note_id: None,
            note_ids: notes.iter().map(|n| NoteId::from_u128(*n)).collect(),
            pinned_note_ids: Vec::new(),
            needs: Vec::new(),
        }
    }

    fn visible(notes: &[(i64, &str)]) -> Vec<Note> {
        notes.iter().map(|(seq, text)| Note::sample(*seq, text)).collect()
    }

    #[test]
    fn an_engine_name_shows_only_words_of_notes_the_audience_sees() {
        let seen = ["E-legitimation för medarbetare", "Inloggning med BankID i tjänsten"];
        assert!(engine_name_shows("E-legitimation för medarbetare", &seen));
        assert!(engine_name_shows("Inloggning och e-legitimation", &seen), "stopwords need not be found");
        assert!(!engine_name_shows("Zebrakontot läcker lösenord", &seen), "no visible note says it");
        assert!(!engine_name_shows("E-legitimation och zebrakontot", &seen), "every word must be found");
        assert!(!engine_name_shows("Zebrakontot", &[]), "nothing seen, nothing named");
    }

    #[test]
    fn words_are_matched_after_nfc_and_regardless_of_case() {
        let decomposed = "Sa\u{0308}kerhetsklassning av system";
        assert!(engine_name_shows("SÄKERHETSKLASSNING", &[decomposed]));
        assert!(engine_name_shows("Säkerhetsklassning (2)", &[decomposed]), "a split's number is no word");
        assert!(
            !engine_name_shows("Sakerhetsklassning", &[decomposed]),
            "å, ä and ö are letters of their own"
        );
    }

    #[test]
    fn a_persons_name_is_theirs_to_show_and_an_engines_falls_back_to_the_number() {
        assert_eq!(name_for("Chefens favoriter", true, &[]).as_deref(), Some("Chefens favoriter"));
        assert_eq!(name_for("Zebrakontot", false, &["Geodata"]), None);
        assert_eq!(name_for("Geodata", false, &["Geodata saknas"]).as_deref(), Some("Geodata"));
    }

    #[test]
    fn the_room_sees_themes_numbered_with_their_visible_notes_only() {
        // Note 3 ("Zebrakontot …") is hidden, deleted or private: not among the visible.
        let themes = [
            theme(10, "Geodata", false, &[1, 2]),
            theme(11, "Zebrakontot", false, &[3, 4]),
            // Unnamed: each page names the unsorted group in its reader's language.
            Theme { unsorted: true, ..theme(12, "", false, &[5]) },
            theme(13, "Chefens favoriter", true, &[3]),
        ];
        let notes =
            visible(&[(1, "Geodata saknas"), (2, "Öppna geodata"), (4, "Loggning saknas"), (5, "Kaffe")]);
        let room = room_themes(&themes, &notes);
        let shown: Vec<(usize, Option<&str>)> = room.iter().map(|t| (t.number, t.name.as_deref())).collect();
        assert_eq!(shown, [(1, Some("Geodata")), (2, None), (0, Some("")), (3, Some("Chefens favoriter"))]);
        assert_eq!(room[1].note_ids, [NoteId::from_u128(4)], "the hidden note's id stays out too");
        assert!(room[3].note_ids.is_empty());
    }

    #[test]
    fn the_room_sees_a_themes_needs_named_or_numbered_by_the_same_rule() {
        let need = |n: u128, name: &str, locked: bool, notes: &[u128]| Need {
            id: NeedId::from_u128(n),
            name: name.into(),
            name_locked: locked,
            terms: vec![],
            example_note_id: None,
            note_ids: notes.iter().map(|n| NoteId::from_u128(*n)).collect(),
        };
        let themes = [Theme {
            needs: vec![
                need(20, "Geodata saknas", false, &[1]),
                need(21, "Zebrakontot", false, &[2, 3]),
                need(22, "Bara dolda", false, &[3]),
                need(23, "Chefens behov", true, &[2]),
            ],
            ..theme(10, "Geodata", false, &[1, 2, 3])
        }];
        // Note 3 is not visible: the need holding only it is left out; names need their words.
        let room = room_themes(&themes, &visible(&[(1, "Geodata saknas"), (2, "Loggning")]));
        let needs: Vec<(usize, Option<&str>, usize)> =
            room[0].needs.iter().map(|n| (n.number, n.name.as_deref(), n.note_ids.len())).collect();
        assert_eq!(needs, [(1, Some("Geodata saknas"), 1), (2, None, 1), (4, Some("Chefens behov"), 1)]);
    }

    #[test]
    fn private_writing_numbers_every_engine_name_for_the_room() {
        let themes = [theme(10, "Geodata", false, &[1, 2])];
        let room = room_themes(&themes, &[]);
        assert_eq!((room[0].number, room[0].name.as_deref()), (1, None));
    }

    #[test]
    fn vote_labels_are_judged_by_the_themes_now_and_withheld_from_all_but_the_facilitator() {
        let themes = [theme(10, "Geodata", false, &[1]), theme(11, "Zebrakontot", false, &[2])];
        let notes = visible(&[(1, "Geodata saknas")]);
        let gone = ThemeId::from_u128(99);
        let mut options = vec![
            VoteOption::named(ThemeId::from_u128(10), "Geodata"),
            VoteOption::named(ThemeId::from_u128(11), "Zebrakontot"),
            VoteOption::named(gone, "Saknas"),
            VoteOption::named(ThemeId::from_u128(11), "Chefens favoriter"),
        ];
        withhold_labels(&mut options, &themes, &notes);
        let withheld: Vec<bool> = options.iter().map(|o| o.withheld).collect();
        // A gone theme's label is judged by every visible note; a label its theme no longer
        // carries locked is the engine's.
        assert_eq!(withheld, [false, true, false, true]);
        let vote = Vote {
            id: VoteId::from_u128(1),
            target: app::model::vote::VoteTarget::Themes,
            dots_per_participant: 3,
            open: true,
            options,
            tallies: Default::default(),
            my_dots: Default::default(),
        };
        let labels = |viewer| -> Vec<Option<String>> {
            vote_for(viewer, vote.clone()).options.into_iter().map(|o| o.label).collect()
        };
        assert_eq!(labels(Viewer::Facilitator)[1].as_deref(), Some("Zebrakontot"));
        for viewer in [Viewer::Presenter, Viewer::Participant(AUTHOR)] {
            assert_eq!(labels(viewer)[0].as_deref(), Some("Geodata"));
            assert_eq!(labels(viewer)[1], None);
        }
    }
}
