//! What an outsider can probe without any cookie: passwords (signing in) and join codes
//! (reading a board, joining). Each probe is limited per address and for everyone
//! together, on top of the budgets per device, so neither dropping nor forging cookies buys
//! more tries. Only wrong join codes spend their budget, and a lookup waits for those of
//! its address still under way before it is refused, so a room joining at once gets in.
//! Sign-ins are also limited per account, where the e-mail address is known
//! (`Service::sign_in`).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::State;
use axum::http::{Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use tokio::sync::Notify;

use super::Guard;
use super::client_address::ClientAddress;
use super::rate_limit::{Limiter, too_many_requests};

/// A request that tries a secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Probe {
    SignIn,
    JoinCode,
}

/// Which secret, if any, a request tries.
fn probe(method: &Method, path: &str) -> Option<Probe> {
    match (method, path) {
        (&Method::POST, "/api/sign_in") => Some(Probe::SignIn),
        (&Method::POST, "/api/join_workshop" | "/api/get_board") => Some(Probe::JoinCode),
        (&Method::GET, path) if path.starts_with("/join/") => Some(Probe::JoinCode),
        _ => None,
    }
}

/// Middleware: answers 429 to a sign-in or join-code lookup over its address's or the
/// server's budget. A join code that was found gives its tokens back: only unknown codes
/// (404) count. A lookup is refused only once its address has none under way: while some
/// are, it waits for them, so a room of 300 joining through one address at once is held up
/// for a moment but never refused (the tokens were only out, not spent).
pub async fn limit_probes(State(state): State<Arc<Guard>>, request: Request<Body>, next: Next) -> Response {
    let Some(probe) = probe(request.method(), request.uri().path()) else {
        return next.run(request).await;
    };
    let address = request.extensions().get::<ClientAddress>().and_then(|found| found.0);
    let limits = &state.limits;
    let (per_address, everyone) = match probe {
        Probe::SignIn => (&limits.sign_in_addresses, &limits.sign_ins_everywhere),
        Probe::JoinCode => (&limits.join_code_addresses, &limits.join_codes_everywhere),
    };
    let taken = match probe {
        Probe::SignIn => take_both(per_address, everyone, address, Instant::now()),
        Probe::JoinCode => take_or_wait(&limits.join_codes_under_way, per_address, everyone, address).await,
    };
    if let Err(wait) = taken {
        tracing::warn!(?probe, ?address, "refused a probe over its budget");
        return too_many_requests(wait);
    }
    let under_way = (probe == Probe::JoinCode).then(|| limits.join_codes_under_way.start(address));
    let response = next.run(request).await;
    if probe == Probe::JoinCode && response.status() != StatusCode::NOT_FOUND {
        let now = Instant::now();
        per_address.give_back(address, now);
        everyone.give_back((), now);
    }
    // Only now: those waiting must find the tokens back when they look.
    drop(under_way);
    response
}

/// The longest a join-code lookup waits for those under way before it is refused: far more
/// than a lookup takes, even with a room joining at once on a loaded server.
const LONGEST_WAIT: Duration = Duration::from_secs(10);

/// Join-code lookups under way, per address, for [`take_or_wait`].
#[derive(Default)]
pub struct LookupsUnderWay {
    by_address: Mutex<HashMap<Option<IpAddr>, usize>>,
    finished: Notify,
}

/// Counts one lookup as under way until dropped.
struct UnderWay<'a> {
    lookups: &'a LookupsUnderWay,
    address: Option<IpAddr>,
}

impl LookupsUnderWay {
    fn counts(&self) -> MutexGuard<'_, HashMap<Option<IpAddr>, usize>> {
        self.by_address.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn start(&self, address: Option<IpAddr>) -> UnderWay<'_> {
        *self.counts().entry(address).or_default() += 1;
        UnderWay { lookups: self, address }
    }

    fn from(&self, address: Option<IpAddr>) -> usize {
        self.counts().get(&address).copied().unwrap_or(0)
    }
}

impl Drop for UnderWay<'_> {
    fn drop(&mut self) {
        let mut counts = self.lookups.counts();
        if let Some(count) = counts.get_mut(&self.address) {
            *count -= 1;
            if *count == 0 {
                counts.remove(&self.address);
            }
        }
        drop(counts);
        self.lookups.finished.notify_waiters();
    }
}

/// Takes both tokens, waiting while the address has lookups under way (each may give its
/// tokens back); refuses once none is and the budget is still spent. As many wrong codes get
/// through at once as one at a time: a token goes out with each lookup and a miss keeps it.
async fn take_or_wait(
    under_way: &LookupsUnderWay,
    per_address: &Limiter<Option<IpAddr>>,
    everyone: &Limiter<()>,
    address: Option<IpAddr>,
) -> Result<(), Duration> {
    let give_up_at = tokio::time::Instant::now() + LONGEST_WAIT;
    loop {
        // Registered before looking, so a lookup that finishes in between still wakes us.
        let finished = under_way.finished.notified();
        tokio::pin!(finished);
        finished.as_mut().enable();
        let wait = match take_both(per_address, everyone, address, Instant::now()) {
            Ok(()) => return Ok(()),
            Err(wait) => wait,
        };
        if under_way.from(address) == 0 {
            // The last may have finished since we took: its tokens are back by now.
            return take_both(per_address, everyone, address, Instant::now());
        }
        if tokio::time::timeout_at(give_up_at, finished).await.is_err() {
            return Err(wait);
        }
    }
}

/// Takes a token from the address's bucket and from everyone's, or from neither.
fn take_both(
    per_address: &Limiter<Option<IpAddr>>,
    everyone: &Limiter<()>,
    address: Option<IpAddr>,
    now: Instant,
) -> Result<(), Duration> {
    per_address.take(address, now)?;
    everyone.take((), now).inspect_err(|_| per_address.give_back(address, now))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::security::Budget;

    #[test]
    fn sign_ins_and_code_lookups_are_probes_and_nothing_else() {
        assert_eq!(probe(&Method::POST, "/api/sign_in"), Some(Probe::SignIn));
        assert_eq!(probe(&Method::POST, "/api/join_workshop"), Some(Probe::JoinCode));
        assert_eq!(probe(&Method::POST, "/api/get_board"), Some(Probe::JoinCode));
        assert_eq!(probe(&Method::GET, "/join/ABCDEF"), Some(Probe::JoinCode));
        assert_eq!(probe(&Method::GET, "/join"), None, "the form to type a code in");
        assert_eq!(probe(&Method::POST, "/api/add_note"), None);
    }

    #[test]
    fn a_refusal_by_everyones_budget_costs_the_address_nothing() {
        let budget = Budget { burst: 1, per_second: 0.001, refusals_count: false };
        let (per_address, everyone) = (Limiter::new(budget), Limiter::new(budget));
        let now = Instant::now();
        let (a, b) = (Some(IpAddr::from([10, 0, 0, 1])), Some(IpAddr::from([10, 0, 0, 2])));
        assert!(take_both(&per_address, &everyone, a, now).is_ok());
        assert!(take_both(&per_address, &everyone, b, now).is_err(), "everyone's budget is spent");
        everyone.give_back((), now);
        assert!(take_both(&per_address, &everyone, b, now).is_ok(), "b's own budget was not touched");
    }
}
