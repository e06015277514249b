//! Notes and themes the report service's unit tests build rounds from.

use app::model::Theme;
use app::model::ids::{NoteId, ThemeId, WorkshopId};
use app::model::report::ReportNote;

/// A note of `workshop` saying `text`, with no author, support or edits.
pub(crate) fn note_in(workshop: WorkshopId, text: &str) -> ReportNote {
    ReportNote {
        id: NoteId::random(),
        workshop_id: workshop,
        text: text.to_owned(),
        author: None,
        organisation: None,
        created_at: "2026-12-07T05:00:00Z".parse().expect("a time"),
        edited_at: None,
        supporters: 0,
        dots: 0,
    }
}

/// A note saying `text`, of no particular workshop.
pub(crate) fn note(text: &str) -> ReportNote {
    note_in(WorkshopId::nil(), text)
}

/// A theme named `name` (by the engine) holding `note_ids`, in no need.
pub(crate) fn theme_of(name: &str, note_ids: &[NoteId]) -> Theme {
    Theme {
        id: ThemeId::random(),
        lineage_id: None,
        name: name.to_owned(),
        name_locked: false,
        unsorted: false,
        terms: vec![],
        example_note_id: note_ids.first().copied(),
        note_ids: note_ids.to_vec(),
        pinned_note_ids: vec![],
        needs: vec![],
    }
}
