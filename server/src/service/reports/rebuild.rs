//! What a rebuild of a round's themes changed, told by the notes the themes hold: which
//! themes kept just their notes, which gained or lost some, which were merged or split,
//! which are new and which are gone. Ids say nothing here (a rebuild makes new ones), names
//! say little (an engine names a theme afresh): the notes are what an analyst saw.

use std::collections::HashMap;

use app::model::Theme;
use app::model::ids::NoteId;
use app::model::report::{RebuildChanges, ThemeChange};

/// Compares the round's themes `before` a rebuild with those `after` it (the unsorted
/// group is no theme). An earlier theme and a new one are linked when the new one took at
/// least a third of the earlier one's notes still in a theme, or when at least two notes,
/// and a third of the new one's notes that were in a theme before, came from it: one note
/// moving out of a large theme neither splits it nor makes the theme it joins its heir.
pub fn compare(before: &[Theme], after: &[Theme]) -> RebuildChanges {
    let before: Vec<&Theme> = before.iter().filter(|theme| !theme.unsorted).collect();
    let after: Vec<&Theme> = after.iter().filter(|theme| !theme.unsorted).collect();
    let was_in = theme_of(&before);
    let now_in = theme_of(&after);
    // overlap[i][j]: notes of earlier theme i now in theme j.
    let mut overlap = vec![vec![0usize; after.len()]; before.len()];
    for (note, &i) in &was_in {
        if let Some(&j) = now_in.get(note) {
            overlap[i][j] += 1;
        }
    }
    let still_themed: Vec<usize> = overlap.iter().map(|row| row.iter().sum()).collect();
    let themed_before: Vec<usize> =
        (0..after.len()).map(|j| overlap.iter().map(|row| row[j]).sum()).collect();
    let linked = |i: usize, j: usize| {
        let shared = overlap[i][j];
        shared > 0 && (shared * 3 >= still_themed[i] || (shared >= 2 && shared * 3 >= themed_before[j]))
    };
    let heirs: Vec<Vec<usize>> =
        (0..before.len()).map(|i| (0..after.len()).filter(|&j| linked(i, j)).collect()).collect();
    let sources: Vec<Vec<usize>> =
        (0..after.len()).map(|j| (0..before.len()).filter(|&i| linked(i, j)).collect()).collect();

    let mut changes = RebuildChanges::default();
    for (j, theme) in after.iter().enumerate() {
        match sources[j].as_slice() {
            [] => changes.new.push(theme.name.clone()),
            [i] if heirs[*i].len() == 1 => {
                if same_notes(before[*i], theme) {
                    changes.unchanged += 1;
                } else {
                    changes.changed += 1;
                }
            }
            // One half of a split: told with the split.
            [_] => {}
            several => changes.merged.push(ThemeChange {
                name: theme.name.clone(),
                others: several.iter().map(|&i| before[i].name.clone()).collect(),
            }),
        }
    }
    for (i, theme) in before.iter().enumerate() {
        match heirs[i].as_slice() {
            [] => changes.gone.push(theme.name.clone()),
            [_] => {}
            several => changes.split.push(ThemeChange {
                name: theme.name.clone(),
                others: several.iter().map(|&j| after[j].name.clone()).collect(),
            }),
        }
    }
    changes
}

/// Each note's theme, by its index in `themes`.
fn theme_of(themes: &[&Theme]) -> HashMap<NoteId, usize> {
    themes.iter().enumerate().flat_map(|(i, theme)| theme.note_ids.iter().map(move |id| (*id, i))).collect()
}

/// Whether two themes hold the same notes, in any order.
fn same_notes(a: &Theme, b: &Theme) -> bool {
    let mut a = a.note_ids.clone();
    let mut b = b.note_ids.clone();
    a.sort_unstable();
    b.sort_unstable();
    a == b
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::reports::fixtures::theme_of as theme;

    fn notes(n: usize) -> Vec<NoteId> {
        (0..n).map(|_| NoteId::random()).collect()
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|name| (*name).to_owned()).collect()
    }

    #[test]
    fn a_rebuild_of_the_same_notes_changes_nothing_whatever_the_names_and_order() {
        let (a, b) = (notes(5), notes(3));
        let before = [theme("E-legitimation", &a), theme("Arkiv", &b)];
        let mut shuffled = b.clone();
        shuffled.reverse();
        let after = [theme("Arkivering", &shuffled), theme("E-legitimation", &a)];
        let changes = compare(&before, &after);
        assert_eq!(changes, RebuildChanges { unchanged: 2, ..RebuildChanges::default() });
        assert!(!changes.any());
    }

    #[test]
    fn merged_split_new_gone_and_grown_themes_are_each_named() {
        let (eleg, archive, cloud, mail, post) = (notes(6), notes(2), notes(10), notes(4), notes(3));
        let fresh = notes(4);
        let before = [
            theme("E-legitimation", &eleg),
            theme("Arkiv", &archive),
            theme("Moln", &cloud),
            theme("Brevlåda", &mail),
            theme("Papperspost", &post),
        ];
        // Archive joins e-legitimation; the cloud theme parts in 6 and 4; the mail-box theme
        // gains two new notes; the paper-post notes are deleted; four new notes make a theme.
        let after = [
            theme("E-legitimation och arkiv", &[eleg.clone(), archive.clone()].concat()),
            theme("Molntjänster", &cloud[..6]),
            theme("CLOUD Act", &cloud[6..]),
            theme("Brevlåda", &[mail.clone(), fresh[..2].to_vec()].concat()),
            theme("Upphandling", &fresh[2..]),
        ];
        let changes = compare(&before, &after);
        assert_eq!(
            changes.merged,
            vec![ThemeChange {
                name: "E-legitimation och arkiv".into(),
                others: names(&["E-legitimation", "Arkiv"])
            }]
        );
        assert_eq!(
            changes.split,
            vec![ThemeChange { name: "Moln".into(), others: names(&["Molntjänster", "CLOUD Act"]) }]
        );
        assert_eq!(changes.new, names(&["Upphandling"]));
        assert_eq!(changes.gone, names(&["Papperspost"]));
        assert_eq!((changes.unchanged, changes.changed), (0, 1), "the mail box grew");
    }

    #[test]
    fn one_note_moving_out_of_a_large_theme_splits_nothing_and_makes_no_heir() {
        let (big, small, fresh) = (notes(12), notes(3), notes(5));
        let before = [theme("Moln", &big), theme("Arkiv", &small)];
        let after = [
            theme("Moln", &big[1..]),
            theme("Arkiv", &small),
            theme("Upphandling", &[vec![big[0]], fresh].concat()),
        ];
        let changes = compare(&before, &after);
        assert!(changes.split.is_empty() && changes.merged.is_empty(), "{changes:?}");
        assert_eq!(changes.new, names(&["Upphandling"]));
        assert_eq!((changes.unchanged, changes.changed), (1, 1));
    }

    #[test]
    fn notes_in_the_unsorted_group_are_in_no_theme() {
        let (a, b) = (notes(4), notes(4));
        let before = [theme("E-legitimation", &a), theme("Arkiv", &b)];
        let mut unsorted = theme("", &b);
        unsorted.unsorted = true;
        let after = [theme("E-legitimation", &a), unsorted];
        let changes = compare(&before, &after);
        assert_eq!(changes.gone, names(&["Arkiv"]));
        assert_eq!(changes.unchanged, 1);
    }
}
