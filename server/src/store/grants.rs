//! Who may open a round: its owner, the accounts it is shared with, and (for the demo
//! round) everyone signed in.

use app::model::RoundSummary;
use app::model::account::{Grant, GrantAccess};
use app::model::ids::{AccountId, RoundId};

use crate::access::authz::RoundOwnership;

use super::ids::BindId;
use super::rounds::RoundRow;
use super::{Store, StoreError, now_rfc3339, uuid_column};

fn access_column(value: &str) -> Result<GrantAccess, StoreError> {
    match value {
        "facilitate" => Ok(GrantAccess::Facilitate),
        "read" => Ok(GrantAccess::Read),
        _ => Err(StoreError::Corrupt("round_grants.access")),
    }
}

impl Store {
    /// The owner of round `round_id` and what it is shared with `user_id` for.
    pub async fn round_ownership(
        &self,
        round_id: RoundId,
        user_id: AccountId,
    ) -> Result<RoundOwnership, StoreError> {
        let (owner_user, owner_device, access): (Option<String>, Option<String>, Option<String>) =
            sqlx::query_as(
                "SELECT r.owner_user, r.owner_device, g.access FROM rounds r
                 LEFT JOIN round_grants g ON g.round_id = r.id AND g.user_id = $2
                 WHERE r.id = $1",
            )
            .bind_id(round_id)
            .bind_id(user_id)
            .fetch_one(&self.pool)
            .await?;
        Ok(RoundOwnership {
            owner_user: owner_user.as_deref().map(|id| uuid_column(id, "rounds.owner_user")).transpose()?,
            legacy_device_owner: owner_device.is_some(),
            grant: access.as_deref().map(access_column).transpose()?,
        })
    }

    /// The rounds `user_id` owns or was granted, and the demo rounds, newest first.
    pub async fn rounds_of(&self, user_id: AccountId) -> Result<Vec<RoundSummary>, StoreError> {
        let rows: Vec<RoundRow> = sqlx::query_as(
            "SELECT r.id, r.title, r.created_at,
                    (SELECT COUNT(*) FROM workshops w WHERE w.round_id = r.id) AS workshop_count
             FROM rounds r
             WHERE (r.owner_user IS NULL AND r.owner_device IS NULL)
                OR r.owner_user = $1
                OR EXISTS (SELECT 1 FROM round_grants g WHERE g.round_id = r.id AND g.user_id = $1)
             ORDER BY r.created_at DESC, r.id",
        )
        .bind_id(user_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(RoundSummary::try_from).collect()
    }

    /// The accounts a round is shared with, by e-mail address.
    pub async fn grants(&self, round_id: RoundId) -> Result<Vec<Grant>, StoreError> {
        let rows: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT u.id, u.email, g.access FROM round_grants g JOIN users u ON u.id = g.user_id
             WHERE g.round_id = $1 ORDER BY u.email",
        )
        .bind_id(round_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(id, email, access)| {
                Ok(Grant { user_id: uuid_column(&id, "users.id")?, email, access: access_column(&access)? })
            })
            .collect()
    }

    /// Shares a round with an account (again: the access is updated).
    pub async fn upsert_grant(
        &self,
        round_id: RoundId,
        user_id: AccountId,
        access: GrantAccess,
    ) -> Result<(), StoreError> {
        let now = now_rfc3339();
        sqlx::query(
            "INSERT INTO round_grants (round_id, user_id, access, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $4)
             ON CONFLICT (round_id, user_id) DO UPDATE
                SET access = excluded.access, updated_at = excluded.updated_at",
        )
        .bind_id(round_id)
        .bind_id(user_id)
        .bind(access.as_str())
        .bind(&now)
        .execute(&self.write)
        .await?;
        Ok(())
    }

    /// Takes a grant back; [`StoreError::NotFound`] when there was none.
    pub async fn delete_grant(&self, round_id: RoundId, user_id: AccountId) -> Result<(), StoreError> {
        let done = sqlx::query("DELETE FROM round_grants WHERE round_id = $1 AND user_id = $2")
            .bind_id(round_id)
            .bind_id(user_id)
            .execute(&self.write)
            .await?;
        if done.rows_affected() == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }
}
