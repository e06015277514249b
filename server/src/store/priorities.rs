//! A round's priority areas: the needs and themes its analysts marked, with who marked them,
//! each mark and unmark recorded in the round's audit log.

use app::model::ids::{PriorityTargetId, RoundId};
use app::model::report::{PriorityKind, PriorityMark};
use app::model::retention::AuditDetail;

use super::ids::BindId;
use super::retention::audit;
use super::{Store, StoreError, now_rfc3339, uuid_column};

impl Store {
    /// The round's marks, in the order they were made.
    pub async fn priority_marks(&self, round_id: RoundId) -> Result<Vec<PriorityMark>, StoreError> {
        let rows: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT target_id, kind, label FROM priority_areas WHERE round_id = $1
             ORDER BY created_at, target_id",
        )
        .bind_id(round_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(id, kind, label)| {
                Ok(PriorityMark {
                    kind: PriorityKind::from_slug(&kind).ok_or(StoreError::Corrupt("priority_areas.kind"))?,
                    id: uuid_column(&id, "priority_areas.target_id")?,
                    label,
                })
            })
            .collect()
    }

    /// Marks a need or theme of the round as a priority area, done by `actor`; marking it
    /// again changes nothing (and logs nothing).
    pub async fn mark_priority(
        &self,
        round_id: RoundId,
        mark: &PriorityMark,
        actor: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        let now = now_rfc3339();
        let done = sqlx::query(
            "INSERT INTO priority_areas (round_id, target_id, kind, label, marked_by, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (round_id, target_id) DO NOTHING",
        )
        .bind_id(round_id)
        .bind_id(mark.id)
        .bind(mark.kind.slug())
        .bind(&mark.label)
        .bind(actor)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() > 0 {
            let detail = AuditDetail::PriorityArea { name: mark.label.clone(), marked: true };
            audit(&mut tx, round_id, actor, &detail).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Takes the mark off the need or theme `target_id`, done by `actor`; with no mark on it,
    /// changes nothing (and logs nothing).
    pub async fn unmark_priority(
        &self,
        round_id: RoundId,
        target_id: PriorityTargetId,
        actor: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        let label: Option<(String,)> =
            sqlx::query_as("SELECT label FROM priority_areas WHERE round_id = $1 AND target_id = $2")
                .bind_id(round_id)
                .bind_id(target_id)
                .fetch_optional(&mut *tx)
                .await?;
        if let Some((label,)) = label {
            sqlx::query("DELETE FROM priority_areas WHERE round_id = $1 AND target_id = $2")
                .bind_id(round_id)
                .bind_id(target_id)
                .execute(&mut *tx)
                .await?;
            audit(&mut tx, round_id, actor, &AuditDetail::PriorityArea { name: label, marked: false })
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
