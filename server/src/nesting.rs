//! How notes sit in a workshop's themes and needs: the facilitator's moves and renames at
//! the need grain, as pure functions on the themes (the store reads, applies one of these
//! and writes the result in one transaction, so undo and the live update come for free).
//!
//! Invariants kept: a note is in at most one theme and, within it, in at most one need; a
//! need never stays empty; a moved note is pinned (a re-run keeps it where it was put).

use app::model::ids::{NeedId, NoteId, ThemeId};
use app::model::{Need, Theme};

/// The longest name a need made from a moved note gets, in characters.
const NEED_NAME_MAX_CHARS: usize = 60;

/// Why an edit could not be applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditError {
    /// No theme or need with that id in these themes.
    UnknownTarget,
}

/// Moves `note_id` into the need `need_id` (whichever theme holds it) and pins it there.
pub fn move_to_need(themes: &mut [Theme], note_id: NoteId, need_id: NeedId) -> Result<(), EditError> {
    let theme_at = themes
        .iter()
        .position(|theme| theme.needs.iter().any(|need| need.id == need_id))
        .ok_or(EditError::UnknownTarget)?;
    // Into the need it is in: it only stays there, placed. Taking it out first would drop a
    // need of this one note, and the note with it would be in no need at all.
    let theme = &mut themes[theme_at];
    if theme.needs.iter().any(|need| need.id == need_id && need.note_ids.contains(&note_id)) {
        if !theme.pinned_note_ids.contains(&note_id) {
            theme.pinned_note_ids.push(note_id);
        }
        return Ok(());
    }
    take_out(themes, note_id);
    let theme = &mut themes[theme_at];
    theme.note_ids.push(note_id);
    theme.pinned_note_ids.push(note_id);
    if let Some(need) = theme.needs.iter_mut().find(|need| need.id == need_id) {
        need.note_ids.push(note_id);
    }
    Ok(())
}

/// Moves `note_id` (whose text is `text`) into the theme `theme_id` and pins it there. It
/// says a need of its own until a person or a re-run puts it with others: a new need
/// `new_need_id` named after the note. In the unsorted group it joins the group's need.
pub fn move_to_theme(
    themes: &mut [Theme],
    note_id: NoteId,
    text: &str,
    theme_id: ThemeId,
    new_need_id: NeedId,
) -> Result<(), EditError> {
    let theme_at = themes.iter().position(|theme| theme.id == theme_id).ok_or(EditError::UnknownTarget)?;
    take_out(themes, note_id);
    let theme = &mut themes[theme_at];
    theme.note_ids.push(note_id);
    theme.pinned_note_ids.push(note_id);
    match theme.needs.first_mut().filter(|_| theme.unsorted) {
        Some(group) => group.note_ids.push(note_id),
        None => theme.needs.push(Need {
            id: new_need_id,
            name: name_from_note(text),
            name_locked: false,
            terms: Vec::new(),
            example_note_id: Some(note_id),
            note_ids: vec![note_id],
        }),
    }
    Ok(())
}

/// Renames the need `need_id`: a re-run keeps the name, and the need with the notes it has
/// now (they are pinned): naming a need is accepting what it holds, and a need is small
/// enough that a person has read every note of it.
pub fn rename_need(themes: &mut [Theme], need_id: NeedId, name: &str) -> Result<(), EditError> {
    let theme = themes
        .iter_mut()
        .find(|theme| !theme.unsorted && theme.needs.iter().any(|need| need.id == need_id))
        .ok_or(EditError::UnknownTarget)?;
    let need = theme.needs.iter_mut().find(|need| need.id == need_id).ok_or(EditError::UnknownTarget)?;
    need.name = name.to_string();
    need.name_locked = true;
    for note in &need.note_ids {
        if !theme.pinned_note_ids.contains(note) {
            theme.pinned_note_ids.push(*note);
        }
    }
    Ok(())
}

/// Splits the need `need_id`: its notes in `leaving` go to a new need `new_need_id` right
/// after it in the same theme, named after the first of them (`text`). Every note of both
/// needs is pinned: a re-run keeps the split. Notes of `leaving` not in the need are
/// ignored; the caller sees to it that some, not all, of its notes leave.
pub fn split_need(
    themes: &mut [Theme],
    need_id: NeedId,
    leaving: &[NoteId],
    new_need_id: NeedId,
    text: &str,
) -> Result<(), EditError> {
    let theme = themes
        .iter_mut()
        .find(|theme| !theme.unsorted && theme.needs.iter().any(|need| need.id == need_id))
        .ok_or(EditError::UnknownTarget)?;
    let at = theme.needs.iter().position(|need| need.id == need_id).ok_or(EditError::UnknownTarget)?;
    let need = &mut theme.needs[at];
    let moved: Vec<NoteId> = need.note_ids.iter().filter(|id| leaving.contains(id)).copied().collect();
    need.note_ids.retain(|id| !moved.contains(id));
    if need.example_note_id.is_some_and(|id| moved.contains(&id)) {
        need.example_note_id = need.note_ids.first().copied();
    }
    let staying = need.note_ids.clone();
    let split = Need {
        id: new_need_id,
        name: name_from_note(text),
        name_locked: false,
        terms: Vec::new(),
        example_note_id: moved.first().copied(),
        note_ids: moved.clone(),
    };
    theme.needs.insert(at + 1, split);
    for note in staying.iter().chain(&moved) {
        if !theme.pinned_note_ids.contains(note) {
            theme.pinned_note_ids.push(*note);
        }
    }
    Ok(())
}

/// The theme `theme_id` keeps only the notes not in `moved`; its needs likewise (emptied
/// ones drop out). What is left of a theme a split took notes from.
pub fn keep_notes_except(theme: &mut Theme, moved: &[NoteId]) {
    theme.note_ids.retain(|id| !moved.contains(id));
    theme.pinned_note_ids.retain(|id| !moved.contains(id));
    for need in &mut theme.needs {
        need.note_ids.retain(|id| !moved.contains(id));
        if need.example_note_id.is_some_and(|id| moved.contains(&id)) {
            need.example_note_id = need.note_ids.first().copied();
        }
    }
    theme.needs.retain(|need| !need.note_ids.is_empty());
    if theme.example_note_id.is_some_and(|id| moved.contains(&id)) {
        theme.example_note_id = theme.note_ids.first().copied();
    }
}

/// Takes the note out of whichever theme and need hold it.
fn take_out(themes: &mut [Theme], note_id: NoteId) {
    for theme in themes.iter_mut().filter(|theme| theme.note_ids.contains(&note_id)) {
        keep_notes_except(theme, &[note_id]);
    }
}

/// A need's name made from a note: its first line, cut at a word before
/// [`NEED_NAME_MAX_CHARS`].
fn name_from_note(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default().trim();
    if line.chars().count() <= NEED_NAME_MAX_CHARS {
        return line.to_string();
    }
    let cut: String = line.chars().take(NEED_NAME_MAX_CHARS).collect();
    let cut =
        cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head).trim_end_matches([',', '.', ';', ':']);
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::model::ids::fixed_id as id;

    fn need(n: u128, name: &str, notes: &[u128]) -> Need {
        Need {
            id: id(n),
            name: name.into(),
            name_locked: false,
            terms: vec![],
            example_note_id: notes.first().map(|n| id(*n)),
            note_ids: notes.iter().map(|n| id(*n)).collect(),
        }
    }

    fn theme(n: u128, needs: Vec<Need>) -> Theme {
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
            pinned_note_ids: vec![],
            needs,
        }
    }

    fn sample() -> Vec<Theme> {
        vec![
            theme(
                100,
                vec![
                    need(110, "E-legitimation för medarbetare", &[1, 2]),
                    need(111, "Digital brevlåda", &[3]),
                ],
            ),
            theme(200, vec![need(210, "Molntjänster och CLOUD Act", &[4, 5])]),
        ]
    }

    #[test]
    fn a_note_moved_to_a_need_leaves_its_old_need_and_is_pinned() {
        let mut themes = sample();
        move_to_need(&mut themes, id(3), id(210)).unwrap();
        assert_eq!(themes[0].note_ids, vec![id(1), id(2)]);
        assert_eq!(themes[0].needs.len(), 1, "the emptied need drops out");
        assert_eq!(themes[1].needs[0].note_ids, vec![id(4), id(5), id(3)]);
        assert_eq!(themes[1].note_ids, vec![id(4), id(5), id(3)]);
        assert_eq!(themes[1].pinned_note_ids, vec![id(3)]);
        assert_eq!(move_to_need(&mut themes, id(1), id(999)), Err(EditError::UnknownTarget));
        assert_eq!(themes[0].note_ids, vec![id(1), id(2)], "a failed move changes nothing");
    }

    #[test]
    fn a_note_moved_to_the_need_it_is_alone_in_stays_there_placed() {
        let mut themes = sample();
        move_to_need(&mut themes, id(3), id(111)).unwrap();
        assert_eq!(themes[0].needs[1].id, id(111), "the need of one note is kept");
        assert_eq!(themes[0].needs[1].note_ids, vec![id(3)]);
        assert_eq!(themes[0].note_ids, vec![id(1), id(2), id(3)]);
        assert_eq!(themes[0].pinned_note_ids, vec![id(3)]);
        move_to_need(&mut themes, id(3), id(111)).unwrap();
        assert_eq!(themes[0].pinned_note_ids, vec![id(3)], "placed once");
    }

    #[test]
    fn a_note_moved_to_a_theme_states_a_need_of_its_own() {
        let mut themes = sample();
        move_to_theme(&mut themes, id(1), "Gemensam e-legitimation för alla anställda", id(200), id(220))
            .unwrap();
        assert_eq!(themes[0].needs[0].note_ids, vec![id(2)]);
        assert_eq!(
            themes[0].needs[0].example_note_id,
            Some(id(2)),
            "the example moves to a note still there"
        );
        let added = themes[1].needs.last().unwrap();
        assert_eq!((added.id, added.note_ids.clone()), (id(220), vec![id(1)]));
        assert_eq!(added.name, "Gemensam e-legitimation för alla anställda");
        assert!(themes[1].pinned_note_ids.contains(&id(1)));
    }

    #[test]
    fn renaming_a_need_keeps_the_name_and_its_notes() {
        let mut themes = sample();
        themes[0].pinned_note_ids = vec![id(2)];
        rename_need(&mut themes, id(110), "E-legitimation i tjänsten").unwrap();
        let renamed = &themes[0].needs[0];
        assert_eq!((renamed.name.as_str(), renamed.name_locked), ("E-legitimation i tjänsten", true));
        assert_eq!(themes[0].pinned_note_ids, vec![id(2), id(1)], "each note pinned once");
        assert_eq!(rename_need(&mut themes, id(999), "x"), Err(EditError::UnknownTarget));
    }

    #[test]
    fn a_need_split_by_chosen_notes_keeps_both_parts_placed() {
        let mut themes = sample();
        themes[0].needs[0].note_ids.push(id(6));
        themes[0].note_ids.push(id(6));
        split_need(
            &mut themes,
            id(110),
            &[id(2), id(6), id(4)],
            id(120),
            "Digital legitimation för konsulter",
        )
        .unwrap();
        let needs = &themes[0].needs;
        assert_eq!(needs[0].note_ids, vec![id(1)], "the staying part");
        assert_eq!(
            (needs[1].id, needs[1].note_ids.clone()),
            (id(120), vec![id(2), id(6)]),
            "note 4 is elsewhere"
        );
        assert_eq!(needs[1].name, "Digital legitimation för konsulter");
        assert_eq!(needs[2].id, id(111), "the new need comes right after the split one");
        assert_eq!(themes[0].pinned_note_ids, vec![id(1), id(2), id(6)]);
        assert_eq!(split_need(&mut themes, id(999), &[id(1)], id(121), "x"), Err(EditError::UnknownTarget));
    }

    #[test]
    fn long_notes_make_short_need_names_cut_at_a_word() {
        let name = name_from_note(&"informationsförsörjning ".repeat(6));
        assert!(name.chars().count() <= NEED_NAME_MAX_CHARS + 1, "{name}");
        assert!(name.ends_with("informationsförsörjning…"), "{name}");
        assert_eq!(name_from_note("Grunddata\nandra raden"), "Grunddata");
    }
}
