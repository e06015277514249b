//! The Klustra server: configuration, start-up, routes, persistence and clustering.
//!
//! Depends on `app` (pages, server functions, ports) and implements its ports; `app` never
//! depends on this crate. [`run`] is what `main` and the tests call.
//!
//! From the top down: [`routes`] (the route table, wiring the rest) and the raw routes it
//! serves, [`board_socket`] (a live board's socket) and [`export`] (report formats);
//! [`state`] (what the handlers share, built once); [`service`] (the ports' one
//! implementation), which publishes to the [`hub`] (live boards' fan-out, and the relay
//! between instances) and computes with [`clustering`] and [`embedding`] (needs and themes,
//! sentence vectors); [`store`] (the database); [`access`] (who may see and do what, and the
//! limits every request passes); [`http`] (the one error answer, the caller extractor,
//! serving connections). [`commands`] holds the command line's other subcommands.
// No unsafe code, but for the allocator setting in `access::password` and the open-file
// limit in `http::open_files` (allowed there alone).
#![deny(unsafe_code)]

pub mod access;
pub mod board_socket;
pub mod clustering;
pub mod commands;
pub mod config;
pub mod demo;
pub mod embedding;
pub mod export;
pub mod http;
pub mod hub;
mod nesting;
pub mod routes;
pub mod service;
pub mod state;
pub mod store;

use std::future::Future;

use anyhow::Context;
use tokio::net::TcpListener;

pub use config::Config;
pub use routes::router;
pub use state::{AppState, build_state};

/// Opens the database, seeds demo data if asked, and serves on `listener` until `shutdown`
/// completes.
pub async fn run(
    config: Config,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let bound = listener.local_addr().context("reading the bound address")?;
    let state = build_state(&config, bound).await?;
    let store = state.service.store().clone();
    let service = state.service.clone();
    tracing::info!(%bound, public_url = %state.guard.public_url, "Klustra is listening");
    let shutdown = async move {
        shutdown.await;
        tracing::info!("shutting down: telling live boards to reconnect");
        // Sockets are upgraded connections that graceful shutdown would otherwise wait for.
        service.hub().shut_down();
    };
    let hub_service = state.service.clone();
    let limits = connection_limits(&config, state.guard.trusted_proxy_header.is_some());
    http::serve(listener, router(state), limits, shutdown).await;
    hub_service.hub().wait_for_sockets(std::time::Duration::from_secs(5)).await;
    hub_service.embeddings().stop_worker();
    store.close().await;
    Ok(())
}

/// The bounds on every connection: the configured ones, the total kept below the open-file
/// limit (raised first as far as the system allows), and no cap per address behind a
/// trusted proxy (every connection comes from its address).
fn connection_limits(config: &Config, behind_proxy: bool) -> http::ConnectionLimits {
    let open_files = http::open_files::raise_to_hard_limit();
    let total = http::open_files::connection_cap(config.max_connections, open_files);
    let per_address = (!behind_proxy).then_some(config.max_connections_per_address.min(total));
    tracing::info!(?open_files, total, ?per_address, "connection caps");
    http::ConnectionLimits {
        header_timeout: std::time::Duration::from_secs(config.read_timeout_secs.max(1)),
        keep_alive: std::time::Duration::from_secs(config.keep_alive_secs.max(1)),
        write_stall: std::time::Duration::from_secs(config.write_timeout_secs.max(1)),
        caps: http::Caps { total, per_address },
    }
}
