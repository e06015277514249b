//! Security headers on every response, with a fresh script nonce per request.
//!
//! The Content Security Policy allows scripts only from this site, plus the inline
//! hydration scripts Leptos writes into each page, which carry the request's nonce. No
//! `'unsafe-inline'`: an injected `<script>` in a note would not run even if escaping failed.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Request, header};
use axum::middleware::Next;
use axum::response::Response;
use leptos::prelude::{provide_context, use_context};

use super::Guard;

/// The script nonce of one request, kept in its extensions for the page renderer.
#[derive(Clone, Debug)]
pub struct CspNonce(String);

/// Middleware: gives the request a nonce and the response the security headers.
pub async fn security_headers(
    State(state): State<Arc<Guard>>,
    mut request: Request<Body>,
    next: Next,
) -> Response {
    // 122 random bits from the OS generator, as hex: plenty for a nonce.
    let nonce = CspNonce(uuid::Uuid::new_v4().simple().to_string());
    request.extensions_mut().insert(nonce.clone());
    let cacheable = is_static_asset(request.uri().path());
    let mut response = next.run(request).await;
    set_headers(response.headers_mut(), &nonce, &state.public_url);
    // Pages and answers carry notes, names and codes: no shared or back-button cache keeps
    // them (a shared computer, a proxy). Only the bundle's files may be cached.
    if !cacheable && !response.headers().contains_key(header::CACHE_CONTROL) {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Whether `path` is a file of the browser bundle or the report's style sheet, the same for
/// everyone.
fn is_static_asset(path: &str) -> bool {
    path.starts_with("/pkg/") || path == "/report.css"
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

/// The policy for a page whose inline scripts carry `nonce`, served at `public_url`.
fn content_security_policy(nonce: &CspNonce, public_url: &str) -> String {
    // Browsers before CSP 3 do not count ws:/wss: as 'self', so the live socket is named
    // (unless the configured URL could not be one source expression).
    let plain = public_url.bytes().all(|b| b.is_ascii_graphic() && b != b';' && b != b',');
    let socket = if plain { public_url.replacen("http", "ws", 1) } else { String::new() };
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self' {socket}; font-src 'self'; object-src 'none'; \
         base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
        nonce.0
    )
}

fn set_headers(headers: &mut HeaderMap, nonce: &CspNonce, public_url: &str) {
    if let Ok(policy) = HeaderValue::from_str(&content_security_policy(nonce, public_url)) {
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
    if public_url.starts_with("https://") {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_only_this_site_and_the_nonce() {
        let mut headers = HeaderMap::new();
        set_headers(&mut headers, &CspNonce("abc123".into()), "http://127.0.0.1:3000");
        let policy = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(policy.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval';"), "{policy}");
        assert!(policy.contains("connect-src 'self' ws://127.0.0.1:3000;"), "{policy}");
        assert!(!policy.contains("unsafe-inline"), "{policy}");
        assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
        assert_eq!(headers[header::X_FRAME_OPTIONS], "DENY");
        assert!(!headers.contains_key(header::STRICT_TRANSPORT_SECURITY), "plain http");
        set_headers(&mut headers, &CspNonce("abc123".into()), "https://klustra.example");
        assert!(headers.contains_key(header::STRICT_TRANSPORT_SECURITY));
        let policy = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(policy.contains("connect-src 'self' wss://klustra.example;"), "{policy}");
    }
}
