//! `klustra admin create --email E`: creates an admin account from the command line, on the
//! same database the server uses (it may be running). The password comes from the
//! `KLUSTRA_ADMIN_PASSWORD` environment variable or, without it, the first line of stdin,
//! never from a flag (flags end up in shell history and process listings).

use std::io::BufRead;

use anyhow::Context;
use app::model::account::{NewAccount, Role, parse_email, parse_new_password};

use crate::service::Service;

/// What `klustra admin` can do.
#[derive(clap::Subcommand, Debug)]
pub enum AdminCommand {
    /// Create an account (an admin unless `--role` says otherwise).
    Create(CreateArgs),
}

/// Arguments of `klustra admin create`.
#[derive(clap::Args, Debug)]
pub struct CreateArgs {
    /// The account's e-mail address (it signs in with it).
    #[arg(long)]
    pub email: String,
    /// The account's role: admin, facilitator or analyst.
    #[arg(long, default_value = "admin")]
    pub role: String,
}

/// The environment variable that may hold the new account's password.
pub const PASSWORD_ENV: &str = "KLUSTRA_ADMIN_PASSWORD";

/// Runs the admin command on `service`'s database.
pub async fn run(command: AdminCommand, service: &Service) -> anyhow::Result<()> {
    match command {
        AdminCommand::Create(args) => create(args, service).await,
    }
}

async fn create(args: CreateArgs, service: &Service) -> anyhow::Result<()> {
    let password = match std::env::var(PASSWORD_ENV) {
        Ok(password) => password,
        Err(_) => {
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line).context("reading the password from stdin")?;
            line.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    let lang = app::i18n::Lang::En;
    let account = NewAccount {
        email: parse_email(&args.email).map_err(|err| anyhow::anyhow!(err.message(lang)))?,
        role: Role::parse(&args.role).map_err(|err| anyhow::anyhow!(err.message(lang)))?,
        password: parse_new_password(&password, &password)
            .map_err(|err| anyhow::anyhow!(err.message(lang)))?,
    };
    let created = service.add_account(account).await.map_err(|err| anyhow::anyhow!(err.message(lang)))?;
    tracing::info!(email = %created.email, role = created.role.as_str(), "account created");
    Ok(())
}
