//! Sentence vectors of notes: the optional sentence model, and the background worker that
//! gives every note its vector once, off the path that stores and acknowledges notes.
//!
//! Without the model file Klustra runs as before: clustering, theme matching and similar-note
//! hints stay lexical, and [`Embeddings::is_on`] says so to the facilitator's page.

mod model;
mod worker;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use tokio::sync::{Notify, Semaphore, watch};
use tokio::task::JoinHandle;

use crate::store::{NoteText, ReportSource, Store, StoreError};
use app::model::ids::NoteId;

pub use model::SentenceModel;

/// Turns texts into sentence vectors (L2-normalised, so a dot product is a cosine).
///
/// The port between Klustra and its inference engine; [`SentenceModel`] is the real one.
pub trait Embedder: Send + Sync {
    /// One vector per text, in order. CPU-bound: call it on a blocking thread.
    fn embed_batch(&self, texts: &[&str]) -> Vec<Vec<f32>>;
}

/// Notes a clustering run embeds itself when the worker has not reached them yet: the few
/// written in the last seconds. At about 30 ms a note, a run waits two seconds at most.
const ON_THE_SPOT: usize = 64;

/// How long a similar-note hint waits for the model while other hints use it, before it
/// makes do with the lexical matcher.
const HINT_WAIT: Duration = Duration::from_millis(300);

/// The sentence model in use, if any, and the queue of notes waiting for their vectors.
/// Cheap to clone; every clone shares the model and the queue, and a model loaded after the
/// server started listening ([`Embeddings::load_later`]) reaches every clone at once.
#[derive(Clone)]
pub struct Embeddings {
    shared: Arc<Shared>,
}

/// What every clone of an [`Embeddings`] sees.
struct Shared {
    /// Empty while the model loads, and for good without one.
    model: OnceLock<Arc<Inner>>,
    /// Notes stored or edited while the model loads: once it is in they go before the
    /// back-fill, as they would have with the model there. `None` once loading is over.
    early: Mutex<Option<BTreeSet<NoteId>>>,
    /// True once loading is over, with or without a model.
    settled: watch::Sender<bool>,
    /// Set on shutdown: a worker not started yet never starts.
    stopped: AtomicBool,
}

struct Inner {
    embedder: Arc<dyn Embedder>,
    /// Stored with each vector; a vector made by another model counts as missing.
    model: String,
    /// Notes stored or edited since the worker last looked.
    waiting: Mutex<BTreeSet<NoteId>>,
    wake: Notify,
    /// One hint embeds at a time, so participants typing cannot take every core.
    hint_turn: Semaphore,
    worker: Mutex<Option<JoinHandle<()>>>,
}

impl std::fmt::Debug for Embeddings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Embeddings").field("model", &self.inner().map(|inner| &inner.model)).finish()
    }
}

impl Default for Embeddings {
    fn default() -> Self {
        Self::off()
    }
}

impl Embeddings {
    /// No model: everything stays lexical.
    pub fn off() -> Self {
        Self::settled_with(None)
    }

    /// Vectors from `embedder`, stored under the name `model`.
    pub fn on(embedder: Arc<dyn Embedder>, model: &str) -> Self {
        Self::settled_with(Some(Inner::new(embedder, model)))
    }

    fn settled_with(inner: Option<Inner>) -> Self {
        let embeddings = Self::loading();
        embeddings.settle(inner);
        embeddings
    }

    /// No model yet; [`Embeddings::settle`] gives the outcome of loading it.
    fn loading() -> Self {
        Embeddings {
            shared: Arc::new(Shared {
                model: OnceLock::new(),
                early: Mutex::new(Some(BTreeSet::new())),
                settled: watch::Sender::new(false),
                stopped: AtomicBool::new(false),
            }),
        }
    }

    fn settle(&self, inner: Option<Inner>) {
        if let Some(inner) = inner {
            let _ = self.shared.model.set(Arc::new(inner));
        }
        // After the model is set: a note queued from now on finds it (see `note_changed`).
        let early = self.shared.early.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).take();
        if let (Some(inner), Some(early)) = (self.inner(), early) {
            early.into_iter().for_each(|note_id| inner.queue(note_id));
        }
        self.shared.settled.send_replace(true);
    }

    fn inner(&self) -> Option<&Arc<Inner>> {
        self.shared.model.get()
    }

    /// Off now, and the model in the file at `path` from when it is read (about half a
    /// second, on a blocking thread). The server listens meanwhile, so boards reconnect
    /// after a restart without waiting for the model; until it is in, grouping and hints
    /// use words, as without a model. See [`Embeddings::settled`].
    pub fn load_later(path: PathBuf) -> Self {
        let embeddings = Self::loading();
        let settling = embeddings.clone();
        tokio::spawn(async move {
            let read = tokio::task::spawn_blocking(move || read_model(&path)).await;
            settling.settle(read.ok().flatten());
        });
        embeddings
    }

    /// Completes once loading is over, with or without a model.
    pub async fn settled(&self) {
        let mut settled = self.shared.settled.subscribe();
        let _ = settled.wait_for(|done| *done).await;
    }

    /// Whether a model is loaded (semantic grouping is on).
    pub fn is_on(&self) -> bool {
        self.inner().is_some()
    }

    /// Queues a stored or edited note for its vector. Cheap: called right after a note's
    /// change was committed and published, never before.
    pub fn note_changed(&self, note_id: NoteId) {
        if let Some(inner) = self.inner() {
            return inner.queue(note_id);
        }
        // Looked at again under the lock `settle` takes the early notes with, so a note
        // stored while the model comes in is queued once, in one place or the other.
        let mut early = self.shared.early.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        match (self.inner(), early.as_mut()) {
            (Some(inner), _) => inner.queue(note_id),
            (None, Some(early)) => {
                early.insert(note_id);
            }
            // Loaded without a model: nothing to queue for.
            (None, None) => {}
        }
    }

    /// Starts the background worker on `store`: it first gives every note without a current
    /// vector one (logging its progress), then serves [`Embeddings::note_changed`].
    /// Nothing happens without a model, or after [`Embeddings::stop_worker`].
    pub fn start_worker(&self, store: Store) {
        if self.shared.stopped.load(Ordering::SeqCst) {
            return;
        }
        if let Some(inner) = self.inner() {
            let task = tokio::spawn(worker::run(inner.clone(), store));
            if let Some(old) = inner.worker.lock().unwrap_or_else(|p| p.into_inner()).replace(task) {
                old.abort();
            }
        }
    }

    /// Stops the background worker (on shutdown, before the database closes). A batch in
    /// the middle of being embedded is dropped; its notes get their vectors at next start.
    pub fn stop_worker(&self) {
        self.shared.stopped.store(true, Ordering::SeqCst);
        if let Some(inner) = self.inner()
            && let Some(task) = inner.worker.lock().unwrap_or_else(|p| p.into_inner()).take()
        {
            task.abort();
        }
    }

    /// The vectors of `notes` (all in `source`), by note id, for clustering and matching;
    /// `None` without a model. Stored vectors are read. Notes still waiting for the worker
    /// (written seconds ago) get theirs made here and stored, so one run compares them in
    /// the same space as the rest; at most [`ON_THE_SPOT`] of them, so a run never waits
    /// long. Beyond that (the back-fill right after the model was installed) the rest are
    /// left out, and clustering places them by their words this once.
    pub async fn vectors_for(
        &self,
        store: &Store,
        source: ReportSource,
        notes: &[NoteText],
    ) -> Result<Option<HashMap<NoteId, Vec<f32>>>, StoreError> {
        let Some(inner) = self.inner() else { return Ok(None) };
        let wanted: HashSet<NoteId> = notes.iter().map(|note| note.id).collect();
        let mut vectors = store.note_vectors(source, &inner.model).await?;
        vectors.retain(|id, _| wanted.contains(id));
        let missing: Vec<NoteText> =
            notes.iter().filter(|n| !vectors.contains_key(&n.id)).take(ON_THE_SPOT).cloned().collect();
        if !missing.is_empty() {
            let made = inner.embed(missing).await;
            store.put_vectors(&inner.model, &made).await?;
            vectors.extend(made.into_iter().map(|(note, vector)| (note.id, vector)));
        }
        Ok(Some(vectors))
    }

    /// The stored vectors of the notes in `source`, without making missing ones (`None`
    /// without a model).
    pub async fn stored_vectors(
        &self,
        store: &Store,
        source: ReportSource,
    ) -> Result<Option<HashMap<NoteId, Vec<f32>>>, StoreError> {
        match self.inner() {
            Some(inner) => Ok(Some(store.note_vectors(source, &inner.model).await?)),
            None => Ok(None),
        }
    }

    /// The vector of a draft a participant is typing, for hints; `None` without a model or
    /// while other hints keep it busy for longer than [`HINT_WAIT`].
    pub async fn draft_vector(&self, draft: &str) -> Option<Vec<f32>> {
        let inner = self.inner()?;
        let _turn = tokio::time::timeout(HINT_WAIT, inner.hint_turn.acquire()).await.ok()?.ok()?;
        let draft = NoteText { id: NoteId::nil(), text: draft.to_string() };
        inner.embed(vec![draft]).await.pop().map(|(_, vector)| vector)
    }
}

impl Inner {
    /// Queues a note for the worker and wakes it.
    fn queue(&self, note_id: NoteId) {
        self.waiting.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).insert(note_id);
        self.wake.notify_one();
    }

    fn new(embedder: Arc<dyn Embedder>, model: &str) -> Self {
        Inner {
            embedder,
            model: model.to_string(),
            waiting: Mutex::new(BTreeSet::new()),
            wake: Notify::new(),
            hint_turn: Semaphore::new(1),
            worker: Mutex::new(None),
        }
    }

    /// The vectors of `notes`, made on a blocking thread (the model is CPU work).
    async fn embed(self: &Arc<Self>, notes: Vec<NoteText>) -> Vec<(NoteText, Vec<f32>)> {
        let inner = self.clone();
        let made = tokio::task::spawn_blocking(move || {
            let texts: Vec<&str> = notes.iter().map(|note| note.text.as_str()).collect();
            let vectors = inner.embedder.embed_batch(&texts);
            notes.into_iter().zip(vectors).collect::<Vec<_>>()
        })
        .await;
        made.unwrap_or_else(|err| {
            tracing::error!(error = %err, "embedding notes failed");
            Vec::new()
        })
    }
}

/// The model in the file at `path`, or `None` (with a warning that says what that means
/// and how to fix it) without a readable one. Slow: call it on a blocking thread.
fn read_model(path: &Path) -> Option<Inner> {
    if !path.is_file() {
        tracing::warn!(
            "no sentence model at {}: semantic grouping is off, themes and similar-note hints \
             use words only. Install it with `bash scripts/run.sh` (or set --embedding-model).",
            path.display()
        );
        return None;
    }
    let started = std::time::Instant::now();
    match SentenceModel::load(path) {
        Ok(model) => {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            tracing::info!(model = %path.display(), took_ms = started.elapsed().as_millis(), "sentence model loaded");
            Some(Inner::new(Arc::new(model), &name))
        }
        Err(err) => {
            tracing::warn!(
                "the sentence model {} could not be read ({err}): semantic grouping is off, \
                 themes and similar-note hints use words only",
                path.display()
            );
            None
        }
    }
}

/// Cosine similarity of two L2-normalised vectors.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}
