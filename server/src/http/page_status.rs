//! The HTTP status of a page the caller may not see.
//!
//! Pages stream: the status line has gone out before a page's data says "not yours" or
//! "no such code", and the page then shows its friendly error with 200. This middleware
//! asks the same service methods the page's data comes from, before rendering, and gives
//! such a page 403 or 404 (it still shows the friendly error page). Who is not signed in
//! gets 401 from the page itself (its sign-in prompt).

use axum::body::Body;
use axum::extract::State;
use axum::http::{Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use uuid::Uuid;

use app::error::AppError;
use app::model::JoinCode;
use app::model::account::{SignedIn, User};

use crate::AppState;
use crate::access::authz::Access;
use crate::service::unknown_code;

/// Middleware: a 200 page the caller may not see gets the status of the refusal instead.
pub async fn page_status(State(state): State<AppState>, request: Request<Body>, next: Next) -> Response {
    if request.method() != Method::GET {
        return next.run(request).await;
    }
    let user = request.extensions().get::<SignedIn>().and_then(|signed_in| signed_in.0.clone());
    let refusal = refusal(&state, request.uri().path(), user.as_ref()).await;
    let mut response = next.run(request).await;
    if let Some(err) = refusal
        && response.status() == StatusCode::OK
    {
        *response.status_mut() = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::NOT_FOUND);
    }
    response
}

/// Why the page at `path` will show an error instead of its content, if it will: a join
/// code that does not exist, or a workshop or round that is not the caller's.
async fn refusal(state: &AppState, path: &str, user: Option<&User>) -> Option<AppError> {
    let service = &state.service;
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let checked = match segments.as_slice() {
        ["join", code] => match JoinCode::parse(code) {
            Ok(code) => service.store().workshop_by_code(&code).await.map(drop).map_err(unknown_code),
            Err(_) => Err(AppError::UnknownCode),
        },
        ["workshops", id] | ["workshops", id, "present"] => {
            let (id, user) = (Uuid::parse_str(id).ok(), user?);
            match id {
                Some(id) => service.owned_workshop(user, id).await.map(drop),
                None => Err(AppError::NotFound),
            }
        }
        ["rounds", id] | ["rounds", id, "analysis"] => {
            let (id, user) = (Uuid::parse_str(id).ok(), user?);
            match id {
                Some(id) => match service.round_access(user, id).await {
                    Ok(access) => access.require(Access::Read),
                    Err(err) => Err(err),
                },
                None => Err(AppError::NotFound),
            }
        }
        _ => return None,
    };
    // A failing database is the page's to report; only refusals change the status here.
    checked.err().filter(|err| *err != AppError::Internal)
}
