//! Cross-site request forgery: a page of another site must not change anything here.
//!
//! Browsers label every request with where it comes from. A state-changing request is
//! refused when the browser says it is cross-site (`Sec-Fetch-Site`), or when its `Origin`
//! is not this site. Requests with neither header (curl, API clients) are not from a
//! browser page, so a forged one is impossible, and they pass.

use std::sync::Arc;

use app::error::AppError;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::Guard;
use super::is_state_changing;
use super::origin::origin_allowed;
use crate::http::error::ApiError;

/// Middleware: answers 403 to a state-changing request from another site.
pub async fn refuse_cross_site(
    State(state): State<Arc<Guard>>,
    request: Request<Body>,
    next: Next,
) -> Response {
    if is_state_changing(request.method()) && !same_site(request.headers(), &state.allowed_origins) {
        tracing::warn!(path = %request.uri().path(), "refused a cross-site request");
        return ApiError::from(AppError::CrossSite).into_response();
    }
    next.run(request).await
}

/// Whether a request may change state: not marked cross-site, and from an allowed origin.
fn same_site(headers: &HeaderMap, allowed: &[String]) -> bool {
    // `same-site` (a sibling subdomain) is judged by its Origin like any other page.
    let cross_site = headers.get("sec-fetch-site").is_some_and(|site| site.as_bytes() == b"cross-site");
    !cross_site && origin_allowed(headers, allowed)
}

#[cfg(test)]
mod tests {
    use super::same_site;
    use axum::http::{HeaderMap, HeaderValue, header};

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_static("klustra.test"));
        for (name, value) in pairs {
            headers.insert(*name, HeaderValue::from_static(value));
        }
        headers
    }

    #[test]
    fn pages_of_this_site_and_clients_without_browser_headers_pass() {
        let allowed = ["https://klustra.myndighet.se".to_string(), "http://klustra.test".to_string()];
        assert!(same_site(&headers(&[]), &allowed));
        assert!(same_site(
            &headers(&[("origin", "http://klustra.test"), ("sec-fetch-site", "same-origin")]),
            &allowed
        ));
        assert!(same_site(&headers(&[("origin", "https://klustra.myndighet.se")]), &allowed));
        assert!(same_site(&headers(&[("sec-fetch-site", "none")]), &allowed), "typed in the address bar");
    }

    #[test]
    fn other_sites_are_refused_by_either_header() {
        let allowed = [];
        assert!(!same_site(&headers(&[("sec-fetch-site", "cross-site")]), &allowed));
        assert!(!same_site(&headers(&[("origin", "https://evil.example")]), &allowed));
        assert!(!same_site(
            &headers(&[("origin", "http://klustra.test"), ("sec-fetch-site", "cross-site")]),
            &allowed
        ));
    }
}
