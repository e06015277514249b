//! What an outsider can probe without any cookie: passwords (signing in) and join codes
//! (reading a board, joining). Each probe is limited per address and for everyone
//! together, on top of the budgets per device, so neither dropping nor forging cookies buys
//! more tries. Sign-ins are also limited per account, where the e-mail address is known
//! (`Service::sign_in`).

use std::net::IpAddr;
use std::time::Instant;

use axum::body::Body;
use axum::extract::State;
use axum::http::{Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use super::client_address::ClientAddress;
use super::rate_limit::{Limiter, too_many_requests};
use crate::AppState;

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
/// (404) count, so a room of 300 joining through one address is never held up.
pub async fn limit_probes(State(state): State<AppState>, request: Request<Body>, next: Next) -> Response {
    let Some(probe) = probe(request.method(), request.uri().path()) else {
        return next.run(request).await;
    };
    let address = request.extensions().get::<ClientAddress>().and_then(|found| found.0);
    let limits = &state.limits;
    let (per_address, everyone) = match probe {
        Probe::SignIn => (&limits.sign_in_addresses, &limits.sign_ins_everywhere),
        Probe::JoinCode => (&limits.join_code_addresses, &limits.join_codes_everywhere),
    };
    let now = Instant::now();
    if let Err(wait) = take_both(per_address, everyone, address, now) {
        tracing::warn!(?probe, ?address, "refused a probe over its budget");
        return too_many_requests(wait);
    }
    let response = next.run(request).await;
    if probe == Probe::JoinCode && response.status() != StatusCode::NOT_FOUND {
        per_address.give_back(address, now);
        everyone.give_back((), now);
    }
    response
}

/// Takes a token from the address's bucket and from everyone's, or from neither.
fn take_both(
    per_address: &Limiter<Option<IpAddr>>,
    everyone: &Limiter<()>,
    address: Option<IpAddr>,
    now: Instant,
) -> Result<(), std::time::Duration> {
    per_address.take(address, now)?;
    everyone.take((), now).inspect_err(|_| per_address.give_back(address, now))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::security::Budget;

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
