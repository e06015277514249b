//! Server functions for accounts: signing in and out, the password, the first admin, the
//! admin's account list, and sharing a round. Like those in [`crate::api`], each reads the
//! caller, validates, calls one port method and maps its result.

use leptos::prelude::*;

use crate::model::ids::{AccountId, RoundId};

#[cfg(feature = "ssr")]
use crate::api::session;
use crate::error::AppError;
use crate::model::account::{Account, Grant, User};

/// The signed-in caller, or `None`.
#[server(endpoint = "current_user")]
pub async fn current_user() -> Result<Option<User>, AppError> {
    session::current_user()
}

/// Signs in with e-mail and password; the browser gets the session cookie.
#[server(endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String) -> Result<User, AppError> {
    // The browser gets its device here too, as it would on joining a workshop.
    session::device_or_new()?;
    let cookies = session::Cookies::of_response()?;
    let services = session::services()?;
    let earlier = session::session_token();
    let started = services.accounts.sign_in(&email, password).await?;
    // A session this browser had before (perhaps someone else's) ends with the new one.
    if let Some(earlier) = earlier {
        services.accounts.sign_out(&earlier).await?;
    }
    cookies.start(&started)?;
    Ok(started.user)
}

/// Ends the caller's session.
#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    let cookies = session::Cookies::of_response()?;
    if let Some(token) = session::session_token() {
        session::services()?.accounts.sign_out(&token).await?;
    }
    cookies.forget()
}

/// Changes the caller's password; every other session of the account ends.
#[server(endpoint = "change_password")]
pub async fn change_password(current: String, password: String, repeated: String) -> Result<(), AppError> {
    let password = crate::model::account::parse_new_password(&password, &repeated)?;
    let keep = session::session_token().ok_or(AppError::NotSignedIn)?;
    let (services, caller) = session::signed_in()?;
    services.accounts.change_password(&caller, &keep, current, password).await
}

/// Whether the setup link with this token can still create the first admin.
#[server(endpoint = "setup_open")]
pub async fn setup_open(token: String) -> Result<bool, AppError> {
    session::services()?.accounts.setup_open(&token).await
}

/// Creates the first admin through the one-time setup link, and signs it in.
#[server(endpoint = "set_up_admin")]
pub async fn set_up_admin(
    token: String,
    email: String,
    password: String,
    repeated: String,
) -> Result<User, AppError> {
    let email = crate::model::account::parse_email(&email)?;
    let password = crate::model::account::parse_new_password(&password, &repeated)?;
    let cookies = session::Cookies::of_response()?;
    let started = session::services()?.accounts.set_up_admin(&token, email, password).await?;
    cookies.start(&started)?;
    Ok(started.user)
}

/// Every account, for an admin.
#[server(endpoint = "list_accounts")]
pub async fn list_accounts() -> Result<Vec<Account>, AppError> {
    let (services, caller) = session::signed_in()?;
    services.accounts.accounts(&caller).await
}

/// Creates an account with a role and an initial password, as an admin.
#[server(endpoint = "create_account")]
pub async fn create_account(email: String, role: String, password: String) -> Result<Account, AppError> {
    let account = crate::model::account::NewAccount {
        email: crate::model::account::parse_email(&email)?,
        role: crate::model::account::Role::parse(&role)?,
        password: crate::model::account::parse_new_password(&password, &password)?,
    };
    let (services, caller) = session::signed_in()?;
    services.accounts.create_account(&caller, account).await
}

/// Disables an account (it can no longer sign in) or enables it again, as an admin.
#[server(endpoint = "set_account_disabled")]
pub async fn set_account_disabled(user_id: AccountId, disabled: bool) -> Result<(), AppError> {
    let (services, caller) = session::signed_in()?;
    services.accounts.set_disabled(&caller, user_id, disabled).await
}

/// The people a round is shared with, for its owner.
#[server(endpoint = "list_grants")]
pub async fn list_grants(round_id: RoundId) -> Result<Vec<Grant>, AppError> {
    let (services, caller) = session::signed_in()?;
    services.sharing.grants(&caller, round_id).await
}

/// Shares a round with a facilitator (co-facilitating) or an analyst (reading).
#[server(endpoint = "share_round")]
pub async fn share_round(round_id: RoundId, email: String) -> Result<Grant, AppError> {
    let email = crate::model::account::parse_email(&email)?;
    let (services, caller) = session::signed_in()?;
    services.sharing.share(&caller, round_id, &email).await
}

/// Takes back what a round's owner shared with someone.
#[server(endpoint = "unshare_round")]
pub async fn unshare_round(round_id: RoundId, user_id: AccountId) -> Result<(), AppError> {
    let (services, caller) = session::signed_in()?;
    services.sharing.unshare(&caller, round_id, user_id).await
}
