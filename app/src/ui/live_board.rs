//! A board kept live in the browser: its notes and settings as signals, fed by the live
//! socket, and an outbox in `localStorage` so no note written is ever lost.
//!
//! A written note gets its UUID here and goes into the outbox first; it is sent whenever the
//! socket is up and leaves the outbox only when the server acknowledges its commit. After a
//! reconnect (with jittered backoff) the client says the last sequence number it saw and the
//! server sends what it missed. On the server this renders the initial board and does nothing.
//!
//! The socket is `web-sys`'s, not `leptos-use`'s `use_websocket`: that retries at one fixed
//! interval (3 s by default) a fixed number of times, where a board must retry at once and
//! then back off with jitter for as long as the page is open ([`reconnect_wait_ms`]: boards
//! were live again within 2 s of a restarted server), and it has no place for the outbox
//! and its acknowledgements, which decide when a note may leave `localStorage`.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::model::ids::{NoteId, WorkshopId};
use crate::model::live::{BoardStatus, Change, Snapshot, apply_to_vote};
use crate::model::vote::{MyDots, Support, Vote, apply_my_dots};
use crate::model::{Board, Note};

/// The state of the live connection, shown on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connection {
    Connecting,
    Online,
    /// Lost; the next attempt is scheduled (or waits for the network to return).
    Offline,
    /// The session that opened the board has ended; no more attempts until signed in again.
    SignedOut,
}

/// Who the board is shown to, which decides what the server sends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoardView {
    /// The facilitator's own board: every note, hidden ones included.
    Facilitator,
    /// A projector: what every participant may see, shown by a facilitator.
    Presenter,
    /// A participant's board.
    Participant,
}

impl BoardView {
    /// The query of the live socket's address for this view.
    pub fn socket_query(self) -> &'static str {
        match self {
            BoardView::Presenter => "?view=presenter",
            BoardView::Facilitator | BoardView::Participant => "",
        }
    }
}

/// A note written here and not yet confirmed stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outgoing {
    pub id: NoteId,
    pub text: String,
    /// The server confirmed the commit; the entry stays visible until its note arrives.
    #[serde(default)]
    pub acked: bool,
}

/// One workshop's board as signals.
#[derive(Clone, Copy)]
pub struct LiveBoard {
    pub workshop_id: WorkshopId,
    pub notes: RwSignal<Vec<Note>>,
    pub status: RwSignal<BoardStatus>,
    pub connection: RwSignal<Connection>,
    /// Notes written here that are not yet on the board.
    pub outgoing: RwSignal<Vec<Outgoing>>,
    /// Notes the server refused, with why; their text is kept for the writer.
    pub refused: RwSignal<Vec<(Outgoing, AppError)>>,
    /// Bumped when the board must be loaded again (after a reveal).
    pub reload: RwSignal<u32>,
    /// Bumped when the themes changed, so theme views load them again.
    pub themes_version: RwSignal<u32>,
    /// The open dot vote, or the last closed one with its results.
    pub vote: RwSignal<Option<Vote>>,
    /// Server clock minus browser clock, in milliseconds, for the countdown.
    pub clock_offset_ms: RwSignal<f64>,
    /// The viewer's own notes the facilitator merged into another, as (own text, kept text),
    /// so the page can say where they went.
    pub merged_mine: RwSignal<Vec<(String, String)>>,
    /// How many participants have joined, as far as this board knows (staff boards hear
    /// of each join; others keep what they started with).
    pub participants: RwSignal<i64>,
    /// Whether hidden notes stay visible (facilitators) or leave the board (participants).
    pub sees_hidden: bool,
    /// Who the board is shown to.
    pub view: BoardView,
    last_seq: StoredValue<i64>,
    #[cfg(feature = "hydrate")]
    link: StoredValue<Option<std::rc::Rc<socket::Link>>, LocalStorage>,
}

impl LiveBoard {
    /// A board starting from `board`; call [`LiveBoard::connect`] to make it live.
    pub fn new(board: &Board, view: BoardView) -> Self {
        LiveBoard {
            workshop_id: board.workshop.id,
            notes: RwSignal::new(board.notes.clone()),
            status: RwSignal::new(BoardStatus {
                locked: board.workshop.state == crate::model::WorkshopState::Locked,
                private_mode: board.private_mode,
                last_seq: board.last_seq,
                ..BoardStatus::default()
            }),
            connection: RwSignal::new(Connection::Connecting),
            outgoing: RwSignal::new(Vec::new()),
            refused: RwSignal::new(Vec::new()),
            reload: RwSignal::new(0),
            themes_version: RwSignal::new(0),
            vote: RwSignal::new(board.vote.clone()),
            clock_offset_ms: RwSignal::new(0.0),
            participants: RwSignal::new(0),
            merged_mine: RwSignal::new(Vec::new()),
            sees_hidden: view == BoardView::Facilitator,
            view,
            last_seq: StoredValue::new(board.last_seq),
            #[cfg(feature = "hydrate")]
            link: StoredValue::new_local(None),
        }
    }

    /// Opens the live socket (in the browser only) and closes it when the page goes away.
    pub fn connect(self) {
        #[cfg(feature = "hydrate")]
        {
            // In an effect, so after hydration: the server rendered no outbox, and the page
            // must first match what it rendered.
            Effect::new(move |_| {
                untrack(|| {
                    self.outgoing.set(outbox::load(self.workshop_id));
                    self.link.set_value(Some(socket::Link::open(self)));
                });
            });
            on_cleanup(move || {
                if let Some(link) = self.link.get_value() {
                    link.stop();
                }
            });
        }
    }

    /// Writes a note: into the outbox first, then to the server when connected.
    pub fn write(self, text: String) {
        let entry = Outgoing { id: NoteId::random(), text, acked: false };
        self.outgoing.update(|all| all.push(entry.clone()));
        #[cfg(feature = "hydrate")]
        {
            outbox::save(self.workshop_id, &self.outgoing.get_untracked());
            if let Some(link) = self.link.get_value() {
                link.send_note(&entry);
            }
        }
    }

    /// How many notes wait to be sent.
    pub fn waiting(self) -> usize {
        self.outgoing.with(|all| all.iter().filter(|o| !o.acked).count())
    }

    /// The text of note `id` while it is on this board. Tracked, so a view showing it follows
    /// the board; wrap it in `untrack` where that is not wanted (handlers, updates).
    pub fn note_text(self, id: NoteId) -> Option<String> {
        self.notes.with(|notes| notes.iter().find(|n| n.id == id).map(|n| n.text.clone()))
    }

    /// Applies an event in sequence order; older or repeated events change nothing.
    pub fn apply(self, seq: i64, change: &Change) {
        if seq <= self.last_seq.get_value() {
            return;
        }
        self.last_seq.set_value(seq);
        let sees_hidden = self.sees_hidden;
        let mut reload = false;
        if let Change::NotesMerged { kept, duplicate } = change {
            let mine = self.notes.with_untracked(|notes| notes.iter().any(|n| n.id == *duplicate && n.mine));
            let texts =
                untrack(|| Some((self.note_text(*duplicate).filter(|_| mine)?, self.note_text(*kept)?)));
            if let Some(texts) = texts.filter(|_| self.view == BoardView::Participant) {
                self.merged_mine.update(|all| all.push(texts));
            }
        }
        self.notes.update(|notes| reload = !crate::model::live::apply_to_notes(notes, change, sees_hidden));
        match change {
            Change::NoteAdded { note } => self.outgoing.update(|all| all.retain(|o| o.id != note.id)),
            Change::Locked { locked } => self.status.update(|s| s.locked = *locked),
            Change::PrivateMode { on } => self.status.update(|s| s.private_mode = *on),
            Change::Timer { ends_at } => self.status.update(|s| s.timer_ends_at = *ends_at),
            Change::Participants { count } => self.participants.set(*count),
            Change::ThemesChanged => self.themes_version.update(|n| *n += 1),
            // On a board of what the room may see, a note leaving or coming back changes the
            // themes as the room sees them: their notes, and whether their words name them.
            Change::NoteHidden { .. }
            | Change::NoteShown { .. }
            | Change::NoteDeleted { .. }
            | Change::NotesMerged { .. }
                if !sees_hidden =>
            {
                self.themes_version.update(|n| *n += 1)
            }
            Change::VoteOpened { .. } | Change::VoteTally { .. } | Change::VoteClosed { .. } => {
                self.vote.update(|vote| apply_to_vote(vote, change))
            }
            _ => {}
        }
        self.status.update(|s| s.last_seq = seq);
        if reload {
            // The server sends the board as it may be seen now (revealed notes, names back).
            self.resync();
            if !self.sees_hidden {
                self.reload.update(|n| *n += 1);
            }
        }
    }

    /// Replaces the board with the server's snapshot: what the viewer may see now.
    pub fn reset(self, snapshot: Snapshot) {
        self.last_seq.set_value(snapshot.last_seq);
        self.outgoing.update(|all| all.retain(|o| !snapshot.notes.iter().any(|n| n.id == o.id)));
        self.notes.set(snapshot.notes);
        self.vote.set(snapshot.vote);
        self.status.update(|s| s.last_seq = snapshot.last_seq);
        // Theme views may have missed a change while the socket was away.
        self.themes_version.update(|n| *n += 1);
    }

    /// Asks the server for a fresh snapshot (in the browser; nothing on the server).
    fn resync(self) {
        #[cfg(feature = "hydrate")]
        if let Some(link) = self.link.get_value() {
            link.snapshot();
        }
    }

    /// The server confirmed a note is stored.
    pub fn acknowledged(self, id: NoteId) {
        let on_board = self.notes.with_untracked(|notes| notes.iter().any(|n| n.id == id));
        self.outgoing.update(|all| {
            if on_board {
                all.retain(|o| o.id != id);
            } else if let Some(o) = all.iter_mut().find(|o| o.id == id) {
                o.acked = true;
            }
        });
        #[cfg(feature = "hydrate")]
        outbox::save(self.workshop_id, &self.outgoing.get_untracked());
    }

    /// The server refused a note: it leaves the outbox, its text stays on screen. A server
    /// failure is no refusal: the note stays in the outbox and goes again on reconnect.
    pub fn refused(self, id: NoteId, error: AppError) {
        if error == AppError::Internal {
            return;
        }
        let entry = self.outgoing.with_untracked(|all| all.iter().find(|o| o.id == id).cloned());
        self.outgoing.update(|all| all.retain(|o| o.id != id));
        if let Some(entry) = entry {
            self.refused.update(|all| all.push((entry, error)));
        }
        #[cfg(feature = "hydrate")]
        outbox::save(self.workshop_id, &self.outgoing.get_untracked());
    }

    /// Takes the server's answer to the viewer's own +1. Only the viewer's mark is taken:
    /// the count arrives as an event in sequence order, and the answer's count may already be
    /// older than one applied.
    pub fn supported(self, support: Support) {
        self.notes.update(|notes| {
            if let Some(note) = notes.iter_mut().find(|n| n.id == support.note_id) {
                note.supported_by_me = support.supported_by_me;
            }
        });
    }

    /// Takes the server's answer about the viewer's own dots.
    pub fn my_dots(self, mine: &MyDots) {
        self.vote.update(|vote| apply_my_dots(vote, mine));
    }

    /// The last sequence number applied.
    pub fn last_seq(self) -> i64 {
        self.last_seq.get_value()
    }
}

#[cfg(feature = "hydrate")]
mod outbox {
    //! The outbox in `localStorage`, one key per workshop, surviving reloads and crashes.
    use crate::model::ids::WorkshopId;

    use super::Outgoing;

    fn key(workshop_id: WorkshopId) -> String {
        format!("klustra.outbox.{workshop_id}")
    }

    fn storage() -> Option<web_sys::Storage> {
        leptos::prelude::window().local_storage().ok().flatten()
    }

    /// The notes still waiting for this workshop.
    pub fn load(workshop_id: WorkshopId) -> Vec<Outgoing> {
        storage()
            .and_then(|s| s.get_item(&key(workshop_id)).ok().flatten())
            .and_then(|json| serde_json::from_str::<Vec<Outgoing>>(&json).ok())
            .map(|all| all.into_iter().filter(|o| !o.acked).collect())
            .unwrap_or_default()
    }

    /// Saves what still waits (acknowledged notes are done).
    pub fn save(workshop_id: WorkshopId, all: &[Outgoing]) {
        let Some(storage) = storage() else { return };
        let waiting: Vec<&Outgoing> = all.iter().filter(|o| !o.acked).collect();
        if waiting.is_empty() {
            let _ = storage.remove_item(&key(workshop_id));
        } else if let Ok(json) = serde_json::to_string(&waiting) {
            let _ = storage.set_item(&key(workshop_id), &json);
        }
    }
}

/// The longest wait between reconnect attempts while the server may be restarting: a board
/// is back within this of the server listening again. A refused connection costs the server
/// next to nothing, so even a room of three hundred may try this often.
const RESTART_BACKOFF_MS: f64 = 1_000.0;
/// The wait before the second attempt; each further one doubles it, up to the above.
const FIRST_BACKOFF_MS: f64 = 100.0;
/// Attempts (about half a minute's worth) after which the server is down rather than
/// restarting, and boards wait longer between tries so as not to keep a struggling server
/// busy.
const RESTART_ATTEMPTS: u32 = 40;
/// The wait between attempts after those.
const DOWN_BACKOFF_MS: f64 = 15_000.0;

/// How long a board waits before reconnect attempt `attempt + 1` (0 after the connection
/// was lost): at once (a restarted server is often back already), then 0.1 s, 0.2 s,
/// 0.4 s … up to 1 s, and after half a minute every 15 s; each wait times 0.5–1 by `spread`
/// (a number in 0–1, random in the browser), so a room does not reconnect in one burst.
/// The live load test reconnects by the same schedule.
pub fn reconnect_wait_ms(attempt: u32, spread: f64) -> f64 {
    let base = match attempt {
        0 => 0.0,
        RESTART_ATTEMPTS.. => DOWN_BACKOFF_MS,
        _ => (FIRST_BACKOFF_MS * 2f64.powi(attempt.min(RESTART_ATTEMPTS) as i32 - 1)).min(RESTART_BACKOFF_MS),
    };
    base * (0.5 + 0.5 * spread.clamp(0.0, 1.0))
}

#[cfg(feature = "hydrate")]
mod socket {
    //! The WebSocket with reconnects, pings and the online/offline events of the browser.
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;
    use std::time::Duration;

    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    use web_sys::{MessageEvent, WebSocket};

    use super::{Connection, LiveBoard, Outgoing};
    use crate::model::live::{BYE_SIGNED_OUT, ClientMessage, PING_INTERVAL_SECS, ServerMessage};

    /// One board's connection, reopened until [`Link::stop`].
    pub struct Link {
        board: LiveBoard,
        socket: RefCell<Option<WebSocket>>,
        stopped: Cell<bool>,
        attempts: Cell<u32>,
        /// The ping timer and the online/offline listeners, removed on stop.
        ping: Cell<Option<IntervalHandle>>,
        listeners: RefCell<Vec<WindowListenerHandle>>,
    }

    impl Link {
        /// Connects now and keeps reconnecting.
        pub fn open(board: LiveBoard) -> Rc<Link> {
            let link = Rc::new(Link {
                board,
                socket: RefCell::new(None),
                stopped: Cell::new(false),
                attempts: Cell::new(0),
                ping: Cell::new(None),
                listeners: RefCell::new(Vec::new()),
            });
            link.connect();
            let weak = Rc::downgrade(&link);
            let ping = set_interval_with_handle(
                move || {
                    if let Some(link) = weak.upgrade() {
                        link.send(&ClientMessage::Ping);
                    }
                },
                Duration::from_secs(PING_INTERVAL_SECS),
            );
            link.ping.set(ping.ok());
            // The browser knows before the socket does that the network is gone.
            let weak = Rc::downgrade(&link);
            let offline = window_event_listener_untyped("offline", move |_| {
                if let Some(link) = weak.upgrade() {
                    link.drop_socket();
                }
            });
            let weak = Rc::downgrade(&link);
            let online = window_event_listener_untyped("online", move |_| {
                if let Some(link) = weak.upgrade() {
                    link.attempts.set(0);
                    link.connect();
                }
            });
            link.listeners.borrow_mut().extend([offline, online]);
            link
        }

        /// Closes for good (the page is leaving).
        pub fn stop(&self) {
            self.stopped.set(true);
            if let Some(ping) = self.ping.take() {
                ping.clear();
            }
            for listener in self.listeners.borrow_mut().drain(..) {
                listener.remove();
            }
            if let Some(socket) = self.socket.borrow_mut().take() {
                let _ = socket.close();
            }
        }

        /// Asks for the board from after the last sequence number seen.
        pub fn hello(&self) {
            self.send(&ClientMessage::Hello { last_seq: self.board.last_seq() });
        }

        /// Asks for the whole board as it may be seen now: a hello from the start always
        /// gets a snapshot, even when no event was missed.
        pub fn snapshot(&self) {
            self.send(&ClientMessage::Hello { last_seq: 0 });
        }

        /// Sends a note if connected; otherwise it waits in the outbox for the next welcome.
        pub fn send_note(&self, note: &Outgoing) {
            self.send(&ClientMessage::AddNote { id: note.id, text: note.text.clone() });
        }

        fn send(&self, message: &ClientMessage) {
            let socket = self.socket.borrow();
            let Some(socket) = socket.as_ref().filter(|s| s.ready_state() == WebSocket::OPEN) else { return };
            if let Ok(json) = serde_json::to_string(message) {
                let _ = socket.send_with_str(&json);
            }
        }

        fn drop_socket(&self) {
            if let Some(socket) = self.socket.borrow_mut().take() {
                socket.set_onclose(None);
                let _ = socket.close();
            }
            self.board.connection.set(Connection::Offline);
        }

        fn connect(self: &Rc<Self>) {
            if self.stopped.get() || self.socket.borrow().is_some() {
                return;
            }
            if !window().navigator().on_line() {
                self.board.connection.set(Connection::Offline);
                return;
            }
            self.board.connection.set(Connection::Connecting);
            let location = window().location();
            let scheme = if location.protocol().as_deref() == Ok("https:") { "wss" } else { "ws" };
            let host = location.host().unwrap_or_default();
            let url = format!(
                "{scheme}://{host}/ws/workshops/{}{}",
                self.board.workshop_id,
                self.board.view.socket_query()
            );
            let Ok(socket) = WebSocket::new(&url) else {
                self.retry_later();
                return;
            };

            let weak = Rc::downgrade(self);
            let on_open = Closure::<dyn FnMut()>::new(move || {
                if let Some(link) = weak.upgrade() {
                    link.hello();
                }
            });
            socket.set_onopen(Some(on_open.as_ref().unchecked_ref()));
            // The handlers live as long as their socket; forgetting them costs three small
            // closures per connection attempt.
            on_open.forget();

            let weak = Rc::downgrade(self);
            let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let Some(link) = weak.upgrade() else { return };
                let Some(text) = event.data().as_string() else { return };
                if let Ok(message) = serde_json::from_str::<ServerMessage>(&text) {
                    link.receive(message);
                }
            });
            socket.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            on_message.forget();

            let weak = Rc::downgrade(self);
            let on_close = Closure::<dyn FnMut()>::new(move || {
                if let Some(link) = weak.upgrade() {
                    link.socket.borrow_mut().take();
                    if !link.stopped.get() {
                        link.board.connection.set(Connection::Offline);
                        link.retry_later();
                    }
                }
            });
            socket.set_onclose(Some(on_close.as_ref().unchecked_ref()));
            on_close.forget();

            *self.socket.borrow_mut() = Some(socket);
        }

        /// Tries again after [`super::reconnect_wait_ms`], with a random spread.
        fn retry_later(self: &Rc<Self>) {
            if self.stopped.get() {
                return;
            }
            let attempt = self.attempts.get();
            self.attempts.set(attempt + 1);
            let delay = super::reconnect_wait_ms(attempt, js_sys::Math::random());
            let weak = Rc::downgrade(self);
            set_timeout(
                move || {
                    if let Some(link) = weak.upgrade() {
                        link.connect();
                    }
                },
                Duration::from_millis(delay as u64),
            );
        }

        fn receive(&self, message: ServerMessage) {
            let board = self.board;
            match message {
                ServerMessage::Welcome { status } => {
                    self.attempts.set(0);
                    board.connection.set(Connection::Online);
                    let server_now = status.server_now.as_millisecond() as f64;
                    board.clock_offset_ms.set(server_now - js_sys::Date::now());
                    board.status.update(|s| {
                        s.locked = status.locked;
                        s.private_mode = status.private_mode;
                        s.timer_ends_at = status.timer_ends_at;
                    });
                    for note in board.outgoing.get_untracked().iter().filter(|o| !o.acked) {
                        self.send_note(note);
                    }
                }
                ServerMessage::Snapshot { snapshot } => board.reset(snapshot),
                ServerMessage::Event(event) => board.apply(event.seq, &event.change),
                ServerMessage::Ack { note_id, .. } => board.acknowledged(note_id),
                ServerMessage::Nack { note_id, error } => board.refused(note_id, error),
                ServerMessage::Pong => {}
                ServerMessage::Bye { reason } if reason == BYE_SIGNED_OUT => {
                    self.stopped.set(true);
                    board.connection.set(Connection::SignedOut);
                    self.drop_socket_and_retry();
                }
                ServerMessage::Bye { .. } => self.drop_socket_and_retry(),
            }
        }

        fn drop_socket_and_retry(&self) {
            // The close handler schedules the next attempt, unless stopped.
            if let Some(socket) = self.socket.borrow().as_ref() {
                let _ = socket.close();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::RoundId;
    use crate::model::{JoinCode, Workshop, WorkshopState};

    fn participants_board(notes: Vec<Note>) -> LiveBoard {
        let workshop = Workshop {
            id: WorkshopId::nil(),
            round_id: RoundId::nil(),
            round_title: "Våren".into(),
            title: "Vård".into(),
            sector: "Hälsa".into(),
            held_on: None,
            prompts: Vec::new(),
            join_code: JoinCode::from_random(&[0; JoinCode::LEN]),
            state: WorkshopState::Open,
            anonymous: false,
        };
        let board = Board { workshop, me: None, notes, private_mode: false, last_seq: 2, vote: None };
        LiveBoard::new(&board, BoardView::Participant)
    }

    #[test]
    fn a_board_tries_again_at_once_then_within_a_second_until_the_server_is_plainly_down() {
        assert_eq!(reconnect_wait_ms(0, 1.0), 0.0, "the first retry is immediate");
        let waits: Vec<f64> = (1..6).map(|attempt| reconnect_wait_ms(attempt, 1.0)).collect();
        assert_eq!(waits, [100.0, 200.0, 400.0, 800.0, 1_000.0]);
        assert!((1..RESTART_ATTEMPTS).all(|attempt| reconnect_wait_ms(attempt, 1.0) <= 1_000.0));
        // Spread: never in step, never longer than the cap.
        assert_eq!(reconnect_wait_ms(3, 0.0), 200.0);
        assert_eq!(reconnect_wait_ms(RESTART_ATTEMPTS, 1.0), 15_000.0);
        // Half a minute of tries before the long waits, as the comment says.
        let restarting: f64 = (0..RESTART_ATTEMPTS).map(|attempt| reconnect_wait_ms(attempt, 0.5)).sum();
        assert!((20_000.0..40_000.0).contains(&restarting), "{restarting}");
    }

    #[test]
    fn a_participant_is_told_where_their_merged_note_went() {
        Owner::new_root(None).with(|| {
            let (own, kept) = (NoteId::from_u128(1), NoteId::from_u128(2));
            let board = participants_board(vec![
                Note { mine: true, ..Note::sample(1, "Min lapp") },
                Note::sample(2, "Lappen som blir kvar"),
            ]);
            assert_eq!(board.note_text(kept).as_deref(), Some("Lappen som blir kvar"));
            board.apply(3, &Change::NotesMerged { kept, duplicate: own });
            assert_eq!(
                board.merged_mine.get_untracked(),
                [("Min lapp".to_string(), "Lappen som blir kvar".to_string())]
            );
            assert_eq!(board.note_text(own), None, "the duplicate left the board");
        });
    }

    #[test]
    fn another_participants_merged_note_is_not_theirs_to_hear_of() {
        Owner::new_root(None).with(|| {
            let board = participants_board(vec![Note::sample(1, "Någon annans"), Note::sample(2, "Kvar")]);
            board.apply(
                3,
                &Change::NotesMerged { kept: NoteId::from_u128(2), duplicate: NoteId::from_u128(1) },
            );
            assert!(board.merged_mine.get_untracked().is_empty());
        });
    }
}
