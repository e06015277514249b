//! Limits no client can reset, tried from real clients on 127.0.0.1 against a real server:
//! clients that never read, cookies made up or re-cased, a hammered heavy endpoint, a
//! device opening sockets by the dozen and a board reconnecting in a loop. Every test is
//! bounded in count and time.

mod common;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use app::model::live::{ClientMessage, ServerMessage};
use common::net::{
    HttpReply, RunningServer, create_workshop, follow, get_page, join, open_socket, post_form, receive, send,
};
use futures_util::StreamExt;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio_tungstenite::tungstenite::Message;
use uuid::Uuid;

/// The server binary started as a process of its own, the way an operator starts it.
struct ServerProcess {
    child: std::process::Child,
    addr: SocketAddr,
    _dir: tempfile::TempDir,
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl ServerProcess {
    /// Starts `klustra` under a soft open-file limit of 1,024 (a service manager's usual),
    /// serving a site whose one file is `large_bytes` long, with `flags` added.
    fn start(large_bytes: usize, flags: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let pkg = dir.path().join("site/pkg");
        std::fs::create_dir_all(&pkg).unwrap();
        std::fs::write(pkg.join("large.bin"), vec![7u8; large_bytes]).unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let command = format!(
            "ulimit -Sn 1024 && exec '{bin}' --bind 127.0.0.1:{port} --data-dir '{data}' --site-root '{site}' \
             --embedding-model '{data}/no-model.bin' --demo false {flags}",
            bin = env!("CARGO_BIN_EXE_klustra"),
            data = dir.path().display(),
            site = dir.path().join("site").display(),
        );
        let child = std::process::Command::new("bash")
            .args(["-c", &command])
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        ServerProcess { child, addr: SocketAddr::from(([127, 0, 0, 1], port)), _dir: dir }
    }

    /// Waits until /healthz answers.
    async fn ready(&self) {
        for _ in 0..300 {
            if matches!(get_page(self.addr, "/healthz", None).await, Ok((200, _))) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the server never answered");
    }

    /// The TCP sockets the process holds open (its listener among them).
    fn open_sockets(&self) -> usize {
        let fds = std::fs::read_dir(format!("/proc/{}/fd", self.child.id())).unwrap();
        fds.filter_map(Result::ok)
            .filter(|fd| {
                std::fs::read_link(fd.path())
                    .is_ok_and(|target| target.to_string_lossy().starts_with("socket:"))
            })
            .count()
    }

    /// The process's resident memory in MB.
    fn resident_mb(&self) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let kb: f64 = status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|kb| kb.parse().ok())
            .unwrap();
        kb / 1024.0
    }
}

/// A connection from `source` that asks for `path` and then reads nothing (its receive
/// buffer is fixed, so the server's writes block once it and the server's are full).
async fn never_reading(server: SocketAddr, source: [u8; 4], path: &str) -> std::io::Result<TcpStream> {
    let socket = TcpSocket::new_v4()?;
    socket.set_recv_buffer_size(128 * 1024)?;
    socket.bind(SocketAddr::from((source, 0)))?;
    let mut stream = socket.connect(server).await?;
    let request = format!("GET {path} HTTP/1.1\r\nHost: {server}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await?;
    Ok(stream)
}

/// Raises this test process's own open-file limit: it holds both ends' worth of clients.
fn raise_own_open_file_limit() {
    let soft = server::http::open_files::raise_to_hard_limit().unwrap();
    assert!(soft >= 4096, "the test needs 1,500 client sockets; the hard open-file limit is {soft}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_that_never_read_cannot_exhaust_the_server() {
    raise_own_open_file_limit();
    const LARGE: usize = 8 * 1024 * 1024;
    const STALL_SECS: u64 = 10;
    let server = ServerProcess::start(LARGE, &format!("--write-timeout-secs {STALL_SECS}"));
    server.ready().await;

    // 1,500 connections from one address, each asking for 8 MB and reading none of it.
    let mut held = Vec::new();
    for _ in 0..1_500 {
        if let Ok(stream) = never_reading(server.addr, [127, 0, 0, 1], "/pkg/large.bin").await {
            held.push(stream);
        }
    }
    let opened = Instant::now();
    tokio::time::sleep(Duration::from_secs(1)).await;

    // Someone else, from another address, is still served at once.
    let started = Instant::now();
    let mut other = never_reading(server.addr, [127, 0, 0, 2], "/healthz").await.unwrap();
    let mut answer = String::new();
    tokio::time::timeout(Duration::from_secs(2), other.read_to_string(&mut answer))
        .await
        .expect("/healthz answers another address within 2 s")
        .unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let healthz = started.elapsed();
    let resident = server.resident_mb();
    assert!(resident < 600.0, "the server holds {resident:.0} MB");

    let sockets_held = server.open_sockets();
    assert!(sockets_held >= 900, "the server holds the connections up to its cap: {sockets_held}");

    // Past the stall limit every held connection has been closed: the server holds none,
    // and reading now gets what the kernel still held and the end, never the whole file
    // (reading would let a connection still open go on).
    tokio::time::sleep_until((opened + Duration::from_secs(STALL_SECS + 3)).into()).await;
    let sockets_left = server.open_sockets();
    assert!(sockets_left < 50, "{sockets_left} connections still open after the stall limit");
    let (mut cut, mut complete) = (0, 0);
    for mut stream in held.into_iter().step_by(50) {
        let mut received = Vec::new();
        match tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut received)).await {
            Ok(_) if received.len() > LARGE => complete += 1,
            Ok(_) => cut += 1,
            Err(_) => panic!("a stalled connection was still open {} s after its last write", STALL_SECS + 3),
        }
    }
    assert_eq!(complete, 0, "no stalled client got the whole file");
    assert_eq!(cut, 30);
    println!(
        "1,500 never-reading connections: {sockets_held} held, /healthz from another address in {} ms, server \
         resident {resident:.0} MB, {sockets_left} open {} s after the stall limit",
        healthz.as_millis(),
        3
    );
}

/// A request to a server function with `cookie`; the reply.
async fn call(
    server: &RunningServer,
    function: &str,
    form: &[(&str, &str)],
    cookie: Option<&str>,
) -> HttpReply {
    post_form(server.addr, &format!("/api/{function}"), form, cookie).await.unwrap()
}

#[tokio::test]
async fn made_up_or_recased_cookies_buy_no_budget_and_get_nothing() {
    let server = RunningServer::start(|_| {}).await;
    let workshop = create_workshop(server.addr, server.dir.path()).await;
    let anna = join(server.addr, &workshop.code, "Anna", "Skatteverket").await;
    let hint = [("workshop_id", workshop.id.as_str()), ("text", "e-legitimation för personal")];

    // 400 hints, each with a new random session cookie: every one refused, none served.
    for _ in 0..400 {
        let forged = format!("klustra_session={}{}", Uuid::new_v4().simple(), Uuid::new_v4().simple());
        let reply = call(&server, "find_similar_notes", &hint, Some(&forged)).await;
        assert_eq!(reply.status, 401, "{:?}", reply.json);
        assert_eq!(reply.json["error"], "unknown_cookie");
    }
    // Re-casing Anna's device token makes another string, not another device.
    let (name, token) = anna.split_once('=').unwrap();
    let recased = format!("{name}={}", token.to_ascii_uppercase());
    let join_form = [("code", workshop.code.as_str()), ("display_name", "Anna 2"), ("organisation", "")];
    for _ in 0..50 {
        let reply = call(&server, "join_workshop", &join_form, Some(&recased)).await;
        assert_eq!(reply.status, 401, "{:?}", reply.json);
        assert!(reply.set_cookie.as_deref().is_some_and(|c| c == "klustra_device="), "told to forget it");
    }
    let board =
        call(&server, "get_facilitator_board", &[("workshop_id", &workshop.id)], Some(&workshop.facilitator))
            .await;
    assert_eq!(board.json["participant_count"], 1, "only Anna joined: {:?}", board.json["participant_count"]);

    // Anna's own hints have their own budget: a burst, then 429.
    let burst = server::access::security::HEAVY_BUDGET.burst as usize;
    let statuses: Vec<u16> = {
        let mut statuses = Vec::new();
        for _ in 0..burst + 5 {
            statuses.push(call(&server, "find_similar_notes", &hint, Some(&anna)).await.status);
        }
        statuses
    };
    assert!(statuses[..burst].iter().all(|s| *s == 200), "{statuses:?}");
    assert!(statuses[burst..].iter().all(|s| *s == 429), "{statuses:?}");
    server.stop().await;
}

#[tokio::test]
async fn an_unissued_cookie_on_a_page_reloads_it_without_the_cookie() {
    let server = RunningServer::start(|_| {}).await;
    let stale = format!("klustra_session={}", "c".repeat(64));
    let request = format!(
        "GET /login HTTP/1.1\r\nHost: {}\r\nAccept: text/html\r\nCookie: {stale}\r\nConnection: close\r\n\r\n",
        server.addr
    );
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");
    assert!(answer.to_ascii_lowercase().contains("set-cookie: klustra_session=;"), "{answer}");
    assert!(answer.contains("http-equiv=\"refresh\""), "the page loads itself again: {answer}");
    server.stop().await;
}

#[tokio::test]
async fn one_device_holds_at_most_ten_sockets() {
    let server = RunningServer::start(|_| {}).await;
    let workshop = create_workshop(server.addr, server.dir.path()).await;
    let anna = join(server.addr, &workshop.code, "Anna", "").await;
    let attempts = (0..30).map(|_| open_socket(server.addr, &workshop.id, Some(&anna), None));
    let opened: Vec<_> = futures_util::future::join_all(attempts).await;
    let held: Vec<_> = opened.into_iter().filter_map(Result::ok).collect();
    assert_eq!(held.len(), server::access::security::MAX_SOCKETS_PER_CLIENT, "of 30 opened at once");
    let bo = join(server.addr, &workshop.code, "Bo", "").await;
    assert!(open_socket(server.addr, &workshop.id, Some(&bo), None).await.is_ok(), "Bo has his own ten");
    drop(held);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        open_socket(server.addr, &workshop.id, Some(&anna), None).await.is_ok(),
        "closed sockets free their slots"
    );
    server.stop().await;
}

/// A workshop whose board holds `notes` notes of about 120 characters, written by several
/// participants; its id and the cookie of one of them.
async fn full_board(server: &RunningServer, notes: usize) -> (String, String) {
    let workshop = create_workshop(server.addr, server.dir.path()).await;
    let mut writer = String::new();
    for n in 0..notes {
        if n % 25 == 0 {
            writer = join(server.addr, &workshop.code, &format!("Deltagare {n}"), "Myndighet").await;
        }
        let text = format!(
            "Lapp {n}: vi behöver e-legitimation för personal som fungerar utan svenskt personnummer"
        );
        let id = Uuid::new_v4().to_string();
        let form = [("workshop_id", workshop.id.as_str()), ("note_id", id.as_str()), ("text", text.as_str())];
        let reply = call(server, "add_note", &form, Some(&writer)).await;
        assert_eq!(reply.status, 200, "{:?}", reply.json);
    }
    (workshop.id, writer)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reconnecting_in_a_loop_for_20_s_costs_the_server_under_20_mb() {
    let server = RunningServer::start(|_| {}).await;
    let (workshop_id, cookie) = full_board(&server, 300).await;
    let started = Instant::now();
    let (mut bytes, mut reconnects) = (0usize, 0usize);
    while started.elapsed() < Duration::from_secs(20) {
        let Ok(mut socket) = open_socket(server.addr, &workshop_id, Some(&cookie), None).await else {
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        reconnects += 1;
        send(&mut socket, &ClientMessage::Hello { last_seq: 0 }).await;
        // What the server sends, until the snapshot or a goodbye: then at once again.
        while let Ok(Some(Ok(message))) = tokio::time::timeout(Duration::from_secs(2), socket.next()).await {
            let Message::Text(text) = message else { break };
            bytes += text.len();
            match serde_json::from_str::<ServerMessage>(&text) {
                Ok(ServerMessage::Snapshot { .. } | ServerMessage::Bye { .. }) | Err(_) => break,
                Ok(_) => {}
            }
        }
    }
    let megabytes = bytes as f64 / 1e6;
    println!("reconnecting for 20 s: {reconnects} reconnects, {megabytes:.1} MB sent");
    assert!(reconnects > 50, "the loop reconnected only {reconnects} times");
    assert!(megabytes < 20.0, "{megabytes:.1} MB sent in 20 s");
    server.stop().await;
}

#[tokio::test]
async fn a_board_a_few_events_behind_gets_those_events_not_the_whole_board() {
    let server = RunningServer::start(|_| {}).await;
    let (workshop_id, writer) = full_board(&server, 30).await;
    // The board was at the last note's sequence number; three more notes arrive meanwhile.
    let before = last_seq(&server, &workshop_id, &writer).await;
    for n in 0..3 {
        let id = Uuid::new_v4().to_string();
        let text = format!("Ny lapp {n}");
        let form = [("workshop_id", workshop_id.as_str()), ("note_id", id.as_str()), ("text", text.as_str())];
        assert_eq!(call(&server, "add_note", &form, Some(&writer)).await.status, 200);
    }
    let mut socket = follow(server.addr, &workshop_id, &writer, before).await;
    let mut events = 0;
    while let Some(message) = receive(&mut socket, Duration::from_millis(500)).await {
        match message {
            ServerMessage::Event(_) => events += 1,
            ServerMessage::Snapshot { .. } => panic!("a snapshot where three events would do"),
            _ => {}
        }
    }
    assert_eq!(events, 3);
    server.stop().await;
}

/// The sequence number a board of `workshop_id` is at now, as a fresh socket's snapshot says.
async fn last_seq(server: &RunningServer, workshop_id: &str, cookie: &str) -> i64 {
    let mut socket = open_socket(server.addr, workshop_id, Some(cookie), None).await.unwrap();
    send(&mut socket, &ClientMessage::Hello { last_seq: 0 }).await;
    loop {
        match receive(&mut socket, Duration::from_secs(5)).await {
            Some(ServerMessage::Snapshot { snapshot }) => return snapshot.last_seq,
            Some(_) => continue,
            None => panic!("no snapshot"),
        }
    }
}
