//! Sessions of signed-in accounts, and the one-time tokens that create the first admin.
//! Only SHA-256 hashes of tokens are stored; times are compared as stored text (see `clock`).

use app::model::account::{Role, User};
use app::model::ids::AccountId;
use jiff::Timestamp;

use super::accounts::role_column;
use super::ids::BindId;
use super::{Refusal, Store, StoreError, now_rfc3339, stored, uuid_column};

impl Store {
    /// Starts a session for `user_id` that ends at `expires_at`.
    pub async fn insert_session(
        &self,
        token_hash: &str,
        user_id: AccountId,
        expires_at: Timestamp,
    ) -> Result<(), StoreError> {
        let now = now_rfc3339();
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, updated_at)
             VALUES ($1, $2, $3, $4, $3)",
        )
        .bind(token_hash)
        .bind_id(user_id)
        .bind(&now)
        .bind(stored(expires_at))
        .execute(&self.write)
        .await?;
        Ok(())
    }

    /// The enabled account whose current session has this token hash.
    pub async fn session_user(&self, token_hash: &str) -> Result<Option<User>, StoreError> {
        let row: Option<(String, String, String)> = sqlx::query_as(
            "SELECT u.id, u.email, u.role FROM sessions s JOIN users u ON u.id = s.user_id
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = 0",
        )
        .bind(token_hash)
        .bind(now_rfc3339())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|(id, email, role)| {
            Ok(User { id: uuid_column(&id, "users.id")?, email, role: role_column(&role)? })
        })
        .transpose()
    }

    /// Ends one session (nothing happens if it has ended already).
    pub async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.write)
            .await?;
        Ok(())
    }

    /// Forgets sessions that have expired.
    pub async fn delete_expired_sessions(&self) -> Result<u64, StoreError> {
        let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now_rfc3339())
            .execute(&self.write)
            .await?;
        Ok(done.rows_affected())
    }

    /// Replaces any earlier setup token with this one, valid until `expires_at`.
    pub async fn replace_setup_token(
        &self,
        token_hash: &str,
        expires_at: Timestamp,
    ) -> Result<(), StoreError> {
        let now = now_rfc3339();
        let mut tx = self.write.begin().await?;
        sqlx::query("DELETE FROM setup_tokens").execute(&mut *tx).await?;
        sqlx::query(
            "INSERT INTO setup_tokens (token_hash, expires_at, used_at, created_at, updated_at)
             VALUES ($1, $2, NULL, $3, $3)",
        )
        .bind(token_hash)
        .bind(stored(expires_at))
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Whether a setup token with this hash is unused and unexpired, and no account exists.
    pub async fn setup_token_open(&self, token_hash: &str) -> Result<bool, StoreError> {
        let (count,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM setup_tokens
             WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
               AND NOT EXISTS (SELECT 1 FROM users)",
        )
        .bind(token_hash)
        .bind(now_rfc3339())
        .fetch_one(&self.pool)
        .await?;
        Ok(count > 0)
    }

    /// Uses the setup token to create the first admin, in one transaction: the token is
    /// spent exactly once, and only while no account exists. Refused
    /// ([`Refusal::SetupLinkSpent`]) when the token is unknown, used or expired.
    pub async fn create_first_admin(
        &self,
        token_hash: &str,
        email: &str,
        password_hash: &str,
    ) -> Result<User, StoreError> {
        let now = now_rfc3339();
        let mut tx = self.write.begin().await?;
        let spent = sqlx::query(
            "UPDATE setup_tokens SET used_at = $1, updated_at = $1
             WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1
               AND NOT EXISTS (SELECT 1 FROM users)",
        )
        .bind(&now)
        .bind(token_hash)
        .execute(&mut *tx)
        .await?;
        if spent.rows_affected() != 1 {
            return Err(Refusal::SetupLinkSpent.into());
        }
        let id = super::accounts::insert_user(&mut tx, email, Role::Admin, password_hash, &now).await?;
        tx.commit().await?;
        Ok(User { id, email: email.to_string(), role: Role::Admin })
    }
}
