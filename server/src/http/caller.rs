//! Who is calling a raw route: the account the router's middleware found from the session
//! cookie, once per request (`routes::find_signed_in`), read by handlers as an extractor
//! instead of being looked up again. Server functions read the same finding through
//! `app::api::session::signed_in`.

use app::error::AppError;
use app::model::account::User;
use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::request::Parts;

use crate::http::error::ApiError;

/// The signed-in account of a request; refused with [`AppError::NotSignedIn`] when there is
/// none. As `Option<Caller>`, a request without one is let through.
#[derive(Debug, Clone)]
pub struct Caller(pub User);

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let user = app::api::session::signed_in_of(parts)?;
        Ok(Caller(user.ok_or(AppError::NotSignedIn)?))
    }
}

impl<S: Send + Sync> OptionalFromRequestParts<S> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Option<Self>, ApiError> {
        Ok(app::api::session::signed_in_of(parts)?.map(Caller))
    }
}
