//! Gaps a probe of the running server found: the language switch's redirect, demo rounds
//! anyone could wreck, origins judged by the `Host` header, text/plain bodies read as
//! forms, invisible and direction-reversing notes, links and headings in the Markdown
//! export, pages cached or answered 200 though refused, and the prompts' error text.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{Browser, Reply, TestApp, encode};

/// `GET /lang/en?next=…` with `next` sent as given (already percent-encoded).
async fn switch_language(app: &TestApp, next: &str) -> (StatusCode, Option<String>) {
    let response = tower::ServiceExt::oneshot(
        app.router.clone(),
        Request::get(format!("/lang/en?next={next}")).body(Body::empty()).unwrap(),
    )
    .await
    .unwrap();
    let location = response.headers().get(header::LOCATION).map(|value| value.to_str().unwrap().to_string());
    (response.status(), location)
}

#[tokio::test]
async fn the_language_switch_goes_back_only_to_a_path_of_this_site() {
    let app = TestApp::new().await;
    let (status, location) = switch_language(&app, "/join/KXMW4T").await;
    assert!(status.is_redirection(), "{status}");
    assert_eq!(location.as_deref(), Some("/join/KXMW4T"));
    let hostile = [
        "/%09/evil.example/path",
        "/%0a/evil.example",
        "/%00",
        "/%7f",
        "//evil.example",
        "/%5Cevil.example",
        "%2F%5Cevil.example",
        "https://evil.example",
        "/%0d%0aSet-Cookie:%20x=1",
        "",
    ];
    for next in hostile {
        let (status, location) = switch_language(&app, next).await;
        assert!(status.is_redirection(), "{next}: {status}, never a server error");
        assert_eq!(location.as_deref(), Some("/"), "{next}");
    }
}

/// The id of one of the demo rounds, as `browser` lists it.
async fn demo_round(app: &TestApp, browser: &mut Browser) -> String {
    let rounds = app.call(browser, "list_rounds", &[]).await;
    assert_eq!(rounds.status, StatusCode::OK, "{}", rounds.text);
    rounds.json.as_array().and_then(|rounds| rounds.first()).expect("the demo rounds")["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn only_admins_archive_purge_or_change_the_retention_of_a_demo_round() {
    let app = TestApp::with_dir(tempfile::tempdir().unwrap(), true).await;
    let mut facilitator = app.signed_in("facilitator").await;
    let round_id = demo_round(&app, &mut facilitator).await;
    let retain = [("round_id", round_id.as_str()), ("retain_until", "2027-01-31")];
    let changed = app.call(&mut facilitator, "set_retention", &retain).await;
    assert_eq!(changed.status, StatusCode::FORBIDDEN, "{}", changed.text);
    let archive = app.get(&mut facilitator, &format!("/archive/rounds/{round_id}")).await;
    assert_eq!(archive.status, StatusCode::FORBIDDEN);
    let purge = app.call(&mut facilitator, "purge_round", &[("round_id", &round_id)]).await;
    assert_eq!(purge.status, StatusCode::FORBIDDEN, "{}", purge.text);
    let read = app.call(&mut facilitator, "get_retention", &[("round_id", &round_id)]).await;
    assert_eq!(read.status, StatusCode::OK, "reading it is still fine: {}", read.text);
    assert_eq!(read.json["retain_until"], serde_json::Value::Null, "nothing changed");

    let mut admin = app.signed_in("admin").await;
    assert_eq!(app.call(&mut admin, "set_retention", &retain).await.status, StatusCode::OK);
    assert_eq!(app.get(&mut admin, &format!("/archive/rounds/{round_id}")).await.status, StatusCode::OK);
}

/// A raw form POST with extra headers.
async fn post_with(
    app: &TestApp,
    browser: &Browser,
    function: &str,
    body: &str,
    headers: &[(&str, &str)],
) -> Reply {
    let mut request = Request::post(format!("/api/{function}")).header(header::ACCEPT, "application/json");
    if let Some(cookie) = browser.cookie_header() {
        request = request.header(header::COOKIE, cookie);
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    app.send(&mut browser.clone(), request.body(Body::from(body.to_string())).unwrap()).await
}

const FORM: (&str, &str) = ("content-type", "application/x-www-form-urlencoded");

#[tokio::test]
async fn origins_are_judged_by_scheme_and_configured_address_not_by_host() {
    let app = TestApp::new().await;
    let mut facilitator = Browser::default();
    let (_, _, code) = app.round_with_workshop(&mut facilitator).await;
    let join = format!("code={code}&display_name=&organisation=");
    let rebound = [FORM, ("host", "rebound.example:3000"), ("origin", "http://rebound.example:3000")];
    let reply = post_with(&app, &Browser::default(), "join_workshop", &join, &rebound).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "a rebound domain's page: {}", reply.text);
    let wrong_scheme = [FORM, ("host", "klustra.test"), ("origin", "https://klustra.test")];
    let reply = post_with(&app, &Browser::default(), "join_workshop", &join, &wrong_scheme).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "the public URL is http: {}", reply.text);
    let own = [FORM, ("host", "klustra.test"), ("origin", "http://klustra.test")];
    let reply = post_with(&app, &Browser::default(), "join_workshop", &join, &own).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
}

#[tokio::test]
async fn text_plain_bodies_are_not_read_as_forms() {
    let app = TestApp::new().await;
    let mut facilitator = Browser::default();
    let (_, workshop_id, code) = app.round_with_workshop(&mut facilitator).await;
    let mut participant = Browser::default();
    app.join(&mut participant, &code, "Anna", "").await;
    let form = format!("workshop_id={workshop_id}&note_id={}&text=Smuggel", uuid::Uuid::new_v4());
    let reply = post_with(&app, &participant, "add_note", &form, &[("content-type", "text/plain")]).await;
    assert_eq!(reply.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{}", reply.text);
    let reply = post_with(&app, &participant, "add_note", &form, &[]).await;
    assert_eq!(reply.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "no type at all: {}", reply.text);
    assert!(app.notes(&mut participant, &code).await.is_empty(), "nothing was stored");
}

#[tokio::test]
async fn invisible_notes_are_refused_and_direction_controls_are_taken_out_of_notes() {
    let app = TestApp::new().await;
    let mut facilitator = Browser::default();
    let (_, workshop_id, code) = app.round_with_workshop(&mut facilitator).await;
    let mut participant = Browser::default();
    app.join(&mut participant, &code, "Anna", "").await;
    for invisible in ["\u{200B}", "\u{200B}\u{200D} \u{FEFF}", "\u{2060}\n\u{00AD}"] {
        let reply = app.add_note(&mut participant, &workshop_id, invisible).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{invisible:?}: {}", reply.text);
        assert_eq!(reply.error(), "note_empty", "{invisible:?}");
    }
    assert!(app.notes(&mut participant, &code).await.is_empty(), "nothing was stored");
    // Pasted text brings direction controls along: the note is kept, as it reads.
    for (reversed, stored) in [("faktura\u{202E}fdp.exe", "fakturafdp.exe"), ("a\u{2067}b\u{2069}", "ab")] {
        let reply = app.add_note(&mut participant, &workshop_id, reversed).await;
        assert_eq!(reply.status, StatusCode::OK, "{reversed:?}: {}", reply.text);
        assert_eq!(reply.json["text"], stored, "{reversed:?}");
    }
    let family = "Familj 👨\u{200D}👩\u{200D}👧 och vård";
    let emoji = app.add_note(&mut participant, &workshop_id, family).await;
    assert_eq!(emoji.status, StatusCode::OK, "a joiner inside an emoji is fine: {}", emoji.text);
    assert_eq!(emoji.json["text"], family, "and stays");
    let stored: Vec<String> = app
        .notes(&mut participant, &code)
        .await
        .iter()
        .map(|n| n["text"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(stored.len(), 3, "{stored:?}");
    assert!(stored.iter().all(|text| !text.contains(['\u{202E}', '\u{2067}', '\u{2069}'])), "{stored:?}");
}

#[tokio::test]
async fn the_markdown_export_shows_notes_as_text_not_links_or_headings() {
    let app = TestApp::new().await;
    let mut facilitator = Browser::default();
    let (_, workshop_id, code) = app.round_with_workshop(&mut facilitator).await;
    let mut participant = Browser::default();
    app.join(&mut participant, &code, "Anna", "").await;
    let note = "Se https://evil.example och www.evil.example\nRubrik\n===\n- punkt\n1. steg\n    kod";
    assert_eq!(app.add_note(&mut participant, &workshop_id, note).await.status, StatusCode::OK);
    let md = app.get(&mut facilitator, &format!("/export/workshops/{workshop_id}/md")).await;
    assert_eq!(md.status, StatusCode::OK);
    assert!(!md.text.contains("https://evil"), "{}", md.text);
    assert!(!md.text.contains("www.evil"), "{}", md.text);
    let note_lines: Vec<&str> =
        md.text.lines().skip_while(|line| !line.contains("Se https")).take(6).collect();
    assert_eq!(note_lines.len(), 6, "{}", md.text);
    for line in &note_lines[1..] {
        let start = line.trim_start();
        assert!(line.starts_with("  ") && line.len() - start.len() == 2, "stays in its item: {line:?}");
        let marker = start.starts_with(['-', '=', '+', '#'])
            || start.split_once(". ").is_some_and(|(n, _)| n.parse::<u32>().is_ok());
        assert!(!marker, "no block of its own: {line:?}");
    }
}

#[tokio::test]
async fn pages_and_answers_with_notes_are_not_cached() {
    let app = TestApp::new().await;
    let mut facilitator = Browser::default();
    let (_, workshop_id, code) = app.round_with_workshop(&mut facilitator).await;
    let mut participant = Browser::default();
    app.join(&mut participant, &code, "Anna", "").await;
    for (path, browser) in
        [(format!("/join/{code}"), &participant), (format!("/workshops/{workshop_id}"), &facilitator)]
    {
        let response = tower::ServiceExt::oneshot(app.router.clone(), {
            let mut request = Request::get(&path);
            if let Some(cookie) = browser.cookie_header() {
                request = request.header(header::COOKIE, cookie);
            }
            request.body(Body::empty()).unwrap()
        })
        .await
        .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store", "{path}");
    }
    let board = tower::ServiceExt::oneshot(app.router.clone(), {
        Request::post("/api/get_board")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, participant.cookie_header().unwrap())
            .body(Body::from(format!("code={}", encode(&code))))
            .unwrap()
    })
    .await
    .unwrap();
    assert_eq!(board.status(), StatusCode::OK);
    assert_eq!(board.headers()[header::CACHE_CONTROL], "no-store");
}

/// A refused page: answered with `status`, and still the page with its friendly error.
fn assert_refused(page: &Reply, path: &str, status: StatusCode, says: &str) {
    assert_eq!(page.status, status, "{path}");
    assert!(page.text.contains("<html"), "{path}: still the friendly page");
    assert!(page.text.contains(says), "{path}: says {says:?}: {}", page.text);
}

#[tokio::test]
async fn pages_the_caller_may_not_see_answer_with_their_status() {
    use app::error::AppError;
    use app::i18n::Lang;
    let (t, report) = (Lang::Sv.texts(), Lang::Sv.report_texts());
    let app = TestApp::new().await;
    let mut owner = Browser::default();
    let (round_id, workshop_id, _) = app.round_with_workshop(&mut owner).await;
    let unknown_code = AppError::UnknownCode.message(Lang::Sv);
    for path in ["/join/KXMW4T", "/join/inte-en-kod"] {
        let page = app.get(&mut Browser::default(), path).await;
        assert_refused(&page, path, StatusCode::NOT_FOUND, &unknown_code);
    }
    // Another facilitator, and an analyst the round is not shared with: each page says so.
    let forbidden = AppError::Forbidden.message(Lang::Sv);
    let pages = [
        (format!("/workshops/{workshop_id}"), t.facilitator_only.to_string()),
        (format!("/workshops/{workshop_id}/present"), t.facilitator_only.to_string()),
        (format!("/rounds/{round_id}"), forbidden),
        (format!("/rounds/{round_id}/analysis"), report.analysis_forbidden.to_string()),
    ];
    let mut other = app.signed_in("facilitator").await;
    let mut analyst = app.signed_in("analyst").await;
    for (path, says) in &pages {
        assert_refused(&app.get(&mut other, path).await, path, StatusCode::FORBIDDEN, says);
        assert_refused(&app.get(&mut analyst, path).await, path, StatusCode::FORBIDDEN, says);
        let not_signed_in = app.get(&mut Browser::default(), path).await;
        let sign_in = Lang::Sv.account_texts().sign_in_needed;
        assert_refused(&not_signed_in, path, StatusCode::UNAUTHORIZED, sign_in);
        assert_eq!(app.get(&mut owner, path).await.status, StatusCode::OK, "{path} for its owner");
    }
    // An id that is none, or names nothing.
    let not_found = AppError::NotFound.message(Lang::Sv);
    let unknown = uuid::Uuid::new_v4();
    for path in [
        "/workshops/inte-ett-id".to_string(),
        "/workshops/inte-ett-id/present".to_string(),
        "/rounds/inte-ett-id".to_string(),
        "/rounds/inte-ett-id/analysis".to_string(),
        format!("/workshops/{unknown}"),
        format!("/rounds/{unknown}"),
    ] {
        assert_refused(&app.get(&mut owner, &path).await, &path, StatusCode::NOT_FOUND, &not_found);
    }
}

#[tokio::test]
async fn more_than_ten_prompts_is_said_so() {
    let app = TestApp::new().await;
    let mut facilitator = Browser::default();
    let (round_id, _, _) = app.round_with_workshop(&mut facilitator).await;
    let prompts: Vec<String> = (1..=11).map(|n| format!("Fråga {n}?")).collect();
    let prompts = prompts.join("\n");
    let form = [
        ("round_id", round_id.as_str()),
        ("title", "Många frågor"),
        ("sector", "Hälsa"),
        ("held_on", ""),
        ("prompts", prompts.as_str()),
    ];
    let reply = app.call(&mut facilitator, "create_workshop", &form).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.text);
    assert_eq!(reply.error(), "too_many");
    assert_eq!(reply.json["max"], 10);
    let message = reply.json["message"].as_str().unwrap();
    assert!(message.contains("10") && !message.contains("300"), "{message}");
}
