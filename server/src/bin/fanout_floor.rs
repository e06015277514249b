//! The floor the live-board load test compares Klustra with: the least a server can do for
//! the same clients on the same machine. It speaks just enough of Klustra's protocol for
//! `server/tests/live_load.rs` (join, `hello`, notes, acks, `NoteAdded` events of the same
//! size), stores each note durably in SQLite (`synchronous=FULL`; the notes that arrive
//! together in one transaction and one statement, as Klustra does) before its ack, and fans
//! each note out through one broadcast channel as bytes serialised once. Like Klustra's, a
//! socket goes on forwarding events while its own note commits, and sends what is queued in
//! one flush. No accounts, no visibility rules, no catch-up from the database.
//!
//! `fanout_floor <address> <data directory>`; the notes go to `klustra.db` there, in a
//! `notes (id, text)` table, so the test reads them back as it does Klustra's.

use std::sync::Arc;

use app::model::Note;
use app::model::ids::{NoteId, WorkshopId};
use app::model::live::{BoardEvent, BoardStatus, Change, ClientMessage, ServerMessage, Snapshot};
use axum::Router;
use axum::extract::State;
use axum::extract::ws::{Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use futures_util::{SinkExt, StreamExt};
use sqlx::{Connection, SqliteConnection};
use tokio::sync::{Mutex, broadcast, mpsc, oneshot};
use uuid::Uuid;

/// Events waiting per socket before it lags and is sent the whole board: Klustra's figure.
const CHANNEL_CAPACITY: usize = 4096;

/// The board: its notes so far, the way to its writer, and the channel to every socket.
struct Board {
    notes: Mutex<Vec<Note>>,
    writes: mpsc::Sender<Write>,
    events: broadcast::Sender<Utf8Bytes>,
}

/// A note to store, and where its ack goes.
struct Write {
    id: NoteId,
    text: String,
    ack: oneshot::Sender<Utf8Bytes>,
}

fn frame(message: &ServerMessage) -> Utf8Bytes {
    serde_json::to_string(message).expect("messages serialise").into()
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(addr), Some(dir)) = (args.next(), args.next()) else {
        eprintln!("usage: fanout_floor <address> <data directory>");
        std::process::exit(2);
    };
    let url = format!("sqlite://{dir}/klustra.db?mode=rwc");
    let mut db = SqliteConnection::connect(&url).await.expect("the database opens");
    sqlx::raw_sql(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
         CREATE TABLE IF NOT EXISTS notes (id TEXT PRIMARY KEY, text TEXT NOT NULL);",
    )
    .execute(&mut db)
    .await
    .expect("the table exists");
    let (writes, queue) = mpsc::channel(4096);
    let board = Arc::new(Board {
        notes: Mutex::new(Vec::new()),
        writes,
        events: broadcast::channel(CHANNEL_CAPACITY).0,
    });
    tokio::spawn(write_notes(db, queue, board.clone()));
    let app = Router::new()
        .route("/api/join_workshop", post(join))
        .route("/ws/workshops/{id}", get(socket))
        .with_state(board);
    let listener = tokio::net::TcpListener::bind(&addr).await.expect("the address is free");
    axum::serve(listener, app).await.expect("serving");
}

async fn join() -> Response {
    let cookie = format!("klustra_device={}; Path=/; HttpOnly", Uuid::new_v4());
    ([(header::SET_COOKIE, cookie)], "{}").into_response()
}

async fn socket(ws: WebSocketUpgrade, State(board): State<Arc<Board>>) -> Response {
    ws.on_upgrade(move |socket| serve(socket, board))
}

async fn serve(socket: WebSocket, board: Arc<Board>) {
    let (mut sink, mut stream) = socket.split();
    let (out, mut outgoing) = mpsc::channel::<Utf8Bytes>(512);
    // Whatever is queued goes out in one flush, as Klustra's sockets do.
    let writer = tokio::spawn(async move {
        while let Some(text) = outgoing.recv().await {
            let mut next = Some(text);
            while let Some(text) = next.take() {
                if sink.feed(Message::Text(text)).await.is_err() {
                    return;
                }
                next = outgoing.try_recv().ok();
            }
            if sink.flush().await.is_err() {
                return;
            }
        }
    });
    let mut events: Option<broadcast::Receiver<Utf8Bytes>> = None;
    loop {
        tokio::select! {
            incoming = stream.next() => {
                let Some(Ok(Message::Text(text))) = incoming else { break };
                let Ok(message) = serde_json::from_str::<ClientMessage>(&text) else { break };
                match message {
                    ClientMessage::Hello { .. } => {
                        events = Some(board.events.subscribe());
                        let (welcome, snapshot) = board.current().await;
                        if out.send(welcome).await.is_err() || out.send(snapshot).await.is_err() {
                            break;
                        }
                    }
                    // Acked from a task of its own: the socket goes on forwarding events while
                    // its note commits, as Klustra's do.
                    ClientMessage::AddNote { id, text } => {
                        let (ack, acked) = oneshot::channel();
                        let _ = board.writes.send(Write { id, text, ack }).await;
                        let out = out.clone();
                        tokio::spawn(async move {
                            if let Ok(ack) = acked.await {
                                let _ = out.send(ack).await;
                            }
                        });
                    }
                    ClientMessage::Ping => {
                        let _ = out.send(frame(&ServerMessage::Pong)).await;
                    }
                }
            }
            event = async { events.as_mut().expect("guarded").recv().await }, if events.is_some() => {
                match event {
                    Ok(text) => {
                        if out.send(text).await.is_err() {
                            break;
                        }
                    }
                    // Fell behind: the whole board again, as Klustra would send.
                    Err(broadcast::error::RecvError::Lagged(_)) => {
                        let (_, snapshot) = board.current().await;
                        let _ = out.send(snapshot).await;
                    }
                    Err(broadcast::error::RecvError::Closed) => break,
                }
            }
        }
    }
    drop(out);
    let _ = writer.await;
}

impl Board {
    /// The welcome and the snapshot a socket gets after `hello`.
    async fn current(&self) -> (Utf8Bytes, Utf8Bytes) {
        let notes = self.notes.lock().await;
        let last_seq = notes.len() as i64;
        let status = BoardStatus { last_seq, server_now: now(), ..BoardStatus::default() };
        let snapshot = Snapshot { notes: notes.clone(), vote: None, last_seq };
        (frame(&ServerMessage::Welcome { status }), frame(&ServerMessage::Snapshot { snapshot }))
    }
}

/// Stores the notes waiting (at least one) in one durable transaction, then sends each to
/// every socket in order and acks it; a resend of a stored note is acked again.
async fn write_notes(mut db: SqliteConnection, mut queue: mpsc::Receiver<Write>, board: Arc<Board>) {
    let (mut batch, mut pending_acks) = (Vec::new(), Vec::new());
    while queue.recv_many(&mut batch, 256).await > 0 {
        let mut notes = board.notes.lock().await;
        let mut fresh = Vec::new();
        for write in batch.drain(..) {
            let stored =
                notes.iter().chain(&fresh).find(|note: &&Note| note.id == write.id).map(|note| note.seq);
            if let Some(seq) = stored {
                let _ = write.ack.send(frame(&ServerMessage::Ack { note_id: write.id, seq }));
                continue;
            }
            let seq = (notes.len() + fresh.len()) as i64 + 1;
            fresh.push(note(write.id, write.text, seq));
            pending_acks.push((write.ack, write.id, seq));
        }
        // The whole batch in one statement, as Klustra writes it.
        let mut tx = db.begin().await.expect("a transaction");
        if !fresh.is_empty() {
            let rows: Vec<String> =
                (0..fresh.len()).map(|i| format!("(${}, ${})", 2 * i + 1, 2 * i + 2)).collect();
            let sql = format!("INSERT INTO notes (id, text) VALUES {}", rows.join(", "));
            let mut insert = sqlx::query(sqlx::AssertSqlSafe(sql));
            for note in &fresh {
                insert = insert.bind(note.id.to_string()).bind(note.text.as_str());
            }
            insert.execute(&mut *tx).await.expect("the notes are stored");
        }
        tx.commit().await.expect("the notes are durable");
        for note in fresh {
            let event = BoardEvent { seq: note.seq, change: Change::NoteAdded { note: note.clone() } };
            let _ = board.events.send(frame(&ServerMessage::Event(event)));
            notes.push(note);
        }
        for (ack, note_id, seq) in pending_acks.drain(..) {
            let _ = ack.send(frame(&ServerMessage::Ack { note_id, seq }));
        }
    }
}

/// A note as Klustra's events carry it, of the same size.
fn note(id: NoteId, text: String, seq: i64) -> Note {
    Note {
        id,
        workshop_id: WorkshopId::nil(),
        text,
        author_name: Some("Deltagare".into()),
        organisation: None,
        mine: false,
        hidden: false,
        seq,
        created_at: now(),
        edited_at: None,
        merged_count: 0,
        supporters: 0,
        supported_by_me: false,
    }
}

/// Now, as Klustra keeps times (to the millisecond).
fn now() -> jiff::Timestamp {
    server::store::now()
}
