//! The address a request counts against in the limits per address: the connection's peer,
//! or, behind a reverse proxy named by `--trusted-proxy-header`, the client address that
//! proxy wrote into that header.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, HeaderName, Request};
use axum::middleware::Next;
use axum::response::Response;

use super::Guard;

/// The client's address, found once per request and kept in its extensions.
///
/// `None` when the request came through neither a socket nor the trusted header (tests
/// driving the router directly): such requests share one budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClientAddress(pub Option<IpAddr>);

/// Middleware: puts the request's [`ClientAddress`] into its extensions.
pub async fn find_client_address(
    State(state): State<Arc<Guard>>,
    mut request: Request<Body>,
    next: Next,
) -> Response {
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|info| info.0.ip());
    let address = client_address(request.headers(), peer, state.trusted_proxy_header.as_ref());
    request.extensions_mut().insert(ClientAddress(address));
    next.run(request).await
}

/// The client's address: the last one in `trusted` (a proxy appends the address it saw to
/// what the client sent, so only the last entry is the proxy's word), else the peer's.
pub fn client_address(
    headers: &HeaderMap,
    peer: Option<IpAddr>,
    trusted: Option<&HeaderName>,
) -> Option<IpAddr> {
    let Some(trusted) = trusted else { return peer };
    let forwarded = headers
        .get_all(trusted)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .next_back()
        .and_then(|last| parse_address(last.trim()));
    forwarded.or(peer)
}

/// An address as proxies write it: `203.0.113.7`, `2001:db8::1`, `[2001:db8::1]:443` or
/// `203.0.113.7:51000`.
fn parse_address(text: &str) -> Option<IpAddr> {
    text.parse::<IpAddr>().ok().or_else(|| text.parse::<SocketAddr>().ok().map(|addr| addr.ip()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn the_peer_counts_unless_a_trusted_header_names_the_client() {
        let peer = Some(IpAddr::from([10, 0, 0, 9]));
        let mut headers = HeaderMap::new();
        headers.append("x-forwarded-for", HeaderValue::from_static("1.1.1.1, 203.0.113.7"));
        assert_eq!(
            client_address(&headers, peer, None),
            peer,
            "forwarded headers are not trusted by default"
        );
        let trusted = HeaderName::from_static("x-forwarded-for");
        assert_eq!(
            client_address(&headers, peer, Some(&trusted)),
            Some(IpAddr::from([203, 0, 113, 7])),
            "the address the proxy appended, not the one the client wrote"
        );
        headers.append("x-forwarded-for", HeaderValue::from_static("[2001:db8::1]:443"));
        assert_eq!(client_address(&headers, peer, Some(&trusted)), Some("2001:db8::1".parse().unwrap()));
        let garbage = HeaderMap::from_iter([(trusted.clone(), HeaderValue::from_static("unknown"))]);
        assert_eq!(client_address(&garbage, peer, Some(&trusted)), peer);
    }
}
