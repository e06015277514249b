//! Facilitator decisions a re-run must keep: notes pinned to a theme or a need, locked
//! names.

use std::collections::BTreeMap;

use super::Constraints;
use super::agglomerative::Label;

/// Pins resolved against the (id-sorted) notes of a run.
#[derive(Debug, Clone, Default)]
pub(crate) struct Pinned {
    /// Theme ids that carry at least one pinned note of this run, sorted.
    pub theme_ids: Vec<String>,
    /// Need ids that carry at least one pinned note of this run, sorted.
    pub need_ids: Vec<String>,
    /// Per note, the indices into `theme_ids` and `need_ids` it is pinned to.
    pub label: Vec<Label>,
}

impl Pinned {
    /// Whether note `i` is pinned at either grain.
    pub(crate) fn is_pinned(&self, i: usize) -> bool {
        self.label[i] != Label::default()
    }
}

/// Resolves the pins of `constraints` for `note_ids` (sorted). Pins naming an unknown note
/// are ignored; a note pinned twice at one grain keeps its pin to the smallest id.
pub(crate) fn resolve(note_ids: &[&str], constraints: &Constraints) -> Pinned {
    let theme_pins = constraints.pins.iter().map(|p| (p.note_id.as_str(), p.theme_id.as_str()));
    let need_pins = constraints.need_pins.iter().map(|p| (p.note_id.as_str(), p.need_id.as_str()));
    let (theme_ids, themes) = resolve_one(note_ids, theme_pins);
    let (need_ids, needs) = resolve_one(note_ids, need_pins);
    let label = themes.into_iter().zip(needs).map(|(theme, need)| Label { theme, need }).collect();
    Pinned { theme_ids, need_ids, label }
}

fn resolve_one<'a>(
    note_ids: &[&str],
    pins: impl Iterator<Item = (&'a str, &'a str)>,
) -> (Vec<String>, Vec<Option<usize>>) {
    let mut by_note: BTreeMap<&str, &str> = BTreeMap::new();
    for (note, group) in pins {
        if note_ids.binary_search(&note).is_ok() {
            let kept = by_note.entry(note).or_insert(group);
            if group < *kept {
                *kept = group;
            }
        }
    }
    let mut ids: Vec<String> = by_note.values().map(|t| (*t).to_owned()).collect();
    ids.sort_unstable();
    ids.dedup();
    let label = note_ids
        .iter()
        .map(|id| by_note.get(id).map(|t| ids.binary_search_by(|x| x.as_str().cmp(t)).expect("listed")))
        .collect();
    (ids, label)
}

/// The locked name of theme `theme_id`, if it is locked.
pub(crate) fn locked_theme_name<'a>(constraints: &'a Constraints, theme_id: &str) -> Option<&'a str> {
    constraints.locked.iter().find(|l| l.theme_id == theme_id).map(|l| l.name.as_str())
}

/// The locked name of need `need_id`, if it is locked.
pub(crate) fn locked_need_name<'a>(constraints: &'a Constraints, need_id: &str) -> Option<&'a str> {
    constraints.locked_needs.iter().find(|l| l.need_id == need_id).map(|l| l.name.as_str())
}
