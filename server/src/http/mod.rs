//! The HTTP edge: the one error answer ([`error`]), who is calling a raw route
//! ([`caller`]), join links' QR codes ([`qr`]), and serving the router (`crate::routes`) over
//! HTTP/1.1 with every connection bounded in time, size and number (below). A page the
//! caller may not see answers with the status of its own data load (the app's
//! `answer_with_status`).
//!
//! `axum::serve` sets none of these limits, so each is here:
//! - reading a request's header has a time limit (hyper only enforces its own with a timer,
//!   which axum does not give it): a client that sends half a header would otherwise hold
//!   its connection and task forever; the limit on reading a body is in `access::security`;
//! - a kept-alive connection waits longer for its next request than a header may take
//!   ([`keep_alive`]), so a client reusing it is not cut off mid-request;
//! - a write that makes no progress for `write_stall` fails and closes the connection
//!   ([`stall`]): a client that asks for a large response, or follows a busy board, and
//!   never reads, gives its connection back;
//! - each connection's buffers are small ([`BUFFER_BYTES`] in the process, and
//!   [`SEND_BUFFER_BYTES`] in the kernel, where autotuning would grow a loopback or LAN
//!   connection's to 4 MB), so thousands of stalled ones hold little memory;
//! - connections are capped in all and per client address ([`admission`]), below the
//!   process's open-file limit, which start-up raises as far as the system allows
//!   ([`open_files`]).

mod admission;
pub(crate) mod caller;
pub(crate) mod error;
mod keep_alive;
pub mod open_files;
pub(crate) mod qr;
mod stall;

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

pub use admission::Caps;
use admission::{Admission, Admitted};
use keep_alive::{BytesRead, Counted, HeaderClock};
use stall::StallGuard;

/// Each connection's read and write buffer at most: a request's header fits many times
/// over, and a response goes out in pieces of this size.
const BUFFER_BYTES: usize = 64 * 1024;

/// The kernel's send buffer of each connection (it doubles this for its bookkeeping): a
/// megabyte-sized bundle still streams at line speed on a LAN, and a client that stops
/// reading pins no more than this of the kernel's memory.
const SEND_BUFFER_BYTES: usize = 128 * 1024;

/// The bounds every connection is held to.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    /// Time to send a request's header.
    pub header_timeout: Duration,
    /// Time a connection that has served a request may wait for the next.
    pub keep_alive: Duration,
    /// Time a write may make no progress before the connection is closed.
    pub write_stall: Duration,
    /// Connections open at once.
    pub caps: Caps,
}

/// Serves `router` on `listener` until `shutdown` completes, then lets every connection
/// finish the request it is on and returns once all have. Each request carries its peer's
/// [`ConnectInfo<SocketAddr>`]; every connection is held to `limits`.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) {
    let (stopping, stop) = watch::channel(false);
    let admission = Arc::new(Admission::new(limits.caps));
    let mut shutdown = pin!(shutdown);
    loop {
        tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => match admission.admit(peer.ip()) {
                    Ok(admitted) => {
                        tokio::spawn(serve_connection(stream, peer, router.clone(), limits, admitted, stop.clone()));
                    }
                    // Closed at once: the client sees its connection reset or ended.
                    Err(_) => drop(stream),
                },
                Err(err) => {
                    // Out of file descriptors, typically: wait instead of spinning.
                    tracing::warn!(error = %err, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
        }
    }
    drop(listener);
    drop(stop);
    let _ = stopping.send(true);
    // Every connection holds a receiver; all are gone once every connection has closed.
    stopping.closed().await;
}

async fn serve_connection(
    stream: TcpStream,
    peer: SocketAddr,
    router: Router,
    limits: ConnectionLimits,
    _admitted: Admitted,
    mut stop: watch::Receiver<bool>,
) {
    let _ = stream.set_nodelay(true);
    let _ = socket2::SockRef::from(&stream).set_send_buffer_size(SEND_BUFFER_BYTES);
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(ConnectInfo(peer));
        let mut router = router.clone();
        async move {
            let response = tower::Service::call(&mut router, request.map(Body::new)).await;
            Ok::<_, Infallible>(response.unwrap_or_else(|never| match never {}))
        }
    });
    let read = BytesRead::default();
    let mut builder = http1::Builder::new();
    builder
        .timer(HeaderClock::new(read.clone(), limits.keep_alive))
        .header_read_timeout(limits.header_timeout)
        .max_buf_size(BUFFER_BYTES);
    let io = TokioIo::new(Counted::new(StallGuard::new(stream, limits.write_stall), read));
    let mut connection = pin!(builder.serve_connection(io, service).with_upgrades());
    tokio::select! {
        result = connection.as_mut() => {
            if let Err(err) = result {
                tracing::debug!(error = %err, %peer, "connection ended with an error");
            }
            return;
        }
        _ = stop.wait_for(|stopping| *stopping) => connection.as_mut().graceful_shutdown(),
    }
    let _ = connection.await;
}
