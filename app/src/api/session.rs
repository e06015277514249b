//! Who is calling a server function: the signed-in account behind the session cookie, or
//! the participant's device behind the device cookie. Reads and sets both cookies.

use leptos::prelude::*;

use crate::api::ports::{Device, NewSession, Services, SessionToken};
use crate::error::AppError;
use crate::model::account::{SignedIn, User};

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
    let device = services()?.devices.issue();
    Cookies::of_response()?.set(Device::COOKIE, &device.0, 31_536_000)?;
    Ok(device)
}

/// The caller's device, or [`AppError::NotJoined`] when it has none yet.
pub fn known_device() -> Result<Device, AppError> {
    device().ok_or(AppError::NotJoined)
}

/// The session token the caller's browser sent, if any.
pub fn session_token() -> Option<SessionToken> {
    SessionToken::from_headers(&headers()?)
}

/// The signed-in account the server's middleware found for this request from its session
/// cookie (the [`SignedIn`] extension), so no handler looks it up again. Missing only when
/// that lookup failed (logged there) or the middleware is not in front: an internal error,
/// never "not signed in".
pub fn signed_in_of(parts: &http::request::Parts) -> Result<Option<User>, AppError> {
    match parts.extensions.get::<SignedIn>() {
        Some(SignedIn(user)) => Ok(user.clone()),
        None => {
            tracing::error!(path = %parts.uri.path(), "the request has no signed-in account looked up");
            Err(AppError::Internal)
        }
    }
}

/// The signed-in caller of this server function, if any (see [`signed_in_of`]).
pub fn current_user() -> Result<Option<User>, AppError> {
    let parts = use_context::<http::request::Parts>().ok_or_else(|| {
        tracing::error!("the request is missing from the Leptos context");
        AppError::Internal
    })?;
    signed_in_of(&parts)
}

/// The services and the signed-in caller, or [`AppError::NotSignedIn`].
pub fn signed_in() -> Result<(Services, User), AppError> {
    let services = services()?;
    let user = current_user()?.ok_or(AppError::NotSignedIn)?;
    Ok((services, user))
}

/// Sets the response's cookies; taken from the context before a server function awaits.
pub struct Cookies {
    response: leptos_axum::ResponseOptions,
    secure: bool,
}

impl Cookies {
    /// The cookie setter of the current response.
    pub fn of_response() -> Result<Cookies, AppError> {
        let response = use_context::<leptos_axum::ResponseOptions>().ok_or(AppError::Internal)?;
        Ok(Cookies { response, secure: services()?.secure_cookies })
    }

    /// Gives the browser the session's cookie.
    pub fn start(&self, session: &NewSession) -> Result<(), AppError> {
        self.set(SessionToken::COOKIE, &session.token.0, SESSION_MAX_AGE_SECS)
    }

    /// Tells the browser to forget its session cookie.
    pub fn forget(&self) -> Result<(), AppError> {
        self.set(SessionToken::COOKIE, "", 0)
    }

    /// Sets an HttpOnly, same-site cookie, `Secure` when Klustra is served over https.
    fn set(&self, name: &str, value: &str, max_age: u64) -> Result<(), AppError> {
        let cookie = crate::api::ports::set_cookie(name, value, max_age, self.secure);
        let value = http::HeaderValue::from_str(&cookie).map_err(|_| AppError::Internal)?;
        self.response.append_header(http::header::SET_COOKIE, value);
        Ok(())
    }
}
