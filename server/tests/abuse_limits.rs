//! Limits a client cannot reset: sign-in guessing without cookies, join-code guessing with
//! made-up cookies, note pacing over several sockets of one device, hello and ping floods,
//! and clients that send their request too slowly.

mod common;

use std::time::{Duration, Instant};

use app::model::ids::NoteId;
use app::model::live::{ClientMessage, ServerMessage};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::net::{RunningServer, Socket, Workshop, create_workshop, open_socket, post_form, receive, send};
use common::{Browser, PASSWORD, Reply, TestApp, encode};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use uuid::Uuid;

/// A form POST to a server function from `address` (through the trusted proxy header the
/// app is configured with), with an optional cookie.
async fn post_from(
    app: &TestApp,
    address: &str,
    function: &str,
    form: &[(&str, &str)],
    cookie: Option<&str>,
) -> Reply {
    let body = form.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&");
    let mut request = Request::post(format!("/api/{function}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header("x-forwarded-for", address);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    app.send(&mut Browser::default(), request.body(Body::from(body)).unwrap()).await
}

/// An app behind a proxy that says who the client is in `X-Forwarded-For`.
async fn behind_proxy() -> TestApp {
    TestApp::with_config(|config| config.trusted_proxy_header = Some("X-Forwarded-For".into())).await
}

/// A device cookie this server never issued.
fn forged_cookie() -> String {
    format!("klustra_device={}{}", Uuid::new_v4().simple(), Uuid::new_v4().simple())
}

#[tokio::test]
async fn sign_in_guessing_without_cookies_is_refused_from_the_sixth_try_per_account() {
    let app = behind_proxy().await;
    let email = app.account("facilitator").await;
    let burst = server::access::security::SIGN_IN_BUDGET.burst as usize;
    assert_eq!(burst, 5);
    // Every try from a new address and without any cookie: nothing ties them together but
    // the account.
    for n in 0..burst {
        let wrong = post_from(
            &app,
            &format!("10.0.1.{n}"),
            "sign_in",
            &[("email", &email), ("password", "gissning nr ett")],
            None,
        )
        .await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED, "try {}: {}", n + 1, wrong.text);
    }
    let sixth =
        post_from(&app, "10.0.1.99", "sign_in", &[("email", &email), ("password", "gissning nr sex")], None)
            .await;
    assert_eq!(sixth.status, StatusCode::TOO_MANY_REQUESTS, "{}", sixth.text);
    assert_eq!(sixth.error(), "too_many_requests");
    let right =
        post_from(&app, "10.0.1.100", "sign_in", &[("email", &email), ("password", PASSWORD)], None).await;
    assert_eq!(
        right.status,
        StatusCode::TOO_MANY_REQUESTS,
        "not even the right password, until the window passes"
    );
    let other = app.account("facilitator").await;
    let elsewhere =
        post_from(&app, "10.0.1.101", "sign_in", &[("email", &other), ("password", PASSWORD)], None).await;
    assert_eq!(elsewhere.status, StatusCode::OK, "another account is not locked: {}", elsewhere.text);
}

#[tokio::test]
async fn sign_ins_from_one_address_are_limited_whatever_the_account() {
    let app = behind_proxy().await;
    let burst = server::access::security::SIGN_IN_ADDRESS_BUDGET.burst as usize;
    let mut refused = None;
    for n in 0..burst + 3 {
        let email = format!("okand-{n}@klustra.test");
        let reply = post_from(
            &app,
            "203.0.113.7",
            "sign_in",
            &[("email", &email), ("password", "något lösenord")],
            None,
        )
        .await;
        match reply.status {
            StatusCode::UNAUTHORIZED => {}
            StatusCode::TOO_MANY_REQUESTS => {
                refused = Some(n);
                break;
            }
            other => panic!("unexpected {other}: {}", reply.text),
        }
    }
    let refused = refused.expect("one address trying many accounts is throttled");
    assert!(refused >= burst, "the burst passes first ({refused})");
    let neighbour = post_from(
        &app,
        "203.0.113.8",
        "sign_in",
        &[("email", "okand@klustra.test"), ("password", "x")],
        None,
    )
    .await;
    assert_eq!(neighbour.status, StatusCode::UNAUTHORIZED, "another address has its own budget");
}

#[tokio::test]
async fn join_code_guessing_is_refused_with_forged_cookies_or_without() {
    let app = behind_proxy().await;
    let mut facilitator = Browser::default();
    let (_, _, code) = app.round_with_workshop(&mut facilitator).await;
    // A made-up cookie buys nothing: refused before any lookup, and told to go.
    for _ in 0..50 {
        let forged =
            post_from(&app, "198.51.100.9", "get_board", &[("code", &code)], Some(&forged_cookie())).await;
        assert_eq!(forged.status, StatusCode::UNAUTHORIZED);
        assert_eq!(forged.error(), "unknown_cookie");
    }
    let alphabet = app::model::JoinCode::ALPHABET;
    let mut refused = 0;
    let mut first_refusal = None;
    for n in 0..100 {
        let guess: String = Uuid::new_v4().as_bytes()[..6]
            .iter()
            .map(|b| alphabet[usize::from(*b) % alphabet.len()] as char)
            .collect();
        if guess == code {
            continue;
        }
        let reply = post_from(&app, "198.51.100.9", "get_board", &[("code", &guess)], None).await;
        match reply.status {
            StatusCode::NOT_FOUND => {}
            StatusCode::TOO_MANY_REQUESTS => {
                refused += 1;
                first_refusal.get_or_insert(n);
            }
            other => panic!("unexpected {other}: {}", reply.text),
        }
    }
    let budget = server::access::security::JOIN_CODE_ADDRESS_BUDGET.burst as usize;
    assert!(
        first_refusal.is_some_and(|n| n >= budget && n <= budget + 2),
        "first refusal at {first_refusal:?}"
    );
    assert!(refused >= 100 - budget - 5, "{refused} of 100 guesses refused");
    let page =
        Request::get("/join/KXMW4T").header("x-forwarded-for", "198.51.100.9").body(Body::empty()).unwrap();
    let page = app.send(&mut Browser::default(), page).await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS, "the join page is no way around it");

    // The guesser's address cannot use even the right code for now; a room elsewhere can,
    // and right codes cost nothing, so a room of 300 behind one address joins freely.
    let guesser = post_from(&app, "198.51.100.9", "get_board", &[("code", &code)], None).await;
    assert_eq!(guesser.status, StatusCode::TOO_MANY_REQUESTS);
    for _ in 0..2 * budget {
        let join = [("code", code.as_str()), ("display_name", ""), ("organisation", "Region Syd")];
        let joined = post_from(&app, "192.0.2.44", "join_workshop", &join, None).await;
        assert_eq!(joined.status, StatusCode::OK, "{}", joined.text);
    }
}

/// A plenary: 300 people behind one address (one NAT) press "join" at the same moment. Right
/// codes cost nothing, so none of them may be refused, even while hundreds of lookups are
/// still under way; wrong codes sent at once are still held to the budget.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_room_of_300_joining_at_once_through_one_address_all_get_in() {
    let app = behind_proxy().await;
    let mut facilitator = Browser::default();
    let (_, _, code) = app.round_with_workshop(&mut facilitator).await;
    let join = [("code", code.as_str()), ("display_name", ""), ("organisation", "")];
    let joins = (0..300).map(|_| post_from(&app, "192.0.2.77", "join_workshop", &join, None));
    let statuses: Vec<StatusCode> =
        futures_util::future::join_all(joins).await.iter().map(|r| r.status).collect();
    let refused = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    assert_eq!(refused, 0, "{refused} of 300 joins refused");
    assert!(statuses.iter().all(|s| *s == StatusCode::OK), "{statuses:?}");

    // Wrong codes at once from another address: waiting for lookups under way must not let
    // more of them through than the budget.
    let budget = server::access::security::JOIN_CODE_ADDRESS_BUDGET.burst as usize;
    let alphabet = app::model::JoinCode::ALPHABET;
    let first = if code.starts_with('A') { 'C' } else { 'A' };
    let guesses = (0..budget + 20).map(|n| {
        let guess = format!("{first}{}{}", &code[1..5], alphabet[n % alphabet.len()] as char);
        let app = &app;
        async move { post_from(app, "192.0.2.78", "get_board", &[("code", &guess)], None).await.status }
    });
    let answers = futures_util::future::join_all(guesses).await;
    let looked_up = answers.iter().filter(|s| **s == StatusCode::NOT_FOUND).count();
    assert!(
        (budget..=budget + 2).contains(&looked_up),
        "{looked_up} wrong codes looked up, budget {budget}: {answers:?}"
    );
    let refused = answers.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    assert_eq!(looked_up + refused, budget + 20, "{answers:?}");
}

/// A participant of a new workshop on `server`: its cookie and the workshop's id.
async fn joined_participant(server: &RunningServer) -> (String, String) {
    let Workshop { id, code, .. } = create_workshop(server.addr, server.dir.path()).await;
    let join = [("code", code.as_str()), ("display_name", ""), ("organisation", "")];
    let joined = post_form(server.addr, "/api/join_workshop", &join, None).await.unwrap();
    assert_eq!(joined.status, 200, "{:?}", joined.json);
    (joined.set_cookie.unwrap(), id)
}

/// Sends `per_socket` notes on each of `sockets` sockets of one device at once; returns how
/// long until every note was acknowledged, failing if one is refused or takes past `limit`.
async fn flood(server: &RunningServer, sockets: usize, per_socket: usize, limit: Duration) -> Duration {
    let (cookie, workshop_id) = joined_participant(server).await;
    let mut opened = Vec::new();
    for _ in 0..sockets {
        opened.push(open_socket(server.addr, &workshop_id, Some(&cookie), None).await.expect("socket opens"));
    }
    let started = Instant::now();
    let tasks: Vec<_> = opened
        .into_iter()
        .enumerate()
        .map(|(s, mut socket)| {
            tokio::spawn(async move {
                for n in 0..per_socket {
                    let note =
                        ClientMessage::AddNote { id: NoteId::random(), text: format!("uttag {s}-{n}") };
                    send(&mut socket, &note).await;
                }
                let mut acked = 0;
                while acked < per_socket {
                    match receive(&mut socket, limit).await {
                        Some(ServerMessage::Ack { .. }) => acked += 1,
                        Some(ServerMessage::Nack { error, .. }) => panic!("refused: {error:?}"),
                        Some(_) => {}
                        None => panic!("socket {s}: only {acked} of {per_socket} acknowledged"),
                    }
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("every socket made progress");
    }
    started.elapsed()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notes_of_one_device_go_at_the_documented_rate_over_one_two_or_three_sockets() {
    let server = RunningServer::start(|_| {}).await;
    let budget = server::access::security::DEVICE_BUDGET;
    let total = budget.burst as usize + 20;
    // Beyond the burst, 20 notes at 10 a second: two seconds, whatever the sockets.
    let expected = Duration::from_secs_f64(20.0 / budget.per_second);
    for sockets in [1, 2, 3] {
        let took = flood(&server, sockets, total / sockets, Duration::from_secs(10)).await;
        let sent = (total / sockets) * sockets;
        let least = Duration::from_secs_f64((sent - budget.burst as usize) as f64 / budget.per_second)
            - Duration::from_millis(200);
        assert!(took >= least, "{sockets} socket(s): {sent} notes in {took:?}, faster than the budget");
        assert!(
            took < expected + Duration::from_millis(1500),
            "{sockets} socket(s): {sent} notes took {took:?}"
        );
    }
    server.stop().await;
}

/// Counts the answers to `message` sent `times` times at once, until the socket closes or
/// goes quiet; returns (answers, whether a goodbye came).
async fn flood_with(socket: &mut Socket, message: ClientMessage, times: usize) -> (usize, bool) {
    for _ in 0..times {
        send(socket, &message).await;
    }
    let (mut answers, mut bye) = (0, false);
    while let Some(reply) = receive(socket, Duration::from_secs(2)).await {
        match reply {
            ServerMessage::Welcome { .. } | ServerMessage::Pong => answers += 1,
            ServerMessage::Bye { .. } => bye = true,
            _ => {}
        }
    }
    (answers, bye)
}

#[tokio::test]
async fn hello_and_ping_floods_are_cut_off() {
    let server = RunningServer::start(|_| {}).await;
    let (cookie, workshop_id) = joined_participant(&server).await;
    let mut socket = open_socket(server.addr, &workshop_id, Some(&cookie), None).await.unwrap();
    let (welcomes, bye) = flood_with(&mut socket, ClientMessage::Hello { last_seq: 0 }, 50).await;
    assert!(bye, "the flooding socket is told goodbye");
    assert!(welcomes <= 6, "{welcomes} catch-ups for 50 hellos");

    let mut socket = open_socket(server.addr, &workshop_id, Some(&cookie), None).await.unwrap();
    let (pongs, bye) = flood_with(&mut socket, ClientMessage::Ping, 50).await;
    assert!(bye, "the pinging socket is told goodbye");
    assert!(pongs <= 6, "{pongs} pongs for 50 pings");

    // A board that behaves (one hello, a ping now and then) is not affected.
    let mut calm = open_socket(server.addr, &workshop_id, Some(&cookie), None).await.unwrap();
    let (answers, bye) = flood_with(&mut calm, ClientMessage::Hello { last_seq: 0 }, 1).await;
    assert_eq!((answers, bye), (1, false));
    let (answers, bye) = flood_with(&mut calm, ClientMessage::Ping, 2).await;
    assert_eq!((answers, bye), (2, false));
    server.stop().await;
}

/// Writes `sent` to a new connection and says how long until the server closed it (reading
/// whatever it answered), or `None` if it was still open after `wait`.
async fn closed_after(addr: std::net::SocketAddr, sent: &str, wait: Duration) -> Option<(Duration, String)> {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.write_all(sent.as_bytes()).await.unwrap();
    let started = Instant::now();
    let mut answer = Vec::new();
    let mut buffer = [0u8; 1024];
    loop {
        match tokio::time::timeout(wait.saturating_sub(started.elapsed()), stream.read(&mut buffer)).await {
            Ok(Ok(0) | Err(_)) => {
                return Some((started.elapsed(), String::from_utf8_lossy(&answer).into_owned()));
            }
            Ok(Ok(n)) => answer.extend_from_slice(&buffer[..n]),
            Err(_) => return None,
        }
    }
}

#[tokio::test]
async fn clients_that_send_their_request_too_slowly_are_closed() {
    let server = RunningServer::start(|config| config.read_timeout_secs = 1).await;
    let wait = Duration::from_secs(5);
    let half_header = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
    let (took, _) =
        closed_after(server.addr, half_header, wait).await.expect("half a header is not waited for");
    assert!(took < Duration::from_secs(3), "closed after {took:?}");

    let half_body = "POST /api/current_user HTTP/1.1\r\nHost: 127.0.0.1\r\n\
                     Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nemail=";
    let (took, answer) =
        closed_after(server.addr, half_body, wait).await.expect("half a body is not waited for");
    assert!(took < Duration::from_secs(3), "closed after {took:?}");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");

    let healthy = closed_after(
        server.addr,
        "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
        wait,
    )
    .await;
    assert!(
        healthy.is_some_and(|(_, answer)| answer.starts_with("HTTP/1.1 200")),
        "a whole request is served"
    );
    server.stop().await;
}

/// Reads one whole `/healthz` answer (its body is `ok`) from `stream`.
async fn read_health_answer(stream: &mut tokio::net::TcpStream) -> String {
    let mut answer = Vec::new();
    let mut buffer = [0u8; 1024];
    while !answer.ends_with(b"ok") {
        let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buffer))
            .await
            .expect("answered")
            .unwrap();
        assert!(n > 0, "closed before answering: {}", String::from_utf8_lossy(&answer));
        answer.extend_from_slice(&buffer[..n]);
    }
    String::from_utf8_lossy(&answer).into_owned()
}

#[tokio::test]
async fn a_kept_alive_connection_outlasts_the_header_timeout_between_requests() {
    let server = RunningServer::start(|config| {
        config.read_timeout_secs = 1;
        config.keep_alive_secs = 3;
    })
    .await;
    let request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    let mut stream = tokio::net::TcpStream::connect(server.addr).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    assert!(read_health_answer(&mut stream).await.starts_with("HTTP/1.1 200"));

    // Idle for twice the header timeout, as a client between two clicks: still served.
    tokio::time::sleep(Duration::from_secs(2)).await;
    stream.write_all(request.as_bytes()).await.expect("the connection is still open");
    assert!(read_health_answer(&mut stream).await.starts_with("HTTP/1.1 200"));

    // Idle past the keep-alive allowance: closed.
    let started = Instant::now();
    let mut buffer = [0u8; 64];
    let end = tokio::time::timeout(Duration::from_secs(6), stream.read(&mut buffer)).await;
    assert!(matches!(end, Ok(Ok(0) | Err(_))), "closed, not {end:?}");
    let took = started.elapsed();
    assert!((Duration::from_millis(2_500)..Duration::from_secs(5)).contains(&took), "closed after {took:?}");
    server.stop().await;
}
