//! The background worker: at start it back-fills the vectors of notes that have none (or a
//! stale one), then embeds each note as it is stored or edited. Batches are embedded on a
//! blocking thread and stored in one transaction; notes just written go before the backlog.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Instant;

use super::Inner;
use crate::store::Store;
use app::model::ids::NoteId;

/// Notes embedded together: large enough to amortise a transaction, small enough that a
/// note written during a back-fill waits at most one batch.
const BATCH: usize = 16;
/// The back-fill logs its progress every this many notes (and when done).
const PROGRESS_EVERY: usize = 100;

/// Runs until aborted (see [`super::Embeddings::stop_worker`]).
pub(super) async fn run(inner: Arc<Inner>, store: Store) {
    let mut backlog: VecDeque<NoteId> = match store.notes_without_vectors(&inner.model).await {
        Ok(ids) => ids.into(),
        Err(err) => {
            tracing::error!(error = %err, "finding notes without sentence vectors failed");
            VecDeque::new()
        }
    };
    let mut backfill = Backfill::new(backlog.len());
    loop {
        let waiting = take_waiting(&inner);
        if !waiting.is_empty() {
            embed_and_store(&inner, &store, &waiting).await;
        } else if !backlog.is_empty() {
            let batch: Vec<NoteId> = backlog.drain(..BATCH.min(backlog.len())).collect();
            embed_and_store(&inner, &store, &batch).await;
            backfill.advance(batch.len());
        } else {
            // A wake-up sent while the worker was busy left a permit: it is not lost.
            inner.wake.notified().await;
        }
    }
}

/// Up to [`BATCH`] of the notes queued since the last look.
fn take_waiting(inner: &Inner) -> Vec<NoteId> {
    let mut waiting = inner.waiting.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let batch: Vec<NoteId> = waiting.iter().take(BATCH).copied().collect();
    for id in &batch {
        waiting.remove(id);
    }
    batch
}

/// Embeds the current texts of `ids` (deleted notes are skipped) and stores the vectors.
/// A failure is logged: those notes get their vectors when clustered or at the next start.
async fn embed_and_store(inner: &Arc<Inner>, store: &Store, ids: &[NoteId]) {
    let notes = match store.note_texts(ids).await {
        Ok(notes) => notes,
        Err(err) => {
            tracing::warn!(error = %err, "reading notes to embed failed");
            return;
        }
    };
    let made = inner.embed(notes).await;
    if let Err(err) = store.put_vectors(&inner.model, &made).await {
        tracing::warn!(error = %err, notes = made.len(), "storing sentence vectors failed");
    }
}

/// The back-fill's progress, for the log.
struct Backfill {
    total: usize,
    done: usize,
    started: Instant,
}

impl Backfill {
    fn new(total: usize) -> Self {
        if total > 0 {
            tracing::info!(notes = total, "making sentence vectors for the notes that lack them");
        }
        Backfill { total, done: 0, started: Instant::now() }
    }

    fn advance(&mut self, notes: usize) {
        let before = self.done;
        self.done += notes;
        if self.done >= self.total {
            tracing::info!(
                notes = self.total,
                seconds = format!("{:.1}", self.started.elapsed().as_secs_f32()),
                "every note has its sentence vector"
            );
        } else if self.done / PROGRESS_EVERY > before / PROGRESS_EVERY {
            tracing::info!("sentence vectors: {} of {} notes", self.done, self.total);
        }
    }
}
