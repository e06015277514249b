//! Themes of a workshop: clustering from the board, renaming and moving notes, and a
//! re-run that keeps what people decided.

mod common;

use std::collections::HashSet;

use axum::http::StatusCode;
use common::{Browser, TestApp};
use serde_json::Value;

const NOTES: &[&str] = &[
    "Journaldata behöver delas mellan regioner",
    "Dela journaldata mellan region och kommun",
    "Journaldata ska kunna delas säkert mellan regioner",
    "Gemensam e-legitimation för medarbetare",
    "E-legitimation för personal utan personnummer",
    "Enklare e-legitimation för alla medarbetare",
    "Öppna geodata för kommunerna",
    "Geodata om fastigheter via öppna API:er",
    "Öppna geodata i ett gemensamt format",
    "Bygglov digitalt från ansökan till beslut",
];

async fn workshop_with_notes(app: &TestApp) -> (Browser, Browser, String) {
    let (facilitator, participant, _, workshop_id) = app.workshop_with_notes("Anna", "", NOTES).await;
    (facilitator, participant, workshop_id)
}

fn theme_of<'a>(themes: &'a [Value], note_id: &str) -> &'a Value {
    themes
        .iter()
        .find(|theme| theme["note_ids"].as_array().unwrap().iter().any(|id| id == note_id))
        .expect("every note is in a theme")
}

#[tokio::test]
async fn clustering_puts_every_note_in_exactly_one_theme_and_only_facilitators_may_run_it() {
    let app = TestApp::new().await;
    let (mut facilitator, mut participant, workshop_id) = workshop_with_notes(&app).await;
    let refused = app
        .call(&mut participant, "run_clustering", &[("workshop_id", &workshop_id), ("granularity", "0.5")])
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    let bad = app
        .call(&mut facilitator, "run_clustering", &[("workshop_id", &workshop_id), ("granularity", "2")])
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);

    let run = app.cluster(&mut facilitator, &workshop_id, "0.5", None).await;
    assert_eq!(run.status, StatusCode::OK, "{}", run.text);
    let themes = app.call(&mut facilitator, "get_themes", &[("workshop_id", &workshop_id)]).await.json;
    let themes = themes.as_array().unwrap();
    let all: Vec<&Value> = themes.iter().flat_map(|t| t["note_ids"].as_array().unwrap()).collect();
    assert_eq!(all.len(), NOTES.len(), "every note once");
    assert_eq!(all.iter().collect::<HashSet<_>>().len(), NOTES.len());
    assert!(themes.iter().filter(|t| t["unsorted"] == false).count() >= 2, "{themes:?}");
    // Every theme has a name; the unsorted notes are named by each page in its language.
    assert!(
        themes.iter().filter(|t| t["unsorted"] == false).all(|t| !t["name"].as_str().unwrap().is_empty())
    );
}

#[tokio::test]
async fn renamed_themes_and_moved_notes_survive_a_rerun() {
    let app = TestApp::new().await;
    let (mut facilitator, _, workshop_id) = workshop_with_notes(&app).await;
    let first = app.cluster(&mut facilitator, &workshop_id, "0.5", None).await;
    let themes = first.json.as_array().unwrap().clone();
    let named = themes.iter().find(|t| t["unsorted"] == false).unwrap();
    let theme_id = named["id"].as_str().unwrap().to_string();

    let rename = app
        .call(&mut facilitator, "rename_theme", &[("theme_id", &theme_id), ("name", "Informationsdelning")])
        .await;
    assert_eq!(rename.status, StatusCode::OK, "{}", rename.text);
    let empty = app.call(&mut facilitator, "rename_theme", &[("theme_id", &theme_id), ("name", "  ")]).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);

    // Move a note from some other theme into the renamed one.
    let other_note = themes
        .iter()
        .filter(|t| t["id"] != theme_id.as_str())
        .flat_map(|t| t["note_ids"].as_array().unwrap())
        .next()
        .unwrap()
        .as_str()
        .unwrap()
        .to_string();
    let moved =
        app.call(&mut facilitator, "move_note", &[("note_id", &other_note), ("theme_id", &theme_id)]).await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);

    for granularity in ["0.5", "0.9", "0.1"] {
        let rerun = app.cluster(&mut facilitator, &workshop_id, granularity, None).await;
        assert_eq!(rerun.status, StatusCode::OK);
        let themes = app.call(&mut facilitator, "get_themes", &[("workshop_id", &workshop_id)]).await.json;
        let themes = themes.as_array().unwrap();
        let kept =
            themes.iter().find(|t| t["id"] == theme_id.as_str()).expect("the renamed theme keeps its id");
        assert_eq!(kept["name"], "Informationsdelning", "granularity {granularity}");
        assert_eq!(kept["name_locked"], true);
        assert_eq!(theme_of(themes, &other_note)["id"], theme_id.as_str(), "the moved note stays");
    }
}

#[tokio::test]
async fn renaming_a_theme_places_no_note_and_the_name_follows_its_notes_through_a_rerun() {
    let app = TestApp::new().await;
    let (mut facilitator, _, workshop_id) = workshop_with_notes(&app).await;
    let first = app.cluster(&mut facilitator, &workshop_id, "0.5", None).await;
    let named = first.json.as_array().unwrap().iter().find(|t| t["unsorted"] == false).unwrap().clone();
    let theme_id = named["id"].as_str().unwrap().to_string();
    let rename = app
        .call(&mut facilitator, "rename_theme", &[("theme_id", &theme_id), ("name", "Journaler och e-leg")])
        .await;
    assert_eq!(rename.status, StatusCode::OK, "{}", rename.text);
    let themes = app.call(&mut facilitator, "get_themes", &[("workshop_id", &workshop_id)]).await.json;
    let placed: Vec<&Value> =
        themes.as_array().unwrap().iter().flat_map(|t| t["pinned_note_ids"].as_array().unwrap()).collect();
    assert!(placed.is_empty(), "renaming marks no note as placed: {placed:?}");

    let rerun = app.cluster(&mut facilitator, &workshop_id, "0.5", None).await;
    assert_eq!(rerun.status, StatusCode::OK, "{}", rerun.text);
    let themes = app.call(&mut facilitator, "get_themes", &[("workshop_id", &workshop_id)]).await.json;
    let kept = themes
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == theme_id.as_str())
        .expect("the renamed theme continues");
    assert_eq!(kept["name"], "Journaler och e-leg");
    let notes = |theme: &Value| -> HashSet<String> {
        theme["note_ids"].as_array().unwrap().iter().map(|id| id.as_str().unwrap().to_string()).collect()
    };
    assert_eq!(notes(kept), notes(&named), "the same notes, so the same theme");
}

#[tokio::test]
async fn participants_cannot_rename_or_move() {
    let app = TestApp::new().await;
    let (mut facilitator, mut participant, workshop_id) = workshop_with_notes(&app).await;
    let themes = app.cluster(&mut facilitator, &workshop_id, "0.5", None).await;
    let theme_id = themes.json[0]["id"].as_str().unwrap().to_string();
    let note_id = themes.json[0]["note_ids"][0].as_str().unwrap().to_string();
    let rename =
        app.call(&mut participant, "rename_theme", &[("theme_id", &theme_id), ("name", "Kapat")]).await;
    assert_eq!(rename.status, StatusCode::UNAUTHORIZED);
    let moved =
        app.call(&mut participant, "move_note", &[("note_id", &note_id), ("theme_id", &theme_id)]).await;
    assert_eq!(moved.status, StatusCode::UNAUTHORIZED);
    let seen = app.call(&mut participant, "get_themes", &[("workshop_id", &workshop_id)]).await;
    assert_eq!(seen.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn themes_merge_notes_pin_and_changes_undo_in_order() {
    let app = TestApp::new().await;
    let (mut facilitator, _, workshop_id) = workshop_with_notes(&app).await;
    let nothing = app.call(&mut facilitator, "undo_themes", &[("workshop_id", &workshop_id)]).await;
    assert_eq!((nothing.status, nothing.error()), (StatusCode::CONFLICT, "nothing_to_undo"));

    let first = app.cluster(&mut facilitator, &workshop_id, "0.5", None).await.json;
    let named: Vec<&Value> = first.as_array().unwrap().iter().filter(|t| t["unsorted"] == false).collect();
    assert!(named.len() >= 2);
    let (kept, other) = (named[0]["id"].as_str().unwrap(), named[1]["id"].as_str().unwrap());
    let kept_before = named[0]["note_ids"].as_array().unwrap().len();
    let other_notes = named[1]["note_ids"].as_array().unwrap().len();

    let merged = app.call(&mut facilitator, "merge_themes", &[("kept", kept), ("other", other)]).await;
    assert_eq!(merged.status, StatusCode::OK, "{}", merged.text);
    let themes = app.call(&mut facilitator, "get_themes", &[("workshop_id", &workshop_id)]).await.json;
    let themes = themes.as_array().unwrap();
    assert!(themes.iter().all(|t| t["id"] != other), "the other theme is gone");
    let kept_now = themes.iter().find(|t| t["id"] == kept).unwrap();
    assert_eq!(kept_now["note_ids"].as_array().unwrap().len(), kept_before + other_notes);
    let itself = app.call(&mut facilitator, "merge_themes", &[("kept", kept), ("other", kept)]).await;
    assert_eq!(itself.status, StatusCode::BAD_REQUEST);

    let note = kept_now["note_ids"][0].as_str().unwrap().to_string();
    let unpin = app.call(&mut facilitator, "pin_note", &[("note_id", &note), ("pinned", "false")]).await;
    assert_eq!(unpin.status, StatusCode::OK, "{}", unpin.text);
    let themes = app.call(&mut facilitator, "get_themes", &[("workshop_id", &workshop_id)]).await.json;
    let pinned = &theme_of(themes.as_array().unwrap(), &note)["pinned_note_ids"];
    assert!(!pinned.as_array().unwrap().iter().any(|id| id == note.as_str()));

    // Undo the unpin, then the merge: back to the first clustering.
    for _ in 0..2 {
        let undo = app.call(&mut facilitator, "undo_themes", &[("workshop_id", &workshop_id)]).await;
        assert_eq!(undo.status, StatusCode::OK, "{}", undo.text);
    }
    let restored = app.call(&mut facilitator, "get_themes", &[("workshop_id", &workshop_id)]).await.json;
    let ids = |themes: &Value| themes.as_array().unwrap().iter().map(|t| t["id"].clone()).collect::<Vec<_>>();
    assert_eq!(ids(&restored), ids(&first), "the themes are as the first run left them");
    assert!(restored.as_array().unwrap().iter().any(|t| t["id"] == other));
}

#[tokio::test]
async fn a_theme_splits_in_two_and_keeps_every_note() {
    let app = TestApp::new().await;
    let (mut facilitator, _, workshop_id) = workshop_with_notes(&app).await;
    let first = app.cluster(&mut facilitator, &workshop_id, "0.5", None).await.json;
    let named: Vec<Value> =
        first.as_array().unwrap().iter().filter(|t| t["unsorted"] == false).cloned().collect();
    let [a, b, ..] = named.as_slice() else { panic!("two themes expected: {first}") };
    let merged = app
        .call(
            &mut facilitator,
            "merge_themes",
            &[("kept", a["id"].as_str().unwrap()), ("other", b["id"].as_str().unwrap())],
        )
        .await;
    assert_eq!(merged.status, StatusCode::OK);

    let split = app.call(&mut facilitator, "split_theme", &[("theme_id", a["id"].as_str().unwrap())]).await;
    assert_eq!(split.status, StatusCode::OK, "{}", split.text);
    let themes = app.call(&mut facilitator, "get_themes", &[("workshop_id", &workshop_id)]).await.json;
    let themes = themes.as_array().unwrap();
    assert_eq!(themes.len(), first.as_array().unwrap().len(), "merged then split: as many themes as before");
    let all: HashSet<&Value> = themes.iter().flat_map(|t| t["note_ids"].as_array().unwrap()).collect();
    assert_eq!(all.len(), NOTES.len(), "no note lost or doubled");
    let names: HashSet<&str> = themes.iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(names.len(), themes.len(), "every theme, both halves included, is named apart: {names:?}");

    let mut lonely_ws = Browser::default();
    let (_, lonely, code) = app.round_with_workshop(&mut lonely_ws).await;
    let mut participant = Browser::default();
    app.join(&mut participant, &code, "", "").await;
    app.add_note(&mut participant, &lonely, "Ensam lapp om journaldata").await;
    let themes = app.cluster(&mut lonely_ws, &lonely, "0.5", None).await.json;
    let only = themes[0]["id"].as_str().unwrap();
    let refused = app.call(&mut lonely_ws, "split_theme", &[("theme_id", only)]).await;
    assert!(
        refused.status == StatusCode::CONFLICT || refused.status == StatusCode::NOT_FOUND,
        "{}",
        refused.text
    );
}

#[tokio::test]
async fn a_locked_theme_keeps_its_name_and_notes_through_reruns_until_unlocked() {
    let app = TestApp::new().await;
    let (mut facilitator, mut participant, workshop_id) = workshop_with_notes(&app).await;
    app.cluster(&mut facilitator, &workshop_id, "0.5", None).await;
    let themes = app.call(&mut facilitator, "get_themes", &[("workshop_id", &workshop_id)]).await.json;
    let theme = themes.as_array().unwrap().iter().find(|t| t["unsorted"] == false).unwrap().clone();
    let theme_id = theme["id"].as_str().unwrap();

    let refused =
        app.call(&mut participant, "lock_theme", &[("theme_id", theme_id), ("locked", "true")]).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    let locked =
        app.call(&mut facilitator, "lock_theme", &[("theme_id", theme_id), ("locked", "true")]).await;
    assert_eq!(locked.status, StatusCode::OK, "{}", locked.text);
    // A note written after the lock, on every theme's subject: it may not join the locked one.
    app.add_note(&mut participant, &workshop_id, "Journaldata, geodata och e-legitimation ska delas").await;

    for granularity in ["0", "0.2", "1"] {
        app.cluster(&mut facilitator, &workshop_id, granularity, None).await;
        let after = app.call(&mut facilitator, "get_themes", &[("workshop_id", &workshop_id)]).await.json;
        let kept =
            after.as_array().unwrap().iter().find(|t| t["id"] == theme_id).expect("the locked theme stays");
        assert_eq!(kept["name"], theme["name"]);
        assert_eq!(kept["note_ids"], theme["note_ids"], "at granularity {granularity}");
        assert_eq!(kept["name_locked"], true);
    }

    let unlocked =
        app.call(&mut facilitator, "lock_theme", &[("theme_id", theme_id), ("locked", "false")]).await;
    assert_eq!(unlocked.status, StatusCode::OK);
    let after = app.call(&mut facilitator, "get_themes", &[("workshop_id", &workshop_id)]).await.json;
    let theme = after.as_array().unwrap().iter().find(|t| t["id"] == theme_id).unwrap();
    assert_eq!(theme["name_locked"], false);
    assert!(theme["pinned_note_ids"].as_array().unwrap().is_empty());
}
