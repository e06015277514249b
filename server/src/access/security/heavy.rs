//! Requests that cost the server real CPU (similar-note hints, clustering, the round's
//! analysis, exports): a budget of their own per client, whatever the method (an export is
//! a GET), and a bound on how many run at once in the whole server, so no client, however
//! many cookies or addresses it has, can keep every core busy.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::State;
use axum::http::Request;
use axum::middleware::Next;
use axum::response::Response;
use tokio::sync::Semaphore;

use super::Guard;
use super::client_address::ClientAddress;
use super::credentials::ClientKey;
use super::rate_limit::{Budget, Limiter, too_many_requests};

/// Heavy requests per participant or account: hints come after a pause in typing, and an
/// analyst opens or exports a round now and then; a script meets this in seconds.
pub const HEAVY_BUDGET: Budget = Budget { burst: 20, per_second: 0.5, refusals_count: true };

/// Heavy requests per address from clients without a cookie (a whole room behind one NAT
/// shares it, and almost every heavy request needs a cookie anyway).
pub const HEAVY_ADDRESS_BUDGET: Budget = Budget { burst: 60, per_second: 2.0, refusals_count: false };

/// How long a heavy request waits for a free core before it is told to come back.
const QUEUE_WAIT: Duration = Duration::from_secs(20);

/// Server functions whose work grows with a workshop or a round.
const HEAVY_FUNCTIONS: [&str; 7] = [
    "find_similar_notes",
    "get_semantic_grouping",
    "run_clustering",
    "get_round_analysis",
    "cluster_round",
    "merge_round_themes",
    "split_round_theme",
];

/// Whether a request to `path` is heavy: one of [`HEAVY_FUNCTIONS`], an export or archive,
/// or the round's analysis page (rendered on the server with the analysis in it).
pub fn is_heavy(path: &str) -> bool {
    if let Some(function) = path.strip_prefix("/api/") {
        return HEAVY_FUNCTIONS.contains(&function);
    }
    path.starts_with("/export/")
        || path.starts_with("/archive/")
        || (path.starts_with("/rounds/") && path.trim_end_matches('/').ends_with("/analysis"))
}

/// The heavy requests' budgets and the server's bound on running them at once.
pub struct HeavyWork {
    clients: Limiter<String>,
    addresses: Limiter<Option<std::net::IpAddr>>,
    running: Arc<Semaphore>,
}

impl HeavyWork {
    /// At most `at_once` heavy requests run together (the machine's cores, typically).
    pub fn new(at_once: usize) -> Self {
        HeavyWork {
            clients: Limiter::new(HEAVY_BUDGET),
            addresses: Limiter::new(HEAVY_ADDRESS_BUDGET),
            running: Arc::new(Semaphore::new(at_once.max(1))),
        }
    }

    /// Takes a heavy token for the client `key`, or its `address` without one.
    fn take(&self, key: &ClientKey, address: Option<std::net::IpAddr>, now: Instant) -> Result<(), Duration> {
        match &key.0 {
            Some(key) => self.clients.take(key.clone(), now),
            None => self.addresses.take(address, now),
        }
    }
}

impl Default for HeavyWork {
    fn default() -> Self {
        Self::new(std::thread::available_parallelism().map_or(2, |cores| cores.get()))
    }
}

/// Middleware: a heavy request takes a token of its client's heavy budget (429 without),
/// then waits its turn among the heavy requests running (429 after [`QUEUE_WAIT`]). The
/// turn is held until the response is made; a client that goes away gives it back.
pub async fn limit_heavy(State(state): State<Arc<Guard>>, request: Request<Body>, next: Next) -> Response {
    if !is_heavy(request.uri().path()) {
        return next.run(request).await;
    }
    let key = request.extensions().get::<ClientKey>().cloned().unwrap_or(ClientKey(None));
    let address = request.extensions().get::<ClientAddress>().and_then(|found| found.0);
    let heavy = &state.limits.heavy;
    if let Err(wait) = heavy.take(&key, address, Instant::now()) {
        return too_many_requests(wait);
    }
    let Ok(Ok(_turn)) = tokio::time::timeout(QUEUE_WAIT, heavy.running.clone().acquire_owned()).await else {
        tracing::warn!(path = request.uri().path(), "a heavy request waited too long for a free core");
        return too_many_requests(Duration::from_secs(5));
    };
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_clustering_analysis_and_exports_are_heavy_and_the_rest_is_not() {
        for heavy in [
            "/api/find_similar_notes",
            "/api/run_clustering",
            "/api/get_round_analysis",
            "/export/rounds/6b0f/csv",
            "/archive/rounds/6b0f",
            "/rounds/6b0f/analysis",
        ] {
            assert!(is_heavy(heavy), "{heavy}");
        }
        for light in
            ["/api/add_note", "/api/get_board", "/rounds/6b0f", "/healthz", "/pkg/klustra.wasm", "/api/find"]
        {
            assert!(!is_heavy(light), "{light}");
        }
    }

    #[test]
    fn each_client_has_its_own_heavy_budget() {
        let heavy = HeavyWork::new(2);
        let now = Instant::now();
        let anna = ClientKey(Some("d:anna".into()));
        for _ in 0..HEAVY_BUDGET.burst {
            heavy.take(&anna, None, now).unwrap();
        }
        assert!(heavy.take(&anna, None, now).is_err());
        assert!(heavy.take(&ClientKey(Some("d:bo".into())), None, now).is_ok());
        assert!(heavy.take(&ClientKey(None), None, now).is_ok(), "no cookie: the address's budget");
    }
}
