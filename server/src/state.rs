//! What every request handler may need ([`AppState`]), built once at start-up from the
//! configuration ([`build_state`]): the database opened, demo data seeded if asked, the
//! services wired, the first admin's setup link announced.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use app::api::ports::{Reports, Services};

use crate::access::security;
use crate::config::Config;
use crate::hub::{self, relay};
use crate::service::{self, Service};
use crate::store::{self, Store};
use crate::{demo, embedding};

/// Everything a request handler may need, built once at start-up.
#[derive(Clone)]
pub struct AppState {
    pub leptos: LeptosOptions,
    /// The one implementation of every port; server functions get it as [`Services`]
    /// (see [`crate::routes::router`]), raw routes use it directly.
    pub service: Service,
    /// How long a live socket may stay silent.
    pub socket_idle: std::time::Duration,
    /// How often a signed-in viewer's socket checks its session and access again.
    pub session_check: std::time::Duration,
    /// The public URL, the origins allowed, the rate limits, device tokens and time limits:
    /// what the request checks read, and the handlers too.
    pub guard: security::Guard,
}

impl AppState {
    /// The ports as server functions see them: every one served by [`AppState::service`].
    pub fn services(&self) -> Services {
        Services::over(
            Arc::new(self.service.clone()),
            Arc::new(self.guard.device_tokens.clone()),
            self.guard.secure_cookies,
        )
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
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
            id: app::model::ids::AccountId::nil(),
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
    let guard = security::Guard {
        secure_cookies: public_url.starts_with("https://"),
        public_url,
        allowed_origins,
        limits,
        device_tokens,
        trusted_proxy_header,
        read_timeout,
    };
    Ok(AppState { leptos, service, socket_idle, session_check, guard })
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
