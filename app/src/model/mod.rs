//! Domain types shared by the browser and the server, and the rules that keep them valid.
//!
//! Every `parse` here is the single place a rule lives: the server calls it before storing,
//! and the page may call it for instant feedback.

pub mod account;
pub mod ids;
pub mod invisible;
pub mod live;
pub mod redirect;
pub mod report;
pub mod retention;
pub mod swedish_time;
pub mod vote;

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::error::{AppError, Field};
use crate::model::ids::{NeedId, NoteId, ParticipantId, RoundId, ThemeId, WorkshopId};

/// The longest note a participant can write, in characters.
pub const NOTE_MAX_CHARS: usize = 500;
/// The longest round or workshop title, in characters.
pub const TITLE_MAX_CHARS: usize = 120;
/// The longest sector name, in characters.
pub const SECTOR_MAX_CHARS: usize = 80;
/// The longest display name, in characters.
pub const NAME_MAX_CHARS: usize = 80;
/// The longest organisation name, in characters.
pub const ORGANISATION_MAX_CHARS: usize = 120;
/// The longest prompt question, in characters.
pub const PROMPT_MAX_CHARS: usize = 300;
/// How many prompt questions a workshop may have.
pub const PROMPTS_MAX: usize = 10;

/// Whether participants may still add and change notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkshopState {
    Open,
    Locked,
}

impl WorkshopState {
    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            WorkshopState::Open => "open",
            WorkshopState::Locked => "locked",
        }
    }

    /// Reads the stored value; anything unknown counts as locked, the safe side.
    pub fn from_stored(value: &str) -> Self {
        if value == "open" { WorkshopState::Open } else { WorkshopState::Locked }
    }
}

/// A short code participants type to join a workshop, e.g. `KXM-42T`.
///
/// The alphabet leaves out characters that are easy to confuse when read aloud or
/// handwritten (0/O, 1/I/L, 5/S, 8/B, 2/Z, U/V).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct JoinCode(String);

impl JoinCode {
    /// The characters a code is made of.
    pub const ALPHABET: &'static [u8] = b"ACDEFGHJKMNPQRTWXY34679";
    /// Characters in a code (shown as two groups of three).
    pub const LEN: usize = 6;

    /// Makes a code from random bytes (at least [`Self::LEN`] of them).
    pub fn from_random(bytes: &[u8]) -> Self {
        let code = bytes
            .iter()
            .take(Self::LEN)
            .map(|b| Self::ALPHABET[usize::from(*b) % Self::ALPHABET.len()] as char)
            .collect();
        JoinCode(code)
    }

    /// Reads what a person typed: case, spaces and dashes do not matter.
    pub fn parse(input: &str) -> Result<Self, AppError> {
        let code: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if code.is_empty() {
            return Err(AppError::Required { field: Field::Code });
        }
        let valid = code.len() == Self::LEN && code.bytes().all(|b| Self::ALPHABET.contains(&b));
        if valid { Ok(JoinCode(code)) } else { Err(AppError::UnknownCode) }
    }

    /// The code as stored (no dash).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The code as shown and read aloud: `KXM-42T`.
    pub fn display(&self) -> String {
        let (a, b) = self.0.split_at(self.0.len().min(3));
        format!("{a}-{b}")
    }
}

/// A revision round: one cycle of workshops that together revise the overview map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundSummary {
    pub id: RoundId,
    pub title: String,
    pub workshop_count: i64,
    pub created_at: Timestamp,
}

/// A round with its workshops.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    pub id: RoundId,
    pub title: String,
    pub workshops: Vec<WorkshopSummary>,
    /// Whether the caller may add workshops to it and run them (its owner, a
    /// co-facilitator, an admin); otherwise the caller only reads it.
    pub can_manage: bool,
    /// Whether the caller may share it with others (its owner or an admin).
    pub can_share: bool,
    /// Who it is shared with (only for those who may share it; otherwise empty).
    pub grants: Vec<crate::model::account::Grant>,
}

/// A workshop as listed in its round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopSummary {
    pub id: WorkshopId,
    pub title: String,
    pub sector: String,
    pub held_on: Option<Date>,
    /// `None` for those who only read the round (analysts): the code lets anyone into an
    /// open workshop, and reading the round's reports needs none.
    pub join_code: Option<JoinCode>,
    pub state: WorkshopState,
    pub note_count: i64,
}

/// A workshop with everything a participant needs to take part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workshop {
    pub id: WorkshopId,
    pub round_id: RoundId,
    pub round_title: String,
    pub title: String,
    pub sector: String,
    pub held_on: Option<Date>,
    pub prompts: Vec<String>,
    pub join_code: JoinCode,
    pub state: WorkshopState,
    /// Names are left out of its reports and exports.
    #[serde(default)]
    pub anonymous: bool,
}

/// Someone who joined a workshop without an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub id: ParticipantId,
    pub display_name: Option<String>,
    pub organisation: Option<String>,
}

/// A sticky note as shown on a board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// Made by the browser when the note is written, so a resend is recognised.
    pub id: NoteId,
    pub workshop_id: WorkshopId,
    pub text: String,
    pub author_name: Option<String>,
    pub organisation: Option<String>,
    /// Whether the caller wrote it (and so may edit and delete it).
    pub mine: bool,
    pub hidden: bool,
    /// The workshop's sequence number at the time the note was stored.
    pub seq: i64,
    pub created_at: Timestamp,
    pub edited_at: Option<Timestamp>,
    /// How many duplicates the facilitator merged into this note.
    #[serde(default)]
    pub merged_count: i64,
    /// How many participants gave this note +1.
    #[serde(default)]
    pub supporters: i64,
    /// Whether the viewer gave it +1 (set when the board is read and by the viewer's own +1).
    #[serde(default)]
    pub supported_by_me: bool,
}

impl Note {
    /// A plain note for tests and tools: number `seq` (its id made from it too) in no
    /// particular workshop, by no one named, not the viewer's, shown, never merged or +1'd.
    /// Callers change what their case needs with `Note { hidden: true, ..Note::sample(…) }`.
    pub fn sample(seq: i64, text: &str) -> Note {
        Note {
            id: NoteId::from_u128(seq as u128),
            workshop_id: WorkshopId::nil(),
            text: text.to_string(),
            author_name: None,
            organisation: None,
            mine: false,
            hidden: false,
            seq,
            created_at: Timestamp::UNIX_EPOCH,
            edited_at: None,
            merged_count: 0,
            supporters: 0,
            supported_by_me: false,
        }
    }
}

/// A workshop's notes as one viewer may see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Board {
    pub workshop: Workshop,
    /// The caller as a participant, if it joined.
    pub me: Option<Participant>,
    pub notes: Vec<Note>,
    /// Private writing is on: the notes are only the viewer's own.
    #[serde(default)]
    pub private_mode: bool,
    /// The sequence number the notes are current to; the live socket continues from here.
    #[serde(default)]
    pub last_seq: i64,
    /// The open dot vote, or the last closed one with its results; `None` before any vote.
    #[serde(default)]
    pub vote: Option<crate::model::vote::Vote>,
}

/// What a facilitator sees of a workshop: the board and how to let people in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacilitatorBoard {
    pub board: Board,
    /// The full join link, e.g. `https://klustra.example/join/KXMW4T`.
    pub join_url: String,
    pub participant_count: i64,
}

/// A theme: notes that clustering (or the facilitator) put together, with a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Theme {
    pub id: ThemeId,
    /// For a round's theme: the identity it shares with the theme it continues, in an
    /// earlier run or the previous round (reports show this id). `None` = its own `id`.
    #[serde(default)]
    pub lineage_id: Option<ThemeId>,
    pub name: String,
    /// Renamed by a person: a re-run keeps the name.
    pub name_locked: bool,
    /// The "Other / unsorted" group of notes that fit no theme.
    pub unsorted: bool,
    /// The words that set the theme apart.
    pub terms: Vec<String>,
    /// The most central note.
    pub example_note_id: Option<NoteId>,
    pub note_ids: Vec<NoteId>,
    /// Notes a person placed here: a re-run keeps them here (and in their need).
    pub pinned_note_ids: Vec<NoteId>,
    /// The needs the theme's notes state, largest first; a note of the theme is in at most
    /// one of them. Empty for themes stored before needs existed.
    #[serde(default)]
    pub needs: Vec<Need>,
}

impl Theme {
    /// Locked by the facilitator: its name and every one of its notes are kept by re-runs,
    /// and no other note joins it (locking names the theme and places all its notes).
    pub fn is_locked(&self) -> bool {
        self.name_locked
            && !self.note_ids.is_empty()
            && self.note_ids.iter().all(|id| self.pinned_note_ids.contains(id))
    }

    /// The need holding `note_id`, if any.
    pub fn need_of(&self, note_id: NoteId) -> Option<&Need> {
        self.needs.iter().find(|need| need.note_ids.contains(&note_id))
    }

    /// The theme's notes that are in none of its needs, in the theme's order.
    pub fn notes_without_need(&self) -> Vec<NoteId> {
        self.note_ids.iter().filter(|id| self.need_of(**id).is_none()).copied().collect()
    }
}

/// A need: notes of one theme that state the same need, with a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Need {
    pub id: NeedId,
    /// A short phrase, e.g. "E-legitimation för medarbetare".
    pub name: String,
    /// Renamed by a person: a re-run keeps the name.
    pub name_locked: bool,
    /// The words that set the need apart.
    pub terms: Vec<String>,
    /// The most central note.
    pub example_note_id: Option<NoteId>,
    pub note_ids: Vec<NoteId>,
}

/// A theme as the room sees it on the projector: the notes of it that every participant may
/// see, and its name only where those notes hold its words (a person's name always).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomTheme {
    pub id: ThemeId,
    /// Its place among the workshop's themes, from 1, as a theme vote numbers them; what the
    /// room is shown without a name ("Theme 3"). 0 for the unsorted group.
    pub number: usize,
    /// `None`: the clustering named it from notes the room may not see.
    pub name: Option<String>,
    /// The "Other / unsorted" group of notes that fit no theme.
    pub unsorted: bool,
    pub note_ids: Vec<NoteId>,
    /// Its needs with a note the room may see, in the theme's order.
    #[serde(default)]
    pub needs: Vec<RoomNeed>,
}

/// A need as the room sees it, by the rules of [`RoomTheme`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomNeed {
    pub id: NeedId,
    /// Its place among its theme's needs, from 1: what the room is shown without a name.
    pub number: usize,
    /// `None`: the clustering named it from notes the room may not see.
    pub name: Option<String>,
    pub note_ids: Vec<NoteId>,
}

/// The longest theme name, in characters.
pub const THEME_NAME_MAX_CHARS: usize = 80;

/// Checks a theme or need name typed by a person.
pub fn parse_theme_name(name: &str) -> Result<String, AppError> {
    required(name, Field::Title, THEME_NAME_MAX_CHARS)
}

/// What a facilitator can do to any note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Moderation {
    Hide,
    Show,
    Delete,
}

/// The longest countdown a facilitator can start, in minutes.
pub const TIMER_MAX_MINUTES: u32 = 180;

/// A new round, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRound {
    pub title: String,
}

impl NewRound {
    /// Checks the title.
    pub fn parse(title: &str) -> Result<Self, AppError> {
        Ok(NewRound { title: required(title, Field::Title, TITLE_MAX_CHARS)? })
    }
}

/// A new workshop, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewWorkshop {
    pub round_id: RoundId,
    pub title: String,
    pub sector: String,
    pub held_on: Option<Date>,
    pub prompts: Vec<String>,
}

impl NewWorkshop {
    /// Checks every field; `prompts` is one question per line.
    pub fn parse(
        round_id: RoundId,
        title: &str,
        sector: &str,
        held_on: &str,
        prompts: &str,
    ) -> Result<Self, AppError> {
        let prompts: Vec<&str> = prompts.lines().filter(|line| !line.trim().is_empty()).collect();
        if prompts.len() > PROMPTS_MAX {
            return Err(AppError::TooMany { field: Field::Prompts, max: PROMPTS_MAX });
        }
        let prompts = prompts.into_iter().map(|p| required(p, Field::Prompts, PROMPT_MAX_CHARS));
        let prompts = prompts.collect::<Result<Vec<String>, AppError>>()?;
        Ok(NewWorkshop {
            round_id,
            title: required(title, Field::Title, TITLE_MAX_CHARS)?,
            sector: required(sector, Field::Sector, SECTOR_MAX_CHARS)?,
            held_on: parse_date(held_on)?,
            prompts,
        })
    }
}

/// How a participant chooses to appear; both parts are optional.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParticipantProfile {
    pub display_name: Option<String>,
    pub organisation: Option<String>,
}

impl ParticipantProfile {
    /// Checks the lengths; blank means "not given".
    pub fn parse(display_name: &str, organisation: &str) -> Result<Self, AppError> {
        Ok(ParticipantProfile {
            display_name: optional(display_name, Field::Name, NAME_MAX_CHARS)?,
            organisation: optional(organisation, Field::Organisation, ORGANISATION_MAX_CHARS)?,
        })
    }
}

/// Checks a note's text and returns it trimmed, with Windows line ends made plain, and
/// without the characters that show nothing or turn text around ([`invisible::clean_body`]:
/// pasted text brings them along, and a note that shows otherwise than it reads helps no one).
pub fn parse_note_text(text: &str) -> Result<String, AppError> {
    let text = invisible::clean_body(&text.replace("\r\n", "\n"));
    let text = text.trim();
    if text.is_empty() {
        return Err(AppError::NoteEmpty);
    }
    if text.chars().count() > NOTE_MAX_CHARS {
        return Err(AppError::TooLong { field: Field::Note, max: NOTE_MAX_CHARS });
    }
    if text.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(AppError::Invalid { field: Field::Note });
    }
    Ok(text.to_string())
}

/// Checks the name of a group a facilitator writes paper notes for.
pub fn parse_group_name(name: &str) -> Result<String, AppError> {
    required(name, Field::Group, NAME_MAX_CHARS)
}

fn required(value: &str, field: Field, max: usize) -> Result<String, AppError> {
    optional(value, field, max)?.ok_or(AppError::Required { field })
}

/// Every name, title and other short text people type goes through here.
fn optional(value: &str, field: Field, max: usize) -> Result<Option<String>, AppError> {
    invisible::parse_label(value, field, max)
}

/// Accepts an empty string (no date) or a real calendar date written `YYYY-MM-DD` in the
/// years 2000 to 2100 (what a date field sends; anything else is a typo).
pub fn parse_date(value: &str) -> Result<Option<Date>, AppError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let date: Date = value.parse().map_err(|_| AppError::Invalid { field: Field::Date })?;
    // ISO 8601 has other spellings of a date (`20261123`, with a time); only ours is taken.
    let canonical = date.to_string() == value;
    if canonical && (2000..=2100).contains(&date.year()) {
        Ok(Some(date))
    } else {
        Err(AppError::Invalid { field: Field::Date })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_text_is_trimmed_and_kept_literally() {
        assert_eq!(parse_note_text("  <script>alert(1)</script> \r\n").unwrap(), "<script>alert(1)</script>");
        assert_eq!(parse_note_text("rad ett\r\nrad två").unwrap(), "rad ett\nrad två");
    }

    #[test]
    fn empty_and_whitespace_notes_are_refused() {
        assert_eq!(parse_note_text(""), Err(AppError::NoteEmpty));
        assert_eq!(parse_note_text(" \n\t "), Err(AppError::NoteEmpty));
    }

    #[test]
    fn note_length_is_counted_in_characters_not_bytes() {
        let at_limit = "ö".repeat(NOTE_MAX_CHARS);
        assert!(parse_note_text(&at_limit).is_ok(), "500 å/ä/ö must fit although they are 1000 bytes");
        let over = "a".repeat(NOTE_MAX_CHARS + 1);
        assert_eq!(parse_note_text(&over), Err(AppError::TooLong { field: Field::Note, max: 500 }));
    }

    #[test]
    fn control_characters_are_refused_in_notes() {
        assert_eq!(parse_note_text("a\u{0}b"), Err(AppError::Invalid { field: Field::Note }));
        assert_eq!(parse_note_text("\u{200B}\u{FEFF} \u{2060}"), Err(AppError::NoteEmpty), "nothing visible");
    }

    #[test]
    fn notes_lose_hidden_characters() {
        assert_eq!(parse_note_text("fil\u{202E}fdp.exe").unwrap(), "filfdp.exe");
        assert_eq!(parse_note_text("\u{FEFF} Bank\u{200B}ID \u{2069}").unwrap(), "BankID");
        assert_eq!(
            parse_note_text("Familj 👨\u{200D}👩\u{200D}👧").unwrap(),
            "Familj 👨\u{200D}👩\u{200D}👧"
        );
        // Counted after stripping: 500 visible characters with hidden ones between them fit.
        assert!(parse_note_text(&"a\u{200B}".repeat(NOTE_MAX_CHARS)).is_ok());
    }

    /// Each field of names and titles refuses a right-to-left override with its own error.
    #[test]
    fn every_name_and_title_refuses_direction_and_zero_width_characters() {
        let round = RoundId::nil();
        let hidden = |field| Some(AppError::InvisibleCharacters { field });
        for bad in
            ["Anna\u{202E}greB", "Anna\u{200B}", "\u{2066}Anna\u{2069}", "An\u{200F}na", "\u{FEFF}Anna"]
        {
            assert_eq!(NewRound::parse(bad).err(), hidden(Field::Title), "round title {bad:?}");
            assert_eq!(
                NewWorkshop::parse(round, bad, "Vård", "", "").err(),
                hidden(Field::Title),
                "workshop title"
            );
            assert_eq!(NewWorkshop::parse(round, "T", bad, "", "").err(), hidden(Field::Sector), "sector");
            assert_eq!(NewWorkshop::parse(round, "T", "S", "", bad).err(), hidden(Field::Prompts), "prompt");
            assert_eq!(ParticipantProfile::parse(bad, "").err(), hidden(Field::Name), "display name");
            assert_eq!(ParticipantProfile::parse("", bad).err(), hidden(Field::Organisation), "organisation");
            assert_eq!(parse_group_name(bad).err(), hidden(Field::Group), "group");
            assert_eq!(parse_theme_name(bad).err(), hidden(Field::Title), "theme or need name");
        }
    }

    #[test]
    #[cfg(feature = "ssr")]
    fn names_and_titles_and_notes_are_stored_nfc_normalised() {
        assert_eq!(parse_note_text("Bla\u{030A}ljus").unwrap(), "Blåljus");
        let decomposed = "Va\u{0308}rmland";
        assert_eq!(NewRound::parse(decomposed).unwrap().title, "Värmland");
        let ws = NewWorkshop::parse(RoundId::nil(), decomposed, decomposed, "", decomposed).unwrap();
        assert_eq!(
            (ws.title.as_str(), ws.sector.as_str(), ws.prompts[0].as_str()),
            ("Värmland", "Värmland", "Värmland")
        );
        let profile = ParticipantProfile::parse(decomposed, decomposed).unwrap();
        assert_eq!(profile.display_name.as_deref(), Some("Värmland"));
        assert_eq!(profile.organisation.as_deref(), Some("Värmland"));
        assert_eq!(parse_group_name(decomposed).unwrap(), "Värmland");
        assert_eq!(parse_theme_name(decomposed).unwrap(), "Värmland");
    }

    #[test]
    fn group_names_are_required_and_speak_of_the_group() {
        assert_eq!(parse_group_name(" "), Err(AppError::Required { field: Field::Group }));
        assert_eq!(
            parse_group_name(&"g".repeat(NAME_MAX_CHARS + 1)),
            Err(AppError::TooLong { field: Field::Group, max: NAME_MAX_CHARS })
        );
        assert_eq!(parse_group_name(" Grupp 3 ").unwrap(), "Grupp 3");
    }

    #[test]
    fn join_codes_avoid_ambiguous_characters() {
        for forbidden in ["0", "O", "1", "I", "L", "5", "S", "8", "B", "2", "Z", "U", "V"] {
            assert!(!JoinCode::ALPHABET.contains(&forbidden.as_bytes()[0]), "{forbidden}");
        }
        let code = JoinCode::from_random(&[0, 1, 2, 3, 4, 255, 9]);
        assert_eq!(code.as_str().len(), JoinCode::LEN);
        assert!(code.as_str().bytes().all(|b| JoinCode::ALPHABET.contains(&b)));
    }

    #[test]
    fn typed_join_codes_ignore_case_spaces_and_dashes() {
        let code = JoinCode::parse(" kxm-w4t ").unwrap();
        assert_eq!(code.as_str(), "KXMW4T");
        assert_eq!(code.display(), "KXM-W4T");
        assert_eq!(JoinCode::parse(""), Err(AppError::Required { field: Field::Code }));
        assert_eq!(JoinCode::parse("KXMW4"), Err(AppError::UnknownCode));
        assert_eq!(JoinCode::parse("KXMW40"), Err(AppError::UnknownCode));
    }

    #[test]
    fn workshops_need_title_and_sector_and_a_real_date() {
        let round = RoundId::nil();
        let not_leap = NewWorkshop::parse(round, " Vård ", "Hälsa", "2026-02-29", "").unwrap_err();
        assert_eq!(not_leap, AppError::Invalid { field: Field::Date }, "2026 is no leap year");
        let ws = NewWorkshop::parse(round, " Vård ", "Hälsa", "2028-02-29", "Vad behöver ni?\n\n Varför? ")
            .unwrap();
        assert_eq!(ws.title, "Vård");
        assert_eq!(ws.held_on, Some(Date::constant(2028, 2, 29)));
        assert_eq!(ws.prompts, vec!["Vad behöver ni?", "Varför?"]);
        assert_eq!(
            NewWorkshop::parse(round, "", "Hälsa", "", ""),
            Err(AppError::Required { field: Field::Title })
        );
        assert_eq!(
            NewWorkshop::parse(round, "T", "S", "24-01-01", ""),
            Err(AppError::Invalid { field: Field::Date })
        );
        let many = ["fråga"; PROMPTS_MAX + 1].join("\n");
        assert_eq!(
            NewWorkshop::parse(round, "T", "S", "", &many),
            Err(AppError::TooMany { field: Field::Prompts, max: PROMPTS_MAX })
        );
        let long = "å".repeat(PROMPT_MAX_CHARS + 1);
        assert_eq!(
            NewWorkshop::parse(round, "T", "S", "", &long),
            Err(AppError::TooLong { field: Field::Prompts, max: PROMPT_MAX_CHARS })
        );
    }

    #[test]
    fn participant_profile_is_optional_but_bounded() {
        assert_eq!(ParticipantProfile::parse("", "  ").unwrap(), ParticipantProfile::default());
        let long = "x".repeat(NAME_MAX_CHARS + 1);
        assert_eq!(
            ParticipantProfile::parse(&long, ""),
            Err(AppError::TooLong { field: Field::Name, max: NAME_MAX_CHARS })
        );
    }

    #[test]
    fn round_titles_are_required() {
        assert_eq!(NewRound::parse("  "), Err(AppError::Required { field: Field::Title }));
        assert_eq!(NewRound::parse(" Våren 2026 ").unwrap().title, "Våren 2026");
    }
}
