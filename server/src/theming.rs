//! Themes: clustering a workshop's notes, and the facilitator's changes to the result,
//! which the next run keeps (renamed themes and placed notes).

use app::account::User;
use app::error::AppError;
use app::model::Theme;
use app::ports::Themes;
use async_trait::async_trait;
use uuid::Uuid;

use crate::clustering::{self, Clustering, Constraints, LockedTheme, NoteInput, Pin, Settings};
use crate::service::{Service, internal};
use crate::store::{StoreError, Viewer};

#[async_trait]
impl Themes for Service {
    async fn themes(&self, caller: &User, workshop_id: Uuid) -> Result<Vec<Theme>, AppError> {
        self.owned_workshop(caller, workshop_id).await?;
        self.store().workshop_themes(workshop_id).await.map_err(internal)
    }

    async fn run_clustering(
        &self,
        caller: &User,
        workshop_id: Uuid,
        granularity: f32,
    ) -> Result<Vec<Theme>, AppError> {
        self.owned_workshop(caller, workshop_id).await?;
        let notes = self.store().notes(workshop_id, Viewer::Facilitator).await.map_err(internal)?;
        let inputs: Vec<NoteInput> = notes
            .iter()
            .filter(|note| !note.hidden)
            .map(|note| NoteInput::new(note.id.to_string(), note.text.clone()))
            .collect();
        let previous = self.store().workshop_themes(workshop_id).await.map_err(internal)?;
        let constraints = constraints_from(&previous);
        let settings = Settings::with_granularity(granularity);
        // Clustering is CPU work: keep it off the threads that serve requests.
        let result =
            tokio::task::spawn_blocking(move || clustering::cluster(&inputs, &settings, &constraints))
                .await
                .map_err(|err| {
                    tracing::error!(error = %err, "clustering failed");
                    AppError::Internal
                })?;
        let themes = themes_from(result, &previous);
        let event = self.store().replace_workshop_themes(workshop_id, &themes).await.map_err(internal)?;
        self.publish(event);
        Ok(themes)
    }

    async fn rename_theme(&self, caller: &User, theme_id: Uuid, name: String) -> Result<(), AppError> {
        let workshop_id = self.facilitated_theme(caller, theme_id).await?;
        let event = self.store().rename_theme(workshop_id, theme_id, &name).await.map_err(internal)?;
        self.publish(event);
        Ok(())
    }

    async fn move_note(&self, caller: &User, note_id: Uuid, theme_id: Uuid) -> Result<(), AppError> {
        let workshop_id = self.facilitated_theme(caller, theme_id).await?;
        let event =
            self.store().move_note_to_theme(workshop_id, note_id, theme_id).await.map_err(internal)?;
        self.publish(event);
        Ok(())
    }

    async fn pin_note(&self, caller: &User, note_id: Uuid, pinned: bool) -> Result<(), AppError> {
        let workshop_id = self.store().note_ownership(note_id).await.map_err(internal)?.workshop_id;
        self.owned_workshop(caller, workshop_id).await?;
        let event = self.store().set_note_pinned(workshop_id, note_id, pinned).await.map_err(internal)?;
        self.publish(event);
        Ok(())
    }

    async fn lock_theme(&self, caller: &User, theme_id: Uuid, locked: bool) -> Result<(), AppError> {
        let workshop_id = self.facilitated_theme(caller, theme_id).await?;
        let event = self.store().set_theme_locked(workshop_id, theme_id, locked).await.map_err(internal)?;
        self.publish(event);
        Ok(())
    }

    async fn merge_themes(&self, caller: &User, kept: Uuid, other: Uuid) -> Result<(), AppError> {
        let workshop_id = self.facilitated_theme(caller, kept).await?;
        let event = self.store().merge_themes(workshop_id, kept, other).await.map_err(internal)?;
        self.publish(event);
        Ok(())
    }

    async fn split_theme(&self, caller: &User, theme_id: Uuid) -> Result<(), AppError> {
        let workshop_id = self.facilitated_theme(caller, theme_id).await?;
        let themes = self.store().workshop_themes(workshop_id).await.map_err(internal)?;
        let theme = themes.into_iter().find(|t| t.id == theme_id && !t.unsorted).ok_or(AppError::NotFound)?;
        let notes = self.store().notes(workshop_id, Viewer::Facilitator).await.map_err(internal)?;
        let inputs: Vec<NoteInput> = notes
            .iter()
            .filter(|note| theme.note_ids.contains(&note.id))
            .map(|note| NoteInput::new(note.id.to_string(), note.text.clone()))
            .collect();
        if inputs.len() < 2 {
            return Err(AppError::TooFewToSplit);
        }
        // Two themes asked for, every note placed: the smaller part becomes the new theme.
        let settings = Settings { target_themes: Some(2), min_theme_size: 1, ..Settings::default() };
        let result = tokio::task::spawn_blocking(move || {
            clustering::cluster(&inputs, &settings, &Constraints::default())
        })
        .await
        .map_err(|_| AppError::Internal)?;
        let mut parts: Vec<clustering::Theme> =
            result.themes.into_iter().filter(|t| !t.note_ids.is_empty()).collect();
        parts.sort_by_key(|t| std::cmp::Reverse(t.note_ids.len()));
        let part = match parts.get(1) {
            Some(part) => part.clone(),
            // Clustering saw one topic: split off the half furthest from the example.
            None => {
                let ids = &theme.note_ids;
                let half: Vec<String> = ids[ids.len() / 2..].iter().map(Uuid::to_string).collect();
                clustering::Theme { note_ids: half, ..parts.first().cloned().ok_or(AppError::TooFewToSplit)? }
            }
        };
        let note_ids: Vec<Uuid> = part.note_ids.iter().filter_map(|id| Uuid::parse_str(id).ok()).collect();
        let new_theme = Theme {
            id: Uuid::new_v4(),
            lineage_id: None,
            name: part.name,
            name_locked: false,
            unsorted: false,
            terms: part.terms,
            example_note_id: Uuid::parse_str(&part.example_note_id).ok().filter(|id| note_ids.contains(id)),
            pinned_note_ids: note_ids.clone(),
            note_ids,
        };
        let event = self.store().split_theme(workshop_id, theme_id, &new_theme).await.map_err(internal)?;
        self.publish(event);
        Ok(())
    }

    async fn undo_themes(&self, caller: &User, workshop_id: Uuid) -> Result<(), AppError> {
        self.owned_workshop(caller, workshop_id).await?;
        let event = self.store().undo_themes(workshop_id).await.map_err(|err| match err {
            StoreError::NotFound => AppError::NothingToUndo,
            other => internal(other),
        })?;
        self.publish(event);
        Ok(())
    }
}

impl Service {
    /// The workshop of a theme the caller facilitates.
    async fn facilitated_theme(&self, caller: &User, theme_id: Uuid) -> Result<Uuid, AppError> {
        let workshop_id = self.store().theme_workshop(theme_id).await.map_err(internal)?;
        self.owned_workshop(caller, workshop_id).await?;
        Ok(workshop_id)
    }
}

/// What people decided before: notes they placed and names they gave.
fn constraints_from(previous: &[Theme]) -> Constraints {
    let themes = previous.iter().filter(|theme| !theme.unsorted);
    Constraints {
        pins: themes
            .clone()
            .flat_map(|theme| {
                theme
                    .pinned_note_ids
                    .iter()
                    .map(|note| Pin { note_id: note.to_string(), theme_id: theme.id.to_string() })
            })
            .collect(),
        locked: themes
            .filter(|theme| theme.name_locked)
            .map(|theme| LockedTheme { theme_id: theme.id.to_string(), name: theme.name.clone() })
            .collect(),
        ..Constraints::default()
    }
}

/// The engine's themes as stored themes: a theme that carries earlier decisions keeps its
/// id (so links and reports stay stable), its locked name and its pins.
fn themes_from(result: Clustering, previous: &[Theme]) -> Vec<Theme> {
    result
        .themes
        .into_iter()
        .map(|theme| {
            let id = theme.id.as_deref().and_then(|id| Uuid::parse_str(id).ok()).unwrap_or_else(Uuid::new_v4);
            let before = previous.iter().find(|p| p.id == id);
            let note_ids: Vec<Uuid> =
                theme.note_ids.iter().filter_map(|id| Uuid::parse_str(id).ok()).collect();
            let pinned_note_ids = before
                .map(|b| b.pinned_note_ids.iter().filter(|id| note_ids.contains(id)).copied().collect())
                .unwrap_or_default();
            let name_locked = before.is_some_and(|b| b.name_locked);
            Theme {
                id,
                lineage_id: None,
                name: if name_locked {
                    before.map(|b| b.name.clone()).unwrap_or(theme.name)
                } else {
                    theme.name
                },
                name_locked,
                unsorted: theme.unsorted,
                terms: theme.terms,
                example_note_id: Uuid::parse_str(&theme.example_note_id).ok(),
                note_ids,
                pinned_note_ids,
            }
        })
        .collect()
}
