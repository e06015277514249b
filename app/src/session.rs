//! Who is calling a server function: the signed-in account behind the session cookie, or
//! the participant's device behind the device cookie. Reads and sets both cookies.

use leptos::prelude::*;

use crate::account::User;
use crate::error::AppError;
use crate::ports::{Device, NewSession, Services, SessionToken};

/// How long a session lasts; a workshop day, then one signs in again.
pub const SESSION_MAX_AGE_SECS: u64 = 12 * 60 * 60;

/// The services the server put in context.
pub fn services() -> Result<Services, AppError> {
    use_context::<Services>().ok_or_else(|| {
        tracing::error!("Services missing from the Leptos context");
        AppError::Internal
    })
}

fn headers() -> Option<http::HeaderMap> {
    use_context::<http::request::Parts>().map(|parts| parts.headers)
}

/// The caller's device, if its browser sent a well-formed device cookie.
pub fn device() -> Option<Device> {
    Device::from_headers(&headers()?)
}

/// The caller's device, creating one (and its cookie) on the first visit.
pub fn device_or_new() -> Result<Device, AppError> {
    if let Some(device) = device() {
        return Ok(device);
    }
    let token = format!("{}{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple());
    set_cookie(Device::COOKIE, &token, 31_536_000)?;
    Ok(Device(token))
}

/// The caller's device, or [`AppError::NotJoined`] when it has none yet.
pub fn known_device() -> Result<Device, AppError> {
    device().ok_or(AppError::NotJoined)
}

/// The session token the caller's browser sent, if any.
pub fn session_token() -> Option<SessionToken> {
    SessionToken::from_headers(&headers()?)
}

/// The signed-in caller, if any.
pub async fn current_user() -> Result<Option<User>, AppError> {
    match session_token() {
        Some(token) => services()?.accounts.signed_in(&token).await,
        None => Ok(None),
    }
}

/// The signed-in caller, or [`AppError::NotSignedIn`].
pub async fn user() -> Result<User, AppError> {
    current_user().await?.ok_or(AppError::NotSignedIn)
}

/// Gives the browser the session's cookie.
pub fn start(session: &NewSession) -> Result<(), AppError> {
    set_cookie(SessionToken::COOKIE, &session.token.0, SESSION_MAX_AGE_SECS)
}

/// Tells the browser to forget its session cookie.
pub fn forget() -> Result<(), AppError> {
    set_cookie(SessionToken::COOKIE, "", 0)
}

/// Sets an HttpOnly, same-site cookie, `Secure` when Klustra is served over https.
fn set_cookie(name: &str, value: &str, max_age: u64) -> Result<(), AppError> {
    let secure = if services()?.secure_cookies { "; Secure" } else { "" };
    let cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}");
    let value = http::HeaderValue::from_str(&cookie).map_err(|_| AppError::Internal)?;
    expect_context::<leptos_axum::ResponseOptions>().append_header(http::header::SET_COOKIE, value);
    Ok(())
}
