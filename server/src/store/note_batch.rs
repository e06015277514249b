//! Group commit of new notes: the notes that arrive while one transaction is being made
//! durable are written together in the next, so a burst of notes costs one fsync per batch
//! instead of one per note.
//!
//! Each note still gets its own answer, sent only after the batch's commit returned, so an
//! acknowledged note is durable. The batch's events are handed to the publisher (the hub)
//! by the writing task itself, right after the commit and in sequence order: published by
//! each note's own task instead, they would reach the hub in whatever order those tasks
//! happen to run, and every socket would take the gap for a loss and read the board again. A note refused in a batch (a locked workshop, an id taken
//! by another note) is refused alone: its checks run before it writes anything, and any
//! other failure undoes only its savepoint.

use std::sync::{Arc, OnceLock};

use app::live::Change;
use sqlx::{Any, AnyConnection, AnyPool, Connection, Transaction};
use tokio::sync::{mpsc, oneshot};
use uuid::Uuid;

use super::events::{is_open, next_seq, privacy, record};
use super::notes::{NoteInsert, event_note, fetch_note};
use super::{Refusal, StoreError, StoredEvent, now_rfc3339};
use crate::visibility::Audience;

/// Notes written in one transaction at most: a burst larger than this takes a few
/// commits, each still far cheaper than one per note.
const MAX_BATCH: usize = 256;

/// Notes waiting for the writer before new ones wait for room.
const QUEUE: usize = 4096;

/// One note to store, and where its answer goes.
#[derive(Debug)]
struct Request {
    workshop_id: Uuid,
    author_id: Uuid,
    note_id: Uuid,
    text: String,
    answer: oneshot::Sender<Result<NoteInsert, StoreError>>,
}

/// What is done with each committed note's event, in commit order (see the module).
pub type Publisher = Box<dyn Fn(StoredEvent) + Send + Sync>;

/// The way in to the task that writes notes in batches; cheap to clone.
#[derive(Clone)]
pub(super) struct NoteWriter {
    requests: mpsc::Sender<Request>,
    publisher: Arc<OnceLock<Publisher>>,
}

impl std::fmt::Debug for NoteWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NoteWriter").field("publishing", &self.publisher.get().is_some()).finish()
    }
}

impl NoteWriter {
    /// Starts the writing task on `write` (which must be on a Tokio runtime); it ends when
    /// the last [`NoteWriter`] is dropped.
    pub(super) fn start(write: AnyPool) -> Self {
        let (requests, queue) = mpsc::channel(QUEUE);
        let publisher = Arc::new(OnceLock::new());
        tokio::spawn(write_batches(write, queue, publisher.clone()));
        NoteWriter { requests, publisher }
    }

    /// Hands every note event committed from now on to `publisher` (set once).
    pub(super) fn publish_with(&self, publisher: Publisher) {
        let _ = self.publisher.set(publisher);
    }

    /// Stores a note with the next batch and answers once that batch is durable.
    pub(super) async fn insert(
        &self,
        workshop_id: Uuid,
        author_id: Uuid,
        note_id: Uuid,
        text: &str,
    ) -> Result<NoteInsert, StoreError> {
        let (answer, answered) = oneshot::channel();
        let request = Request { workshop_id, author_id, note_id, text: text.to_string(), answer };
        self.requests.send(request).await.map_err(|_| StoreError::WriterStopped)?;
        answered.await.map_err(|_| StoreError::WriterStopped)?
    }
}

/// Takes whatever notes are waiting (at least one), writes them in one transaction, and
/// answers each; repeats until every sender is gone.
async fn write_batches(
    write: AnyPool,
    mut queue: mpsc::Receiver<Request>,
    publisher: Arc<OnceLock<Publisher>>,
) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while queue.recv_many(&mut batch, MAX_BATCH).await > 0 {
        commit_batch(&write, std::mem::take(&mut batch), publisher.get()).await;
    }
}

async fn commit_batch(write: &AnyPool, mut batch: Vec<Request>, publisher: Option<&Publisher>) {
    // Workshops' row locks are taken in one order by every batch, so two instances'
    // batches on one PostgreSQL cannot deadlock; a workshop's notes keep their order.
    batch.sort_by_key(|request| request.workshop_id);
    let mut tx = match write.begin().await {
        Ok(tx) => tx,
        Err(err) => return fail_all(batch, &err.into()),
    };
    let mut results = Vec::with_capacity(batch.len());
    for request in &batch {
        results.push(insert_alone(&mut tx, request).await);
    }
    if let Err(err) = tx.commit().await {
        return fail_all(batch, &err.into());
    }
    // In sequence order: the batch is sorted by workshop, each workshop's notes numbered
    // in the order they were written.
    for result in &results {
        if let (Some(publish), Ok(NoteInsert::Stored(_, event))) = (publisher, result) {
            publish((**event).clone());
        }
    }
    for (request, result) in batch.into_iter().zip(results) {
        // The writer gave up waiting (its socket closed): the note is stored all the same.
        let _ = request.answer.send(result);
    }
}

/// Answers every note of a batch that could not be committed.
fn fail_all(batch: Vec<Request>, err: &StoreError) {
    tracing::error!(error = %err, notes = batch.len(), "committing a batch of notes failed");
    for request in batch {
        let _ = request.answer.send(Err(StoreError::BatchFailed(err.to_string())));
    }
}

/// Writes one note of a batch inside its own savepoint: an error undoes only this note.
async fn insert_alone(
    tx: &mut Transaction<'static, Any>,
    request: &Request,
) -> Result<NoteInsert, StoreError> {
    let mut savepoint = Connection::begin(&mut **tx).await?;
    match insert_note(&mut savepoint, request).await {
        Ok(inserted) => {
            savepoint.commit().await?;
            Ok(inserted)
        }
        Err(err) => {
            savepoint.rollback().await?;
            Err(err)
        }
    }
}

/// Stores a note by its author in an open workshop under the workshop's next sequence
/// number and records its event, on `conn` (a savepoint of the batch's transaction).
///
/// The note id is the primary key: the same id again by the same author (a resend, maybe
/// in the same batch) returns the stored note; the same id from anyone else is a conflict.
async fn insert_note(conn: &mut AnyConnection, request: &Request) -> Result<NoteInsert, StoreError> {
    let Request { workshop_id, author_id, note_id, text, .. } = request;
    let existing: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT workshop_id, author_id FROM notes WHERE id = $1")
            .bind(note_id.to_string())
            .fetch_optional(&mut *conn)
            .await?;
    if let Some((stored_workshop, stored_author)) = existing {
        let same = stored_workshop == workshop_id.to_string()
            && stored_author.as_deref() == Some(author_id.to_string().as_str());
        return if same {
            Ok(NoteInsert::AlreadyStored(fetch_note(conn, *note_id, Some(*author_id)).await?.0))
        } else {
            Err(Refusal::NotAuthor.into())
        };
    }
    // The sequence number first: it takes the workshop's row lock, so the state and
    // privacy read below cannot change before this note commits. A refused note's
    // savepoint is undone, sequence number included.
    let seq = next_seq(conn, *workshop_id).await?;
    if !is_open(conn, *workshop_id).await? {
        return Err(Refusal::Locked.into());
    }
    let privacy = privacy(conn, *workshop_id).await?;
    let now = now_rfc3339();
    sqlx::query(
        "INSERT INTO notes (id, workshop_id, author_id, text, hidden, seq, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 0, $5, $6, $7)",
    )
    .bind(note_id.to_string())
    .bind(workshop_id.to_string())
    .bind(author_id.to_string())
    .bind(text)
    .bind(seq)
    .bind(&now)
    .bind(&now)
    .execute(&mut *conn)
    .await?;
    let (mut note, _) = event_note(conn, *note_id, privacy).await?;
    let audience = Audience::of_note(privacy, Some(*author_id), false);
    let change = Change::NoteAdded { note: note.clone() };
    let event = record(conn, *workshop_id, seq, change, audience, Some(*author_id)).await?;
    note.mine = true;
    Ok(NoteInsert::Stored(note, Box::new(event)))
}

#[cfg(test)]
mod tests {
    use app::model::{JoinCode, NewWorkshop, ParticipantProfile, WorkshopState};

    use super::*;
    use crate::store::{Setting, Store};

    /// A workshop in `store` (open, or locked) with one participant; (workshop, participant).
    async fn workshop(store: &Store, code: &str, locked: bool) -> (Uuid, Uuid) {
        let round = store.insert_round("Runda", None).await.unwrap();
        let new = NewWorkshop::parse(round.id, "Verkstad", "Vård", "", "").unwrap();
        let workshop = store.insert_workshop(&new, &JoinCode::parse(code).unwrap()).await.unwrap();
        let participant =
            store.upsert_participant(workshop.id, code, &ParticipantProfile::default()).await.unwrap();
        if locked {
            store.set_setting(workshop.id, Setting::State(WorkshopState::Locked)).await.unwrap();
        }
        (workshop.id, participant.id)
    }

    fn request(
        (workshop_id, author_id): (Uuid, Uuid),
        note_id: Uuid,
    ) -> (Request, oneshot::Receiver<Result<NoteInsert, StoreError>>) {
        let (answer, answered) = oneshot::channel();
        let text = format!("lapp {note_id}");
        (Request { workshop_id, author_id, note_id, text, answer }, answered)
    }

    #[tokio::test]
    async fn each_note_of_a_batch_gets_its_own_answer_and_refusals_do_not_fail_the_others() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&format!("sqlite://{}", dir.path().join("k.db").display())).await.unwrap();
        let open = workshop(&store, "ACD-EFG", false).await;
        let locked = workshop(&store, "HJK-MNP", true).await;
        let (first, resent, third, refused) =
            (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
        let other_author = (open.0, locked.1);
        // One batch: two new notes, one sent twice, another's id, and a note to a locked workshop.
        let batch = [
            request(open, first),
            request(open, resent),
            request(open, resent),
            request(other_author, first),
            request(locked, refused),
            request(open, third),
        ];
        let (requests, mut answers): (Vec<_>, Vec<_>) = batch.into_iter().unzip();
        let published = Arc::new(std::sync::Mutex::new(Vec::new()));
        let publisher: Publisher = Box::new({
            let published = published.clone();
            move |event: StoredEvent| published.lock().unwrap().push(event.event.seq)
        });
        commit_batch(&store.write, requests, Some(&publisher)).await;
        let mut results = Vec::new();
        for answer in &mut answers {
            results.push(answer.await.unwrap());
        }
        let seqs: Vec<i64> = results
            .iter()
            .filter_map(|result| match result {
                Ok(NoteInsert::Stored(note, event)) => Some(note.seq).filter(|seq| *seq == event.event.seq),
                _ => None,
            })
            .collect();
        let last = store.last_seq(open.0).await.unwrap();
        assert_eq!(seqs, [last - 2, last - 1, last], "three new notes, numbered in a row");
        assert_eq!(*published.lock().unwrap(), seqs, "their events published in that order");
        assert!(matches!(results[2], Ok(NoteInsert::AlreadyStored(_))), "the resend is the stored note");
        assert!(matches!(&results[3], Err(StoreError::Refused(Refusal::NotAuthor))), "another's note id");
        assert!(matches!(&results[4], Err(StoreError::Refused(Refusal::Locked))));
        let stored: Vec<Uuid> = store
            .notes(open.0, crate::store::Viewer::Facilitator)
            .await
            .unwrap()
            .iter()
            .map(|n| n.id)
            .collect();
        assert_eq!(stored, [first, resent, third]);
        assert!(store.notes(locked.0, crate::store::Viewer::Facilitator).await.unwrap().is_empty());
        assert_eq!(
            store.last_seq(locked.0).await.unwrap(),
            1,
            "only the lock's event: the refusal took no number"
        );
    }
}
