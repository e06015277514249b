//! Decisions a re-run keeps where the engine cannot see them, and the decisions it could
//! not keep.
//!
//! The engine clusters the notes the room sees, and its pins only place notes into themes:
//! - a theme a person locked is not clustered at all: it comes back as it was, less the
//!   notes deleted since (see [`as_locked`]), and no other note joins it;
//! - a note a person placed and then hid is not among the notes clustered, so its place
//!   would be forgotten by the time it is shown again: it goes back where it was placed;
//! - a note a person moved out of every theme (into the unsorted notes) would be given a
//!   theme again: it goes back among the unsorted notes.
//!
//! A decision that can no longer hold (the theme it placed a note in, or the theme or need
//! a person named, is gone with the notes that carried it) is dropped visibly: the run
//! lists it (see [`Dropped`]) for the round's audit log.

use std::collections::HashSet;

use app::model::ids::{NeedId, NoteId, ThemeId};
use app::model::{Need, Theme};

use crate::nesting;

/// A locked theme (see [`Theme::is_locked`]) as the next run keeps it: its notes, needs and
/// name as they were, less the notes no longer in the workshop (`existing`); `None` when
/// none is left.
pub(crate) fn as_locked(theme: &Theme, existing: &HashSet<NoteId>) -> Option<Theme> {
    let gone: Vec<NoteId> = theme.note_ids.iter().filter(|id| !existing.contains(id)).copied().collect();
    let mut kept = theme.clone();
    nesting::keep_notes_except(&mut kept, &gone);
    (!kept.note_ids.is_empty()).then_some(kept)
}

/// Decisions of the earlier themes that the new themes no longer hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Dropped {
    /// Placed notes whose theme is gone (each note counted once).
    pub placed_notes: usize,
    /// Names people gave to themes and needs that are gone.
    pub names: Vec<String>,
}

impl Dropped {
    /// Whether every decision held.
    pub(crate) fn is_empty(&self) -> bool {
        self.placed_notes == 0 && self.names.is_empty()
    }
}

/// Puts back the placed notes the engine did not see or could not keep: hidden notes (in
/// `hidden`) that a person placed in a theme return to it, in the need they were in, and
/// notes a person moved to the unsorted group (in `clustered`) return there. Returns how
/// many placed hidden notes found their theme gone.
pub(crate) fn keep_placements(
    themes: &mut Vec<Theme>,
    previous: &[Theme],
    hidden: &HashSet<NoteId>,
    clustered: &HashSet<NoteId>,
) -> usize {
    let mut lost = 0;
    for before in previous {
        for note in &before.pinned_note_ids {
            if before.unsorted {
                if clustered.contains(note) {
                    keep_unsorted(themes, *note);
                }
            } else if hidden.contains(note) && !place_hidden(themes, before, *note) {
                lost += 1;
            }
        }
    }
    lost
}

/// The decisions of `previous` that `themes` no longer hold: the names people gave to
/// themes and needs now gone, and `lost_placements` placed notes whose theme is gone.
pub(crate) fn dropped(themes: &[Theme], previous: &[Theme], lost_placements: usize) -> Dropped {
    let theme_ids: HashSet<ThemeId> = themes.iter().map(|theme| theme.id).collect();
    let need_ids: HashSet<NeedId> =
        themes.iter().flat_map(|theme| &theme.needs).map(|need| need.id).collect();
    let mut names: Vec<String> = Vec::new();
    for before in previous.iter().filter(|theme| !theme.unsorted) {
        if before.name_locked && !theme_ids.contains(&before.id) {
            names.push(before.name.clone());
        }
        let gone = before.needs.iter().filter(|need| need.name_locked && !need_ids.contains(&need.id));
        names.extend(gone.map(|need| need.name.clone()));
    }
    Dropped { placed_notes: lost_placements, names }
}

/// Puts the hidden `note` back in the theme `before` placed it in, in the need it was in
/// there (the need comes back when the run dissolved it); `false` when that theme is gone.
fn place_hidden(themes: &mut [Theme], before: &Theme, note: NoteId) -> bool {
    let earlier_need = before.need_of(note);
    let need_elsewhere = earlier_need.is_some_and(|earlier| {
        themes.iter().any(|theme| theme.id != before.id && theme.needs.iter().any(|n| n.id == earlier.id))
    });
    let Some(theme) = themes.iter_mut().find(|theme| theme.id == before.id && !theme.unsorted) else {
        return false;
    };
    if theme.note_ids.contains(&note) {
        return true;
    }
    theme.note_ids.push(note);
    theme.pinned_note_ids.push(note);
    let Some(earlier) = earlier_need else { return true };
    match theme.needs.iter_mut().find(|need| need.id == earlier.id) {
        Some(need) => need.note_ids.push(note),
        None => theme.needs.push(need_again(earlier, note, need_elsewhere)),
    }
    true
}

/// The need a returning hidden note was in, holding just that note; with a fresh id (and
/// the earlier name) when its id now names a need of another theme.
fn need_again(earlier: &Need, note: NoteId, id_taken: bool) -> Need {
    Need {
        id: if id_taken { NeedId::random() } else { earlier.id },
        note_ids: vec![note],
        example_note_id: Some(note),
        ..earlier.clone()
    }
}

/// Takes `note` out of the theme the engine gave it and back into the unsorted group
/// (made when the run left none); a theme left without notes drops out.
fn keep_unsorted(themes: &mut Vec<Theme>, note: NoteId) {
    if themes.iter().any(|theme| theme.unsorted && theme.note_ids.contains(&note)) {
        return;
    }
    for theme in themes.iter_mut().filter(|theme| theme.note_ids.contains(&note)) {
        nesting::keep_notes_except(theme, &[note]);
    }
    themes.retain(|theme| theme.unsorted || !theme.note_ids.is_empty());
    if !themes.iter().any(|theme| theme.unsorted) {
        themes.push(unsorted_group());
    }
    let group = themes.iter_mut().find(|theme| theme.unsorted).expect("made above");
    group.note_ids.push(note);
    group.pinned_note_ids.push(note);
    match group.needs.first_mut() {
        Some(need) => need.note_ids.push(note),
        None => group.needs.push(Need {
            id: NeedId::random(),
            name: String::new(),
            name_locked: false,
            terms: Vec::new(),
            example_note_id: Some(note),
            note_ids: vec![note],
        }),
    }
}

/// An empty unsorted group.
fn unsorted_group() -> Theme {
    Theme {
        id: ThemeId::random(),
        lineage_id: None,
        name: String::new(),
        name_locked: false,
        unsorted: true,
        terms: Vec::new(),
        example_note_id: None,
        note_ids: Vec::new(),
        pinned_note_ids: Vec::new(),
        needs: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::model::ids::fixed_id as id;

    fn need(n: u128, notes: &[u128]) -> Need {
        Need {
            id: id(n),
            name: format!("Behov {n}"),
            name_locked: false,
            terms: vec![],
            example_note_id: notes.first().map(|n| id(*n)),
            note_ids: notes.iter().map(|n| id(*n)).collect(),
        }
    }

    fn theme(n: u128, needs: Vec<Need>, pinned: &[u128]) -> Theme {
        let note_ids: Vec<NoteId> = needs.iter().flat_map(|need| need.note_ids.clone()).collect();
        Theme {
            id: id(n),
            lineage_id: None,
            name: format!("Tema {n}"),
            name_locked: false,
            unsorted: false,
            terms: vec![],
            example_note_id: note_ids.first().copied(),
            note_ids,
            pinned_note_ids: pinned.iter().map(|n| id(*n)).collect(),
            needs,
        }
    }

    fn set(notes: &[u128]) -> HashSet<NoteId> {
        notes.iter().map(|n| id(*n)).collect()
    }

    #[test]
    fn a_placed_hidden_note_returns_to_its_theme_and_need() {
        let previous = vec![theme(100, vec![need(110, &[1, 2]), need(111, &[3])], &[3])];
        // The run saw notes 1 and 2 only (3 is hidden) and dissolved need 111.
        let mut themes = vec![theme(100, vec![need(110, &[1, 2])], &[])];
        let lost = keep_placements(&mut themes, &previous, &set(&[3]), &set(&[1, 2]));
        assert_eq!(lost, 0);
        assert_eq!(themes[0].note_ids, vec![id(1), id(2), id(3)]);
        assert_eq!(themes[0].pinned_note_ids, vec![id(3)], "still placed");
        let returned = themes[0].need_of(id(3)).unwrap();
        assert_eq!((returned.id, returned.name.as_str()), (id(111), "Behov 111"), "its need comes back");
    }

    #[test]
    fn a_placed_hidden_note_whose_theme_is_gone_is_counted_as_dropped() {
        let previous = vec![theme(100, vec![need(110, &[1])], &[1])];
        let mut themes = vec![theme(200, vec![need(210, &[2])], &[])];
        assert_eq!(keep_placements(&mut themes, &previous, &set(&[1]), &set(&[2])), 1);
        assert_eq!(themes[0].note_ids, vec![id(2)], "nothing placed where it was not put");
    }

    #[test]
    fn a_note_moved_to_the_unsorted_notes_stays_there() {
        let mut unsorted = theme(900, vec![need(910, &[3])], &[3]);
        unsorted.unsorted = true;
        let previous = vec![theme(100, vec![need(110, &[1, 2])], &[]), unsorted];
        // The run put note 3 in a theme of its own and left no unsorted group.
        let mut themes =
            vec![theme(100, vec![need(110, &[1, 2])], &[]), theme(300, vec![need(310, &[3])], &[])];
        keep_placements(&mut themes, &previous, &set(&[]), &set(&[1, 2, 3]));
        assert_eq!(themes.len(), 2, "the emptied theme drops out: {themes:#?}");
        assert!(themes[1].unsorted);
        assert_eq!(themes[1].note_ids, vec![id(3)]);
        assert_eq!(themes[1].pinned_note_ids, vec![id(3)]);
    }

    #[test]
    fn a_locked_theme_comes_back_as_it_was_less_its_deleted_notes() {
        let mut locked = theme(100, vec![need(110, &[1, 2]), need(111, &[3])], &[1, 2, 3]);
        locked.name_locked = true;
        assert!(locked.is_locked());
        assert_eq!(as_locked(&locked, &set(&[1, 2, 3, 4])), Some(locked.clone()), "unchanged");

        // Note 1 (the example of theme and need) and note 3 (need 111's only note) deleted.
        let kept = as_locked(&locked, &set(&[2, 4])).unwrap();
        assert_eq!((kept.id, kept.name.as_str()), (id(100), "Tema 100"));
        assert_eq!(kept.note_ids, vec![id(2)]);
        assert_eq!(kept.pinned_note_ids, vec![id(2)], "still locked");
        assert_eq!(kept.example_note_id, Some(id(2)));
        assert_eq!(kept.needs.len(), 1, "the emptied need drops out");
        assert_eq!(kept.needs[0].example_note_id, Some(id(2)));
        assert_eq!(as_locked(&locked, &set(&[4])), None, "no note left, no theme");
    }

    #[test]
    fn names_of_themes_and_needs_gone_are_listed_as_dropped() {
        let mut named = theme(100, vec![need(110, &[1]), need(111, &[2])], &[]);
        named.name_locked = true;
        named.name = "Digital brevlåda".into();
        named.needs[1].name_locked = true;
        named.needs[1].name = "Papperspost".into();
        let previous = vec![named.clone(), theme(200, vec![need(210, &[4])], &[])];
        let kept = vec![named.clone()];
        assert!(dropped(&kept, &previous, 0).is_empty(), "everything held");
        let without_need = vec![theme(100, vec![need(110, &[1])], &[])];
        assert_eq!(dropped(&without_need, &previous, 2).names, vec!["Papperspost".to_string()]);
        let gone = dropped(&[], &previous, 2);
        assert_eq!(gone.names, vec!["Digital brevlåda".to_string(), "Papperspost".to_string()]);
        assert_eq!(gone.placed_notes, 2);
    }
}
