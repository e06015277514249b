//! The route table: every page, server function and raw route of Klustra is registered in
//! [`router`], with the middleware each request passes. It is the one place that wires the
//! edge ([`crate::http`]) to what answers (the app's pages, [`crate::board_socket`],
//! [`crate::export`]) and to the limits of [`crate::access::security`].

use std::sync::OnceLock;

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use leptos::prelude::*;
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};
use serde::Deserialize;
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::trace::TraceLayer;

use app::api::ports::set_cookie;
use app::error::AppError;
use app::i18n::{LANG_COOKIE, Lang};
use app::model::account::SignedIn;
use app::model::ids::WorkshopId;
use app::model::redirect::redirect_target;
use app::{App, shell};

use crate::http::caller::Caller;
use crate::http::error::ApiError;
use crate::state::AppState;

/// The pages' routes, listed once per process. Listing them renders the app with resource
/// loading switched off by a process-wide flag (`leptos_server::SuppressResourceLoad`): a
/// page of another server in the same process that starts loading meanwhile waits forever
/// (leptos-rs/leptos#4773). Tests run many servers at once, and one of them hung so.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Builds the whole application router.
pub fn router(state: AppState) -> Router {
    let routes = route_list();
    let services = state.services();
    let options = state.leptos.clone();
    let context = move || {
        provide_context(services.clone());
        crate::access::security::provide_request_nonce();
    };
    let pages = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/lang/{tag}", get(switch_language))
        .route("/workshops/{id}/qr.svg", get(join_qr))
        .route("/ws/workshops/{id}", get(crate::board_socket::board_socket))
        .route("/export/workshops/{id}/{format}", get(crate::export::workshop_export))
        .route("/export/rounds/{id}/{format}", get(crate::export::round_export))
        .route("/archive/rounds/{id}", get(crate::export::round_archive))
        .route("/report.css", get(crate::export::report_stylesheet))
        .route("/favicon.svg", get(favicon))
        .leptos_routes_with_context(&state, routes, context.clone(), move || shell(options.clone()))
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(context, shell))
        .layer(middleware::from_fn(server_fn_error_status))
        .layer(middleware::from_fn_with_state(state.clone(), keep_redirects_on_site))
        .layer(middleware::from_fn_with_state(state.clone(), find_signed_in));
    crate::access::security::protect(pages, state.guard.clone())
        .layer(middleware::from_fn(crate::http::error::localise))
        .layer(compression())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Gzip wherever the browser takes it: pages, the script and wasm bundle, JSON and text
/// exports (a round's analysis page shrinks to about a fifth). Not what is compressed
/// already (images, the Excel workbook, a zip), not a WebSocket's upgrade, and not small
/// bodies (tower-http's default rules).
fn compression() -> CompressionLayer<impl Predicate> {
    fn not_an_upgrade(
        status: StatusCode,
        _: axum::http::Version,
        _: &axum::http::HeaderMap,
        _: &axum::http::Extensions,
    ) -> bool {
        status != StatusCode::SWITCHING_PROTOCOLS
    }
    let workbook = NotForContentType::const_new("application/vnd.openxmlformats");
    CompressionLayer::new().compress_when(DefaultPredicate::new().and(workbook).and(not_an_upgrade))
}

/// `GET /favicon.svg`: the tab's icon, a sticky note (compiled in, so every way of building
/// the site serves it).
async fn favicon() -> Response {
    const ICON: &str = include_str!("../../style/favicon.svg");
    ([(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, "public, max-age=86400")], ICON)
        .into_response()
}

/// How long the language choice is kept: a year.
const LANG_COOKIE_MAX_AGE_SECS: u64 = 365 * 24 * 3600;

#[derive(Deserialize)]
struct NextPage {
    next: Option<String>,
}

/// `GET /lang/{sv|en}?next=/path`: remembers the language and goes back to the page.
async fn switch_language(
    State(state): State<AppState>,
    Path(tag): Path<String>,
    Query(query): Query<NextPage>,
) -> Response {
    let lang = Lang::from_tag(&tag);
    // Only a path on this site: the same rule the sign-in page follows `next` by.
    let next = redirect_target(query.next.as_deref());
    // Only the server reads it (the page knows its language from `<html lang>`).
    let cookie = set_cookie(LANG_COOKIE, lang.tag(), LANG_COOKIE_MAX_AGE_SECS, state.guard.secure_cookies);
    let mut response = Redirect::to(next).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// `GET /workshops/{id}/qr.svg`: the join link as a QR code, for those who run the round
/// (the code lets anyone join).
async fn join_qr(
    State(state): State<AppState>,
    Path(id): Path<WorkshopId>,
    Caller(user): Caller,
) -> Result<Response, ApiError> {
    let workshop = state.service.owned_workshop(&user, id).await?.workshop;
    let link = format!("{}/join/{}", state.guard.public_url, workshop.join_code.as_str());
    let svg = crate::http::qr::svg(&link).ok_or(AppError::Internal)?;
    Ok(([(header::CONTENT_TYPE, "image/svg+xml")], svg).into_response())
}

/// Keeps every redirect on this site. Leptos answers a plain form post (a page whose script
/// has not loaded) by sending the browser back to the request's `Referer`, a header the
/// client writes: it is followed only as a path of this site ([`redirect_target`]), this
/// site's own absolute URLs made paths first; anything else goes to the home page.
async fn keep_redirects_on_site(
    State(state): State<AppState>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let host = request.headers().get(header::HOST).and_then(|host| host.to_str().ok()).map(str::to_owned);
    let mut response = next.run(request).await;
    let Some(location) = response.headers().get(header::LOCATION) else {
        return response;
    };
    let location = location.to_str().unwrap_or_default();
    let public_host =
        state.guard.public_url.split_once("://").map_or("", |(_, host)| host.trim_end_matches('/'));
    let hosts = [host.as_deref().unwrap_or_default(), public_host];
    let target = redirect_target(own_path(location, &hosts));
    if target != location {
        let target = HeaderValue::from_str(target).unwrap_or(HeaderValue::from_static("/"));
        response.headers_mut().insert(header::LOCATION, target);
    }
    response
}

/// `location` as a path of this site: itself when it is no absolute URL; its path and query
/// when it is an `http` or `https` URL of one of `hosts` (the request's and the public URL's,
/// with their ports); otherwise nothing.
fn own_path<'a>(location: &'a str, hosts: &[&str]) -> Option<&'a str> {
    let Some(rest) = location.strip_prefix("https://").or_else(|| location.strip_prefix("http://")) else {
        return Some(location);
    };
    hosts
        .iter()
        .filter(|host| !host.is_empty())
        .find_map(|host| rest.strip_prefix(host).filter(|path| path.starts_with('/')))
}

/// Gives server-function errors the HTTP status their error code stands for.
///
/// Leptos answers every failed server function with 500; API clients deserve 400 for bad
/// input, 404 for unknown ids and so on. The error body is small JSON written by `AppError`.
async fn server_fn_error_status(request: Request<Body>, next: Next) -> Response {
    let response = next.run(request).await;
    if !response.headers().contains_key(leptos::server_fn::error::SERVER_FN_ERROR_HEADER) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(err) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    }
    Response::from_parts(parts, Body::from(bytes))
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
