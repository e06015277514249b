//! The live board socket: `GET /ws/workshops/{id}` upgraded to a WebSocket.
//!
//! The client says `Hello { last_seq }`; the socket subscribes to the hub *before* reading
//! the database, sends the board status and, unless the client is current, what it missed:
//! the few events since its `last_seq` when none of them took anything back (hid, deleted,
//! made private or anonymous), else a snapshot of what the viewer may see now (never the
//! history); then it forwards new events. A client has at most
//! [`MAX_SOCKETS_PER_CLIENT`](crate::access::security::MAX_SOCKETS_PER_CLIENT) sockets open, and
//! the snapshots its reconnects cost are budgeted (see [`crate::access::security::SocketQuota`]). Notes sent
//! over the socket are acknowledged only after their commit; they are stored one after
//! another, each in a task of its own, while the socket goes on forwarding events. One task
//! writes to the socket and this one reads; when either ends, both stop. A signed-in
//! viewer's socket checks its session and access again now and then, and closes with
//! [`BYE_SIGNED_OUT`] once either has ended (signed out elsewhere, disabled, grant taken back).

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

use app::api::ports::Device;
use app::error::AppError;
use app::model::ids::{NoteId, WorkshopId};
use app::model::live::{BYE_SIGNED_OUT, Change, ClientMessage, MAX_CLIENT_MESSAGE_BYTES, ServerMessage};
use app::model::parse_note_text;
use axum::extract::ws::{Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::extract::{Extension, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;
use futures_util::stream::SplitSink;
use futures_util::{SinkExt, StreamExt};
use tokio::sync::{broadcast, mpsc};
use tokio::task::JoinHandle;
use tracing::Instrument;

use crate::access::security::{
    Bucket, Budget, ClientAddress, ClientKey, RateLimits, SocketSlot, origin_allowed,
};
use crate::http::caller::Caller;
use crate::http::error::ApiError;
use crate::hub::{Published, frame};
use crate::service::Service;
use crate::state::AppState;
use crate::store::Viewer;

/// Messages queued for one socket before it counts as too slow and is closed.
const OUTBOX: usize = 512;
/// Notes one socket may have waiting behind the one being stored before the socket stops
/// reading (the client's outbox holds the rest).
const WAITING_NOTES: usize = 64;
/// `hello`s and pings one socket may send: a board says hello once and pings every 20 s, so
/// a few at once and then one every 5 s is plenty. Each hello costs a catch-up from the
/// database; a client over this budget is closed rather than answered.
const CHATTER_BUDGET: Budget = Budget { burst: 5, per_second: 0.2, refusals_count: false };

/// Events since a client's `last_seq` sent in place of a snapshot at most: past this, a
/// snapshot is smaller.
const MAX_CATCH_UP_EVENTS: i64 = 200;

/// Read and write buffer of each socket: a board's messages are small, and hundreds of
/// boards stay open at once (tungstenite's default of 128 KB each would dominate memory).
const SOCKET_BUFFER_BYTES: usize = 8 * 1024;

/// The socket address's query: `?view=presenter` opens a facilitator's board as the
/// projector shows it.
#[derive(Debug, Default, serde::Deserialize)]
pub struct SocketQuery {
    view: Option<String>,
}

/// Checks origin, then membership (participants, by device cookie) or the right to run
/// the round (facilitators, by session), then upgrades.
// An axum handler: each argument is one extractor, named where it is used.
#[allow(clippy::too_many_arguments)]
pub async fn board_socket(
    ws: WebSocketUpgrade,
    State(state): State<AppState>,
    Path(workshop_id): Path<WorkshopId>,
    Query(query): Query<SocketQuery>,
    caller: Option<Caller>,
    key: Option<Extension<ClientKey>>,
    address: Option<Extension<ClientAddress>>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    // Browsers always send `Origin` on a WebSocket, and no CSRF check covers a GET.
    if !origin_allowed(&headers, &state.guard.allowed_origins) {
        return Err(AppError::CrossSite.into());
    }
    let device = Device::from_headers(&headers);
    let user = caller.map(|Caller(user)| user);
    let presenting = query.view.as_deref() == Some("presenter");
    let (viewer, _) =
        state.service.viewer(device.as_ref(), user.as_ref(), workshop_id, presenting).await.map_err(
            |err| match err {
                AppError::NotFound | AppError::NotSignedIn | AppError::Internal => err,
                _ => AppError::Forbidden,
            },
        )?;
    // Only facilitators (and presenter screens) get in through a session; a participant's
    // membership belongs to the device and does not end with a session.
    let session = viewer.participant().is_none().then(|| cookies_only(&headers));
    let client = quota_client(key.map(|Extension(key)| key), address.map(|Extension(address)| address));
    let Some(slot) = state.guard.limits.sockets.open(&client) else {
        tracing::info!(%workshop_id, "refused a socket: its client has too many open");
        return Err(AppError::TooManyRequests { retry_after: 5 }.into());
    };
    let peer = Peer { device, viewer, session, client, slot };
    let service = state.service.clone();
    let limits = state.guard.limits.clone();
    let (idle, session_check) = (state.socket_idle, state.session_check);
    let span = tracing::info_span!("board_socket", %workshop_id, ?viewer);
    let upgrade = ws
        .max_message_size(MAX_CLIENT_MESSAGE_BYTES)
        .max_frame_size(MAX_CLIENT_MESSAGE_BYTES)
        .read_buffer_size(SOCKET_BUFFER_BYTES)
        .write_buffer_size(SOCKET_BUFFER_BYTES)
        .on_upgrade(move |socket| {
            serve(socket, service, limits, workshop_id, peer, idle, session_check).instrument(span)
        });
    Ok(upgrade)
}

/// Whom a socket's quota counts against: its session or device (see [`ClientKey`]), else
/// its address.
fn quota_client(key: Option<ClientKey>, address: Option<ClientAddress>) -> String {
    match (key.and_then(|key| key.0), address.and_then(|address| address.0)) {
        (Some(key), _) => key,
        (None, Some(address)) => format!("a:{address}"),
        (None, None) => "a:".to_string(),
    }
}

/// The request's cookies: all a session check needs, kept for as long as the socket is open.
///
/// Copied, not cloned: a cloned header value shares the buffer the whole request was read
/// into, which would keep about 10 KB alive per open board.
fn cookies_only(headers: &HeaderMap) -> HeaderMap {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| HeaderValue::from_bytes(value.as_bytes()).ok())
        .map(|value| (header::COOKIE, value))
        .collect()
}

/// A serialised message on its way to the socket: a board event's is shared by every socket
/// that sees it the same way (see [`Published`]).
struct Outgoing {
    text: Utf8Bytes,
    /// A goodbye: the socket closes after it.
    last: bool,
}

/// Who opened a socket, as checked before the upgrade.
struct Peer {
    device: Option<Device>,
    viewer: Viewer,
    /// The cookies of a viewer who got in with a session, to check it again while open.
    session: Option<HeaderMap>,
    /// Whom the socket counts against (see [`quota_client`]).
    client: String,
    /// The socket's place among its client's open sockets, given back when it closes.
    slot: SocketSlot,
}

/// One connected board.
struct Connection {
    service: Service,
    /// Paces the notes of this device.
    limits: Arc<RateLimits>,
    device: Option<Device>,
    workshop_id: WorkshopId,
    viewer: Viewer,
    /// See [`Peer::session`].
    session: Option<HeaderMap>,
    /// See [`Peer::client`].
    client: String,
    out: mpsc::Sender<Outgoing>,
    events: Option<broadcast::Receiver<Arc<Published>>>,
    /// The highest sequence number this client is up to (sent or not theirs to see).
    last_seq: i64,
    /// What is left of [`CHATTER_BUDGET`].
    chatter: Bucket,
    notes: NoteQueue,
}

/// A socket's notes on their way to the database: one at a time, in the order sent, while
/// the socket goes on forwarding events. Waiting for its own note's commit before
/// forwarding anything else would hold every other note back from this board for as long.
#[derive(Default)]
struct NoteQueue {
    /// The note being stored (its id, and the task that ends in its answer). The task is
    /// not stopped when the socket closes: a note whose commit began is committed.
    storing: Option<(NoteId, JoinHandle<ServerMessage>)>,
    /// Notes received since, in order: (id, text).
    waiting: VecDeque<(NoteId, String)>,
}

impl NoteQueue {
    /// Whether the socket should read no further messages until notes are stored.
    fn full(&self) -> bool {
        self.waiting.len() >= WAITING_NOTES
    }

    /// The answer of the note being stored; never, when none is.
    async fn answer(&mut self) -> ServerMessage {
        let Some((note_id, storing)) = self.storing.as_mut() else { return std::future::pending().await };
        let answer =
            storing.await.unwrap_or(ServerMessage::Nack { note_id: *note_id, error: AppError::Internal });
        self.storing = None;
        answer
    }
}

async fn serve(
    socket: WebSocket,
    service: Service,
    limits: Arc<RateLimits>,
    workshop_id: WorkshopId,
    peer: Peer,
    idle: Duration,
    session_check: Duration,
) {
    let (sink, mut stream) = socket.split();
    let (out, outgoing) = mpsc::channel::<Outgoing>(OUTBOX);
    let mut writer = tokio::spawn(write_out(sink, outgoing));
    let _open = service.hub().socket_opened();
    let mut shutdown = service.hub().shutting_down();
    let Peer { device, viewer, session, client, slot: _slot } = peer;
    let mut connection = Connection {
        service,
        limits,
        device,
        workshop_id,
        viewer,
        session,
        client,
        out,
        events: None,
        last_seq: 0,
        chatter: Bucket::full(CHATTER_BUDGET, std::time::Instant::now()),
        notes: NoteQueue::default(),
    };
    let mut session_checks =
        tokio::time::interval_at(tokio::time::Instant::now() + session_check, session_check);
    // Reset by each message from the client only, not rebuilt for every event sent.
    let silence = tokio::time::sleep(idle);
    tokio::pin!(silence);
    loop {
        tokio::select! {
            // Stopping wins over anything else that is ready: no new note is taken after it.
            biased;
            () = server_stopping(&mut shutdown) => {
                // The note being stored is answered first: its commit is under way. Those
                // waiting behind it are not taken; the client sends them again.
                if connection.notes.storing.is_some() {
                    let answer = connection.notes.answer().await;
                    connection.send(answer).await;
                }
                connection.bye("server restarting").await;
                break;
            }
            () = &mut silence => {
                tracing::debug!("closing an idle socket");
                connection.bye("idle").await;
                break;
            }
            incoming = stream.next(), if !connection.notes.full() => {
                silence.as_mut().reset(tokio::time::Instant::now() + idle);
                let keep_open = match incoming {
                    Some(Ok(Message::Text(text))) => connection.handle(&text).await,
                    Some(Ok(Message::Binary(_))) => {
                        connection.bye("text frames only").await;
                        false
                    }
                    // The WebSocket layer answers a ping frame by itself: it costs the same.
                    Some(Ok(Message::Ping(_))) => connection.may_chatter().await,
                    Some(Ok(Message::Pong(_))) => true,
                    Some(Ok(Message::Close(_)) | Err(_)) | None => false,
                };
                if !keep_open {
                    break;
                }
            }
            event = next_event(&mut connection.events) => {
                if !connection.forward(event).await {
                    break;
                }
            }
            answer = connection.notes.answer() => {
                if !connection.send(answer).await {
                    break;
                }
                connection.store_next_note();
            }
            _ = session_checks.tick(), if connection.session.is_some() => {
                if !connection.still_allowed().await {
                    connection.bye(BYE_SIGNED_OUT).await;
                    break;
                }
            }
            _ = &mut writer => break,
        }
    }
    drop(connection);
    let _ = tokio::time::timeout(Duration::from_secs(2), writer).await;
}

/// Sends the socket's messages in order; whatever is queued when the socket is ready goes
/// out together, in one write to the kernel rather than one per message.
async fn write_out(mut sink: SplitSink<WebSocket, Message>, mut outgoing: mpsc::Receiver<Outgoing>) {
    'sending: while let Some(first) = outgoing.recv().await {
        let mut next = Some(first);
        while let Some(Outgoing { text, last }) = next.take() {
            if sink.feed(Message::Text(text)).await.is_err() {
                break 'sending;
            }
            if last {
                let _ = sink.flush().await;
                break 'sending;
            }
            next = outgoing.try_recv().ok();
        }
        if sink.flush().await.is_err() {
            break;
        }
    }
    let _ = sink.close().await;
}

/// Completes when the server starts shutting down.
async fn server_stopping(shutdown: &mut tokio::sync::watch::Receiver<bool>) {
    // The guard `wait_for` returns is dropped right here, never held across an await.
    let _ = shutdown.wait_for(|stopping| *stopping).await.is_ok();
}

/// The next hub event, or never when not subscribed yet.
async fn next_event(
    events: &mut Option<broadcast::Receiver<Arc<Published>>>,
) -> Result<Arc<Published>, broadcast::error::RecvError> {
    match events {
        Some(receiver) => receiver.recv().await,
        None => std::future::pending().await,
    }
}

impl Connection {
    /// Handles one client message; `false` closes the socket.
    async fn handle(&mut self, text: &str) -> bool {
        let Ok(message) = serde_json::from_str::<ClientMessage>(text) else {
            self.bye("malformed message").await;
            return false;
        };
        if matches!(message, ClientMessage::Hello { .. } | ClientMessage::Ping) && !self.may_chatter().await {
            return false;
        }
        match message {
            ClientMessage::Hello { last_seq } => self.hello(last_seq).await,
            ClientMessage::AddNote { id, text } => self.add_note(id, &text).await,
            ClientMessage::Ping => self.send(ServerMessage::Pong).await,
        }
    }

    /// Takes a turn of [`CHATTER_BUDGET`] for a hello or a ping; `false` (after saying
    /// goodbye) when the socket has none left.
    async fn may_chatter(&mut self) -> bool {
        if self.chatter.take(CHATTER_BUDGET, std::time::Instant::now()).is_ok() {
            return true;
        }
        tracing::debug!("closing a socket that says hello or pings too often");
        self.bye("too many messages").await;
        false
    }

    async fn hello(&mut self, last_seq: i64) -> bool {
        // Subscribe first: an event committed while we read the database is then both in
        // the snapshot and on the channel, and the sequence number drops the second copy.
        self.events = Some(self.service.hub().subscribe(self.workshop_id));
        let status = match self.service.store().board_status(self.workshop_id).await {
            Ok(status) => status,
            Err(err) => {
                tracing::error!(error = %err, "reading the board status failed");
                return false;
            }
        };
        self.service.hub().read_up_to(self.workshop_id, status.last_seq);
        // Nothing is missed and nothing to send: the client is current.
        if last_seq == status.last_seq && last_seq > 0 {
            self.last_seq = last_seq;
            return self.send(ServerMessage::Welcome { status }).await;
        }
        let missed = if last_seq > 0
            && last_seq < status.last_seq
            && status.last_seq - last_seq <= MAX_CATCH_UP_EVENTS
        {
            self.missed_events(last_seq).await
        } else {
            None
        };
        if !self.send(ServerMessage::Welcome { status }).await {
            return false;
        }
        match missed {
            Some(events) => self.replay(last_seq, &events).await,
            None => self.reconnect_snapshot().await,
        }
    }

    /// The events since `last_seq`, if they may be sent as they are: none of them took
    /// anything back that the client was sent before (a hidden or deleted note, private
    /// writing, names withdrawn), which only a snapshot can undo on the board.
    async fn missed_events(&self, last_seq: i64) -> Option<Vec<Published>> {
        let events = match self.service.store().events_since(self.workshop_id, last_seq).await {
            Ok(events) => events,
            Err(err) => {
                tracing::warn!(error = %err, "reading the missed events failed; sending a snapshot");
                return None;
            }
        };
        let takes_back = |change: &Change| {
            matches!(
                change,
                Change::Redacted { .. }
                    | Change::NoteHidden { .. }
                    | Change::NoteDeleted { .. }
                    | Change::NotesMerged { .. }
                    | Change::PrivateMode { .. }
                    | Change::Anonymity { .. }
            )
        };
        if events.len() as i64 > MAX_CATCH_UP_EVENTS
            || events.iter().any(|event| takes_back(&event.event.change))
        {
            return None;
        }
        Some(events.into_iter().map(Published::new).collect())
    }

    /// Sends `events` (those after `last_seq`, see [`Self::missed_events`]) as this viewer
    /// sees each.
    async fn replay(&mut self, last_seq: i64, events: &[Published]) -> bool {
        self.last_seq = last_seq;
        for event in events {
            if !self.deliver(event).await {
                return false;
            }
        }
        true
    }

    /// The snapshot a reconnect needs, within the client's snapshot budget: a client over it
    /// is told goodbye (its board tries again later) without the board being read.
    async fn reconnect_snapshot(&mut self) -> bool {
        let quota = &self.limits.sockets;
        if !quota.may_send_snapshot(&self.client, std::time::Instant::now()) {
            tracing::info!("closing a socket whose client reconnects too often for snapshots");
            self.bye("too many reconnects").await;
            return false;
        }
        let Some(bytes) = self.catch_up_sized().await else { return false };
        self.limits.sockets.sent_snapshot(&self.client, bytes, std::time::Instant::now());
        true
    }

    /// Sends what this viewer may see of the board now, in place of the history it missed:
    /// the log is never replayed, so what was since hidden, deleted or made anonymous is
    /// not sent again.
    async fn catch_up(&mut self) -> bool {
        self.catch_up_sized().await.is_some()
    }

    /// [`Self::catch_up`], saying how many bytes it sent (`None`: the socket is done).
    async fn catch_up_sized(&mut self) -> Option<usize> {
        let snapshot = match self.service.snapshot(self.workshop_id, self.viewer).await {
            Ok(snapshot) => snapshot,
            Err(err) => {
                tracing::error!(error = ?err, "reading a board snapshot failed");
                return None;
            }
        };
        self.last_seq = snapshot.last_seq;
        let text = frame(&ServerMessage::Snapshot { snapshot });
        let bytes = text.len();
        self.out.send(Outgoing { text, last: false }).await.is_ok().then_some(bytes)
    }

    async fn forward(&mut self, event: Result<Arc<Published>, broadcast::error::RecvError>) -> bool {
        match event {
            Ok(event) if event.seq() <= self.last_seq => true,
            // The next one in order: send it straight from the hub.
            Ok(event) if event.seq() == self.last_seq + 1 => self.deliver(&event).await,
            // A gap (events published out of commit order) or a lag: the database has them all.
            Ok(_) | Err(broadcast::error::RecvError::Lagged(_)) => self.catch_up().await,
            Err(broadcast::error::RecvError::Closed) => false,
        }
    }

    /// Sends the event's bytes as serialised once for this kind of viewer: no work here
    /// grows with the board or with the number of sockets.
    async fn deliver(&mut self, event: &Published) -> bool {
        // Relayed from the log after the note was hidden or deleted: only a snapshot can say
        // what this viewer may see of it now.
        if event.is_redacted() {
            return self.catch_up().await;
        }
        self.last_seq = self.last_seq.max(event.seq());
        match event.frame_for(self.viewer) {
            Some(text) => self.out.send(Outgoing { text: text.clone(), last: false }).await.is_ok(),
            None => true,
        }
    }

    async fn add_note(&mut self, id: NoteId, text: &str) -> bool {
        if self.service.hub().is_shutting_down() {
            // No answer: the client keeps the note and sends it again after reconnecting.
            return true;
        }
        if self.viewer.participant().is_none() {
            return self.send(ServerMessage::Nack { note_id: id, error: AppError::NotJoined }).await;
        }
        self.notes.waiting.push_back((id, text.to_string()));
        self.store_next_note();
        true
    }

    /// Starts storing the next waiting note unless one is being stored; its answer comes
    /// through [`NoteQueue::answer`].
    fn store_next_note(&mut self) {
        let Viewer::Participant(author) = self.viewer else { return };
        if self.notes.storing.is_some() || self.service.hub().is_shutting_down() {
            return;
        }
        let Some((id, text)) = self.notes.waiting.pop_front() else { return };
        let (service, limits, device) = (self.service.clone(), self.limits.clone(), self.device.clone());
        let workshop_id = self.workshop_id;
        let storing = tokio::spawn(
            async move {
                if let Some(device) = &device {
                    limits.pace(device).await;
                }
                let result = match parse_note_text(&text) {
                    Ok(text) => service.insert_note(workshop_id, author, id, &text).await,
                    Err(err) => Err(err),
                };
                match result {
                    Ok(note) => ServerMessage::Ack { note_id: id, seq: note.seq },
                    Err(error) => ServerMessage::Nack { note_id: id, error },
                }
            }
            .in_current_span(),
        );
        self.notes.storing = Some((id, storing));
    }

    /// Whether the session this socket was opened with still exists and still gives access
    /// to the board. A failing database keeps the socket open: it is not the viewer's doing.
    async fn still_allowed(&self) -> bool {
        let Some(cookies) = &self.session else { return true };
        let user = match self.service.user_from_headers(cookies).await {
            Ok(Some(user)) => user,
            Ok(None) => return false,
            Err(err) => {
                tracing::warn!(error = %err, "checking a socket's session failed");
                return true;
            }
        };
        let presenting = self.viewer == Viewer::Presenter;
        match self.service.viewer(self.device.as_ref(), Some(&user), self.workshop_id, presenting).await {
            Ok((viewer, _)) => viewer == self.viewer,
            Err(AppError::Internal) => true,
            Err(_) => false,
        }
    }

    async fn send(&self, message: ServerMessage) -> bool {
        self.out.send(Outgoing { text: frame(&message), last: false }).await.is_ok()
    }

    async fn bye(&self, reason: &str) {
        let text = frame(&ServerMessage::Bye { reason: reason.to_string() });
        let _ = self.out.send(Outgoing { text, last: true }).await;
    }
}
