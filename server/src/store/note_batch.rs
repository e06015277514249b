//! Group commit of new notes: the notes that arrive while one transaction is being made
//! durable are written together in the next, so a burst of notes costs one fsync per batch
//! instead of one per note.
//!
//! Each note still gets its own answer, sent only after the batch's commit returned, so an
//! acknowledged note is durable. The batch's events are handed to the publisher (the hub)
//! by the writing task itself, right after the commit and in sequence order: published by
//! each note's own task instead, they would reach the hub in whatever order those tasks
//! happen to run, and every socket would take the gap for a loss and read the board again.
//!
//! A batch costs a handful of statements, not a handful per note: one query finds which of
//! its ids are stored already (resends), one reads its authors' names, one `UPDATE …
//! RETURNING` per workshop takes the workshop's row lock, reads its state and privacy under
//! that lock and hands out the numbers of all its new notes at once, and one multi-row
//! `INSERT` each writes the notes and their events; the events are built from what was
//! inserted, not read back. A note refused in a batch (a locked workshop, an id taken by
//! another note, an unknown author) is refused alone, before anything is written for it. If
//! a statement of the batch fails anyway (another instance stored the same id a moment
//! earlier), the batch is written again with every note in its own savepoint, so that
//! failure too stays with its note.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock};

use app::model::Note;
use app::model::ids::{NoteId, ParticipantId, WorkshopId};
use app::model::live::{BoardEvent, Change};
use jiff::Timestamp;
use sqlx::{AnyConnection, AnyPool, AssertSqlSafe, Connection};
use tokio::sync::{mpsc, oneshot};

use super::events::{parameters, record_all, value_rows};
use super::ids::BindId;
use super::notes::{NoteInsert, fetch_note};
use super::{Refusal, StoreError, StoredEvent, now, uuid_column};
use crate::access::visibility::{Audience, Privacy};

/// Notes written in one transaction at most: a burst larger than this takes a few
/// commits, each still far cheaper than one per note. Its multi-row inserts bind seven
/// values a note, far below either engine's limit on parameters (32,766 and 65,535).
const MAX_BATCH: usize = 256;

/// Notes waiting for the writer before new ones wait for room.
const QUEUE: usize = 4096;

/// One note to store, and where its answer goes.
#[derive(Debug)]
struct Request {
    workshop_id: WorkshopId,
    author_id: ParticipantId,
    note_id: NoteId,
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
        workshop_id: WorkshopId,
        author_id: ParticipantId,
        note_id: NoteId,
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
    let answers = match write_batch(write, &batch).await {
        Ok(answers) => answers,
        Err(err) => return fail_all(batch, &err),
    };
    // In sequence order: the batch is sorted by workshop, each workshop's notes numbered
    // in the order they arrived.
    for answer in &answers {
        if let (Some(publish), Ok(NoteInsert::Stored(_, event))) = (publisher, answer) {
            publish((**event).clone());
        }
    }
    for (request, answer) in batch.into_iter().zip(answers) {
        // The writer gave up waiting (its socket closed): the note is stored all the same.
        let _ = request.answer.send(answer);
    }
}

/// Answers every note of a batch that could not be committed.
fn fail_all(batch: Vec<Request>, err: &StoreError) {
    tracing::error!(error = %err, notes = batch.len(), "committing a batch of notes failed");
    for request in batch {
        let _ = request.answer.send(Err(StoreError::BatchFailed(err.to_string())));
    }
}

/// One note's answer.
type Answer = Result<NoteInsert, StoreError>;

/// Writes the batch in one transaction and returns each note's answer once it committed.
async fn write_batch(write: &AnyPool, batch: &[Request]) -> Result<Vec<Answer>, StoreError> {
    let mut tx = write.begin().await?;
    let answers = match write_notes(&mut tx, batch).await {
        Ok(answers) => answers,
        Err(err) => {
            // Rare (an id stored by another instance since the check, an author removed
            // meanwhile): the same notes again, each alone, so the failure stays with its note.
            tracing::warn!(error = %err, notes = batch.len(), "a batch of notes failed; writing each alone");
            tx.rollback().await?;
            tx = write.begin().await?;
            let mut answers = Vec::with_capacity(batch.len());
            for request in batch {
                answers.push(write_alone(&mut tx, request).await?);
            }
            answers
        }
    };
    tx.commit().await?;
    Ok(answers)
}

/// Writes one note inside its own savepoint: a failing statement undoes only this note.
async fn write_alone(conn: &mut AnyConnection, request: &Request) -> Result<Answer, StoreError> {
    let mut savepoint = Connection::begin(conn).await?;
    match write_notes(&mut savepoint, std::slice::from_ref(request)).await {
        Ok(mut answers) => {
            savepoint.commit().await?;
            Ok(answers.pop().unwrap_or(Err(StoreError::NotFound)))
        }
        Err(err) => {
            savepoint.rollback().await?;
            Ok(Err(err))
        }
    }
}

/// Why a note of a batch is refused before anything is written for it: a [`Refusal`] the
/// user is told, or a workshop or author that does not exist.
#[derive(Debug, Clone, Copy)]
enum Refused {
    /// The workshop is locked.
    Locked,
    /// The id is another author's (or another workshop's) note.
    IdTaken,
    /// No such workshop or participant.
    Unknown,
}

impl From<Refused> for StoreError {
    fn from(refused: Refused) -> Self {
        match refused {
            Refused::Locked => Refusal::Locked.into(),
            Refused::IdTaken => Refusal::NotAuthor.into(),
            Refused::Unknown => StoreError::NotFound,
        }
    }
}

/// What the batch does with one of its notes.
enum Plan {
    /// A new note, numbered with its workshop's other new notes under the workshop's lock.
    New,
    Decided(Decided),
}

/// What became of a note of the batch.
enum Decided {
    /// Numbered, with its event: both are inserted with the batch.
    Written(Box<(Note, StoredEvent)>),
    /// The same author stored it before this batch (a resend): answered with the stored note.
    StoredBefore,
    /// The same note as the one at this index earlier in the batch (sent twice).
    Repeat(usize),
    Refused(Refused),
}

/// The name an author's notes carry.
struct Author {
    name: Option<String>,
    organisation: Option<String>,
}

/// What taking a workshop's sequence numbers found.
enum Numbers {
    /// Open: the numbers from `next` on are this batch's, under this privacy.
    Open {
        next: i64,
        privacy: Privacy,
    },
    Locked,
    Unknown,
}

/// Writes the batch's notes on `conn` (a transaction) and returns each note's answer; an
/// error means a statement failed and nothing the batch wrote may be kept.
async fn write_notes(conn: &mut AnyConnection, batch: &[Request]) -> Result<Vec<Answer>, StoreError> {
    let stored = stored_owners(conn, batch).await?;
    let authors = authors(conn, batch).await?;
    let plans = plan(batch, &stored, &authors);
    let created_at = now();
    let now = super::stored(created_at);
    let mut numbers = BTreeMap::new();
    // In the order of the workshops' ids, as the batch is sorted (see `commit_batch`).
    for (workshop_id, count) in new_per_workshop(batch, &plans) {
        numbers.insert(workshop_id, take_numbers(conn, workshop_id, count, &now).await?);
    }
    let decided = number(batch, plans, &mut numbers, &authors, created_at);
    let written: Vec<&(Note, StoredEvent)> = decided
        .iter()
        .filter_map(|decided| match decided {
            Decided::Written(written) => Some(&**written),
            _ => None,
        })
        .collect();
    insert_notes(conn, &written, &now).await?;
    let events: Vec<&StoredEvent> = written.iter().map(|(_, event)| event).collect();
    record_all(conn, &events, &now).await?;
    answers(conn, batch, &decided).await
}

/// Who stored each of the batch's note ids before this batch: (workshop, author).
async fn stored_owners(
    conn: &mut AnyConnection,
    batch: &[Request],
) -> Result<HashMap<NoteId, (WorkshopId, Option<ParticipantId>)>, StoreError> {
    let mut ids: Vec<NoteId> = batch.iter().map(|request| request.note_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let sql = format!("SELECT id, workshop_id, author_id FROM notes WHERE id IN ({})", parameters(ids.len()));
    let mut query = sqlx::query_as::<_, (String, String, Option<String>)>(AssertSqlSafe(sql));
    for id in &ids {
        query = query.bind_id(*id);
    }
    let mut owners = HashMap::new();
    for (id, workshop_id, author_id) in query.fetch_all(&mut *conn).await? {
        let author = author_id.as_deref().map(|id| uuid_column(id, "notes.author_id")).transpose()?;
        owners
            .insert(uuid_column(&id, "notes.id")?, (uuid_column(&workshop_id, "notes.workshop_id")?, author));
    }
    Ok(owners)
}

/// The name and organisation of each of the batch's authors who still exists.
async fn authors(
    conn: &mut AnyConnection,
    batch: &[Request],
) -> Result<HashMap<ParticipantId, Author>, StoreError> {
    let mut ids: Vec<ParticipantId> = batch.iter().map(|request| request.author_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let sql = format!(
        "SELECT id, display_name, organisation FROM participants WHERE id IN ({})",
        parameters(ids.len())
    );
    let mut query = sqlx::query_as::<_, (String, Option<String>, Option<String>)>(AssertSqlSafe(sql));
    for id in &ids {
        query = query.bind_id(*id);
    }
    let mut authors = HashMap::new();
    for (id, name, organisation) in query.fetch_all(&mut *conn).await? {
        authors.insert(uuid_column(&id, "participants.id")?, Author { name, organisation });
    }
    Ok(authors)
}

/// Decides what can be decided before the workshops are locked: resends, ids sent twice
/// in the batch, ids of other notes, unknown authors.
fn plan(
    batch: &[Request],
    stored: &HashMap<NoteId, (WorkshopId, Option<ParticipantId>)>,
    authors: &HashMap<ParticipantId, Author>,
) -> Vec<Plan> {
    let mut first_of: HashMap<NoteId, usize> = HashMap::new();
    let mut plans = Vec::with_capacity(batch.len());
    for (index, request) in batch.iter().enumerate() {
        let owner = (request.workshop_id, Some(request.author_id));
        let decided = if let Some(stored) = stored.get(&request.note_id) {
            Some(if *stored == owner { Decided::StoredBefore } else { Decided::Refused(Refused::IdTaken) })
        } else if let Some(&first) = first_of.get(&request.note_id) {
            let same = (batch[first].workshop_id, Some(batch[first].author_id)) == owner;
            Some(if same { Decided::Repeat(first) } else { Decided::Refused(Refused::IdTaken) })
        } else {
            first_of.insert(request.note_id, index);
            (!authors.contains_key(&request.author_id)).then_some(Decided::Refused(Refused::Unknown))
        };
        plans.push(decided.map_or(Plan::New, Plan::Decided));
    }
    plans
}

/// How many new notes each workshop of the batch gets, by workshop id.
fn new_per_workshop(batch: &[Request], plans: &[Plan]) -> BTreeMap<WorkshopId, usize> {
    let mut counts = BTreeMap::new();
    for (request, plan) in batch.iter().zip(plans) {
        if matches!(plan, Plan::New) {
            *counts.entry(request.workshop_id).or_default() += 1;
        }
    }
    counts
}

/// Takes the workshop's row lock and, if it is open, `count` sequence numbers at once, in
/// one statement: its state and privacy are read in the same `UPDATE … RETURNING`, so
/// under that lock, and a lock or a switch to private writing that commits first is seen.
/// A locked workshop hands out no number.
async fn take_numbers(
    conn: &mut AnyConnection,
    workshop_id: WorkshopId,
    count: usize,
    now: &str,
) -> Result<Numbers, StoreError> {
    let row: Option<(i64, String, i64, i64)> = sqlx::query_as(
        "UPDATE workshops
         SET last_seq = last_seq + CASE WHEN state = 'open' THEN CAST($1 AS BIGINT) ELSE 0 END,
             updated_at = CASE WHEN state = 'open' THEN $2 ELSE updated_at END
         WHERE id = $3
         RETURNING last_seq, state, private_mode, anonymous",
    )
    .bind(count as i64)
    .bind(now)
    .bind_id(workshop_id)
    .fetch_optional(conn)
    .await?;
    Ok(match row {
        None => Numbers::Unknown,
        Some((_, state, ..)) if state != "open" => Numbers::Locked,
        Some((last, _, private_mode, anonymous)) => Numbers::Open {
            next: last - count as i64 + 1,
            privacy: Privacy { private_mode: private_mode != 0, anonymous: anonymous != 0 },
        },
    })
}

/// Gives each new note the next of its workshop's numbers, in the order the notes arrived,
/// and builds its event from what will be inserted (nothing is read back).
fn number(
    batch: &[Request],
    plans: Vec<Plan>,
    numbers: &mut BTreeMap<WorkshopId, Numbers>,
    authors: &HashMap<ParticipantId, Author>,
    created_at: Timestamp,
) -> Vec<Decided> {
    batch
        .iter()
        .zip(plans)
        .map(|(request, plan)| match plan {
            Plan::Decided(decided) => decided,
            Plan::New => match (numbers.get_mut(&request.workshop_id), authors.get(&request.author_id)) {
                (Some(Numbers::Open { next, privacy }), Some(author)) => {
                    let seq = *next;
                    *next += 1;
                    Decided::Written(Box::new(new_note(request, author, *privacy, seq, created_at)))
                }
                (Some(Numbers::Locked), _) => Decided::Refused(Refused::Locked),
                _ => Decided::Refused(Refused::Unknown),
            },
        })
        .collect()
}

/// A new note as every viewer's event carries it (`mine` is set per viewer when it is
/// sent), and its event: what reading it back after the insert would give.
fn new_note(
    request: &Request,
    author: &Author,
    privacy: Privacy,
    seq: i64,
    created_at: Timestamp,
) -> (Note, StoredEvent) {
    let note = Note {
        id: request.note_id,
        workshop_id: request.workshop_id,
        text: request.text.clone(),
        // Names are left out of an anonymous workshop's events; organisations are not.
        author_name: if privacy.anonymous { None } else { author.name.clone() },
        organisation: author.organisation.clone(),
        mine: false,
        hidden: false,
        seq,
        created_at,
        edited_at: None,
        // A new id: nothing is merged into it or supports it yet.
        merged_count: 0,
        supporters: 0,
        supported_by_me: false,
    };
    let event = StoredEvent {
        workshop_id: request.workshop_id,
        event: BoardEvent { seq, change: Change::NoteAdded { note: note.clone() } },
        audience: Audience::of_note(privacy, Some(request.author_id), false),
        author: Some(request.author_id),
    };
    (note, event)
}

/// Inserts the batch's new notes in one statement.
async fn insert_notes(
    conn: &mut AnyConnection,
    written: &[&(Note, StoredEvent)],
    now: &str,
) -> Result<(), StoreError> {
    if written.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "INSERT INTO notes (id, workshop_id, author_id, text, seq, hidden, created_at, updated_at) VALUES {}",
        value_rows(written.len(), 5, "0, $1, $1")
    );
    let mut query = sqlx::query(AssertSqlSafe(sql)).bind(now);
    for (note, event) in written {
        query = query
            .bind_id(note.id)
            .bind_id(note.workshop_id)
            .bind_opt_id(event.author)
            .bind(note.text.as_str())
            .bind(note.seq);
    }
    query.execute(conn).await?;
    Ok(())
}

/// Each note's answer, once everything is written: the stored note of a resend is read.
async fn answers(
    conn: &mut AnyConnection,
    batch: &[Request],
    all: &[Decided],
) -> Result<Vec<Answer>, StoreError> {
    let mine = |note: &Note| Note { mine: true, ..note.clone() };
    let mut answers = Vec::with_capacity(all.len());
    for (request, decided) in batch.iter().zip(all) {
        let answer = match decided {
            Decided::Written(written) => {
                Ok(NoteInsert::Stored(mine(&written.0), Box::new(written.1.clone())))
            }
            Decided::StoredBefore => {
                let (note, _) = fetch_note(conn, request.note_id, Some(request.author_id)).await?;
                Ok(NoteInsert::AlreadyStored(note))
            }
            // The first of the same id in the batch was new: written, or refused.
            Decided::Repeat(first) => match &all[*first] {
                Decided::Written(written) => Ok(NoteInsert::AlreadyStored(mine(&written.0))),
                Decided::Refused(refused) => Err((*refused).into()),
                Decided::StoredBefore | Decided::Repeat(_) => Err(Refused::Unknown.into()),
            },
            Decided::Refused(refused) => Err((*refused).into()),
        };
        answers.push(answer);
    }
    Ok(answers)
}

#[cfg(test)]
mod tests {
    use app::model::{JoinCode, NewWorkshop, Note, ParticipantProfile, WorkshopState};

    use super::*;
    use crate::store::{Setting, Store};

    /// A workshop in `store` (open, or locked) with one participant; (workshop, participant).
    async fn workshop(store: &Store, code: &str, locked: bool) -> (WorkshopId, ParticipantId) {
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
        (workshop_id, author_id): (WorkshopId, ParticipantId),
        note_id: NoteId,
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
            (NoteId::random(), NoteId::random(), NoteId::random(), NoteId::random());
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
        let stored: Vec<NoteId> = store
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

    /// Stores `notes` (note id, author) of `workshop_id` as one batch; their answers.
    async fn commit(
        store: &Store,
        workshop_id: WorkshopId,
        notes: &[(NoteId, ParticipantId)],
    ) -> Vec<Answer> {
        let (requests, answers): (Vec<_>, Vec<_>) =
            notes.iter().map(|&(note_id, author)| request((workshop_id, author), note_id)).unzip();
        commit_batch(&store.write, requests, None).await;
        let mut results = Vec::new();
        for answer in answers {
            results.push(answer.await.unwrap());
        }
        results
    }

    #[tokio::test]
    async fn the_events_a_batch_builds_are_what_the_database_gives_back() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&format!("sqlite://{}", dir.path().join("k.db").display())).await.unwrap();
        let (workshop_id, _) = workshop(&store, "ACD-EFG", false).await;
        let profile = ParticipantProfile::parse("Kim", "Skatteverket").unwrap();
        let named = store.upsert_participant(workshop_id, "named", &profile).await.unwrap().id;
        let other = store.upsert_participant(workshop_id, "other", &profile).await.unwrap().id;
        let mut written =
            commit(&store, workshop_id, &[(NoteId::random(), named), (NoteId::random(), other)]).await;
        store.set_setting(workshop_id, Setting::PrivateMode(true)).await.unwrap();
        written.extend(commit(&store, workshop_id, &[(NoteId::random(), named)]).await);
        store.set_anonymous(workshop_id, true).await.unwrap();
        written.extend(commit(&store, workshop_id, &[(NoteId::random(), other)]).await);

        let logged = store.events_since(workshop_id, 0).await.unwrap();
        for (index, answer) in written.into_iter().enumerate() {
            let Ok(NoteInsert::Stored(answered, event)) = answer else { panic!("stored: {answer:?}") };
            let logged = logged.iter().find(|logged| logged.event.seq == event.event.seq).unwrap();
            assert_eq!(logged, &*event, "the event as logged");
            let Change::NoteAdded { note } = &event.event.change else { panic!("a new note") };
            let (mut read_back, _) = store.note(note.id, None).await.unwrap();
            assert_eq!(read_back.author_name.as_deref(), Some("Kim"));
            if index == 3 {
                // Written once the workshop was anonymous: its event carries no name.
                read_back.author_name = None;
            }
            assert_eq!(note, &read_back, "the note as read back");
            assert_eq!(answered, Note { mine: true, ..read_back }, "the author's answer marks it as theirs");
        }
        let audiences: Vec<Audience> = logged
            .iter()
            .filter(|logged| matches!(logged.event.change, Change::NoteAdded { .. }))
            .map(|logged| logged.audience)
            .collect();
        assert_eq!(
            audiences,
            [Audience::Everyone, Audience::Everyone, Audience::Author(named), Audience::Author(other)],
            "private writing reaches only the author"
        );
    }

    #[tokio::test]
    async fn a_note_the_database_refuses_fails_alone_when_the_batch_is_written_again() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&format!("sqlite://{}", dir.path().join("k.db").display())).await.unwrap();
        let (workshop_id, author) = workshop(&store, "ACD-EFG", false).await;
        // Stands in for what only the insert finds out (another instance stored the id first).
        sqlx::raw_sql(
            "CREATE TRIGGER refuse_one BEFORE INSERT ON notes WHEN NEW.text = 'vägras'
             BEGIN SELECT RAISE(ABORT, 'refused'); END;",
        )
        .execute(&store.write)
        .await
        .unwrap();
        let ids = [NoteId::random(), NoteId::random(), NoteId::random()];
        let (mut requests, mut answers): (Vec<_>, Vec<_>) =
            ids.iter().map(|&id| request((workshop_id, author), id)).unzip();
        requests[1].text = "vägras".into();
        commit_batch(&store.write, requests, None).await;
        assert!(matches!(answers[0].try_recv().unwrap(), Ok(NoteInsert::Stored(..))));
        assert!(matches!(answers[1].try_recv().unwrap(), Err(StoreError::Database(_))));
        assert!(matches!(answers[2].try_recv().unwrap(), Ok(NoteInsert::Stored(..))));
        let stored: Vec<(NoteId, i64)> = store
            .notes(workshop_id, crate::store::Viewer::Facilitator)
            .await
            .unwrap()
            .iter()
            .map(|note| (note.id, note.seq))
            .collect();
        assert_eq!(stored, [(ids[0], 1), (ids[2], 2)], "numbered without a gap");
        let logged = store.events_since(workshop_id, 0).await.unwrap();
        assert_eq!(logged.iter().map(|e| e.event.seq).collect::<Vec<_>>(), [1, 2]);
    }
}
