//! A round's themes built on its workshops' themes as the facilitators left them (renamed,
//! moved, merged, locked): themes about the same thing from different workshops are joined
//! into one round theme, which then shows in which sectors it recurs. Only a workshop nobody
//! clustered is clustered here, in memory, to give it themes to start from.

use std::collections::HashMap;

use app::model::{Need, Theme};
use app::report::ReportNote;
use uuid::Uuid;

use crate::clustering::{self, Constraints, MatchNote, Settings, SourceGroup, join_groups};
use crate::nesting::EditError;
use crate::store::NoteText;
use crate::theming::{Split, clustering_inputs, needs_from};

/// What one workshop brings to its round: its themes (empty when never clustered) and its
/// notes in the round's report.
pub(crate) struct WorkshopThemes {
    pub workshop_id: Uuid,
    pub themes: Vec<Theme>,
}

/// The centroid similarity from which two workshops' themes (or needs) count as the same,
/// for a round granularity from 0.0 (join more: fewer, broader round themes) to 1.0. At
/// 0.5 it is the threshold that matches a theme with the previous round's.
pub(crate) fn join_threshold(granularity: f32) -> f32 {
    0.15 + 0.35 * granularity.clamp(0.0, 1.0)
}

/// The round's themes from its workshops' themes: each workshop's themes (or, for a
/// workshop never clustered, a clustering of its notes at the default grain) joined across
/// workshops at `granularity`, their needs likewise within each round theme. Every note of
/// `notes` is in exactly one round theme; notes no workshop theme holds, or that a
/// workshop left unsorted, form the unsorted group. Largest themes first, unsorted last.
pub(crate) fn build(
    workshops: &[WorkshopThemes],
    notes: &[ReportNote],
    vectors: &HashMap<Uuid, Vec<f32>>,
    granularity: f32,
) -> Vec<Theme> {
    let text_of: HashMap<Uuid, &str> = notes.iter().map(|note| (note.id, note.text.as_str())).collect();
    // Units to join: (source, theme, loose). A workshop's themes keep its index as their
    // source, so two of them are never joined.
    let mut units: Vec<(usize, Theme, bool)> = Vec::new();
    let mut left_unsorted: Vec<Uuid> = Vec::new();
    for (source, workshop) in workshops.iter().enumerate() {
        let themes = if workshop.themes.is_empty() {
            let own = notes.iter().filter(|note| note.workshop_id == workshop.workshop_id);
            cluster_alone(own, vectors, &Settings::default())
        } else {
            workshop.themes.clone()
        };
        for theme in themes {
            if theme.unsorted {
                left_unsorted.extend(theme.note_ids);
            } else {
                units.push((source, theme, false));
            }
        }
    }
    // The notes workshops left unsorted are clustered together across the round: themes
    // found among them join like any other (each a source of its own), and each note still
    // unsorted is loose, free to join any theme, or else stays unsorted.
    let mut next_source = workshops.len();
    // Two such notes about one thing are a theme here: they recur across the round.
    let pairs_count = Settings { min_theme_size: 2, ..Settings::default() };
    let unsorted_notes = notes.iter().filter(|note| left_unsorted.contains(&note.id));
    let among_unsorted = cluster_alone(unsorted_notes, vectors, &pairs_count);
    for theme in among_unsorted {
        if theme.unsorted {
            for note_id in theme.note_ids {
                units.push((next_source, loose_unit(note_id, text_of[&note_id]), true));
                next_source += 1;
            }
        } else {
            units.push((next_source, theme, false));
            next_source += 1;
        }
    }
    for (_, unit, _) in &mut units {
        unit.note_ids.retain(|id| text_of.contains_key(id));
        for need in &mut unit.needs {
            need.note_ids.retain(|id| text_of.contains_key(id));
        }
        unit.needs.retain(|need| !need.note_ids.is_empty());
    }
    units.retain(|(_, unit, _)| !unit.note_ids.is_empty());

    let threshold = join_threshold(granularity);
    let as_group = |source: usize, note_ids: &[Uuid]| SourceGroup {
        source,
        notes: note_ids
            .iter()
            .map(|id| MatchNote { text: text_of[id], vector: vectors.get(id).map(Vec::as_slice) })
            .collect(),
    };
    let groups: Vec<SourceGroup> =
        units.iter().map(|(source, unit, _)| as_group(*source, &unit.note_ids)).collect();
    let mut themes: Vec<Theme> = join_groups(&groups, threshold)
        .into_iter()
        // Loose notes that joined no workshop's theme stay unsorted.
        .filter(|set| set.iter().any(|&i| !units[i].2))
        .map(|set| {
            let members: Vec<(usize, &Theme)> = set.iter().map(|&i| (units[i].0, &units[i].1)).collect();
            round_theme(&members, |needs| {
                let groups: Vec<SourceGroup> =
                    needs.iter().map(|(source, need)| as_group(*source, &need.note_ids)).collect();
                join_groups(&groups, threshold)
            })
        })
        .collect();
    themes.sort_by(|a, b| b.note_ids.len().cmp(&a.note_ids.len()).then_with(|| a.name.cmp(&b.name)));

    let placed: std::collections::HashSet<Uuid> =
        themes.iter().flat_map(|t| t.note_ids.iter().copied()).collect();
    let unsorted: Vec<Uuid> = notes.iter().map(|note| note.id).filter(|id| !placed.contains(id)).collect();
    if !unsorted.is_empty() {
        themes.push(Theme {
            id: Uuid::new_v4(),
            lineage_id: None,
            name: clustering::UNSORTED_NAME_SV.to_owned(),
            name_locked: false,
            unsorted: true,
            terms: Vec::new(),
            example_note_id: unsorted.first().copied(),
            note_ids: unsorted,
            pinned_note_ids: Vec::new(),
            needs: Vec::new(),
        });
    }
    themes
}

/// A note a workshop left unsorted, as a unit of its own: no theme name (a named theme
/// always leads it), one need named by the note's text.
fn loose_unit(note_id: Uuid, text: &str) -> Theme {
    Theme {
        id: Uuid::new_v4(),
        lineage_id: None,
        name: String::new(),
        name_locked: false,
        unsorted: false,
        terms: Vec::new(),
        example_note_id: Some(note_id),
        note_ids: vec![note_id],
        pinned_note_ids: Vec::new(),
        needs: vec![Need {
            id: Uuid::new_v4(),
            name: text.chars().take(60).collect(),
            name_locked: false,
            terms: Vec::new(),
            example_note_id: Some(note_id),
            note_ids: vec![note_id],
        }],
    }
}

/// The themes `notes` get with `settings` (a workshop nobody clustered, or the notes
/// workshops left unsorted).
fn cluster_alone<'a>(
    notes: impl Iterator<Item = &'a ReportNote>,
    vectors: &HashMap<Uuid, Vec<f32>>,
    settings: &Settings,
) -> Vec<Theme> {
    let own: Vec<NoteText> = notes.map(NoteText::from).collect();
    if own.is_empty() {
        return Vec::new();
    }
    let result = clustering::cluster(&clustering_inputs(&own, vectors), settings, &Constraints::default());
    result
        .themes
        .into_iter()
        .map(|theme| Theme {
            id: Uuid::new_v4(),
            lineage_id: None,
            name: theme.name,
            name_locked: false,
            unsorted: theme.unsorted,
            terms: theme.terms,
            example_note_id: Uuid::parse_str(&theme.example_note_id).ok(),
            note_ids: theme.note_ids.iter().filter_map(|id| Uuid::parse_str(id).ok()).collect(),
            pinned_note_ids: Vec::new(),
            needs: needs_from(theme.needs, &[]),
        })
        .collect()
}

/// One round theme from workshop themes about the same thing (with their workshops'
/// indices): the notes of all; the name a person gave one of them (the largest such), or
/// else the largest one's; needs about the same thing joined by `join_needs` likewise.
fn round_theme(
    members: &[(usize, &Theme)],
    join_needs: impl Fn(&[(usize, &Need)]) -> Vec<Vec<usize>>,
) -> Theme {
    let leading = leading_by(
        members.iter().map(|(_, theme)| (theme.name_locked, !theme.name.is_empty(), theme.note_ids.len())),
    );
    let lead = &members[leading].1;
    let needs: Vec<(usize, &Need)> = members
        .iter()
        .flat_map(|(source, theme)| theme.needs.iter().map(move |need| (*source, need)))
        .collect();
    let mut round_needs: Vec<Need> = join_needs(&needs)
        .into_iter()
        .map(|set| {
            let parts: Vec<&Need> = set.iter().map(|&i| needs[i].1).collect();
            let lead = parts[leading_by(
                parts.iter().map(|need| (need.name_locked, !need.name.is_empty(), need.note_ids.len())),
            )];
            Need {
                id: Uuid::new_v4(),
                name: lead.name.clone(),
                name_locked: false,
                terms: lead.terms.clone(),
                example_note_id: lead.example_note_id,
                note_ids: parts.iter().flat_map(|need| need.note_ids.iter().copied()).collect(),
            }
        })
        .collect();
    round_needs.sort_by(|a, b| b.note_ids.len().cmp(&a.note_ids.len()).then_with(|| a.name.cmp(&b.name)));
    Theme {
        id: Uuid::new_v4(),
        lineage_id: None,
        name: lead.name.clone(),
        name_locked: false,
        unsorted: false,
        terms: lead.terms.clone(),
        example_note_id: lead.example_note_id,
        note_ids: members.iter().flat_map(|(_, theme)| theme.note_ids.iter().copied()).collect(),
        pinned_note_ids: Vec::new(),
        needs: round_needs,
    }
}

/// The index of the part whose name leads, from (named by a person, has a name, size):
/// named by a person first, then the largest with a name, then the first.
fn leading_by(parts: impl Iterator<Item = (bool, bool, usize)>) -> usize {
    parts.enumerate().max_by(|(i, a), (j, b)| a.cmp(b).then(j.cmp(i))).map_or(0, |(index, _)| index)
}

/// The round theme shown in reports as `shown_id` (its lineage, or its own id).
fn shown_mut(themes: &mut [Theme], shown_id: Uuid) -> Result<&mut Theme, EditError> {
    themes
        .iter_mut()
        .find(|theme| !theme.unsorted && theme.lineage_id.unwrap_or(theme.id) == shown_id)
        .ok_or(EditError::UnknownTarget)
}

/// An analyst names round theme `shown_id`; re-runs keep the name (see [`keep_analyst_names`]).
pub(crate) fn rename(themes: &mut [Theme], shown_id: Uuid, name: &str) -> Result<(), EditError> {
    let theme = shown_mut(themes, shown_id)?;
    theme.name = name.to_owned();
    theme.name_locked = true;
    Ok(())
}

/// Round theme `other` joins `kept`: its notes and needs come after `kept`'s own, `kept`
/// keeps its name and place.
pub(crate) fn merge(themes: &mut Vec<Theme>, kept: Uuid, other: Uuid) -> Result<(), EditError> {
    shown_mut(themes, kept)?;
    let gone = shown_mut(themes, other)?.id;
    let position = themes.iter().position(|theme| theme.id == gone).expect("found above");
    let other = themes.remove(position);
    let kept = shown_mut(themes, kept)?;
    kept.note_ids.extend(other.note_ids);
    kept.needs.extend(other.needs);
    Ok(())
}

/// Round theme `shown_id` is split as `split` says: the part's notes leave for a new theme
/// placed after it, and the staying part takes its new name (if any).
pub(crate) fn split(themes: &mut Vec<Theme>, shown_id: Uuid, split: Split) -> Result<(), EditError> {
    let Split { part, staying_name } = split;
    let original = shown_mut(themes, shown_id)?;
    crate::nesting::keep_notes_except(original, &part.note_ids);
    original.pinned_note_ids.clear();
    if let Some(name) = staying_name {
        original.name = name;
    }
    let id = original.id;
    let position = themes.iter().position(|theme| theme.id == id).expect("found above");
    themes.insert(position + 1, Theme { pinned_note_ids: Vec::new(), ..part });
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

    fn note(workshop: Uuid, text: &str) -> ReportNote {
        ReportNote {
            id: Uuid::new_v4(),
            workshop_id: workshop,
            text: text.to_owned(),
            author: None,
            organisation: None,
            created_at: "2026-11-28T05:00:00Z".into(),
            edited_at: None,
            supporters: 0,
            dots: 0,
        }
    }

    fn theme(name: &str, renamed: bool, notes: &[&ReportNote]) -> Theme {
        let note_ids: Vec<Uuid> = notes.iter().map(|note| note.id).collect();
        Theme {
            id: Uuid::new_v4(),
            lineage_id: None,
            name: name.to_owned(),
            name_locked: renamed,
            unsorted: false,
            terms: vec![],
            example_note_id: note_ids.first().copied(),
            needs: vec![Need {
                id: Uuid::new_v4(),
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
    fn the_same_theme_in_two_workshops_becomes_one_round_theme_under_the_facilitators_name() {
        let (health, school) = (Uuid::new_v4(), Uuid::new_v4());
        let notes = vec![
            note(health, "E-legitimation för anställda i vården"),
            note(health, "Personal saknar e-legitimation"),
            note(health, "Arkivering av journaler"),
            note(school, "E-legitimation för lärare och personal"),
            note(school, "E-legitimation för anställda utan personnummer"),
            note(school, "Digitalt arkiv för betyg"),
            note(school, "Något helt annat om lunchmenyn"),
        ];
        let workshops = vec![
            WorkshopThemes {
                workshop_id: health,
                themes: vec![
                    theme("E-legitimation för medarbetare", true, &[&notes[0], &notes[1]]),
                    theme("Arkiv", false, &[&notes[2]]),
                ],
            },
            WorkshopThemes {
                workshop_id: school,
                themes: vec![
                    theme("e-legitimation, personal", false, &[&notes[3], &notes[4]]),
                    theme("arkiv, betyg", false, &[&notes[5]]),
                ],
            },
        ];
        let themes = build(&workshops, &notes, &HashMap::new(), 0.5);
        let eleg = themes.iter().find(|t| t.note_ids.contains(&notes[0].id)).unwrap();
        assert_eq!(eleg.name, "E-legitimation för medarbetare", "the name a person gave leads");
        assert_eq!(eleg.note_ids.len(), 4, "{themes:#?}");
        assert_eq!(eleg.needs.len(), 1, "the same need from both workshops is one round need");
        let unsorted = themes.last().unwrap();
        assert!(unsorted.unsorted);
        assert_eq!(unsorted.note_ids, vec![notes[6].id], "a note no workshop theme holds");
        let all: usize = themes.iter().map(|t| t.note_ids.len()).sum();
        assert_eq!(all, notes.len(), "every note once");
    }

    #[test]
    fn a_workshop_never_clustered_is_clustered_alone_and_joins() {
        let (health, school) = (Uuid::new_v4(), Uuid::new_v4());
        let notes = vec![
            note(health, "E-legitimation för anställda"),
            note(health, "E-legitimation för personal i vården"),
            note(school, "E-legitimation för anställda i skolan"),
            note(school, "E-legitimation för lärare"),
        ];
        let workshops = vec![
            WorkshopThemes {
                workshop_id: health,
                themes: vec![theme("E-legitimation", true, &[&notes[0], &notes[1]])],
            },
            WorkshopThemes { workshop_id: school, themes: vec![] },
        ];
        let themes = build(&workshops, &notes, &HashMap::new(), 0.5);
        let eleg = themes.iter().find(|t| t.note_ids.contains(&notes[0].id)).unwrap();
        assert_eq!(eleg.name, "E-legitimation");
        assert!(eleg.note_ids.contains(&notes[2].id), "{themes:#?}");
    }

    #[test]
    fn an_analyst_renames_merges_and_splits_round_themes_by_the_ids_reports_show() {
        let notes: Vec<ReportNote> = (0..4).map(|i| note(Uuid::new_v4(), &format!("lapp {i}"))).collect();
        let mut eleg = theme("e-leg", false, &[&notes[0], &notes[1]]);
        let shown = Uuid::new_v4();
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
        let lineage = Uuid::new_v4();
        let mut earlier = theme("Behörighet", true, &[]);
        earlier.lineage_id = Some(lineage);
        let mut now = theme("e-legitimation, personal", false, &[]);
        now.lineage_id = Some(lineage);
        let mut themes = vec![now];
        keep_analyst_names(&mut themes, &[earlier]);
        assert_eq!(themes[0].name, "Behörighet");
        assert!(themes[0].name_locked);
    }
}
