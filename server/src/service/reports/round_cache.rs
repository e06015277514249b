//! A round's themes built from its workshops (see [`super::round_themes`]) are CPU work:
//! about half a second at 1,500 notes, a minute at 6,500. Until an analyst stores them, the
//! analyst's page and every export show them built just now, so each of those reads would
//! build them again, and with new ids each time. The [`RoundCache`] builds them once per
//! change of what they are built from and hands the same themes, ids included, to every
//! read until something changes.
//!
//! What they are built from is read anew on every request (those reads are cheap) and
//! summed up in a fingerprint, so a cached result is served only for exactly the inputs it
//! was built from: no change counter to keep in step, and nothing stale can be served.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, Hasher, RandomState};
use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex, PoisonError};

use app::error::AppError;
use app::model::Theme;
use app::model::ids::{NoteId, RoundId};
use app::model::report::ReportNote;
use tokio::sync::Semaphore;

use super::round_themes::Earlier;

/// Rounds whose themes are kept; the one used longest ago makes room. One round's themes
/// are its notes' ids and the themes' names, about 50 bytes a note: 32 rounds of 6,500
/// notes hold about 10 MB.
const ROUNDS_KEPT: usize = 32;

/// Everything a round's themes are built from: the same inputs give the same themes.
#[derive(Debug, Clone)]
pub(crate) struct RoundInputs {
    /// Each workshop's themes as its facilitator left them (empty when never clustered).
    pub workshops: Vec<Vec<Theme>>,
    /// The round's stored themes (an earlier run, with what an analyst merged, split, named).
    pub earlier: Vec<Theme>,
    /// Whether the earlier themes are kept whole or only their analyst's decisions.
    pub mode: Earlier,
    /// The round's notes.
    pub notes: Vec<ReportNote>,
    /// The previous round's themes and notes, whose ids continuing themes keep.
    pub previous: Vec<Theme>,
    pub previous_notes: Vec<ReportNote>,
    /// Sentence vectors of the notes of both rounds, where there are.
    pub vectors: HashMap<NoteId, Vec<f32>>,
    /// From 0.0 (fewer, larger themes) to 1.0.
    pub granularity: f32,
}

impl RoundInputs {
    /// A sum of everything the themes are built from, under `keys`. Of a note only its id,
    /// text and vector count (its votes and authors do not change the themes). Themes count
    /// whole.
    fn fingerprint(&self, keys: &RandomState) -> u64 {
        let mut hasher = keys.build_hasher();
        hasher.write_usize(self.workshops.len());
        for themes in self.workshops.iter().chain([&self.earlier, &self.previous]) {
            hash_themes(themes, &mut hasher);
        }
        for notes in [&self.notes, &self.previous_notes] {
            hash_notes(notes, &self.vectors, &mut hasher);
        }
        hasher.write_u32(self.granularity.to_bits());
        self.mode.hash(&mut hasher);
        hasher.finish()
    }
}

/// Adds `themes` whole: through serde, so a field added to `Theme` later is summed up too.
pub(super) fn hash_themes(themes: &[Theme], hasher: &mut impl Hasher) {
    serde_json::to_writer(HashWriter(hasher), themes).expect("themes serialise");
}

/// Adds `notes` as what groups them sees them: each one's id, text and sentence vector (or
/// that it has none). The vector's values count, since a note's text can change while its
/// old vector is still stored.
pub(super) fn hash_notes(
    notes: &[ReportNote],
    vectors: &HashMap<NoteId, Vec<f32>>,
    hasher: &mut impl Hasher,
) {
    hasher.write_usize(notes.len());
    for note in notes {
        hasher.write(note.id.uuid().as_bytes());
        note.text.hash(hasher);
        match vectors.get(&note.id) {
            Some(vector) => {
                let bytes: Vec<u8> = vector.iter().flat_map(|value| value.to_bits().to_le_bytes()).collect();
                hasher.write_u8(1);
                hasher.write(&bytes);
            }
            None => hasher.write_u8(0),
        }
    }
}

/// Feeds what serde writes into a hasher, so themes are summed up without a copy.
struct HashWriter<'a, H>(&'a mut H);

impl<H: Hasher> std::io::Write for HashWriter<'_, H> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Themes built from the inputs with this fingerprint.
struct Built {
    fingerprint: u64,
    themes: Arc<Vec<Theme>>,
}

/// One round's last built themes; locked while they are being built, so a second request
/// for the round waits for the first one's themes instead of building its own.
type Slot = Arc<tokio::sync::Mutex<Option<Built>>>;

/// The slots of the rounds kept, each with when it was last used.
#[derive(Default)]
struct Slots {
    rounds: HashMap<RoundId, (u64, Slot)>,
    clock: u64,
}

/// Rounds' themes built from their workshops, one build per change of their inputs, shared
/// by every request (see the module's text).
pub(crate) struct RoundCache {
    /// The fingerprints' keys, random per process: inputs someone wrote cannot be made to
    /// collide with another round's state.
    keys: RandomState,
    slots: Mutex<Slots>,
    /// Builds at once, across rounds: one per core (more would not finish sooner).
    builds: Arc<Semaphore>,
}

impl RoundCache {
    /// An empty cache.
    pub fn new() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
        RoundCache {
            keys: RandomState::new(),
            slots: Mutex::new(Slots::default()),
            builds: Arc::new(Semaphore::new(cores)),
        }
    }

    /// The themes `build` makes of `inputs` for the round: those built before when the inputs
    /// are the same, else built now on a blocking thread. The build runs in a task of its
    /// own, so a request that ends meanwhile (its client went) leaves it to finish for the
    /// next request instead of abandoning it; there is at most one build per round at a time.
    pub async fn themes(
        &self,
        round_id: RoundId,
        inputs: RoundInputs,
        build: fn(&RoundInputs) -> Vec<Theme>,
    ) -> Result<Arc<Vec<Theme>>, AppError> {
        let (inputs, fingerprint) = self.fingerprinted(inputs).await?;
        let mut slot = self.slot(round_id).lock_owned().await;
        if let Some(built) = slot.as_ref().filter(|built| built.fingerprint == fingerprint) {
            return Ok(built.themes.clone());
        }
        let builds = self.builds.clone();
        let task = tokio::spawn(async move {
            let _turn = builds.acquire_owned().await.map_err(|_| AppError::Internal)?;
            let themes = Arc::new(tokio::task::spawn_blocking(move || build(&inputs)).await.map_err(failed)?);
            *slot = Some(Built { fingerprint, themes: themes.clone() });
            Ok(themes)
        });
        task.await.map_err(failed)?
    }

    /// Forgets the round's themes: it was clustered (its themes are stored now) or purged
    /// (its notes' words must not outlive it here).
    pub fn forget(&self, round_id: RoundId) {
        self.slots.lock().unwrap_or_else(PoisonError::into_inner).rounds.remove(&round_id);
    }

    /// The inputs with their fingerprint, summed up on a blocking thread (thousands of
    /// sentence vectors are megabytes to read).
    async fn fingerprinted(&self, inputs: RoundInputs) -> Result<(RoundInputs, u64), AppError> {
        let keys = self.keys.clone();
        tokio::task::spawn_blocking(move || {
            let fingerprint = inputs.fingerprint(&keys);
            (inputs, fingerprint)
        })
        .await
        .map_err(failed)
    }

    /// The round's slot, made (making room if need be) when the round has none.
    fn slot(&self, round_id: RoundId) -> Slot {
        let mut slots = self.slots.lock().unwrap_or_else(PoisonError::into_inner);
        slots.clock += 1;
        let now = slots.clock;
        if let Some((used, slot)) = slots.rounds.get_mut(&round_id) {
            *used = now;
            return slot.clone();
        }
        if slots.rounds.len() >= ROUNDS_KEPT
            && let Some(oldest) = slots.rounds.iter().min_by_key(|(_, (used, _))| *used).map(|(id, _)| *id)
        {
            slots.rounds.remove(&oldest);
        }
        let slot = Slot::default();
        slots.rounds.insert(round_id, (now, slot.clone()));
        slot
    }
}

impl Default for RoundCache {
    fn default() -> Self {
        Self::new()
    }
}

/// A build that panicked (or a runtime shutting down): logged, and an internal error to tell.
fn failed(err: tokio::task::JoinError) -> AppError {
    tracing::error!(error = %err, "building a round's themes failed");
    AppError::Internal
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::service::reports::fixtures::note;
    use app::model::ids::ThemeId;

    fn inputs() -> RoundInputs {
        let notes = vec![note("E-legitimation för personal"), note("Digitalt arkiv för handlingar")];
        let vectors = HashMap::from([(notes[0].id, vec![0.6, 0.8])]);
        RoundInputs {
            workshops: vec![vec![], vec![]],
            earlier: vec![],
            mode: Earlier::Regroup,
            notes,
            previous: vec![],
            previous_notes: vec![],
            vectors,
            granularity: 0.5,
        }
    }

    /// One theme of every note, with a fresh id on every build (as the real build gives).
    fn one_theme(inputs: &RoundInputs) -> Vec<Theme> {
        vec![Theme {
            id: ThemeId::random(),
            lineage_id: None,
            name: "alla".into(),
            name_locked: false,
            unsorted: false,
            terms: vec![],
            example_note_id: None,
            note_ids: inputs.notes.iter().map(|note| note.id).collect(),
            pinned_note_ids: vec![],
            needs: vec![],
        }]
    }

    #[test]
    fn the_fingerprint_changes_with_anything_the_themes_are_built_from_and_only_with_that() {
        let keys = RandomState::new();
        let base = inputs();
        let same = base.fingerprint(&keys);
        let mut voted = base.clone();
        voted.notes[0].dots = 3;
        voted.notes[1].author = Some("Anna".into());
        assert_eq!(voted.fingerprint(&keys), same, "votes and authors do not move notes");

        type Change = fn(&mut RoundInputs);
        let changes: [(&str, Change); 6] = [
            ("a note's text", |i| i.notes[0].text.push('!')),
            ("a new note", |i| i.notes.push(note("AI i handläggningen"))),
            ("a vector's value", |i| i.vectors.values_mut().for_each(|v| v[0] = 0.61)),
            ("a vector made", |i| {
                i.vectors.insert(i.notes[1].id, vec![1.0, 0.0]);
            }),
            ("a workshop's themes", |i| {
                let themes = one_theme(i);
                i.workshops[1] = themes;
            }),
            ("the granularity", |i| i.granularity = 0.6),
        ];
        for (what, change) in changes {
            let mut changed = base.clone();
            change(&mut changed);
            assert_ne!(changed.fingerprint(&keys), same, "{what} changes the fingerprint");
        }
    }

    static BUILDS: AtomicUsize = AtomicUsize::new(0);

    fn counted(inputs: &RoundInputs) -> Vec<Theme> {
        BUILDS.fetch_add(1, Ordering::SeqCst);
        std::thread::sleep(std::time::Duration::from_millis(50));
        one_theme(inputs)
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn requests_at_once_share_one_build_and_a_change_builds_again() {
        let cache = Arc::new(RoundCache::new());
        let (round, base) = (RoundId::random(), inputs());
        let requests: Vec<_> = (0..4)
            .map(|_| {
                let (cache, inputs) = (cache.clone(), base.clone());
                tokio::spawn(async move { cache.themes(round, inputs, counted).await.unwrap() })
            })
            .collect();
        let mut results = Vec::new();
        for request in requests {
            results.push(request.await.unwrap());
        }
        assert_eq!(BUILDS.load(Ordering::SeqCst), 1, "one build for four requests");
        assert!(results.iter().all(|themes| themes[0].id == results[0][0].id), "the same ids for all");

        let mut more = base.clone();
        more.notes.push(note("AI i handläggningen"));
        let rebuilt = cache.themes(round, more, counted).await.unwrap();
        assert_eq!(BUILDS.load(Ordering::SeqCst), 2);
        assert_eq!(rebuilt[0].note_ids.len(), 3, "the new note is in");

        cache.forget(round);
        cache.themes(round, base, counted).await.unwrap();
        assert_eq!(BUILDS.load(Ordering::SeqCst), 3, "a forgotten round builds again");
    }

    #[test]
    fn the_round_used_longest_ago_makes_room() {
        let cache = RoundCache::new();
        let rounds: Vec<RoundId> = (0..=ROUNDS_KEPT).map(|_| RoundId::random()).collect();
        let first = cache.slot(rounds[0]);
        for &round in &rounds[1..ROUNDS_KEPT] {
            cache.slot(round);
        }
        assert!(Arc::ptr_eq(&cache.slot(rounds[0]), &first), "used again: the first is now the newest");
        cache.slot(rounds[ROUNDS_KEPT]);
        let slots = cache.slots.lock().unwrap();
        assert_eq!(slots.rounds.len(), ROUNDS_KEPT);
        assert!(slots.rounds.contains_key(&rounds[0]), "recently used stays");
        assert!(!slots.rounds.contains_key(&rounds[1]), "the oldest went");
    }
}
