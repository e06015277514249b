//! The Klustra server: configuration, start-up, routes, persistence and clustering.
//!
//! Depends on `app` (pages, server functions, ports) and implements its ports; `app` never
//! depends on this crate. [`run`] is what `main` and the tests call.
// No unsafe code, but for the one allocator setting in `password` (allowed there alone).
#![deny(unsafe_code)]

pub mod admin_command;
mod api_error;
mod authz;
mod caller;
pub mod cluster_command;
pub mod clustering;
pub mod config;
pub mod demo;
pub mod embedding;
pub mod export;
pub mod http;
pub mod hub;
mod live;
mod nesting;
mod page_status;
pub mod password;
mod qr;
mod relay;
mod routes;
pub mod security;
pub mod service;
pub mod store;
pub mod visibility;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use tokio::net::TcpListener;

use app::api::ports::{Reports, Services};
pub use config::Config;
pub use routes::router;
use service::Service;
use store::Store;

/// Everything a request handler may need, built once at start-up.
#[derive(Clone)]
pub struct AppState {
    pub leptos: LeptosOptions,
    /// The one implementation of every port; server functions get it as [`Services`]
    /// (see [`routes::router`]), raw routes use it directly.
    pub service: Service,
    /// Whether cookies must be marked `Secure` (the public URL is https).
    pub secure_cookies: bool,
    pub public_url: String,
    /// Origins whose pages may post and open live sockets: the public URL and every
    /// `--allowed-origin`.
    pub allowed_origins: Vec<String>,
    /// How long a live socket may stay silent.
    pub socket_idle: std::time::Duration,
    /// How often a signed-in viewer's socket checks its session and access again.
    pub session_check: std::time::Duration,
    /// Request budgets per device (and per address for requests without one).
    pub limits: Arc<security::RateLimits>,
    /// Tells device tokens this server issued from made-up ones.
    pub device_tokens: security::DeviceTokens,
    /// The header a trusted reverse proxy writes the client's address into, if any.
    pub trusted_proxy_header: Option<axum::http::HeaderName>,
    /// How long a client may take to send a request's header, and again its body.
    pub read_timeout: std::time::Duration,
}

impl AppState {
    /// The ports as server functions see them: every one served by [`AppState::service`].
    pub fn services(&self) -> Services {
        Services::over(
            Arc::new(self.service.clone()),
            Arc::new(self.device_tokens.clone()),
            self.secure_cookies,
        )
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}

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
    tracing::info!(%bound, public_url = %state.public_url, "Klustra is listening");
    let shutdown = async move {
        shutdown.await;
        tracing::info!("shutting down: telling live boards to reconnect");
        // Sockets are upgraded connections that graceful shutdown would otherwise wait for.
        service.hub().shut_down();
    };
    let hub_service = state.service.clone();
    let limits = connection_limits(&config, state.trusted_proxy_header.is_some());
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
        write_stall: std::time::Duration::from_secs(config.write_timeout_secs.max(1)),
        caps: http::Caps { total, per_address },
    }
}

/// Opens the database (running migrations), seeds demo data if asked, and wires the
/// services, for a server reachable at `bound`.
pub async fn build_state(config: &Config, bound: SocketAddr) -> anyhow::Result<AppState> {
    if config.database_url.is_none() {
        std::fs::create_dir_all(&config.data_dir)
            .with_context(|| format!("creating the data directory {}", config.data_dir.display()))?;
    }
    let store = Store::open(&config.database_url()).await.context("opening the database")?;
    let seeded =
        if config.demo { demo::seed_if_empty(&store).await.context("seeding demo data")? } else { None };
    let public_url = config.public_url(bound);
    let hub = Arc::new(hub::Hub::default());
    if store.backend() == store::Backend::Postgres {
        // Other instances may serve the same workshops: wake them, and be woken.
        relay::start(&config.database_url(), store.clone(), hub.clone());
    }
    let device_key = store
        .secret(security::DEVICE_KEY, &security::new_key_hex().context("making the device cookie key")?)
        .await
        .context("reading the device cookie key")?;
    let device_tokens = security::DeviceTokens::from_hex(&device_key)
        .context("the stored device cookie key is not 64 hex digits")?;
    // Reading the model file takes half a second or more: it loads while the server already
    // listens, so boards reconnect at once after a restart.
    let embeddings = embedding::Embeddings::load_later(config.embedding_model.clone());
    let service = Service::new(store, hub, &public_url)
        .with_password_checks(config.password_checks)
        .with_embeddings(embeddings)
        .with_session_tokens(device_tokens.clone());
    if let Some(rounds) = seeded {
        // Both demo rounds clustered, last year's first, so the analyst's page shows the
        // comparison straight away. No account exists to do it yet: the server itself acts,
        // as an admin no session can ever be for.
        let seeder = app::model::account::User {
            id: uuid::Uuid::nil(),
            email: "klustra (demo)".to_string(),
            role: app::model::account::Role::Admin,
        };
        // The demo themes are grouped by meaning, as a real round would be.
        service.embeddings().settled().await;
        for round in [rounds.previous, rounds.current] {
            service
                .cluster_round(&seeder, round, 0.5)
                .await
                .map_err(|err| anyhow::anyhow!("clustering the demo round: {err}"))?;
        }
        tracing::info!("seeded the demo rounds");
    }
    // Once the model is in, and after the demo clustering, which made the demo notes'
    // vectors itself.
    let worker = service.clone();
    tokio::spawn(async move {
        worker.embeddings().settled().await;
        worker.embeddings().start_worker(worker.store().clone());
    });
    announce_setup_link(&service, &public_url).await?;
    let expired = service.store().delete_expired_sessions().await.context("forgetting expired sessions")?;
    tracing::debug!(expired, "expired sessions forgotten");
    let leptos = LeptosOptions::builder()
        .output_name("klustra")
        .site_root(config.site_root.display().to_string())
        .site_pkg_dir("pkg")
        .site_addr(bound)
        .build();
    let mut allowed_origins = config.allowed_origins.clone();
    allowed_origins.push(public_url.clone());
    if config.public_url.is_none() && bound.ip().is_loopback() {
        // A developer's own machine: `localhost` names the same server as the bound address.
        allowed_origins.push(format!("http://localhost:{}", bound.port()));
    }
    let socket_idle = std::time::Duration::from_secs(config.socket_idle_secs.max(1));
    let session_check = std::time::Duration::from_secs(config.session_check_secs.max(1));
    let limits = Arc::new(security::RateLimits::default());
    let trusted_proxy_header = config
        .trusted_proxy_header
        .as_deref()
        .map(|name| axum::http::HeaderName::try_from(name.trim()))
        .transpose()
        .context("--trusted-proxy-header is not a header name")?;
    let read_timeout = std::time::Duration::from_secs(config.read_timeout_secs.max(1));
    Ok(AppState {
        leptos,
        secure_cookies: public_url.starts_with("https://"),
        service,
        public_url,
        allowed_origins,
        socket_idle,
        session_check,
        limits,
        device_tokens,
        trusted_proxy_header,
        read_timeout,
    })
}

/// With no account yet, logs a one-time link that creates the first admin. Every start
/// without accounts makes a new link (the older one stops working).
async fn announce_setup_link(service: &Service, public_url: &str) -> anyhow::Result<()> {
    if service.store().account_count().await.context("counting accounts")? > 0 {
        return Ok(());
    }
    let token =
        service.issue_setup_token().await.map_err(|err| anyhow::anyhow!("making the setup link: {err}"))?;
    let hours = service::accounts::SETUP_LINK_LIFETIME.as_secs() / 3600;
    tracing::warn!(
        "\n\n    No accounts yet. Create the first admin within {hours} hours at:\n\n    {public_url}/setup/{token}\n\n    (or run `klustra admin create --email you@example.org`)\n"
    );
    Ok(())
}
