//! The server functions of the foundation, called over the real router on a real SQLite file.

mod common;

use axum::http::StatusCode;
use common::{Browser, TestApp};

#[tokio::test]
async fn a_facilitator_creates_a_round_and_a_workshop_with_a_readable_code() {
    let app = TestApp::new().await;
    let mut facilitator = Browser::default();
    let (round_id, _, code) = app.round_with_workshop(&mut facilitator).await;

    assert_eq!(code.len(), 6);
    assert!(code.bytes().all(|b| app::model::JoinCode::ALPHABET.contains(&b)), "{code}");
    let rounds = app.call(&mut facilitator, "list_rounds", &[]).await;
    assert_eq!(rounds.json[0]["title"], "Våren 2026");
    assert_eq!(rounds.json[0]["workshop_count"], 1);

    let round = app.call(&mut facilitator, "get_round", &[("round_id", &round_id)]).await;
    assert_eq!(round.json["can_manage"], true);
    assert_eq!(round.json["workshops"][0]["title"], "Vård och omsorg");
    let mut stranger = Browser::default();
    let seen_by_stranger = app.call(&mut stranger, "get_round", &[("round_id", &round_id)]).await;
    assert_eq!(seen_by_stranger.status, StatusCode::UNAUTHORIZED, "rounds are for signed-in accounts");
}

#[tokio::test]
async fn only_the_rounds_facilitator_may_add_workshops_or_lock_them() {
    let app = TestApp::new().await;
    let mut facilitator = Browser::default();
    let (round_id, workshop_id, code) = app.round_with_workshop(&mut facilitator).await;
    let mut participant = Browser::default();
    app.join(&mut participant, &code, "", "").await;

    let add = app
        .call(
            &mut participant,
            "create_workshop",
            &[
                ("round_id", &round_id),
                ("title", "Intrång"),
                ("sector", "x"),
                ("held_on", ""),
                ("prompts", ""),
            ],
        )
        .await;
    assert_eq!(add.status, StatusCode::UNAUTHORIZED, "{}", add.text);
    let lock = app
        .call(&mut participant, "set_workshop_locked", &[("workshop_id", &workshop_id), ("locked", "true")])
        .await;
    assert_eq!(lock.status, StatusCode::UNAUTHORIZED);
    let board = app.call(&mut participant, "get_facilitator_board", &[("workshop_id", &workshop_id)]).await;
    assert_eq!(board.status, StatusCode::UNAUTHORIZED);

    let round = app.call(&mut facilitator, "get_round", &[("round_id", &round_id)]).await;
    assert_eq!(round.json["workshops"].as_array().unwrap().len(), 1, "nothing was added");
    assert_eq!(round.json["workshops"][0]["state"], "open", "still open");
}

#[tokio::test]
async fn workshop_input_is_validated_and_nothing_half_stored() {
    let app = TestApp::new().await;
    let mut facilitator = Browser::default();
    let (round_id, _, _) = app.round_with_workshop(&mut facilitator).await;
    for (title, sector, date, expected) in [
        ("", "Hälsa", "", "required"),
        ("Titel", "Hälsa", "2026-13-01", "invalid"),
        (&*"x".repeat(121), "Hälsa", "", "too_long"),
    ] {
        let reply = app
            .call(
                &mut facilitator,
                "create_workshop",
                &[
                    ("round_id", &round_id),
                    ("title", title),
                    ("sector", sector),
                    ("held_on", date),
                    ("prompts", ""),
                ],
            )
            .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.text);
        assert_eq!(reply.error(), expected);
        assert!(reply.json["message"].as_str().unwrap().len() > 5, "a readable message: {}", reply.text);
    }
    let round = app.call(&mut facilitator, "get_round", &[("round_id", &round_id)]).await;
    assert_eq!(round.json["workshops"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_participant_joins_by_typed_code_and_adds_a_note_exactly_once() {
    let app = TestApp::new().await;
    let mut facilitator = Browser::default();
    let (_, workshop_id, code) = app.round_with_workshop(&mut facilitator).await;
    let mut participant = Browser::default();

    let typed = format!(" {}-{} ", code[..3].to_lowercase(), &code[3..]);
    let joined = app.join(&mut participant, &typed, "Anna", "Region Uppsala").await;
    assert_eq!(joined.status, StatusCode::OK, "{}", joined.text);
    assert!(participant.cookie.is_some(), "joining gives the browser its device cookie");

    let note_id = uuid::Uuid::new_v4().to_string();
    let form = [
        ("workshop_id", workshop_id.as_str()),
        ("note_id", note_id.as_str()),
        ("text", "  Gemensam e-legitimation "),
    ];
    let first = app.call(&mut participant, "add_note", &form).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text);
    assert_eq!(first.json["text"], "Gemensam e-legitimation");
    assert_eq!(first.json["seq"], 2, "after the join (counted on the facilitator's board)");
    let resend = app.call(&mut participant, "add_note", &form).await;
    assert_eq!(resend.status, StatusCode::OK);
    assert_eq!(resend.json["seq"], 2, "a resend is the same note");

    let notes = app.notes(&mut participant, &code).await;
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["mine"], true);
    assert_eq!(notes[0]["author_name"], "Anna");

    let facilitator_view =
        app.call(&mut facilitator, "get_facilitator_board", &[("workshop_id", &workshop_id)]).await;
    assert_eq!(facilitator_view.json["board"]["notes"][0]["organisation"], "Region Uppsala");
    assert_eq!(facilitator_view.json["participant_count"], 1);
    assert_eq!(facilitator_view.json["join_url"], format!("http://klustra.test/join/{code}"));
}

#[tokio::test]
async fn bad_notes_get_clear_errors_and_store_nothing() {
    let app = TestApp::new().await;
    let mut facilitator = Browser::default();
    let (_, workshop_id, code) = app.round_with_workshop(&mut facilitator).await;
    let mut participant = Browser::default();

    let not_joined = app.add_note(&mut participant, &workshop_id, "hej").await;
    assert_eq!((not_joined.status, not_joined.error()), (StatusCode::UNAUTHORIZED, "not_joined"));

    app.join(&mut participant, &code, "", "").await;
    let empty = app.add_note(&mut participant, &workshop_id, " \n ").await;
    assert_eq!((empty.status, empty.error()), (StatusCode::BAD_REQUEST, "note_empty"));
    let long = app.add_note(&mut participant, &workshop_id, &"å".repeat(501)).await;
    assert_eq!((long.status, long.error()), (StatusCode::BAD_REQUEST, "too_long"));
    assert_eq!(long.json["max"], 500);
    let unknown = app.add_note(&mut participant, &uuid::Uuid::new_v4().to_string(), "hej").await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED, "{}", unknown.text);
    let malformed = app
        .call(
            &mut participant,
            "add_note",
            &[("workshop_id", &workshop_id), ("note_id", "not-a-uuid"), ("text", "hej")],
        )
        .await;
    assert_eq!((malformed.status, malformed.error()), (StatusCode::BAD_REQUEST, "malformed_request"));
    let missing = app.call(&mut participant, "add_note", &[("text", "hej")]).await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST, "{}", missing.text);

    let bad_code = app.join(&mut participant, "QQQ-QQQ", "", "").await;
    assert_eq!((bad_code.status, bad_code.error()), (StatusCode::NOT_FOUND, "unknown_code"));
    let ambiguous = app.join(&mut participant, "OOO-111", "", "").await;
    assert_eq!(ambiguous.status, StatusCode::NOT_FOUND);

    assert!(app.notes(&mut participant, &code).await.is_empty(), "nothing was stored");
}

#[tokio::test]
async fn nobody_edits_or_deletes_someone_elses_note() {
    let app = TestApp::new().await;
    let mut facilitator = Browser::default();
    let (_, workshop_id, code) = app.round_with_workshop(&mut facilitator).await;
    let (mut anna, mut bo) = (Browser::default(), Browser::default());
    app.join(&mut anna, &code, "Anna", "").await;
    app.join(&mut bo, &code, "Bo", "").await;
    let note = app.add_note(&mut anna, &workshop_id, "Annas lapp").await;
    let note_id = note.json["id"].as_str().unwrap().to_string();

    let edit = app.call(&mut bo, "edit_note", &[("note_id", &note_id), ("text", "kapad")]).await;
    assert_eq!((edit.status, edit.error()), (StatusCode::FORBIDDEN, "forbidden"));
    let delete = app.call(&mut bo, "delete_note", &[("note_id", &note_id)]).await;
    assert_eq!(delete.status, StatusCode::FORBIDDEN);
    let mut outsider = Browser::default();
    let outsider_delete = app.call(&mut outsider, "delete_note", &[("note_id", &note_id)]).await;
    assert_eq!(outsider_delete.status, StatusCode::UNAUTHORIZED);
    // Reusing someone else's note id does not overwrite their note.
    let hijack = app
        .call(&mut bo, "add_note", &[("workshop_id", &workshop_id), ("note_id", &note_id), ("text", "kapad")])
        .await;
    assert_eq!(hijack.status, StatusCode::FORBIDDEN, "{}", hijack.text);

    let notes = app.notes(&mut bo, &code).await;
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["text"], "Annas lapp");
    assert_eq!(notes[0]["mine"], false);

    let own_edit =
        app.call(&mut anna, "edit_note", &[("note_id", &note_id), ("text", "Annas nya lapp")]).await;
    assert_eq!(own_edit.status, StatusCode::OK, "{}", own_edit.text);
    assert!(own_edit.json["edited_at"].is_string());
    let own_delete = app.call(&mut anna, "delete_note", &[("note_id", &note_id)]).await;
    assert_eq!(own_delete.status, StatusCode::OK);
    assert!(app.notes(&mut anna, &code).await.is_empty());
}

#[tokio::test]
async fn a_locked_workshop_refuses_new_and_changed_notes() {
    let app = TestApp::new().await;
    let mut facilitator = Browser::default();
    let (_, workshop_id, code) = app.round_with_workshop(&mut facilitator).await;
    let mut participant = Browser::default();
    app.join(&mut participant, &code, "", "").await;
    let note = app.add_note(&mut participant, &workshop_id, "före låsning").await;
    let note_id = note.json["id"].as_str().unwrap().to_string();

    let lock = app
        .call(&mut facilitator, "set_workshop_locked", &[("workshop_id", &workshop_id), ("locked", "true")])
        .await;
    assert_eq!(lock.status, StatusCode::OK, "{}", lock.text);

    let add = app.add_note(&mut participant, &workshop_id, "efter låsning").await;
    assert_eq!((add.status, add.error()), (StatusCode::CONFLICT, "workshop_locked"));
    let edit = app.call(&mut participant, "edit_note", &[("note_id", &note_id), ("text", "ändrad")]).await;
    assert_eq!(edit.status, StatusCode::CONFLICT);
    let delete = app.call(&mut participant, "delete_note", &[("note_id", &note_id)]).await;
    assert_eq!(delete.status, StatusCode::CONFLICT);
    let mut latecomer = Browser::default();
    let join = app.join(&mut latecomer, &code, "", "").await;
    assert_eq!(join.status, StatusCode::CONFLICT);

    let notes = app.notes(&mut participant, &code).await;
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["text"], "före låsning");

    app.call(&mut facilitator, "set_workshop_locked", &[("workshop_id", &workshop_id), ("locked", "false")])
        .await;
    let reopened = app.add_note(&mut participant, &workshop_id, "efter upplåsning").await;
    assert_eq!(reopened.status, StatusCode::OK);
    assert_eq!(reopened.json["seq"], 5, "after the join, the note, the lock and the unlock");
}

#[tokio::test]
async fn note_text_is_stored_literally_and_rendered_escaped() {
    let app = TestApp::new().await;
    let mut facilitator = Browser::default();
    let (_, workshop_id, code) = app.round_with_workshop(&mut facilitator).await;
    let mut participant = Browser::default();
    app.join(&mut participant, &code, "<b>Eve</b>", "").await;
    let evil = "<script>alert('x')</script> '; DROP TABLE notes; --";
    let stored = app.add_note(&mut participant, &workshop_id, evil).await;
    assert_eq!(stored.json["text"], evil);

    let page = app.get(&mut participant, &format!("/join/{code}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("&lt;script&gt;alert("), "note shown as text");
    assert!(!page.text.contains("<script>alert("), "note never becomes markup");
    assert!(!page.text.contains("<b>Eve</b>"));
    assert_eq!(app.notes(&mut participant, &code).await.len(), 1, "the SQL-looking text did nothing");
}

#[tokio::test]
async fn notes_survive_a_restart_on_the_same_database_file() {
    let app = TestApp::new().await;
    let mut facilitator = Browser::default();
    let (_, workshop_id, code) = app.round_with_workshop(&mut facilitator).await;
    let mut participant = Browser::default();
    app.join(&mut participant, &code, "", "").await;
    app.add_note(&mut participant, &workshop_id, "beständig").await;
    if common::postgres_server().is_none() {
        assert!(app.dir.path().join("klustra.db").exists(), "a real SQLite file");
    }

    let TestApp { dir, state, .. } = app;
    state.service.store().close().await;
    let restarted = TestApp::with_dir(dir, false).await;
    let notes = restarted.notes(&mut participant, &code).await;
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["text"], "beständig");
    assert_eq!(notes[0]["mine"], true, "the device cookie still identifies the author");
}

#[tokio::test]
async fn the_first_start_seeds_demo_rounds_once_clustered_and_compared() {
    let dir = tempfile::tempdir().unwrap();
    let app = TestApp::with_dir(dir, true).await;
    let mut visitor = app.signed_in("facilitator").await;
    let rounds = app.call(&mut visitor, "list_rounds", &[]).await;
    assert_eq!(rounds.json.as_array().unwrap().len(), 2);
    assert_eq!(rounds.json[0]["title"], "Behovsinventering 2026 (demo)", "newest first");
    assert_eq!(rounds.json[0]["workshop_count"], 3);
    let current = rounds.json[0]["id"].as_str().unwrap();
    let analysis = app.call(&mut visitor, "get_round_analysis", &[("round_id", current)]).await;
    let report = &analysis.json["report"];
    assert_eq!(report["previous_round"]["title"], "Behovsinventering 2025 (demo)");
    let themes = report["themes"].as_array().unwrap();
    assert!(themes.iter().any(|t| t["continuity"]["status"] == "recurring"), "{themes:#?}");
    assert!(themes.iter().any(|t| t["continuity"]["status"] == "new"), "{themes:#?}");

    let TestApp { dir, state, .. } = app;
    state.service.store().close().await;
    let again = TestApp::with_dir(dir, true).await;
    let rounds = again.call(&mut visitor, "list_rounds", &[]).await;
    assert_eq!(rounds.json.as_array().unwrap().len(), 2, "not seeded twice");
}

#[tokio::test]
async fn pages_render_on_the_server_in_swedish_and_english() {
    let app = TestApp::new().await;
    let mut visitor = Browser::default();
    let home = app.get(&mut visitor, "/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.text.contains("<html lang=\"sv\""), "Swedish by default");
    assert!(home.text.contains("Gå med i en workshop"));
    assert!(home.text.contains("/pkg/klustra.js"), "hydration script is included");

    visitor.cookie = Some("klustra_lang=en".into());
    let english = app.get(&mut visitor, "/").await;
    assert!(english.text.contains("<html lang=\"en\""));
    assert!(english.text.contains("Join a workshop"));

    let missing = app.get(&mut visitor, "/no/such/page").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_join_qr_code_is_an_svg_of_the_join_link() {
    let app = TestApp::new().await;
    let mut facilitator = Browser::default();
    let (_, workshop_id, _) = app.round_with_workshop(&mut facilitator).await;
    let qr = app.get(&mut facilitator, &format!("/workshops/{workshop_id}/qr.svg")).await;
    assert_eq!(qr.status, StatusCode::OK);
    assert!(qr.text.contains("<svg"));
    let unknown = app.get(&mut facilitator, &format!("/workshops/{}/qr.svg", uuid::Uuid::new_v4())).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_language_switch_only_redirects_within_the_site() {
    let app = TestApp::new().await;
    let mut visitor = Browser::default();
    let local = app.get(&mut visitor, "/lang/en?next=/join").await;
    assert_eq!(local.status, StatusCode::SEE_OTHER);
    let request =
        axum::http::Request::get("/lang/en?next=//evil.example").body(axum::body::Body::empty()).unwrap();
    let response = tower::ServiceExt::oneshot(app.router.clone(), request).await.unwrap();
    assert_eq!(response.headers()["location"], "/");
}

#[tokio::test]
async fn facilitators_moderate_merge_and_add_paper_notes_but_participants_cannot() {
    let app = TestApp::new().await;
    let mut facilitator = Browser::default();
    let (_, workshop_id, code) = app.round_with_workshop(&mut facilitator).await;
    let mut anna = Browser::default();
    app.join(&mut anna, &code, "Anna", "").await;
    let first = app.add_note(&mut anna, &workshop_id, "E-legitimation").await.json["id"]
        .as_str()
        .unwrap()
        .to_string();
    let second = app.add_note(&mut anna, &workshop_id, "e-legitimation!").await.json["id"]
        .as_str()
        .unwrap()
        .to_string();

    for (function, form) in [
        ("moderate_note", vec![("note_id", first.as_str()), ("action", "hide")]),
        ("merge_notes", vec![("kept", first.as_str()), ("duplicate", second.as_str())]),
        ("set_private_mode", vec![("workshop_id", workshop_id.as_str()), ("on", "true")]),
        ("set_timer", vec![("workshop_id", workshop_id.as_str()), ("minutes", "5")]),
    ] {
        let refused = app.call(&mut anna, function, &form).await;
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED, "{function}: {}", refused.text);
    }
    let paper_id = uuid::Uuid::new_v4().to_string();
    let paper_form = [
        ("workshop_id", workshop_id.as_str()),
        ("note_id", &paper_id),
        ("group", "Grupp 3"),
        ("text", "Från papper"),
    ];
    assert_eq!(app.call(&mut anna, "add_paper_note", &paper_form).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.notes(&mut anna, &code).await.len(), 2, "nothing changed");

    let merged = app.call(&mut facilitator, "merge_notes", &[("kept", &first), ("duplicate", &second)]).await;
    assert_eq!(merged.status, StatusCode::OK, "{}", merged.text);
    let notes = app.notes(&mut anna, &code).await;
    assert_eq!(notes.len(), 1, "the duplicate left the board");
    assert_eq!(notes[0]["merged_count"], 1);
    let same = app.call(&mut facilitator, "merge_notes", &[("kept", &first), ("duplicate", &first)]).await;
    assert_eq!(same.status, StatusCode::BAD_REQUEST);

    let paper = app.call(&mut facilitator, "add_paper_note", &paper_form).await;
    assert_eq!(paper.status, StatusCode::OK, "{}", paper.text);
    assert_eq!(paper.json["author_name"], "Grupp 3");
    let without_group =
        [("workshop_id", workshop_id.as_str()), ("note_id", &paper_id), ("group", " "), ("text", "x")];
    assert_eq!(app.call(&mut facilitator, "add_paper_note", &without_group).await.error(), "required");

    let hide = app.call(&mut facilitator, "moderate_note", &[("note_id", &first), ("action", "hide")]).await;
    assert_eq!(hide.status, StatusCode::OK);
    let mut bo = Browser::default();
    app.join(&mut bo, &code, "Bo", "").await;
    let seen_by_bo: Vec<_> = app.notes(&mut bo, &code).await.iter().map(|n| n["text"].clone()).collect();
    assert_eq!(seen_by_bo, vec!["Från papper"], "hidden notes leave other participants' boards");
    assert_eq!(app.notes(&mut anna, &code).await.len(), 2, "the author still sees her hidden note");

    let too_long =
        app.call(&mut facilitator, "set_timer", &[("workshop_id", &workshop_id), ("minutes", "999")]).await;
    assert_eq!(too_long.status, StatusCode::BAD_REQUEST);
    let private = app
        .call(&mut facilitator, "set_private_mode", &[("workshop_id", &workshop_id), ("on", "true")])
        .await;
    assert_eq!(private.status, StatusCode::OK);
    let board = app.call(&mut bo, "get_board", &[("code", &code)]).await;
    assert_eq!(board.json["private_mode"], true);
    assert_eq!(
        board.json["notes"].as_array().unwrap().len(),
        0,
        "private writing: Bo has no notes of his own"
    );

    let delete =
        app.call(&mut facilitator, "moderate_note", &[("note_id", &first), ("action", "delete")]).await;
    assert_eq!(delete.status, StatusCode::OK);
    let facilitator_view =
        app.call(&mut facilitator, "get_facilitator_board", &[("workshop_id", &workshop_id)]).await;
    let texts: Vec<_> = facilitator_view.json["board"]["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].clone())
        .collect();
    assert_eq!(texts, vec!["e-legitimation!", "Från papper"], "a deleted note's merged duplicate comes back");
}
