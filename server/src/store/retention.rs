//! Data protection of a round: its retention date, the archive export, the purge of its
//! notes, and the audit log that records each of these.

use app::model::ids::RoundId;
use app::model::retention::{AuditDetail, AuditEntry, archive_is_current};
use jiff::Timestamp;
use jiff::civil::Date;
use sqlx::AnyConnection;

use super::ids::BindId;
use super::{Refusal, Store, StoreError, now_rfc3339, optional_date, optional_timestamp, timestamp_column};

/// What is stored about a round's data protection.
#[derive(Debug, Clone)]
pub struct RetentionRecord {
    pub retain_until: Option<Date>,
    pub archived_at: Option<Timestamp>,
    pub purged_at: Option<Timestamp>,
    /// The last change to any of the round's notes.
    pub last_change: Option<Timestamp>,
}

#[derive(sqlx::FromRow)]
struct RetentionRow {
    retain_until: Option<String>,
    archived_at: Option<String>,
    purged_at: Option<String>,
    last_change: Option<String>,
}

impl TryFrom<RetentionRow> for RetentionRecord {
    type Error = StoreError;

    fn try_from(row: RetentionRow) -> Result<Self, StoreError> {
        Ok(RetentionRecord {
            retain_until: optional_date(row.retain_until, "rounds.retain_until")?,
            archived_at: optional_timestamp(row.archived_at, "rounds.archived_at")?,
            purged_at: optional_timestamp(row.purged_at, "rounds.purged_at")?,
            last_change: optional_timestamp(row.last_change, "notes.updated_at")?,
        })
    }
}

/// What a purge removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Purged {
    pub notes: i64,
    pub participants: i64,
}

/// Records one act in the audit log, on `conn` (inside the act's transaction).
pub(super) async fn audit(
    conn: &mut AnyConnection,
    round_id: RoundId,
    actor: &str,
    detail: &AuditDetail,
) -> Result<(), StoreError> {
    let now = now_rfc3339();
    let json = serde_json::to_string(detail).map_err(|_| StoreError::Corrupt("audit_log.detail"))?;
    sqlx::query(
        "INSERT INTO audit_log (round_id, action, actor, detail, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind_id(round_id)
    .bind(detail.action().as_str())
    .bind(actor)
    .bind(json)
    .bind(&now)
    .bind(&now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

impl Store {
    /// The round's retention state.
    pub async fn retention(&self, round_id: RoundId) -> Result<RetentionRecord, StoreError> {
        let row: RetentionRow = sqlx::query_as(
            "SELECT r.retain_until, r.archived_at, r.purged_at,
                    (SELECT MAX(n.updated_at) FROM notes n JOIN workshops w ON w.id = n.workshop_id
                     WHERE w.round_id = r.id) AS last_change
             FROM rounds r WHERE r.id = $1",
        )
        .bind_id(round_id)
        .fetch_one(&self.pool)
        .await?;
        row.try_into()
    }

    /// The round's audit log, newest first.
    pub async fn audit_log(&self, round_id: RoundId) -> Result<Vec<AuditEntry>, StoreError> {
        let rows: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT created_at, actor, detail FROM audit_log WHERE round_id = $1 ORDER BY id DESC",
        )
        .bind_id(round_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(at, actor, detail)| {
                let detail =
                    serde_json::from_str(&detail).map_err(|_| StoreError::Corrupt("audit_log.detail"))?;
                Ok(AuditEntry { at: timestamp_column(&at, "audit_log.created_at")?, actor, detail })
            })
            .collect()
    }

    /// Records `detail`, done by `actor`, in the round's audit log.
    pub async fn record_act(
        &self,
        round_id: RoundId,
        actor: &str,
        detail: &AuditDetail,
    ) -> Result<(), StoreError> {
        let mut conn = self.write.acquire().await?;
        audit(&mut conn, round_id, actor, detail).await
    }

    /// Sets (or clears) the last day the round's notes are kept.
    pub async fn set_retain_until(
        &self,
        round_id: RoundId,
        retain_until: Option<Date>,
        actor: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        let done = sqlx::query("UPDATE rounds SET retain_until = $1, updated_at = $2 WHERE id = $3")
            .bind(retain_until.map(|day| day.to_string()))
            .bind(now_rfc3339())
            .bind_id(round_id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let detail = AuditDetail::Retention { retain_until };
        audit(&mut tx, round_id, actor, &detail).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records that the round's archive was exported now.
    pub async fn mark_archived(
        &self,
        round_id: RoundId,
        actor: &str,
        detail: &AuditDetail,
    ) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        let now = now_rfc3339();
        sqlx::query("UPDATE rounds SET archived_at = $1, updated_at = $2 WHERE id = $3")
            .bind(&now)
            .bind(&now)
            .bind_id(round_id)
            .execute(&mut *tx)
            .await?;
        audit(&mut tx, round_id, actor, detail).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Deletes every note, participant, theme, vote and board event of the round's
    /// workshops, locks the workshops and records the purge, all in one transaction. The
    /// round and its workshops (titles, sectors, dates) remain, marked purged.
    ///
    /// Refused ([`Refusal::ArchiveOutdated`]) when the notes changed after the last archive export: the
    /// check runs inside the transaction, on the only writing connection, so no note can
    /// slip in between the check and the delete.
    pub async fn purge_round(&self, round_id: RoundId, actor: &str) -> Result<Purged, StoreError> {
        let mut tx = self.write.begin().await?;
        let (archived_at, last_change): (Option<String>, Option<String>) = sqlx::query_as(
            "SELECT r.archived_at, (SELECT MAX(n.updated_at) FROM notes n JOIN workshops w ON w.id = n.workshop_id
                                    WHERE w.round_id = r.id)
             FROM rounds r WHERE r.id = $1",
        )
        .bind_id(round_id)
        .fetch_one(&mut *tx)
        .await?;
        let archived_at = optional_timestamp(archived_at, "rounds.archived_at")?;
        if !archive_is_current(archived_at, optional_timestamp(last_change, "notes.updated_at")?) {
            return Err(Refusal::ArchiveOutdated.into());
        }
        let in_round = "workshop_id IN (SELECT id FROM workshops WHERE round_id = $1)";
        let count = |table: &'static str| format!("SELECT COUNT(*) FROM {table} WHERE {in_round}");
        let (notes,): (i64,) =
            sqlx::query_as(sqlx::AssertSqlSafe(count("notes"))).bind_id(round_id).fetch_one(&mut *tx).await?;
        let (participants,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(count("participants")))
            .bind_id(round_id)
            .fetch_one(&mut *tx)
            .await?;
        // Children first where no cascade reaches; the rest goes with its parent rows.
        for table in ["board_events", "theme_snapshots", "votes", "deleted_notes", "notes", "participants"] {
            sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table} WHERE {in_round}")))
                .bind_id(round_id)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("DELETE FROM themes WHERE round_id = $1").bind_id(round_id).execute(&mut *tx).await?;
        // The marks name needs and themes by the words of the notes: they go with them.
        sqlx::query("DELETE FROM priority_areas WHERE round_id = $1")
            .bind_id(round_id)
            .execute(&mut *tx)
            .await?;
        let now = now_rfc3339();
        sqlx::query("UPDATE workshops SET state = 'locked', updated_at = $1 WHERE round_id = $2")
            .bind(&now)
            .bind_id(round_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE rounds SET purged_at = $1, clustered_at = NULL, rebuild_changes = NULL, updated_at = $2 WHERE id = $3")
            .bind(&now)
            .bind(&now)
            .bind_id(round_id)
            .execute(&mut *tx)
            .await?;
        audit(&mut tx, round_id, actor, &AuditDetail::Purge { notes, participants }).await?;
        tx.commit().await?;
        Ok(Purged { notes, participants })
    }
}
