//! Names people gave carry over a re-run without pinning anything: a renamed theme that no
//! placed note holds in place continues as the new theme holding most of its notes. (A
//! renamed need keeps its notes placed: naming a need accepts what it holds.)
//!
//! Renaming used to pin the theme's example note so the engine would find the theme again;
//! the facilitator saw a "placed" mark appear on a note they never placed, and that note
//! could no longer follow its meaning. Matching by shared notes keeps the name without
//! touching what the engine may move.

use std::collections::HashSet;

use app::model::Theme;

use crate::clustering::Clustering;

/// Gives each new theme of `result` that carries no earlier id the id of the renamed
/// earlier theme it shares the most notes with, one to one, largest overlap first. The stored name then follows the id (see `theming::themes_from`). Groups that
/// already carry an id through placed notes keep it; the unsorted group takes no name.
pub(crate) fn carry_renamed(result: &mut Clustering, previous: &[Theme]) {
    let taken_themes: HashSet<String> = result.themes.iter().filter_map(|t| t.id.clone()).collect();
    let renamed_themes: Vec<(String, HashSet<String>)> = previous
        .iter()
        .filter(|theme| theme.name_locked && !theme.unsorted && !taken_themes.contains(&theme.id.to_string()))
        .map(|theme| (theme.id.to_string(), theme.note_ids.iter().map(ToString::to_string).collect()))
        .collect();
    let open_themes: Vec<(usize, &[String])> = result
        .themes
        .iter()
        .enumerate()
        .filter(|(_, theme)| theme.id.is_none() && !theme.unsorted)
        .map(|(index, theme)| (index, theme.note_ids.as_slice()))
        .collect();
    for (index, id) in best_matches(&renamed_themes, &open_themes) {
        result.themes[index].id = Some(id);
    }
}

/// Pairs earlier groups (id, notes) with new groups (index, notes), one to one, the pair
/// sharing the most notes first; ties go to the earlier group listed first and the lower
/// index, so the result does not depend on hashing. Groups sharing no note stay unpaired.
fn best_matches(earlier: &[(String, HashSet<String>)], new: &[(usize, &[String])]) -> Vec<(usize, String)> {
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (e, (_, notes)) in earlier.iter().enumerate() {
        for (n, (_, members)) in new.iter().enumerate() {
            let shared = members.iter().filter(|id| notes.contains(*id)).count();
            if shared > 0 {
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
            matches.push((new[n].0, earlier[e].0.clone()));
        }
    }
    matches
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clustering;
    use uuid::Uuid;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn earlier_theme(theme: u128, renamed: bool, notes: &[u128]) -> Theme {
        let note_ids: Vec<Uuid> = notes.iter().map(|n| id(*n)).collect();
        Theme {
            id: id(theme),
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
        carry_renamed(&mut result, &previous);
        assert_eq!(result.themes[0].id, None, "a group that shares one note and was never renamed stays new");
        assert_eq!(result.themes[1].id, Some(id(100).to_string()));
    }

    #[test]
    fn a_theme_held_by_placed_notes_keeps_its_id_and_no_name_goes_twice() {
        let previous = vec![earlier_theme(100, true, &[1, 2, 3]), earlier_theme(300, true, &[8, 9])];
        let mut result = Clustering {
            themes: vec![new_theme(Some(100), &[1]), new_theme(None, &[2, 3, 8]), new_theme(None, &[9])],
        };
        carry_renamed(&mut result, &previous);
        assert_eq!(result.themes[0].id, Some(id(100).to_string()));
        assert_eq!(
            result.themes[1].id,
            Some(id(300).to_string()),
            "theme 100 is held already; 300 shares one note"
        );
        assert_eq!(result.themes[2].id, None, "theme 300 went to one group only");
    }
}
