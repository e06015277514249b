//! How much support a theme or need of a report has: its notes, the sectors they came from,
//! their +1s and dots, and the dots theme votes gave it.
//!
//! A theme vote is held in one workshop, on that workshop's themes. A round report's themes
//! are built across workshops, so each voted workshop theme's dots are credited to the
//! round theme holding most of its notes (and within it, to the need holding most of them):
//! the dots are counted once, where the voted notes went.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{Report, ReportTheme};
use crate::model::ids::{NoteId, ThemeId, WorkshopId};

/// The support figures of one theme or need.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Support {
    pub notes: usize,
    /// Distinct sectors its notes came from.
    pub sectors: usize,
    /// +1s its notes got.
    pub supporters: i64,
    /// Dots its notes got in note votes.
    pub note_dots: i64,
    /// Dots theme votes gave the workshop themes credited to it.
    pub theme_dots: i64,
}

/// A workshop theme's dots in its workshop's theme votes, as credited to a report's theme
/// or need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeVoteDots {
    pub workshop_id: WorkshopId,
    /// The voted theme, as the workshop has it.
    pub theme_id: ThemeId,
    pub dots: i64,
}

/// A voted workshop theme with its notes: what decides where its dots go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VotedTheme {
    pub dots: ThemeVoteDots,
    pub note_ids: Vec<NoteId>,
}

/// What themes and needs can be ranked by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SupportKey {
    #[default]
    Notes,
    Sectors,
    Supporters,
    NoteDots,
    ThemeDots,
}

impl SupportKey {
    /// Every key, in the order the figures are shown.
    pub const ALL: [SupportKey; 5] = [
        SupportKey::Notes,
        SupportKey::Sectors,
        SupportKey::Supporters,
        SupportKey::NoteDots,
        SupportKey::ThemeDots,
    ];

    /// The figure this key reads.
    pub fn of(self, support: &Support) -> i64 {
        match self {
            SupportKey::Notes => support.notes as i64,
            SupportKey::Sectors => support.sectors as i64,
            SupportKey::Supporters => support.supporters,
            SupportKey::NoteDots => support.note_dots,
            SupportKey::ThemeDots => support.theme_dots,
        }
    }

    /// The key's name in a form's value.
    pub fn slug(self) -> &'static str {
        match self {
            SupportKey::Notes => "notes",
            SupportKey::Sectors => "sectors",
            SupportKey::Supporters => "supporters",
            SupportKey::NoteDots => "note_dots",
            SupportKey::ThemeDots => "theme_dots",
        }
    }

    /// The key named `slug` (see [`SupportKey::slug`]).
    pub fn from_slug(slug: &str) -> Option<Self> {
        SupportKey::ALL.into_iter().find(|key| key.slug() == slug)
    }

    /// Sorts `items` most first by this figure of their `support`; equal figures keep
    /// their order.
    pub fn rank<T>(self, items: &mut [T], support: impl Fn(&T) -> &Support) {
        items.sort_by_key(|item| std::cmp::Reverse(self.of(support(item))));
    }

    /// The figures of `support` in the order of [`SupportKey::ALL`].
    pub fn figures(support: &Support) -> [i64; 5] {
        SupportKey::ALL.map(|key| key.of(support))
    }
}

/// Credits each voted theme's dots to the theme of `themes` holding most of its notes
/// (the first such theme on a tie), and within that theme to the need holding most of them,
/// if any need holds one. A voted theme none of whose notes is in `themes` is credited
/// nowhere. [`Report::tally`] then sums the credits.
pub fn credit_theme_votes(themes: &mut [ReportTheme], voted: &[VotedTheme]) {
    for vote in voted.iter().filter(|vote| vote.dots.dots > 0) {
        let shared = |ids: &[NoteId]| ids.iter().filter(|id| vote.note_ids.contains(id)).count();
        let Some(theme) = most(themes.iter_mut(), |theme| shared(&theme.note_ids)) else { continue };
        theme.theme_votes.push(vote.dots.clone());
        if let Some(need) = most(theme.needs.iter_mut(), |need| shared(&need.note_ids)) {
            need.theme_votes.push(vote.dots.clone());
        }
    }
}

/// The first item with the highest positive `score`.
fn most<T>(items: impl Iterator<Item = T>, score: impl Fn(&T) -> usize) -> Option<T> {
    let mut best: Option<(usize, T)> = None;
    for item in items {
        let s = score(&item);
        if s > 0 && best.as_ref().is_none_or(|(top, _)| s > *top) {
            best = Some((s, item));
        }
    }
    best.map(|(_, item)| item)
}

impl Report {
    /// The support of the notes `note_ids` (those in the report) with the credited theme
    /// `votes` (those of workshops in the report).
    pub fn support_of(&self, note_ids: &[NoteId], votes: &[ThemeVoteDots]) -> Support {
        let notes: Vec<_> = note_ids.iter().filter_map(|id| self.note(*id)).collect();
        let sectors: BTreeSet<&str> = notes
            .iter()
            .filter_map(|note| self.workshop(note.workshop_id))
            .map(|w| w.sector.as_str())
            .collect();
        Support {
            notes: notes.len(),
            sectors: sectors.len(),
            supporters: notes.iter().map(|note| note.supporters).sum(),
            note_dots: notes.iter().map(|note| note.dots).sum(),
            theme_dots: votes
                .iter()
                .filter(|vote| self.workshop(vote.workshop_id).is_some())
                .map(|vote| vote.dots)
                .sum(),
        }
    }

    /// Fills in the [`Support`] of every theme and need (see [`Report::support_of`]), so a
    /// filtered report's figures are those of its workshops.
    pub fn tally(&mut self) {
        let tallied: Vec<(Support, Vec<Support>)> = self
            .themes
            .iter()
            .map(|theme| {
                let needs = theme
                    .needs
                    .iter()
                    .map(|need| self.support_of(&need.note_ids, &need.theme_votes))
                    .collect();
                (self.support_of(&theme.note_ids, &theme.theme_votes), needs)
            })
            .collect();
        for (theme, (support, needs)) in self.themes.iter_mut().zip(tallied) {
            theme.support = support;
            for (need, support) in theme.needs.iter_mut().zip(needs) {
                need.support = support;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::fixed_id as id;
    use crate::model::report::tests::{need, sample, theme};

    fn vote(workshop: u128, theme: u128, dots: i64, notes: &[u128]) -> VotedTheme {
        VotedTheme {
            dots: ThemeVoteDots { workshop_id: id(workshop), theme_id: id(theme), dots },
            note_ids: notes.iter().map(|n| id(*n)).collect(),
        }
    }

    #[test]
    fn a_theme_votes_dots_go_to_the_theme_and_need_holding_most_of_its_notes() {
        let mut report = sample();
        report.themes[0].needs = vec![need(110, "Inloggning", &[10]), need(111, "Skolans konton", &[11, 12])];
        // Workshop 3's theme held notes 12 and 13 (both in E-legitimation) and 14 (Arkiv).
        credit_theme_votes(&mut report.themes, &[vote(3, 500, 7, &[12, 13, 14]), vote(2, 501, 2, &[14])]);
        report.tally();
        let [elegitimation, archive] = &report.themes[..] else { panic!() };
        assert_eq!(elegitimation.support.theme_dots, 7);
        assert_eq!(elegitimation.needs[1].support.theme_dots, 7, "the need holding note 12");
        assert_eq!(elegitimation.needs[0].support.theme_dots, 0);
        assert_eq!(archive.support.theme_dots, 2);
    }

    #[test]
    fn tallies_notes_sectors_supporters_and_dots_and_follow_a_filter() {
        let mut report = sample();
        report.notes[0].supporters = 3;
        report.notes[1].supporters = 1;
        report.notes[1].dots = 4;
        credit_theme_votes(&mut report.themes, &[vote(2, 500, 5, &[11])]);
        report.tally();
        let support = report.themes[0].support;
        assert_eq!(
            support,
            Support { notes: 4, sectors: 2, supporters: 4, note_dots: 4, theme_dots: 5 },
            "notes 10–13 from Hälsa and Skola"
        );
        let health = report
            .filtered(&crate::model::report::ReportFilter { sector: Some("Hälsa".into()), workshop: None });
        assert_eq!(
            health.themes[0].support,
            Support { notes: 3, sectors: 1, supporters: 3, note_dots: 0, theme_dots: 0 },
            "Skola's note and Skola's theme vote are filtered out"
        );
    }

    #[test]
    fn ranks_by_each_figure_most_first_keeping_ties_in_order() {
        let support = |notes, theme_dots| Support { notes, theme_dots, ..Support::default() };
        let mut items = vec![("a", support(5, 0)), ("b", support(2, 9)), ("c", support(5, 1))];
        SupportKey::ThemeDots.rank(&mut items, |(_, s)| s);
        assert_eq!(items.iter().map(|(name, _)| *name).collect::<Vec<_>>(), ["b", "c", "a"]);
        SupportKey::Notes.rank(&mut items, |(_, s)| s);
        assert_eq!(items.iter().map(|(name, _)| *name).collect::<Vec<_>>(), ["c", "a", "b"]);
        for key in SupportKey::ALL {
            assert_eq!(SupportKey::from_slug(key.slug()), Some(key));
        }
    }

    #[test]
    fn a_vote_on_notes_outside_the_report_is_credited_nowhere() {
        let mut themes = vec![theme(100, "E-legitimation", &[10])];
        credit_theme_votes(&mut themes, &[vote(1, 500, 3, &[99])]);
        assert!(themes[0].theme_votes.is_empty());
    }
}
