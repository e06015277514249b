//! `klustra`: runs the server, clusters a JSONL file of notes, or backs up the database.

use clap::{Parser, Subcommand};
use server::Config;
use server::commands::admin::{self, AdminCommand};
use server::commands::cluster::{self, ClusterArgs};
use tracing_subscriber::EnvFilter;

/// Klustra: workshop notes, captured live and clustered into themes.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    config: Config,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web application (the default).
    Serve,
    /// Cluster `{id,text}` JSONL notes into needs and themes; write `{id,cluster,need,..}` JSONL.
    Cluster(ClusterArgs),
    /// Manage accounts, e.g. `klustra admin create --email you@example.org` (the password
    /// from KLUSTRA_ADMIN_PASSWORD or stdin).
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Write a consistent copy of the database to a new file (safe while the server runs).
    Backup {
        /// The file to create, e.g. `/var/backups/klustra/2026-11-23.db`.
        to: std::path::PathBuf,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,sqlx=warn".into()))
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Cluster(args)) => cluster::run(&args),
        Some(Command::Admin(command)) => {
            if cli.config.database_url.is_none() {
                std::fs::create_dir_all(&cli.config.data_dir)?;
            }
            let store = server::store::Store::open(&cli.config.database_url()).await?;
            let hub = std::sync::Arc::new(server::hub::Hub::default());
            let service =
                server::service::Service::new(store.clone(), hub, &cli.config.public_url(cli.config.bind));
            let done = admin::run(command, &service).await;
            store.close().await;
            done
        }
        Some(Command::Backup { to }) => {
            let store = server::store::Store::open(&cli.config.database_url()).await?;
            store.backup_to(&to).await?;
            store.close().await;
            tracing::info!(file = %to.display(), "backup written");
            Ok(())
        }
        Some(Command::Serve) | None => {
            let listener = tokio::net::TcpListener::bind(cli.config.bind).await?;
            server::run(cli.config, listener, shutdown_signal()).await
        }
    }
}

/// Completes on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
