//! Priorities at a glance: the round's needs ranked by how many sectors raised them and by
//! their support, and the priority areas an analyst marks from that ranking.
//!
//! A sector counts for a need only when it wrote at least a threshold of the need's notes
//! (two unless the analyst sets another), so one stray note does not make a need look
//! shared across the round.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Report, ReportNeed, ReportTheme, Support, SupportKey};
use crate::model::ids::{NoteId, PriorityTargetId, ThemeId};

/// Notes a sector must have written in a need to count as raising it, unless the analyst
/// sets another threshold.
pub const DEFAULT_SECTOR_THRESHOLD: usize = 2;

/// What a priority area is: one need of a round theme, or a whole round theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PriorityKind {
    Need,
    Theme,
}

impl PriorityKind {
    /// The kind's name as stored and in a form's value.
    pub fn slug(self) -> &'static str {
        match self {
            PriorityKind::Need => "need",
            PriorityKind::Theme => "theme",
        }
    }

    /// The kind named `slug` (see [`PriorityKind::slug`]).
    pub fn from_slug(slug: &str) -> Option<Self> {
        [PriorityKind::Need, PriorityKind::Theme].into_iter().find(|kind| kind.slug() == slug)
    }
}

/// A mark as stored: what was marked, and its name when it was marked (kept so a mark whose
/// need a rebuild took away can still be named).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriorityMark {
    pub kind: PriorityKind,
    /// The need's id, or the theme's id as reports show it (its lineage).
    pub id: PriorityTargetId,
    pub label: String,
}

/// A priority area as the report lists it, at its top and in every export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriorityArea {
    pub kind: PriorityKind,
    /// The need's or theme's id as the report shows it.
    pub id: PriorityTargetId,
    /// Its name now; when it is gone, its name when it was marked.
    pub name: String,
    /// For a need: the theme holding it now.
    pub theme_id: Option<ThemeId>,
    pub theme_name: Option<String>,
    /// No need or theme of the round has this id any longer (a rebuild took it away): the
    /// mark is kept and said to be gone, so the analyst can mark what took its place.
    pub gone: bool,
}

/// The marks as priority areas of a round whose themes are `themes` (the whole round's,
/// unfiltered: a filter does not make a mark gone), in the order they were marked.
pub fn priority_areas(marks: &[PriorityMark], themes: &[ReportTheme]) -> Vec<PriorityArea> {
    marks
        .iter()
        .map(|mark| {
            let found = match mark.kind {
                PriorityKind::Theme => themes
                    .iter()
                    .find(|theme| !theme.unsorted && PriorityTargetId::from(theme.id) == mark.id)
                    .map(|theme| (theme.name.clone(), None)),
                PriorityKind::Need => themes.iter().filter(|theme| !theme.unsorted).find_map(|theme| {
                    let need = theme.needs.iter().find(|need| PriorityTargetId::from(need.id) == mark.id)?;
                    Some((need.name.clone(), Some((theme.id, theme.name.clone()))))
                }),
            };
            let gone = found.is_none();
            let (name, theme) = found.unwrap_or_else(|| (mark.label.clone(), None));
            PriorityArea {
                kind: mark.kind,
                id: mark.id,
                name,
                theme_id: theme.as_ref().map(|(id, _)| *id),
                theme_name: theme.map(|(_, name)| name),
                gone,
            }
        })
        .collect()
}

/// A need of the ranking: where it is, and the sectors that raised it.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedNeed<'a> {
    pub theme: &'a ReportTheme,
    pub need: &'a ReportNeed,
    /// Sectors with at least the threshold of its notes, most notes first.
    pub sectors: Vec<String>,
}

/// A column the ranking can be sorted by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RankColumn {
    Need,
    Theme,
    /// Sectors that raised it, then its support: the ranking's own order.
    #[default]
    Sectors,
    Support(SupportKey),
}

impl Report {
    /// Every need of the report's themes (the unsorted group left out), most sectors first
    /// (a sector counting when it wrote at least `threshold` of the need's notes), then
    /// most notes, +1s, note dots and theme-vote dots.
    pub fn need_ranking(&self, threshold: usize) -> Vec<RankedNeed<'_>> {
        let threshold = threshold.max(1);
        let mut ranked: Vec<RankedNeed<'_>> = self
            .themes
            .iter()
            .filter(|theme| !theme.unsorted)
            .flat_map(|theme| theme.needs.iter().map(move |need| (theme, need)))
            .map(|(theme, need)| RankedNeed {
                theme,
                need,
                sectors: self.raising_sectors(&need.note_ids, threshold),
            })
            .collect();
        ranked.sort_by_key(|item| {
            (Reverse(item.sectors.len()), Reverse(SupportKey::figures(&item.need.support)))
        });
        ranked
    }

    /// The sectors that wrote at least `threshold` of the notes `note_ids`, most notes first.
    fn raising_sectors(&self, note_ids: &[NoteId], threshold: usize) -> Vec<String> {
        let mut per_sector: BTreeMap<&str, usize> = BTreeMap::new();
        for note in note_ids.iter().filter_map(|id| self.note(*id)) {
            if let Some(workshop) = self.workshop(note.workshop_id) {
                *per_sector.entry(workshop.sector.as_str()).or_default() += 1;
            }
        }
        let mut sectors: Vec<(&str, usize)> =
            per_sector.into_iter().filter(|(_, n)| *n >= threshold).collect();
        sectors.sort_by_key(|(_, n)| Reverse(*n));
        sectors.into_iter().map(|(sector, _)| sector.to_string()).collect()
    }

    /// The support of a priority area as the report has it now (`None`: gone, or outside
    /// the report's filter), with the sectors that raised it at `threshold` (for a theme,
    /// counted on all its notes).
    pub fn priority_support(&self, area: &PriorityArea, threshold: usize) -> Option<(Support, Vec<String>)> {
        let mut themes = self.themes.iter().filter(|theme| !theme.unsorted);
        let (support, note_ids) = match area.kind {
            PriorityKind::Theme => themes
                .find(|theme| PriorityTargetId::from(theme.id) == area.id)
                .map(|theme| (theme.support, &theme.note_ids)),
            PriorityKind::Need => themes
                .flat_map(|theme| &theme.needs)
                .find(|need| PriorityTargetId::from(need.id) == area.id)
                .map(|need| (need.support, &need.note_ids)),
        }?;
        Some((support, self.raising_sectors(note_ids, threshold.max(1))))
    }
}

/// Sorts `ranked` by `column`: names alphabetically, figures most first; ties keep the
/// order they had (so sorting the ranking's own order by a figure breaks ties by sectors).
pub fn sort_ranking(ranked: &mut [RankedNeed<'_>], column: RankColumn) {
    match column {
        RankColumn::Need => ranked.sort_by_key(|item| item.need.name.to_lowercase()),
        RankColumn::Theme => ranked.sort_by_key(|item| item.theme.name.to_lowercase()),
        RankColumn::Sectors => ranked.sort_by_key(|item| Reverse(item.sectors.len())),
        RankColumn::Support(key) => key.rank(ranked, |item| &item.need.support),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::fixed_id as id;
    use crate::model::report::tests::{need, sample, theme};

    /// The sample round (Hälsa: workshops 1 and 3, Skola: workshop 2) with two needs in
    /// E-legitimation: one with 2 Hälsa notes and 1 Skola note, one with 1 note each.
    fn ranked_sample() -> Report {
        let mut report = sample();
        report.notes.push(crate::model::report::ReportNote {
            id: id(16),
            workshop_id: id(2),
            ..report.notes[1].clone()
        });
        report.themes[0].note_ids.push(id(16));
        report.themes[0].needs = vec![need(110, "Inloggning", &[10, 12, 11]), need(111, "Konton", &[13, 16])];
        report.themes[1].needs = vec![need(112, "Arkivering", &[14])];
        report.tally();
        report
    }

    fn names<'a>(ranked: &[RankedNeed<'a>]) -> Vec<(&'a str, usize)> {
        ranked.iter().map(|item| (item.need.name.as_str(), item.sectors.len())).collect()
    }

    #[test]
    fn a_sector_counts_only_with_the_threshold_of_notes() {
        let report = ranked_sample();
        let at_two = report.need_ranking(2);
        assert_eq!(names(&at_two), [("Inloggning", 1), ("Konton", 0), ("Arkivering", 0)]);
        assert_eq!(at_two[0].sectors, ["Hälsa"], "Skola wrote one note: a stray note does not count");
        let at_one = report.need_ranking(1);
        assert_eq!(names(&at_one), [("Inloggning", 2), ("Konton", 2), ("Arkivering", 1)], "more notes first");
        assert_eq!(at_one[0].sectors, ["Hälsa", "Skola"], "most notes first");
        assert_eq!(names(&report.need_ranking(0)), names(&at_one), "a threshold of 0 is taken as 1");
    }

    #[test]
    fn the_ranking_sorts_by_each_column() {
        let mut report = ranked_sample();
        report.notes[4].supporters = 5; // note 14, Arkivering's
        report.tally();
        let mut ranked = report.need_ranking(1);
        sort_ranking(&mut ranked, RankColumn::Support(SupportKey::Supporters));
        assert_eq!(ranked[0].need.name, "Arkivering");
        assert_eq!(ranked[1].need.name, "Inloggning", "ties keep the ranking's order");
        sort_ranking(&mut ranked, RankColumn::Need);
        assert_eq!(
            names(&ranked).iter().map(|(n, _)| *n).collect::<Vec<_>>(),
            ["Arkivering", "Inloggning", "Konton"]
        );
        sort_ranking(&mut ranked, RankColumn::Theme);
        assert_eq!(ranked[0].theme.name, "Arkiv");
        sort_ranking(&mut ranked, RankColumn::Sectors);
        assert_eq!(ranked[2].need.name, "Arkivering");
    }

    #[test]
    fn marks_are_named_as_now_and_a_mark_whose_need_is_gone_says_so() {
        let report = ranked_sample();
        let mark = |kind, n, label: &str| PriorityMark { kind, id: id(n), label: label.into() };
        let marks = [
            mark(PriorityKind::Need, 111, "Konton i skolan"),
            mark(PriorityKind::Theme, 101, "Arkiv"),
            mark(PriorityKind::Need, 199, "Papperspost"),
        ];
        let areas = priority_areas(&marks, &report.themes);
        assert_eq!(areas[0].name, "Konton", "the need's name now");
        assert_eq!(
            (areas[0].theme_id, areas[0].theme_name.as_deref()),
            (Some(id(100)), Some("E-legitimation"))
        );
        assert!(!areas[0].gone && !areas[1].gone);
        assert_eq!((areas[2].name.as_str(), areas[2].gone), ("Papperspost", true));
        let (support, sectors) = report.priority_support(&areas[0], 1).unwrap();
        assert_eq!((support.notes, sectors.len()), (2, 2));
        assert_eq!(report.priority_support(&areas[1], 1).unwrap().1, ["Skola"]);
        assert_eq!(report.priority_support(&areas[2], 1), None);
        let theme_only = theme(102, "Utan behov", &[15]);
        assert!(!priority_areas(&[mark(PriorityKind::Theme, 102, "x")], &[theme_only])[0].gone);
    }

    #[test]
    fn kinds_read_back_from_their_slugs() {
        for kind in [PriorityKind::Need, PriorityKind::Theme] {
            assert_eq!(PriorityKind::from_slug(kind.slug()), Some(kind));
        }
        assert_eq!(PriorityKind::from_slug("workshop"), None);
    }
}
