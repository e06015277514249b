//! What protects every request: security headers, cross-site request refusal, a body size
//! limit, per-client (session or device) rate limits and limits on probing secrets.
//! [`protect`] wraps the router in all of them.

mod body;
mod client_address;
mod csrf;
mod device_token;
mod first_contact;
mod headers;
mod origin;
mod rate_limit;

use axum::Router;
use axum::http::Method;
use axum::middleware;

pub use body::MAX_BODY_BYTES;
pub use client_address::{ClientAddress, client_address};
pub use device_token::{DEVICE_KEY, DeviceTokens, new_key_hex};
pub use headers::provide_request_nonce;
pub use origin::origin_allowed;
pub use rate_limit::{
    ADDRESS_BUDGET, Bucket, Budget, DEVICE_BUDGET, JOIN_CODE_ADDRESS_BUDGET, JOIN_CODE_GLOBAL_BUDGET,
    Limiter, RateLimits, SIGN_IN_ADDRESS_BUDGET, SIGN_IN_BUDGET, SIGN_IN_GLOBAL_BUDGET, client_key,
};

use crate::AppState;

/// Wraps `router` so that every response has the security headers and every state-changing
/// request is checked, in this order: same site, within its rate budget (once its client's
/// address is known), within the budget for probing secrets, body small and well-formed.
pub fn protect(router: Router<AppState>, state: &AppState) -> Router<AppState> {
    // Layers run outside in, so the last one added sees the request first.
    router
        .layer(middleware::from_fn_with_state(state.clone(), body::check_body))
        .layer(body::size_limit())
        .layer(middleware::map_response(body::too_large_as_json))
        .layer(middleware::from_fn_with_state(state.clone(), first_contact::limit_probes))
        .layer(middleware::from_fn_with_state(state.clone(), rate_limit::limit_rate))
        .layer(middleware::from_fn_with_state(state.clone(), client_address::find_client_address))
        .layer(middleware::from_fn_with_state(state.clone(), csrf::refuse_cross_site))
        .layer(middleware::from_fn_with_state(state.clone(), headers::security_headers))
}

/// Whether a request of this method may change something (and so needs the checks).
fn is_state_changing(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE)
}
