//! Request bodies the server reads: small (server functions take a few short fields), sent
//! in time, and forms in UTF-8. Left to the form decoder, bytes that are not UTF-8 would be stored as
//! replacement characters instead of being refused.

use std::time::Duration;

use app::error::AppError;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Request, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::is_state_changing;
use crate::AppState;
use crate::api_error::ApiError;

/// Bytes a state-changing request may carry (the largest real form is a few KB).
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Middleware: answers 413 to a body over [`MAX_BODY_BYTES`], declared or streamed, 415 to
/// a body that is not a form, 400 to a form that is not UTF-8, and 408 (closing the
/// connection) to a body not sent within the read timeout.
pub async fn check_body(State(state): State<AppState>, request: Request<Body>, next: Next) -> Response {
    if !is_state_changing(request.method()) {
        return next.run(request).await;
    }
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|length| length.to_str().ok()?.parse::<usize>().ok());
    if declared.is_some_and(|length| length > MAX_BODY_BYTES) {
        return ApiError::from(AppError::TooLarge { max: MAX_BODY_BYTES }).into_response();
    }
    // A chunked body has no declared length: read it here, up to the limit. Server functions
    // read the whole body anyway, so this costs nothing extra.
    let (parts, body) = request.into_parts();
    let read = tokio::time::timeout(state.read_timeout, axum::body::to_bytes(body, MAX_BODY_BYTES)).await;
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

/// Whether every name and value of a URL-encoded form is UTF-8 once percent-decoded.
fn form_is_utf8(body: &[u8]) -> bool {
    body.split(|&b| b == b'&').flat_map(|pair| pair.split(|&b| b == b'=')).all(|part| {
        let mut decoded = Vec::with_capacity(part.len());
        let mut bytes = part.iter().copied();
        while let Some(byte) = bytes.next() {
            if byte != b'%' {
                decoded.push(byte);
                continue;
            }
            let hex = [bytes.next(), bytes.next()];
            let Some(value) = hex
                .iter()
                .map(|digit| digit.and_then(|d| (d as char).to_digit(16)))
                .try_fold(0u8, |acc, digit| Some(acc * 16 + digit? as u8))
            else {
                return false;
            };
            decoded.push(value);
        }
        std::str::from_utf8(&decoded).is_ok()
    })
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
