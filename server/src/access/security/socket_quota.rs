//! What one client may hold and draw of the live sockets: at most
//! [`MAX_SOCKETS_PER_CLIENT`] open at once, and board snapshots (a whole board, sent on a
//! reconnect that missed too much) up to [`SNAPSHOT_BYTES_BUDGET`] bytes. Without these, a
//! client reconnecting in a loop had the server send about 600 bytes per byte it sent.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use super::rate_limit::{Budget, Limiter};

/// Sockets one client (device, session or, without either, address) may have open at once:
/// a person has a board or two open, a few tabs at most.
pub const MAX_SOCKETS_PER_CLIENT: usize = 10;

/// Snapshot bytes per client: a burst of 4 MiB (a dozen snapshots of an 800-note board,
/// more than a restart's reconnects need), then 32 KiB a second (about 2 MB a minute).
pub const SNAPSHOT_BYTES_BUDGET: Budget =
    Budget { burst: 4 * 1024 * 1024, per_second: 32.0 * 1024.0, refusals_count: false };

/// The open sockets per client and their snapshot budgets.
pub struct SocketQuota {
    open: Arc<Mutex<HashMap<String, usize>>>,
    snapshot_bytes: Limiter<String>,
}

impl Default for SocketQuota {
    fn default() -> Self {
        SocketQuota { open: Arc::default(), snapshot_bytes: Limiter::new(SNAPSHOT_BYTES_BUDGET) }
    }
}

/// One open socket of a client; dropping it closes the slot.
#[derive(Debug)]
pub struct SocketSlot {
    open: Arc<Mutex<HashMap<String, usize>>>,
    client: String,
}

impl Drop for SocketSlot {
    fn drop(&mut self) {
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(count) = open.get_mut(&self.client) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.client);
            }
        }
    }
}

impl SocketQuota {
    /// A slot for another socket of `client`, or `None` when it has
    /// [`MAX_SOCKETS_PER_CLIENT`] open already.
    pub fn open(&self, client: &str) -> Option<SocketSlot> {
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        let count = open.entry(client.to_string()).or_default();
        if *count >= MAX_SOCKETS_PER_CLIENT {
            return None;
        }
        *count += 1;
        Some(SocketSlot { open: self.open.clone(), client: client.to_string() })
    }

    /// Whether `client` may be sent a snapshot now: its budget is not spent.
    pub fn may_send_snapshot(&self, client: &str, now: Instant) -> bool {
        self.snapshot_bytes.has_tokens(client.to_string(), now)
    }

    /// Counts a snapshot of `bytes` sent to `client` (it may run the budget into debt, up to
    /// one burst, which the following ones wait out).
    pub fn sent_snapshot(&self, client: &str, bytes: usize, now: Instant) {
        self.snapshot_bytes.spend(client.to_string(), bytes as f64, now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_holds_at_most_ten_sockets_and_a_closed_one_frees_its_slot() {
        let quota = SocketQuota::default();
        let slots: Vec<SocketSlot> =
            (0..MAX_SOCKETS_PER_CLIENT).map(|_| quota.open("d:anna").unwrap()).collect();
        assert!(quota.open("d:anna").is_none(), "the eleventh");
        assert!(quota.open("d:bo").is_some(), "another client's own");
        drop(slots.into_iter().next());
        assert!(quota.open("d:anna").is_some(), "a slot came free");
    }

    #[test]
    fn snapshots_stop_when_their_bytes_are_spent_and_resume_at_the_steady_rate() {
        let quota = SocketQuota::default();
        let start = Instant::now();
        let board = 300 * 1024;
        let mut sent = 0;
        while quota.may_send_snapshot("d:anna", start) {
            quota.sent_snapshot("d:anna", board, start);
            sent += 1;
        }
        assert_eq!(sent, 14, "4 MiB of 300 KiB snapshots, the last one into debt");
        assert!(quota.may_send_snapshot("d:bo", start));
        let debt_paid = start + std::time::Duration::from_secs(10);
        assert!(quota.may_send_snapshot("d:anna", debt_paid));
    }
}
