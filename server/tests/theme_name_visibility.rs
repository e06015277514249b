//! Theme names as the room sees them, over every path a real server offers: a theme the
//! clustering named from notes since hidden or deleted, or written during private writing,
//! reaches participants and the projector by its number, never by those notes' words, in
//! the options of a theme vote (the board read, the presenter board, the live event, a
//! socket's catch-up) and on the projector's themes; its facilitator still sees its name.

mod common;

use std::net::SocketAddr;
use std::time::Duration;

use common::net::{RunningServer, Socket, Workshop, create_workshop, drain, follow, join, post_form};
use serde_json::Value;
use uuid::Uuid;

const WAIT: Duration = Duration::from_millis(400);

/// The word only Bo's notes hold, and so the theme the clustering names from them.
const SECRET: &str = "zebrakont";

/// Bo's notes: each names the secret account.
const BO_NOTES: [&str; 3] = [
    "Zebrakontot saknar loggning av inloggningar",
    "Zebrakontot delas av hela enheten",
    "Lösenordet till zebrakontot sitter på en lapp",
];

/// Anna's notes: another theme, whose name the room may see.
const ANNA_NOTES: [&str; 3] = [
    "E-legitimation för medarbetare i tjänsten",
    "Medarbetare behöver e-legitimation i tjänsten",
    "E-legitimation på mobilen för medarbetare",
];

/// A workshop where Anna and Bo wrote their notes (during private writing when `private`),
/// clustered; returns it with Anna's and Bo's cookies and Bo's note ids.
async fn clustered_workshop(addr: SocketAddr, server: &RunningServer, private: bool) -> Room {
    let workshop = create_workshop(addr, server.dir.path()).await;
    if private {
        let form = [("workshop_id", workshop.id.as_str()), ("on", "true")];
        assert_eq!(call(addr, "set_private_mode", &form, &workshop.facilitator).await.status, 200);
    }
    let anna = join(addr, &workshop.code, "Anna", "Skatteverket").await;
    let bo = join(addr, &workshop.code, "Bo", "Försäkringskassan").await;
    for text in ANNA_NOTES {
        add_note(addr, &workshop.id, &anna, text).await;
    }
    let mut bo_notes = Vec::new();
    for text in BO_NOTES {
        bo_notes.push(add_note(addr, &workshop.id, &bo, text).await);
    }
    let form = [("workshop_id", workshop.id.as_str()), ("granularity", "0.5")];
    let clustered = call(addr, "run_clustering", &form, &workshop.facilitator).await;
    assert_eq!(clustered.status, 200, "{:?}", clustered.json);
    let room = Room { workshop, anna, bo, bo_notes };
    // Without this the test could not fail: the clustering must name a theme by the secret.
    assert!(room.facilitator_themes(addr).await.contains(SECRET), "no theme named from Bo's notes");
    room
}

/// A clustered workshop and who is in it.
struct Room {
    workshop: Workshop,
    anna: String,
    bo: String,
    bo_notes: Vec<String>,
}

impl Room {
    /// The workshop's themes as its facilitator reads them, lower-cased JSON.
    async fn facilitator_themes(&self, addr: SocketAddr) -> String {
        let form = [("workshop_id", self.workshop.id.as_str())];
        lower(&call(addr, "get_themes", &form, &self.workshop.facilitator).await.json)
    }

    /// The themes the projector shows, lower-cased JSON.
    async fn room_themes(&self, addr: SocketAddr) -> Value {
        let form = [("workshop_id", self.workshop.id.as_str())];
        let themes = call(addr, "get_room_themes", &form, &self.workshop.facilitator).await;
        assert_eq!(themes.status, 200, "{:?}", themes.json);
        themes.json
    }

    /// Opens a theme vote; returns the facilitator's answer, lower-cased JSON.
    async fn open_theme_vote(&self, addr: SocketAddr) -> String {
        let form = [("workshop_id", self.workshop.id.as_str()), ("target", "themes"), ("dots", "3")];
        let opened = call(addr, "open_vote", &form, &self.workshop.facilitator).await;
        assert_eq!(opened.status, 200, "{:?}", opened.json);
        lower(&opened.json)
    }

    /// The vote as a participant's board read shows it.
    async fn participant_vote(&self, addr: SocketAddr, cookie: &str) -> Value {
        let board = call(addr, "get_board", &[("code", self.workshop.code.as_str())], cookie).await;
        assert_eq!(board.status, 200, "{:?}", board.json);
        board.json["vote"].clone()
    }

    /// The vote as the presenter board (or, with `facilitator`, the facilitator's) shows it.
    async fn staff_vote(&self, addr: SocketAddr, function: &str) -> Value {
        let form = [("workshop_id", self.workshop.id.as_str())];
        let board = call(addr, function, &form, &self.workshop.facilitator).await;
        assert_eq!(board.status, 200, "{:?}", board.json);
        board.json["board"]["vote"].clone()
    }

    /// A live board as Anna follows it, from the start.
    async fn anna_socket(&self, addr: SocketAddr) -> Socket {
        follow(addr, &self.workshop.id, &self.anna, 0).await
    }

    /// The projector's live board, from the start.
    async fn presenter_socket(&self, addr: SocketAddr) -> Socket {
        follow(addr, &format!("{}?view=presenter", self.workshop.id), &self.workshop.facilitator, 0).await
    }

    /// Hides `note_id` as the facilitator.
    async fn hide(&self, addr: SocketAddr, note_id: &str) {
        let form = [("note_id", note_id), ("action", "hide")];
        assert_eq!(call(addr, "moderate_note", &form, &self.workshop.facilitator).await.status, 200);
    }
}

async fn call(
    addr: SocketAddr,
    function: &str,
    form: &[(&str, &str)],
    cookie: &str,
) -> common::net::HttpReply {
    post_form(addr, &format!("/api/{function}"), form, Some(cookie)).await.unwrap()
}

/// Adds a note over HTTP as `cookie`; returns its id.
async fn add_note(addr: SocketAddr, workshop_id: &str, cookie: &str, text: &str) -> String {
    let id = Uuid::new_v4().to_string();
    let form = [("workshop_id", workshop_id), ("note_id", id.as_str()), ("text", text)];
    let added = call(addr, "add_note", &form, cookie).await;
    assert_eq!(added.status, 200, "{:?}", added.json);
    id
}

fn lower(json: &Value) -> String {
    json.to_string().to_lowercase()
}

/// Everything `socket` receives until it goes quiet, lower-cased JSON.
async fn heard(socket: &mut Socket) -> String {
    let messages = drain(socket, WAIT).await;
    messages.iter().map(|m| serde_json::to_string(m).unwrap().to_lowercase()).collect::<Vec<_>>().join("\n")
}

/// The labels of a vote's options, `None` for one shown by its number.
fn labels(vote: &Value) -> Vec<Option<String>> {
    let options = vote["options"].as_array().expect("a theme vote has options");
    options.iter().map(|option| option["label"].as_str().map(str::to_lowercase)).collect()
}

/// Asserts that `vote` names no option by the secret, shows one by its number and names
/// Anna's theme.
fn numbers_the_secret_theme(vote: &Value, path: &str) {
    let labels = labels(vote);
    assert!(!lower(vote).contains(SECRET), "{path} told the secret: {vote}");
    assert!(labels.contains(&None), "{path} shows no theme by its number: {vote}");
    let named = labels
        .iter()
        .flatten()
        .any(|label| label.contains("e-legitimation") || label.contains("medarbetare"));
    assert!(named, "{path} withheld a name the room may see: {vote}");
}

#[tokio::test]
async fn a_theme_named_from_hidden_and_deleted_notes_reaches_the_room_by_its_number() {
    let server = RunningServer::start(|_| {}).await;
    let addr = server.addr;
    let room = clustered_workshop(addr, &server, false).await;
    room.hide(addr, &room.bo_notes[0]).await;
    room.hide(addr, &room.bo_notes[1]).await;
    let deleted = call(addr, "delete_note", &[("note_id", room.bo_notes[2].as_str())], &room.bo).await;
    assert_eq!(deleted.status, 200, "{:?}", deleted.json);
    let mut anna_socket = room.anna_socket(addr).await;
    let mut presenter_socket = room.presenter_socket(addr).await;
    let mut bo_socket = follow(addr, &room.workshop.id, &room.bo, 0).await;
    for socket in [&mut anna_socket, &mut presenter_socket, &mut bo_socket] {
        drain(socket, WAIT).await;
    }

    let opened = room.open_theme_vote(addr).await;
    assert!(opened.contains(SECRET), "the facilitator opening the vote sees every name: {opened}");

    // The live event of the opening.
    for (who, socket) in
        [("Anna", &mut anna_socket), ("the projector", &mut presenter_socket), ("Bo", &mut bo_socket)]
    {
        let heard = heard(socket).await;
        assert!(heard.contains("vote_opened"), "{who} heard no vote open: {heard}");
        assert!(!heard.contains(SECRET), "{who} heard the secret: {heard}");
    }
    // Board reads: participants (Bo too: a vote's options are the same for everyone) and the
    // presenter board; the facilitator's names every option.
    numbers_the_secret_theme(&room.participant_vote(addr, &room.anna).await, "Anna's board");
    numbers_the_secret_theme(&room.participant_vote(addr, &room.bo).await, "Bo's board");
    numbers_the_secret_theme(&room.staff_vote(addr, "get_presenter_board").await, "the presenter board");
    assert!(lower(&room.staff_vote(addr, "get_facilitator_board").await).contains(SECRET));
    // A socket's catch-up.
    let snapshot = heard(&mut room.anna_socket(addr).await).await;
    assert!(snapshot.contains("snapshot") && !snapshot.contains(SECRET), "Anna's catch-up: {snapshot}");
    // The projector's themes, and the facilitator's.
    let projected = room.room_themes(addr).await;
    assert!(!lower(&projected).contains(SECRET), "the projector showed the secret: {projected}");
    let numbered = projected
        .as_array()
        .unwrap()
        .iter()
        .any(|theme| theme["name"].is_null() && theme["number"].as_u64() > Some(0));
    assert!(numbered, "the projector shows no theme by its number: {projected}");
    assert!(room.facilitator_themes(addr).await.contains(SECRET), "the facilitator lost the name");
}

#[tokio::test]
async fn a_vote_opened_while_the_notes_showed_stops_naming_them_once_they_are_hidden() {
    let server = RunningServer::start(|_| {}).await;
    let addr = server.addr;
    let room = clustered_workshop(addr, &server, false).await;
    room.open_theme_vote(addr).await;
    // While Bo's notes show, their words are the room's to see: the name is shown.
    let before = room.participant_vote(addr, &room.anna).await;
    assert!(lower(&before).contains(SECRET), "a name from visible notes was withheld: {before}");

    for note_id in &room.bo_notes {
        room.hide(addr, note_id).await;
    }
    numbers_the_secret_theme(&room.participant_vote(addr, &room.anna).await, "Anna's board");
    numbers_the_secret_theme(&room.staff_vote(addr, "get_presenter_board").await, "the presenter board");
    let snapshot = heard(&mut room.presenter_socket(addr).await).await;
    assert!(
        snapshot.contains("snapshot") && !snapshot.contains(SECRET),
        "the projector's catch-up: {snapshot}"
    );
    assert!(lower(&room.staff_vote(addr, "get_facilitator_board").await).contains(SECRET));
}

#[tokio::test]
async fn during_private_writing_the_room_sees_every_clustered_theme_by_its_number() {
    let server = RunningServer::start(|_| {}).await;
    let addr = server.addr;
    let room = clustered_workshop(addr, &server, true).await;
    let mut anna_socket = room.anna_socket(addr).await;
    drain(&mut anna_socket, WAIT).await;

    room.open_theme_vote(addr).await;
    let heard = heard(&mut anna_socket).await;
    assert!(heard.contains("vote_opened") && !heard.contains(SECRET), "Anna heard: {heard}");
    let vote = room.participant_vote(addr, &room.anna).await;
    // Nobody's notes are the room's to see, Anna's own included: no engine name is.
    assert!(labels(&vote).iter().all(Option::is_none), "a name reached the room: {vote}");
    let projected = room.room_themes(addr).await;
    let names: Vec<&Value> = projected.as_array().unwrap().iter().map(|theme| &theme["name"]).collect();
    assert!(
        names.iter().all(|name| name.is_null() || name == &""),
        "the projector named a theme: {projected}"
    );
    assert!(room.facilitator_themes(addr).await.contains(SECRET), "the facilitator lost the name");
}

#[tokio::test]
async fn a_name_the_facilitator_gave_is_shown_to_the_room_whatever_the_notes_say() {
    let server = RunningServer::start(|_| {}).await;
    let addr = server.addr;
    let room = clustered_workshop(addr, &server, true).await;
    let form = [("workshop_id", room.workshop.id.as_str())];
    let themes = call(addr, "get_themes", &form, &room.workshop.facilitator).await.json;
    let secret_theme = themes
        .as_array()
        .unwrap()
        .iter()
        .find(|theme| theme["name"].as_str().is_some_and(|name| name.to_lowercase().contains(SECRET)))
        .expect("the secret theme");
    let renamed = [("theme_id", secret_theme["id"].as_str().unwrap()), ("name", "Delade konton")];
    assert_eq!(call(addr, "rename_theme", &renamed, &room.workshop.facilitator).await.status, 200);

    room.open_theme_vote(addr).await;
    let vote = room.participant_vote(addr, &room.anna).await;
    assert!(
        labels(&vote).contains(&Some("delade konton".into())),
        "the facilitator's name was withheld: {vote}"
    );
    let projected = lower(&room.room_themes(addr).await);
    assert!(
        projected.contains("delade konton"),
        "the projector withheld the facilitator's name: {projected}"
    );
}
