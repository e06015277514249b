//! Data protection: the retention date, the archive that must come first, the purge with
//! its audit entry, and anonymous workshops that record notes by organisation.

mod common;

use axum::http::StatusCode;
use common::{Browser, TestApp};

#[tokio::test]
async fn a_round_is_purged_only_after_a_current_archive_and_the_purge_is_logged() {
    let app = TestApp::new().await;
    let mut facilitator = Browser::default();
    let (round_id, workshop_id, code) = app.round_with_workshop(&mut facilitator).await;
    let mut participant = Browser::default();
    app.join(&mut participant, &code, "Anna", "Region Syd").await;
    app.add_note(&mut participant, &workshop_id, "Journaldata behöver delas").await;

    let stranger = app.call(&mut participant, "purge_round", &[("round_id", &round_id)]).await;
    assert_eq!(stranger.status, StatusCode::UNAUTHORIZED);
    let too_early = app.call(&mut facilitator, "purge_round", &[("round_id", &round_id)]).await;
    assert_eq!(too_early.status, StatusCode::CONFLICT, "no archive yet: {}", too_early.text);
    assert_eq!(too_early.json["error"], "archive_first");

    let archive = app.get(&mut facilitator, &format!("/archive/rounds/{round_id}")).await;
    assert_eq!(archive.status, StatusCode::OK);
    assert_eq!(archive.json["notes"][0]["text"], "Journaldata behöver delas");
    let refused = app.get(&mut participant, &format!("/archive/rounds/{round_id}")).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);

    // A note written after the archive makes it stale again.
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    app.add_note(&mut participant, &workshop_id, "Senare lapp").await;
    let stale = app.call(&mut facilitator, "purge_round", &[("round_id", &round_id)]).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(app.notes(&mut participant, &code).await.len(), 2, "nothing deleted");

    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    app.get(&mut facilitator, &format!("/archive/rounds/{round_id}")).await;
    let purged = app.call(&mut facilitator, "purge_round", &[("round_id", &round_id)]).await;
    assert_eq!(purged.status, StatusCode::OK, "{}", purged.text);
    let board = app.call(&mut facilitator, "get_facilitator_board", &[("workshop_id", &workshop_id)]).await;
    assert_eq!(board.status, StatusCode::OK, "{}", board.text);
    assert!(board.json["board"]["notes"].as_array().unwrap().is_empty(), "the notes are gone");
    assert_eq!(board.json["participant_count"], 0, "and the participants");

    let state = app.call(&mut facilitator, "get_retention", &[("round_id", &round_id)]).await.json;
    assert!(state["purged_at"].is_string());
    let log = state["log"].as_array().unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e["detail"]["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["purge", "archive", "archive"], "newest first");
    assert_eq!(
        (log[0]["detail"]["notes"].as_i64(), log[0]["detail"]["participants"].as_i64()),
        (Some(2), Some(1))
    );
    let round = app.call(&mut facilitator, "get_round", &[("round_id", &round_id)]).await.json;
    assert_eq!(round["workshops"][0]["state"], "locked", "the workshops stay, locked and empty");
}

#[tokio::test]
async fn the_retention_date_is_validated_logged_and_flags_an_overdue_round() {
    let app = TestApp::new().await;
    let mut facilitator = Browser::default();
    let (round_id, ..) = app.round_with_workshop(&mut facilitator).await;
    let bad = app
        .call(&mut facilitator, "set_retention", &[("round_id", &round_id), ("retain_until", "2026-02-30")])
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let mut participant = Browser::default();
    let refused = app
        .call(&mut participant, "set_retention", &[("round_id", &round_id), ("retain_until", "2030-01-01")])
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);

    let past = app
        .call(&mut facilitator, "set_retention", &[("round_id", &round_id), ("retain_until", "2020-06-30")])
        .await;
    assert_eq!(past.status, StatusCode::OK, "{}", past.text);
    let state = app.call(&mut facilitator, "get_retention", &[("round_id", &round_id)]).await.json;
    assert_eq!(state["retain_until"], "2020-06-30");
    assert_eq!(state["overdue"], true);
    assert_eq!(state["log"][0]["detail"]["action"], "retention");
    assert_eq!(state["log"][0]["detail"]["retain_until"], "2020-06-30");

    app.call(&mut facilitator, "set_retention", &[("round_id", &round_id), ("retain_until", "2099-12-31")])
        .await;
    let state = app.call(&mut facilitator, "get_retention", &[("round_id", &round_id)]).await.json;
    assert_eq!(state["overdue"], false);
}

#[tokio::test]
async fn an_anonymous_workshop_does_not_store_names() {
    let app = TestApp::new().await;
    let mut facilitator = Browser::default();
    let (_, workshop_id, code) = app.round_with_workshop(&mut facilitator).await;
    app.call(&mut facilitator, "set_anonymous", &[("workshop_id", &workshop_id), ("on", "true")]).await;
    let mut participant = Browser::default();
    let joined = app.join(&mut participant, &code, "Anna Andersson", "Region Syd").await;
    assert_eq!(joined.status, StatusCode::OK, "{}", joined.text);
    assert!(joined.json["display_name"].is_null(), "the name is not stored");
    assert_eq!(joined.json["organisation"], "Region Syd");
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM participants WHERE display_name IS NOT NULL")
        .fetch_one(&sqlx::AnyPool::connect(&common::stored_database_url(app.dir.path()).await).await.unwrap())
        .await
        .unwrap();
    assert_eq!(count, 0);
}
