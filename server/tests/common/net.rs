//! A real server on 127.0.0.1 and small real clients for it: HTTP/1.1 form posts and
//! WebSockets speaking the live board protocol.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::time::Duration;

use app::model::live::{ClientMessage, ServerMessage};
use futures_util::{SinkExt, StreamExt};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::{self, Message};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// A server task listening on a free port, with its own database.
pub struct RunningServer {
    pub addr: SocketAddr,
    pub dir: tempfile::TempDir,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl RunningServer {
    /// Starts `server::run` on 127.0.0.1:0 with `configure` applied to the test config.
    pub async fn start(configure: impl FnOnce(&mut server::Config)) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mut config = super::config(dir.path(), false);
        config.public_url = None;
        config.database_url = super::database_url(dir.path()).await;
        configure(&mut config);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            server::run(config, listener, async move {
                let _ = stopped.await;
            })
            .await
            .expect("server runs");
        });
        RunningServer { addr, dir, stop: Some(stop), task: Some(task) }
    }

    /// Stops gracefully and waits until it has.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = tokio::time::timeout(Duration::from_secs(10), task).await;
        }
    }
}

/// Creates an account with `role` in the database of the server at `addr` (whose data
/// directory is `data_dir`) and signs it in; returns the browser's cookies
/// (`klustra_device=…; klustra_session=…`).
pub async fn signed_in_cookie(addr: SocketAddr, data_dir: &std::path::Path, role: &str) -> String {
    // An answer means the server has started, migrations done: two migrating at once collide.
    post_form(addr, "/api/current_user", &[], None).await.unwrap();
    let email = format!("{role}-{}@klustra.test", uuid::Uuid::new_v4().simple());
    let store = server::store::Store::open(&super::stored_database_url(data_dir).await).await.unwrap();
    let service = server::service::Service::new(store.clone(), Default::default(), "http://klustra.test");
    let account = app::model::account::NewAccount {
        email: email.clone(),
        role: app::model::account::Role::parse(role).unwrap(),
        password: super::PASSWORD.to_string(),
    };
    service.add_account(account).await.unwrap();
    let device = format!("klustra_device={}", issued_device(&store).await);
    store.close().await;
    let form = [("email", email.as_str()), ("password", super::PASSWORD)];
    let reply = post_form(addr, "/api/sign_in", &form, Some(&device)).await.unwrap();
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    format!("{device}; {}", reply.set_cookie.expect("a session cookie"))
}

/// A device token the server whose database is `store` issued (signed with its key): the
/// server refuses any other.
pub async fn issued_device(store: &server::store::Store) -> String {
    let key = store
        .secret(server::access::security::DEVICE_KEY, &server::access::security::new_key_hex().unwrap())
        .await
        .unwrap();
    server::access::security::DeviceTokens::from_hex(&key).unwrap().mint()
}

/// A workshop made over HTTP, with the cookies of the facilitator who made it.
pub struct Workshop {
    pub id: String,
    pub code: String,
    pub facilitator: String,
}

/// Signs in a new facilitator (an account in the database of `data_dir`, see
/// [`signed_in_cookie`]) and creates a round with one workshop through the server at `addr`.
pub async fn create_workshop(addr: SocketAddr, data_dir: &std::path::Path) -> Workshop {
    let facilitator = signed_in_cookie(addr, data_dir, "facilitator").await;
    let round =
        post_form(addr, "/api/create_round", &[("title", "Runda")], Some(&facilitator)).await.unwrap();
    assert_eq!(round.status, 200, "{:?}", round.json);
    let round_id = round.json["id"].as_str().unwrap().to_string();
    let form = [
        ("round_id", round_id.as_str()),
        ("title", "Verkstad"),
        ("sector", "Vård"),
        ("held_on", ""),
        ("prompts", ""),
    ];
    let workshop = post_form(addr, "/api/create_workshop", &form, Some(&facilitator)).await.unwrap();
    assert_eq!(workshop.status, 200, "{:?}", workshop.json);
    let id = workshop.json["id"].as_str().unwrap().to_string();
    let code = workshop.json["join_code"].as_str().unwrap().to_string();
    Workshop { id, code, facilitator }
}

/// A reply to a form post.
#[derive(Debug)]
pub struct HttpReply {
    pub status: u16,
    pub set_cookie: Option<String>,
    pub json: Value,
}

/// POSTs a form to `path` over a fresh connection.
pub async fn post_form(
    addr: SocketAddr,
    path: &str,
    form: &[(&str, &str)],
    cookie: Option<&str>,
) -> std::io::Result<HttpReply> {
    let body = form.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&");
    let cookie_line = cookie.map(|c| format!("Cookie: {c}\r\n")).unwrap_or_default();
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Accept: application/json\r\n{cookie_line}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let (status, head, body) = exchange(addr, &request).await?;
    let set_cookie = head
        .lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.eq_ignore_ascii_case("set-cookie"))
        .map(|(_, value)| value.trim().split(';').next().unwrap_or_default().to_string());
    // The body may be chunked; the JSON object or array is all we need of it.
    let json = body
        .find(['{', '['])
        .and_then(|start| {
            let end = body.rfind(['}', ']'])?;
            serde_json::from_str(&body[start..=end]).ok()
        })
        .unwrap_or(Value::Null);
    Ok(HttpReply { status, set_cookie, json })
}

/// GETs `path` over a fresh connection; returns the status and the body.
pub async fn get_page(addr: SocketAddr, path: &str, cookie: Option<&str>) -> std::io::Result<(u16, String)> {
    let cookie_line = cookie.map(|c| format!("Cookie: {c}\r\n")).unwrap_or_default();
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n{cookie_line}Connection: close\r\n\r\n");
    let (status, _, body) = exchange(addr, &request).await?;
    Ok((status, body))
}

/// Sends one whole HTTP/1.1 request over a fresh connection; returns the answer's status,
/// head and body.
async fn exchange(addr: SocketAddr, request: &str) -> std::io::Result<(u16, String, String)> {
    let mut stream = TcpStream::connect(addr).await?;
    stream.write_all(request.as_bytes()).await?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await?;
    let text = String::from_utf8_lossy(&raw);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    Ok((status, head.to_string(), body.to_string()))
}

/// A live board socket.
pub type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Opens the live socket of a workshop with the given cookie and `Origin`.
pub async fn open_socket(
    addr: SocketAddr,
    workshop_id: &str,
    cookie: Option<&str>,
    origin: Option<&str>,
) -> Result<Socket, tungstenite::Error> {
    let mut request = format!("ws://{addr}/ws/workshops/{workshop_id}").into_client_request()?;
    if let Some(cookie) = cookie {
        request.headers_mut().insert("cookie", cookie.parse().unwrap());
    }
    if let Some(origin) = origin {
        request.headers_mut().insert("origin", origin.parse().unwrap());
    }
    let (socket, _) = tokio_tungstenite::connect_async(request).await?;
    Ok(socket)
}

/// Opens a workshop's board with `cookie` and says hello; returns it past its welcome and
/// the snapshot of the board (which must come within `wait`).
pub async fn open_board(addr: SocketAddr, workshop_id: &str, cookie: &str, wait: Duration) -> Socket {
    let mut socket = open_socket(addr, workshop_id, Some(cookie), None).await.expect("socket opens");
    send(&mut socket, &ClientMessage::Hello { last_seq: 0 }).await;
    let welcome = receive(&mut socket, wait).await;
    assert!(matches!(welcome, Some(ServerMessage::Welcome { .. })), "{welcome:?}");
    let snapshot = receive(&mut socket, wait).await;
    assert!(matches!(snapshot, Some(ServerMessage::Snapshot { .. })), "{snapshot:?}");
    socket
}

/// Opens a board (`workshop` may carry a query, e.g. `?view=presenter`) and says hello from
/// `last_seq`; returns it after the welcome, before any snapshot.
pub async fn follow(addr: SocketAddr, workshop: &str, cookie: &str, last_seq: i64) -> Socket {
    let mut socket = open_socket(addr, workshop, Some(cookie), None).await.expect("socket opens");
    send(&mut socket, &ClientMessage::Hello { last_seq }).await;
    match receive(&mut socket, Duration::from_secs(5)).await {
        Some(ServerMessage::Welcome { .. }) => socket,
        other => panic!("expected a welcome, got {other:?}"),
    }
}

/// Joins the workshop with `code` as a new participant; returns its device cookie.
pub async fn join(addr: SocketAddr, code: &str, name: &str, organisation: &str) -> String {
    let form = [("code", code), ("display_name", name), ("organisation", organisation)];
    let joined = post_form(addr, "/api/join_workshop", &form, None).await.unwrap();
    assert_eq!(joined.status, 200, "{:?}", joined.json);
    joined.set_cookie.unwrap()
}

/// Sends one protocol message.
pub async fn send(socket: &mut Socket, message: &ClientMessage) {
    let json = serde_json::to_string(message).unwrap();
    socket.send(Message::Text(json.into())).await.expect("socket open");
}

/// The next protocol message, or `None` when the socket closed or `wait` passed.
pub async fn receive(socket: &mut Socket, wait: Duration) -> Option<ServerMessage> {
    loop {
        match tokio::time::timeout(wait, socket.next()).await {
            Ok(Some(Ok(Message::Text(text)))) => return serde_json::from_str(&text).ok(),
            Ok(Some(Ok(Message::Ping(_) | Message::Pong(_)))) => continue,
            _ => return None,
        }
    }
}

/// Every message that arrives until `wait` passes without one.
pub async fn drain(socket: &mut Socket, wait: Duration) -> Vec<ServerMessage> {
    let mut all = Vec::new();
    while let Some(message) = receive(socket, wait).await {
        all.push(message);
    }
    all
}

fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
