//! Hostile and broken requests against a real SQLite file: each gets a clear error with the
//! right status, and the board afterwards shows that nothing changed.

mod common;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use app::model::ids::NoteId;
use app::model::live::{ClientMessage, ServerMessage};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Request, StatusCode, header};
use common::net::{RunningServer, Workshop, create_workshop, open_socket, post_form, receive, send};
use common::{Browser, Reply, TestApp};
use tower::ServiceExt;
use uuid::Uuid;

/// A workshop with one joined participant: (workshop id, join code, facilitator, participant).
async fn workshop_with_participant(app: &TestApp) -> (String, String, Browser, Browser) {
    let mut facilitator = Browser::default();
    let (_, workshop_id, code) = app.round_with_workshop(&mut facilitator).await;
    let mut participant = Browser::default();
    let joined = app.join(&mut participant, &code, "Anna", "Region Uppsala").await;
    assert_eq!(joined.status, StatusCode::OK, "{}", joined.text);
    (workshop_id, code, facilitator, participant)
}

/// A raw POST to a server function with the participant's cookie and extra headers.
fn post(function: &str, browser: &Browser, content_type: &str) -> axum::http::request::Builder {
    let mut request = Request::post(format!("/api/{function}"))
        .header(header::HOST, "klustra.test")
        .header(header::CONTENT_TYPE, content_type)
        .header(header::ACCEPT, "application/json");
    if let Some(cookie) = browser.cookie_header() {
        request = request.header(header::COOKIE, cookie);
    }
    request
}

fn note_form(workshop_id: &str, text: &str) -> String {
    format!("workshop_id={workshop_id}&note_id={}&text={text}", Uuid::new_v4())
}

/// Sends a request and returns the reply with its headers.
async fn send_raw(app: &TestApp, request: Request<Body>) -> (Reply, HeaderMap) {
    let response = app.router.clone().oneshot(request).await.expect("router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 24).await.unwrap();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let json = serde_json::from_str(&text).unwrap_or(serde_json::Value::Null);
    (Reply { status, json, text }, headers)
}

#[tokio::test]
async fn over_long_fields_are_refused_and_nothing_is_stored() {
    let app = TestApp::new().await;
    let (workshop_id, code, mut facilitator, mut participant) = workshop_with_participant(&app).await;

    let note = app.add_note(&mut participant, &workshop_id, &"å".repeat(501)).await;
    assert_eq!((note.status, note.error()), (StatusCode::BAD_REQUEST, "too_long"), "{}", note.text);
    assert_eq!(note.json["field"], "note");
    assert_eq!(note.json["max"], 500);
    let name = app.join(&mut participant, &code, &"N".repeat(10_000), "").await;
    assert_eq!((name.status, name.error()), (StatusCode::BAD_REQUEST, "too_long"));
    let title = app.call(&mut facilitator, "create_round", &[("title", &"T".repeat(5_000))]).await;
    assert_eq!((title.status, title.error()), (StatusCode::BAD_REQUEST, "too_long"));

    assert!(app.notes(&mut participant, &code).await.is_empty());
    let rounds = app.call(&mut facilitator, "list_rounds", &[]).await;
    assert_eq!(rounds.json.as_array().unwrap().len(), 1, "no round was added");
    let board = app.call(&mut facilitator, "get_facilitator_board", &[("workshop_id", &workshop_id)]).await;
    assert_eq!(board.json["participant_count"], 1, "{}", board.text);
}

#[tokio::test]
async fn invalid_utf8_in_a_form_body_is_a_malformed_request() {
    let app = TestApp::new().await;
    let (workshop_id, code, _, mut participant) = workshop_with_participant(&app).await;

    // Percent-encoded bytes that are not UTF-8, and raw bytes that are not either.
    let encoded = note_form(&workshop_id, "%FF%FE%FD");
    let mut raw = note_form(&workshop_id, "").into_bytes();
    raw.extend_from_slice(b"\xff\xfe ok");
    for body in [encoded.into_bytes(), raw] {
        let request = post("add_note", &participant, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        let (reply, _) = send_raw(&app, request).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.text);
        assert_eq!(reply.error(), "malformed_request");
    }
    assert!(app.notes(&mut participant, &code).await.is_empty());
}

#[tokio::test]
async fn huge_bodies_are_refused_with_413_before_they_are_read() {
    let app = TestApp::new().await;
    let (workshop_id, code, _, mut participant) = workshop_with_participant(&app).await;
    let huge_text = "a".repeat(server::access::security::MAX_BODY_BYTES + 1);

    let form = post("add_note", &participant, "application/x-www-form-urlencoded")
        .body(Body::from(note_form(&workshop_id, &huge_text)))
        .unwrap();
    let json_body =
        serde_json::json!({ "workshop_id": workshop_id, "note_id": Uuid::new_v4(), "text": huge_text });
    let json =
        post("add_note", &participant, "application/json").body(Body::from(json_body.to_string())).unwrap();
    // Streamed in chunks, so no Content-Length announces the size.
    let chunks = (0..20).map(|_| Ok::<_, std::io::Error>(vec![b'a'; 8 * 1024]));
    let streamed = post("add_note", &participant, "application/x-www-form-urlencoded")
        .body(Body::from_stream(futures_util::stream::iter(chunks)))
        .unwrap();
    for request in [form, json, streamed] {
        let (reply, _) = send_raw(&app, request).await;
        assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", reply.text);
        assert_eq!(reply.error(), "too_large");
        // In the interface's language: Swedish, as this browser chose no other.
        assert!(reply.json["message"].as_str().unwrap().contains("64 kB"), "{}", reply.text);
    }
    assert!(app.notes(&mut participant, &code).await.is_empty());
}

#[tokio::test]
async fn unknown_ids_are_not_found() {
    let app = TestApp::new().await;
    let (workshop_id, code, mut facilitator, mut participant) = workshop_with_participant(&app).await;
    let unknown = Uuid::new_v4().to_string();

    let facilitator_cases: [(&str, Vec<(&str, &str)>); 3] = [
        ("get_round", vec![("round_id", &unknown)]),
        ("get_facilitator_board", vec![("workshop_id", &unknown)]),
        ("rename_theme", vec![("theme_id", &unknown), ("name", "X")]),
    ];
    for (function, form) in facilitator_cases {
        let reply = app.call(&mut facilitator, function, &form).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{function}: {}", reply.text);
    }
    let participant_cases: [(&str, Vec<(&str, &str)>); 3] = [
        ("edit_note", vec![("note_id", &unknown), ("text", "Ny text")]),
        ("delete_note", vec![("note_id", &unknown)]),
        ("get_board", vec![("code", "ZZZ-ZZZ")]),
    ];
    for (function, form) in participant_cases {
        let reply = app.call(&mut participant, function, &form).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{function}: {}", reply.text);
    }
    let note = app.add_note(&mut participant, &unknown, "Till en workshop som inte finns").await;
    assert!(matches!(note.status.as_u16(), 401 | 404), "{}", note.text);
    let page = app.get(&mut facilitator, &format!("/rounds/{unknown}/analysis")).await;
    assert!(page.text.contains("role=\"alert\""), "the page says so");
    let page = app.get(&mut participant, &format!("/rounds/{unknown}/analysis")).await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED, "not signed in: a sign-in link, no crash");
    assert!(page.text.contains("/login?next="), "{}", page.text);
    assert!(app.notes(&mut participant, &code).await.is_empty());
    let board = app.call(&mut facilitator, "get_facilitator_board", &[("workshop_id", &workshop_id)]).await;
    assert_eq!(board.status, StatusCode::OK);
}

#[tokio::test]
async fn sql_and_markup_looking_text_is_stored_literally_and_shown_escaped() {
    let app = TestApp::new().await;
    let (workshop_id, code, mut facilitator, _) = workshop_with_participant(&app).await;
    let mut eve = Browser::default();
    app.join(&mut eve, &code, "<img src=x onerror=alert(1)>", "'; DROP TABLE participants; --").await;
    let texts = ["'; DROP TABLE notes; --", "<script>alert('x')</script>", "\" onmouseover=\"alert(1)"];
    for text in texts {
        let stored = app.add_note(&mut eve, &workshop_id, text).await;
        assert_eq!(stored.json["text"], text, "{}", stored.text);
    }

    let board = app.notes(&mut eve, &code).await;
    let stored: Vec<_> = board.iter().map(|note| note["text"].as_str().unwrap()).collect();
    assert_eq!(stored, texts, "stored literally, and the tables are still there");
    for page in [format!("/join/{code}"), format!("/workshops/{workshop_id}")] {
        let browser = if page.starts_with("/join") { &mut eve } else { &mut facilitator };
        let html = app.get(browser, &page).await.text;
        // The facilitator's board loads its notes as data once the page runs; the
        // participant's page is rendered with them.
        if page.starts_with("/join") {
            assert!(html.contains("&lt;script&gt;alert("), "{page}: shown as text");
        }
        assert!(!html.contains("<script>alert("), "{page}: never markup");
        assert!(!html.contains("<img src=x"), "{page}: names are escaped too");
        let mut tags = html.split('<').map(|tag| tag.split('>').next().unwrap_or_default());
        assert!(
            !tags.any(|tag| tag.contains("onmouseover") || tag.contains("onerror")),
            "{page}: no attribute breaks out"
        );
    }
}

#[tokio::test]
async fn cross_site_posts_are_refused_and_change_nothing() {
    let app =
        TestApp::with_config(|config| config.allowed_origins = vec!["https://intra.example".into()]).await;
    let (workshop_id, code, _, mut participant) = workshop_with_participant(&app).await;

    let forged = [
        vec![("origin", "https://evil.example")],
        vec![("sec-fetch-site", "cross-site")],
        vec![("origin", "http://klustra.test"), ("sec-fetch-site", "cross-site")],
        vec![("origin", "null")],
    ];
    for headers in forged {
        let mut request = post("add_note", &participant, "application/x-www-form-urlencoded");
        for (name, value) in &headers {
            request = request.header(*name, *value);
        }
        let (reply, _) =
            send_raw(&app, request.body(Body::from(note_form(&workshop_id, "Förfalskad"))).unwrap()).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{headers:?}: {}", reply.text);
        assert_eq!(reply.error(), "cross_site", "{headers:?}");
    }
    assert!(app.notes(&mut participant, &code).await.is_empty(), "nothing was stored");

    // This site's own pages, a configured origin and a client without browser headers pass.
    let allowed = [
        vec![("origin", "http://klustra.test"), ("sec-fetch-site", "same-origin")],
        vec![("origin", "https://intra.example")],
        vec![],
    ];
    for headers in allowed {
        let mut request = post("add_note", &participant, "application/x-www-form-urlencoded");
        for (name, value) in &headers {
            request = request.header(*name, *value);
        }
        let (reply, _) =
            send_raw(&app, request.body(Body::from(note_form(&workshop_id, "Äkta"))).unwrap()).await;
        assert_eq!(reply.status, StatusCode::OK, "{headers:?}: {}", reply.text);
    }
    assert_eq!(app.notes(&mut participant, &code).await.len(), 3);
}

#[tokio::test]
async fn every_response_has_the_security_headers_and_pages_use_the_nonce() {
    let app = TestApp::new().await;
    let mut visitor = Browser::default();
    let mut nonces = Vec::new();
    for path in ["/", "/join", "/no/such/page"] {
        let request = Request::get(path).body(Body::empty()).unwrap();
        let (page, headers) = send_raw(&app, request).await;
        let policy = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_string();
        assert!(!policy.contains("unsafe-inline"), "{policy}");
        let nonce =
            policy.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).unwrap().to_string();
        let scripts = page.text.matches("<script").count();
        assert!(scripts > 0, "{path}");
        assert_eq!(page.text.matches(&format!("nonce=\"{nonce}\"")).count(), scripts, "{path}: every script");
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(headers[header::X_FRAME_OPTIONS], "DENY");
        assert_eq!(headers[header::REFERRER_POLICY], "same-origin");
        assert!(headers.contains_key("permissions-policy"));
        nonces.push(nonce);
    }
    assert!(nonces[0] != nonces[1], "a fresh nonce per request");
    let api = app.call(&mut visitor, "current_user", &[]).await;
    assert_eq!(api.status, StatusCode::OK);
    let request = Request::get("/healthz").body(Body::empty()).unwrap();
    let (_, headers) = send_raw(&app, request).await;
    assert!(headers.contains_key(header::CONTENT_SECURITY_POLICY), "plain routes too");
    // Every page names its icon; the tab shows it instead of a 404.
    let (page, _) = send_raw(&app, Request::get("/join").body(Body::empty()).unwrap()).await;
    assert!(
        page.text.contains(r#"<link rel="icon" type="image/svg+xml" href="/favicon.svg">"#),
        "{}",
        page.text
    );
    let (icon, headers) = send_raw(&app, Request::get("/favicon.svg").body(Body::empty()).unwrap()).await;
    assert_eq!(icon.status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "image/svg+xml");
    assert!(icon.text.starts_with("<svg"));
}

#[tokio::test]
async fn cookies_are_http_only_lax_and_secure_behind_https() {
    for (public_url, secure) in [("http://klustra.test", false), ("https://klustra.example", true)] {
        let app = TestApp::with_config(|config| config.public_url = Some(public_url.into())).await;
        let email = app.account("facilitator").await;
        let form = format!("email={}&password={}", common::encode(&email), common::encode(common::PASSWORD));
        let request = Request::post("/api/sign_in")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(form))
            .unwrap();
        let (reply, headers) = send_raw(&app, request).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        let mut cookies: Vec<String> =
            headers.get_all(header::SET_COOKIE).iter().map(|v| v.to_str().unwrap().to_string()).collect();
        assert!(cookies.iter().any(|c| c.starts_with("klustra_device=")), "{cookies:?}");
        assert!(cookies.iter().any(|c| c.starts_with("klustra_session=")), "{cookies:?}");
        let (_, headers) = send_raw(&app, Request::get("/lang/en?next=/").body(Body::empty()).unwrap()).await;
        cookies.push(headers[header::SET_COOKIE].to_str().unwrap().to_string());
        for cookie in cookies {
            assert!(cookie.contains("; HttpOnly"), "{cookie}");
            assert!(cookie.contains("; SameSite=Lax"), "{cookie}");
            assert_eq!(cookie.contains("; Secure"), secure, "{public_url}: {cookie}");
        }
    }
}

#[tokio::test]
async fn one_participants_flood_is_throttled_but_not_their_neighbours() {
    // A real server: both participants come from 127.0.0.1, like one agency behind a NAT.
    let server = RunningServer::start(|_| {}).await;
    let addr = server.addr;
    let Workshop { id: workshop_id, code, .. } = create_workshop(addr, server.dir.path()).await;
    let join = [("code", code.as_str()), ("display_name", ""), ("organisation", "")];
    let flooder = post_form(addr, "/api/join_workshop", &join, None).await.unwrap().set_cookie.unwrap();
    let neighbour = post_form(addr, "/api/join_workshop", &join, None).await.unwrap().set_cookie.unwrap();

    let burst = server::access::security::DEVICE_BUDGET.burst as usize;
    let mut accepted = 0;
    let mut refused = None;
    let started = Instant::now();
    for n in 0..burst + 15 {
        let id = Uuid::new_v4().to_string();
        let text = format!("lapp {n}");
        let form = [("workshop_id", workshop_id.as_str()), ("note_id", &id), ("text", &text)];
        let reply = post_form(addr, "/api/add_note", &form, Some(&flooder)).await.unwrap();
        match reply.status {
            200 => accepted += 1,
            429 => refused = Some(reply.json),
            other => panic!("unexpected {other}: {:?}", reply.json),
        }
    }
    let refused = refused.expect("the flood was throttled");
    assert_eq!(refused["error"], "too_many_requests");
    assert!(refused["retry_after"].as_u64().is_some_and(|s| s >= 1), "{refused}");
    // The burst, plus what the steady rate refilled while the flood ran.
    let refilled = (started.elapsed().as_secs_f64() * 10.0).ceil() as usize;
    assert!(accepted >= burst && accepted <= burst + refilled, "{accepted} accepted");

    let id = Uuid::new_v4().to_string();
    let form = [("workshop_id", workshop_id.as_str()), ("note_id", &id), ("text", "grannen")];
    let other = post_form(addr, "/api/add_note", &form, Some(&neighbour)).await.unwrap();
    assert_eq!(other.status, 200, "the neighbour behind the same address: {:?}", other.json);

    let board = post_form(addr, "/api/get_board", &[("code", &code)], Some(&neighbour)).await.unwrap();
    assert_eq!(board.json["notes"].as_array().unwrap().len(), accepted + 1, "refused notes were not stored");
    server.stop().await;
}

#[tokio::test]
async fn requests_without_a_device_share_a_budget_per_address_with_retry_after() {
    let app = TestApp::new().await;
    let from = |ip: [u8; 4]| {
        let mut request = Request::post("/api/current_user")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::empty())
            .unwrap();
        request.extensions_mut().insert(ConnectInfo(SocketAddr::from((ip, 40000))));
        request
    };
    // The budget refills while the requests run (slower on PostgreSQL), so count the
    // requests served before the first refusal instead of expecting it at an exact one.
    let burst = server::access::security::ADDRESS_BUDGET.burst as usize;
    let mut served = 0;
    let (limited, headers) = loop {
        let (reply, headers) = send_raw(&app, from([10, 0, 0, 1])).await;
        if reply.status != StatusCode::OK || served > 2 * burst {
            break (reply, headers);
        }
        served += 1;
    };
    assert!(served >= burst, "the whole burst is served first ({served})");
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS, "{}", limited.text);
    assert_eq!(limited.error(), "too_many_requests");
    assert_eq!(headers[header::RETRY_AFTER], "1");
    assert_eq!(send_raw(&app, from([10, 0, 0, 2])).await.0.status, StatusCode::OK, "another address");
}

#[tokio::test]
async fn notes_flooding_the_socket_are_paced_and_none_is_lost() {
    let server = RunningServer::start(|_| {}).await;
    let addr = server.addr;
    let Workshop { id: workshop_id, code, .. } = create_workshop(addr, server.dir.path()).await;
    let join = [("code", code.as_str()), ("display_name", ""), ("organisation", "")];
    let cookie = post_form(addr, "/api/join_workshop", &join, None).await.unwrap().set_cookie.unwrap();

    let mut socket = open_socket(addr, &workshop_id, Some(&cookie), None).await.unwrap();
    let budget = server::access::security::DEVICE_BUDGET;
    let extra = 10;
    let total = budget.burst as usize + extra;
    let started = Instant::now();
    for n in 0..total {
        send(&mut socket, &ClientMessage::AddNote { id: NoteId::random(), text: format!("lapp {n}") }).await;
    }
    let mut acked = 0;
    while acked < total {
        match receive(&mut socket, Duration::from_secs(5)).await {
            Some(ServerMessage::Ack { .. }) => acked += 1,
            Some(ServerMessage::Nack { error, .. }) => panic!("refused: {error:?}"),
            Some(_) => {}
            None => panic!("only {acked} of {total} acknowledged"),
        }
    }
    let least = Duration::from_secs_f64((extra as f64 - 1.0) / budget.per_second);
    assert!(started.elapsed() >= least, "paced: {:?}", started.elapsed());
    let board = post_form(addr, "/api/get_board", &[("code", &code)], Some(&cookie)).await.unwrap();
    assert_eq!(board.json["notes"].as_array().unwrap().len(), total);
    server.stop().await;
}
