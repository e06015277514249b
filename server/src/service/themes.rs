//! Themes: clustering a workshop's notes into needs nested in themes, and the facilitator's
//! changes to the result at both grains, which the next run keeps (renamed themes and
//! needs, locked themes, placed notes).

use std::collections::{HashMap, HashSet};

use app::api::ports::Themes;
use app::error::AppError;
use app::model::account::User;
use app::model::ids::{NeedId, NoteId, ThemeId, WorkshopId};
use app::model::retention::AuditDetail;
use app::model::{Need, RoomTheme, Theme};
use async_trait::async_trait;

mod carried_names;
mod kept_decisions;
use crate::access::visibility;
use crate::clustering::{self, Clustering, Constraints, LockedNeed, LockedTheme, NeedPin, Pin, Settings};
use crate::nesting;
use crate::service::Service;
use crate::service::engine::{
    RUN_ATTEMPTS, clustering_inputs, ids as engine_ids, needs_from, parse_or_new, split_off,
};
use crate::store::{NoteText, Refusal, ReportSource, StoreError, Viewer};

/// A clustering run's result, not yet stored.
struct Run {
    /// The themes it started from.
    read: Vec<Theme>,
    /// The themes it makes.
    themes: Vec<Theme>,
    /// The decisions of `read` it could not keep.
    dropped: kept_decisions::Dropped,
}

#[async_trait]
impl Themes for Service {
    async fn themes(&self, caller: &User, workshop_id: WorkshopId) -> Result<Vec<Theme>, AppError> {
        self.owned_workshop(caller, workshop_id).await?;
        Ok(self.store().workshop_themes(workshop_id).await?)
    }

    async fn room_themes(&self, caller: &User, workshop_id: WorkshopId) -> Result<Vec<RoomTheme>, AppError> {
        self.owned_workshop(caller, workshop_id).await?;
        let themes = self.store().workshop_themes(workshop_id).await?;
        let visible = self.store().notes(workshop_id, Viewer::Presenter).await?;
        Ok(visibility::room_themes(&themes, &visible))
    }

    async fn run_clustering(
        &self,
        caller: &User,
        workshop_id: WorkshopId,
        granularity: f32,
        need_granularity: Option<f32>,
    ) -> Result<Vec<Theme>, AppError> {
        let workshop = self.owned_workshop(caller, workshop_id).await?.workshop;
        // A person may change the board while a run works on it (on a large board that takes
        // a moment): the store then refuses the result, which would undo their change, and the
        // run starts again from it, a few times at most.
        let mut attempt = 1;
        let (run, event) = loop {
            let run = self.cluster_workshop(workshop_id, granularity, need_granularity).await?;
            match self.store().replace_workshop_themes(workshop_id, &run.read, &run.themes).await {
                Ok(event) => break (run, event),
                Err(StoreError::Refused(Refusal::ThemesChanged)) if attempt < RUN_ATTEMPTS => attempt += 1,
                Err(err) => return Err(err.into()),
            }
        };
        self.publish(event);
        let Run { themes, dropped, .. } = run;
        if !dropped.is_empty() {
            let detail = AuditDetail::DecisionsDropped {
                workshop: workshop.title.clone(),
                placed_notes: dropped.placed_notes,
                names: dropped.names,
            };
            tracing::info!(workshop = %workshop_id, ?detail, "a re-run dropped decisions it could not keep");
            self.store().record_act(workshop.round_id, &caller.email, &detail).await?;
        }
        Ok(themes)
    }

    async fn rename_theme(&self, caller: &User, theme_id: ThemeId, name: String) -> Result<(), AppError> {
        let workshop_id = self.facilitated_theme(caller, theme_id).await?;
        let event = self.store().rename_theme(workshop_id, theme_id, &name).await?;
        self.publish(event);
        Ok(())
    }

    async fn move_note(&self, caller: &User, note_id: NoteId, theme_id: ThemeId) -> Result<(), AppError> {
        let workshop_id = self.facilitated_theme(caller, theme_id).await?;
        let text = self.workshop_note_text(workshop_id, note_id).await?;
        let new_need = NeedId::random();
        let event = self
            .store()
            .edit_workshop_themes(workshop_id, move |themes| {
                Ok(nesting::move_to_theme(themes, note_id, &text, theme_id, new_need)?)
            })
            .await?;
        self.publish(event);
        Ok(())
    }

    async fn rename_need(&self, caller: &User, need_id: NeedId, name: String) -> Result<(), AppError> {
        let workshop_id = self.facilitated_need(caller, need_id).await?;
        let event = self
            .store()
            .edit_workshop_themes(workshop_id, move |themes| {
                Ok(nesting::rename_need(themes, need_id, &name)?)
            })
            .await?;
        self.publish(event);
        Ok(())
    }

    async fn move_note_to_need(
        &self,
        caller: &User,
        note_id: NoteId,
        need_id: NeedId,
    ) -> Result<(), AppError> {
        let workshop_id = self.facilitated_need(caller, need_id).await?;
        self.workshop_note_text(workshop_id, note_id).await?;
        let event = self
            .store()
            .edit_workshop_themes(workshop_id, move |themes| {
                Ok(nesting::move_to_need(themes, note_id, need_id)?)
            })
            .await?;
        self.publish(event);
        Ok(())
    }

    async fn split_need(&self, caller: &User, need_id: NeedId, leaving: Vec<NoteId>) -> Result<(), AppError> {
        let workshop_id = self.facilitated_need(caller, need_id).await?;
        let themes = self.store().workshop_themes(workshop_id).await?;
        let need =
            themes.iter().flat_map(|t| &t.needs).find(|n| n.id == need_id).ok_or(AppError::NotFound)?;
        let moved: Vec<NoteId> = need.note_ids.iter().filter(|id| leaving.contains(id)).copied().collect();
        // Some of its notes, not all: a split leaves two needs.
        let Some(&first) = moved.first().filter(|_| moved.len() < need.note_ids.len()) else {
            return Err(AppError::TooFewToSplit);
        };
        let text = self.workshop_note_text(workshop_id, first).await?;
        let new_need = NeedId::random();
        let event = self
            .store()
            .edit_workshop_themes(workshop_id, move |themes| {
                Ok(nesting::split_need(themes, need_id, &moved, new_need, &text)?)
            })
            .await?;
        self.publish(event);
        Ok(())
    }

    async fn pin_note(&self, caller: &User, note_id: NoteId, pinned: bool) -> Result<(), AppError> {
        let workshop_id = self.store().note_ownership(note_id).await?.workshop_id;
        self.owned_workshop(caller, workshop_id).await?;
        let event = self.store().set_note_pinned(workshop_id, note_id, pinned).await?;
        self.publish(event);
        Ok(())
    }

    async fn lock_theme(&self, caller: &User, theme_id: ThemeId, locked: bool) -> Result<(), AppError> {
        let workshop_id = self.facilitated_theme(caller, theme_id).await?;
        let event = self.store().set_theme_locked(workshop_id, theme_id, locked).await?;
        self.publish(event);
        Ok(())
    }

    async fn merge_themes(&self, caller: &User, kept: ThemeId, other: ThemeId) -> Result<(), AppError> {
        let workshop_id = self.facilitated_theme(caller, kept).await?;
        let event = self.store().merge_themes(workshop_id, kept, other).await?;
        self.publish(event);
        Ok(())
    }

    async fn split_theme(&self, caller: &User, theme_id: ThemeId) -> Result<(), AppError> {
        let workshop_id = self.facilitated_theme(caller, theme_id).await?;
        let themes = self.store().workshop_themes(workshop_id).await?;
        let theme = themes.into_iter().find(|t| t.id == theme_id && !t.unsorted).ok_or(AppError::NotFound)?;
        let notes = self.store().notes(workshop_id, Viewer::Facilitator).await?;
        let members: Vec<NoteText> =
            notes.iter().filter(|note| theme.note_ids.contains(&note.id)).map(NoteText::from).collect();
        let vectors = self.vectors_of(ReportSource::Workshop(workshop_id), &members).await?;
        let inputs = clustering_inputs(&members, &vectors);
        let split = tokio::task::spawn_blocking(move || split_off(&theme, &inputs))
            .await
            .map_err(|_| AppError::Internal)??;
        let event = self
            .store()
            .split_theme(workshop_id, theme_id, &split.part, split.staying_name.as_deref())
            .await?;
        self.publish(event);
        Ok(())
    }

    async fn undo_themes(&self, caller: &User, workshop_id: WorkshopId) -> Result<(), AppError> {
        self.owned_workshop(caller, workshop_id).await?;
        let event = self.store().undo_themes(workshop_id).await?;
        self.publish(event);
        Ok(())
    }

    fn semantic_grouping(&self) -> bool {
        self.embeddings().is_on()
    }
}

impl Service {
    /// One clustering run of the workshop's notes from its themes as they are now, not yet
    /// stored.
    async fn cluster_workshop(
        &self,
        workshop_id: WorkshopId,
        granularity: f32,
        need_granularity: Option<f32>,
    ) -> Result<Run, AppError> {
        let notes = self.store().notes(workshop_id, Viewer::Facilitator).await?;
        let previous = self.store().workshop_themes(workshop_id).await?;
        // Locked themes are kept as they are, outside the run: none of their notes is
        // clustered, and no other note can join them.
        let (locked, open): (Vec<Theme>, Vec<Theme>) = previous.iter().cloned().partition(Theme::is_locked);
        let in_locked: HashSet<NoteId> =
            locked.iter().flat_map(|theme| theme.note_ids.iter().copied()).collect();
        let visible: Vec<NoteText> = notes
            .iter()
            .filter(|note| !note.hidden && !in_locked.contains(&note.id))
            .map(NoteText::from)
            .collect();
        let hidden: HashSet<NoteId> = notes.iter().filter(|note| note.hidden).map(|note| note.id).collect();
        let clustered: HashSet<NoteId> = visible.iter().map(|note| note.id).collect();
        let vectors = self.vectors_of(ReportSource::Workshop(workshop_id), &visible).await?;
        let inputs = clustering_inputs(&visible, &vectors);
        let emptied_names = self.store().named_needs_without_notes(workshop_id).await?;
        let constraints = constraints_from(&open, &clustered);
        let settings = with_need_granularity(Settings::with_granularity(granularity), need_granularity);
        // Clustering is CPU work: keep it off the threads that serve requests.
        let mut result =
            tokio::task::spawn_blocking(move || clustering::cluster(&inputs, &settings, &constraints))
                .await
                .map_err(|err| {
                    tracing::error!(error = %err, "clustering failed");
                    AppError::Internal
                })?;
        carried_names::carry_ids(&mut result, &open, &clustered.iter().map(NoteId::to_string).collect());
        let mut themes = themes_from(result, &open);
        let existing: HashSet<NoteId> = notes.iter().map(|note| note.id).collect();
        themes.extend(locked.iter().filter_map(|theme| kept_decisions::as_locked(theme, &existing)));
        // Largest first as the engine gives them (a stable sort keeps its order among
        // equals), the unsorted notes last.
        themes.sort_by_key(|theme| (theme.unsorted, std::cmp::Reverse(theme.note_ids.len())));
        let lost = kept_decisions::keep_placements(&mut themes, &previous, &hidden, &clustered);
        let mut dropped = kept_decisions::dropped(&themes, &previous, lost);
        dropped.names.extend(emptied_names);
        Ok(Run { read: previous, themes, dropped })
    }

    /// The sentence vectors of `notes` (all in `source`) by note id, for clustering and
    /// matching; none without the model (see [`crate::embedding::Embeddings::vectors_for`]).
    pub(crate) async fn vectors_of(
        &self,
        source: ReportSource,
        notes: &[NoteText],
    ) -> Result<HashMap<NoteId, Vec<f32>>, AppError> {
        let vectors = self.embeddings().vectors_for(self.store(), source, notes).await?;
        Ok(vectors.unwrap_or_default())
    }

    /// The workshop of a need the caller facilitates.
    async fn facilitated_need(&self, caller: &User, need_id: NeedId) -> Result<WorkshopId, AppError> {
        let workshop_id = self.store().need_workshop(need_id).await?;
        self.owned_workshop(caller, workshop_id).await?;
        Ok(workshop_id)
    }

    /// The text of a note of `workshop_id`; [`AppError::NotFound`] for a note of another.
    async fn workshop_note_text(&self, workshop_id: WorkshopId, note_id: NoteId) -> Result<String, AppError> {
        let notes = self.store().notes(workshop_id, Viewer::Facilitator).await?;
        notes.into_iter().find(|note| note.id == note_id).map(|note| note.text).ok_or(AppError::NotFound)
    }

    /// The workshop of a theme the caller facilitates.
    async fn facilitated_theme(&self, caller: &User, theme_id: ThemeId) -> Result<WorkshopId, AppError> {
        let workshop_id = self.store().theme_workshop(theme_id).await?;
        self.owned_workshop(caller, workshop_id).await?;
        Ok(workshop_id)
    }
}

/// What people decided before, at both grains: notes they placed (kept in their theme and
/// in their need) and names they gave to themes and needs. A named theme, and a theme a
/// hidden note was placed in, is also held by its anchor (see [`anchor_note`]), for this
/// run only: nothing is marked placed, but the engine cannot fold the theme into another
/// one a decision holds, which would lose its name or the hidden note's place.
fn constraints_from(previous: &[Theme], clustered: &HashSet<NoteId>) -> Constraints {
    let mut constraints = Constraints::default();
    for theme in previous.iter().filter(|theme| !theme.unsorted) {
        let theme_id = theme.id.to_string();
        // A theme a note was placed in (hidden or not) or a person named stays the theme
        // they saw: the one around its example, not whichever group the placed note lands in.
        let anchored = theme.name_locked || !theme.pinned_note_ids.is_empty();
        if let Some(anchor) =
            anchor_note(theme.example_note_id, &theme.note_ids, clustered).filter(|_| anchored)
        {
            constraints.pins.push(Pin { note_id: anchor.to_string(), theme_id: theme_id.clone() });
        }
        for note in &theme.pinned_note_ids {
            constraints.pins.push(Pin { note_id: note.to_string(), theme_id: theme_id.clone() });
            if let Some(need) = theme.need_of(*note) {
                constraints
                    .need_pins
                    .push(NeedPin { note_id: note.to_string(), need_id: need.id.to_string() });
            }
        }
        // Likewise a need a note was placed in: the note stays with the notes it was put with.
        for need in
            theme.needs.iter().filter(|need| need.note_ids.iter().any(|n| theme.pinned_note_ids.contains(n)))
        {
            if let Some(anchor) = anchor_note(need.example_note_id, &need.note_ids, clustered) {
                constraints.pins.push(Pin { note_id: anchor.to_string(), theme_id: theme_id.clone() });
                constraints
                    .need_pins
                    .push(NeedPin { note_id: anchor.to_string(), need_id: need.id.to_string() });
            }
        }
        if theme.name_locked {
            constraints.locked.push(LockedTheme { theme_id: theme_id.clone(), name: theme.name.clone() });
        }
        for need in theme.needs.iter().filter(|need| need.name_locked) {
            constraints
                .locked_needs
                .push(LockedNeed { need_id: need.id.to_string(), name: need.name.clone() });
        }
    }
    constraints
}

/// The note a theme or need (its `example` and `notes`) is found again by, for one run: its
/// example note (what its name describes best), else its first note in this run; `None`
/// when none of its notes is clustered.
fn anchor_note(example: Option<NoteId>, notes: &[NoteId], clustered: &HashSet<NoteId>) -> Option<NoteId> {
    let example = example.filter(|id| clustered.contains(id) && notes.contains(id));
    example.or_else(|| notes.iter().find(|id| clustered.contains(*id)).copied())
}

/// The engine's themes as stored themes: a theme or need that carries earlier decisions
/// keeps its id (so links and reports stay stable), its locked name and its pins.
fn themes_from(result: Clustering, previous: &[Theme]) -> Vec<Theme> {
    let earlier_needs: Vec<&Need> = previous.iter().flat_map(|theme| &theme.needs).collect();
    result
        .themes
        .into_iter()
        .map(|theme| {
            let id: ThemeId = parse_or_new(theme.id.as_deref());
            let before = previous.iter().find(|p| p.id == id);
            let note_ids: Vec<NoteId> = engine_ids::read_all(&theme.note_ids, "a theme's note");
            let pinned_note_ids = before
                .map(|b| b.pinned_note_ids.iter().filter(|id| note_ids.contains(id)).copied().collect())
                .unwrap_or_default();
            let name_locked = before.is_some_and(|b| b.name_locked);
            // A theme keeps its example while it holds it: the note it is anchored by (see
            // `anchor_note`), so it does not drift to notes a coarse run added.
            let engine_example = engine_ids::read(&theme.example_note_id, "a theme's example");
            let example_note_id =
                before.and_then(|b| b.example_note_id).filter(|id| note_ids.contains(id)).or(engine_example);
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
                example_note_id,
                note_ids,
                pinned_note_ids,
                needs: needs_from(theme.needs, &earlier_needs),
            }
        })
        .collect()
}

/// `settings` with the need grain of a slider from 0.0 (fewer, broader needs) to 1.0 (more,
/// narrower ones): both need thresholds scale from half to twice their defaults (at twice,
/// needs of one theme barely merge: about one per note on a workshop); `None` keeps the
/// default.
fn with_need_granularity(settings: Settings, granularity: Option<f32>) -> Settings {
    let Some(g) = granularity.filter(|g| g.is_finite()) else { return settings };
    let scale = 2f32.powf(2.0 * g.clamp(0.0, 1.0) - 1.0);
    let defaults = Settings::default();
    Settings {
        need_threshold: defaults.need_threshold * scale,
        need_merge_threshold: defaults.need_merge_threshold * scale,
        ..settings
    }
}
