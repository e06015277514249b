//! Writes racing a facilitator's change of the same workshop: every write that depends on
//! the workshop's state must decide under its row lock, so nothing commits on the wrong
//! side of a lock, of private writing being switched on, or of another undo.
//!
//! On PostgreSQL (`KLUSTRA_TEST_POSTGRES_URL`) the writes go through two instances on one
//! database, where only row locks order them; on SQLite one instance serves both sides.

mod common;

use std::net::SocketAddr;
use std::time::Duration;

use app::error::AppError;
use app::model::Theme;
use app::model::ids::{NoteId, ThemeId, WorkshopId};
use app::model::live::{Change, ClientMessage, ServerMessage};
use app::model::report::RebuildChanges;
use common::net::{
    RunningServer, Socket, Workshop, create_workshop, join, open_board, post_form, receive, send,
};
use server::store::{Audience, Refusal, Store, StoreError, StoredEvent, Viewer};

/// One workshop served by two instances (one on SQLite), and a store to look inside.
struct Setup {
    servers: Vec<RunningServer>,
    /// Where each participant connects, alternately.
    addrs: [SocketAddr; 2],
    store: Store,
    workshop: Workshop,
    workshop_id: WorkshopId,
    _dir: tempfile::TempDir,
}

impl Setup {
    async fn start() -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let database_url = common::database_url(dir.path()).await;
        let first = RunningServer::start(|config| config.database_url = database_url.clone()).await;
        let mut servers = vec![first];
        if database_url.is_some() {
            servers.push(RunningServer::start(|config| config.database_url = database_url.clone()).await);
        }
        let data_dir = if database_url.is_some() { dir.path() } else { servers[0].dir.path() };
        let workshop = create_workshop(servers[0].addr, data_dir).await;
        let store = Store::open(&common::stored_database_url(data_dir).await).await.unwrap();
        let addrs = [servers[0].addr, servers[servers.len() - 1].addr];
        let workshop_id = workshop.id.parse::<WorkshopId>().unwrap();
        Setup { servers, addrs, store, workshop, workshop_id, _dir: dir }
    }

    /// `count` participants, each joined through its instance with its board open there.
    async fn participants(&self, count: usize) -> Vec<Socket> {
        let mut boards = Vec::new();
        for index in 0..count {
            let addr = self.addrs[index % 2];
            let cookie = join(addr, &self.workshop.code, &format!("Deltagare {index}"), "").await;
            boards.push(open_board(addr, &self.workshop.id, &cookie, Duration::from_secs(5)).await);
        }
        boards
    }

    /// Posts a facilitator's form to the instance at `addr`; its HTTP status.
    async fn facilitate(&self, addr: SocketAddr, path: &str, form: &[(&str, &str)]) -> u16 {
        post_form(addr, path, form, Some(&self.workshop.facilitator)).await.unwrap().status
    }

    /// The sequence number of the first logged event that `wanted` accepts.
    async fn seq_of(&self, wanted: impl Fn(&Change) -> bool) -> i64 {
        let events = self.store.events_since(self.workshop_id, 0).await.unwrap();
        events.iter().find(|event| wanted(&event.event.change)).expect("the event is logged").event.seq
    }

    async fn stop(self) {
        self.store.close().await;
        for server in self.servers {
            server.stop().await;
        }
    }
}

/// Sends `count` notes over `board`, `gap` apart, without waiting for answers; their ids.
async fn write_notes(board: &mut Socket, count: usize, gap: Duration) -> Vec<NoteId> {
    let mut ids = Vec::new();
    for n in 0..count {
        let id = NoteId::random();
        send(board, &ClientMessage::AddNote { id, text: format!("lapp {n} {id}") }).await;
        ids.push(id);
        tokio::time::sleep(gap).await;
    }
    ids
}

/// Everything `board` receives until it has answered `expected` notes and then stayed
/// quiet for a moment (events relayed from the other instance included).
async fn read_until_answered(board: &mut Socket, expected: usize) -> Vec<ServerMessage> {
    let mut received = Vec::new();
    let mut answered = 0;
    loop {
        let wait = if answered < expected { Duration::from_secs(15) } else { Duration::from_millis(1500) };
        let Some(message) = receive(board, wait).await else { break };
        if matches!(message, ServerMessage::Ack { .. } | ServerMessage::Nack { .. }) {
            answered += 1;
        }
        received.push(message);
    }
    assert!(answered >= expected, "{answered} of {expected} notes answered");
    received
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_note_is_stored_after_the_workshop_is_locked() {
    let setup = Setup::start().await;
    let mut boards = setup.participants(10).await;
    // 10 participants × 5 notes in flight on both instances while the facilitator locks.
    let writers: Vec<_> = boards
        .drain(..)
        .map(|mut board| {
            tokio::spawn(async move {
                let ids = write_notes(&mut board, 5, Duration::from_millis(3)).await;
                (ids, read_until_answered(&mut board, 5).await)
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(8)).await;
    let form = [("workshop_id", setup.workshop.id.as_str()), ("locked", "true")];
    assert_eq!(setup.facilitate(setup.addrs[1], "/api/set_workshop_locked", &form).await, 200);

    let (mut acked, mut refused) = (Vec::new(), Vec::new());
    for writer in writers {
        let (_, received) = writer.await.unwrap();
        for message in received {
            match message {
                ServerMessage::Ack { note_id, .. } => acked.push(note_id),
                ServerMessage::Nack { note_id, error } => {
                    assert_eq!(error, AppError::WorkshopLocked, "note {note_id}");
                    refused.push(note_id);
                }
                _ => {}
            }
        }
    }
    let locked_at = setup.seq_of(|change| matches!(change, Change::Locked { locked: true })).await;
    let stored = setup.store.notes(setup.workshop_id, Viewer::Facilitator).await.unwrap();
    println!("{} notes stored before the lock, {} refused after it", acked.len(), refused.len());
    assert_eq!(acked.len() + refused.len(), 50);
    for note in &stored {
        assert!(
            note.seq < locked_at,
            "note {} stored at {} after the lock at {locked_at}",
            note.id,
            note.seq
        );
    }
    let stored_ids: Vec<NoteId> = stored.iter().map(|note| note.id).collect();
    assert!(acked.iter().all(|id| stored_ids.contains(id)), "every acknowledged note is stored");
    assert!(refused.iter().all(|id| !stored_ids.contains(id)), "no refused note is stored");
    setup.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_participant_gets_anothers_note_written_after_private_writing_is_switched_on() {
    let setup = Setup::start().await;
    let mut boards = setup.participants(6).await;
    let writers: Vec<_> = boards
        .drain(..)
        .map(|mut board| {
            tokio::spawn(async move {
                write_notes(&mut board, 8, Duration::from_millis(4)).await;
                read_until_answered(&mut board, 8).await
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(12)).await;
    let form = [("workshop_id", setup.workshop.id.as_str()), ("on", "true")];
    assert_eq!(setup.facilitate(setup.addrs[1], "/api/set_private_mode", &form).await, 200);

    let mut received = Vec::new();
    for writer in writers {
        received.push(writer.await.unwrap());
    }
    let private_from = setup.seq_of(|change| matches!(change, Change::PrivateMode { on: true })).await;
    let mut others_before = 0;
    for (participant, messages) in received.iter().enumerate() {
        for message in messages {
            let notes = match message {
                ServerMessage::Event(event) => match &event.change {
                    Change::NoteAdded { note } => vec![note],
                    _ => vec![],
                },
                ServerMessage::Snapshot { snapshot } => snapshot.notes.iter().collect(),
                _ => vec![],
            };
            for note in notes.into_iter().filter(|note| !note.mine) {
                assert!(
                    note.seq < private_from,
                    "participant {participant} got another's note {} (seq {}) written after private writing \
                     was switched on at {private_from}",
                    note.id,
                    note.seq
                );
                others_before += 1;
            }
        }
    }
    // The log says the same: after the switch, a new note's event is for its author only.
    let events: Vec<StoredEvent> = setup.store.events_since(setup.workshop_id, private_from).await.unwrap();
    for event in events.iter().filter(|event| matches!(event.event.change, Change::NoteAdded { .. })) {
        assert!(
            matches!(event.audience, Audience::Author(_)),
            "event {} goes to {:?}",
            event.event.seq,
            event.audience
        );
    }
    println!("others' notes received before the switch: {others_before}");
    setup.stop().await;
}

/// A theme named `name` holding no notes.
fn theme(name: &str) -> Theme {
    Theme {
        id: ThemeId::random(),
        lineage_id: None,
        name: name.to_string(),
        name_locked: false,
        unsorted: false,
        terms: vec![name.to_lowercase()],
        example_note_id: None,
        note_ids: vec![],
        pinned_note_ids: vec![],
        needs: vec![],
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_undos_at_once_restore_each_snapshot_once() {
    let setup = Setup::start().await;
    let id = setup.workshop_id;
    let form = [("workshop_id", setup.workshop.id.as_str())];
    // Several rounds, so that both undos really start together in some of them.
    for round in 0..5 {
        // Two changes: undone in order, they lead back to no themes at all.
        let login = theme("Inloggning");
        setup.store.replace_workshop_themes(id, &[], std::slice::from_ref(&login)).await.unwrap();
        let read = setup.store.workshop_themes(id).await.unwrap();
        setup.store.replace_workshop_themes(id, &read, &[login, theme("Blanketter")]).await.unwrap();
        let (first, second) = tokio::join!(
            setup.facilitate(setup.addrs[0], "/api/undo_themes", &form),
            setup.facilitate(setup.addrs[1], "/api/undo_themes", &form),
        );
        assert_eq!((first, second), (200, 200), "round {round}: both undos succeed");
        let themes = setup.store.workshop_themes(id).await.unwrap();
        assert!(themes.is_empty(), "round {round}: each snapshot restored once, in order: {themes:?}");
        assert_eq!(
            setup.facilitate(setup.addrs[0], "/api/undo_themes", &form).await,
            409,
            "round {round}: nothing left to undo"
        );
    }
    setup.stop().await;
}

#[tokio::test]
async fn a_run_made_from_themes_a_person_changed_meanwhile_is_not_stored() {
    let setup = Setup::start().await;
    let id = setup.workshop_id;
    setup.store.replace_workshop_themes(id, &[], &[theme("Inloggning")]).await.unwrap();
    // A run reads the themes; while it works, the facilitator renames one.
    let read = setup.store.workshop_themes(id).await.unwrap();
    setup.store.rename_theme(id, read[0].id, "E-legitimation för personal").await.unwrap();
    let refused = setup.store.replace_workshop_themes(id, &read, &[theme("Blanketter")]).await;
    assert!(
        matches!(refused, Err(StoreError::Refused(Refusal::ThemesChanged))),
        "the run's result would undo the rename: {refused:?}"
    );
    let themes = setup.store.workshop_themes(id).await.unwrap();
    assert_eq!(themes.len(), 1);
    assert_eq!(themes[0].name, "E-legitimation för personal", "the rename stands");
    // Made from the themes as they now are, it is stored.
    setup.store.replace_workshop_themes(id, &themes, &[theme("Blanketter")]).await.unwrap();
    assert_eq!(setup.store.workshop_themes(id).await.unwrap()[0].name, "Blanketter");
    setup.stop().await;
}

#[tokio::test]
async fn a_round_build_made_from_themes_an_analyst_changed_meanwhile_is_not_stored() {
    let setup = Setup::start().await;
    let round_id = setup.store.workshop(setup.workshop_id).await.unwrap().workshop.round_id;
    let unchanged = |_: &[Theme]| RebuildChanges::default();
    setup.store.replace_round_themes(round_id, &[], &[theme("Inloggning")], 0.5, unchanged).await.unwrap();
    // A build reads the round's themes; while it works, the analyst renames one.
    let read = setup.store.round_themes(round_id).await.unwrap();
    setup
        .store
        .edit_round_themes(round_id, |themes| {
            themes[0].name = "E-legitimation för personal".into();
            Ok(())
        })
        .await
        .unwrap();
    let refused =
        setup.store.replace_round_themes(round_id, &read, &[theme("Blanketter")], 0.5, unchanged).await;
    assert!(
        matches!(refused, Err(StoreError::Refused(Refusal::ThemesChanged))),
        "the build would undo the rename: {refused:?}"
    );
    let themes = setup.store.round_themes(round_id).await.unwrap();
    assert_eq!(themes[0].name, "E-legitimation för personal", "the rename stands");
    setup
        .store
        .replace_round_themes(round_id, &themes, &[theme("Blanketter")], 0.5, unchanged)
        .await
        .unwrap();
    assert_eq!(setup.store.round_themes(round_id).await.unwrap()[0].name, "Blanketter");
    setup.stop().await;
}
