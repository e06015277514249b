//! Security headers on every response, with a fresh script nonce per request.
//!
//! The Content Security Policy allows scripts only from this site, plus the inline
//! hydration scripts Leptos writes into each page, which carry the request's nonce. No
//! `'unsafe-inline'`: an injected `<script>` in a note would not run even if escaping failed.

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Request, header};
use axum::middleware::Next;
use axum::response::Response;
use leptos::prelude::{provide_context, use_context};

use crate::AppState;

/// The script nonce of one request, kept in its extensions for the page renderer.
#[derive(Clone, Debug)]
pub struct CspNonce(String);

/// Middleware: gives the request a nonce and the response the security headers.
pub async fn security_headers(
    State(state): State<AppState>,
    mut request: Request<Body>,
    next: Next,
) -> Response {
    // 122 random bits from the OS generator, as hex: plenty for a nonce.
    let nonce = CspNonce(uuid::Uuid::new_v4().simple().to_string());
    request.extensions_mut().insert(nonce.clone());
    let mut response = next.run(request).await;
    let https = state.public_url.starts_with("https://");
    set_headers(response.headers_mut(), &nonce, https);
    response
}

/// Hands the request's nonce to Leptos, which puts it on the scripts it writes into the page.
///
/// Leptos makes a nonce of its own per page; it must be the one in the header instead.
pub fn provide_request_nonce() {
    let nonce = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<CspNonce>().cloned());
    if let Some(CspNonce(nonce)) = nonce {
        provide_context(leptos::nonce::Nonce::from_value(nonce));
    }
}

/// The policy for a page whose inline scripts carry `nonce`.
fn content_security_policy(nonce: &CspNonce) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; \
         base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
        nonce.0
    )
}

fn set_headers(headers: &mut HeaderMap, nonce: &CspNonce, https: bool) {
    if let Ok(policy) = HeaderValue::from_str(&content_security_policy(nonce)) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    let fixed = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
        ),
        (HeaderName::from_static("cross-origin-opener-policy"), "same-origin"),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if https {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_only_this_site_and_the_nonce() {
        let mut headers = HeaderMap::new();
        set_headers(&mut headers, &CspNonce("abc123".into()), false);
        let policy = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(policy.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval';"), "{policy}");
        assert!(!policy.contains("unsafe-inline"), "{policy}");
        assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
        assert_eq!(headers[header::X_FRAME_OPTIONS], "DENY");
        assert!(!headers.contains_key(header::STRICT_TRANSPORT_SECURITY), "plain http");
        set_headers(&mut headers, &CspNonce("abc123".into()), true);
        assert!(headers.contains_key(header::STRICT_TRANSPORT_SECURITY));
    }
}
