//! A round's themes built on its workshops' themes as the facilitators left them (renamed,
//! moved, merged, locked): themes about the same thing from different workshops are joined
//! into one round theme, which then shows in which sectors it recurs. Only a workshop nobody
//! clustered is clustered here, in memory, to give it themes to start from.

use std::collections::HashMap;

use app::model::{Need, Theme};
use app::report::ReportNote;
use uuid::Uuid;

use crate::clustering::{self, Constraints, MatchNote, Settings, SourceGroup, join_groups};
use crate::store::NoteText;
use crate::theming::{clustering_inputs, needs_from};

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
    let mut units: Vec<(usize, Theme)> = Vec::new();
    for (source, workshop) in workshops.iter().enumerate() {
        let themes = if workshop.themes.is_empty() {
            cluster_alone(workshop.workshop_id, notes, vectors)
        } else {
            workshop.themes.clone()
        };
        units.extend(themes.into_iter().filter(|theme| !theme.unsorted).map(|theme| (source, theme)));
    }
    for (_, unit) in &mut units {
        unit.note_ids.retain(|id| text_of.contains_key(id));
        for need in &mut unit.needs {
            need.note_ids.retain(|id| text_of.contains_key(id));
        }
        unit.needs.retain(|need| !need.note_ids.is_empty());
    }
    units.retain(|(_, unit)| !unit.note_ids.is_empty());

    let threshold = join_threshold(granularity);
    let as_group = |source: usize, note_ids: &[Uuid]| SourceGroup {
        source,
        notes: note_ids
            .iter()
            .map(|id| MatchNote { text: text_of[id], vector: vectors.get(id).map(Vec::as_slice) })
            .collect(),
    };
    let groups: Vec<SourceGroup> =
        units.iter().map(|(source, unit)| as_group(*source, &unit.note_ids)).collect();
    let mut themes: Vec<Theme> = join_groups(&groups, threshold)
        .into_iter()
        .map(|set| {
            let members: Vec<&(usize, Theme)> = set.iter().map(|&i| &units[i]).collect();
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

/// The themes a workshop nobody clustered would get at the default grain.
fn cluster_alone(workshop_id: Uuid, notes: &[ReportNote], vectors: &HashMap<Uuid, Vec<f32>>) -> Vec<Theme> {
    let own: Vec<NoteText> =
        notes.iter().filter(|note| note.workshop_id == workshop_id).map(NoteText::from).collect();
    if own.is_empty() {
        return Vec::new();
    }
    let result =
        clustering::cluster(&clustering_inputs(&own, vectors), &Settings::default(), &Constraints::default());
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
    members: &[&(usize, Theme)],
    join_needs: impl Fn(&[(usize, &Need)]) -> Vec<Vec<usize>>,
) -> Theme {
    let leading = leading_by(members.iter().map(|(_, theme)| (theme.name_locked, theme.note_ids.len())));
    let lead = &members[leading].1;
    let needs: Vec<(usize, &Need)> = members
        .iter()
        .flat_map(|(source, theme)| theme.needs.iter().map(move |need| (*source, need)))
        .collect();
    let mut round_needs: Vec<Need> = join_needs(&needs)
        .into_iter()
        .map(|set| {
            let parts: Vec<&Need> = set.iter().map(|&i| needs[i].1).collect();
            let lead = parts[leading_by(parts.iter().map(|need| (need.name_locked, need.note_ids.len())))];
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

/// The index of the part whose name leads: named by a person first, then the largest, then
/// the first.
fn leading_by(parts: impl Iterator<Item = (bool, usize)>) -> usize {
    parts.enumerate().max_by(|(i, a), (j, b)| a.cmp(b).then(j.cmp(i))).map_or(0, |(index, _)| index)
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
