//! Facilitator decisions a re-run must keep: notes pinned to a theme, locked theme names.

use std::collections::BTreeMap;

use super::Constraints;

/// Pins resolved against the (id-sorted) notes of a run.
#[derive(Debug, Clone, Default)]
pub(crate) struct PinnedThemes {
    /// Theme ids that carry at least one pinned note of this run, sorted.
    pub theme_ids: Vec<String>,
    /// Per note, the index into `theme_ids` of the theme it is pinned to.
    pub label: Vec<Option<usize>>,
}

/// Resolves `constraints.pins` for `note_ids` (sorted). Pins naming an unknown note are
/// ignored; a note pinned twice keeps its pin to the smallest theme id.
pub(crate) fn resolve(note_ids: &[&str], constraints: &Constraints) -> PinnedThemes {
    let mut by_note: BTreeMap<&str, &str> = BTreeMap::new();
    for pin in &constraints.pins {
        if note_ids.binary_search(&pin.note_id.as_str()).is_ok() {
            let theme = by_note.entry(&pin.note_id).or_insert(&pin.theme_id);
            if pin.theme_id.as_str() < *theme {
                *theme = &pin.theme_id;
            }
        }
    }
    let mut theme_ids: Vec<String> = by_note.values().map(|t| (*t).to_owned()).collect();
    theme_ids.sort_unstable();
    theme_ids.dedup();
    let label = note_ids
        .iter()
        .map(|id| by_note.get(id).map(|t| theme_ids.binary_search_by(|x| x.as_str().cmp(t)).expect("listed")))
        .collect();
    PinnedThemes { theme_ids, label }
}

/// The locked name of theme `theme_id`, if it is locked.
pub(crate) fn locked_name<'a>(constraints: &'a Constraints, theme_id: &str) -> Option<&'a str> {
    constraints.locked.iter().find(|l| l.theme_id == theme_id).map(|l| l.name.as_str())
}
