//! The realtime hub: one broadcast channel per workshop, fed only after commits.
//!
//! The database stays the ordered log; the hub is only the fast path. A socket that lags
//! behind or sees a gap in sequence numbers catches up from the database.
//!
//! With several instances on one PostgreSQL, each local commit is also put in the outbox,
//! which [`relay`] turns into a notification that wakes the other instances; they
//! publish what they fetch with [`Hub::publish_relayed`].

pub(crate) mod relay;

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError, Weak};
use std::time::Duration;

use app::model::ids::WorkshopId;
use app::model::live::{BoardEvent, Change, ServerMessage};
use axum::extract::ws::Utf8Bytes;
use tokio::sync::{broadcast, mpsc, watch};

use crate::access::visibility::vote_for;
use crate::store::{StoredEvent, Viewer};

/// Events waiting per subscriber before it counts as lagging (and catches up from the
/// database, reading the whole board). A burst of 300 participants offers about 1,600 notes
/// a second, so a socket held up for a second by its own note's commit must not lag yet:
/// each lag sends a board's worth of notes to that socket.
const CHANNEL_CAPACITY: usize = 4096;

/// How long an event published ahead of an earlier one waits for it. Writers publish after
/// their commit, so under load a later sequence number is often published a moment before
/// an earlier one; sent at once, it would show every socket a gap, and every socket would
/// read the whole board again. Past this wait (the earlier event went to another instance,
/// or its writer stopped between commit and publish) the sockets catch up as before.
const REORDER_WAIT: Duration = Duration::from_millis(50);

/// A committed change other instances should hear of: a workshop and its new sequence number.
pub type Committed = (WorkshopId, i64);

/// A committed event as the sockets send it: serialised once for everyone who sees it the
/// same way, not once per socket.
#[derive(Debug)]
pub struct Published {
    event: StoredEvent,
    /// The `ServerMessage::Event` every admitted viewer but the note's author is sent.
    plain: Utf8Bytes,
    /// The same for the note's author (the note marked as theirs), when that differs.
    own: Option<Utf8Bytes>,
    /// The same for everyone but the facilitator, when that differs: a theme vote whose
    /// labels are withheld from the room (see [`vote_for`]).
    room: Option<Utf8Bytes>,
}

impl Published {
    /// Serialises `event` for each way of seeing it.
    pub fn new(event: StoredEvent) -> Self {
        let as_seen = |mine: bool| {
            let mut message = event.event.clone();
            if let Change::NoteAdded { note } | Change::NoteShown { note } = &mut message.change {
                note.mine = mine;
            }
            frame(&ServerMessage::Event(message))
        };
        let carries_note = matches!(event.event.change, Change::NoteAdded { .. } | Change::NoteShown { .. });
        let own = (carries_note && event.author.is_some()).then(|| as_seen(true));
        let plain = as_seen(false);
        let room = match &event.event.change {
            Change::VoteOpened { vote } if vote.options.iter().any(|option| option.withheld) => {
                let change = Change::VoteOpened { vote: vote_for(Viewer::Presenter, vote.clone()) };
                Some(frame(&ServerMessage::Event(BoardEvent { seq: event.event.seq, change })))
            }
            _ => None,
        };
        Published { event, plain, own, room }
    }

    /// The event's sequence number.
    pub fn seq(&self) -> i64 {
        self.event.event.seq
    }

    /// Whether the event only says that a note's content was taken out of the log.
    pub fn is_redacted(&self) -> bool {
        matches!(self.event.event.change, Change::Redacted { .. })
    }

    /// The message `viewer` is sent, or `None` if the event is not theirs to see.
    pub fn frame_for(&self, viewer: Viewer) -> Option<&Utf8Bytes> {
        // The projector shows the room how many have joined: a count, nothing about anyone.
        let projected_count =
            viewer == Viewer::Presenter && matches!(self.event.event.change, Change::Participants { .. });
        if !self.event.audience.admits(viewer) && !projected_count {
            return None;
        }
        let author = viewer.participant().is_some() && self.event.author == viewer.participant();
        if let Some(room) = self.room.as_ref().filter(|_| viewer != Viewer::Facilitator) {
            return Some(room);
        }
        Some(self.own.as_ref().filter(|_| author).unwrap_or(&self.plain))
    }
}

/// One message as it goes over a socket.
pub fn frame(message: &ServerMessage) -> Utf8Bytes {
    // Serialising these types cannot fail: no maps with non-string keys, no custom impls.
    serde_json::to_string(message).unwrap_or_default().into()
}

/// Fans committed board events out to every socket of their workshop.
#[derive(Debug)]
pub struct Hub {
    /// Shared with the timers that release events held for [`REORDER_WAIT`].
    channels: Arc<Mutex<HashMap<WorkshopId, Channel>>>,
    /// Where local commits go for other instances; unset with a single instance (SQLite).
    outbox: OnceLock<mpsc::UnboundedSender<Committed>>,
    shutdown: watch::Sender<bool>,
    open_sockets: Arc<AtomicUsize>,
}

/// One workshop's channel, the newest sequence number sent on it, and the events waiting
/// for an earlier one.
#[derive(Debug)]
struct Channel {
    sender: broadcast::Sender<Arc<Published>>,
    /// 0 until something is sent or a socket read the workshop's sequence number.
    newest: i64,
    /// Events published ahead of `newest + 1`, by sequence number.
    waiting: BTreeMap<i64, Arc<Published>>,
}

impl Channel {
    /// Whether any socket here still listens.
    fn has_sockets(&self) -> bool {
        self.sender.receiver_count() > 0
    }

    /// Sends `event` now if nothing before it is missing, and then whatever waited for it;
    /// `true` if the event has to wait.
    fn offer(&mut self, event: Arc<Published>) -> bool {
        let seq = event.seq();
        if self.newest > 0 && seq > self.newest + 1 {
            self.waiting.insert(seq, event);
            return true;
        }
        self.send(event);
        while let Some(entry) = self.waiting.first_entry()
            && *entry.key() <= self.newest + 1
        {
            let next = entry.remove();
            self.send(next);
        }
        false
    }

    /// Sends everything waiting, in order, gaps or not.
    fn release_waiting(&mut self) {
        for (_, event) in std::mem::take(&mut self.waiting) {
            self.send(event);
        }
    }

    fn send(&mut self, event: Arc<Published>) {
        self.newest = self.newest.max(event.seq());
        // No receiver: the caller drops the channel.
        let _ = self.sender.send(event);
    }
}

impl Default for Hub {
    fn default() -> Self {
        Hub {
            channels: Arc::new(Mutex::new(HashMap::new())),
            outbox: OnceLock::new(),
            shutdown: watch::channel(false).0,
            open_sockets: Arc::new(AtomicUsize::new(0)),
        }
    }
}

/// Counts a socket as open until dropped.
#[derive(Debug)]
pub struct SocketGuard(Arc<AtomicUsize>);

impl Drop for SocketGuard {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The channels, still usable after a panic elsewhere poisoned their lock.
fn lock(channels: &Mutex<HashMap<WorkshopId, Channel>>) -> MutexGuard<'_, HashMap<WorkshopId, Channel>> {
    channels.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Hub {
    fn channels(&self) -> MutexGuard<'_, HashMap<WorkshopId, Channel>> {
        lock(&self.channels)
    }

    /// Receives every event of `workshop_id` published from now on.
    pub fn subscribe(&self, workshop_id: WorkshopId) -> broadcast::Receiver<Arc<Published>> {
        self.channels()
            .entry(workshop_id)
            .or_insert_with(|| Channel {
                sender: broadcast::channel(CHANNEL_CAPACITY).0,
                newest: 0,
                waiting: BTreeMap::new(),
            })
            .sender
            .subscribe()
    }

    /// Tells the hub that a socket of `workshop_id` read `seq` as its last sequence number
    /// from the database, so a later event published ahead of an earlier one is held back
    /// even before anything was sent on the channel.
    pub fn read_up_to(&self, workshop_id: WorkshopId, seq: i64) {
        if let Some(channel) = self.channels().get_mut(&workshop_id)
            && channel.newest == 0
        {
            channel.newest = seq;
        }
    }

    /// Sends an event committed here to the workshop's sockets, and to other instances.
    pub fn publish(&self, event: StoredEvent) {
        if let Some(outbox) = self.outbox.get() {
            let _ = outbox.send((event.workshop_id, event.event.seq));
        }
        self.publish_relayed(event);
    }

    /// Sends an event another instance committed to this instance's sockets.
    pub fn publish_relayed(&self, event: StoredEvent) {
        let workshop_id = event.workshop_id;
        if !self.channels().contains_key(&workshop_id) {
            return;
        }
        // Serialised before the lock is taken: other publishers need not wait for it.
        let event = Arc::new(Published::new(event));
        let mut channels = self.channels();
        let Some(channel) = channels.get_mut(&workshop_id) else { return };
        let first_to_wait = channel.offer(event) && channel.waiting.len() == 1;
        if !channel.has_sockets() {
            // Nobody listens any more: forget the channel so idle workshops cost nothing.
            channels.retain(|_, channel| channel.has_sockets());
        } else if first_to_wait {
            release_later(Arc::downgrade(&self.channels), workshop_id);
        }
    }

    /// Routes every later local commit to `outbox` as well (set once, by the relay).
    pub fn set_outbox(&self, outbox: mpsc::UnboundedSender<Committed>) {
        let _ = self.outbox.set(outbox);
    }

    /// The workshops with sockets here, each with the newest sequence number published to
    /// them (0: none yet).
    pub fn listened(&self) -> Vec<(WorkshopId, i64)> {
        self.channels().iter().filter(|(_, c)| c.has_sockets()).map(|(id, c)| (*id, c.newest)).collect()
    }

    /// The newest sequence number published to `workshop_id`'s sockets here (0: none yet),
    /// or `None` when no socket here shows that workshop.
    pub fn newest(&self, workshop_id: WorkshopId) -> Option<i64> {
        self.channels().get(&workshop_id).filter(|c| c.has_sockets()).map(|c| c.newest)
    }

    /// Tells every socket that the server is stopping.
    pub fn shut_down(&self) {
        self.shutdown.send_replace(true);
    }

    /// Changes to `true` when the server is stopping.
    pub fn shutting_down(&self) -> watch::Receiver<bool> {
        self.shutdown.subscribe()
    }

    /// Whether the server is stopping (sockets then take no new notes).
    pub fn is_shutting_down(&self) -> bool {
        *self.shutdown.borrow()
    }

    /// Registers an open socket for [`Hub::wait_for_sockets`].
    pub fn socket_opened(&self) -> SocketGuard {
        self.open_sockets.fetch_add(1, Ordering::SeqCst);
        SocketGuard(self.open_sockets.clone())
    }

    /// Waits (at most `limit`) until every socket has finished, so in-flight commits end
    /// before the database closes.
    pub async fn wait_for_sockets(&self, limit: Duration) {
        let deadline = tokio::time::Instant::now() + limit;
        while self.open_sockets.load(Ordering::SeqCst) > 0 && tokio::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

/// After [`REORDER_WAIT`], sends whatever still waits on `workshop_id`'s channel. Without a
/// runtime (a plain unit test) it is sent at once.
fn release_later(channels: Weak<Mutex<HashMap<WorkshopId, Channel>>>, workshop_id: WorkshopId) {
    let release = move || {
        if let Some(channels) = channels.upgrade()
            && let Some(channel) = lock(&channels).get_mut(&workshop_id)
        {
            channel.release_waiting();
        }
    };
    match tokio::runtime::Handle::try_current() {
        Ok(runtime) => {
            runtime.spawn(async move {
                tokio::time::sleep(REORDER_WAIT).await;
                release();
            });
        }
        Err(_) => release(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::visibility::Audience;
    use app::model::ids::{NoteId, ParticipantId, ThemeId, VoteId};
    use app::model::vote::{Vote, VoteOption, VoteTarget};

    fn event(workshop_id: WorkshopId, seq: i64) -> StoredEvent {
        StoredEvent {
            workshop_id,
            event: BoardEvent { seq, change: Change::Locked { locked: true } },
            audience: Audience::Everyone,
            author: None,
        }
    }

    #[tokio::test]
    async fn events_reach_only_the_sockets_of_their_workshop() {
        let hub = Hub::default();
        let (a, b) = (WorkshopId::random(), WorkshopId::random());
        let mut on_a = hub.subscribe(a);
        let mut on_b = hub.subscribe(b);
        hub.publish(event(a, 1));
        assert_eq!(on_a.recv().await.unwrap().seq(), 1);
        assert!(on_b.try_recv().is_err());
    }

    #[test]
    fn channels_without_listeners_are_dropped() {
        let hub = Hub::default();
        let id = WorkshopId::random();
        drop(hub.subscribe(id));
        hub.publish(event(id, 1));
        assert!(hub.channels.lock().unwrap().is_empty());
    }

    #[tokio::test]
    async fn an_event_published_early_waits_for_the_one_before_it() {
        let hub = Hub::default();
        let id = WorkshopId::random();
        let mut sockets = hub.subscribe(id);
        hub.read_up_to(id, 4);
        hub.publish(event(id, 6));
        assert!(sockets.try_recv().is_err(), "6 waits for 5");
        hub.publish(event(id, 5));
        assert_eq!(sockets.try_recv().unwrap().seq(), 5);
        assert_eq!(sockets.try_recv().unwrap().seq(), 6);
    }

    #[tokio::test]
    async fn an_event_whose_predecessor_never_comes_is_sent_after_the_wait() {
        let hub = Hub::default();
        let id = WorkshopId::random();
        let mut sockets = hub.subscribe(id);
        hub.read_up_to(id, 4);
        hub.publish(event(id, 7));
        tokio::time::sleep(REORDER_WAIT * 2).await;
        assert_eq!(sockets.try_recv().unwrap().seq(), 7, "the socket then sees the gap and catches up");
    }

    #[test]
    fn a_note_is_serialised_once_for_its_author_and_once_for_everyone_else() {
        let (author, other) = (ParticipantId::from_u128(7), ParticipantId::from_u128(8));
        let note = app::model::Note {
            id: NoteId::from_u128(1),
            ..app::model::Note::sample(3, "Gemensam inloggning")
        };
        let stored = |audience| StoredEvent {
            workshop_id: WorkshopId::nil(),
            event: BoardEvent { seq: 3, change: Change::NoteAdded { note: note.clone() } },
            audience,
            author: Some(author),
        };
        let mine = |frame: &Utf8Bytes| match serde_json::from_str(frame.as_str()).unwrap() {
            ServerMessage::Event(BoardEvent { change: Change::NoteAdded { note }, .. }) => note.mine,
            other => panic!("not a note: {other:?}"),
        };
        let open = Published::new(stored(Audience::Everyone));
        assert!(mine(open.frame_for(Viewer::Participant(author)).unwrap()));
        for viewer in [Viewer::Participant(other), Viewer::Facilitator, Viewer::Presenter] {
            assert!(!mine(open.frame_for(viewer).unwrap()));
        }
        let private = Published::new(stored(Audience::Author(author)));
        assert!(private.frame_for(Viewer::Participant(other)).is_none());
        assert!(private.frame_for(Viewer::Presenter).is_none());
        assert!(mine(private.frame_for(Viewer::Participant(author)).unwrap()));
        assert!(!mine(private.frame_for(Viewer::Facilitator).unwrap()));
    }

    #[test]
    fn the_projector_hears_how_many_joined_and_participants_do_not() {
        let published = Published::new(StoredEvent {
            workshop_id: WorkshopId::nil(),
            event: BoardEvent { seq: 5, change: Change::Participants { count: 41 } },
            audience: Audience::Staff,
            author: None,
        });
        assert!(published.frame_for(Viewer::Presenter).is_some());
        assert!(published.frame_for(Viewer::Facilitator).is_some());
        assert!(published.frame_for(Viewer::Participant(ParticipantId::from_u128(9))).is_none());
    }

    #[test]
    fn a_theme_vote_names_a_withheld_option_to_the_facilitator_only() {
        let withheld =
            VoteOption { withheld: true, ..VoteOption::named(ThemeId::from_u128(2), "Zebrakontot") };
        let vote = Vote {
            id: VoteId::from_u128(1),
            target: VoteTarget::Themes,
            dots_per_participant: 3,
            open: true,
            options: vec![VoteOption::named(ThemeId::from_u128(3), "Geodata"), withheld],
            tallies: Default::default(),
            my_dots: Default::default(),
        };
        let published = Published::new(StoredEvent {
            workshop_id: WorkshopId::nil(),
            event: BoardEvent { seq: 4, change: Change::VoteOpened { vote } },
            audience: Audience::Everyone,
            author: None,
        });
        assert!(published.frame_for(Viewer::Facilitator).unwrap().as_str().contains("Zebrakontot"));
        for viewer in [Viewer::Presenter, Viewer::Participant(ParticipantId::from_u128(9))] {
            let frame = published.frame_for(viewer).unwrap().as_str();
            assert!(!frame.contains("Zebrakontot") && frame.contains("Geodata"), "{frame}");
        }
    }
}
