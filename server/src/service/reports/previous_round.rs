//! A round's themes compared with the previous round's, as the report tells the reader:
//! each theme of this round is new or recurring (with the previous round's themes it
//! continues and how alike they are), each theme of the previous round recurs or is no
//! longer mentioned. Compared on the notes' meaning (see [`clustering::counterparts`]), many
//! to many; apart from the lineage ids, which pair themes one to one so that a continuing
//! theme keeps its id.

use std::collections::HashMap;

use app::model::Theme;
use app::model::report::{Continuity, Counterpart, PreviousTheme, ReportNote};
use uuid::Uuid;

use super::{lineage, match_notes};
use crate::clustering;

/// What the comparison says of each theme of both rounds.
#[derive(Debug, Clone, Default)]
pub(crate) struct Comparison {
    /// Per theme of this round (by its own id), the previous round's themes it continues.
    counterparts: HashMap<Uuid, Vec<Counterpart>>,
    /// Themes of the previous round that no theme of this round continues.
    pub no_longer_mentioned: Vec<PreviousTheme>,
}

impl Comparison {
    /// Whether `theme` of this round is new or recurring.
    pub(crate) fn continuity(&self, theme: &Theme) -> Continuity {
        match self.counterparts.get(&theme.id) {
            Some(previous) if !previous.is_empty() => Continuity::Recurring { previous: previous.clone() },
            _ => Continuity::New,
        }
    }
}

/// Compares `themes` (over `notes`) with the previous round's `before` (over
/// `before_notes`), on the notes' `vectors` where there are and their words. CPU work.
pub(crate) fn compare(
    themes: &[Theme],
    notes: &[ReportNote],
    before: &[Theme],
    before_notes: &[ReportNote],
    vectors: &HashMap<Uuid, Vec<f32>>,
) -> Comparison {
    let current: Vec<&Theme> = themes.iter().filter(|t| !t.unsorted).collect();
    let previous: Vec<&Theme> = before.iter().filter(|t| !t.unsorted).collect();
    let found = clustering::counterparts(
        &match_notes(&current, notes, vectors),
        &match_notes(&previous, before_notes, vectors),
    );
    let mut continued = vec![false; previous.len()];
    let mut counterparts = HashMap::new();
    for (theme, found) in current.iter().zip(found) {
        let list: Vec<Counterpart> = found
            .into_iter()
            .map(|c| {
                continued[c.index] = true;
                let other = previous[c.index];
                Counterpart { id: lineage(other), name: other.name.clone(), similarity: c.similarity }
            })
            .collect();
        counterparts.insert(theme.id, list);
    }
    let no_longer_mentioned = previous
        .iter()
        .zip(continued)
        .filter(|(_, continued)| !continued)
        .map(|(before, _)| PreviousTheme {
            id: lineage(before),
            name: before.name.clone(),
            note_count: before.note_ids.len(),
        })
        .collect();
    Comparison { counterparts, no_longer_mentioned }
}
