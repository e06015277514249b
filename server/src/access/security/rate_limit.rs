//! Per-client token buckets: a generous budget for people, a tight one for scripts.
//!
//! Requests are counted per session (signed-in accounts) or device cookie (participants),
//! not per address: a whole agency behind one NAT shares an address, and must not be
//! throttled as one. Both are tokens the server signed (see [`super::credentials`]).
//! Requests with neither cookie (first contact: joining, signing in) share a budget per
//! address. Buckets live
//! in memory; idle ones are evicted, so a flood of new keys cannot grow it without bound.
//!
//! Not the `governor` crate, whose keyed GCRA limiter is the standard: three things these
//! limits rest on are not in it. A refused request on a client's own key adds to its debt
//! (a script hammering on waits longer; [`Budget::refusals_count`]), on a shared key it
//! does not (a NAT's other people are not locked out); notes over live sockets are paced by
//! reserving the next turn ([`Limiter::reserve`]) so a device's sockets share its rate in
//! order; and the number of keys has a hard cap, idle buckets evicted first, where governor's
//! keyed state grows until `retain_recent` is called. Each would be a wrapper around it as
//! long as the bucket itself.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use app::error::AppError;
use axum::response::{IntoResponse, Response};

use crate::http::error::ApiError;

/// How many requests a key may make: `burst` at once, then `per_second` steadily.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    pub burst: u32,
    /// Tokens refilled per second; below 1 for slow budgets (0.2 is one every 5 s).
    pub per_second: f64,
    /// Whether refused requests count too (down to a debt of one burst), so a client that
    /// ignores `Retry-After` and keeps hammering keeps itself waiting. Only for keys that
    /// are one client: on a shared key one client's hammering would lock out the rest.
    pub refusals_count: bool,
}

/// Per device: a person clicks and types far below this; a script meets it in seconds.
pub const DEVICE_BUDGET: Budget = Budget { burst: 30, per_second: 10.0, refusals_count: true };

/// Per address, for requests without a device cookie (a browser's first request). Large
/// enough for a room of 300 behind one NAT joining at the same moment (at 60 the last of
/// them waited 25 s, which the 300-participant benchmark showed), small enough to slow a
/// script that drops its cookie to escape the per-device budget.
pub const ADDRESS_BUDGET: Budget = Budget { burst: 300, per_second: 30.0, refusals_count: false };

/// Sign-in attempts per account (e-mail address), whatever device or address they come
/// from: a few typos pass, then one every 12 s (300 an hour). Refusals do not count: the
/// key is shared with the account's owner, whom a guesser must not lock out for longer.
pub const SIGN_IN_BUDGET: Budget = Budget { burst: 5, per_second: 1.0 / 12.0, refusals_count: false };

/// Sign-in attempts per address, whatever the account: a team behind one NAT signing in at
/// nine passes, a script trying many accounts from one machine is held to one every 2 s.
pub const SIGN_IN_ADDRESS_BUDGET: Budget = Budget { burst: 30, per_second: 0.5, refusals_count: false };

/// Sign-in attempts of everyone together: what the password checks can take on 2 cores,
/// so guessing spread over many addresses stays slow too.
pub const SIGN_IN_GLOBAL_BUDGET: Budget = Budget { burst: 100, per_second: 5.0, refusals_count: false };

/// Unknown join codes per address: typos of a room behind one NAT pass, guessing does not
/// (a code found gives its token back, so only misses count).
pub const JOIN_CODE_ADDRESS_BUDGET: Budget = Budget { burst: 30, per_second: 0.5, refusals_count: false };

/// Unknown join codes of everyone together: at 5 a second, finding one of 100 open
/// workshops among 23^6 codes takes about three days on average.
pub const JOIN_CODE_GLOBAL_BUDGET: Budget = Budget { burst: 300, per_second: 5.0, refusals_count: false };

/// Keys kept before idle buckets are evicted (about 100 bytes each).
const MAX_KEYS: usize = 100_000;

/// A set of token buckets with one budget.
pub struct Limiter<K> {
    budget: Budget,
    max_keys: usize,
    buckets: Mutex<HashMap<K, Bucket>>,
}

/// One token bucket: for a key of a [`Limiter`], or for one socket on its own.
#[derive(Debug, Clone, Copy)]
pub struct Bucket {
    tokens: f64,
    updated: Instant,
}

impl Bucket {
    /// A full bucket of `budget`.
    pub fn full(budget: Budget, now: Instant) -> Self {
        Bucket { tokens: f64::from(budget.burst.max(1)), updated: now }
    }

    fn refill(&mut self, budget: Budget, now: Instant) {
        let elapsed = now.saturating_duration_since(self.updated).as_secs_f64();
        self.tokens = (self.tokens + elapsed * rate(budget)).min(f64::from(budget.burst.max(1)));
        self.updated = now;
    }

    /// Takes one token, or says how long until the caller may try again.
    pub fn take(&mut self, budget: Budget, now: Instant) -> Result<(), Duration> {
        self.refill(budget, now);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            return Ok(());
        }
        if budget.refusals_count {
            self.tokens = (self.tokens - 1.0).max(-f64::from(budget.burst.max(1)));
        }
        Err(Duration::from_secs_f64((1.0 - self.tokens) / rate(budget)))
    }

    /// Spends `amount` tokens (bytes, say) whether or not they are there, down to a debt of
    /// one burst.
    fn spend(&mut self, budget: Budget, amount: f64, now: Instant) {
        self.refill(budget, now);
        self.tokens = (self.tokens - amount).max(-f64::from(budget.burst.max(1)));
    }

    /// Takes one token even if it is not there yet; returns how long until it would have
    /// been. Callers that wait that long before acting go exactly at the budget's rate, in
    /// the order they asked, and a wait never adds to the next one's.
    fn reserve(&mut self, budget: Budget, now: Instant) -> Duration {
        self.refill(budget, now);
        self.tokens -= 1.0;
        if self.tokens >= 0.0 { Duration::ZERO } else { Duration::from_secs_f64(-self.tokens / rate(budget)) }
    }
}

fn rate(budget: Budget) -> f64 {
    if budget.per_second > 0.0 { budget.per_second } else { 1.0 }
}

impl<K: Hash + Eq> Limiter<K> {
    /// An empty limiter with this budget.
    pub fn new(budget: Budget) -> Self {
        Self::with_capacity(budget, MAX_KEYS)
    }

    fn with_capacity(budget: Budget, max_keys: usize) -> Self {
        Limiter { budget, max_keys, buckets: Mutex::new(HashMap::new()) }
    }

    /// Takes one token from `key`'s bucket, or says how long until the caller may try again.
    pub fn take(&self, key: K, now: Instant) -> Result<(), Duration> {
        self.with_bucket(key, now, |bucket, budget| bucket.take(budget, now))
    }

    /// Returns a token taken from `key`'s bucket, for an attempt that turned out not to count
    /// (a join code that was right).
    pub fn give_back(&self, key: K, now: Instant) {
        self.with_bucket(key, now, |bucket, budget| {
            bucket.refill(budget, now);
            bucket.tokens = (bucket.tokens + 1.0).min(f64::from(budget.burst.max(1)));
        });
    }

    /// Whether `key`'s bucket holds at least one token now (taking none).
    pub fn has_tokens(&self, key: K, now: Instant) -> bool {
        self.with_bucket(key, now, |bucket, budget| {
            bucket.refill(budget, now);
            bucket.tokens >= 1.0
        })
    }

    /// Spends `amount` of `key`'s tokens, into debt if need be (see [`Bucket::spend`]).
    pub fn spend(&self, key: K, amount: f64, now: Instant) {
        self.with_bucket(key, now, |bucket, budget| bucket.spend(budget, amount, now));
    }

    /// Takes the next token of `key` whether or not it is there yet; returns how long to
    /// wait until it is (see [`Bucket::reserve`]).
    pub fn reserve(&self, key: K, now: Instant) -> Duration {
        self.with_bucket(key, now, |bucket, budget| bucket.reserve(budget, now))
    }

    fn with_bucket<T>(&self, key: K, now: Instant, act: impl FnOnce(&mut Bucket, Budget) -> T) -> T {
        // A panic elsewhere while holding the lock leaves the map consistent enough to go on.
        let mut buckets = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        if buckets.len() >= self.max_keys && !buckets.contains_key(&key) {
            self.evict_idle(&mut buckets, now);
        }
        let bucket = buckets.entry(key).or_insert(Bucket::full(self.budget, now));
        act(bucket, self.budget)
    }

    /// Drops buckets that have refilled completely: forgetting them changes nothing.
    fn evict_idle(&self, buckets: &mut HashMap<K, Bucket>, now: Instant) {
        let refill = Duration::from_secs_f64(f64::from(self.budget.burst) / rate(self.budget));
        buckets.retain(|_, bucket| now.saturating_duration_since(bucket.updated) < refill);
        if buckets.len() >= self.max_keys {
            // Only a flood of distinct keys gets here; memory matters more than its budgets.
            tracing::warn!(keys = buckets.len(), "rate limiter full of active keys; starting afresh");
            buckets.clear();
        }
    }

    /// How many keys are remembered.
    pub fn len(&self) -> usize {
        self.buckets.lock().unwrap_or_else(PoisonError::into_inner).len()
    }

    /// Whether no key is remembered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The 429 answer, with `Retry-After` in whole seconds.
pub(super) fn too_many_requests(wait: Duration) -> Response {
    let retry_after = wait.as_secs_f64().ceil().max(1.0) as u32;
    ApiError::from(AppError::TooManyRequests { retry_after }).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUDGET: Budget = Budget { burst: 3, per_second: 2.0, refusals_count: true };

    fn millis(wait: Result<(), Duration>) -> u128 {
        wait.expect_err("refused").as_millis()
    }

    #[test]
    fn a_burst_passes_then_only_the_steady_rate() {
        let limiter = Limiter::new(BUDGET);
        let start = Instant::now();
        for _ in 0..3 {
            assert_eq!(limiter.take("a", start), Ok(()));
        }
        // 300 ms refilled 0.6 of a token; the refused try costs one, so 1.4 are missing.
        let wait = limiter.take("a", start + Duration::from_millis(300));
        assert!((699..=700).contains(&millis(wait)), "{wait:?}");
        assert_eq!(limiter.take("a", start + Duration::from_millis(1010)), Ok(()), "after waiting as told");
        assert!(limiter.take("a", start + Duration::from_millis(1020)).is_err());
        assert_eq!(limiter.take("a", start + Duration::from_millis(2100)), Ok(()), "two tokens per second");
    }

    #[test]
    fn hammering_on_keeps_a_client_waiting_up_to_one_burst_of_debt() {
        let limiter = Limiter::new(BUDGET);
        let start = Instant::now();
        for _ in 0..100 {
            let _ = limiter.take("a", start);
        }
        // Three tokens of debt at most: four refills (2 s) before the next request passes.
        assert!((1999..=2000).contains(&millis(limiter.take("a", start))));
        assert!(limiter.take("a", start + Duration::from_millis(1900)).is_err());
        assert_eq!(limiter.take("a", start + Duration::from_millis(4000)), Ok(()));
    }

    #[test]
    fn on_a_shared_key_refusals_cost_nothing() {
        let limiter = Limiter::new(Budget { refusals_count: false, ..BUDGET });
        let start = Instant::now();
        for _ in 0..100 {
            let _ = limiter.take("nat", start);
        }
        assert!((499..=500).contains(&millis(limiter.take("nat", start))));
        assert_eq!(limiter.take("nat", start + Duration::from_millis(510)), Ok(()));
    }

    #[test]
    fn keys_do_not_share_a_bucket() {
        let limiter = Limiter::new(BUDGET);
        let now = Instant::now();
        for _ in 0..3 {
            limiter.take("a", now).unwrap();
        }
        assert!(limiter.take("a", now).is_err());
        assert_eq!(limiter.take("b", now), Ok(()), "another device behind the same address");
    }

    #[test]
    fn a_rested_bucket_holds_no_more_than_the_burst() {
        let limiter = Limiter::new(BUDGET);
        let start = Instant::now();
        limiter.take("a", start).unwrap();
        let later = start + Duration::from_secs(3600);
        for _ in 0..3 {
            limiter.take("a", later).unwrap();
        }
        assert!(limiter.take("a", later).is_err());
    }

    #[test]
    fn memory_stays_bounded_by_evicting_idle_buckets() {
        let limiter = Limiter::with_capacity(BUDGET, 4);
        let start = Instant::now();
        for key in 0..4 {
            limiter.take(key, start).unwrap();
        }
        // Three seconds on, every bucket has refilled: a fifth key evicts them all.
        limiter.take(99, start + Duration::from_secs(3)).unwrap();
        assert_eq!(limiter.len(), 1);
        // Keys that are all active: the limiter starts afresh rather than grow.
        for key in 100..110 {
            limiter.take(key, start + Duration::from_secs(3)).unwrap();
            assert!(limiter.len() <= 4);
        }
    }

    #[test]
    fn reserved_turns_go_at_the_budgets_rate_whoever_asks() {
        let limiter = Limiter::new(BUDGET);
        let start = Instant::now();
        let waits: Vec<u128> = (0..7).map(|_| limiter.reserve("a", start).as_millis()).collect();
        // Three at once, then one every 500 ms, in the order asked: no wait adds to another.
        assert_eq!(waits, [0, 0, 0, 500, 1000, 1500, 2000]);
        assert_eq!(limiter.reserve("a", start + Duration::from_secs(10)).as_millis(), 0, "refilled");
    }
}
