//! A round's themes built on what the facilitators decided in its workshops: a theme a
//! facilitator named keeps its notes together, and so do notes a person placed (moved,
//! merged, locked); such groups about the same thing from different workshops are joined
//! into one round theme under the facilitator's name. Every other note is clustered across
//! the round as the engine finds best, free to join those themes. What the engine alone
//! grouped in a workshop carries no decision, so it does not bind the round: that would
//! bind the round's themes to each workshop's coarser grain (BENCHMARKS.md, "Round themes
//! from the workshops"). What an analyst merged or split at round level binds a re-run the
//! same way: those notes stay together, the halves of a split apart. A rebuild at the
//! round's own setting keeps every stored theme and need whole ([`Earlier::Keep`]): only
//! notes in none of them are grouped, joining a theme where they fit.

use std::collections::{BTreeMap, HashMap, HashSet};

use app::model::ids::{NoteId, ThemeId, WorkshopId};
use app::model::report::ReportNote;
use app::model::{Need, Theme};

use crate::clustering::{
    self, Constraints, LockedNeed, LockedTheme, MatchNote, NeedPin, Pin, Settings, SourceGroup, join_groups,
};
use crate::nesting::EditError;
use crate::service::engine::{Split, clustering_inputs, ids as engine_ids, needs_from};
use crate::store::NoteText;

/// The centroid similarity from which decided groups of two workshops count as the same
/// theme, for a round granularity from 0.0 (join more) to 1.0. At 0.5 it is about the
/// threshold that matches a theme with the previous round's.
pub fn join_threshold(granularity: f32) -> f32 {
    0.15 + 0.35 * granularity.clamp(0.0, 1.0)
}

/// What a build does with the round's stored themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Earlier {
    /// Every note is grouped afresh; only what an analyst merged, split or named binds the
    /// build (the round's first build, or a rebuild at another setting).
    Regroup,
    /// Each stored theme and need keeps the notes it still holds, its name and its id; only
    /// notes in none of them are grouped, joining a theme or need where they fit and forming
    /// new ones where they do not (a rebuild at the round's own setting: new notes placed,
    /// nothing the analyst has seen moved).
    Keep,
}

/// The round's themes (see the module's text) at `granularity`, from each workshop's themes
/// as its facilitator left them (empty when never clustered) and the round's `earlier` themes
/// (what an analyst merged or split there, and with [`Earlier::Keep`] every theme and need):
/// every note of `notes` in exactly one round theme, needs nested as clustering makes them.
pub fn build(
    workshops: &[Vec<Theme>],
    (earlier, mode): (&[Theme], Earlier),
    notes: &[ReportNote],
    vectors: &HashMap<NoteId, Vec<f32>>,
    granularity: f32,
) -> Vec<Theme> {
    let text_of: HashMap<NoteId, &str> = notes.iter().map(|note| (note.id, note.text.as_str())).collect();
    let analysts = analyst_groups(earlier, &text_of, mode);
    let held: HashSet<NoteId> = analysts.iter().flat_map(|group| group.note_ids.iter().copied()).collect();
    // What the analyst placed stays pinned in the result; what a kept theme merely held does not.
    let placed_by_analyst: HashSet<NoteId> = earlier
        .iter()
        .filter(|theme| !theme.unsorted)
        .flat_map(|theme| theme.pinned_note_ids.iter().copied())
        .filter(|id| text_of.contains_key(id))
        .collect();
    let mut decided = decided_groups(workshops, &text_of);
    let mut constraints = Constraints::default();
    for group in &analysts {
        let theme_id = ThemeId::random().to_string();
        for note_id in &group.note_ids {
            constraints.pins.push(Pin { note_id: note_id.to_string(), theme_id: theme_id.clone() });
        }
        // The analyst's name, else the name a facilitator gave most of these notes.
        let name = group.name.clone().or_else(|| {
            leading_name(decided.iter().map(|workshop| {
                let shared = workshop.note_ids.iter().filter(|id| group.note_ids.contains(id)).count();
                (workshop.name.as_ref(), shared)
            }))
        });
        if let Some(name) = name {
            constraints.locked.push(LockedTheme { theme_id, name });
        }
    }
    let earlier_needs: Vec<&Need> =
        earlier.iter().filter(|theme| !theme.unsorted).flat_map(|theme| &theme.needs).collect();
    if mode == Earlier::Keep {
        keep_needs(&earlier_needs, &text_of, &mut constraints);
    }
    // The analyst placed (or kept) these notes: the workshops' groups keep the rest.
    for group in &mut decided {
        group.note_ids.retain(|id| !held.contains(id));
    }
    decided.retain(|group| !group.note_ids.is_empty());
    let groups: Vec<SourceGroup> = decided
        .iter()
        .map(|group| SourceGroup {
            source: group.workshop,
            notes: group
                .note_ids
                .iter()
                .map(|id| MatchNote { text: text_of[id], vector: vectors.get(id).map(Vec::as_slice) })
                .collect(),
        })
        .collect();
    let rest = ungrouped_notes(&decided, notes, vectors);
    // Per joined set, the name its largest named group was given and that group's size.
    let mut facilitator_names: HashMap<String, (String, usize)> = HashMap::new();
    for set in join_groups(&groups, &rest, join_threshold(granularity)) {
        let theme_id = ThemeId::random().to_string();
        for &g in &set {
            for note_id in &decided[g].note_ids {
                constraints.pins.push(Pin { note_id: note_id.to_string(), theme_id: theme_id.clone() });
            }
        }
        let named = set.iter().map(|&g| (decided[g].name.as_ref(), decided[g].note_ids.len()));
        if let Some(name) = leading_name(named) {
            let size = set
                .iter()
                .filter(|&&g| decided[g].name.as_ref() == Some(&name))
                .map(|&g| decided[g].note_ids.len())
                .sum();
            facilitator_names.insert(theme_id, (name, size));
        }
    }
    let texts: Vec<NoteText> = notes.iter().map(NoteText::from).collect();
    let result = clustering::cluster(
        &clustering_inputs(&texts, vectors),
        &Settings::with_granularity(granularity),
        &constraints,
    );
    let mut themes: Vec<Theme> = result
        .themes
        .into_iter()
        .map(|theme| {
            let note_ids = engine_ids::read_all(&theme.note_ids, "a round theme's note");
            // Still the analyst's: the next re-run holds them where they are again.
            let pinned_note_ids =
                note_ids.iter().filter(|id| placed_by_analyst.contains(id)).copied().collect();
            Theme {
                id: ThemeId::random(),
                lineage_id: None,
                name: facilitator_name(&theme, &facilitator_names).unwrap_or(theme.name),
                name_locked: false,
                unsorted: theme.unsorted,
                terms: theme.terms,
                example_note_id: engine_ids::read(&theme.example_note_id, "a round theme's example"),
                note_ids,
                pinned_note_ids,
                needs: needs_from(theme.needs, &earlier_needs),
            }
        })
        .collect();
    carry_need_names(&mut themes, workshops, &text_of);
    themes.sort_by_key(|theme| (theme.unsorted, std::cmp::Reverse(theme.note_ids.len())));
    themes
}

/// A need a facilitator named in a workshop names the round need holding most of its notes
/// (more than half, so no two round needs take it), while those notes are at least half of
/// the round need: of several, the name over most of its notes (see [`leading_name`]). A
/// round need a person named keeps its name; one no facilitator's need fits keeps the
/// engine's.
fn carry_need_names(themes: &mut [Theme], workshops: &[Vec<Theme>], text_of: &HashMap<NoteId, &str>) {
    let named: Vec<(&String, Vec<NoteId>)> = workshops
        .iter()
        .flatten()
        .filter(|theme| !theme.unsorted)
        .flat_map(|theme| &theme.needs)
        .filter(|need| need.name_locked)
        .map(|need| {
            let present = need.note_ids.iter().copied().filter(|id| text_of.contains_key(id)).collect();
            (&need.name, present)
        })
        .filter(|(_, present): &(_, Vec<NoteId>)| !present.is_empty())
        .collect();
    if named.is_empty() {
        return;
    }
    let needs = themes.iter_mut().filter(|theme| !theme.unsorted).flat_map(|theme| &mut theme.needs);
    for need in needs.filter(|need| !need.name_locked) {
        let held: HashSet<NoteId> = need.note_ids.iter().copied().collect();
        let fitting = named.iter().map(|(name, note_ids)| {
            let shared = note_ids.iter().filter(|id| held.contains(id)).count();
            let carries = 2 * shared > note_ids.len() && 2 * shared >= held.len();
            (carries.then_some(*name), shared)
        });
        if let Some(name) = leading_name(fitting) {
            need.name = name;
        }
    }
}

/// The name a facilitator gave the group(s) `theme` grew from, when it is theirs: their
/// notes under that name are at least half of the theme. A theme that grew well beyond
/// (one workshop's "cloud services in school" joined by the cloud notes of every sector)
/// keeps the name the engine gave its notes as a whole.
fn facilitator_name(theme: &clustering::Theme, names: &HashMap<String, (String, usize)>) -> Option<String> {
    let (name, named_notes) = names.get(theme.id.as_ref()?)?;
    (2 * named_notes >= theme.note_ids.len()).then(|| name.clone())
}

/// Per workshop with decided groups, its notes in none of them: where a group's notes may
/// find closer notes than in another workshop's group (see [`join_groups`]).
fn ungrouped_notes<'a>(
    decided: &[DecidedGroup],
    notes: &'a [ReportNote],
    vectors: &'a HashMap<NoteId, Vec<f32>>,
) -> Vec<SourceGroup<'a>> {
    let workshop_of: HashMap<NoteId, WorkshopId> =
        notes.iter().map(|note| (note.id, note.workshop_id)).collect();
    let source_of: HashMap<WorkshopId, usize> = decided
        .iter()
        .filter_map(|group| Some((*workshop_of.get(group.note_ids.first()?)?, group.workshop)))
        .collect();
    let grouped: HashSet<NoteId> = decided.iter().flat_map(|group| group.note_ids.iter().copied()).collect();
    let mut rest: BTreeMap<usize, Vec<MatchNote>> = BTreeMap::new();
    for note in notes.iter().filter(|note| !grouped.contains(&note.id)) {
        if let Some(&source) = source_of.get(&note.workshop_id) {
            let vector = vectors.get(&note.id).map(Vec::as_slice);
            rest.entry(source).or_default().push(MatchNote { text: &note.text, vector });
        }
    }
    rest.into_iter().map(|(source, notes)| SourceGroup { source, notes }).collect()
}

/// The name that leads among `(name, notes)` candidates: the one over most notes (none
/// over no note), the alphabetically first on a tie; unnamed candidates never lead.
fn leading_name<'a>(candidates: impl Iterator<Item = (Option<&'a String>, usize)>) -> Option<String> {
    candidates
        .filter_map(|(name, notes)| Some((name?, notes)).filter(|(_, notes)| *notes > 0))
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(name, _)| name.clone())
}

/// Notes of one workshop a person decided belong together, and the name they gave them.
struct DecidedGroup {
    workshop: usize,
    /// `Some` when a facilitator named the theme.
    name: Option<String>,
    note_ids: Vec<NoteId>,
}

/// Notes of a round theme an analyst merged or split, and the name they gave it.
struct AnalystGroup {
    name: Option<String>,
    note_ids: Vec<NoteId>,
}

/// Notes an analyst placed together in a round theme (by merging or splitting, see
/// [`merge`] and [`split`]), with the name they gave it; with [`Earlier::Keep`], every
/// stored theme's notes under its name as shown. Only notes still in the round.
fn analyst_groups(earlier: &[Theme], text_of: &HashMap<NoteId, &str>, mode: Earlier) -> Vec<AnalystGroup> {
    earlier
        .iter()
        .filter(|theme| !theme.unsorted)
        .map(|theme| {
            let (name, notes) = match mode {
                Earlier::Regroup => (theme.name_locked.then(|| theme.name.clone()), &theme.pinned_note_ids),
                Earlier::Keep => (Some(theme.name.clone()), &theme.note_ids),
            };
            AnalystGroup {
                name,
                note_ids: notes.iter().copied().filter(|id| text_of.contains_key(id)).collect(),
            }
        })
        .filter(|group| !group.note_ids.is_empty())
        .collect()
}

/// Pins the notes of each stored need still in the round to it, under its name: the need
/// keeps its id, name and notes, and new notes may join it.
fn keep_needs(needs: &[&Need], text_of: &HashMap<NoteId, &str>, constraints: &mut Constraints) {
    for need in needs {
        let need_id = need.id.to_string();
        let present: Vec<&NoteId> = need.note_ids.iter().filter(|id| text_of.contains_key(id)).collect();
        if present.is_empty() {
            continue;
        }
        for note_id in present {
            constraints.need_pins.push(NeedPin { note_id: note_id.to_string(), need_id: need_id.clone() });
        }
        constraints.locked_needs.push(LockedNeed { need_id, name: need.name.clone() });
    }
}

/// Per workshop theme, the notes a person decided on: all of a theme they named (naming it
/// accepts what it holds), otherwise those they placed (moved, merged into it, locked);
/// only notes in the round's report (`text_of`).
fn decided_groups(workshops: &[Vec<Theme>], text_of: &HashMap<NoteId, &str>) -> Vec<DecidedGroup> {
    let mut groups = Vec::new();
    for (workshop, themes) in workshops.iter().enumerate() {
        for theme in themes.iter().filter(|theme| !theme.unsorted) {
            let chosen = if theme.name_locked { &theme.note_ids } else { &theme.pinned_note_ids };
            let note_ids: Vec<NoteId> =
                chosen.iter().copied().filter(|id| text_of.contains_key(id)).collect();
            if !note_ids.is_empty() {
                groups.push(DecidedGroup {
                    workshop,
                    name: theme.name_locked.then(|| theme.name.clone()),
                    note_ids,
                });
            }
        }
    }
    groups
}

/// The round theme shown in reports as `shown_id` (its lineage, or its own id).
fn shown_mut(themes: &mut [Theme], shown_id: ThemeId) -> Result<&mut Theme, EditError> {
    themes
        .iter_mut()
        .find(|theme| !theme.unsorted && theme.lineage_id.unwrap_or(theme.id) == shown_id)
        .ok_or(EditError::UnknownTarget)
}

/// An analyst names round theme `shown_id`; re-runs keep the name (see [`keep_analyst_names`]).
pub(crate) fn rename(themes: &mut [Theme], shown_id: ThemeId, name: &str) -> Result<(), EditError> {
    let theme = shown_mut(themes, shown_id)?;
    theme.name = name.to_owned();
    theme.name_locked = true;
    Ok(())
}

/// Round theme `other` joins `kept`: its notes and needs come after `kept`'s own, `kept`
/// keeps its name and place, and re-runs keep them together (all its notes are pinned).
pub(crate) fn merge(themes: &mut Vec<Theme>, kept: ThemeId, other: ThemeId) -> Result<(), EditError> {
    shown_mut(themes, kept)?;
    let gone = shown_mut(themes, other)?.id;
    let position = themes.iter().position(|theme| theme.id == gone).expect("found above");
    let other = themes.remove(position);
    let kept = shown_mut(themes, kept)?;
    kept.note_ids.extend(other.note_ids);
    kept.needs.extend(other.needs);
    kept.pinned_note_ids = kept.note_ids.clone();
    Ok(())
}

/// Round theme `shown_id` is split as `split` says: the part's notes leave for a new theme
/// placed after it, and the staying part takes its new name (if any). Re-runs keep the
/// halves apart (each half's notes are pinned to it).
pub(crate) fn split(themes: &mut Vec<Theme>, shown_id: ThemeId, split: Split) -> Result<(), EditError> {
    let Split { part, staying_name } = split;
    let original = shown_mut(themes, shown_id)?;
    crate::nesting::keep_notes_except(original, &part.note_ids);
    original.pinned_note_ids = original.note_ids.clone();
    if let Some(name) = staying_name {
        original.name = name;
    }
    let id = original.id;
    let position = themes.iter().position(|theme| theme.id == id).expect("found above");
    themes.insert(position + 1, Theme { pinned_note_ids: part.note_ids.clone(), ..part });
    Ok(())
}

/// Names an analyst gave in an earlier run carry over to the round theme continuing it
/// (same lineage, see `reporting::inherit_lineage`).
pub(crate) fn keep_analyst_names(themes: &mut [Theme], earlier: &[Theme]) {
    for theme in themes.iter_mut().filter(|theme| !theme.unsorted) {
        let lineage = theme.lineage_id.unwrap_or(theme.id);
        if let Some(named) = earlier
            .iter()
            .find(|before| before.name_locked && before.lineage_id.unwrap_or(before.id) == lineage)
        {
            theme.name = named.name.clone();
            theme.name_locked = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::reports::fixtures::note_in as note;
    use app::model::ids::NeedId;
    use app::model::report::NameFrom;

    fn theme(name: &str, renamed: bool, notes: &[&ReportNote]) -> Theme {
        let note_ids: Vec<NoteId> = notes.iter().map(|note| note.id).collect();
        Theme {
            id: ThemeId::random(),
            lineage_id: None,
            name: name.to_owned(),
            name_locked: renamed,
            unsorted: false,
            terms: vec![],
            example_note_id: note_ids.first().copied(),
            needs: vec![Need {
                id: NeedId::random(),
                name: name.to_owned(),
                name_locked: false,
                terms: vec![],
                example_note_id: note_ids.first().copied(),
                note_ids: note_ids.clone(),
            }],
            note_ids,
            pinned_note_ids: vec![],
        }
    }

    #[test]
    fn named_themes_of_two_workshops_become_one_round_theme_under_a_facilitators_name() {
        let (health, school) = (WorkshopId::random(), WorkshopId::random());
        let notes = vec![
            note(health, "E-legitimation för anställda i vården"),
            note(health, "Personal saknar e-legitimation"),
            note(health, "Arkivering av journaler i ett e-arkiv"),
            note(school, "E-legitimation för lärare och personal"),
            note(school, "E-legitimation för anställda utan personnummer"),
            note(school, "Digitalt e-arkiv för betyg"),
        ];
        let workshops = vec![
            vec![
                theme("E-legitimation för medarbetare", true, &[&notes[0], &notes[1]]),
                theme("Arkiv", false, &[&notes[2]]),
            ],
            vec![
                theme("Inloggning", true, &[&notes[3]]),
                theme("arkiv, betyg", false, &[&notes[4], &notes[5]]),
            ],
        ];
        let themes = build(&workshops, (&[], Earlier::Regroup), &notes, &HashMap::new(), 0.5);
        let eleg = themes.iter().find(|t| t.note_ids.contains(&notes[0].id)).unwrap();
        assert_eq!(eleg.name, "E-legitimation för medarbetare", "the larger named group's name leads");
        assert!(eleg.note_ids.contains(&notes[3].id), "named groups about one thing are joined: {themes:#?}");
        let all: usize = themes.iter().map(|t| t.note_ids.len()).sum();
        assert_eq!(all, notes.len(), "every note once");
    }

    #[test]
    fn a_facilitators_name_stays_only_while_their_notes_are_half_the_round_theme() {
        let engine_theme = |notes: usize| clustering::Theme {
            id: Some("pinned".into()),
            name: "Molntjänster".into(),
            terms: vec![],
            example_note_id: "0".into(),
            note_ids: (0..notes).map(|i| i.to_string()).collect(),
            needs: vec![],
            unsorted: false,
        };
        let names =
            HashMap::from([("pinned".to_string(), ("Molntjänster och CLOUD Act i skolan".to_string(), 5))]);
        assert_eq!(
            facilitator_name(&engine_theme(8), &names).as_deref(),
            Some("Molntjänster och CLOUD Act i skolan")
        );
        assert_eq!(
            facilitator_name(&engine_theme(16), &names),
            None,
            "the cloud notes of every sector joined the school's five: the engine names them as a whole"
        );
    }

    #[test]
    fn a_re_run_keeps_what_the_analyst_merged_together_and_what_they_split_apart() {
        let (health, school) = (WorkshopId::random(), WorkshopId::random());
        let notes = vec![
            note(health, "E-legitimation för anställda i vården"),
            note(health, "Personal saknar e-legitimation"),
            note(health, "Arkivering av journaler i ett e-arkiv"),
            note(school, "E-legitimation för lärare och personal"),
            note(school, "Digitalt e-arkiv för betyg"),
            note(school, "Arkivera elevernas betyg digitalt"),
        ];
        let workshops = vec![vec![theme("Inloggning för personal", true, &[&notes[0], &notes[1]])], vec![]];
        let first = build(&workshops, (&[], Earlier::Regroup), &notes, &HashMap::new(), 0.5);
        let theme_of = |themes: &[Theme], note: &ReportNote| {
            themes.iter().find(|t| t.note_ids.contains(&note.id)).unwrap().id
        };
        assert_ne!(theme_of(&first, &notes[0]), theme_of(&first, &notes[2]), "two topics: {first:#?}");

        // The analyst merges the archive theme into the e-legitimation theme: a re-run keeps it.
        let mut merged = first.clone();
        let (eleg, archive) = (theme_of(&first, &notes[0]), theme_of(&first, &notes[2]));
        merge(&mut merged, eleg, archive).unwrap();
        let rerun = build(&workshops, (&merged, Earlier::Regroup), &notes, &HashMap::new(), 0.5);
        assert_eq!(
            theme_of(&rerun, &notes[0]),
            theme_of(&rerun, &notes[5]),
            "merged stays merged: {rerun:#?}"
        );
        let kept = rerun.iter().find(|t| t.note_ids.contains(&notes[0].id)).unwrap();
        assert_eq!(kept.name, "Inloggning för personal", "the facilitator's name still leads");
        assert_eq!(kept.pinned_note_ids.len(), notes.len(), "and binds the next re-run too");

        // A split the engine would undo at a coarse granularity stays split.
        let mut split_up = rerun.clone();
        let whole = split_up.iter().find(|t| t.note_ids.contains(&notes[0].id)).unwrap().clone();
        let part = Theme {
            id: ThemeId::random(),
            name: "E-arkiv".into(),
            note_ids: vec![notes[2].id, notes[4].id, notes[5].id],
            needs: vec![],
            ..whole.clone()
        };
        split(&mut split_up, whole.id, Split { part, staying_name: None }).unwrap();
        let coarse = build(&workshops, (&split_up, Earlier::Regroup), &notes, &HashMap::new(), 0.0);
        assert_ne!(
            theme_of(&coarse, &notes[0]),
            theme_of(&coarse, &notes[2]),
            "split stays split: {coarse:#?}"
        );
        assert_eq!(theme_of(&coarse, &notes[2]), theme_of(&coarse, &notes[5]));
        let all: usize = coarse.iter().map(|t| t.note_ids.len()).sum();
        assert_eq!(all, notes.len(), "every note once");
    }

    #[test]
    fn a_rebuild_at_the_same_setting_keeps_every_theme_and_need_and_places_new_notes() {
        let workshop = WorkshopId::random();
        let mut notes = vec![
            note(workshop, "E-legitimation för anställda i vården"),
            note(workshop, "Personal saknar e-legitimation"),
            note(workshop, "Arkivering av journaler i ett e-arkiv"),
            note(workshop, "Digitalt e-arkiv för betyg"),
        ];
        // Stored themes as no engine would group them: a kept theme is kept as it is.
        let odd = theme("Blandat", false, &[&notes[0], &notes[2]]);
        let other = theme("Resten", false, &[&notes[1], &notes[3]]);
        let earlier = vec![odd.clone(), other.clone()];
        let untouched = vec![Vec::new()];
        let same = build(&untouched, (&earlier, Earlier::Keep), &notes, &HashMap::new(), 0.5);
        let kept = |themes: &[Theme], before: &Theme| {
            themes.iter().find(|t| t.note_ids.contains(&before.note_ids[0])).unwrap().clone()
        };
        for before in &earlier {
            let now = kept(&same, before);
            assert_eq!(now.name, before.name, "the name as the analyst saw it: {same:#?}");
            let mut ids = now.note_ids.clone();
            ids.sort();
            let mut expected = before.note_ids.clone();
            expected.sort();
            assert_eq!(ids, expected, "the same notes");
            assert_eq!(now.needs.len(), 1);
            assert_eq!(now.needs[0].id, before.needs[0].id, "the need keeps its id");
            assert!(now.pinned_note_ids.is_empty(), "keeping is no analyst decision");
        }

        // A new note joins the theme that fits; nothing else moves.
        notes.push(note(workshop, "Arkivering av journaler i e-arkivet"));
        let placed = build(&untouched, (&earlier, Earlier::Keep), &notes, &HashMap::new(), 0.5);
        assert_eq!(kept(&placed, &odd).note_ids.len(), 3, "placed with its paraphrase: {placed:#?}");
        assert_eq!(kept(&placed, &other).note_ids.len(), 2);
        let all: usize = placed.iter().map(|t| t.note_ids.len()).sum();
        assert_eq!(all, notes.len(), "every note once");

        // Regrouping lets the engine undo what no one decided.
        let afresh = build(&untouched, (&earlier, Earlier::Regroup), &notes, &HashMap::new(), 0.5);
        assert!(afresh.iter().all(|t| t.name != "Blandat"), "{afresh:#?}");
    }

    #[test]
    fn what_the_engine_alone_grouped_does_not_bind_the_round() {
        let (health, school) = (WorkshopId::random(), WorkshopId::random());
        let notes = [
            note(health, "E-legitimation för anställda"),
            note(health, "Digitalt arkiv för journaler"),
            note(school, "E-legitimation för lärare"),
            note(school, "Digitalt arkiv för betyg"),
        ];
        // The health workshop's engine put both topics in one theme nobody touched.
        let workshops = vec![vec![theme("blandat", false, &[&notes[0], &notes[1]])], vec![]];
        let decided = decided_groups(&workshops, &notes.iter().map(|n| (n.id, n.text.as_str())).collect());
        assert!(decided.is_empty(), "no decision to keep");
        let mut placed = theme("blandat", false, &[&notes[0], &notes[1]]);
        placed.pinned_note_ids = vec![notes[1].id];
        let workshops = vec![vec![placed]];
        let decided = decided_groups(&workshops, &notes.iter().map(|n| (n.id, n.text.as_str())).collect());
        assert_eq!(decided.len(), 1);
        assert_eq!(decided[0].note_ids, vec![notes[1].id], "only the note a person placed");
    }

    #[test]
    fn an_analyst_renames_merges_and_splits_round_themes_by_the_ids_reports_show() {
        let notes: Vec<ReportNote> =
            (0..4).map(|i| note(WorkshopId::random(), &format!("lapp {i}"))).collect();
        let mut eleg = theme("e-leg", false, &[&notes[0], &notes[1]]);
        let shown = ThemeId::random();
        eleg.lineage_id = Some(shown);
        let archive = theme("arkiv", false, &[&notes[2], &notes[3]]);
        let archive_id = archive.id;
        let mut themes = vec![eleg, archive];

        rename(&mut themes, shown, "E-legitimation för medarbetare").unwrap();
        assert_eq!(themes[0].name, "E-legitimation för medarbetare");
        assert!(themes[0].name_locked);
        let own_id = themes[0].id;
        assert_eq!(
            rename(&mut themes, own_id, "x"),
            Err(EditError::UnknownTarget),
            "reports show the lineage"
        );

        merge(&mut themes, shown, archive_id).unwrap();
        assert_eq!(themes.len(), 1);
        assert_eq!(themes[0].note_ids.len(), 4);
        assert_eq!(themes[0].needs.len(), 2);

        let part = theme("arkiv igen", false, &[&notes[2], &notes[3]]);
        split(&mut themes, shown, Split { part, staying_name: Some("e-leg igen".into()) }).unwrap();
        assert_eq!(themes[0].name, "e-leg igen");
        assert_eq!(themes.len(), 2);
        assert_eq!(themes[0].note_ids, vec![notes[0].id, notes[1].id]);
        assert_eq!(themes[1].name, "arkiv igen");
    }

    #[test]
    fn an_analysts_name_carries_over_to_the_theme_continuing_it() {
        let lineage = ThemeId::random();
        let mut earlier = theme("Behörighet", true, &[]);
        earlier.lineage_id = Some(lineage);
        let mut now = theme("e-legitimation, personal", false, &[]);
        now.lineage_id = Some(lineage);
        let mut themes = vec![now];
        keep_analyst_names(&mut themes, &[earlier]);
        assert_eq!(themes[0].name, "Behörighet");
        assert!(themes[0].name_locked);
    }

    /// `theme` whose one need a facilitator renamed `need_name`.
    fn with_named_need(mut theme: Theme, need_name: &str) -> Theme {
        theme.needs[0].name = need_name.to_owned();
        theme.needs[0].name_locked = true;
        theme
    }

    #[test]
    fn a_facilitators_need_name_becomes_the_round_needs_and_says_which_workshop() {
        let (health, school) = (WorkshopId::random(), WorkshopId::random());
        let notes = vec![
            note(health, "E-legitimation för anställda i vården"),
            note(health, "Personal saknar e-legitimation"),
            note(health, "E-legitimation för vikarier i vården"),
            note(school, "Wifi räcker inte i klassrummen"),
            note(school, "Wifi i klassrummen fungerar dåligt"),
        ];
        let health_need = theme("E-legitimation", true, &[&notes[0], &notes[1], &notes[2]]);
        let workshops = vec![
            vec![with_named_need(health_need, "Inloggning för vårdpersonal")],
            vec![theme("Wifi", false, &[&notes[3], &notes[4]])],
        ];
        let themes = build(&workshops, (&[], Earlier::Regroup), &notes, &HashMap::new(), 0.5);
        let need = themes.iter().flat_map(|t| &t.needs).find(|n| n.note_ids.contains(&notes[0].id)).unwrap();
        assert_eq!(need.name, "Inloggning för vårdpersonal", "{themes:#?}");
        let other = themes.iter().flat_map(|t| &t.needs).find(|n| n.note_ids.contains(&notes[3].id)).unwrap();
        assert_ne!(other.name, "Inloggning för vårdpersonal", "one round need takes the name");

        let titled = |id, title: &str| app::model::report::ReportWorkshop {
            id,
            title: title.into(),
            sector: "Kommun".into(),
            held_on: None,
            anonymous: false,
        };
        let named = vec![
            (titled(health, "Vård och omsorg"), workshops[0].clone()),
            (titled(school, "Skola"), workshops[1].clone()),
        ];
        let origins = super::super::name_origin::NameOrigins::of_round(&named);
        assert_eq!(
            origins.need(need),
            NameFrom::Facilitator { workshop_id: health, workshop: "Vård och omsorg".into() }
        );
        assert_eq!(origins.need(other), NameFrom::Notes, "the engine named the wifi notes");
        let eleg = themes.iter().find(|t| t.note_ids.contains(&notes[0].id)).unwrap();
        assert_eq!(
            origins.theme(eleg),
            NameFrom::Facilitator { workshop_id: health, workshop: "Vård och omsorg".into() },
            "the facilitator's theme name, carried up: {eleg:#?}"
        );
        let mut renamed = eleg.clone();
        let shown = renamed.id;
        rename(std::slice::from_mut(&mut renamed), shown, "Behörighet").unwrap();
        assert_eq!(origins.theme(&renamed), NameFrom::Analyst);
    }

    #[test]
    fn a_named_need_names_no_round_need_it_barely_touches() {
        let notes: Vec<NoteId> = (0..8).map(|_| NoteId::random()).collect();
        let text_of: HashMap<NoteId, &str> = notes.iter().map(|id| (*id, "lapp")).collect();
        let round_need = |name: &str| Theme {
            needs: vec![Need {
                name: name.into(),
                note_ids: notes[..4].to_vec(),
                ..theme("", false, &[]).needs[0].clone()
            }],
            note_ids: notes[..4].to_vec(),
            ..theme("Tema", false, &[])
        };
        let named_need = |name: &str, note_ids: &[NoteId]| Theme {
            needs: vec![Need {
                name: name.into(),
                name_locked: true,
                note_ids: note_ids.to_vec(),
                ..theme("", false, &[]).needs[0].clone()
            }],
            note_ids: note_ids.to_vec(),
            ..theme("Tema", false, &[])
        };
        let carried = |workshop: Vec<Theme>| {
            let mut themes = vec![round_need("motorns namn")];
            carry_need_names(&mut themes, &[workshop], &text_of);
            themes[0].needs[0].name.clone()
        };
        // One of its four notes in the round need: it is about something else.
        assert_eq!(
            carried(vec![named_need("Skolans wifi", &[notes[3], notes[4], notes[5], notes[6]])]),
            "motorns namn"
        );
        // Wholly inside, but a quarter of the round need: its name would not cover it.
        assert_eq!(carried(vec![named_need("Vikarier", &[notes[0]])]), "motorns namn");
        assert_eq!(
            carried(vec![named_need("Vikarier", &[notes[0]]), named_need("E-legitimation", &notes[1..4])]),
            "E-legitimation",
            "the named need that covers most of it"
        );
        let mut by_a_person = vec![round_need("Analytikerns namn")];
        by_a_person[0].needs[0].name_locked = true;
        carry_need_names(&mut by_a_person, &[vec![named_need("E-legitimation", &notes[..4])]], &text_of);
        assert_eq!(by_a_person[0].needs[0].name, "Analytikerns namn", "a person's own name for it wins");
    }
}
