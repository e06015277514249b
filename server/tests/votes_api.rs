//! +1 on notes and dot voting, through the server functions on a real SQLite file: the
//! rules hold on the server, refused requests store nothing, and board snapshots carry the
//! counts a (re)connecting page needs.

mod common;

use app::model::ids::WorkshopId;
use axum::http::StatusCode;
use common::{Browser, TestApp};
use serde_json::Value;
use uuid::Uuid;

/// A workshop with a facilitator and two participants, Anna (who wrote two notes) and Bo.
struct Room {
    facilitator: Browser,
    anna: Browser,
    bo: Browser,
    workshop_id: String,
    code: String,
    notes: Vec<String>,
}

async fn room(app: &TestApp) -> Room {
    let mut facilitator = Browser::default();
    let (_, workshop_id, code) = app.round_with_workshop(&mut facilitator).await;
    let (mut anna, mut bo) = (Browser::default(), Browser::default());
    app.join(&mut anna, &code, "Anna", "").await;
    app.join(&mut bo, &code, "Bo", "").await;
    let mut notes = Vec::new();
    for text in ["Gemensam e-legitimation för medarbetare", "Öppna geodata för kommunerna"] {
        let note = app.add_note(&mut anna, &workshop_id, text).await;
        assert_eq!(note.status, StatusCode::OK, "{}", note.text);
        notes.push(note.json["id"].as_str().unwrap().to_string());
    }
    Room { facilitator, anna, bo, workshop_id, code, notes }
}

async fn support(app: &TestApp, who: &mut Browser, note_id: &str, on: bool) -> common::Reply {
    app.call(who, "support_note", &[("note_id", note_id), ("supported", if on { "true" } else { "false" })])
        .await
}

async fn open_vote(
    app: &TestApp,
    who: &mut Browser,
    workshop_id: &str,
    target: &str,
    dots: &str,
) -> common::Reply {
    app.call(who, "open_vote", &[("workshop_id", workshop_id), ("target", target), ("dots", dots)]).await
}

async fn give(app: &TestApp, who: &mut Browser, vote_id: &str, target_id: &str) -> common::Reply {
    app.call(who, "give_dot", &[("vote_id", vote_id), ("target_id", target_id)]).await
}

async fn take_back(app: &TestApp, who: &mut Browser, vote_id: &str, target_id: &str) -> common::Reply {
    app.call(who, "take_back_dot", &[("vote_id", vote_id), ("target_id", target_id)]).await
}

/// The note with `id` on the board as `viewer` (a participant) sees it.
async fn board_note(app: &TestApp, viewer: &mut Browser, code: &str, id: &str) -> Value {
    app.notes(viewer, code).await.into_iter().find(|n| n["id"] == id).expect("note on the board")
}

/// The facilitator's board snapshot.
async fn facilitator_board(app: &TestApp, room: &mut Room) -> Value {
    let reply =
        app.call(&mut room.facilitator, "get_facilitator_board", &[("workshop_id", &room.workshop_id)]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    reply.json["board"].clone()
}

#[tokio::test]
async fn a_plus_one_counts_once_shows_on_every_board_and_can_be_taken_back() {
    let app = TestApp::new().await;
    let mut room = room(&app).await;
    let note = room.notes[0].clone();

    for _ in 0..2 {
        let reply = support(&app, &mut room.bo, &note, true).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        assert_eq!(
            (reply.json["supporters"].as_i64(), reply.json["supported_by_me"].as_bool()),
            (Some(1), Some(true))
        );
    }
    let seen_by_bo = board_note(&app, &mut room.bo, &room.code, &note).await;
    assert_eq!(
        (seen_by_bo["supporters"].as_i64(), seen_by_bo["supported_by_me"].as_bool()),
        (Some(1), Some(true))
    );
    let seen_by_anna = board_note(&app, &mut room.anna, &room.code, &note).await;
    assert_eq!(
        (seen_by_anna["supporters"].as_i64(), seen_by_anna["supported_by_me"].as_bool()),
        (Some(1), Some(false))
    );
    let board = facilitator_board(&app, &mut room).await;
    assert_eq!(board["notes"][0]["supporters"], 1);
    assert_eq!(board["notes"][1]["supporters"], 0);

    let back = support(&app, &mut room.bo, &note, false).await;
    assert_eq!(
        (back.json["supporters"].as_i64(), back.json["supported_by_me"].as_bool()),
        (Some(0), Some(false))
    );
    assert_eq!(board_note(&app, &mut room.bo, &room.code, &note).await["supporters"], 0);

    // Exactly one event per real change (the repeat recorded none), carrying the new count.
    let workshop_id = room.workshop_id.parse::<WorkshopId>().unwrap();
    let counts: Vec<i64> = app
        .state
        .service
        .store()
        .events_since(workshop_id, 0)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|stored| match stored.event.change {
            app::model::live::Change::NoteSupported { supporters, .. } => Some(supporters),
            _ => None,
        })
        .collect();
    assert_eq!(counts, vec![1, 0]);
}

#[tokio::test]
async fn own_notes_strangers_locked_boards_and_unknown_notes_get_no_plus_one() {
    let app = TestApp::new().await;
    let mut room = room(&app).await;
    let note = room.notes[0].clone();

    let own = support(&app, &mut room.anna, &note, true).await;
    assert_eq!((own.status, own.error()), (StatusCode::FORBIDDEN, "own_note"));
    assert!(own.json["message"].as_str().unwrap().contains("own note"), "{}", own.text);

    let mut stranger = Browser::default();
    let no_cookie = support(&app, &mut stranger, &note, true).await;
    assert_eq!((no_cookie.status, no_cookie.error()), (StatusCode::UNAUTHORIZED, "not_joined"));
    // A browser that joined another workshop is still a stranger here.
    let mut other_facilitator = Browser::default();
    let (_, _, other_code) = app.round_with_workshop(&mut other_facilitator).await;
    app.join(&mut stranger, &other_code, "Cia", "").await;
    let elsewhere = support(&app, &mut stranger, &note, true).await;
    assert_eq!((elsewhere.status, elsewhere.error()), (StatusCode::UNAUTHORIZED, "not_joined"));

    let unknown = support(&app, &mut room.bo, &Uuid::new_v4().to_string(), true).await;
    assert_eq!((unknown.status, unknown.error()), (StatusCode::NOT_FOUND, "not_found"));

    let lock = app
        .call(
            &mut room.facilitator,
            "set_workshop_locked",
            &[("workshop_id", &room.workshop_id), ("locked", "true")],
        )
        .await;
    assert_eq!(lock.status, StatusCode::OK);
    let locked = support(&app, &mut room.bo, &note, true).await;
    assert_eq!((locked.status, locked.error()), (StatusCode::CONFLICT, "workshop_locked"));

    assert_eq!(board_note(&app, &mut room.bo, &room.code, &note).await["supporters"], 0, "nothing stored");
}

#[tokio::test]
async fn dots_cannot_be_overspent_and_a_refused_dot_stores_nothing() {
    let app = TestApp::new().await;
    let mut room = room(&app).await;
    let (first, second) = (room.notes[0].clone(), room.notes[1].clone());
    let opened = open_vote(&app, &mut room.facilitator, &room.workshop_id, "notes", "2").await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.text);
    let vote_id = opened.json["id"].as_str().unwrap().to_string();

    // Two dots on the same note are allowed; a third anywhere is not.
    for expected in [1, 2] {
        let dot = give(&app, &mut room.bo, &vote_id, &first).await;
        assert_eq!(dot.status, StatusCode::OK, "{}", dot.text);
        assert_eq!(dot.json["dots"][&first], expected);
    }
    let third = give(&app, &mut room.bo, &vote_id, &second).await;
    assert_eq!((third.status, third.error()), (StatusCode::CONFLICT, "no_dots_left"));
    assert!(third.json["message"].as_str().unwrap().contains("all your 2 dots"), "{}", third.text);

    let board = facilitator_board(&app, &mut room).await;
    assert_eq!(board["vote"]["tallies"][&first], 2);
    assert!(board["vote"]["tallies"].get(&second).is_none(), "the refused dot left no trace");
    assert_eq!(board["vote"]["my_dots"], serde_json::json!({}), "a facilitator has no dots");

    // Taking one back frees it for another note.
    let back = take_back(&app, &mut room.bo, &vote_id, &first).await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.text);
    assert_eq!(back.json["dots"][&first], 1);
    assert_eq!(give(&app, &mut room.bo, &vote_id, &second).await.status, StatusCode::OK);
    // Taking back a dot that is not there changes nothing.
    let nothing = take_back(&app, &mut room.bo, &vote_id, &Uuid::new_v4().to_string()).await;
    assert_eq!(nothing.status, StatusCode::OK);
    assert_eq!(nothing.json["dots"], serde_json::json!({ first.clone(): 1, second.clone(): 1 }));

    // Anna's own note is fair game in a vote, and her dots are her own.
    assert_eq!(give(&app, &mut room.anna, &vote_id, &first).await.status, StatusCode::OK);

    let board = app.call(&mut room.bo, "get_board", &[("code", &room.code)]).await;
    let vote = &board.json["vote"];
    assert_eq!((vote["open"].as_bool(), vote["dots_per_participant"].as_i64()), (Some(true), Some(2)));
    assert_eq!(vote["tallies"], serde_json::json!({ first.clone(): 2, second.clone(): 1 }));
    assert_eq!(vote["my_dots"], serde_json::json!({ first.clone(): 1, second.clone(): 1 }));

    let workshop_id = room.workshop_id.parse::<WorkshopId>().unwrap();
    let totals = app.state.service.store().dot_totals(workshop_id).await.unwrap();
    assert_eq!(totals.get(&first.parse().unwrap()), Some(&2));
    assert_eq!(totals.get(&second.parse().unwrap()), Some(&1));
}

#[tokio::test]
async fn simultaneous_dots_never_exceed_the_limit() {
    let app = TestApp::new().await;
    let mut room = room(&app).await;
    let opened = open_vote(&app, &mut room.facilitator, &room.workshop_id, "notes", "3").await;
    let vote_id = opened.json["id"].as_str().unwrap().to_string();
    let target = room.notes[1].clone();
    let attempts = (0..8).map(|_| {
        let mut bo = room.bo.clone();
        let (app, vote_id, target) = (&app, vote_id.clone(), target.clone());
        async move { give(app, &mut bo, &vote_id, &target).await.status }
    });
    let statuses = futures_util::future::join_all(attempts).await;
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::OK).count(), 3, "{statuses:?}");
    assert!(statuses.iter().all(|s| *s == StatusCode::OK || *s == StatusCode::CONFLICT), "{statuses:?}");
    let board = facilitator_board(&app, &mut room).await;
    assert_eq!(board["vote"]["tallies"][&target], 3);
}

#[tokio::test]
async fn closed_votes_strangers_foreign_targets_and_second_votes_are_refused() {
    let app = TestApp::new().await;
    let mut room = room(&app).await;
    let note = room.notes[0].clone();

    for dots in ["0", "21"] {
        let bad = open_vote(&app, &mut room.facilitator, &room.workshop_id, "notes", dots).await;
        assert_eq!((bad.status, bad.error()), (StatusCode::BAD_REQUEST, "invalid"), "{dots}");
    }
    let by_participant = open_vote(&app, &mut room.bo, &room.workshop_id, "notes", "3").await;
    assert_eq!(by_participant.status, StatusCode::UNAUTHORIZED);
    let opened = open_vote(&app, &mut room.facilitator, &room.workshop_id, "notes", "3").await;
    let vote_id = opened.json["id"].as_str().unwrap().to_string();
    let second = open_vote(&app, &mut room.facilitator, &room.workshop_id, "notes", "3").await;
    assert_eq!((second.status, second.error()), (StatusCode::CONFLICT, "vote_already_open"));

    let mut stranger = Browser::default();
    let refused = give(&app, &mut stranger, &vote_id, &note).await;
    assert_eq!((refused.status, refused.error()), (StatusCode::UNAUTHORIZED, "not_joined"));
    let mut other_facilitator = Browser::default();
    let (_, other_workshop, other_code) = app.round_with_workshop(&mut other_facilitator).await;
    app.join(&mut stranger, &other_code, "", "").await;
    let foreign_note = app.add_note(&mut stranger, &other_workshop, "Lapp i en annan workshop").await;
    let foreign_note = foreign_note.json["id"].as_str().unwrap().to_string();
    let foreign = give(&app, &mut room.bo, &vote_id, &foreign_note).await;
    assert_eq!((foreign.status, foreign.error()), (StatusCode::NOT_FOUND, "not_found"));
    let stranger_dot = give(&app, &mut stranger, &vote_id, &note).await;
    assert_eq!(stranger_dot.status, StatusCode::UNAUTHORIZED, "joined elsewhere is not joined here");

    assert_eq!(give(&app, &mut room.bo, &vote_id, &note).await.status, StatusCode::OK);
    let by_bo = app.call(&mut room.bo, "close_vote", &[("vote_id", &vote_id)]).await;
    assert_eq!(by_bo.status, StatusCode::UNAUTHORIZED);
    let closed = app.call(&mut room.facilitator, "close_vote", &[("vote_id", &vote_id)]).await;
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.text);
    let late = give(&app, &mut room.bo, &vote_id, &note).await;
    assert_eq!((late.status, late.error()), (StatusCode::CONFLICT, "vote_closed"));
    let late_back = take_back(&app, &mut room.bo, &vote_id, &note).await;
    assert_eq!((late_back.status, late_back.error()), (StatusCode::CONFLICT, "vote_closed"));

    // The results stay on the board after closing, and a new vote may start.
    let board = facilitator_board(&app, &mut room).await;
    assert_eq!(
        (board["vote"]["open"].as_bool(), board["vote"]["tallies"][&note].as_i64()),
        (Some(false), Some(1))
    );
    let next = open_vote(&app, &mut room.facilitator, &room.workshop_id, "notes", "1").await;
    assert_eq!(next.status, StatusCode::OK, "{}", next.text);

    // A locked workshop takes no dots.
    let next_id = next.json["id"].as_str().unwrap().to_string();
    app.call(
        &mut room.facilitator,
        "set_workshop_locked",
        &[("workshop_id", &room.workshop_id), ("locked", "true")],
    )
    .await;
    let locked = give(&app, &mut room.bo, &next_id, &note).await;
    assert_eq!((locked.status, locked.error()), (StatusCode::CONFLICT, "workshop_locked"));
}

#[tokio::test]
async fn theme_votes_need_themes_and_take_dots_only_on_them() {
    let app = TestApp::new().await;
    let mut room = room(&app).await;
    let none = open_vote(&app, &mut room.facilitator, &room.workshop_id, "themes", "3").await;
    assert_eq!((none.status, none.error()), (StatusCode::CONFLICT, "no_themes_to_vote_on"));

    for text in [
        "Gemensam e-legitimation för all personal",
        "Enklare e-legitimation för medarbetare",
        "Öppna geodata om fastigheter",
        "Geodata i ett gemensamt öppet format",
        "Journaldata behöver delas mellan regioner",
        "Dela journaldata mellan region och kommun",
    ] {
        app.add_note(&mut room.bo, &room.workshop_id, text).await;
    }
    let themes = app
        .call(
            &mut room.facilitator,
            "run_clustering",
            &[("workshop_id", &room.workshop_id), ("granularity", "0.5")],
        )
        .await;
    assert_eq!(themes.status, StatusCode::OK, "{}", themes.text);
    let named: Vec<(String, String)> = themes
        .json
        .as_array()
        .unwrap()
        .iter()
        .filter(|theme| theme["unsorted"] == false)
        .map(|theme| (theme["id"].as_str().unwrap().to_string(), theme["name"].as_str().unwrap().to_string()))
        .collect();
    assert!(!named.is_empty(), "{}", themes.text);

    let opened = open_vote(&app, &mut room.facilitator, &room.workshop_id, "themes", "3").await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.text);
    let options: Vec<(String, String)> = opened.json["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["id"].as_str().unwrap().to_string(), o["label"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(options, named, "the vote offers the named themes, with their names");
    let vote_id = opened.json["id"].as_str().unwrap().to_string();

    assert_eq!(give(&app, &mut room.bo, &vote_id, &named[0].0).await.status, StatusCode::OK);
    let on_a_note = give(&app, &mut room.bo, &vote_id, &room.notes[0]).await;
    assert_eq!((on_a_note.status, on_a_note.error()), (StatusCode::NOT_FOUND, "not_found"));
    let board = app.call(&mut room.bo, "get_board", &[("code", &room.code)]).await;
    assert_eq!(board.json["vote"]["target"], "themes");
    assert_eq!(board.json["vote"]["tallies"][&named[0].0], 1);
}
