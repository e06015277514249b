//! Who is calling a raw route: the account the router's middleware found from the session
//! cookie, once per request ([`find_signed_in`]), read by handlers as an extractor instead
//! of being looked up again. Server functions read the same finding through
//! `app::api::session::signed_in`.

use app::error::AppError;
use app::model::account::{SignedIn, User};
use axum::body::Body;
use axum::extract::{FromRequestParts, OptionalFromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;
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

/// Middleware: finds who is signed in (from the session cookie) once per request, before the
/// handler or the page runs, and stores it as the [`SignedIn`] extension. When the database
/// fails the extension is left out, so whoever needs it answers with an internal error rather
/// than "not signed in".
pub async fn find_signed_in(
    State(state): State<AppState>,
    mut request: Request<Body>,
    next: Next,
) -> Response {
    // The bundle's files need no database read.
    if !request.uri().path().starts_with("/pkg/") {
        match state.service.user_from_headers(request.headers()).await {
            Ok(user) => {
                request.extensions_mut().insert(SignedIn(user));
            }
            Err(err) => tracing::error!(error = %err, "finding the signed-in account failed"),
        }
    }
    next.run(request).await
}
