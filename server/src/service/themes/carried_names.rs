//! Themes and needs keep their ids across a re-run when they continue: names people gave
//! carry over without pinning anything, links and reports stay stable, and a hidden note a
//! person placed finds its theme again.
//!
//! A renamed theme that no placed note holds in place continues as the new theme holding
//! most of its notes. Any other theme or need continues as the new one holding more than
//! half of its notes in this run. (A renamed need keeps its notes placed: naming a need
//! accepts what it holds.)
//!
//! Renaming used to pin the theme's example note for good so the engine would find the
//! theme again; the facilitator saw a "placed" mark appear on a note they never placed.
//! A named theme is now anchored for one run only (see `constraints_from`), and matching by
//! shared notes finds it when its anchor is gone.

use std::collections::HashSet;

use app::model::Theme;

use crate::clustering::Clustering;

/// An earlier group the new groups may continue: its id, its notes in this run, how many
/// of them a new group must hold to continue it, and (for a need) the theme it must be in.
struct Earlier {
    id: String,
    notes: HashSet<String>,
    needed: usize,
    within: Option<String>,
}

impl Earlier {
    /// A group that continues as the new group holding more than half of its notes, or
    /// (`renamed`) any share of them; `None` when none of its notes is in this run.
    fn new(
        id: String,
        notes: impl Iterator<Item = String>,
        clustered: &HashSet<String>,
        renamed: bool,
    ) -> Option<Self> {
        let notes: HashSet<String> = notes.filter(|note| clustered.contains(note)).collect();
        let needed = if renamed { 1 } else { notes.len() / 2 + 1 };
        (!notes.is_empty()).then_some(Earlier { id, notes, needed, within: None })
    }
}

/// Gives each new theme and need of `result` that carries no earlier id the id of the
/// earlier one it continues (see the module doc), one to one, largest overlap first. The
/// stored name then follows the id (see `themes_from`). Groups that already carry an id
/// through placed notes keep it; the unsorted group takes none. `clustered`: the ids of
/// the notes of this run.
pub(crate) fn carry_ids(result: &mut Clustering, previous: &[Theme], clustered: &HashSet<String>) {
    carry_theme_ids(result, previous, clustered);
    carry_need_ids(result, previous, clustered);
}

fn carry_theme_ids(result: &mut Clustering, previous: &[Theme], clustered: &HashSet<String>) {
    let taken: HashSet<String> = result.themes.iter().filter_map(|t| t.id.clone()).collect();
    let earlier: Vec<Earlier> = previous
        .iter()
        .filter(|theme| !theme.unsorted && !taken.contains(&theme.id.to_string()))
        .filter_map(|theme| {
            let notes = theme.note_ids.iter().map(ToString::to_string);
            Earlier::new(theme.id.to_string(), notes, clustered, theme.name_locked)
        })
        .collect();
    let open: Vec<Open> = result
        .themes
        .iter()
        .enumerate()
        .filter(|(_, theme)| theme.id.is_none() && !theme.unsorted)
        .map(|(index, theme)| Open { index, notes: &theme.note_ids, within: None })
        .collect();
    for (index, id) in best_matches(&earlier, &open) {
        result.themes[index].id = Some(id);
    }
}

fn carry_need_ids(result: &mut Clustering, previous: &[Theme], clustered: &HashSet<String>) {
    let taken: HashSet<String> =
        result.themes.iter().flat_map(|t| &t.needs).filter_map(|n| n.id.clone()).collect();
    // A need continues only in the theme that continues its theme: a hidden note placed
    // in it comes back to that theme (see `kept_decisions`), and finds it there.
    let earlier: Vec<Earlier> = previous
        .iter()
        .filter(|theme| !theme.unsorted)
        .flat_map(|theme| theme.needs.iter().map(move |need| (theme, need)))
        .filter(|(_, need)| !taken.contains(&need.id.to_string()))
        .filter_map(|(theme, need)| {
            let notes = need.note_ids.iter().map(ToString::to_string);
            let earlier = Earlier::new(need.id.to_string(), notes, clustered, false)?;
            Some(Earlier { within: Some(theme.id.to_string()), ..earlier })
        })
        .collect();
    let mut places: Vec<(usize, usize)> = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    for (t, theme) in result.themes.iter().enumerate().filter(|(_, theme)| !theme.unsorted) {
        for (n, need) in theme.needs.iter().enumerate().filter(|(_, need)| need.id.is_none()) {
            open.push(Open { index: places.len(), notes: &need.note_ids, within: theme.id.as_deref() });
            places.push((t, n));
        }
    }
    for (index, id) in best_matches(&earlier, &open) {
        let (t, n) = places[index];
        result.themes[t].needs[n].id = Some(id);
    }
}

/// A new group without an id: where it is, its notes, and (for a need) its theme's id.
struct Open<'a> {
    index: usize,
    notes: &'a [String],
    within: Option<&'a str>,
}

/// Pairs earlier groups with new groups, one to one, the pair sharing the most notes
/// first; ties go to the earlier group listed first and the lower index, so the result does
/// not depend on hashing. A pair sharing fewer notes than the earlier group needs, or in
/// another theme than it must be in, stays unpaired.
fn best_matches(earlier: &[Earlier], new: &[Open]) -> Vec<(usize, String)> {
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (e, group) in earlier.iter().enumerate() {
        for (n, open) in new.iter().enumerate().filter(|(_, open)| open.within == group.within.as_deref()) {
            let shared = open.notes.iter().filter(|id| group.notes.contains(*id)).count();
            if shared >= group.needed {
                pairs.push((shared, e, n));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut used_earlier = vec![false; earlier.len()];
    let mut used_new = vec![false; new.len()];
    let mut matches = Vec::new();
    for (_, e, n) in pairs {
        if !used_earlier[e] && !used_new[n] {
            used_earlier[e] = true;
            used_new[n] = true;
            matches.push((new[n].index, earlier[e].id.clone()));
        }
    }
    matches
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clustering;
    use app::model::ids::NoteId;
    use uuid::Uuid;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn earlier_theme(theme: u128, renamed: bool, notes: &[u128]) -> Theme {
        let note_ids: Vec<NoteId> = notes.iter().map(|n| id(*n).into()).collect();
        Theme {
            id: id(theme).into(),
            lineage_id: None,
            name: format!("tema {theme}"),
            name_locked: renamed,
            unsorted: false,
            terms: vec![],
            example_note_id: note_ids.first().copied(),
            note_ids,
            pinned_note_ids: vec![],
            needs: vec![],
        }
    }

    fn clustered(notes: &[u128]) -> HashSet<String> {
        notes.iter().map(|n| id(*n).to_string()).collect()
    }

    fn new_theme(theme_id: Option<u128>, notes: &[u128]) -> clustering::Theme {
        let note_ids: Vec<String> = notes.iter().map(|n| id(*n).to_string()).collect();
        clustering::Theme {
            id: theme_id.map(|t| id(t).to_string()),
            name: "motor".into(),
            terms: vec![],
            example_note_id: note_ids[0].clone(),
            note_ids: note_ids.clone(),
            needs: vec![clustering::Need {
                id: None,
                name: "motor".into(),
                terms: vec![],
                example_note_id: note_ids[0].clone(),
                note_ids,
            }],
            unsorted: false,
        }
    }

    #[test]
    fn a_renamed_theme_continues_as_the_group_holding_most_of_its_notes() {
        let previous = vec![earlier_theme(100, true, &[1, 2, 3, 4]), earlier_theme(200, false, &[5, 6])];
        let mut result =
            Clustering { themes: vec![new_theme(None, &[1, 5, 6]), new_theme(None, &[2, 3, 4, 7])] };
        carry_ids(&mut result, &previous, &clustered(&[1, 2, 3, 4, 5, 6, 7]));
        assert_eq!(result.themes[0].id, Some(id(200).to_string()), "theme 200 continues whole in it");
        assert_eq!(result.themes[1].id, Some(id(100).to_string()));
    }

    #[test]
    fn a_theme_held_by_placed_notes_keeps_its_id_and_no_name_goes_twice() {
        let previous = vec![earlier_theme(100, true, &[1, 2, 3]), earlier_theme(300, true, &[8, 9])];
        let mut result = Clustering {
            themes: vec![new_theme(Some(100), &[1]), new_theme(None, &[2, 3, 8]), new_theme(None, &[9])],
        };
        carry_ids(&mut result, &previous, &clustered(&[1, 2, 3, 8, 9]));
        assert_eq!(result.themes[0].id, Some(id(100).to_string()));
        assert_eq!(
            result.themes[1].id,
            Some(id(300).to_string()),
            "theme 100 is held already; 300 shares one note"
        );
        assert_eq!(result.themes[2].id, None, "theme 300 went to one group only");
    }

    #[test]
    fn an_unnamed_theme_or_need_continues_only_in_a_group_holding_most_of_its_notes() {
        let mut earlier = earlier_theme(100, false, &[1, 2, 3, 4]);
        earlier.needs = vec![app::model::Need {
            id: id(110).into(),
            name: "behov".into(),
            name_locked: false,
            terms: vec![],
            example_note_id: None,
            note_ids: vec![id(1).into(), id(2).into(), id(3).into()],
        }];
        let previous = vec![earlier];
        // Note 4 is hidden: of the three notes in this run, two are in the first group.
        let mut halves = Clustering { themes: vec![new_theme(None, &[1, 2, 8]), new_theme(None, &[3, 9])] };
        carry_ids(&mut halves, &previous, &clustered(&[1, 2, 3, 8, 9]));
        assert_eq!(halves.themes[0].id, Some(id(100).to_string()));
        assert_eq!(halves.themes[0].needs[0].id, Some(id(110).to_string()));
        assert_eq!((halves.themes[1].id.as_deref(), halves.themes[1].needs[0].id.as_deref()), (None, None));
        let mut scattered = Clustering {
            themes: vec![new_theme(None, &[1, 8]), new_theme(None, &[2, 9]), new_theme(None, &[3])],
        };
        carry_ids(&mut scattered, &previous, &clustered(&[1, 2, 3, 8, 9]));
        assert!(scattered.themes.iter().all(|t| t.id.is_none()), "no group holds most of theme 100");
    }
}
