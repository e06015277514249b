//! Support (+1) and dot voting: the shared types and the rules a board applies to them.
//!
//! The server enforces every rule in its write transaction; the browser uses the same types
//! to show what is left (the live events reach a vote through `live::apply_to_vote`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::{AppError, Field};
use crate::model::Note;
use crate::model::ids::{NoteId, ThemeId, VoteId, VoteTargetId};

/// The most dots a facilitator can give each participant.
pub const DOTS_MAX: u32 = 20;

/// Checks the number of dots per participant a facilitator asked for (1 to [`DOTS_MAX`]).
pub fn parse_dots(dots: u32) -> Result<u32, AppError> {
    if (1..=DOTS_MAX).contains(&dots) { Ok(dots) } else { Err(AppError::Invalid { field: Field::Dots }) }
}

/// What participants put their dots on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VoteTarget {
    /// The notes on the board.
    Notes,
    /// The workshop's themes when the vote opened.
    Themes,
}

impl VoteTarget {
    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            VoteTarget::Notes => "notes",
            VoteTarget::Themes => "themes",
        }
    }

    /// Reads the stored value.
    pub fn from_stored(value: &str) -> Option<Self> {
        match value {
            "notes" => Some(VoteTarget::Notes),
            "themes" => Some(VoteTarget::Themes),
            _ => None,
        }
    }
}

/// Something a theme vote offers, named as it was when the vote opened, so the results
/// still read right after the themes change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteOption {
    pub id: ThemeId,
    /// The theme's name; `None` where the viewer is shown the option's number instead (a
    /// name the clustering drew from notes the viewer may not see).
    pub label: Option<String>,
    /// Participants and the projector are shown the number, not the label: the label uses
    /// words of notes they may not see. The facilitator gets the label all the same.
    #[serde(default)]
    pub withheld: bool,
}

impl VoteOption {
    /// An option named `label`, shown to everyone until judged otherwise.
    pub fn named(id: ThemeId, label: impl Into<String>) -> Self {
        VoteOption { id, label: Some(label.into()), withheld: false }
    }
}

/// A dot vote as one viewer sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vote {
    pub id: VoteId,
    pub target: VoteTarget,
    pub dots_per_participant: u32,
    /// Dots can be given and taken back only while the vote is open.
    pub open: bool,
    /// The themes of a theme vote; empty for a note vote, whose targets are the board's notes.
    pub options: Vec<VoteOption>,
    /// Every participant's dots together, per target.
    #[serde(default)]
    pub tallies: BTreeMap<VoteTargetId, i64>,
    /// The viewer's own dots per target (always empty for a facilitator).
    #[serde(default)]
    pub my_dots: BTreeMap<VoteTargetId, i64>,
}

impl Vote {
    /// How many dots the viewer has placed.
    pub fn dots_used(&self) -> i64 {
        self.my_dots.values().sum()
    }

    /// How many dots the viewer can still place (never below zero).
    pub fn dots_left(&self) -> i64 {
        (i64::from(self.dots_per_participant) - self.dots_used()).max(0)
    }

    /// What the option `id` of a theme vote is called for the viewer: its label, or where that
    /// is withheld, `numbered` of its place in the vote ("Theme 2"). `None` for no option.
    pub fn option_label(&self, id: VoteTargetId, numbered: fn(usize) -> String) -> Option<String> {
        let position = self.options.iter().position(|option| VoteTargetId::from(option.id) == id)?;
        Some(self.options[position].label.clone().unwrap_or_else(|| numbered(position + 1)))
    }

    /// Targets with at least one dot, most dots first (ties in a stable order by id).
    pub fn ranking(&self) -> Vec<(VoteTargetId, i64)> {
        let mut ranked: Vec<(VoteTargetId, i64)> =
            self.tallies.iter().filter(|(_, dots)| **dots > 0).map(|(id, dots)| (*id, *dots)).collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
    }
}

/// A participant's support of a note, as the server answers a +1 or its withdrawal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Support {
    pub note_id: NoteId,
    pub supporters: i64,
    pub supported_by_me: bool,
}

/// A participant's own dots in a vote, as the server answers giving or taking one back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyDots {
    pub vote_id: VoteId,
    pub dots: BTreeMap<VoteTargetId, i64>,
}

/// What a participant can put dots on, in board order: the vote's themes (named by
/// [`Vote::option_label`] with `numbered`), or the visible notes. Targets that left the
/// board (a note deleted, hidden or merged) while holding the viewer's dots come last
/// without a name (`None`), so those dots can still be taken back.
pub fn ballot_targets(
    vote: &Vote,
    notes: &[Note],
    numbered: fn(usize) -> String,
) -> Vec<(VoteTargetId, Option<String>)> {
    let mut targets: Vec<(VoteTargetId, Option<String>)> = match vote.target {
        VoteTarget::Themes => {
            vote.options.iter().map(|o| (o.id.into(), vote.option_label(o.id.into(), numbered))).collect()
        }
        VoteTarget::Notes => {
            notes.iter().filter(|n| !n.hidden).map(|n| (n.id.into(), Some(n.text.clone()))).collect()
        }
    };
    let gone: Vec<VoteTargetId> =
        vote.my_dots.keys().filter(|id| !targets.iter().any(|(target, _)| target == *id)).copied().collect();
    targets.extend(gone.into_iter().map(|id| (id, None)));
    targets
}

/// Applies the server's answer about the viewer's own dots, if it is about this vote.
pub fn apply_my_dots(vote: &mut Option<Vote>, mine: &MyDots) {
    if let Some(vote) = vote.as_mut().filter(|v| v.id == mine.vote_id) {
        vote.my_dots = mine.dots.clone();
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn vote(dots: u32) -> Vote {
        Vote {
            id: VoteId::from_u128(1),
            target: VoteTarget::Notes,
            dots_per_participant: dots,
            open: true,
            options: Vec::new(),
            tallies: BTreeMap::new(),
            my_dots: BTreeMap::new(),
        }
    }

    #[test]
    fn dots_per_participant_run_from_one_to_twenty() {
        assert_eq!(parse_dots(1), Ok(1));
        assert_eq!(parse_dots(DOTS_MAX), Ok(20));
        assert_eq!(parse_dots(0), Err(AppError::Invalid { field: Field::Dots }));
        assert_eq!(parse_dots(21), Err(AppError::Invalid { field: Field::Dots }));
    }

    #[test]
    fn dots_left_counts_every_dot_placed_and_never_goes_negative() {
        let mut v = vote(5);
        v.my_dots.insert(VoteTargetId::from_u128(7), 2);
        v.my_dots.insert(VoteTargetId::from_u128(8), 1);
        assert_eq!((v.dots_used(), v.dots_left()), (3, 2));
        v.my_dots.insert(VoteTargetId::from_u128(9), 4);
        assert_eq!(v.dots_left(), 0);
    }

    fn note(id: u128, text: &str, hidden: bool) -> Note {
        Note { hidden, ..Note::sample(id as i64, text) }
    }

    #[test]
    fn the_ballot_lists_visible_notes_and_keeps_dots_on_notes_that_left_the_board() {
        let mut v = vote(3);
        let gone = VoteTargetId::from_u128(42);
        v.my_dots.insert(gone, 1);
        v.my_dots.insert(VoteTargetId::from_u128(1), 1);
        let notes = [note(1, "Geodata", false), note(2, "Dold", true), note(3, "Bygglov", false)];
        assert_eq!(
            ballot_targets(&v, &notes, theme_n),
            vec![
                (VoteTargetId::from_u128(1), Some("Geodata".to_string())),
                (VoteTargetId::from_u128(3), Some("Bygglov".to_string())),
                (gone, None),
            ]
        );
    }

    #[test]
    fn a_theme_ballot_offers_the_themes_named_at_opening() {
        let mut v = vote(3);
        v.target = VoteTarget::Themes;
        v.options = vec![VoteOption::named(ThemeId::from_u128(9), "Informationsdelning")];
        let listed = ballot_targets(&v, &[note(1, "Geodata", false)], theme_n);
        assert_eq!(listed, vec![(VoteTargetId::from_u128(9), Some("Informationsdelning".to_string()))]);
    }

    fn theme_n(n: usize) -> String {
        format!("Tema {n}")
    }

    #[test]
    fn a_withheld_theme_name_is_shown_as_the_options_number() {
        let mut v = vote(3);
        v.target = VoteTarget::Themes;
        let withheld =
            VoteOption { label: None, withheld: true, ..VoteOption::named(ThemeId::from_u128(8), "") };
        v.options = vec![VoteOption::named(ThemeId::from_u128(9), "Geodata"), withheld];
        assert_eq!(v.option_label(VoteTargetId::from_u128(8), theme_n).as_deref(), Some("Tema 2"));
        assert_eq!(v.option_label(VoteTargetId::from_u128(9), theme_n).as_deref(), Some("Geodata"));
        assert_eq!(v.option_label(VoteTargetId::from_u128(7), theme_n), None, "no such option");
        let listed = ballot_targets(&v, &[], theme_n);
        assert_eq!(listed[1], (VoteTargetId::from_u128(8), Some("Tema 2".to_string())));
    }

    #[test]
    fn my_dots_are_taken_from_the_answer_about_the_same_vote() {
        let mut current = Some(vote(3));
        let dots = BTreeMap::from([(VoteTargetId::from_u128(5), 2)]);
        apply_my_dots(&mut current, &MyDots { vote_id: VoteId::from_u128(2), dots: dots.clone() });
        assert_eq!(current.as_ref().unwrap().dots_left(), 3, "another vote's answer changes nothing");
        apply_my_dots(&mut current, &MyDots { vote_id: VoteId::from_u128(1), dots });
        assert_eq!(current.as_ref().unwrap().dots_left(), 1);
    }
}
