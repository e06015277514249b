//! The revision report: themes with their notes and where each note came from, for one
//! workshop or a whole round.
//!
//! The server builds a [`Report`] once (leaving out names where a workshop is anonymous),
//! and everything else is derived from it by the pure functions here: the analyst's page,
//! its filters and charts, and every export format. So what an analyst sees and what they
//! export cannot disagree.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::model::ids::{NeedId, NoteId, RoundId, ThemeId, WorkshopId};

mod priority;
mod support;
pub use self::priority::{
    DEFAULT_SECTOR_THRESHOLD, PriorityArea, PriorityKind, PriorityMark, RankColumn, RankedNeed,
    priority_areas, sort_ranking,
};
pub use self::support::{Support, SupportKey, ThemeVoteDots, VotedTheme, credit_theme_votes};

/// Version of the JSON export's shape; bumped when a field changes meaning.
/// 2: a theme's `dots` became `support` (with its theme votes), and needs got theirs.
/// 3: a recurring theme's `previous_name` became `previous`, every theme of the previous
/// round it continues with their similarity.
/// (Since then a counterpart also says how many of its notes match, `notes_here` of
/// `notes`: new fields, no change of meaning.)
pub const REPORT_FORMAT_VERSION: u32 = 3;

/// A report of one workshop's themes or of a round's (clustered across its workshops).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub format_version: u32,
    pub scope: ReportScope,
    pub round: RoundRef,
    /// The round this one is compared with, if any.
    pub previous_round: Option<RoundRef>,
    /// When the report was made.
    pub generated_at: Timestamp,
    /// The needs and themes the round's analysts marked as priority areas, in the order
    /// marked (empty for a workshop's report).
    #[serde(default)]
    pub priority_areas: Vec<PriorityArea>,
    pub workshops: Vec<ReportWorkshop>,
    /// Largest first, the unsorted group last.
    pub themes: Vec<ReportTheme>,
    /// Every note of the report, in workshop and board order.
    pub notes: Vec<ReportNote>,
    /// Themes of the previous round that no theme of this round continues.
    pub no_longer_mentioned: Vec<PreviousTheme>,
}

/// What a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReportScope {
    Workshop { workshop_id: WorkshopId },
    Round,
}

/// A round, by id and title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundRef {
    pub id: RoundId,
    pub title: String,
}

/// A workshop as a report describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportWorkshop {
    pub id: WorkshopId,
    pub title: String,
    pub sector: String,
    pub held_on: Option<Date>,
    /// Names were not recorded for the report: notes carry no author.
    pub anonymous: bool,
}

/// Whether a round's theme was there in the previous round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Continuity {
    /// No previous round to compare with (or a workshop report).
    NotCompared,
    /// No theme of the previous round is alike in meaning.
    New,
    /// Continues one or more themes of the previous round (several where last year's themes
    /// were merged), most similar first.
    Recurring { previous: Vec<Counterpart> },
}

/// A theme of the previous round that a theme of this round continues, how alike in
/// meaning the two are (the cosine of their notes' centroids, 0 to 1), and how much of it
/// continues here: where last year's theme held this subject beside another, the reader sees
/// that only a part of it is meant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Counterpart {
    /// The previous round's theme as its reports show it.
    pub id: ThemeId,
    pub name: String,
    pub similarity: f32,
    /// Its notes that match a note of this theme (their closest note of this round is here,
    /// clearly closer than their unrelated ones) ...
    #[serde(default)]
    pub notes_here: usize,
    /// ... of all its notes.
    #[serde(default)]
    pub notes: usize,
}

/// Who gave a theme or need the name a report shows: what the analyst reads to know whose
/// words a round's name is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum NameFrom {
    /// The engine, from the words of its notes.
    #[default]
    Notes,
    /// The round's analyst renamed it.
    Analyst,
    /// The facilitator of `workshop` named the workshop theme or need it carries up (in a
    /// workshop's own report: that workshop's facilitator renamed it).
    Facilitator { workshop_id: WorkshopId, workshop: String },
}

/// A theme and its notes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportTheme {
    /// Stable across re-runs and, for round themes, across rounds.
    pub id: ThemeId,
    pub name: String,
    /// Who gave it its name.
    #[serde(default)]
    pub name_from: NameFrom,
    pub terms: Vec<String>,
    /// The "Other / unsorted" group.
    pub unsorted: bool,
    pub continuity: Continuity,
    pub note_ids: Vec<NoteId>,
    /// The needs its notes state, largest first (empty before needs existed).
    #[serde(default)]
    pub needs: Vec<ReportNeed>,
    /// Workshop themes whose theme-vote dots are credited to it (see [`credit_theme_votes`]).
    #[serde(default)]
    pub theme_votes: Vec<ThemeVoteDots>,
    /// Its figures, as [`Report::tally`] last counted them.
    #[serde(default)]
    pub support: Support,
}

/// A need of a theme: notes that state the same need, with a name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportNeed {
    pub id: NeedId,
    pub name: String,
    /// Who gave it its name.
    #[serde(default)]
    pub name_from: NameFrom,
    pub terms: Vec<String>,
    pub note_ids: Vec<NoteId>,
    /// Workshop themes whose theme-vote dots are credited to it (see [`credit_theme_votes`]).
    #[serde(default)]
    pub theme_votes: Vec<ThemeVoteDots>,
    /// Its figures, as [`Report::tally`] last counted them.
    #[serde(default)]
    pub support: Support,
}

/// A theme's notes grouped by need, as every view and export lists them: each need with its
/// notes, then (need `None`) the theme's notes in no need.
pub type NeedGroup<'a> = (Option<&'a ReportNeed>, Vec<&'a ReportNote>);

/// A theme of the previous round that this round no longer mentions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviousTheme {
    pub id: ThemeId,
    pub name: String,
    pub note_count: usize,
}

/// A note with its provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportNote {
    pub id: NoteId,
    pub workshop_id: WorkshopId,
    pub text: String,
    /// `None` when not given, or when the workshop is anonymous.
    pub author: Option<String>,
    pub organisation: Option<String>,
    pub created_at: Timestamp,
    pub edited_at: Option<Timestamp>,
    /// People who +1'd the note.
    #[serde(default)]
    pub supporters: i64,
    /// Dots the note got in votes.
    #[serde(default)]
    pub dots: i64,
}

/// Which part of a round to look at; empty means all of it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportFilter {
    pub sector: Option<String>,
    pub workshop: Option<WorkshopId>,
}

impl ReportFilter {
    /// Whether the filter keeps everything.
    pub fn is_empty(&self) -> bool {
        self.sector.is_none() && self.workshop.is_none()
    }

    /// The filter as URL query parameters (`sector=…&workshop=…`), empty when it keeps all.
    pub fn query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(sector) = &self.sector {
            parts.push(format!("sector={}", crate::web::encode_query_value(sector)));
        }
        if let Some(workshop) = self.workshop {
            parts.push(format!("workshop={workshop}"));
        }
        parts.join("&")
    }
}

/// What the analyst's page of a round shows and lets the caller change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundAnalysis {
    pub report: Report,
    /// When the whole round was last clustered (`None`: never).
    pub clustered_at: Option<Timestamp>,
    /// The granularity of that clustering, 0 (fewer themes) to 1 (more).
    pub granularity: f32,
    /// Rounds this one can be compared with.
    pub other_rounds: Vec<RoundRef>,
    /// Whether the caller may cluster the round and choose its comparison (an analyst only
    /// reads).
    pub can_manage: bool,
    /// The themes shown were built just now from the workshops' themes, because the round
    /// was never clustered: not stored, so not editable until someone clusters the round.
    #[serde(default)]
    pub provisional: bool,
    /// What the last rebuild of the round's themes changed (`None`: never rebuilt, only
    /// built once or never).
    #[serde(default)]
    pub rebuild: Option<RebuildChanges>,
}

/// What a rebuild of a round's themes changed, its themes compared with those before it by
/// the notes they hold (see `server::service::reports::rebuild`). Names are as shown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RebuildChanges {
    /// Themes holding just the notes one theme held before.
    pub unchanged: usize,
    /// Themes continuing one theme each, with notes added or taken away.
    pub changed: usize,
    /// Themes holding much of two or more earlier themes.
    pub merged: Vec<ThemeChange>,
    /// Earlier themes whose notes went in good part to two or more themes.
    pub split: Vec<ThemeChange>,
    /// Themes holding little of any earlier theme: new notes, or a few from here and there.
    pub new: Vec<String>,
    /// Earlier themes of which little or nothing is in any theme now.
    pub gone: Vec<String>,
}

impl RebuildChanges {
    /// Whether any theme is other than it was.
    pub fn any(&self) -> bool {
        self.changed > 0
            || !self.merged.is_empty()
            || !self.split.is_empty()
            || !self.new.is_empty()
            || !self.gone.is_empty()
    }
}

/// One theme of a merge or a split and the themes on the other side of it: for a merge
/// the theme now and the earlier ones it holds, for a split the earlier theme and those
/// its notes went to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeChange {
    pub name: String,
    pub others: Vec<String>,
}

/// How many notes of a theme came from one workshop, sector or organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    pub label: String,
    pub notes: usize,
}

/// Of `note_ids`, those of notes in `notes`, in their order: what is left of a theme when the
/// report leaves notes out (hidden, merged, or outside a filter).
pub fn notes_present(note_ids: &[NoteId], notes: &[ReportNote]) -> Vec<NoteId> {
    note_ids.iter().filter(|id| notes.iter().any(|n| n.id == **id)).copied().collect()
}

impl Report {
    /// The workshop with this id.
    pub fn workshop(&self, id: WorkshopId) -> Option<&ReportWorkshop> {
        self.workshops.iter().find(|w| w.id == id)
    }

    /// The note with this id.
    pub fn note(&self, id: NoteId) -> Option<&ReportNote> {
        self.notes.iter().find(|n| n.id == id)
    }

    /// A theme's notes, in report order.
    pub fn theme_notes<'a>(&'a self, theme: &'a ReportTheme) -> impl Iterator<Item = &'a ReportNote> + 'a {
        theme.note_ids.iter().filter_map(|id| self.note(*id))
    }

    /// A theme's notes grouped by need (see [`NeedGroup`]); empty groups are left out.
    pub fn need_groups<'a>(&'a self, theme: &'a ReportTheme) -> Vec<NeedGroup<'a>> {
        let mut groups: Vec<NeedGroup<'a>> = theme
            .needs
            .iter()
            .map(|need| (Some(need), need.note_ids.iter().filter_map(|id| self.note(*id)).collect()))
            .collect();
        let loose: Vec<&ReportNote> = self
            .theme_notes(theme)
            .filter(|note| !theme.needs.iter().any(|need| need.note_ids.contains(&note.id)))
            .collect();
        groups.push((None, loose));
        groups.retain(|(_, notes)| !notes.is_empty());
        groups
    }

    /// How many needs the report's themes hold.
    pub fn need_count(&self) -> usize {
        self.themes.iter().map(|theme| theme.needs.len()).sum()
    }

    /// The sectors of the report's workshops, sorted, each once.
    pub fn sectors(&self) -> Vec<String> {
        let mut sectors: Vec<String> = self.workshops.iter().map(|w| w.sector.clone()).collect();
        sectors.sort();
        sectors.dedup();
        sectors
    }

    /// The report narrowed to notes from the filter's sector and workshop. Themes keep only
    /// those notes; themes left empty drop out; support is counted again for what is left.
    /// Comparison marks stay as they are.
    pub fn filtered(&self, filter: &ReportFilter) -> Report {
        if filter.is_empty() {
            return self.clone();
        }
        let keep_workshop = |w: &ReportWorkshop| {
            filter.sector.as_ref().is_none_or(|s| &w.sector == s)
                && filter.workshop.is_none_or(|id| w.id == id)
        };
        let workshops: Vec<ReportWorkshop> =
            self.workshops.iter().filter(|w| keep_workshop(w)).cloned().collect();
        let notes: Vec<ReportNote> =
            self.notes.iter().filter(|n| workshops.iter().any(|w| w.id == n.workshop_id)).cloned().collect();
        let themes = self
            .themes
            .iter()
            .map(|theme| ReportTheme {
                note_ids: notes_present(&theme.note_ids, &notes),
                needs: theme
                    .needs
                    .iter()
                    .map(|need| ReportNeed {
                        note_ids: notes_present(&need.note_ids, &notes),
                        ..need.clone()
                    })
                    .filter(|need| !need.note_ids.is_empty())
                    .collect(),
                ..theme.clone()
            })
            .filter(|theme| !theme.note_ids.is_empty())
            .collect();
        let mut report = Report { workshops, notes, themes, ..self.clone() };
        report.tally();
        report
    }

    /// A theme's notes per workshop, in the report's workshop order (workshops with none
    /// included, so rows line up in a heatmap).
    pub fn counts_per_workshop(&self, theme: &ReportTheme) -> Vec<(WorkshopId, usize)> {
        self.workshops
            .iter()
            .map(|w| (w.id, self.theme_notes(theme).filter(|n| n.workshop_id == w.id).count()))
            .collect()
    }

    /// A theme's notes per sector, most first.
    pub fn counts_per_sector(&self, theme: &ReportTheme) -> Vec<Count> {
        ranked(self.theme_notes(theme).filter_map(|n| self.workshop(n.workshop_id)).map(|w| w.sector.clone()))
    }

    /// A theme's notes per organisation, most first; notes without one count under
    /// `unknown`.
    pub fn counts_per_organisation(&self, theme: &ReportTheme, unknown: &str) -> Vec<Count> {
        ranked(self.theme_notes(theme).map(|n| n.organisation.clone().unwrap_or_else(|| unknown.to_string())))
    }

    /// The `n` largest themes (the unsorted group left out) as (name, notes).
    pub fn largest_themes(&self, n: usize) -> Vec<(String, usize)> {
        let mut themes: Vec<(String, usize)> =
            self.themes.iter().filter(|t| !t.unsorted).map(|t| (t.name.clone(), t.note_ids.len())).collect();
        // Stable sort: equal sizes keep the report's order.
        themes.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
        themes.truncate(n);
        themes
    }

    /// Notes no theme holds (before the first clustering, all of them).
    pub fn notes_without_theme(&self) -> Vec<&ReportNote> {
        self.notes.iter().filter(|n| !self.themes.iter().any(|t| t.note_ids.contains(&n.id))).collect()
    }
}

/// Counts of each label, most first, then by label.
fn ranked(labels: impl Iterator<Item = String>) -> Vec<Count> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for label in labels {
        *counts.entry(label).or_default() += 1;
    }
    let mut counts: Vec<Count> = counts.into_iter().map(|(label, notes)| Count { label, notes }).collect();
    counts.sort_by(|a, b| b.notes.cmp(&a.notes).then_with(|| a.label.cmp(&b.label)));
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::fixed_id as id;

    fn workshop(n: u128, sector: &str) -> ReportWorkshop {
        ReportWorkshop {
            id: id(n),
            title: format!("Workshop {n}"),
            sector: sector.into(),
            held_on: None,
            anonymous: false,
        }
    }

    fn note(n: u128, workshop: u128, organisation: Option<&str>) -> ReportNote {
        ReportNote {
            id: id(n),
            workshop_id: id(workshop),
            text: format!("note {n}"),
            author: None,
            organisation: organisation.map(str::to_string),
            created_at: "2026-11-23T10:00:00Z".parse().unwrap(),
            edited_at: None,
            supporters: 0,
            dots: 0,
        }
    }

    pub(super) fn theme(n: u128, name: &str, notes: &[u128]) -> ReportTheme {
        ReportTheme {
            id: id(n),
            name: name.into(),
            name_from: NameFrom::Notes,
            terms: vec![],
            unsorted: false,
            continuity: Continuity::NotCompared,
            note_ids: notes.iter().map(|n| id(*n)).collect(),
            needs: vec![],
            theme_votes: vec![],
            support: Support::default(),
        }
    }

    pub(super) fn need(n: u128, name: &str, notes: &[u128]) -> ReportNeed {
        ReportNeed {
            id: id(n),
            name: name.into(),
            name_from: NameFrom::Notes,
            terms: vec![],
            note_ids: notes.iter().map(|n| id(*n)).collect(),
            theme_votes: vec![],
            support: Support::default(),
        }
    }

    pub(super) fn sample() -> Report {
        Report {
            format_version: REPORT_FORMAT_VERSION,
            scope: ReportScope::Round,
            round: RoundRef { id: id(900), title: "Omgång 2026".into() },
            previous_round: None,
            generated_at: "2026-11-23T12:00:00Z".parse().unwrap(),
            priority_areas: vec![],
            workshops: vec![workshop(1, "Hälsa"), workshop(2, "Skola"), workshop(3, "Hälsa")],
            themes: vec![theme(100, "E-legitimation", &[10, 11, 12, 13]), theme(101, "Arkiv", &[14])],
            notes: vec![
                note(10, 1, Some("Region Syd")),
                note(11, 2, Some("Skolverket")),
                note(12, 3, Some("Region Syd")),
                note(13, 3, None),
                note(14, 2, None),
                note(15, 1, None),
            ],
            no_longer_mentioned: vec![],
        }
    }

    #[test]
    fn counts_a_theme_per_workshop_sector_and_organisation() {
        let report = sample();
        let theme = &report.themes[0];
        assert_eq!(report.counts_per_workshop(theme), vec![(id(1), 1), (id(2), 1), (id(3), 2)]);
        let sectors = report.counts_per_sector(theme);
        assert_eq!(sectors[0], Count { label: "Hälsa".into(), notes: 3 });
        assert_eq!(sectors[1], Count { label: "Skola".into(), notes: 1 });
        let organisations = report.counts_per_organisation(theme, "(okänd)");
        assert_eq!(organisations[0], Count { label: "Region Syd".into(), notes: 2 });
        assert!(organisations.contains(&Count { label: "(okänd)".into(), notes: 1 }));
    }

    #[test]
    fn a_sector_filter_keeps_only_its_workshops_and_drops_emptied_themes() {
        let filtered = sample().filtered(&ReportFilter { sector: Some("Hälsa".into()), workshop: None });
        assert_eq!(filtered.workshops.iter().map(|w| w.id).collect::<Vec<_>>(), vec![id(1), id(3)]);
        assert_eq!(filtered.themes.len(), 1, "Arkiv only had a note from Skola");
        assert_eq!(filtered.themes[0].note_ids, vec![id(10), id(12), id(13)]);
        assert_eq!(filtered.notes.len(), 4);
    }

    #[test]
    fn notes_are_grouped_by_need_and_filters_reach_the_needs() {
        let mut report = sample();
        report.themes[0].needs = vec![
            need(110, "E-legitimation för medarbetare", &[10, 12]),
            need(111, "Inloggning i skolan", &[11]),
        ];
        let groups = report.need_groups(&report.themes[0]);
        let shape: Vec<(Option<&str>, usize)> =
            groups.iter().map(|(need, notes)| (need.map(|n| n.name.as_str()), notes.len())).collect();
        assert_eq!(
            shape,
            vec![(Some("E-legitimation för medarbetare"), 2), (Some("Inloggning i skolan"), 1), (None, 1)]
        );
        let filtered = report.filtered(&ReportFilter { sector: Some("Hälsa".into()), workshop: None });
        assert_eq!(filtered.themes[0].needs.len(), 1, "the Skola need is emptied by the filter");
        assert_eq!(filtered.need_count(), 1);
    }

    #[test]
    fn a_workshop_filter_keeps_one_workshop() {
        let filtered = sample().filtered(&ReportFilter { sector: None, workshop: Some(id(2)) });
        assert_eq!(filtered.notes.iter().map(|n| n.id).collect::<Vec<_>>(), vec![id(11), id(14)]);
        assert_eq!(filtered.themes.len(), 2);
    }

    #[test]
    fn largest_themes_leave_out_the_unsorted_group() {
        let mut report = sample();
        report.themes.push(ReportTheme { unsorted: true, ..theme(102, "Övrigt", &[15, 16, 17, 18, 19]) });
        assert_eq!(report.largest_themes(5), vec![("E-legitimation".into(), 4), ("Arkiv".into(), 1)]);
    }

    #[test]
    fn notes_without_theme_are_found() {
        let report = sample();
        assert_eq!(report.notes_without_theme().iter().map(|n| n.id).collect::<Vec<_>>(), vec![id(15)]);
    }

    #[test]
    fn filter_query_is_percent_encoded() {
        let filter = ReportFilter { sector: Some("Hälsa & vård".into()), workshop: Some(id(1)) };
        assert_eq!(
            filter.query(),
            format!("sector=H%C3%A4lsa%20%26%20v%C3%A5rd&workshop={}", id::<WorkshopId>(1)),
        );
        assert_eq!(ReportFilter::default().query(), "");
    }

    #[test]
    fn the_json_shape_round_trips() {
        let report = sample();
        let json = serde_json::to_string(&report).unwrap();
        assert!(json.contains("\"format_version\":3"));
        assert_eq!(serde_json::from_str::<Report>(&json).unwrap(), report);
    }
}
