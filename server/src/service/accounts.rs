//! Accounts, sessions and sharing, implemented on the [`Store`](crate::store::Store):
//! sign-in with its attempt limit, the first admin's setup link, the admin's account
//! management, and a round owner's grants.

use std::time::{Duration, Instant};

use app::api::ports::{Accounts, NewSession, SessionToken, Sharing};
use app::api::session::SESSION_MAX_AGE_SECS;
use app::error::{AppError, Field};
use app::model::account::{Account, Grant, GrantAccess, NewAccount, User};
use app::model::ids::{AccountId, RoundId};
use async_trait::async_trait;

use crate::access::authz::Access;
use crate::access::password::{HashError, new_token, token_hash};
use crate::service::Service;
use crate::store::after;

/// How long the first admin's setup link stays valid.
pub const SETUP_LINK_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);

/// Hashing failures are the server's, never the user's; a full pool asks to come back.
fn hashing(err: HashError) -> AppError {
    if matches!(err, HashError::Busy) {
        tracing::warn!("refused a password check: every turn of the pool was taken");
        return AppError::TooManyRequests { retry_after: 1 };
    }
    tracing::error!(error = %err, "password hashing failed");
    AppError::Internal
}

/// Whether `caller` is an admin, or why not.
fn admin_only(caller: &User) -> Result<(), AppError> {
    if caller.is_admin() { Ok(()) } else { Err(AppError::Forbidden) }
}

impl Service {
    /// Makes a new setup link for the first admin, replacing any earlier one; returns its
    /// token. Only the token's hash is stored.
    pub async fn issue_setup_token(&self) -> Result<String, AppError> {
        let token = new_token().map_err(hashing)?;
        let expires_at = after(SETUP_LINK_LIFETIME);
        self.store().replace_setup_token(&token_hash(&token), expires_at).await?;
        Ok(token)
    }

    /// Creates an account (used by admins through the page, and by `klustra admin create`).
    pub async fn add_account(&self, account: NewAccount) -> Result<Account, AppError> {
        let hash = self.passwords.hash(account.password).await.map_err(hashing)?;
        Ok(self.store().insert_account(&account.email, account.role, &hash).await?)
    }

    /// The active account behind a request's session cookie, if the session is current.
    /// Read once per request by the router's middleware (handlers take its result, see
    /// `crate::http::caller`), and again by an open board to check that its session still holds.
    pub async fn user_from_headers(&self, headers: &axum::http::HeaderMap) -> Result<Option<User>, AppError> {
        match SessionToken::from_headers(headers) {
            Some(token) => Ok(self.store().session_user(&token_hash(&token.0)).await?),
            None => Ok(None),
        }
    }

    /// Starts a session for `user`.
    async fn start_session(&self, user: User) -> Result<NewSession, AppError> {
        let token = self.session_tokens.mint_session();
        let expires_at = after(Duration::from_secs(SESSION_MAX_AGE_SECS));
        self.store().insert_session(&token_hash(&token), user.id, expires_at).await?;
        Ok(NewSession { token: SessionToken(token), user })
    }
}

#[async_trait]
impl Accounts for Service {
    async fn sign_in(&self, email: &str, password: String) -> Result<NewSession, AppError> {
        let email = email.trim().to_lowercase();
        // Per account, whatever the device: a guesser who drops or forges cookies gets no
        // more tries (the address and server budgets are in `security::first_contact`).
        if let Err(wait) = self.sign_ins.take(email.clone(), Instant::now()) {
            return Err(AppError::TooManyRequests { retry_after: wait.as_secs_f64().ceil().max(1.0) as u32 });
        }
        let credentials = self.store().credentials_by_email(&email).await?;
        let stored = credentials.as_ref().map(|found| found.password_hash.clone());
        let matches = self.passwords.verify(password, stored).await.map_err(hashing)?;
        match credentials {
            Some(found) if matches && !found.disabled => self.start_session(found.user).await,
            _ => Err(AppError::WrongCredentials),
        }
    }

    async fn sign_out(&self, token: &SessionToken) -> Result<(), AppError> {
        Ok(self.store().delete_session(&token_hash(&token.0)).await?)
    }

    async fn change_password(
        &self,
        caller: &User,
        keep: &SessionToken,
        current: String,
        new: String,
    ) -> Result<(), AppError> {
        let stored = self.store().credentials(caller.id).await?.password_hash;
        if !self.passwords.verify(current, Some(stored)).await.map_err(hashing)? {
            return Err(AppError::Invalid { field: Field::CurrentPassword });
        }
        let hash = self.passwords.hash(new).await.map_err(hashing)?;
        Ok(self.store().set_password(caller.id, &hash, &token_hash(&keep.0)).await?)
    }

    async fn setup_open(&self, token: &str) -> Result<bool, AppError> {
        Ok(self.store().setup_token_open(&token_hash(token)).await?)
    }

    async fn set_up_admin(
        &self,
        token: &str,
        email: String,
        password: String,
    ) -> Result<NewSession, AppError> {
        // Checked before the slow hash, so a stale link answers at once.
        if !self.setup_open(token).await? {
            return Err(AppError::SetupLinkInvalid);
        }
        let hash = self.passwords.hash(password).await.map_err(hashing)?;
        let user = self.store().create_first_admin(&token_hash(token), &email, &hash).await?;
        tracing::info!(user = %user.id, "the first admin was created through the setup link");
        self.start_session(user).await
    }

    async fn accounts(&self, caller: &User) -> Result<Vec<Account>, AppError> {
        admin_only(caller)?;
        Ok(self.store().accounts().await?)
    }

    async fn create_account(&self, caller: &User, account: NewAccount) -> Result<Account, AppError> {
        admin_only(caller)?;
        let created = self.add_account(account).await?;
        tracing::info!(by = %caller.id, user = %created.id, role = created.role.as_str(), "account created");
        Ok(created)
    }

    async fn set_disabled(&self, caller: &User, user_id: AccountId, disabled: bool) -> Result<(), AppError> {
        admin_only(caller)?;
        // An admin who disabled themselves could lock everyone out of account management.
        if user_id == caller.id {
            return Err(AppError::Forbidden);
        }
        self.store().set_account_disabled(user_id, disabled).await?;
        tracing::info!(by = %caller.id, user = %user_id, disabled, "account access changed");
        Ok(())
    }
}

#[async_trait]
impl Sharing for Service {
    async fn grants(&self, caller: &User, round_id: RoundId) -> Result<Vec<Grant>, AppError> {
        self.round_access(caller, round_id).await?.require(Access::Share)?;
        Ok(self.store().grants(round_id).await?)
    }

    async fn share(&self, caller: &User, round_id: RoundId, email: &str) -> Result<Grant, AppError> {
        self.round_access(caller, round_id).await?.require(Access::Share)?;
        let found = self
            .store()
            .credentials_by_email(email)
            .await?
            .filter(|found| !found.disabled)
            .ok_or(AppError::UnknownAccount)?;
        let access = GrantAccess::for_role(found.user.role);
        self.store().upsert_grant(round_id, found.user.id, access).await?;
        Ok(Grant { user_id: found.user.id, email: found.user.email, access })
    }

    async fn unshare(&self, caller: &User, round_id: RoundId, user_id: AccountId) -> Result<(), AppError> {
        self.round_access(caller, round_id).await?.require(Access::Share)?;
        Ok(self.store().delete_grant(round_id, user_id).await?)
    }
}
