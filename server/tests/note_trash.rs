//! A note the facilitator deletes leaves every board at once and waits in the workshop's
//! trash: the facilitator restores it with its place in the themes and its +1s, the audit
//! log says who did what, participants can neither see nor restore it, a participant's
//! deletion of their own note is final, and the round's purge empties the trash.

mod common;

use axum::http::StatusCode;
use common::{Browser, TestApp};
use serde_json::Value;

const NOTES: &[&str] = &[
    "Digital brevlåda för alla medborgare och företag",
    "Myndighetspost till digital brevlåda i stället för papper",
    "Fler ska ansluta sig till en digital brevlåda",
    "Vägledning om molntjänster och CLOUD Act",
    "Kan vi använda amerikanska molntjänster trots CLOUD Act?",
    "Riskbedömning av molntjänster med hänsyn till CLOUD Act",
];

/// A clustered workshop with [`NOTES`]; (facilitator, participant, round id, workshop id,
/// join code).
async fn workshop(app: &TestApp) -> (Browser, Browser, String, String, String) {
    let mut facilitator = Browser::default();
    let (round_id, workshop_id, code) = app.round_with_workshop(&mut facilitator).await;
    let mut participant = Browser::default();
    app.join(&mut participant, &code, "Anna", "Region Syd").await;
    for text in NOTES {
        assert_eq!(app.add_note(&mut participant, &workshop_id, text).await.status, StatusCode::OK);
    }
    let run = app.cluster(&mut facilitator, &workshop_id, "0.5", Some("0.5")).await;
    assert_eq!(run.status, StatusCode::OK, "{}", run.text);
    (facilitator, participant, round_id, workshop_id, code)
}

async fn note_id(app: &TestApp, viewer: &mut Browser, code: &str, text: &str) -> String {
    let notes = app.notes(viewer, code).await;
    notes.iter().find(|n| n["text"] == text).unwrap()["id"].as_str().unwrap().to_string()
}

/// (theme id, need id) holding `note`, if any.
async fn place(
    app: &TestApp,
    facilitator: &mut Browser,
    workshop_id: &str,
    note: &str,
) -> Option<(Value, Value)> {
    let themes = app.call(facilitator, "get_themes", &[("workshop_id", workshop_id)]).await.json;
    themes.as_array().unwrap().iter().find_map(|theme| {
        let needs = theme["needs"].as_array()?;
        let need =
            needs.iter().find(|need| need["note_ids"].as_array().unwrap().iter().any(|id| id == note))?;
        Some((theme["id"].clone(), need["id"].clone()))
    })
}

async fn audit_actions(app: &TestApp, facilitator: &mut Browser, round_id: &str) -> Vec<Value> {
    let state = app.call(facilitator, "get_retention", &[("round_id", round_id)]).await;
    assert_eq!(state.status, StatusCode::OK, "{}", state.text);
    state.json["log"].as_array().unwrap().clone()
}

#[tokio::test]
async fn a_deleted_note_is_restored_with_its_place_and_its_plus_ones_and_the_log_says_who() {
    let app = TestApp::new().await;
    let (mut facilitator, mut participant, round_id, workshop_id, code) = workshop(&app).await;
    let note = note_id(&app, &mut participant, &code, NOTES[1]).await;
    let mut bo = Browser::default();
    app.join(&mut bo, &code, "Bo", "Kommunen").await;
    let plus = app.call(&mut bo, "support_note", &[("note_id", &note), ("supported", "true")]).await;
    assert_eq!(plus.status, StatusCode::OK, "{}", plus.text);
    let before = place(&app, &mut facilitator, &workshop_id, &note).await.expect("the note is in a need");

    let deleted =
        app.call(&mut facilitator, "moderate_note", &[("note_id", &note), ("action", "delete")]).await;
    assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.text);
    for viewer in [&mut participant, &mut bo] {
        assert!(app.notes(viewer, &code).await.iter().all(|n| n["id"] != note.as_str()), "gone for everyone");
    }
    let trash = app.call(&mut facilitator, "get_deleted_notes", &[("workshop_id", &workshop_id)]).await;
    assert_eq!(trash.status, StatusCode::OK, "{}", trash.text);
    assert_eq!(trash.json[0]["id"], note.as_str());
    assert_eq!(trash.json[0]["text"], NOTES[1]);
    let facilitator_email = trash.json[0]["deleted_by"].as_str().unwrap().to_string();
    assert!(facilitator_email.contains('@'), "{}", trash.text);
    let peek = app.call(&mut participant, "get_deleted_notes", &[("workshop_id", &workshop_id)]).await;
    assert_eq!(peek.status, StatusCode::UNAUTHORIZED, "participants never see the trash");
    let steal = app.call(&mut participant, "restore_note", &[("note_id", &note)]).await;
    assert_eq!(steal.status, StatusCode::UNAUTHORIZED);

    let restored = app.call(&mut facilitator, "restore_note", &[("note_id", &note)]).await;
    assert_eq!(restored.status, StatusCode::OK, "{}", restored.text);
    let back = app.notes(&mut participant, &code).await;
    let back = back.iter().find(|n| n["id"] == note.as_str()).expect("back on the participant's board");
    assert_eq!((back["text"].as_str(), back["supporters"].as_i64()), (Some(NOTES[1]), Some(1)), "{back}");
    assert_eq!(back["mine"], true, "still the author's own note");
    assert_eq!(place(&app, &mut facilitator, &workshop_id, &note).await, Some(before), "in its need again");
    let trash = app.call(&mut facilitator, "get_deleted_notes", &[("workshop_id", &workshop_id)]).await;
    assert_eq!(trash.json, serde_json::json!([]), "the trash is empty again");
    let twice = app.call(&mut facilitator, "restore_note", &[("note_id", &note)]).await;
    assert_eq!(twice.status, StatusCode::NOT_FOUND, "a note is restored once");

    let log = audit_actions(&app, &mut facilitator, &round_id).await;
    let acts: Vec<(&str, &str)> = log
        .iter()
        .map(|entry| (entry["detail"]["action"].as_str().unwrap(), entry["actor"].as_str().unwrap()))
        .collect();
    assert_eq!(
        acts[..2],
        [("note_restored", facilitator_email.as_str()), ("note_deleted", facilitator_email.as_str())],
        "newest first: {log:#?}"
    );
    assert_eq!(log[0]["detail"]["note_id"], note.as_str());
    assert!(!serde_json::to_string(&log).unwrap().contains("papper"), "the log keeps no note text");
}

#[tokio::test]
async fn another_facilitator_cannot_restore_a_participants_own_deletion_is_final_and_a_purge_empties_the_trash()
 {
    let app = TestApp::new().await;
    let (mut facilitator, mut participant, round_id, workshop_id, code) = workshop(&app).await;
    let moderated = note_id(&app, &mut participant, &code, NOTES[3]).await;
    let own = note_id(&app, &mut participant, &code, NOTES[4]).await;
    app.call(&mut facilitator, "moderate_note", &[("note_id", &moderated), ("action", "delete")]).await;
    let gone = app.call(&mut participant, "delete_note", &[("note_id", &own)]).await;
    assert_eq!(gone.status, StatusCode::OK, "{}", gone.text);
    let trash = app.call(&mut facilitator, "get_deleted_notes", &[("workshop_id", &workshop_id)]).await;
    let ids: Vec<&str> = trash.json.as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [moderated.as_str()], "the author's own deletion is final");
    let final_ = app.call(&mut facilitator, "restore_note", &[("note_id", &own)]).await;
    assert_eq!(final_.status, StatusCode::NOT_FOUND);

    let mut stranger = Browser::default();
    app.round_with_workshop(&mut stranger).await;
    let foreign = app.call(&mut stranger, "restore_note", &[("note_id", &moderated)]).await;
    assert!(
        foreign.status == StatusCode::FORBIDDEN || foreign.status == StatusCode::NOT_FOUND,
        "{}",
        foreign.text
    );

    let archive = app.get(&mut facilitator, &format!("/archive/rounds/{round_id}")).await;
    assert_eq!(archive.status, StatusCode::OK);
    let purged = app.call(&mut facilitator, "purge_round", &[("round_id", &round_id)]).await;
    assert_eq!(purged.status, StatusCode::OK, "{}", purged.text);
    let trash = app.call(&mut facilitator, "get_deleted_notes", &[("workshop_id", &workshop_id)]).await;
    assert_eq!(trash.json, serde_json::json!([]), "the purge empties the trash");
    let late = app.call(&mut facilitator, "restore_note", &[("note_id", &moderated)]).await;
    assert_eq!(late.status, StatusCode::NOT_FOUND);
}
