//! Sentence vectors of notes: the optional sentence model, and the background worker that
//! gives every note its vector once, off the path that stores and acknowledges notes.
//!
//! Without the model file Klustra runs as before: clustering, theme matching and similar-note
//! hints stay lexical, and [`Embeddings::is_on`] says so to the facilitator's page.

mod model;
mod worker;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{Notify, Semaphore};
use tokio::task::JoinHandle;
use uuid::Uuid;

use crate::store::{NoteText, ReportSource, Store, StoreError};

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
/// Cheap to clone; every clone shares the model and the queue.
#[derive(Clone, Default)]
pub struct Embeddings {
    inner: Option<Arc<Inner>>,
}

struct Inner {
    embedder: Arc<dyn Embedder>,
    /// Stored with each vector; a vector made by another model counts as missing.
    model: String,
    /// Notes stored or edited since the worker last looked.
    waiting: Mutex<BTreeSet<Uuid>>,
    wake: Notify,
    /// One hint embeds at a time, so participants typing cannot take every core.
    hint_turn: Semaphore,
    worker: Mutex<Option<JoinHandle<()>>>,
}

impl std::fmt::Debug for Embeddings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Embeddings").field("model", &self.inner.as_ref().map(|inner| &inner.model)).finish()
    }
}

impl Embeddings {
    /// No model: everything stays lexical.
    pub fn off() -> Self {
        Self::default()
    }

    /// Vectors from `embedder`, stored under the name `model`.
    pub fn on(embedder: Arc<dyn Embedder>, model: &str) -> Self {
        Embeddings {
            inner: Some(Arc::new(Inner {
                embedder,
                model: model.to_string(),
                waiting: Mutex::new(BTreeSet::new()),
                wake: Notify::new(),
                hint_turn: Semaphore::new(1),
                worker: Mutex::new(None),
            })),
        }
    }

    /// The model in the file at `path`; without a readable model file, off, with one
    /// warning in the log that says what that means and how to fix it.
    pub fn load(path: &Path) -> Self {
        if !path.is_file() {
            tracing::warn!(
                "no sentence model at {}: semantic grouping is off, themes and similar-note hints \
                 use words only. Install it with `bash scripts/run.sh` (or set --embedding-model).",
                path.display()
            );
            return Self::off();
        }
        let started = std::time::Instant::now();
        match SentenceModel::load(path) {
            Ok(model) => {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                tracing::info!(model = %path.display(), took_ms = started.elapsed().as_millis(), "sentence model loaded");
                Self::on(Arc::new(model), &name)
            }
            Err(err) => {
                tracing::warn!(
                    "the sentence model {} could not be read ({err}): semantic grouping is off, \
                     themes and similar-note hints use words only",
                    path.display()
                );
                Self::off()
            }
        }
    }

    /// Whether a model is loaded (semantic grouping is on).
    pub fn is_on(&self) -> bool {
        self.inner.is_some()
    }

    /// Queues a stored or edited note for its vector. Cheap: called right after a note's
    /// change was committed and published, never before.
    pub fn note_changed(&self, note_id: Uuid) {
        if let Some(inner) = &self.inner {
            inner.waiting.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).insert(note_id);
            inner.wake.notify_one();
        }
    }

    /// Starts the background worker on `store`: it first gives every note without a current
    /// vector one (logging its progress), then serves [`Embeddings::note_changed`].
    /// Nothing happens without a model.
    pub fn start_worker(&self, store: Store) {
        if let Some(inner) = &self.inner {
            let task = tokio::spawn(worker::run(inner.clone(), store));
            if let Some(old) = inner.worker.lock().unwrap_or_else(|p| p.into_inner()).replace(task) {
                old.abort();
            }
        }
    }

    /// Stops the background worker (on shutdown, before the database closes). A batch in
    /// the middle of being embedded is dropped; its notes get their vectors at next start.
    pub fn stop_worker(&self) {
        if let Some(inner) = &self.inner
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
    ) -> Result<Option<HashMap<Uuid, Vec<f32>>>, StoreError> {
        let Some(inner) = &self.inner else { return Ok(None) };
        let wanted: HashSet<Uuid> = notes.iter().map(|note| note.id).collect();
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
    ) -> Result<Option<HashMap<Uuid, Vec<f32>>>, StoreError> {
        match &self.inner {
            Some(inner) => Ok(Some(store.note_vectors(source, &inner.model).await?)),
            None => Ok(None),
        }
    }

    /// The vector of a draft a participant is typing, for hints; `None` without a model or
    /// while other hints keep it busy for longer than [`HINT_WAIT`].
    pub async fn draft_vector(&self, draft: &str) -> Option<Vec<f32>> {
        let inner = self.inner.as_ref()?;
        let _turn = tokio::time::timeout(HINT_WAIT, inner.hint_turn.acquire()).await.ok()?.ok()?;
        let draft = NoteText { id: Uuid::nil(), text: draft.to_string() };
        inner.embed(vec![draft]).await.pop().map(|(_, vector)| vector)
    }
}

impl Inner {
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

/// Cosine similarity of two L2-normalised vectors.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}
