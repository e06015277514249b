//! The service's side of the clustering engine: the stored notes it is given, and what it
//! returns read back as stored needs and themes. Workshop runs (`service::themes`) and round
//! themes (`service::reports`) both go through here.

use std::collections::HashMap;

use app::model::Need;
use app::model::ids::NoteId;
use uuid::Uuid;

use crate::clustering::{self, NoteInput};
use crate::store::NoteText;

pub(crate) mod ids;
mod split;

pub(crate) use split::{Split, split_off};

/// How many times a run (a workshop's clustering, a round's build) starts again when the
/// themes it was made from changed under it, before it gives up and says so
/// ([`app::error::AppError::ThemesChanged`]).
pub(crate) const RUN_ATTEMPTS: usize = 3;

/// Notes as clustering takes them, each with its sentence vector when it has one.
pub(crate) fn clustering_inputs(notes: &[NoteText], vectors: &HashMap<NoteId, Vec<f32>>) -> Vec<NoteInput> {
    notes
        .iter()
        .map(|note| NoteInput {
            id: note.id.to_string(),
            text: note.text.clone(),
            vector: vectors.get(&note.id).cloned(),
        })
        .collect()
}

/// The engine's needs as stored needs; one that continues an earlier need keeps its id and,
/// if a person named it, its name.
pub(crate) fn needs_from(needs: Vec<clustering::Need>, earlier: &[&Need]) -> Vec<Need> {
    needs
        .into_iter()
        .map(|need| {
            let id = parse_or_new(need.id.as_deref());
            let before = earlier.iter().find(|before| before.id == id);
            let locked = before.filter(|before| before.name_locked);
            let note_ids = ids::read_all(&need.note_ids, "a need's note");
            // A need keeps its example while it holds it (the note it is anchored by).
            let example_note_id = before
                .and_then(|before| before.example_note_id)
                .filter(|id| note_ids.contains(id))
                .or_else(|| ids::read(&need.example_note_id, "a need's example"));
            Need {
                id,
                name: locked.map_or(need.name, |before| before.name.clone()),
                name_locked: locked.is_some(),
                terms: need.terms,
                example_note_id,
                note_ids,
            }
        })
        .collect()
}

/// The engine's id for a theme or need that continues one, or a new id.
pub(crate) fn parse_or_new<Id: From<Uuid>>(id: Option<&str>) -> Id {
    id.and_then(|id| ids::read(id, "a continuing theme or need")).unwrap_or_else(|| Uuid::new_v4().into())
}
