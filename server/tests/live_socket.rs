//! The live board over a real WebSocket to a real server on 127.0.0.1.

mod common;

use std::net::SocketAddr;
use std::time::Duration;

use app::model::ids::{NoteId, VoteId};
use app::model::live::{Change, ClientMessage, ServerMessage};
use common::net::{
    RunningServer, Socket, Workshop, create_workshop, drain, follow, join, open_board, open_socket,
    post_form, receive, send,
};
use uuid::Uuid;

const WAIT: Duration = Duration::from_millis(400);

/// A signed-in facilitator's cookies and a fresh workshop (id, code).
async fn workshop(server: &RunningServer) -> (String, String, String) {
    let Workshop { id, code, facilitator } = create_workshop(server.addr, server.dir.path()).await;
    (facilitator, id, code)
}

/// Joins as a new participant; returns its cookie.
async fn participant(addr: SocketAddr, code: &str, name: &str) -> String {
    join(addr, code, name, "").await
}

fn added_texts(messages: &[ServerMessage]) -> Vec<(String, bool)> {
    messages
        .iter()
        .filter_map(|m| match m {
            ServerMessage::Event(event) => match &event.change {
                Change::NoteAdded { note } => Some((note.text.clone(), note.mine)),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn a_note_is_acknowledged_after_commit_and_reaches_every_board_once() {
    let server = RunningServer::start(|_| {}).await;
    let (facilitator, workshop_id, code) = workshop(&server).await;
    let (anna, bo) =
        (participant(server.addr, &code, "Anna").await, participant(server.addr, &code, "Bo").await);
    // Each board is past its snapshot, so the note can only arrive as an event.
    let wait = Duration::from_secs(5);
    let mut anna_socket = open_board(server.addr, &workshop_id, &anna, wait).await;
    let mut bo_socket = open_board(server.addr, &workshop_id, &bo, wait).await;
    let mut facilitator_socket = open_board(server.addr, &workshop_id, &facilitator, wait).await;

    let id = NoteId::random();
    let note = ClientMessage::AddNote { id, text: "Öppna data".into() };
    send(&mut anna_socket, &note).await;
    send(&mut anna_socket, &note).await; // a resend after a lost ack
    let anna_saw = drain(&mut anna_socket, WAIT).await;
    let acks: Vec<_> = anna_saw
        .iter()
        .filter(|m| matches!(m, ServerMessage::Ack { note_id, .. } if *note_id == id))
        .collect();
    assert_eq!(acks.len(), 2, "both sends are acknowledged");
    assert_eq!(added_texts(&anna_saw), vec![("Öppna data".to_string(), true)], "one event, marked as hers");
    assert_eq!(added_texts(&drain(&mut bo_socket, WAIT).await), vec![("Öppna data".to_string(), false)]);
    assert_eq!(added_texts(&drain(&mut facilitator_socket, WAIT).await).len(), 1);
    server.stop().await;
}

/// The notes of the snapshots in `messages`, as (text, mine).
fn snapshot_texts(messages: &[ServerMessage]) -> Vec<(String, bool)> {
    messages
        .iter()
        .filter_map(|m| match m {
            ServerMessage::Snapshot { snapshot } => Some(snapshot),
            _ => None,
        })
        .flat_map(|snapshot| snapshot.notes.iter().map(|n| (n.text.clone(), n.mine)))
        .collect()
}

#[tokio::test]
async fn a_reconnecting_client_gets_what_it_missed_a_new_one_the_board_and_a_current_one_nothing() {
    let server = RunningServer::start(|_| {}).await;
    let (facilitator, workshop_id, code) = workshop(&server).await;
    let anna = participant(server.addr, &code, "Anna").await;
    let bo = participant(server.addr, &code, "Bo").await;
    let mut anna_socket = follow(server.addr, &workshop_id, &anna, 0).await;
    for text in ["ett", "två"] {
        send(&mut anna_socket, &ClientMessage::AddNote { id: NoteId::random(), text: text.into() }).await;
    }
    let acks = drain(&mut anna_socket, WAIT).await;

    // Bo saw up to sequence number 1, then reconnects: the two notes he missed come as the
    // events they were, not as the whole board.
    let mut bo_socket = follow(server.addr, &workshop_id, &bo, 1).await;
    let missed = drain(&mut bo_socket, WAIT).await;
    assert_eq!(added_texts(&missed), vec![("ett".to_string(), false), ("två".to_string(), false)]);
    assert!(snapshot_texts(&missed).is_empty(), "no whole board for two notes: {missed:?}");

    // A board opened afresh gets the board as it is now, never the history.
    let mut fresh = follow(server.addr, &workshop_id, &bo, 0).await;
    let caught_up = drain(&mut fresh, WAIT).await;
    assert_eq!(snapshot_texts(&caught_up), vec![("ett".to_string(), false), ("två".to_string(), false)]);
    assert!(added_texts(&caught_up).is_empty(), "no history replayed: {caught_up:?}");
    // A client that is current gets nothing more than its welcome. (Joins are events too,
    // for staff boards: the snapshot says how far the board is.)
    let last_seq = caught_up
        .iter()
        .find_map(|m| match m {
            ServerMessage::Snapshot { snapshot } => Some(snapshot.last_seq),
            _ => None,
        })
        .expect("a snapshot");
    let mut current = follow(server.addr, &workshop_id, &bo, last_seq).await;
    assert!(drain(&mut current, WAIT).await.is_empty());

    // A note hidden while Bo was away: replaying would not take back what he was sent, so
    // he gets the board as it is now, without it.
    let first = acks
        .iter()
        .find_map(|m| match m {
            ServerMessage::Ack { note_id, .. } => Some(note_id.to_string()),
            _ => None,
        })
        .expect("Anna's notes were acknowledged");
    let hide = [("note_id", first.as_str()), ("action", "hide")];
    assert_eq!(
        post_form(server.addr, "/api/moderate_note", &hide, Some(&facilitator)).await.unwrap().status,
        200
    );
    let mut back = follow(server.addr, &workshop_id, &bo, last_seq).await;
    let after_hiding = drain(&mut back, WAIT).await;
    assert_eq!(snapshot_texts(&after_hiding), vec![("två".to_string(), false)], "{after_hiding:?}");
    assert!(added_texts(&after_hiding).is_empty());
    server.stop().await;
}

#[tokio::test]
async fn private_writing_keeps_others_notes_off_participant_sockets() {
    let server = RunningServer::start(|_| {}).await;
    let (facilitator, workshop_id, code) = workshop(&server).await;
    let (anna, bo) =
        (participant(server.addr, &code, "Anna").await, participant(server.addr, &code, "Bo").await);
    let private = [("workshop_id", workshop_id.as_str()), ("on", "true")];
    assert_eq!(
        post_form(server.addr, "/api/set_private_mode", &private, Some(&facilitator)).await.unwrap().status,
        200
    );
    let mut anna_socket = follow(server.addr, &workshop_id, &anna, 0).await;
    let mut bo_socket = follow(server.addr, &workshop_id, &bo, 0).await;
    let mut facilitator_socket = follow(server.addr, &workshop_id, &facilitator, 0).await;
    drain(&mut bo_socket, WAIT).await;
    drain(&mut facilitator_socket, WAIT).await;

    send(&mut anna_socket, &ClientMessage::AddNote { id: NoteId::random(), text: "hemlig".into() }).await;
    assert_eq!(added_texts(&drain(&mut anna_socket, WAIT).await).len(), 1, "the author sees her note");
    assert!(added_texts(&drain(&mut bo_socket, WAIT).await).is_empty(), "Bo is not sent it");
    assert_eq!(added_texts(&drain(&mut facilitator_socket, WAIT).await).len(), 1, "the facilitator is");
    // Nor does Bo get it by catching up from the start.
    let mut bo_again = follow(server.addr, &workshop_id, &bo, 0).await;
    let caught_up = drain(&mut bo_again, WAIT).await;
    assert!(added_texts(&caught_up).is_empty() && snapshot_texts(&caught_up).is_empty(), "{caught_up:?}");
    server.stop().await;
}

#[tokio::test]
async fn sockets_refuse_strangers_foreign_origins_and_oversized_or_silent_clients() {
    let server = RunningServer::start(|config| config.socket_idle_secs = 1).await;
    let (_, workshop_id, code) = workshop(&server).await;
    let anna = participant(server.addr, &code, "Anna").await;

    // Refused before the upgrade, with the JSON refusal every route gives.
    let made_up = format!("klustra_device={}", "0".repeat(64));
    let refused = open_socket(server.addr, &workshop_id, Some(&made_up), None).await;
    assert_eq!(refusal(refused), (401, "unknown_cookie".into()), "a device this server never issued");
    let store =
        server::store::Store::open(&common::stored_database_url(server.dir.path()).await).await.unwrap();
    let stranger = format!("klustra_device={}", common::net::issued_device(&store).await);
    store.close().await;
    let refused = open_socket(server.addr, &workshop_id, Some(&stranger), None).await;
    assert_eq!(refusal(refused), (401, "not_signed_in".into()), "a device that never joined");
    let refused = open_socket(server.addr, &workshop_id, None, None).await;
    assert_eq!(refusal(refused), (401, "not_signed_in".into()), "no cookie, no board");
    let foreign = open_socket(server.addr, &workshop_id, Some(&anna), Some("https://evil.example")).await;
    assert_eq!(refusal(foreign), (403, "cross_site".into()), "a page on another site may not use her cookie");
    let own_site = format!("http://{}", server.addr);
    assert!(open_socket(server.addr, &workshop_id, Some(&anna), Some(&own_site)).await.is_ok());
    let other_workshop = Uuid::new_v4().to_string();
    let refused = open_socket(server.addr, &other_workshop, Some(&anna), None).await;
    assert_eq!(refusal(refused), (404, "not_found".into()));

    let mut socket = open_board(server.addr, &workshop_id, &anna, Duration::from_secs(5)).await;
    let huge = ClientMessage::AddNote { id: NoteId::random(), text: "x".repeat(20_000) };
    let _ = futures_util::SinkExt::send(
        &mut socket,
        tokio_tungstenite::tungstenite::Message::Text(serde_json::to_string(&huge).unwrap().into()),
    )
    .await;
    assert!(
        receive(&mut socket, Duration::from_secs(3)).await.is_none(),
        "an oversized message closes the socket"
    );

    let mut silent = open_board(server.addr, &workshop_id, &anna, Duration::from_secs(5)).await;
    let bye = receive(&mut silent, Duration::from_secs(3)).await;
    assert!(matches!(bye, Some(ServerMessage::Bye { .. })), "a silent socket is closed: {bye:?}");

    let mut bad = open_board(server.addr, &workshop_id, &anna, Duration::from_secs(5)).await;
    let too_long = ClientMessage::AddNote { id: NoteId::random(), text: "å".repeat(501) };
    send(&mut bad, &too_long).await;
    assert!(matches!(receive(&mut bad, WAIT).await, Some(ServerMessage::Nack { .. })));
    let board = post_form(server.addr, "/api/get_board", &[("code", &code)], Some(&anna)).await.unwrap();
    assert_eq!(board.json["notes"].as_array().unwrap().len(), 0, "nothing stored");
    server.stop().await;
}

#[tokio::test]
async fn a_graceful_stop_tells_boards_to_reconnect() {
    let server = RunningServer::start(|_| {}).await;
    let (_, workshop_id, code) = workshop(&server).await;
    let anna = participant(server.addr, &code, "Anna").await;
    let mut socket = open_board(server.addr, &workshop_id, &anna, Duration::from_secs(5)).await;
    let stopping = tokio::spawn(server.stop());
    let bye = receive(&mut socket, Duration::from_secs(5)).await;
    assert!(matches!(bye, Some(ServerMessage::Bye { .. })), "{bye:?}");
    stopping.await.unwrap();
}

/// The status and error code of a socket refused before its upgrade.
fn refusal(opened: Result<Socket, tokio_tungstenite::tungstenite::Error>) -> (u16, String) {
    match opened {
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
            let body: serde_json::Value =
                serde_json::from_slice(response.body().as_deref().unwrap_or_default()).unwrap_or_default();
            (response.status().as_u16(), body["error"].as_str().unwrap_or("<no JSON error>").to_string())
        }
        Err(other) => panic!("refused without an HTTP answer: {other}"),
        Ok(_) => panic!("the socket opened"),
    }
}

/// The board changes in `messages`, in order, that are about +1 and voting.
fn vote_changes(messages: &[ServerMessage]) -> Vec<Change> {
    messages
        .iter()
        .filter_map(|m| match m {
            ServerMessage::Event(event) => match &event.change {
                change @ (Change::NoteSupported { .. }
                | Change::VoteOpened { .. }
                | Change::VoteTally { .. }
                | Change::VoteClosed { .. }) => Some(change.clone()),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn plus_ones_and_dot_tallies_reach_every_board_live_and_on_catch_up() {
    let server = RunningServer::start(|_| {}).await;
    let (facilitator, workshop_id, code) = workshop(&server).await;
    let (anna, bo) =
        (participant(server.addr, &code, "Anna").await, participant(server.addr, &code, "Bo").await);
    let form = [
        ("workshop_id", workshop_id.as_str()),
        ("note_id", &Uuid::new_v4().to_string()),
        ("text", "Geodata"),
    ];
    let note = post_form(server.addr, "/api/add_note", &form, Some(&anna)).await.unwrap();
    let note_id = note.json["id"].as_str().unwrap().parse::<NoteId>().unwrap();
    let mut anna_socket = follow(server.addr, &workshop_id, &anna, 0).await;
    let mut facilitator_socket = follow(server.addr, &workshop_id, &facilitator, 0).await;
    drain(&mut anna_socket, WAIT).await;
    drain(&mut facilitator_socket, WAIT).await;

    let target = note_id.to_string();
    let supported = [("note_id", target.as_str()), ("supported", "true")];
    assert_eq!(post_form(server.addr, "/api/support_note", &supported, Some(&bo)).await.unwrap().status, 200);
    let open = [("workshop_id", workshop_id.as_str()), ("target", "notes"), ("dots", "2")];
    let vote = post_form(server.addr, "/api/open_vote", &open, Some(&facilitator)).await.unwrap();
    let vote_id = vote.json["id"].as_str().unwrap().to_string();
    let dot = [("vote_id", vote_id.as_str()), ("target_id", target.as_str())];
    assert_eq!(post_form(server.addr, "/api/give_dot", &dot, Some(&bo)).await.unwrap().status, 200);
    let close = [("vote_id", vote_id.as_str())];
    assert_eq!(
        post_form(server.addr, "/api/close_vote", &close, Some(&facilitator)).await.unwrap().status,
        200
    );

    let vote_id = vote_id.parse::<VoteId>().unwrap();
    let expected = |changes: &[Change]| {
        assert_eq!(changes.len(), 4, "{changes:?}");
        assert_eq!(changes[0], Change::NoteSupported { id: note_id, supporters: 1 });
        assert!(
            matches!(&changes[1], Change::VoteOpened { vote } if vote.id == vote_id && vote.dots_per_participant == 2)
        );
        assert_eq!(changes[2], Change::VoteTally { vote_id, target_id: note_id.into(), dots: 1 });
        assert_eq!(changes[3], Change::VoteClosed { vote_id });
    };
    expected(&vote_changes(&drain(&mut anna_socket, WAIT).await));
    expected(&vote_changes(&drain(&mut facilitator_socket, WAIT).await));
    // A board that reconnects from the start gets the result in its snapshot.
    let mut late = follow(server.addr, &workshop_id, &bo, 0).await;
    let snapshot = drain(&mut late, WAIT)
        .await
        .into_iter()
        .find_map(|m| match m {
            ServerMessage::Snapshot { snapshot } => Some(snapshot),
            _ => None,
        })
        .expect("a snapshot");
    let noted = snapshot.notes.iter().find(|n| n.id == note_id).expect("the note");
    assert_eq!((noted.supporters, noted.supported_by_me), (1, true));
    let vote = snapshot.vote.expect("the closed vote");
    assert!(vote.id == vote_id && !vote.open, "{vote:?}");
    server.stop().await;
}

#[tokio::test]
async fn the_facilitator_hears_each_join_and_participants_do_not() {
    let server = RunningServer::start(|_| {}).await;
    let (facilitator, workshop_id, code) = workshop(&server).await;
    let anna = participant(server.addr, &code, "Anna").await;
    let wait = Duration::from_secs(5);
    let mut facilitator_socket = open_board(server.addr, &workshop_id, &facilitator, wait).await;
    let mut anna_socket = open_board(server.addr, &workshop_id, &anna, wait).await;

    participant(server.addr, &code, "Bo").await;
    participant(server.addr, &code, "Cecilia").await;
    let counts = |messages: &[ServerMessage]| -> Vec<i64> {
        messages
            .iter()
            .filter_map(|m| match m {
                ServerMessage::Event(event) => match event.change {
                    Change::Participants { count } => Some(count),
                    _ => None,
                },
                _ => None,
            })
            .collect()
    };
    assert_eq!(counts(&drain(&mut facilitator_socket, WAIT).await), vec![2, 3], "the page's count follows");
    assert_eq!(counts(&drain(&mut anna_socket, WAIT).await), Vec::<i64>::new(), "a staff-only event");
    server.stop().await;
}

#[tokio::test]
async fn a_board_keeps_showing_others_notes_while_its_own_wait_to_be_stored() {
    let server = RunningServer::start(|_| {}).await;
    let (_, workshop_id, code) = workshop(&server).await;
    let (anna, bo) =
        (participant(server.addr, &code, "Anna").await, participant(server.addr, &code, "Bo").await);
    let wait = Duration::from_secs(5);
    let mut anna_socket = open_board(server.addr, &workshop_id, &anna, wait).await;
    let mut bo_socket = open_board(server.addr, &workshop_id, &bo, wait).await;
    // Twice the notes one device may send at once: the second half is paced, over seconds.
    let anna_notes = 60;
    for n in 0..anna_notes {
        send(&mut anna_socket, &ClientMessage::AddNote { id: NoteId::random(), text: format!("Anna {n}") })
            .await;
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    send(&mut bo_socket, &ClientMessage::AddNote { id: NoteId::random(), text: "Bo emellan".into() }).await;

    let (mut acks, mut acks_before_bo) = (0, None);
    while acks < anna_notes {
        match receive(&mut anna_socket, Duration::from_secs(15)).await {
            Some(ServerMessage::Ack { .. }) => acks += 1,
            Some(ServerMessage::Event(event)) if matches!(&event.change, Change::NoteAdded { note } if note.text == "Bo emellan") =>
            {
                acks_before_bo = Some(acks);
            }
            Some(_) => {}
            None => panic!("Anna's board went quiet after {acks} acks"),
        }
    }
    let acks_before_bo = acks_before_bo.expect("Bo's note reached Anna's board");
    assert!(acks_before_bo < anna_notes - 10, "Bo's note waited for {acks_before_bo} of Anna's notes");
}
