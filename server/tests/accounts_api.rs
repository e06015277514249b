//! Accounts, sessions and authorization: every forbidden path is tried and must be refused.
//! Anonymous callers get 401, signed-in callers without the right to a round get 403.

mod common;

use std::time::Duration;

use app::model::live::{BYE_SIGNED_OUT, ClientMessage, ServerMessage};
use axum::http::StatusCode;
use common::net::{RunningServer, drain, open_board, open_socket, receive, send, signed_in_cookie};
use common::{Browser, PASSWORD, Reply, TestApp};
use serde_json::Value;
use uuid::Uuid;

/// A facilitator's round with one workshop, a participant's note, a theme and an open vote.
struct Round {
    owner: Browser,
    participant: Browser,
    round_id: String,
    workshop_id: String,
    code: String,
    note_id: String,
    theme_id: String,
    vote_id: String,
}

async fn running_round(app: &TestApp) -> Round {
    let mut owner = app.signed_in("facilitator").await;
    let (round_id, workshop_id, code) = app.round_with_workshop(&mut owner).await;
    let mut participant = Browser::default();
    app.join(&mut participant, &code, "Anna", "Region Uppsala").await;
    let note = app.add_note(&mut participant, &workshop_id, "Gemensam e-legitimation").await;
    let note_id = note.json["id"].as_str().unwrap().to_string();
    app.add_note(&mut participant, &workshop_id, "E-legitimation för personal").await;
    let themes = app
        .call(&mut owner, "run_clustering", &[("workshop_id", &workshop_id), ("granularity", "0.5")])
        .await;
    assert_eq!(themes.status, StatusCode::OK, "{}", themes.text);
    let theme_id = themes.json[0]["id"].as_str().unwrap().to_string();
    let vote = app
        .call(&mut owner, "open_vote", &[("workshop_id", &workshop_id), ("target", "notes"), ("dots", "2")])
        .await;
    assert_eq!(vote.status, StatusCode::OK, "{}", vote.text);
    let vote_id = vote.json["id"].as_str().unwrap().to_string();
    Round { owner, participant, round_id, workshop_id, code, note_id, theme_id, vote_id }
}

/// Every server function that reads or changes a round, with arguments naming `r`'s parts.
/// The first `READS` only read.
fn round_functions(r: &Round) -> Vec<(&'static str, Vec<(&'static str, String)>)> {
    let round = || ("round_id", r.round_id.clone());
    let workshop = || ("workshop_id", r.workshop_id.clone());
    let note = || ("note_id", r.note_id.clone());
    let theme = || ("theme_id", r.theme_id.clone());
    vec![
        ("get_round", vec![round()]),
        ("get_round_analysis", vec![round()]),
        ("get_facilitator_board", vec![workshop()]),
        ("get_workshop", vec![workshop()]),
        ("get_themes", vec![workshop()]),
        ("get_retention", vec![round()]),
        ("list_grants", vec![round()]),
        (
            "create_workshop",
            vec![
                round(),
                ("title", "Intrång".into()),
                ("sector", "X".into()),
                ("held_on", String::new()),
                ("prompts", String::new()),
            ],
        ),
        ("set_workshop_locked", vec![workshop(), ("locked", "true".into())]),
        ("set_private_mode", vec![workshop(), ("on", "true".into())]),
        ("set_timer", vec![workshop(), ("minutes", "5".into())]),
        ("moderate_note", vec![note(), ("action", "hide".into())]),
        ("merge_notes", vec![("kept", r.note_id.clone()), ("duplicate", Uuid::new_v4().to_string())]),
        (
            "add_paper_note",
            vec![
                workshop(),
                ("note_id", Uuid::new_v4().to_string()),
                ("group", "Grupp".into()),
                ("text", "Från papper".into()),
            ],
        ),
        ("run_clustering", vec![workshop(), ("granularity", "0.5".into())]),
        ("rename_theme", vec![theme(), ("name", "Nytt namn".into())]),
        ("move_note", vec![note(), theme()]),
        ("pin_note", vec![note(), ("pinned", "true".into())]),
        ("lock_theme", vec![theme(), ("locked", "true".into())]),
        ("merge_themes", vec![("kept", r.theme_id.clone()), ("other", Uuid::new_v4().to_string())]),
        ("split_theme", vec![theme()]),
        ("undo_themes", vec![workshop()]),
        ("cluster_round", vec![round(), ("granularity", "0.5".into())]),
        ("set_previous_round", vec![round(), ("previous", String::new())]),
        ("set_anonymous", vec![workshop(), ("on", "true".into())]),
        ("open_vote", vec![workshop(), ("target", "notes".into()), ("dots", "3".into())]),
        ("close_vote", vec![("vote_id", r.vote_id.clone())]),
        ("set_retention", vec![round(), ("retain_until", "2030-01-01".into())]),
        ("purge_round", vec![round()]),
        ("share_round", vec![round(), ("email", "någon@klustra.test".into())]),
        ("unshare_round", vec![round(), ("user_id", Uuid::new_v4().to_string())]),
    ]
}

/// The downloads of a round: workshop and round exports, and the archive.
fn downloads(r: &Round) -> [String; 3] {
    [
        format!("/export/workshops/{}/csv", r.workshop_id),
        format!("/export/rounds/{}/csv", r.round_id),
        format!("/archive/rounds/{}", r.round_id),
    ]
}

/// Calls a server function at the steady rate a client may keep up (10 a second): these
/// tests send dozens of calls from one browser and must not meet the rate limit instead.
async fn call(
    app: &TestApp,
    browser: &mut Browser,
    function: &str,
    form: &[(&'static str, String)],
) -> Reply {
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.call(browser, function, &form).await
}

#[tokio::test]
async fn without_a_session_every_facilitator_function_answers_401() {
    let app = TestApp::new().await;
    let r = running_round(&app).await;
    let mut participant = r.participant.clone();
    for mut caller in [Browser::default(), participant.clone()] {
        for (function, form) in round_functions(&r) {
            let refused = call(&app, &mut caller, function, &form).await;
            assert_eq!(refused.status, StatusCode::UNAUTHORIZED, "{function}: {}", refused.text);
            assert_eq!(refused.error(), "not_signed_in", "{function}");
        }
        for function in ["list_rounds", "list_accounts", "current_user"] {
            let reply = app.call(&mut caller, function, &[]).await;
            let expected = if function == "current_user" { StatusCode::OK } else { StatusCode::UNAUTHORIZED };
            assert_eq!(reply.status, expected, "{function}: {}", reply.text);
        }
        let created = app.call(&mut caller, "create_round", &[("title", "Smygomgång")]).await;
        assert_eq!(created.status, StatusCode::UNAUTHORIZED);
        // The raw routes refuse as the server functions do: the same status and JSON code.
        for path in downloads(&r).into_iter().chain([format!("/workshops/{}/qr.svg", r.workshop_id)]) {
            let refused = app.get(&mut caller, &path).await;
            assert_eq!(refused.status, StatusCode::UNAUTHORIZED, "{path}");
            assert_eq!(refused.error(), "not_signed_in", "{path}: {}", refused.text);
        }
    }
    // The participant still reaches its own board and notes.
    assert_eq!(app.notes(&mut participant, &r.code).await.len(), 2);
}

#[tokio::test]
async fn another_facilitator_is_refused_everything_of_a_round_not_shared_with_them() {
    let app = TestApp::new().await;
    let r = running_round(&app).await;
    let mut other = app.signed_in("facilitator").await;
    for (function, form) in round_functions(&r) {
        let refused = call(&app, &mut other, function, &form).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{function}: {}", refused.text);
    }
    for path in downloads(&r).into_iter().chain([format!("/workshops/{}/qr.svg", r.workshop_id)]) {
        let refused = app.get(&mut other, &path).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{path}");
        assert_eq!(refused.error(), "forbidden", "{path}: {}", refused.text);
    }
    let listed = app.call(&mut other, "list_rounds", &[]).await;
    assert_eq!(listed.status, StatusCode::OK);
    assert!(listed.json.as_array().unwrap().is_empty(), "not even listed: {}", listed.text);

    // Nothing changed: the owner still sees the round as it was.
    let mut owner = r.owner.clone();
    let round = app.call(&mut owner, "get_round", &[("round_id", &r.round_id)]).await;
    assert_eq!(round.json["workshops"].as_array().unwrap().len(), 1);
    assert_eq!(round.json["can_share"], true);
    let board = app.call(&mut owner, "get_facilitator_board", &[("workshop_id", &r.workshop_id)]).await;
    assert_eq!(board.json["board"]["workshop"]["state"], "open");
}

#[tokio::test]
async fn an_analyst_reads_a_granted_round_and_changes_nothing() {
    let app = TestApp::new().await;
    let r = running_round(&app).await;
    let analyst_email = app.account("analyst").await;
    let mut analyst = Browser::default();
    app.sign_in(&mut analyst, &analyst_email, PASSWORD).await;

    // Not granted: nothing at all.
    for function in ["get_round", "get_round_analysis"] {
        let refused = app.call(&mut analyst, function, &[("round_id", &r.round_id)]).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{function}");
    }
    for path in downloads(&r) {
        assert_eq!(app.get(&mut analyst, &path).await.status, StatusCode::FORBIDDEN, "{path}");
    }

    let mut owner = r.owner.clone();
    let shared =
        app.call(&mut owner, "share_round", &[("round_id", &r.round_id), ("email", &analyst_email)]).await;
    assert_eq!(shared.status, StatusCode::OK, "{}", shared.text);
    assert_eq!(shared.json["access"], "read");

    let round = app.call(&mut analyst, "get_round", &[("round_id", &r.round_id)]).await;
    assert_eq!(round.status, StatusCode::OK, "{}", round.text);
    assert_eq!(round.json["can_manage"], false);
    assert_eq!(round.json["can_share"], false);
    // Reading the round is no way into its workshops: no join codes (the owner has them).
    let codes = |round: &Value| -> Vec<Value> {
        round["workshops"].as_array().unwrap().iter().map(|w| w["join_code"].clone()).collect()
    };
    assert!(codes(&round.json).iter().all(Value::is_null), "{:?}", codes(&round.json));
    let owners = app.call(&mut owner, "get_round", &[("round_id", &r.round_id)]).await;
    assert!(!codes(&owners.json).is_empty() && codes(&owners.json).iter().all(Value::is_string));
    let analysis = app.call(&mut analyst, "get_round_analysis", &[("round_id", &r.round_id)]).await;
    assert_eq!(analysis.status, StatusCode::OK, "{}", analysis.text);
    let [workshop_export, round_export, archive] = downloads(&r);
    for path in [workshop_export, round_export] {
        let export = app.get(&mut analyst, &path).await;
        assert_eq!(export.status, StatusCode::OK, "{path}");
        assert!(export.text.contains("Gemensam e-legitimation"), "{path}");
    }
    assert_eq!(
        app.get(&mut analyst, &archive).await.status,
        StatusCode::FORBIDDEN,
        "the archive leads to a purge"
    );
    let listed = app.call(&mut analyst, "list_rounds", &[]).await;
    assert_eq!(listed.json[0]["id"], r.round_id.as_str());

    for (function, form) in round_functions(&r).into_iter().skip(2) {
        let refused = call(&app, &mut analyst, function, &form).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{function}: {}", refused.text);
    }
    let own = app.call(&mut analyst, "create_round", &[("title", "Egen omgång")]).await;
    assert_eq!(own.status, StatusCode::FORBIDDEN, "analysts create no rounds");
}

#[tokio::test]
async fn sharing_with_a_facilitator_lets_them_run_the_round_until_it_is_taken_back() {
    let app = TestApp::new().await;
    let r = running_round(&app).await;
    let mut owner = r.owner.clone();
    let co_email = app.account("facilitator").await;
    let mut co = Browser::default();
    app.sign_in(&mut co, &co_email, PASSWORD).await;
    let lock = [("workshop_id", r.workshop_id.as_str()), ("locked", "true")];
    assert_eq!(app.call(&mut co, "set_workshop_locked", &lock).await.status, StatusCode::FORBIDDEN);

    let unknown = app
        .call(&mut owner, "share_round", &[("round_id", &r.round_id), ("email", "ingen@klustra.test")])
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.error(), "unknown_account");
    let shared = app
        .call(&mut owner, "share_round", &[("round_id", &r.round_id), ("email", &co_email.to_uppercase())])
        .await;
    assert_eq!(shared.status, StatusCode::OK, "{}", shared.text);
    assert_eq!(shared.json["access"], "facilitate");
    let co_id = shared.json["user_id"].as_str().unwrap().to_string();
    let grants = app.call(&mut owner, "list_grants", &[("round_id", &r.round_id)]).await;
    assert_eq!(grants.json.as_array().unwrap().len(), 1);
    assert_eq!(grants.json[0]["email"], co_email.as_str());

    assert_eq!(app.call(&mut co, "set_workshop_locked", &lock).await.status, StatusCode::OK);
    let round = app.call(&mut co, "get_round", &[("round_id", &r.round_id)]).await;
    assert_eq!(
        (round.json["can_manage"].clone(), round.json["can_share"].clone()),
        (true.into(), false.into())
    );
    let reshare = app.call(&mut co, "share_round", &[("round_id", &r.round_id), ("email", &co_email)]).await;
    assert_eq!(reshare.status, StatusCode::FORBIDDEN, "only the owner shares");

    let removed =
        app.call(&mut owner, "unshare_round", &[("round_id", &r.round_id), ("user_id", &co_id)]).await;
    assert_eq!(removed.status, StatusCode::OK, "{}", removed.text);
    assert_eq!(app.call(&mut co, "set_workshop_locked", &lock).await.status, StatusCode::FORBIDDEN);
    assert!(app.call(&mut co, "list_rounds", &[]).await.json.as_array().unwrap().is_empty());
    let again =
        app.call(&mut owner, "unshare_round", &[("round_id", &r.round_id), ("user_id", &co_id)]).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_participant_reaches_only_workshops_it_joined_and_only_its_own_notes() {
    let app = TestApp::new().await;
    let r = running_round(&app).await;
    let other = running_round(&app).await;
    let mut anna = r.participant.clone();
    let elsewhere = app.add_note(&mut anna, &other.workshop_id, "Fel workshop").await;
    assert_eq!(elsewhere.status, StatusCode::UNAUTHORIZED);
    assert_eq!(elsewhere.error(), "not_joined");
    let foreign = app.call(&mut anna, "edit_note", &[("note_id", &other.note_id), ("text", "Ändrad")]).await;
    assert_eq!(foreign.status, StatusCode::FORBIDDEN);
    let deleted = app.call(&mut anna, "delete_note", &[("note_id", &other.note_id)]).await;
    assert_eq!(deleted.status, StatusCode::FORBIDDEN);
    // Joining the other workshop does not make the other participant's note hers.
    app.join(&mut anna, &other.code, "Anna", "").await;
    let still = app.call(&mut anna, "edit_note", &[("note_id", &other.note_id), ("text", "Ändrad")]).await;
    assert_eq!(still.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_facilitator_socket_needs_a_session_with_the_right_to_the_round() {
    let server = RunningServer::start(|_| {}).await;
    let (addr, dir) = (server.addr, server.dir.path());
    let owner = signed_in_cookie(addr, dir, "facilitator").await;
    let round =
        common::net::post_form(addr, "/api/create_round", &[("title", "Uttag")], Some(&owner)).await.unwrap();
    let round_id = round.json["id"].as_str().unwrap().to_string();
    let form =
        [("round_id", round_id.as_str()), ("title", "W"), ("sector", "S"), ("held_on", ""), ("prompts", "")];
    let workshop = common::net::post_form(addr, "/api/create_workshop", &form, Some(&owner)).await.unwrap();
    let workshop_id = workshop.json["id"].as_str().unwrap().to_string();

    let device_only = owner.split("; ").next().unwrap().to_string();
    assert!(
        open_socket(addr, &workshop_id, Some(&device_only), None).await.is_err(),
        "the device is no facilitator"
    );
    assert!(open_socket(addr, &workshop_id, None, None).await.is_err());
    let stranger = signed_in_cookie(addr, dir, "facilitator").await;
    assert!(open_socket(addr, &workshop_id, Some(&stranger), None).await.is_err(), "another facilitator");
    let analyst = signed_in_cookie(addr, dir, "analyst").await;
    assert!(open_socket(addr, &workshop_id, Some(&analyst), None).await.is_err(), "an analyst");
    assert!(open_socket(addr, &workshop_id, Some(&owner), None).await.is_ok(), "the owner");
    server.stop().await;
}

#[tokio::test]
async fn an_open_facilitator_socket_closes_once_its_session_has_ended() {
    let server = RunningServer::start(|config| config.session_check_secs = 1).await;
    let workshop = common::net::create_workshop(server.addr, server.dir.path()).await;
    let mut board =
        open_board(server.addr, &workshop.id, &workshop.facilitator, Duration::from_secs(5)).await;

    // A check with the session still valid leaves the board open.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    send(&mut board, &ClientMessage::Ping).await;
    assert_eq!(receive(&mut board, Duration::from_secs(2)).await, Some(ServerMessage::Pong));

    let out =
        common::net::post_form(server.addr, "/api/sign_out", &[], Some(&workshop.facilitator)).await.unwrap();
    assert_eq!(out.status, 200, "{:?}", out.json);
    let after = drain(&mut board, Duration::from_secs(3)).await;
    assert_eq!(after, [ServerMessage::Bye { reason: BYE_SIGNED_OUT.to_string() }], "told why, then closed");
    assert!(
        open_socket(server.addr, &workshop.id, Some(&workshop.facilitator), None).await.is_err(),
        "the ended session opens no board"
    );
    server.stop().await;
}

#[tokio::test]
async fn sign_in_is_generic_about_failures_and_limited_per_account() {
    let app = TestApp::new().await;
    let email = app.account("facilitator").await;
    let mut browser = Browser::default();
    let wrong = app.sign_in(&mut browser, &email, "fel lösenord här").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    let unknown = app.sign_in(&mut browser, "okand@klustra.test", PASSWORD).await;
    assert_eq!((wrong.error(), unknown.error()), ("wrong_credentials", "wrong_credentials"));
    assert_eq!(wrong.json["message"], unknown.json["message"], "nothing tells which addresses exist");
    assert!(browser.session.is_none());
    let case = app.sign_in(&mut browser, &email.to_uppercase(), PASSWORD).await;
    assert_eq!(case.status, StatusCode::OK, "e-mail case does not matter: {}", case.text);
    assert_eq!(case.json["role"], "facilitator");

    let burst = server::access::security::SIGN_IN_BUDGET.burst;
    let mut guesser = Browser::default();
    let mut limited = None;
    for _ in 0..burst + 2 {
        let reply = app.sign_in(&mut guesser, &email, "gissat lösenord").await;
        if reply.status == StatusCode::TOO_MANY_REQUESTS {
            limited = Some(reply);
        }
    }
    assert_eq!(limited.expect("guessing is throttled").error(), "too_many_requests");
    let right = app.sign_in(&mut guesser, &email, PASSWORD).await;
    assert_eq!(right.status, StatusCode::TOO_MANY_REQUESTS, "not even the right password gets through");
    let elsewhere = app.sign_in(&mut Browser::default(), &email, PASSWORD).await;
    assert_eq!(elsewhere.status, StatusCode::TOO_MANY_REQUESTS, "a fresh device buys no more tries");
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let app = TestApp::new().await;
    let mut browser = app.signed_in("facilitator").await;
    let stolen = browser.clone();
    assert_eq!(app.call(&mut browser, "current_user", &[]).await.json["role"], "facilitator");
    let out = app.call(&mut browser, "sign_out", &[]).await;
    assert_eq!(out.status, StatusCode::OK, "{}", out.text);
    assert!(browser.session.is_none(), "the cookie is cleared");
    let mut stolen = stolen;
    let replay = app.call(&mut stolen, "list_rounds", &[]).await;
    assert_eq!(replay.status, StatusCode::UNAUTHORIZED, "the old token is dead on the server too");
    assert_eq!(app.call(&mut stolen, "current_user", &[]).await.json, serde_json::Value::Null);

    // Signing in again, as someone else, ends the browser's earlier session too.
    let mut shared = app.signed_in("facilitator").await;
    let mut earlier = shared.clone();
    let other = app.account("analyst").await;
    assert_eq!(app.sign_in(&mut shared, &other, PASSWORD).await.status, StatusCode::OK);
    assert_eq!(app.call(&mut shared, "current_user", &[]).await.json["role"], "analyst");
    assert_eq!(app.call(&mut earlier, "list_rounds", &[]).await.status, StatusCode::UNAUTHORIZED);
}

const NEW_PASSWORD: &str = "ett helt nytt lösenord";

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_ends_other_sessions() {
    let app = TestApp::new().await;
    let email = app.account("facilitator").await;
    let mut laptop = Browser::default();
    let mut phone = Browser::default();
    app.sign_in(&mut laptop, &email, PASSWORD).await;
    app.sign_in(&mut phone, &email, PASSWORD).await;

    let change = |current: &'static str, password: &'static str, repeated: &'static str| {
        [("current", current), ("password", password), ("repeated", repeated)]
    };
    let wrong = app
        .call(&mut laptop, "change_password", &change("gissning gissning", NEW_PASSWORD, NEW_PASSWORD))
        .await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert_eq!(wrong.json["field"], "current_password");
    let short = app.call(&mut laptop, "change_password", &change(PASSWORD, "kort", "kort")).await;
    assert_eq!(short.error(), "too_short");
    let differ =
        app.call(&mut laptop, "change_password", &change(PASSWORD, NEW_PASSWORD, "något annat här")).await;
    assert_eq!(differ.json["field"], "password_repeat");
    assert_eq!(app.call(&mut phone, "list_rounds", &[]).await.status, StatusCode::OK, "nothing changed yet");

    let changed =
        app.call(&mut laptop, "change_password", &change(PASSWORD, NEW_PASSWORD, NEW_PASSWORD)).await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.text);
    assert_eq!(
        app.call(&mut laptop, "list_rounds", &[]).await.status,
        StatusCode::OK,
        "this session goes on"
    );
    assert_eq!(app.call(&mut phone, "list_rounds", &[]).await.status, StatusCode::UNAUTHORIZED, "others end");
    assert_eq!(app.sign_in(&mut Browser::default(), &email, PASSWORD).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.sign_in(&mut Browser::default(), &email, NEW_PASSWORD).await.status, StatusCode::OK);
}

#[tokio::test]
async fn the_setup_link_creates_the_first_admin_once() {
    let app = TestApp::new().await;
    let token = app.state.service.issue_setup_token().await.unwrap();
    let mut first = Browser::default();
    assert_eq!(app.call(&mut first, "setup_open", &[("token", &token)]).await.json, true);
    assert_eq!(app.call(&mut first, "setup_open", &[("token", &"0".repeat(64))]).await.json, false);
    let form = |token: &str| {
        [
            ("token", token.to_string()),
            ("email", "Admin@Klustra.test".to_string()),
            ("password", PASSWORD.to_string()),
            ("repeated", PASSWORD.to_string()),
        ]
    };
    let forged = call(&app, &mut first, "set_up_admin", &form(&"1".repeat(64))).await;
    assert_eq!(forged.status, StatusCode::NOT_FOUND);
    assert_eq!(forged.error(), "setup_link_invalid");

    let created = call(&app, &mut first, "set_up_admin", &form(&token)).await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.text);
    assert_eq!(created.json["role"], "admin");
    assert_eq!(created.json["email"], "admin@klustra.test");
    assert_eq!(app.call(&mut first, "list_accounts", &[]).await.status, StatusCode::OK, "signed in as admin");

    let mut second = Browser::default();
    let again = call(&app, &mut second, "set_up_admin", &form(&token)).await;
    assert_eq!(again.error(), "setup_link_invalid", "single use");
    assert_eq!(app.call(&mut second, "setup_open", &[("token", &token)]).await.json, false);
    // A fresh link made while accounts exist opens nothing either.
    let late = app.state.service.issue_setup_token().await.unwrap();
    assert_eq!(call(&app, &mut second, "set_up_admin", &form(&late)).await.error(), "setup_link_invalid");
}

#[tokio::test]
async fn only_admins_manage_accounts_and_a_disabled_account_cannot_sign_in() {
    let app = TestApp::new().await;
    let mut admin = app.signed_in("admin").await;
    let mut facilitator = app.signed_in("facilitator").await;
    let new_account =
        [("email", "ny@klustra.test"), ("role", "analyst"), ("password", "ett långt startlösenord")];
    for (function, form) in [
        ("list_accounts", vec![]),
        ("create_account", new_account.to_vec()),
        (
            "set_account_disabled",
            vec![("user_id", "00000000-0000-0000-0000-000000000000"), ("disabled", "true")],
        ),
    ] {
        let refused = app.call(&mut facilitator, function, &form).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{function}: {}", refused.text);
    }

    let created = app.call(&mut admin, "create_account", &new_account).await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.text);
    let taken = app.call(&mut admin, "create_account", &new_account).await;
    assert_eq!(taken.error(), "email_taken");
    let weak = app
        .call(
            &mut admin,
            "create_account",
            &[("email", "b@klustra.test"), ("role", "analyst"), ("password", "kort")],
        )
        .await;
    assert_eq!(weak.error(), "too_short");
    let id = created.json["id"].as_str().unwrap().to_string();
    let mut analyst = Browser::default();
    assert_eq!(
        app.sign_in(&mut analyst, "ny@klustra.test", "ett långt startlösenord").await.status,
        StatusCode::OK
    );

    let disabled =
        app.call(&mut admin, "set_account_disabled", &[("user_id", &id), ("disabled", "true")]).await;
    assert_eq!(disabled.status, StatusCode::OK, "{}", disabled.text);
    assert_eq!(
        app.call(&mut analyst, "list_rounds", &[]).await.status,
        StatusCode::UNAUTHORIZED,
        "its session ended"
    );
    let refused = app.sign_in(&mut Browser::default(), "ny@klustra.test", "ett långt startlösenord").await;
    assert_eq!(refused.error(), "wrong_credentials", "no hint that the account exists");
    let listed = app.call(&mut admin, "list_accounts", &[]).await;
    let entry = listed.json.as_array().unwrap().iter().find(|a| a["id"] == id.as_str()).unwrap().clone();
    assert_eq!(entry["disabled"], true);

    let admin_id = app.call(&mut admin, "current_user", &[]).await.json["id"].as_str().unwrap().to_string();
    let myself =
        app.call(&mut admin, "set_account_disabled", &[("user_id", &admin_id), ("disabled", "true")]).await;
    assert_eq!(myself.status, StatusCode::FORBIDDEN, "an admin cannot lock themselves out");
    app.call(&mut admin, "set_account_disabled", &[("user_id", &id), ("disabled", "false")]).await;
    assert_eq!(
        app.sign_in(&mut Browser::default(), "ny@klustra.test", "ett långt startlösenord").await.status,
        200
    );
}

#[tokio::test]
async fn demo_rounds_are_open_to_everyone_signed_in_and_admins_open_every_round() {
    let app = TestApp::with_dir(tempfile::tempdir().unwrap(), true).await;
    let mut facilitator = app.signed_in("facilitator").await;
    let demo = app.call(&mut facilitator, "list_rounds", &[]).await;
    let demo_id = demo.json[0]["id"].as_str().unwrap().to_string();
    let round = app.call(&mut facilitator, "get_round", &[("round_id", &demo_id)]).await;
    assert_eq!(round.json["can_manage"], true);
    assert_eq!(round.json["can_share"], false, "nobody owns the demo to share it");
    let mut analyst = app.signed_in("analyst").await;
    let read = app.call(&mut analyst, "get_round", &[("round_id", &demo_id)]).await;
    assert_eq!(read.json["can_manage"], false);
    let cluster =
        app.call(&mut analyst, "cluster_round", &[("round_id", &demo_id), ("granularity", "0.5")]).await;
    assert_eq!(cluster.status, StatusCode::FORBIDDEN);

    let r = running_round(&app).await;
    let mut admin = app.signed_in("admin").await;
    let opened = app.call(&mut admin, "get_round", &[("round_id", &r.round_id)]).await;
    assert_eq!(opened.json["can_share"], true);
    let all = app.call(&mut admin, "list_rounds", &[]).await.json.as_array().unwrap().len();
    let theirs = app.call(&mut facilitator, "list_rounds", &[]).await.json.as_array().unwrap().len();
    assert_eq!(all, theirs + 1, "the admin also sees the other facilitator's round");
}
