//! What protects every request: security headers, cross-site request refusal, refusal of
//! cookies the server did not issue, a body size limit, per-client (session or device)
//! rate limits, a budget and a concurrency bound for CPU-heavy requests, limits on probing
//! secrets, and the limits of live sockets. [`protect`] wraps the router in the request
//! checks; the sockets take theirs from [`SocketQuota`].

mod body;
mod client_address;
mod credentials;
mod csrf;
mod device_token;
mod first_contact;
mod headers;
mod heavy;
mod limits;
mod origin;
mod rate_limit;
mod socket_quota;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderName, Method};
use axum::middleware;

pub use body::MAX_BODY_BYTES;
pub use client_address::{ClientAddress, client_address};
pub use credentials::{ClientKey, Unissued, client_key};
pub use device_token::{DEVICE_KEY, DeviceTokens, new_key_hex};
pub use headers::provide_request_nonce;
pub use heavy::{HEAVY_ADDRESS_BUDGET, HEAVY_BUDGET, HeavyWork, is_heavy};
pub use limits::RateLimits;
pub use origin::origin_allowed;
pub use rate_limit::{
    ADDRESS_BUDGET, Bucket, Budget, DEVICE_BUDGET, JOIN_CODE_ADDRESS_BUDGET, JOIN_CODE_GLOBAL_BUDGET,
    Limiter, SIGN_IN_ADDRESS_BUDGET, SIGN_IN_BUDGET, SIGN_IN_GLOBAL_BUDGET,
};
pub use socket_quota::{MAX_SOCKETS_PER_CLIENT, SNAPSHOT_BYTES_BUDGET, SocketQuota, SocketSlot};

/// The part of the server's state the request checks read, and all of it they see, so that
/// they depend on nothing the server builds above them (the handlers read it too, as
/// `AppState::guard`).
#[derive(Clone)]
pub struct Guard {
    /// Whether cookies must be marked `Secure` (the public URL is https).
    pub secure_cookies: bool,
    pub public_url: String,
    /// Origins whose pages may post and open live sockets: the public URL and every
    /// `--allowed-origin`.
    pub allowed_origins: Vec<String>,
    /// Request budgets per device (and per address for requests without one).
    pub limits: Arc<RateLimits>,
    /// Tells device tokens this server issued from made-up ones.
    pub device_tokens: DeviceTokens,
    /// The header a trusted reverse proxy writes the client's address into, if any.
    pub trusted_proxy_header: Option<HeaderName>,
    /// How long a client may take to send a request's header, and again its body.
    pub read_timeout: Duration,
}

/// Wraps `router` so that every response has the security headers and every state-changing
/// request is checked, in this order: same site, cookies issued by this server (once the
/// client's address is known), within its rate budget, within its heavy budget and turn,
/// within the budget for probing secrets, body small and well-formed.
pub fn protect<S: Clone + Send + Sync + 'static>(router: Router<S>, guard: Guard) -> Router<S> {
    let state = Arc::new(guard);
    // Layers run outside in, so the last one added sees the request first.
    router
        .layer(middleware::from_fn_with_state(state.clone(), body::check_body))
        .layer(body::size_limit())
        .layer(middleware::map_response(body::too_large_as_json))
        .layer(middleware::from_fn_with_state(state.clone(), first_contact::limit_probes))
        .layer(middleware::from_fn_with_state(state.clone(), heavy::limit_heavy))
        .layer(middleware::from_fn_with_state(state.clone(), limits::limit_rate))
        .layer(middleware::from_fn_with_state(state.clone(), credentials::find_client_key))
        .layer(middleware::from_fn_with_state(state.clone(), client_address::find_client_address))
        .layer(middleware::from_fn_with_state(state.clone(), csrf::refuse_cross_site))
        .layer(middleware::from_fn_with_state(state.clone(), headers::security_headers))
}

/// Whether a request of this method may change something (and so needs the checks).
fn is_state_changing(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE)
}
