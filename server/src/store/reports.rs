//! What reports and the analyst's view read and write: notes with their provenance, a
//! round's themes clustered across its workshops, and the round's comparison settings.

use app::model::Theme;
use app::model::ids::{RoundId, WorkshopId};
use app::model::live::Change;
use app::model::report::{RebuildChanges, ReportNote, ReportWorkshop};
use sqlx::AssertSqlSafe;
use uuid::Uuid;

use super::Refusal;
use super::events::{next_seq, record};
use super::ids::BindId;
use super::themes::{ThemeScope, fetch_themes, write_themes};
use super::{
    Store, StoreError, StoredEvent, now_rfc3339, optional_date, optional_timestamp, timestamp_column,
    uuid_column,
};
use crate::access::visibility::Audience;

#[derive(sqlx::FromRow)]
struct ReportNoteRow {
    id: String,
    workshop_id: String,
    text: String,
    author: Option<String>,
    organisation: Option<String>,
    anonymous: i64,
    created_at: String,
    edited_at: Option<String>,
    supporters: i64,
    dots: i64,
}

#[derive(sqlx::FromRow)]
struct ReportWorkshopRow {
    id: String,
    title: String,
    sector: String,
    held_on: Option<String>,
    anonymous: i64,
}

/// Which notes a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportSource {
    Workshop(WorkshopId),
    Round(RoundId),
}

impl ReportSource {
    /// The SQL condition on `workshops w` (a fixed string: safe to splice), and its parameter.
    pub(super) fn condition(self) -> (&'static str, Uuid) {
        match self {
            ReportSource::Workshop(id) => ("w.id = $1", id.uuid()),
            ReportSource::Round(id) => ("w.round_id = $1", id.uuid()),
        }
    }
}

impl Store {
    /// The workshops a report covers, in the order they were created.
    pub async fn report_workshops(&self, source: ReportSource) -> Result<Vec<ReportWorkshop>, StoreError> {
        let (condition, key) = source.condition();
        let rows: Vec<ReportWorkshopRow> = sqlx::query_as(AssertSqlSafe(format!(
            "SELECT w.id, w.title, w.sector, w.held_on, w.anonymous FROM workshops w
             WHERE {condition} ORDER BY w.created_at, w.id"
        )))
        .bind_id(key)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(ReportWorkshop {
                    id: uuid_column(&row.id, "workshops.id")?,
                    title: row.title,
                    sector: row.sector,
                    held_on: optional_date(row.held_on, "workshops.held_on")?,
                    anonymous: row.anonymous != 0,
                })
            })
            .collect()
    }

    /// The notes a report covers: on the board (not hidden, not merged into another), in
    /// workshop and board order. Names are left out here, at the source, for anonymous
    /// workshops, so no export can show them.
    pub async fn report_notes(&self, source: ReportSource) -> Result<Vec<ReportNote>, StoreError> {
        let (condition, key) = source.condition();
        let rows: Vec<ReportNoteRow> = sqlx::query_as(AssertSqlSafe(format!(
            "SELECT n.id, n.workshop_id, n.text, p.display_name AS author, p.organisation, w.anonymous,
                    n.created_at, n.edited_at,
                    (SELECT COUNT(*) FROM note_supports s WHERE s.note_id = n.id) AS supporters,
                    (SELECT CAST(COALESCE(SUM(d.dots), 0) AS BIGINT) FROM vote_dots d WHERE d.target_id = n.id) AS dots
             FROM notes n JOIN workshops w ON w.id = n.workshop_id
             LEFT JOIN participants p ON p.id = n.author_id
             WHERE {condition} AND n.hidden = 0 AND n.merged_into IS NULL
             ORDER BY w.created_at, w.id, n.seq"
        )))
        .bind_id(key)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(ReportNote {
                    id: uuid_column(&row.id, "notes.id")?,
                    workshop_id: uuid_column(&row.workshop_id, "notes.workshop_id")?,
                    text: row.text,
                    author: if row.anonymous != 0 { None } else { row.author },
                    organisation: row.organisation,
                    created_at: timestamp_column(&row.created_at, "notes.created_at")?,
                    edited_at: optional_timestamp(row.edited_at, "notes.edited_at")?,
                    supporters: row.supporters,
                    dots: row.dots,
                })
            })
            .collect()
    }

    /// The round's themes from its last round-wide clustering.
    pub async fn round_themes(&self, round_id: RoundId) -> Result<Vec<Theme>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        fetch_themes(&mut conn, ThemeScope::Round(round_id)).await
    }

    /// Replaces the round's themes with a new round-wide clustering made at `granularity`
    /// from `read` (the round's themes as they were), and keeps what `compare` says changed
    /// from the themes it replaces (called with them, under the round's row lock, only when
    /// there were any). Refused ([`Refusal::ThemesChanged`]) when they are no longer `read`:
    /// an analyst changed them while the build was working, and it would undo their change.
    pub async fn replace_round_themes(
        &self,
        round_id: RoundId,
        read: &[Theme],
        themes: &[Theme],
        granularity: f32,
        compare: impl FnOnce(&[Theme]) -> RebuildChanges + Send,
    ) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        let now = now_rfc3339();
        // The update takes the round's row lock on both engines before the themes are read:
        // two rebuilds at once each compare with the themes the other left.
        let done = sqlx::query("UPDATE rounds SET updated_at = $1 WHERE id = $2")
            .bind(&now)
            .bind_id(round_id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let earlier = fetch_themes(&mut tx, ThemeScope::Round(round_id)).await?;
        if earlier != read {
            return Err(Refusal::ThemesChanged.into());
        }
        let changes = if earlier.is_empty() {
            None
        } else {
            Some(
                serde_json::to_string(&compare(&earlier))
                    .map_err(|_| StoreError::Corrupt("rebuild_changes"))?,
            )
        };
        write_themes(&mut tx, ThemeScope::Round(round_id), themes).await?;
        sqlx::query(
            "UPDATE rounds SET clustered_at = $1, granularity = $2, rebuild_changes = $3 WHERE id = $4",
        )
        .bind(&now)
        .bind(f64::from(granularity))
        .bind(changes)
        .bind_id(round_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Applies an analyst's `edit` to the round's themes and stores the result in one
    /// transaction, under the round's row lock so two analysts' edits do not interleave; an
    /// error from `edit` leaves everything as it was.
    pub async fn edit_round_themes(
        &self,
        round_id: RoundId,
        edit: impl FnOnce(&mut Vec<Theme>) -> Result<(), StoreError> + Send,
    ) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        // The update takes the round's row lock on both engines before anything is read.
        let done = sqlx::query("UPDATE rounds SET updated_at = $1 WHERE id = $2")
            .bind(now_rfc3339())
            .bind_id(round_id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let mut themes = fetch_themes(&mut tx, ThemeScope::Round(round_id)).await?;
        edit(&mut themes)?;
        write_themes(&mut tx, ThemeScope::Round(round_id), &themes).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sets (or clears) the round this one is compared with.
    pub async fn set_previous_round(
        &self,
        round_id: RoundId,
        previous: Option<RoundId>,
    ) -> Result<(), StoreError> {
        let done = sqlx::query("UPDATE rounds SET previous_round_id = $1, updated_at = $2 WHERE id = $3")
            .bind_opt_id(previous)
            .bind(now_rfc3339())
            .bind_id(round_id)
            .execute(&self.write)
            .await?;
        if done.rows_affected() == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    /// Makes a workshop anonymous (no names shown anywhere, from now on) or not, and
    /// records it as a board event so open boards drop the names at once.
    pub async fn set_anonymous(&self, workshop_id: WorkshopId, on: bool) -> Result<StoredEvent, StoreError> {
        let mut tx = self.write.begin().await?;
        let seq = next_seq(&mut tx, workshop_id).await?;
        sqlx::query("UPDATE workshops SET anonymous = $1, updated_at = $2 WHERE id = $3")
            .bind(i64::from(on))
            .bind(now_rfc3339())
            .bind_id(workshop_id)
            .execute(&mut *tx)
            .await?;
        let event =
            record(&mut tx, workshop_id, seq, Change::Anonymity { on }, Audience::Everyone, None).await?;
        tx.commit().await?;
        Ok(event)
    }
}
