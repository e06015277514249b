//! Who may see a note, over every path a real server offers: live events, socket catch-up,
//! server functions and pages, for participants, the presenter view and facilitators,
//! while writing is private, after a note is hidden or deleted, and once a workshop is
//! made anonymous.

mod common;

use std::net::SocketAddr;
use std::time::Duration;

use common::net::{
    RunningServer, Socket, Workshop, create_workshop, drain, follow, get_page, join, post_form,
};
use uuid::Uuid;

const WAIT: Duration = Duration::from_millis(400);

/// Joins as a new participant of an agency; returns its cookie.
async fn participant(addr: SocketAddr, code: &str, name: &str) -> String {
    join(addr, code, name, "Försäkringskassan").await
}

/// Everything `socket` receives until it goes quiet, as the JSON the client read.
async fn heard(socket: &mut Socket) -> String {
    drain(socket, WAIT).await.iter().map(|m| serde_json::to_string(m).unwrap()).collect::<Vec<_>>().join("\n")
}

/// Adds a note over HTTP as `cookie`; returns its id.
async fn add_note(addr: SocketAddr, workshop_id: &str, cookie: &str, text: &str) -> String {
    let id = Uuid::new_v4().to_string();
    let form = [("workshop_id", workshop_id), ("note_id", id.as_str()), ("text", text)];
    let added = post_form(addr, "/api/add_note", &form, Some(cookie)).await.unwrap();
    assert_eq!(added.status, 200, "{:?}", added.json);
    id
}

async fn call(addr: SocketAddr, function: &str, form: &[(&str, &str)], cookie: &str) -> u16 {
    post_form(addr, &format!("/api/{function}"), form, Some(cookie)).await.unwrap().status
}

async fn moderate(addr: SocketAddr, facilitator: &str, note_id: &str, action: &str) {
    let status = call(addr, "moderate_note", &[("note_id", note_id), ("action", action)], facilitator).await;
    assert_eq!(status, 200, "{action}");
}

async fn set_private(addr: SocketAddr, workshop: &Workshop, on: &str) {
    let form = [("workshop_id", workshop.id.as_str()), ("on", on)];
    assert_eq!(call(addr, "set_private_mode", &form, &workshop.facilitator).await, 200);
}

#[tokio::test]
async fn showing_a_hidden_note_during_private_writing_reaches_only_its_author() {
    let server = RunningServer::start(|_| {}).await;
    let addr = server.addr;
    let workshop = create_workshop(addr, server.dir.path()).await;
    set_private(addr, &workshop, "true").await;
    let (anna, bo) =
        (participant(addr, &workshop.code, "Anna").await, participant(addr, &workshop.code, "Bo").await);
    let mut anna_socket = follow(addr, &workshop.id, &anna, 0).await;
    let mut bo_socket = follow(addr, &workshop.id, &bo, 0).await;
    let presenter = format!("{}?view=presenter", workshop.id);
    let mut presenter_socket = follow(addr, &presenter, &workshop.facilitator, 0).await;
    drain(&mut anna_socket, WAIT).await;
    drain(&mut presenter_socket, WAIT).await;

    let secret = "Bo: e-legitimation för medarbetare saknas";
    let note_id = add_note(addr, &workshop.id, &bo, secret).await;
    moderate(addr, &workshop.facilitator, &note_id, "hide").await;
    moderate(addr, &workshop.facilitator, &note_id, "show").await;

    let anna_heard = heard(&mut anna_socket).await;
    assert!(!anna_heard.contains(&note_id) && !anna_heard.contains("Bo"), "Anna learnt of it: {anna_heard}");
    let presenter_heard = heard(&mut presenter_socket).await;
    assert!(!presenter_heard.contains(&note_id), "the projector showed it: {presenter_heard}");
    assert!(heard(&mut bo_socket).await.contains("note_shown"), "its author sees it come back");
    // Nor later, on a fresh catch-up or a page.
    let mut anna_again = follow(addr, &workshop.id, &anna, 0).await;
    assert!(!heard(&mut anna_again).await.contains(&note_id));
    let board = post_form(
        addr,
        "/api/get_presenter_board",
        &[("workshop_id", &workshop.id)],
        Some(&workshop.facilitator),
    )
    .await
    .unwrap();
    assert_eq!(board.status, 200, "{:?}", board.json);
    assert!(!board.json.to_string().contains(secret), "{}", board.json);
    let (_, page) =
        get_page(addr, &format!("/workshops/{}/present", workshop.id), Some(&workshop.facilitator))
            .await
            .unwrap();
    assert!(!page.contains(secret), "the presenter page shows a private note");
    // On the reveal, everyone may see it.
    set_private(addr, &workshop, "false").await;
    let mut anna_after = follow(addr, &workshop.id, &anna, 0).await;
    assert!(heard(&mut anna_after).await.contains(secret));
    server.stop().await;
}

#[tokio::test]
async fn deleted_and_hidden_notes_are_not_replayed_to_anyone_who_joins_later() {
    let server = RunningServer::start(|_| {}).await;
    let addr = server.addr;
    let workshop = create_workshop(addr, server.dir.path()).await;
    let bo = participant(addr, &workshop.code, "Bo Bengtsson").await;
    let phone = "ring mig på 070-123 45 67";
    let deleted = add_note(addr, &workshop.id, &bo, phone).await;
    let edited = add_note(addr, &workshop.id, &bo, "min e-post bo@example.se").await;
    let form = [("note_id", edited.as_str()), ("text", "Digital brevlåda för alla myndigheter")];
    assert_eq!(call(addr, "edit_note", &form, &bo).await, 200);
    assert_eq!(call(addr, "delete_note", &[("note_id", deleted.as_str())], &bo).await, 200);
    let hidden = add_note(addr, &workshop.id, &bo, "olämplig kommentar om en kollega").await;
    moderate(addr, &workshop.facilitator, &hidden, "hide").await;

    let cecilia = participant(addr, &workshop.code, "Cecilia").await;
    let mut late = follow(addr, &workshop.id, &cecilia, 0).await;
    let caught_up = heard(&mut late).await;
    for gone in [phone, "olämplig", "bo@example.se"] {
        assert!(!caught_up.contains(gone), "{gone} was replayed: {caught_up}");
    }
    assert!(caught_up.contains("Digital brevlåda"), "what is on the board is there: {caught_up}");
    // The facilitator still sees the hidden note, from the snapshot.
    let mut facilitator = follow(addr, &workshop.id, &workshop.facilitator, 0).await;
    assert!(heard(&mut facilitator).await.contains("olämplig"));

    // The log itself no longer holds the deleted or hidden texts.
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let url = common::stored_database_url(server.dir.path()).await;
    let mut db = sqlx::AnyConnection::connect(&url).await.unwrap();
    let log: Vec<(String,)> =
        sqlx::query_as("SELECT change FROM board_events").fetch_all(&mut db).await.unwrap();
    let log: String = log.into_iter().map(|(change,)| change).collect();
    assert!(!log.contains("070-123") && !log.contains("olämplig"), "{log}");
    server.stop().await;
}

#[tokio::test]
async fn anonymity_switched_on_after_people_joined_hides_every_name() {
    let server = RunningServer::start(|_| {}).await;
    let addr = server.addr;
    let workshop = create_workshop(addr, server.dir.path()).await;
    let name = "Anna Andersson";
    let anna = participant(addr, &workshop.code, name).await;
    add_note(addr, &workshop.id, &anna, "API-katalog för hela offentliga sektorn").await;
    let paper = [
        ("workshop_id", workshop.id.as_str()),
        ("note_id", &Uuid::new_v4().to_string()),
        ("group", "Grupp Bertil Berg"),
        ("text", "Grunddata om fastigheter"),
    ];
    assert_eq!(call(addr, "add_paper_note", &paper, &workshop.facilitator).await, 200);
    let mut open_board = follow(addr, &workshop.id, &anna, 0).await;
    drain(&mut open_board, WAIT).await;

    let anonymous = [("workshop_id", workshop.id.as_str()), ("on", "true")];
    assert_eq!(call(addr, "set_anonymous", &anonymous, &workshop.facilitator).await, 200);
    assert!(heard(&mut open_board).await.contains("anonymity"), "open boards are told at once");

    let id = [("workshop_id", workshop.id.as_str())];
    let code = [("code", workshop.code.as_str())];
    let fac = Some(workshop.facilitator.as_str());
    let answers = [
        post_form(addr, "/api/get_board", &code, Some(&anna)).await.unwrap().json.to_string(),
        post_form(addr, "/api/get_facilitator_board", &id, fac).await.unwrap().json.to_string(),
        post_form(addr, "/api/get_presenter_board", &id, fac).await.unwrap().json.to_string(),
        get_page(addr, &format!("/join/{}", workshop.code), Some(&anna)).await.unwrap().1,
        get_page(addr, &format!("/workshops/{}", workshop.id), fac).await.unwrap().1,
        get_page(addr, &format!("/workshops/{}/present", workshop.id), fac).await.unwrap().1,
        heard(&mut follow(addr, &workshop.id, &anna, 0).await).await,
        heard(&mut follow(addr, &workshop.id, &workshop.facilitator, 0).await).await,
    ];
    for (path, answer) in answers.iter().enumerate() {
        // The facilitator's and presenter's pages (paths 4 and 5) load their board as data
        // once they run (paths 1 and 2); they must not carry a name either.
        if ![4, 5].contains(&path) {
            assert!(answer.contains("API-katalog"), "path {path} shows the notes: {answer}");
        }
        assert!(!answer.contains(name) && !answer.contains("Bertil"), "path {path} shows a name: {answer}");
    }
    server.stop().await;
}

#[tokio::test]
async fn private_writing_reveals_no_other_participants_note_id_support_or_dots() {
    let server = RunningServer::start(|_| {}).await;
    let addr = server.addr;
    let workshop = create_workshop(addr, server.dir.path()).await;
    let (anna, bo) =
        (participant(addr, &workshop.code, "Anna").await, participant(addr, &workshop.code, "Bo").await);
    let open = [("workshop_id", workshop.id.as_str()), ("target", "notes"), ("dots", "3")];
    let vote = post_form(addr, "/api/open_vote", &open, Some(&workshop.facilitator)).await.unwrap();
    let vote_id = vote.json["id"].as_str().expect("a vote").to_string();
    set_private(addr, &workshop, "true").await;
    let mut anna_socket = follow(addr, &workshop.id, &anna, 0).await;
    drain(&mut anna_socket, WAIT).await;

    let note_id = add_note(addr, &workshop.id, &bo, "Molntjänster och CLOUD Act").await;
    // Anna cannot act on a note she may not see, even knowing its id.
    let support = [("note_id", note_id.as_str()), ("supported", "true")];
    assert_ne!(call(addr, "support_note", &support, &anna).await, 200, "a +1 on a private note");
    let dot = [("vote_id", vote_id.as_str()), ("target_id", note_id.as_str())];
    assert_ne!(call(addr, "give_dot", &dot, &anna).await, 200, "a dot on a private note");
    // What happens to Bo's note is not hers to learn: hidden, merged, +1 by others, dots.
    let cecilia = participant(addr, &workshop.code, "Cecilia").await;
    let other = add_note(addr, &workshop.id, &cecilia, "Grunddata").await;
    moderate(addr, &workshop.facilitator, &note_id, "hide").await;
    moderate(addr, &workshop.facilitator, &note_id, "show").await;
    let merge = [("kept", note_id.as_str()), ("duplicate", other.as_str())];
    assert_eq!(call(addr, "merge_notes", &merge, &workshop.facilitator).await, 200);
    let anna_heard = heard(&mut anna_socket).await;
    assert!(!anna_heard.contains(&note_id) && !anna_heard.contains(&other), "{anna_heard}");
    server.stop().await;
}
