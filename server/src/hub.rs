//! The realtime hub: one broadcast channel per workshop, fed only after commits.
//!
//! The database stays the ordered log; the hub is only the fast path. A socket that lags
//! behind or sees a gap in sequence numbers catches up from the database.
//!
//! With several instances on one PostgreSQL, each local commit is also put in the outbox,
//! which [`crate::relay`] turns into a notification that wakes the other instances; they
//! publish what they fetch with [`Hub::publish_relayed`].

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::Duration;

use tokio::sync::{broadcast, mpsc, watch};
use uuid::Uuid;

use crate::store::StoredEvent;

/// Events waiting per subscriber before it counts as lagging (and catches up from the database).
const CHANNEL_CAPACITY: usize = 1024;

/// A committed change other instances should hear of: a workshop and its new sequence number.
pub type Committed = (Uuid, i64);

/// Fans committed board events out to every socket of their workshop.
#[derive(Debug)]
pub struct Hub {
    channels: Mutex<HashMap<Uuid, Channel>>,
    /// Where local commits go for other instances; unset with a single instance (SQLite).
    outbox: OnceLock<mpsc::UnboundedSender<Committed>>,
    shutdown: watch::Sender<bool>,
    open_sockets: Arc<AtomicUsize>,
}

/// One workshop's channel and the newest sequence number published on it.
#[derive(Debug)]
struct Channel {
    sender: broadcast::Sender<Arc<StoredEvent>>,
    /// 0 until something is published.
    newest: i64,
}

impl Channel {
    /// Whether any socket here still listens.
    fn has_sockets(&self) -> bool {
        self.sender.receiver_count() > 0
    }
}

impl Default for Hub {
    fn default() -> Self {
        Hub {
            channels: Mutex::new(HashMap::new()),
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

impl Hub {
    /// The channels, still usable after a panic elsewhere poisoned their lock.
    fn channels(&self) -> MutexGuard<'_, HashMap<Uuid, Channel>> {
        self.channels.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Receives every event of `workshop_id` published from now on.
    pub fn subscribe(&self, workshop_id: Uuid) -> broadcast::Receiver<Arc<StoredEvent>> {
        self.channels()
            .entry(workshop_id)
            .or_insert_with(|| Channel { sender: broadcast::channel(CHANNEL_CAPACITY).0, newest: 0 })
            .sender
            .subscribe()
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
        let mut channels = self.channels();
        let Some(channel) = channels.get_mut(&event.workshop_id) else { return };
        channel.newest = channel.newest.max(event.event.seq);
        if channel.sender.send(Arc::new(event)).is_err() {
            // Nobody listens any more: forget the channel so idle workshops cost nothing.
            channels.retain(|_, channel| channel.has_sockets());
        }
    }

    /// Routes every later local commit to `outbox` as well (set once, by the relay).
    pub fn set_outbox(&self, outbox: mpsc::UnboundedSender<Committed>) {
        let _ = self.outbox.set(outbox);
    }

    /// The workshops with sockets here, each with the newest sequence number published to
    /// them (0: none yet).
    pub fn listened(&self) -> Vec<(Uuid, i64)> {
        self.channels().iter().filter(|(_, c)| c.has_sockets()).map(|(id, c)| (*id, c.newest)).collect()
    }

    /// The newest sequence number published to `workshop_id`'s sockets here (0: none yet),
    /// or `None` when no socket here shows that workshop.
    pub fn newest(&self, workshop_id: Uuid) -> Option<i64> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use app::live::{BoardEvent, Change};

    fn event(workshop_id: Uuid, seq: i64) -> StoredEvent {
        StoredEvent {
            workshop_id,
            event: BoardEvent { seq, change: Change::Locked { locked: true } },
            audience: crate::visibility::Audience::Everyone,
            author: None,
        }
    }

    #[tokio::test]
    async fn events_reach_only_the_sockets_of_their_workshop() {
        let hub = Hub::default();
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        let mut on_a = hub.subscribe(a);
        let mut on_b = hub.subscribe(b);
        hub.publish(event(a, 1));
        assert_eq!(on_a.recv().await.unwrap().event.seq, 1);
        assert!(on_b.try_recv().is_err());
    }

    #[test]
    fn channels_without_listeners_are_dropped() {
        let hub = Hub::default();
        let id = Uuid::new_v4();
        drop(hub.subscribe(id));
        hub.publish(event(id, 1));
        assert!(hub.channels.lock().unwrap().is_empty());
    }
}
