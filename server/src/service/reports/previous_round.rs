//! A round's themes compared with the previous round's, as the report tells the reader:
//! each theme of this round is new or recurring (with the previous round's themes it
//! continues and how alike they are), each theme of the previous round recurs or is no
//! longer mentioned. Compared on the notes' meaning (see [`clustering::counterparts`]), many
//! to many; apart from the lineage ids, which pair themes one to one so that a continuing
//! theme keeps its id.
//!
//! The comparison looks at every note of both rounds (at 800 notes each, a few hundred
//! milliseconds of CPU), and the analyst's page and every export ask for it again while
//! nothing changed: the [`ComparisonCache`] keeps the last few, by what they were made from.

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasher, Hasher, RandomState};
use std::sync::{Arc, Mutex, PoisonError};

use app::model::Theme;
use app::model::ids::{NoteId, ThemeId};
use app::model::report::{Continuity, Counterpart, PreviousTheme, ReportNote};

use super::round_cache::{hash_notes, hash_themes};
use super::{lineage, match_notes};
use crate::clustering;

/// What the comparison says of each theme of both rounds.
#[derive(Debug, Clone, Default)]
pub(crate) struct Comparison {
    /// Per theme of this round (by its own id), the previous round's themes it continues.
    counterparts: HashMap<ThemeId, Vec<Counterpart>>,
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

/// Comparisons kept; the oldest makes room. One is a few names and ids per theme.
const COMPARISONS_KEPT: usize = 32;

/// The comparisons made lately, each under the fingerprint of what it was made from (see
/// [`ComparisonCache::fingerprint`]): served only for exactly those inputs.
#[derive(Debug, Default)]
pub(crate) struct ComparisonCache {
    /// The fingerprints' keys, random per process, as the round cache's: notes someone wrote
    /// cannot be made to collide with another round's comparison.
    keys: RandomState,
    kept: Mutex<VecDeque<(u64, Arc<Comparison>)>>,
}

impl ComparisonCache {
    /// A sum of what a comparison is made from: both rounds' themes (whole) and their notes
    /// (ids, texts and sentence vectors), as the round cache sums them.
    pub(crate) fn fingerprint(
        &self,
        (themes, notes): (&[Theme], &[ReportNote]),
        (before, before_notes): (&[Theme], &[ReportNote]),
        vectors: &HashMap<NoteId, Vec<f32>>,
    ) -> u64 {
        let mut hasher = self.keys.build_hasher();
        for themes in [themes, before] {
            hash_themes(themes, &mut hasher);
        }
        for notes in [notes, before_notes] {
            hash_notes(notes, vectors, &mut hasher);
        }
        hasher.finish()
    }

    /// The comparison made from inputs with this fingerprint, if kept.
    pub(crate) fn get(&self, fingerprint: u64) -> Option<Arc<Comparison>> {
        let kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        kept.iter().find(|(key, _)| *key == fingerprint).map(|(_, comparison)| comparison.clone())
    }

    /// Keeps `comparison` under `fingerprint`.
    pub(crate) fn put(&self, fingerprint: u64, comparison: Arc<Comparison>) {
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        kept.retain(|(key, _)| *key != fingerprint);
        if kept.len() >= COMPARISONS_KEPT {
            kept.pop_front();
        }
        kept.push_back((fingerprint, comparison));
    }
}

/// Compares `themes` (over `notes`) with the previous round's `before` (over
/// `before_notes`), on the notes' `vectors` where there are and their words. CPU work.
pub(crate) fn compare(
    themes: &[Theme],
    notes: &[ReportNote],
    before: &[Theme],
    before_notes: &[ReportNote],
    vectors: &HashMap<NoteId, Vec<f32>>,
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
                Counterpart {
                    id: lineage(other),
                    name: other.name.clone(),
                    similarity: c.similarity,
                    notes_here: c.notes_here,
                    notes: c.notes,
                }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::reports::fixtures::{note, theme_of};

    fn theme(name: &str, notes: &[ReportNote]) -> Theme {
        theme_of(name, &notes.iter().map(|note| note.id).collect::<Vec<_>>())
    }

    #[test]
    fn each_theme_is_new_or_recurring_and_last_years_without_a_counterpart_are_listed() {
        let before_notes = vec![
            note("e-arkiv för allmänna handlingar"),
            note("digitalt e-arkiv för handlingar"),
            note("bredband på landsbygden"),
            note("fiber och bredband till glesbygden"),
        ];
        let before = vec![theme("E-arkiv", &before_notes[..2]), theme("Bredband", &before_notes[2..])];
        let notes = vec![note("e-arkiv för handlingar saknas"), note("AI-stöd i handläggningen")];
        let themes = vec![theme("Arkiv", &notes[..1]), theme("AI", &notes[1..])];
        let comparison = compare(&themes, &notes, &before, &before_notes, &HashMap::new());
        match comparison.continuity(&themes[0]) {
            Continuity::Recurring { previous } => {
                assert_eq!(previous.len(), 1);
                assert_eq!((previous[0].id, previous[0].name.as_str()), (before[0].id, "E-arkiv"));
                assert!(previous[0].similarity > 0.3, "{previous:?}");
                assert_eq!(
                    (previous[0].notes_here, previous[0].notes),
                    (2, 2),
                    "both archive notes continue here"
                );
            }
            other => panic!("the archive recurs: {other:?}"),
        }
        assert_eq!(comparison.continuity(&themes[1]), Continuity::New);
        let gone: Vec<&str> = comparison.no_longer_mentioned.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(gone, ["Bredband"]);

        // Kept for the same inputs, not for others.
        let cache = ComparisonCache::default();
        let none = HashMap::new();
        let key = cache.fingerprint((&themes, &notes), (&before, &before_notes), &none);
        cache.put(key, Arc::new(comparison));
        assert!(cache.get(key).is_some());
        let mut edited = notes.clone();
        edited[1].text = "e-arkiv igen".into();
        let edited_key = cache.fingerprint((&themes, &edited), (&before, &before_notes), &none);
        assert_ne!(edited_key, key, "a note's text counts");
        let arrived = HashMap::from([(notes[0].id, vec![0.6, 0.8])]);
        let arrived_key = cache.fingerprint((&themes, &notes), (&before, &before_notes), &arrived);
        assert_ne!(arrived_key, key, "and vectors arriving");
    }
}
