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

/// The signed-in caller, if any.
///
/// Everything it needs from the Leptos context is read before the first `.await`: a server
/// function can run inside a page's resource on the server, whose owner (and with it the
/// context) may be gone by the time the future resumes.
pub fn current_user() -> impl Future<Output = Result<Option<User>, AppError>> + Send {
    let services = services();
    let token = session_token();
    async move {
        match token {
            Some(token) => services?.accounts.signed_in(&token).await,
            None => Ok(None),
        }
    }
}

/// The services and the signed-in caller, or [`AppError::NotSignedIn`]; like
/// [`current_user`], it reads the context before awaiting anything.
pub fn signed_in() -> impl Future<Output = Result<(Services, User), AppError>> + Send {
    let services = services();
    let token = session_token();
    async move {
        let services = services?;
        let token = token.ok_or(AppError::NotSignedIn)?;
        let user = services.accounts.signed_in(&token).await?.ok_or(AppError::NotSignedIn)?;
        Ok((services, user))
    }
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
        let secure = if self.secure { "; Secure" } else { "" };
        let cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}");
        let value = http::HeaderValue::from_str(&cookie).map_err(|_| AppError::Internal)?;
        self.response.append_header(http::header::SET_COOKIE, value);
        Ok(())
    }
}
