//! Themes of a workshop and which notes they hold, with a short history for undo.
//!
//! Every change records a `ThemesChanged` board event in its transaction, and first saves
//! the themes as they were, so the last [`UNDO_DEPTH`] changes can be undone.

use std::collections::HashMap;

use app::model::ids::{NeedId, NoteId, RoundId, ThemeId, WorkshopId};
use app::model::live::Change;
use app::model::{Need, Theme};
use sqlx::{Any, AnyConnection, AssertSqlSafe, Transaction};
use uuid::Uuid;

use super::events::{lock_workshop, record_next};
use super::ids::BindId;
use super::{Refusal, Store, StoreError, StoredEvent, now_rfc3339, uuid_column};
use crate::access::visibility::Audience;

/// How many changes of a workshop's themes can be undone.
pub const UNDO_DEPTH: i64 = 20;

/// Whose themes: one workshop's, or a round's clustered across its workshops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ThemeScope {
    Workshop(WorkshopId),
    Round(RoundId),
}

impl ThemeScope {
    /// The SQL condition on `themes t` (a fixed string: safe to splice), with its parameter.
    fn condition(self) -> (&'static str, Uuid) {
        match self {
            ThemeScope::Workshop(id) => ("t.workshop_id = $1", id.uuid()),
            ThemeScope::Round(id) => ("t.round_id = $1 AND t.workshop_id IS NULL", id.uuid()),
        }
    }
}

#[derive(sqlx::FromRow)]
struct ThemeRow {
    id: String,
    lineage_id: Option<String>,
    name: String,
    name_locked: i64,
    unsorted: i64,
    terms: String,
    example_note_id: Option<String>,
}

#[derive(sqlx::FromRow)]
struct NeedRow {
    id: String,
    theme_id: String,
    name: String,
    name_locked: i64,
    terms: String,
    example_note_id: Option<String>,
}

/// The scope's themes in their stored order, with their needs and notes, read on `conn`.
pub(crate) async fn fetch_themes(
    conn: &mut AnyConnection,
    scope: ThemeScope,
) -> Result<Vec<Theme>, StoreError> {
    let (condition, key) = scope.condition();
    let rows: Vec<ThemeRow> = sqlx::query_as(AssertSqlSafe(format!(
        "SELECT id, lineage_id, name, name_locked, unsorted, terms, example_note_id FROM themes t
         WHERE {condition} ORDER BY position, id"
    )))
    .bind_id(key)
    .fetch_all(&mut *conn)
    .await?;
    let need_rows: Vec<NeedRow> = sqlx::query_as(AssertSqlSafe(format!(
        "SELECT nd.id, nd.theme_id, nd.name, nd.name_locked, nd.terms, nd.example_note_id
         FROM needs nd JOIN themes t ON t.id = nd.theme_id
         WHERE {condition} ORDER BY nd.position, nd.id"
    )))
    .bind_id(key)
    .fetch_all(&mut *conn)
    .await?;
    let members: Vec<(String, String, i64, Option<String>)> = sqlx::query_as(AssertSqlSafe(format!(
        "SELECT nt.theme_id, nt.note_id, nt.pinned, nt.need_id FROM note_themes nt
         JOIN themes t ON t.id = nt.theme_id JOIN notes n ON n.id = nt.note_id
         WHERE {condition} AND n.merged_into IS NULL ORDER BY n.workshop_id, n.seq"
    )))
    .bind_id(key)
    .fetch_all(&mut *conn)
    .await?;
    let mut notes: HashMap<String, Vec<(NoteId, bool)>> = HashMap::new();
    let mut need_notes: HashMap<String, Vec<NoteId>> = HashMap::new();
    for (theme_id, note_id, pinned, need_id) in members {
        let note_id = uuid_column(&note_id, "note_themes.note_id")?;
        notes.entry(theme_id).or_default().push((note_id, pinned != 0));
        if let Some(need_id) = need_id {
            need_notes.entry(need_id).or_default().push(note_id);
        }
    }
    let mut needs: HashMap<String, Vec<Need>> = HashMap::new();
    for row in need_rows {
        let need = Need {
            id: uuid_column(&row.id, "needs.id")?,
            name: row.name,
            name_locked: row.name_locked != 0,
            terms: serde_json::from_str(&row.terms).map_err(|_| StoreError::Corrupt("needs.terms"))?,
            example_note_id: row
                .example_note_id
                .as_deref()
                .map(|id| uuid_column(id, "needs.example_note_id"))
                .transpose()?,
            note_ids: need_notes.remove(&row.id).unwrap_or_default(),
        };
        needs.entry(row.theme_id).or_default().push(need);
    }
    rows.into_iter()
        .map(|row| {
            let members = notes.remove(&row.id).unwrap_or_default();
            Ok(Theme {
                id: uuid_column(&row.id, "themes.id")?,
                lineage_id: row
                    .lineage_id
                    .as_deref()
                    .map(|id| uuid_column(id, "themes.lineage_id"))
                    .transpose()?,
                name: row.name,
                name_locked: row.name_locked != 0,
                unsorted: row.unsorted != 0,
                terms: serde_json::from_str(&row.terms).map_err(|_| StoreError::Corrupt("themes.terms"))?,
                example_note_id: row
                    .example_note_id
                    .as_deref()
                    .map(|id| uuid_column(id, "themes.example_note_id"))
                    .transpose()?,
                note_ids: members.iter().map(|(id, _)| *id).collect(),
                pinned_note_ids: members.iter().filter(|(_, pinned)| *pinned).map(|(id, _)| *id).collect(),
                // A need whose notes all left (deleted, merged) is not shown.
                needs: needs
                    .remove(&row.id)
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|need| !need.note_ids.is_empty())
                    .collect(),
            })
        })
        .collect()
}

/// Replaces the scope's themes with `themes`, in that order.
pub(crate) async fn write_themes(
    conn: &mut AnyConnection,
    scope: ThemeScope,
    themes: &[Theme],
) -> Result<(), StoreError> {
    let (round_id, workshop_id) = match scope {
        ThemeScope::Workshop(workshop_id) => {
            let (round_id,): (String,) = sqlx::query_as("SELECT round_id FROM workshops WHERE id = $1")
                .bind_id(workshop_id)
                .fetch_one(&mut *conn)
                .await?;
            (uuid_column(&round_id, "workshops.round_id")?, Some(workshop_id))
        }
        ThemeScope::Round(round_id) => (round_id, None),
    };
    let (condition, key) = scope.condition();
    sqlx::query(AssertSqlSafe(format!("DELETE FROM themes AS t WHERE {condition}")))
        .bind_id(key)
        .execute(&mut *conn)
        .await?;
    let now = now_rfc3339();
    for (position, theme) in themes.iter().enumerate() {
        let terms = serde_json::to_string(&theme.terms).map_err(|_| StoreError::Corrupt("themes.terms"))?;
        sqlx::query(
            "INSERT INTO themes (id, lineage_id, round_id, workshop_id, name, name_locked, position, terms,
                                 example_note_id, unsorted, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind_id(theme.id)
        .bind_opt_id(theme.lineage_id)
        .bind_id(round_id)
        .bind_opt_id(workshop_id)
        .bind(&theme.name)
        .bind(i64::from(theme.name_locked))
        .bind(position as i64)
        .bind(terms)
        .bind_opt_id(theme.example_note_id)
        .bind(i64::from(theme.unsorted))
        .bind(&now)
        .bind(&now)
        .execute(&mut *conn)
        .await?;
        for (position, need) in theme.needs.iter().enumerate() {
            let terms = serde_json::to_string(&need.terms).map_err(|_| StoreError::Corrupt("needs.terms"))?;
            sqlx::query(
                "INSERT INTO needs (id, theme_id, name, name_locked, position, terms, example_note_id,
                                    created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind_id(need.id)
            .bind_id(theme.id)
            .bind(&need.name)
            .bind(i64::from(need.name_locked))
            .bind(position as i64)
            .bind(terms)
            .bind_opt_id(need.example_note_id)
            .bind(&now)
            .bind(&now)
            .execute(&mut *conn)
            .await?;
        }
        for note_id in &theme.note_ids {
            // A note deleted since a snapshot was taken is skipped, not an error.
            sqlx::query(
                "INSERT INTO note_themes (theme_id, note_id, pinned, need_id, created_at, updated_at)
                 SELECT $1, id, $2, $3, $4, $5 FROM notes WHERE id = $6",
            )
            .bind_id(theme.id)
            .bind(i64::from(theme.pinned_note_ids.contains(note_id)))
            .bind_opt_id(theme.need_of(*note_id).map(|need| need.id))
            .bind(&now)
            .bind(&now)
            .bind_id(*note_id)
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

/// Saves the themes as they are before a change, keeping the last [`UNDO_DEPTH`].
async fn remember(conn: &mut AnyConnection, workshop_id: WorkshopId) -> Result<Vec<Theme>, StoreError> {
    lock_workshop(&mut *conn, workshop_id).await?;
    let themes = fetch_themes(conn, ThemeScope::Workshop(workshop_id)).await?;
    let json = serde_json::to_string(&themes).map_err(|_| StoreError::Corrupt("theme_snapshots.themes"))?;
    let now = now_rfc3339();
    sqlx::query(
        "INSERT INTO theme_snapshots (workshop_id, themes, created_at, updated_at) VALUES ($1, $2, $3, $4)",
    )
    .bind_id(workshop_id)
    .bind(json)
    .bind(&now)
    .bind(&now)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "DELETE FROM theme_snapshots WHERE workshop_id = $1 AND id NOT IN
           (SELECT id FROM theme_snapshots WHERE workshop_id = $2 ORDER BY id DESC LIMIT $3)",
    )
    .bind_id(workshop_id)
    .bind_id(workshop_id)
    .bind(UNDO_DEPTH)
    .execute(&mut *conn)
    .await?;
    Ok(themes)
}

/// Records that the workshop's themes changed and commits.
async fn themes_changed(
    mut tx: Transaction<'static, Any>,
    workshop_id: WorkshopId,
) -> Result<StoredEvent, StoreError> {
    let event = record_next(&mut tx, workshop_id, Change::ThemesChanged, Audience::Everyone, None).await?;
    tx.commit().await?;
    Ok(event)
}

impl Store {
    /// The workshop's themes in their stored order, with their notes.
    pub async fn workshop_themes(&self, workshop_id: WorkshopId) -> Result<Vec<Theme>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        fetch_themes(&mut conn, ThemeScope::Workshop(workshop_id)).await
    }

    /// Replaces the workshop's themes with `themes` (a clustering result made from `read`,
    /// the themes as they were), undoably. Refused ([`Refusal::ThemesChanged`]) when they are
    /// no longer `read`: a person changed them while the run was working, and the result
    /// would undo their change.
    pub async fn replace_workshop_themes(
        &self,
        workshop_id: WorkshopId,
        read: &[Theme],
        themes: &[Theme],
    ) -> Result<StoredEvent, StoreError> {
        let mut tx = self.write.begin().await?;
        if remember(&mut tx, workshop_id).await? != read {
            return Err(Refusal::ThemesChanged.into());
        }
        write_themes(&mut tx, ThemeScope::Workshop(workshop_id), themes).await?;
        themes_changed(tx, workshop_id).await
    }

    /// Restores the themes as they were before the last change; refused
    /// ([`Refusal::NothingToUndo`]) when none is kept.
    pub async fn undo_themes(&self, workshop_id: WorkshopId) -> Result<StoredEvent, StoreError> {
        let mut tx = self.write.begin().await?;
        // Under the workshop's row lock: two undos at once restore one snapshot and then the
        // one before it, never the same one twice.
        lock_workshop(&mut tx, workshop_id).await?;
        let (id, json): (i64, String) = sqlx::query_as(
            "SELECT id, themes FROM theme_snapshots WHERE workshop_id = $1 ORDER BY id DESC LIMIT 1",
        )
        .bind_id(workshop_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(Refusal::NothingToUndo)?;
        let themes: Vec<Theme> =
            serde_json::from_str(&json).map_err(|_| StoreError::Corrupt("theme_snapshots.themes"))?;
        sqlx::query("DELETE FROM theme_snapshots WHERE id = $1").bind(id).execute(&mut *tx).await?;
        write_themes(&mut tx, ThemeScope::Workshop(workshop_id), &themes).await?;
        themes_changed(tx, workshop_id).await
    }

    /// Tells every open themes view of the workshop that its themes changed (a note in them
    /// was deleted or restored, which changes what they hold without an edit of their own).
    pub async fn announce_themes_changed(&self, workshop_id: WorkshopId) -> Result<StoredEvent, StoreError> {
        let mut tx = self.write.begin().await?;
        lock_workshop(&mut tx, workshop_id).await?;
        themes_changed(tx, workshop_id).await
    }

    /// The workshop a theme belongs to.
    pub async fn theme_workshop(&self, theme_id: ThemeId) -> Result<WorkshopId, StoreError> {
        let (workshop_id,): (Option<String>,) =
            sqlx::query_as("SELECT workshop_id FROM themes WHERE id = $1")
                .bind_id(theme_id)
                .fetch_one(&self.pool)
                .await?;
        uuid_column(&workshop_id.ok_or(StoreError::NotFound)?, "themes.workshop_id")
    }

    /// Renames a theme of `workshop_id` and locks the name. Nothing is pinned: the next run
    /// finds the theme again by the notes it shares (see `carried_names`).
    pub async fn rename_theme(
        &self,
        workshop_id: WorkshopId,
        theme_id: ThemeId,
        name: &str,
    ) -> Result<StoredEvent, StoreError> {
        let mut tx = self.write.begin().await?;
        remember(&mut tx, workshop_id).await?;
        let done = sqlx::query(
            "UPDATE themes SET name = $1, name_locked = 1, updated_at = $2 WHERE id = $3 AND unsorted = 0",
        )
        .bind(name)
        .bind(now_rfc3339())
        .bind_id(theme_id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        themes_changed(tx, workshop_id).await
    }

    /// Applies `edit` to the workshop's themes (see [`crate::nesting`]) and stores the
    /// result, undoably, in one transaction; an error from `edit` leaves everything as it was.
    pub async fn edit_workshop_themes(
        &self,
        workshop_id: WorkshopId,
        edit: impl FnOnce(&mut Vec<Theme>) -> Result<(), StoreError> + Send,
    ) -> Result<StoredEvent, StoreError> {
        let mut tx = self.write.begin().await?;
        remember(&mut tx, workshop_id).await?;
        let mut themes = fetch_themes(&mut tx, ThemeScope::Workshop(workshop_id)).await?;
        edit(&mut themes)?;
        write_themes(&mut tx, ThemeScope::Workshop(workshop_id), &themes).await?;
        themes_changed(tx, workshop_id).await
    }

    /// The names people gave to needs of the workshop's themes that hold no note any more
    /// (their notes were deleted or merged into others): decisions the next run cannot keep.
    pub async fn named_needs_without_notes(
        &self,
        workshop_id: WorkshopId,
    ) -> Result<Vec<String>, StoreError> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT nd.name FROM needs nd JOIN themes t ON t.id = nd.theme_id
             WHERE t.workshop_id = $1 AND nd.name_locked = 1 AND NOT EXISTS
               (SELECT 1 FROM note_themes nt JOIN notes n ON n.id = nt.note_id
                WHERE nt.need_id = nd.id AND n.merged_into IS NULL)
             ORDER BY t.position, nd.position",
        )
        .bind_id(workshop_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(name,)| name).collect())
    }

    /// The workshop a need belongs to (through its theme); [`StoreError::NotFound`] for a
    /// need of a round's themes.
    pub async fn need_workshop(&self, need_id: NeedId) -> Result<WorkshopId, StoreError> {
        let (workshop_id,): (Option<String>,) = sqlx::query_as(
            "SELECT t.workshop_id FROM needs nd JOIN themes t ON t.id = nd.theme_id WHERE nd.id = $1",
        )
        .bind_id(need_id)
        .fetch_one(&self.pool)
        .await?;
        uuid_column(&workshop_id.ok_or(StoreError::NotFound)?, "themes.workshop_id")
    }

    /// Pins a note where it is (a re-run keeps it there), or lets clustering place it again.
    pub async fn set_note_pinned(
        &self,
        workshop_id: WorkshopId,
        note_id: NoteId,
        pinned: bool,
    ) -> Result<StoredEvent, StoreError> {
        let mut tx = self.write.begin().await?;
        remember(&mut tx, workshop_id).await?;
        let done = sqlx::query(
            "UPDATE note_themes SET pinned = $1, updated_at = $2 WHERE note_id = $3
               AND theme_id IN (SELECT id FROM themes WHERE workshop_id = $4 AND unsorted = 0)",
        )
        .bind(i64::from(pinned))
        .bind(now_rfc3339())
        .bind_id(note_id)
        .bind_id(workshop_id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        themes_changed(tx, workshop_id).await
    }

    /// Locks a theme (its name and every note in it stay as they are when clustering runs
    /// again) or unlocks it (clustering may rename it and move its notes).
    pub async fn set_theme_locked(
        &self,
        workshop_id: WorkshopId,
        theme_id: ThemeId,
        locked: bool,
    ) -> Result<StoredEvent, StoreError> {
        let mut tx = self.write.begin().await?;
        remember(&mut tx, workshop_id).await?;
        let now = now_rfc3339();
        let done = sqlx::query(
            "UPDATE themes SET name_locked = $1, updated_at = $2 WHERE id = $3 AND workshop_id = $4 AND unsorted = 0",
        )
        .bind(i64::from(locked))
        .bind(&now)
        .bind_id(theme_id)
        .bind_id(workshop_id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        sqlx::query("UPDATE note_themes SET pinned = $1, updated_at = $2 WHERE theme_id = $3")
            .bind(i64::from(locked))
            .bind(&now)
            .bind_id(theme_id)
            .execute(&mut *tx)
            .await?;
        themes_changed(tx, workshop_id).await
    }

    /// Merges theme `other` into `kept` (both of `workshop_id`): its notes move over, and
    /// every note of the merged theme is pinned so a re-run keeps them together; `kept` keeps
    /// its name.
    pub async fn merge_themes(
        &self,
        workshop_id: WorkshopId,
        kept: ThemeId,
        other: ThemeId,
    ) -> Result<StoredEvent, StoreError> {
        let mut tx = self.write.begin().await?;
        lock_workshop(&mut tx, workshop_id).await?;
        let (count,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM themes WHERE workshop_id = $1 AND unsorted = 0 AND id IN ($2, $3)",
        )
        .bind_id(workshop_id)
        .bind_id(kept)
        .bind_id(other)
        .fetch_one(&mut *tx)
        .await?;
        if count != 2 || kept == other {
            return Err(StoreError::NotFound);
        }
        remember(&mut tx, workshop_id).await?;
        sqlx::query("UPDATE note_themes SET theme_id = $1, pinned = 1 WHERE theme_id = $2")
            .bind_id(kept)
            .bind_id(other)
            .execute(&mut *tx)
            .await?;
        // Every note of the merged theme is placed, the kept theme's own too: pinning only
        // one example of the kept theme let a re-run take its other notes away.
        sqlx::query("UPDATE note_themes SET pinned = 1 WHERE theme_id = $1")
            .bind_id(kept)
            .execute(&mut *tx)
            .await?;
        // The other theme's needs come along, after the kept theme's own.
        sqlx::query(
            "UPDATE needs SET theme_id = $1, position = position + (SELECT COUNT(*) FROM needs WHERE theme_id = $2)
             WHERE theme_id = $3",
        )
        .bind_id(kept)
        .bind_id(kept)
        .bind_id(other)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM themes WHERE id = $1").bind_id(other).execute(&mut *tx).await?;
        themes_changed(tx, workshop_id).await
    }

    /// Splits `theme_id`: the notes of `new_theme` leave for it, placed after the theme,
    /// and the staying part takes `staying_name` (if any); both parts keep their notes
    /// pinned so a re-run respects the split.
    pub async fn split_theme(
        &self,
        workshop_id: WorkshopId,
        theme_id: ThemeId,
        new_theme: &Theme,
        staying_name: Option<&str>,
    ) -> Result<StoredEvent, StoreError> {
        let mut tx = self.write.begin().await?;
        remember(&mut tx, workshop_id).await?;
        let mut themes = fetch_themes(&mut tx, ThemeScope::Workshop(workshop_id)).await?;
        let position =
            themes.iter().position(|t| t.id == theme_id && !t.unsorted).ok_or(StoreError::NotFound)?;
        let original = &mut themes[position];
        crate::nesting::keep_notes_except(original, &new_theme.note_ids);
        original.pinned_note_ids = original.note_ids.clone();
        if let Some(name) = staying_name {
            original.name = name.to_owned();
        }
        themes.insert(position + 1, new_theme.clone());
        write_themes(&mut tx, ThemeScope::Workshop(workshop_id), &themes).await?;
        themes_changed(tx, workshop_id).await
    }
}

impl From<crate::nesting::EditError> for StoreError {
    fn from(err: crate::nesting::EditError) -> Self {
        match err {
            crate::nesting::EditError::UnknownTarget => StoreError::NotFound,
        }
    }
}
