//! Accounts: e-mail, role, password hash and whether they are disabled.

use app::model::account::{Account, Role, User};
use app::model::ids::AccountId;
use sqlx::AnyConnection;

use super::ids::BindId;
use super::{Refusal, Store, StoreError, now, now_rfc3339, stored, timestamp_column, uuid_column};

/// An account with what sign-in needs to check.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub user: User,
    pub password_hash: String,
    pub disabled: bool,
}

#[derive(sqlx::FromRow)]
struct AccountRow {
    id: String,
    email: String,
    role: String,
    disabled: i64,
    created_at: String,
}

impl TryFrom<AccountRow> for Account {
    type Error = StoreError;

    fn try_from(row: AccountRow) -> Result<Self, StoreError> {
        Ok(Account {
            id: uuid_column(&row.id, "users.id")?,
            email: row.email,
            role: role_column(&row.role)?,
            disabled: row.disabled != 0,
            created_at: timestamp_column(&row.created_at, "users.created_at")?,
        })
    }
}

#[derive(sqlx::FromRow)]
struct CredentialsRow {
    id: String,
    email: String,
    role: String,
    password_hash: String,
    disabled: i64,
}

/// Reads a stored role.
pub(super) fn role_column(value: &str) -> Result<Role, StoreError> {
    Role::parse(value).map_err(|_| StoreError::Corrupt("users.role"))
}

/// Inserts an enabled account on `conn` (so a transaction may include it) and returns its id;
/// refused ([`Refusal::EmailTaken`]) when the e-mail address is taken.
pub(super) async fn insert_user(
    conn: &mut AnyConnection,
    email: &str,
    role: Role,
    password_hash: &str,
    now: &str,
) -> Result<AccountId, StoreError> {
    let id = AccountId::random();
    sqlx::query(
        "INSERT INTO users (id, email, password_hash, role, disabled, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 0, $5, $5)",
    )
    .bind_id(id)
    .bind(email)
    .bind(password_hash)
    .bind(role.as_str())
    .bind(now)
    .execute(conn)
    .await
    .map_err(|err| match StoreError::from(err) {
        StoreError::Duplicate(_) => StoreError::Refused(Refusal::EmailTaken),
        other => other,
    })?;
    Ok(id)
}

impl Store {
    /// Stores a new account; refused ([`Refusal::EmailTaken`]) when the e-mail address is taken.
    pub async fn insert_account(
        &self,
        email: &str,
        role: Role,
        password_hash: &str,
    ) -> Result<Account, StoreError> {
        let created_at = now();
        let id =
            insert_user(&mut *self.write.acquire().await?, email, role, password_hash, &stored(created_at))
                .await?;
        Ok(Account { id, email: email.to_string(), role, disabled: false, created_at })
    }

    /// How many accounts exist (none: the first admin is still to be created).
    pub async fn account_count(&self) -> Result<i64, StoreError> {
        let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users").fetch_one(&self.pool).await?;
        Ok(count)
    }

    /// Every account, by e-mail address.
    pub async fn accounts(&self) -> Result<Vec<Account>, StoreError> {
        let rows: Vec<AccountRow> =
            sqlx::query_as("SELECT id, email, role, disabled, created_at FROM users ORDER BY email")
                .fetch_all(&self.pool)
                .await?;
        rows.into_iter().map(Account::try_from).collect()
    }

    /// The account with this (lower-cased) e-mail address, with its password hash.
    pub async fn credentials_by_email(&self, email: &str) -> Result<Option<Credentials>, StoreError> {
        let row: Option<CredentialsRow> =
            sqlx::query_as("SELECT id, email, role, password_hash, disabled FROM users WHERE email = $1")
                .bind(email)
                .fetch_optional(&self.pool)
                .await?;
        row.map(credentials).transpose()
    }

    /// The account with this id, with its password hash.
    pub async fn credentials(&self, user_id: AccountId) -> Result<Credentials, StoreError> {
        let row: CredentialsRow =
            sqlx::query_as("SELECT id, email, role, password_hash, disabled FROM users WHERE id = $1")
                .bind_id(user_id)
                .fetch_one(&self.pool)
                .await?;
        credentials(row)
    }

    /// Replaces an account's password hash and ends its sessions except `keep` (a token
    /// hash), in one transaction: a stolen session does not outlive the password change.
    pub async fn set_password(
        &self,
        user_id: AccountId,
        password_hash: &str,
        keep: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        let updated = sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
            .bind(password_hash)
            .bind(now_rfc3339())
            .bind_id(user_id)
            .execute(&mut *tx)
            .await?;
        if updated.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
            .bind_id(user_id)
            .bind(keep)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Disables an account, ending all its sessions, or enables it again.
    pub async fn set_account_disabled(&self, user_id: AccountId, disabled: bool) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        let updated = sqlx::query("UPDATE users SET disabled = $1, updated_at = $2 WHERE id = $3")
            .bind(i64::from(disabled))
            .bind(now_rfc3339())
            .bind_id(user_id)
            .execute(&mut *tx)
            .await?;
        if updated.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        if disabled {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind_id(user_id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

fn credentials(row: CredentialsRow) -> Result<Credentials, StoreError> {
    Ok(Credentials {
        user: User { id: uuid_column(&row.id, "users.id")?, email: row.email, role: role_column(&row.role)? },
        password_hash: row.password_hash,
        disabled: row.disabled != 0,
    })
}
