//! Caps on the connections held at once, in all and per client address, so that one
//! client cannot use up the process's open files: past a cap a new connection is closed
//! as soon as it is accepted, and the log says so (at most once every 10 s).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How many connections may be open at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caps {
    /// In all.
    pub total: usize,
    /// From one address; `None` behind a trusted reverse proxy, where every connection
    /// comes from the proxy's address.
    pub per_address: Option<usize>,
}

/// Why a connection was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    Total,
    PerAddress,
}

/// The connections open now, counted against [`Caps`].
#[derive(Debug)]
pub struct Admission {
    caps: Caps,
    open: Arc<Mutex<Counts>>,
    refused: AtomicUsize,
    /// Milliseconds since `started` at the last log line about refusals.
    last_logged_ms: AtomicU64,
    started: Instant,
}

#[derive(Debug, Default)]
struct Counts {
    total: usize,
    per_address: HashMap<IpAddr, usize>,
}

/// An open connection's place in the counts; dropping it frees the place.
#[derive(Debug)]
pub struct Admitted {
    open: Arc<Mutex<Counts>>,
    address: IpAddr,
}

impl Drop for Admitted {
    fn drop(&mut self) {
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        open.total -= 1;
        if let Some(count) = open.per_address.get_mut(&self.address) {
            *count -= 1;
            if *count == 0 {
                open.per_address.remove(&self.address);
            }
        }
    }
}

/// How often a refusal is logged at most.
const LOG_EVERY: Duration = Duration::from_secs(10);

impl Admission {
    /// No connection open yet.
    pub fn new(caps: Caps) -> Self {
        Admission {
            caps,
            open: Arc::default(),
            refused: AtomicUsize::new(0),
            last_logged_ms: AtomicU64::new(0),
            started: Instant::now(),
        }
    }

    /// A place for a connection from `address`, or why there is none.
    pub fn admit(&self, address: IpAddr) -> Result<Admitted, Refused> {
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        if open.total >= self.caps.total {
            return Err(self.refused(Refused::Total, address, open.total));
        }
        let from_address = open.per_address.get(&address).copied().unwrap_or(0);
        if self.caps.per_address.is_some_and(|cap| from_address >= cap) {
            return Err(self.refused(Refused::PerAddress, address, from_address));
        }
        open.total += 1;
        *open.per_address.entry(address).or_default() += 1;
        Ok(Admitted { open: self.open.clone(), address })
    }

    /// Counts a refusal, logging it with those since the last log line when that was
    /// [`LOG_EVERY`] ago.
    fn refused(&self, why: Refused, address: IpAddr, open: usize) -> Refused {
        let refused = self.refused.fetch_add(1, Ordering::Relaxed) + 1;
        let now_ms = self.started.elapsed().as_millis() as u64;
        let last = self.last_logged_ms.load(Ordering::Relaxed);
        let due = last == 0 || now_ms.saturating_sub(last) >= LOG_EVERY.as_millis() as u64;
        if due
            && self
                .last_logged_ms
                .compare_exchange(last, now_ms.max(1), Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
        {
            self.refused.store(0, Ordering::Relaxed);
            match why {
                Refused::Total => tracing::warn!(
                    open,
                    cap = self.caps.total,
                    refused,
                    "connection cap reached: new connections are closed at once"
                ),
                Refused::PerAddress => tracing::warn!(
                    %address, open, cap = self.caps.per_address, refused,
                    "connection cap per address reached: this address's new connections are closed at once"
                ),
            }
        }
        why
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_hold_in_all_and_per_address_and_closing_frees_a_place() {
        let admission = Admission::new(Caps { total: 5, per_address: Some(3) });
        let (a, b) = (IpAddr::from([10, 0, 0, 1]), IpAddr::from([10, 0, 0, 2]));
        let from_a: Vec<_> = (0..3).map(|_| admission.admit(a).unwrap()).collect();
        assert_eq!(admission.admit(a).unwrap_err(), Refused::PerAddress);
        let from_b: Vec<_> = (0..2).map(|_| admission.admit(b).unwrap()).collect();
        assert_eq!(admission.admit(IpAddr::from([10, 0, 0, 3])).unwrap_err(), Refused::Total);
        drop(from_a);
        assert!(admission.admit(a).is_ok(), "places came free");
        drop(from_b);
    }

    #[test]
    fn behind_a_proxy_only_the_total_counts() {
        let admission = Admission::new(Caps { total: 4, per_address: None });
        let proxy = IpAddr::from([127, 0, 0, 1]);
        let held: Vec<_> = (0..4).map(|_| admission.admit(proxy).unwrap()).collect();
        assert_eq!(admission.admit(proxy).unwrap_err(), Refused::Total);
        assert_eq!(held.len(), 4);
    }
}
