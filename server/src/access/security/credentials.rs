//! Whom a request counts against: its session when signed in, else its device. Both keys
//! are tokens this server signed (see [`super::device_token`]), so a client cannot mint a
//! fresh budget by making one up, altering one or re-casing it: a request carrying such a
//! cookie is answered 401, serves nothing, and is told to forget the cookie.

use std::sync::Arc;

use app::api::ports::{Device, SessionToken, set_cookie};
use app::error::AppError;
use app::web::cookie_value;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, Request, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::Guard;
use super::device_token::DeviceTokens;
use crate::http::error::ApiError;

/// The rate key of a request whose cookies the server issued: `s:` and a session token, or
/// `d:` and a device token (prefixed, so the two can never share a bucket). `None` in the
/// extensions' value: the request has neither cookie, and counts against its address.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ClientKey(pub Option<String>);

/// A cookie of Klustra's that this server did not issue, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unissued(pub &'static str);

/// The request's rate key, or the first of its cookies the server did not issue.
///
/// An empty cookie counts as absent (what a browser may still send while forgetting one).
pub fn client_key(headers: &HeaderMap, tokens: &DeviceTokens) -> Result<ClientKey, Unissued> {
    let present = |name| cookie_value(headers, name).filter(|value| !value.is_empty());
    let session = present(SessionToken::COOKIE);
    let device = present(Device::COOKIE);
    if let Some(session) = session
        && !tokens.issued_session(session)
    {
        return Err(Unissued(SessionToken::COOKIE));
    }
    if let Some(device) = device
        && !tokens.issued(device)
    {
        return Err(Unissued(Device::COOKIE));
    }
    let key = session.map(|token| format!("s:{token}")).or_else(|| device.map(|token| format!("d:{token}")));
    Ok(ClientKey(key))
}

/// Middleware: refuses a request with an unissued cookie, else puts its [`ClientKey`] in
/// its extensions for the limits that follow.
pub async fn find_client_key(
    State(state): State<Arc<Guard>>,
    mut request: Request<Body>,
    next: Next,
) -> Response {
    match client_key(request.headers(), &state.device_tokens) {
        Ok(key) => {
            request.extensions_mut().insert(key);
            next.run(request).await
        }
        Err(unissued) => {
            tracing::info!(
                cookie = unissued.0,
                "refused a request carrying a cookie this server did not issue"
            );
            refuse(&request, unissued, state.secure_cookies)
        }
    }
}

/// The 401 for an unissued cookie, which also deletes it. A page being opened gets a page
/// that loads itself again (now without the cookie), so a browser holding a stale cookie
/// recovers by itself; anything else gets the error as JSON.
fn refuse(request: &Request<Body>, unissued: Unissued, secure: bool) -> Response {
    let opens_page = request.method() == Method::GET
        && request
            .headers()
            .get(header::ACCEPT)
            .and_then(|accept| accept.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"));
    let mut response = if opens_page {
        (StatusCode::UNAUTHORIZED, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], RELOAD_PAGE)
            .into_response()
    } else {
        ApiError::from(AppError::UnknownCookie).into_response()
    };
    if let Ok(forget) = HeaderValue::from_str(&set_cookie(unissued.0, "", 0, secure)) {
        response.headers_mut().append(header::SET_COOKIE, forget);
    }
    response
}

/// What a browser opening a page with an unissued cookie is shown for a moment.
const RELOAD_PAGE: &str = "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\">\
<meta http-equiv=\"refresh\" content=\"0\"><title>Klustra</title></head><body>\
<p>Webbläsarens session kom inte från den här servern och har glömts. Sidan laddas om.</p>\
<p lang=\"en\">This browser's session was not one this server issued; it has been forgotten. \
The page reloads.</p></body></html>";

#[cfg(test)]
mod tests {
    use super::*;

    fn with_cookies(cookies: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, cookies.parse().unwrap());
        headers
    }

    #[test]
    fn only_issued_tokens_are_keys_and_a_session_comes_before_its_device() {
        let tokens = DeviceTokens::new([3; 32]);
        let (device, session) = (tokens.mint(), tokens.mint_session());
        assert_eq!(
            client_key(&HeaderMap::new(), &tokens),
            Ok(ClientKey(None)),
            "no cookie: the address counts"
        );
        assert_eq!(
            client_key(&with_cookies(&format!("klustra_device={device}")), &tokens).unwrap().0.unwrap(),
            format!("d:{device}")
        );
        let both = with_cookies(&format!("klustra_device={device}; klustra_session={session}"));
        assert_eq!(client_key(&both, &tokens).unwrap().0.unwrap(), format!("s:{session}"));
        assert_eq!(
            client_key(&with_cookies("klustra_session="), &tokens),
            Ok(ClientKey(None)),
            "being forgotten"
        );
    }

    #[test]
    fn made_up_altered_or_recased_cookies_are_refused() {
        let tokens = DeviceTokens::new([3; 32]);
        let (device, session) = (tokens.mint(), tokens.mint_session());
        let refused = [
            (format!("klustra_session={}", "a".repeat(64)), "klustra_session"),
            (format!("klustra_session={}", session.to_ascii_uppercase()), "klustra_session"),
            (format!("klustra_session={device}"), "klustra_session"),
            ("klustra_session=not-a-token".to_string(), "klustra_session"),
            (format!("klustra_device={}", device.to_ascii_uppercase()), "klustra_device"),
            (format!("klustra_device={session}"), "klustra_device"),
            (format!("klustra_session={session}; klustra_device={}", "b".repeat(64)), "klustra_device"),
        ];
        for (cookies, name) in refused {
            assert_eq!(client_key(&with_cookies(&cookies), &tokens), Err(Unissued(name)), "{cookies}");
        }
    }
}
