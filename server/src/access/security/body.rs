//! Request bodies the server reads: small (server functions take a few short fields), sent
//! in time, and forms in UTF-8. Left to the form decoder, bytes that are not UTF-8 would be stored as
//! replacement characters instead of being refused.

use std::sync::Arc;
use std::time::Duration;

use app::error::AppError;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Request, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::limit::RequestBodyLimitLayer;

use super::Guard;
use super::is_state_changing;
use crate::http::error::ApiError;

/// Bytes a state-changing request may carry (the largest real form is a few KB).
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The size limit: tower-http's layer answers 413 at once to a declared length over
/// [`MAX_BODY_BYTES`] and cuts a streamed body there (which [`check_body`] then answers).
pub fn size_limit() -> RequestBodyLimitLayer {
    RequestBodyLimitLayer::new(MAX_BODY_BYTES)
}

/// Middleware around [`size_limit`]: its bare 413 becomes the JSON refusal every other
/// refusal is.
pub async fn too_large_as_json(response: Response) -> Response {
    let json = response.headers().get(header::CONTENT_TYPE).is_some_and(|value| value == "application/json");
    if response.status() == StatusCode::PAYLOAD_TOO_LARGE && !json {
        return ApiError::from(AppError::TooLarge { max: MAX_BODY_BYTES }).into_response();
    }
    response
}

/// Middleware inside [`size_limit`]: answers 413 to a streamed body cut at the limit, 415 to
/// a body that is not a form, 400 to a form that is not UTF-8, and 408 (closing the
/// connection) to a body not sent within the read timeout.
pub async fn check_body(State(state): State<Arc<Guard>>, request: Request<Body>, next: Next) -> Response {
    if !is_state_changing(request.method()) {
        return next.run(request).await;
    }
    // Read here to check it; server functions read the whole body anyway, so this costs
    // nothing extra. The size limit ends the read at `MAX_BODY_BYTES` with an error.
    let (parts, body) = request.into_parts();
    let read = tokio::time::timeout(state.read_timeout, axum::body::to_bytes(body, usize::MAX)).await;
    let Ok(read) = read else { return too_slow(state.read_timeout) };
    match read {
        // A text/plain body is what a cross-site page can send without asking; every
        // server function takes a form, so anything else is refused rather than parsed as one.
        Ok(bytes) if !bytes.is_empty() && !is_form(&parts.headers) => unsupported_media_type(),
        Ok(bytes) if is_form(&parts.headers) && !form_is_utf8(&bytes) => {
            ApiError::from(AppError::Malformed).into_response()
        }
        Ok(bytes) => next.run(Request::from_parts(parts, Body::from(bytes))).await,
        // Also a client that went away mid-body; it reads no answer either way.
        Err(_) => ApiError::from(AppError::TooLarge { max: MAX_BODY_BYTES }).into_response(),
    }
}

/// 415, as JSON like every refusal: server functions take `application/x-www-form-urlencoded`.
fn unsupported_media_type() -> Response {
    ApiError::from(AppError::Malformed).with_status(StatusCode::UNSUPPORTED_MEDIA_TYPE).into_response()
}

/// 408 for a client that did not send its body in time; the connection is closed.
fn too_slow(limit: Duration) -> Response {
    tracing::debug!(?limit, "closing a request whose body came too slowly");
    let mut response = StatusCode::REQUEST_TIMEOUT.into_response();
    response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}

fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("application/x-www-form-urlencoded"))
}

/// Whether every name and value of a URL-encoded form is UTF-8 once percent-decoded, each
/// `%` starting a well-formed escape (the form decoder would keep a broken one as text).
fn form_is_utf8(body: &[u8]) -> bool {
    let escapes_well_formed = |part: &[u8]| {
        part.split(|&b| b == b'%')
            .skip(1)
            .all(|after| after.get(..2).is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit)))
    };
    body.split(|&b| b == b'&')
        .flat_map(|pair| pair.split(|&b| b == b'='))
        .all(|part| escapes_well_formed(part) && percent_encoding::percent_decode(part).decode_utf8().is_ok())
}

#[cfg(test)]
mod tests {
    use super::form_is_utf8;

    #[test]
    fn forms_must_be_utf8_after_percent_decoding() {
        assert!(form_is_utf8(b"text=H%C3%A4lsa+och+v%C3%A5rd&id=1"));
        assert!(form_is_utf8("text=Hälsa".as_bytes()));
        assert!(form_is_utf8(b""));
        assert!(!form_is_utf8(b"text=%FF%FE"), "percent-encoded bytes that are not UTF-8");
        assert!(!form_is_utf8(b"text=\xff ok"), "raw bytes that are not UTF-8");
        assert!(!form_is_utf8(b"text=%C3"), "a cut character");
        assert!(!form_is_utf8(b"text=%G1"), "not a percent escape");
    }
}
