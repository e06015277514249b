//! Themes of a workshop and which notes they hold.

use std::collections::HashMap;

use app::live::Change;
use app::model::Theme;
use sqlx::{Sqlite, Transaction};
use uuid::Uuid;

use super::events::record_next;
use super::{Store, StoreError, StoredEvent, now_rfc3339, uuid_column};

#[derive(sqlx::FromRow)]
struct ThemeRow {
    id: String,
    name: String,
    name_locked: bool,
    unsorted: bool,
    terms: String,
    example_note_id: Option<String>,
}

/// Records that the workshop's themes changed and commits.
async fn themes_changed(
    mut tx: Transaction<'static, Sqlite>,
    workshop_id: &str,
) -> Result<StoredEvent, StoreError> {
    let workshop_id = uuid_column(workshop_id, "themes.workshop_id")?;
    let event = record_next(&mut tx, workshop_id, Change::ThemesChanged, None, None).await?;
    tx.commit().await?;
    Ok(event)
}

impl Store {
    /// The workshop's themes in their stored order, with their notes.
    pub async fn workshop_themes(&self, workshop_id: Uuid) -> Result<Vec<Theme>, StoreError> {
        let rows: Vec<ThemeRow> = sqlx::query_as(
            "SELECT id, name, name_locked, unsorted, terms, example_note_id FROM themes
             WHERE workshop_id = ? ORDER BY position, id",
        )
        .bind(workshop_id.to_string())
        .fetch_all(&self.pool)
        .await?;
        let members: Vec<(String, String, bool)> = sqlx::query_as(
            "SELECT nt.theme_id, nt.note_id, nt.pinned FROM note_themes nt
             JOIN themes t ON t.id = nt.theme_id JOIN notes n ON n.id = nt.note_id
             WHERE t.workshop_id = ? AND n.merged_into IS NULL ORDER BY n.seq",
        )
        .bind(workshop_id.to_string())
        .fetch_all(&self.pool)
        .await?;
        let mut notes: HashMap<String, Vec<(Uuid, bool)>> = HashMap::new();
        for (theme_id, note_id, pinned) in members {
            notes.entry(theme_id).or_default().push((uuid_column(&note_id, "note_themes.note_id")?, pinned));
        }
        rows.into_iter()
            .map(|row| {
                let members = notes.remove(&row.id).unwrap_or_default();
                Ok(Theme {
                    id: uuid_column(&row.id, "themes.id")?,
                    name: row.name,
                    name_locked: row.name_locked,
                    unsorted: row.unsorted,
                    terms: serde_json::from_str(&row.terms)
                        .map_err(|_| StoreError::Corrupt("themes.terms"))?,
                    example_note_id: row
                        .example_note_id
                        .as_deref()
                        .map(|id| uuid_column(id, "themes.example_note_id"))
                        .transpose()?,
                    note_ids: members.iter().map(|(id, _)| *id).collect(),
                    pinned_note_ids: members
                        .iter()
                        .filter(|(_, pinned)| *pinned)
                        .map(|(id, _)| *id)
                        .collect(),
                })
            })
            .collect()
    }

    /// Replaces the workshop's themes with `themes` (in that order) in one transaction.
    pub async fn replace_workshop_themes(
        &self,
        workshop_id: Uuid,
        themes: &[Theme],
    ) -> Result<StoredEvent, StoreError> {
        let mut tx = self.write.begin().await?;
        let (round_id,): (String,) = sqlx::query_as("SELECT round_id FROM workshops WHERE id = ?")
            .bind(workshop_id.to_string())
            .fetch_one(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM themes WHERE workshop_id = ?")
            .bind(workshop_id.to_string())
            .execute(&mut *tx)
            .await?;
        let now = now_rfc3339();
        for (position, theme) in themes.iter().enumerate() {
            let terms =
                serde_json::to_string(&theme.terms).map_err(|_| StoreError::Corrupt("themes.terms"))?;
            sqlx::query(
                "INSERT INTO themes (id, round_id, workshop_id, name, name_locked, position, terms,
                                     example_note_id, unsorted, created_at, updated_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(theme.id.to_string())
            .bind(&round_id)
            .bind(workshop_id.to_string())
            .bind(&theme.name)
            .bind(theme.name_locked)
            .bind(position as i64)
            .bind(terms)
            .bind(theme.example_note_id.map(|id| id.to_string()))
            .bind(theme.unsorted)
            .bind(&now)
            .bind(&now)
            .execute(&mut *tx)
            .await?;
            for note_id in &theme.note_ids {
                sqlx::query(
                    "INSERT INTO note_themes (theme_id, note_id, pinned, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                )
                .bind(theme.id.to_string())
                .bind(note_id.to_string())
                .bind(theme.pinned_note_ids.contains(note_id))
                .bind(&now)
                .bind(&now)
                .execute(&mut *tx)
                .await?;
            }
        }
        themes_changed(tx, &workshop_id.to_string()).await
    }

    /// The workshop a theme belongs to.
    pub async fn theme_workshop(&self, theme_id: Uuid) -> Result<Uuid, StoreError> {
        let (workshop_id,): (Option<String>,) = sqlx::query_as("SELECT workshop_id FROM themes WHERE id = ?")
            .bind(theme_id.to_string())
            .fetch_one(&self.pool)
            .await?;
        uuid_column(&workshop_id.ok_or(StoreError::NotFound)?, "themes.workshop_id")
    }

    /// Renames a theme and locks the name; its central note is pinned so the theme is found
    /// again by the next run.
    pub async fn rename_theme(&self, theme_id: Uuid, name: &str) -> Result<StoredEvent, StoreError> {
        let mut tx = self.write.begin().await?;
        let (workshop_id,): (String,) = sqlx::query_as(
            "UPDATE themes SET name = ?, name_locked = 1, updated_at = ? WHERE id = ? AND unsorted = 0
             RETURNING workshop_id",
        )
        .bind(name)
        .bind(now_rfc3339())
        .bind(theme_id.to_string())
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE note_themes SET pinned = 1 WHERE theme_id = ?
               AND note_id = (SELECT example_note_id FROM themes WHERE id = ?)",
        )
        .bind(theme_id.to_string())
        .bind(theme_id.to_string())
        .execute(&mut *tx)
        .await?;
        themes_changed(tx, &workshop_id).await
    }

    /// Moves a note into `theme_id` (out of any other theme of the workshop) and pins it.
    /// [`StoreError::NotFound`] if the note and theme are not of one workshop.
    pub async fn move_note_to_theme(&self, note_id: Uuid, theme_id: Uuid) -> Result<StoredEvent, StoreError> {
        let mut tx = self.write.begin().await?;
        let same: Option<(String,)> = sqlx::query_as(
            "SELECT t.workshop_id FROM themes t JOIN notes n ON n.workshop_id = t.workshop_id
             WHERE t.id = ? AND n.id = ?",
        )
        .bind(theme_id.to_string())
        .bind(note_id.to_string())
        .fetch_optional(&mut *tx)
        .await?;
        let (workshop_id,) = same.ok_or(StoreError::NotFound)?;
        sqlx::query(
            "DELETE FROM note_themes WHERE note_id = ?
               AND theme_id IN (SELECT id FROM themes WHERE workshop_id = ?)",
        )
        .bind(note_id.to_string())
        .bind(&workshop_id)
        .execute(&mut *tx)
        .await?;
        let now = now_rfc3339();
        sqlx::query("INSERT INTO note_themes (theme_id, note_id, pinned, created_at, updated_at) VALUES (?, ?, 1, ?, ?)")
            .bind(theme_id.to_string())
            .bind(note_id.to_string())
            .bind(&now)
            .bind(&now)
            .execute(&mut *tx)
            .await?;
        themes_changed(tx, &workshop_id).await
    }
}
