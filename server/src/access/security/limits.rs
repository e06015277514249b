//! The server's limiters together ([`RateLimits`]), held in the state every request sees,
//! and the middleware that holds each state-changing request to its client's budget.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use app::api::ports::Device;
use axum::body::Body;
use axum::extract::State;
use axum::http::Request;
use axum::middleware::Next;
use axum::response::Response;

use super::Guard;
use super::client_address::ClientAddress;
use super::credentials::ClientKey;
use super::first_contact::LookupsUnderWay;
use super::heavy::HeavyWork;
use super::is_state_changing;
use super::rate_limit::{
    ADDRESS_BUDGET, DEVICE_BUDGET, JOIN_CODE_ADDRESS_BUDGET, JOIN_CODE_GLOBAL_BUDGET, Limiter,
    SIGN_IN_ADDRESS_BUDGET, SIGN_IN_GLOBAL_BUDGET, too_many_requests,
};
use super::socket_quota::SocketQuota;

/// The server's limiters: requests per session or device, requests per address for those
/// with neither, notes over live sockets per device, and the probes of secrets
/// (see [`super::first_contact`]).
pub struct RateLimits {
    /// Keyed by [`client_key`].
    pub devices: Limiter<String>,
    pub addresses: Limiter<Option<IpAddr>>,
    /// Kept apart from `devices`: a reconnecting board flushing its outbox must not leave
    /// the same person's next click refused.
    pub socket_notes: Limiter<String>,
    pub sign_in_addresses: Limiter<Option<IpAddr>>,
    pub sign_ins_everywhere: Limiter<()>,
    pub join_code_addresses: Limiter<Option<IpAddr>>,
    pub join_codes_everywhere: Limiter<()>,
    /// Join-code lookups under way, whose tokens may come back.
    pub join_codes_under_way: LookupsUnderWay,
    /// The CPU-heavy requests' budgets and the bound on running them at once.
    pub heavy: HeavyWork,
    /// Live sockets open per client, and their snapshot bytes.
    pub sockets: SocketQuota,
}

impl Default for RateLimits {
    fn default() -> Self {
        RateLimits {
            devices: Limiter::new(DEVICE_BUDGET),
            addresses: Limiter::new(ADDRESS_BUDGET),
            socket_notes: Limiter::new(DEVICE_BUDGET),
            sign_in_addresses: Limiter::new(SIGN_IN_ADDRESS_BUDGET),
            sign_ins_everywhere: Limiter::new(SIGN_IN_GLOBAL_BUDGET),
            join_code_addresses: Limiter::new(JOIN_CODE_ADDRESS_BUDGET),
            join_codes_everywhere: Limiter::new(JOIN_CODE_GLOBAL_BUDGET),
            join_codes_under_way: LookupsUnderWay::default(),
            heavy: HeavyWork::default(),
            sockets: SocketQuota::default(),
        }
    }
}

impl RateLimits {
    /// Takes a token for a request from the client `key` (see [`ClientKey`]), or from
    /// `address` when there is none.
    pub fn take(&self, key: Option<String>, address: Option<IpAddr>, now: Instant) -> Result<(), Duration> {
        match key {
            Some(key) => self.devices.take(key, now),
            None => self.addresses.take(address, now),
        }
    }

    /// Waits for `device`'s next turn to send a note over a live socket: notes are paced
    /// rather than refused, so none is lost and a flood still goes no faster than the
    /// budget. Every note reserves the next turn, so the sockets of one device share its
    /// rate in turn and waiting never costs more than the wait itself.
    pub async fn pace(&self, device: &Device) {
        let wait = self.socket_notes.reserve(device.0.clone(), Instant::now());
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
    }
}

/// Middleware: answers 429 with `Retry-After` to a state-changing request over budget.
pub async fn limit_rate(State(state): State<Arc<Guard>>, request: Request<Body>, next: Next) -> Response {
    if !is_state_changing(request.method()) {
        return next.run(request).await;
    }
    let key = request.extensions().get::<ClientKey>().and_then(|found| found.0.clone());
    let address = request.extensions().get::<ClientAddress>().and_then(|found| found.0);
    match state.limits.take(key, address, Instant::now()) {
        Ok(()) => next.run(request).await,
        Err(wait) => too_many_requests(wait),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_without_a_device_count_per_address() {
        let limits = RateLimits::default();
        let now = Instant::now();
        let address = Some(IpAddr::from([10, 0, 0, 1]));
        for _ in 0..ADDRESS_BUDGET.burst {
            limits.take(None, address, now).unwrap();
        }
        assert!(limits.take(None, address, now).is_err());
        assert!(limits.take(None, Some(IpAddr::from([10, 0, 0, 2])), now).is_ok());
        assert!(
            limits.take(Some(format!("d:{}", "d".repeat(64))), address, now).is_ok(),
            "a device has its own"
        );
    }
}
