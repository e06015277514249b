//! Several `klustra` instances on one PostgreSQL serve the same workshop: a change made
//! through one appears live on the boards connected to another, even when the
//! notification that should wake it never comes.
//!
//! Needs PostgreSQL (`KLUSTRA_TEST_POSTGRES_URL`, set by `scripts/test.sh` for its
//! PostgreSQL pass, which runs these ignored tests); on SQLite, one instance owns its file and
//! there is nothing to test.

mod common;

use std::time::{Duration, Instant};

use app::model::live::{Change, ServerMessage};
use common::net::{RunningServer, Socket, Workshop, create_workshop, open_board, post_form, receive};
use server::store::{Setting, Store};

/// Two instances on one PostgreSQL database, a workshop made through `a`, and its
/// facilitator's board on `b`.
struct TwoInstances {
    a: RunningServer,
    b: RunningServer,
    database_url: String,
    workshop_id: String,
    code: String,
    facilitator: String,
    on_b: Socket,
}

/// Starts [`TwoInstances`] on a fresh PostgreSQL database (failing without PostgreSQL).
async fn two_instances() -> TwoInstances {
    common::require_postgres();
    let shared_dir = tempfile::tempdir().unwrap();
    let database_url = common::database_url(shared_dir.path()).await.expect("a PostgreSQL database");
    let a = RunningServer::start(|config| config.database_url = Some(database_url.clone())).await;
    let b = RunningServer::start(|config| config.database_url = Some(database_url.clone())).await;
    let Workshop { id: workshop_id, code, facilitator } = create_workshop(a.addr, shared_dir.path()).await;
    let on_b = board(&b, &workshop_id, &facilitator).await;
    TwoInstances { a, b, database_url, workshop_id, code, facilitator, on_b }
}

/// A facilitator's board on `server`, past its welcome.
async fn board(server: &RunningServer, workshop_id: &str, cookie: &str) -> Socket {
    open_board(server.addr, workshop_id, cookie, Duration::from_secs(5)).await
}

/// The first event on `socket` that `wanted` accepts, within `limit`.
async fn wait_for(socket: &mut Socket, limit: Duration, wanted: impl Fn(&Change) -> bool) -> Option<Change> {
    let deadline = Instant::now() + limit;
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match receive(socket, left).await {
            Some(ServerMessage::Event(event)) if wanted(&event.change) => return Some(event.change),
            Some(_) => continue,
            None => return None,
        }
    }
    None
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: KLUSTRA_TEST_POSTGRES_URL and --include-ignored (scripts/test.sh)"]
async fn a_note_written_through_one_instance_appears_live_on_the_other() {
    let TwoInstances { a, b, workshop_id, code, facilitator, mut on_b, .. } = two_instances().await;

    let joined = post_form(
        a.addr,
        "/api/join_workshop",
        &[("code", &code), ("display_name", "Anna"), ("organisation", "")],
        None,
    )
    .await
    .unwrap();
    let participant = joined.set_cookie.expect("a participant cookie");
    let note_id = uuid::Uuid::new_v4().to_string();
    let form = [("workshop_id", workshop_id.as_str()), ("note_id", &note_id), ("text", "Skrivet via A")];
    let added = post_form(a.addr, "/api/add_note", &form, Some(&participant)).await.unwrap();
    assert_eq!(added.status, 200, "{:?}", added.json);

    let seen =
        wait_for(&mut on_b, Duration::from_secs(5), |change| matches!(change, Change::NoteAdded { .. }))
            .await;
    match seen {
        Some(Change::NoteAdded { note }) => {
            assert_eq!(note.id.to_string(), note_id);
            assert_eq!(note.text, "Skrivet via A");
        }
        other => panic!("instance B's board did not get the note: {other:?}"),
    }

    // And back: a note through B reaches a board on A.
    let mut on_a = board(&a, &workshop_id, &facilitator).await;
    let second = uuid::Uuid::new_v4().to_string();
    let form = [("workshop_id", workshop_id.as_str()), ("note_id", &second), ("text", "Skrivet via B")];
    assert_eq!(post_form(b.addr, "/api/add_note", &form, Some(&participant)).await.unwrap().status, 200);
    // (The board on A first catches up on the note written through A.)
    let via_b =
        |change: &Change| matches!(change, Change::NoteAdded { note } if note.text == "Skrivet via B");
    assert!(wait_for(&mut on_a, Duration::from_secs(5), via_b).await.is_some(), "A's board got B's note");
    a.stop().await;
    b.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: KLUSTRA_TEST_POSTGRES_URL and --include-ignored (scripts/test.sh)"]
async fn a_change_whose_notification_never_comes_still_reaches_the_other_instance() {
    let TwoInstances { a, b, database_url, workshop_id, mut on_b, .. } = two_instances().await;

    // Committed straight to the database, as if by an instance whose notification was
    // lost: no instance is woken, so only B's sweep can find it.
    let store = Store::open(&database_url).await.unwrap();
    let id = workshop_id.parse::<app::model::ids::WorkshopId>().unwrap();
    store.set_setting(id, Setting::PrivateMode(true)).await.unwrap();

    let seen =
        wait_for(&mut on_b, Duration::from_secs(5), |change| matches!(change, Change::PrivateMode { .. }))
            .await;
    assert!(matches!(seen, Some(Change::PrivateMode { on: true })), "{seen:?}");
    store.close().await;
    a.stop().await;
    b.stop().await;
}
