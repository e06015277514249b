//! Which origins count as this site: the one rule shared by live sockets and form posts.

use axum::http::{HeaderMap, header};

/// Whether the request's `Origin` (if any) is this site: exactly one of `allowed` (the
/// public URL and every `--allowed-origin`), scheme, host and port alike.
///
/// The request's own `Host` is not trusted: a page on a domain that an attacker points at
/// this server's address (DNS rebinding) sends its own name as both `Host` and `Origin`.
/// Clients that are not browsers send no `Origin` and pass; they are judged by their cookie
/// alone. A browser cannot leave the header out of a cross-site POST or WebSocket.
pub fn origin_allowed(headers: &HeaderMap, allowed: &[String]) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) else {
        return !headers.contains_key(header::ORIGIN);
    };
    allowed.iter().any(|a| a.trim_end_matches('/').eq_ignore_ascii_case(origin))
}

#[cfg(test)]
mod tests {
    use super::origin_allowed;
    use axum::http::{HeaderMap, HeaderValue, header};

    fn headers(origin: Option<&'static str>, host: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_static(host));
        if let Some(origin) = origin {
            headers.insert(header::ORIGIN, HeaderValue::from_static(origin));
        }
        headers
    }

    #[test]
    fn only_configured_origins_pass_scheme_and_all() {
        let allowed = vec!["https://klustra.example".to_string(), "http://127.0.0.1:3000".to_string()];
        assert!(origin_allowed(&headers(Some("http://127.0.0.1:3000"), "127.0.0.1:3000"), &allowed));
        assert!(origin_allowed(&headers(Some("https://klustra.example"), "10.0.0.5:3000"), &allowed));
        assert!(
            !origin_allowed(&headers(Some("http://klustra.example"), "klustra.example"), &allowed),
            "scheme"
        );
        assert!(
            !origin_allowed(&headers(Some("http://rebound.example:3000"), "rebound.example:3000"), &allowed),
            "the Host header is the attacker's to choose"
        );
        assert!(!origin_allowed(&headers(Some("https://evil.example"), "127.0.0.1:3000"), &allowed));
        assert!(!origin_allowed(&headers(Some("http://127.0.0.1:3000.evil"), "127.0.0.1:3000"), &allowed));
        assert!(!origin_allowed(&headers(Some("null"), "127.0.0.1:3000"), &allowed), "sandboxed pages");
        assert!(origin_allowed(&headers(None, "127.0.0.1:3000"), &allowed), "non-browser clients");
    }

    #[test]
    fn an_origin_that_is_not_text_is_refused() {
        let mut headers = headers(None, "127.0.0.1:3000");
        headers.insert(header::ORIGIN, HeaderValue::from_bytes(b"http://\xff").unwrap());
        assert!(!origin_allowed(&headers, &[]));
    }
}
