//! Revision reports: a workshop's or a round's themes with their notes, and the round-wide
//! clustering that the analyst's view and the comparison with the previous round rest on.

use std::collections::HashMap;
use std::sync::Arc;

use app::api::ports::{Reports, Workshops};
use app::error::AppError;
use app::model::Theme;
use app::model::account::User;
use app::model::ids::{NoteId, PriorityTargetId, RoundId, ThemeId, WorkshopId};
use app::model::report::{
    Continuity, PriorityKind, REPORT_FORMAT_VERSION, Report, ReportNeed, ReportNote, ReportScope,
    ReportTheme, ReportWorkshop, RoundAnalysis, RoundRef, Support, ThemeVoteDots, VotedTheme,
    credit_theme_votes, notes_present, priority_areas,
};
use async_trait::async_trait;

use crate::access::authz::Access;
use crate::clustering::{self, MATCH_THRESHOLD, MatchNote};
#[cfg(test)]
mod fixtures;
mod name_origin;
pub(crate) mod previous_round;
mod priority_marks;
pub mod rebuild;
pub(crate) mod round_cache;
pub mod round_themes;
use self::name_origin::NameOrigins;
use self::round_cache::RoundInputs;
use self::round_themes::Earlier;
use crate::service::Service;
use crate::service::engine::{RUN_ATTEMPTS, clustering_inputs, split_off};
use crate::store::{NoteText, Refusal, ReportSource, RoundRecord, StoreError, now};

#[async_trait]
impl Reports for Service {
    async fn workshop_report(&self, caller: &User, workshop_id: WorkshopId) -> Result<Report, AppError> {
        // Reading: analysts the round is shared with export it too.
        let record = self.workshop_with(caller, workshop_id, Access::Read).await?;
        let store = self.store();
        let source = ReportSource::Workshop(workshop_id);
        let notes = store.report_notes(source).await?;
        let themes = store.workshop_themes(workshop_id).await?;
        let workshops = store.report_workshops(source).await?;
        let names = NameOrigins::of_workshop(workshops.iter().find(|w| w.id == workshop_id));
        let mut themes = report_themes(&themes, &notes, |_| Continuity::NotCompared, &names);
        credit_theme_votes(&mut themes, &self.voted_themes(&workshops).await?);
        let mut report = Report {
            format_version: REPORT_FORMAT_VERSION,
            scope: ReportScope::Workshop { workshop_id },
            round: RoundRef { id: record.workshop.round_id, title: record.workshop.round_title },
            previous_round: None,
            generated_at: now(),
            priority_areas: Vec::new(),
            workshops,
            themes,
            notes,
            no_longer_mentioned: Vec::new(),
        };
        report.tally();
        Ok(report)
    }

    async fn round_analysis(&self, caller: &User, round_id: RoundId) -> Result<RoundAnalysis, AppError> {
        let access = self.round_access(caller, round_id).await?;
        access.require(Access::Read)?;
        let round = self.store().round(round_id).await?;
        let store = self.store();
        let source = ReportSource::Round(round_id);
        let notes = store.report_notes(source).await?;
        // A round nobody clustered yet still shows its workshops' themes, joined.
        let provisional = round.clustered_at.is_none();
        let themes = if provisional {
            self.round_themes_from_workshops(&round, notes.clone(), round.granularity).await?
        } else {
            Arc::new(store.round_themes(round_id).await?)
        };
        let previous = match round.previous_round_id {
            Some(id) => Some((store.round(id).await?, store.round_themes(id).await?)),
            None => None,
        };
        let comparison = match &previous {
            Some((before, before_themes)) => {
                Some(self.compare_with_previous((round_id, before.id), &themes, &notes, before_themes).await?)
            }
            None => None,
        };
        let continuity = |theme: &Theme| match &comparison {
            None => Continuity::NotCompared,
            Some(comparison) => comparison.continuity(theme),
        };
        let workshops = store.report_workshops(source).await?;
        // Where the round's names came from: the workshops' themes as facilitators left them.
        let mut named = Vec::new();
        for workshop in &workshops {
            named.push((workshop.clone(), store.workshop_themes(workshop.id).await?));
        }
        let mut report_themes = report_themes(&themes, &notes, continuity, &NameOrigins::of_round(&named));
        // Theme votes were held on the workshops' themes: their dots go to the round
        // themes that hold those themes' notes.
        credit_theme_votes(&mut report_themes, &self.voted_themes(&workshops).await?);
        let no_longer_mentioned = comparison.map(|c| c.no_longer_mentioned.clone()).unwrap_or_default();
        // Only rounds the caller may open: the titles of others' rounds are not theirs to see.
        let other_rounds = self
            .list_rounds(caller)
            .await?
            .into_iter()
            .filter(|r| r.id != round_id)
            .map(|r| RoundRef { id: r.id, title: r.title })
            .collect();
        let mut report = Report {
            format_version: REPORT_FORMAT_VERSION,
            scope: ReportScope::Round,
            round: RoundRef { id: round.id, title: round.title.clone() },
            previous_round: previous.as_ref().map(|(r, _)| RoundRef { id: r.id, title: r.title.clone() }),
            generated_at: now(),
            priority_areas: Vec::new(),
            workshops,
            themes: report_themes,
            notes,
            no_longer_mentioned,
        };
        report.tally();
        // Resolved against the whole round, before any filter: a filter never makes a mark gone.
        report.priority_areas = priority_areas(&store.priority_marks(round_id).await?, &report.themes);
        Ok(RoundAnalysis {
            report,
            clustered_at: round.clustered_at,
            granularity: round.granularity,
            other_rounds,
            can_manage: access >= Access::Manage,
            provisional,
            rebuild: round.rebuild_changes.clone(),
        })
    }

    async fn cluster_round(
        &self,
        caller: &User,
        round_id: RoundId,
        granularity: f32,
    ) -> Result<(), AppError> {
        let round = self.managed_round(caller, round_id).await?;
        // An analyst may change the round's themes while the build works (as on a workshop's
        // board, see `run_clustering`): the store then refuses the build, and it starts again.
        let mut attempt = 1;
        loop {
            // Read before the build reads them: a change in between only costs a new start.
            let read = self.store().round_themes(round_id).await?;
            let notes = self.store().report_notes(ReportSource::Round(round_id)).await?;
            // At the round's granularity these are the themes the page showed, ids and all.
            let themes = self.round_themes_from_workshops(&round, notes, granularity).await?;
            let compare = |earlier: &[Theme]| rebuild::compare(earlier, &themes);
            match self.store().replace_round_themes(round_id, &read, &themes, granularity, compare).await {
                Ok(()) => break,
                Err(StoreError::Refused(Refusal::ThemesChanged)) if attempt < RUN_ATTEMPTS => attempt += 1,
                Err(err) => return Err(err.into()),
            }
        }
        // Stored now: the page and the exports read them from the store from here on.
        self.round_cache.forget(round_id);
        Ok(())
    }

    async fn rename_round_theme(
        &self,
        caller: &User,
        round_id: RoundId,
        theme_id: ThemeId,
        name: String,
    ) -> Result<(), AppError> {
        self.managed_round(caller, round_id).await?;
        let rename = |themes: &mut Vec<Theme>| Ok(round_themes::rename(themes, theme_id, &name)?);
        Ok(self.store().edit_round_themes(round_id, rename).await?)
    }

    async fn merge_round_themes(
        &self,
        caller: &User,
        round_id: RoundId,
        kept: ThemeId,
        other: ThemeId,
    ) -> Result<(), AppError> {
        self.managed_round(caller, round_id).await?;
        let merge = |themes: &mut Vec<Theme>| Ok(round_themes::merge(themes, kept, other)?);
        Ok(self.store().edit_round_themes(round_id, merge).await?)
    }

    async fn split_round_theme(
        &self,
        caller: &User,
        round_id: RoundId,
        theme_id: ThemeId,
    ) -> Result<(), AppError> {
        self.managed_round(caller, round_id).await?;
        let store = self.store();
        let themes = store.round_themes(round_id).await?;
        let theme = themes
            .into_iter()
            .find(|theme| !theme.unsorted && lineage(theme) == theme_id)
            .ok_or(AppError::NotFound)?;
        let notes = store.report_notes(ReportSource::Round(round_id)).await?;
        let members: Vec<NoteText> =
            notes.iter().filter(|note| theme.note_ids.contains(&note.id)).map(NoteText::from).collect();
        let vectors = self.vectors_of(ReportSource::Round(round_id), &members).await?;
        let inputs = clustering_inputs(&members, &vectors);
        let part = tokio::task::spawn_blocking(move || split_off(&theme, &inputs))
            .await
            .map_err(|_| AppError::Internal)??;
        let split = |themes: &mut Vec<Theme>| Ok(round_themes::split(themes, theme_id, part)?);
        Ok(store.edit_round_themes(round_id, split).await?)
    }

    async fn set_previous_round(
        &self,
        caller: &User,
        round_id: RoundId,
        previous: Option<RoundId>,
    ) -> Result<(), AppError> {
        self.managed_round(caller, round_id).await?;
        if let Some(previous) = previous {
            if previous == round_id {
                return Err(AppError::Invalid { field: app::error::Field::PreviousRound });
            }
            self.round_with(caller, previous, Access::Read).await?;
        }
        Ok(self.store().set_previous_round(round_id, previous).await?)
    }

    async fn set_priority_area(
        &self,
        caller: &User,
        round_id: RoundId,
        kind: PriorityKind,
        target_id: PriorityTargetId,
        marked: bool,
    ) -> Result<(), AppError> {
        self.managed_round(caller, round_id).await?;
        let store = self.store();
        // A mark can be taken off whatever became of what it names; marking names something
        // the round has now.
        if !marked {
            return Ok(store.unmark_priority(round_id, target_id, &caller.email).await?);
        }
        let themes = store.round_themes(round_id).await?;
        let mark = priority_marks::mark(&themes, kind, target_id).ok_or(AppError::NotFound)?;
        Ok(store.mark_priority(round_id, &mark, &caller.email).await?)
    }

    async fn set_anonymous(&self, caller: &User, workshop_id: WorkshopId, on: bool) -> Result<(), AppError> {
        self.owned_workshop(caller, workshop_id).await?;
        let event = self.store().set_anonymous(workshop_id, on).await?;
        self.publish(event);
        Ok(())
    }
}

impl Service {
    /// The themes of `workshops` that got dots in theme votes, with their notes as the
    /// workshops hold them now.
    async fn voted_themes(&self, workshops: &[ReportWorkshop]) -> Result<Vec<VotedTheme>, AppError> {
        let store = self.store();
        let mut voted = Vec::new();
        for workshop in workshops {
            let dots = store.dot_totals(workshop.id).await?;
            if dots.is_empty() {
                continue;
            }
            for theme in store.workshop_themes(workshop.id).await? {
                // Votes name the theme as its workshop shows it: by its lineage.
                let theme_id = lineage(&theme);
                let Some(&given) = dots.get(&theme_id.into()) else { continue };
                voted.push(VotedTheme {
                    dots: ThemeVoteDots { workshop_id: workshop.id, theme_id, dots: given },
                    note_ids: theme.note_ids,
                });
            }
        }
        Ok(voted)
    }

    /// The round's themes built from its workshops' themes and its `notes` (see
    /// [`build_round_themes`]); built once per change of what they are built from, and
    /// shared by every request until then (see [`round_cache`]).
    async fn round_themes_from_workshops(
        &self,
        round: &RoundRecord,
        notes: Vec<ReportNote>,
        granularity: f32,
    ) -> Result<Arc<Vec<Theme>>, AppError> {
        let inputs = self.round_inputs(round, notes, granularity).await?;
        self.round_cache.themes(round.id, inputs, build_round_themes).await
    }

    /// Everything the round's themes are built from, read now.
    async fn round_inputs(
        &self,
        round: &RoundRecord,
        notes: Vec<ReportNote>,
        granularity: f32,
    ) -> Result<RoundInputs, AppError> {
        let store = self.store();
        let source = ReportSource::Round(round.id);
        let mut workshops = Vec::new();
        for workshop in store.report_workshops(source).await? {
            let themes = store.workshop_themes(workshop.id).await?;
            workshops.push(themes);
        }
        let earlier = store.round_themes(round.id).await?;
        // At the setting they were built with, stored themes stay as they are and only notes
        // outside them are placed; another setting groups the round afresh.
        let same_setting = (granularity - round.granularity).abs() < 1e-3;
        let mode =
            if round.clustered_at.is_some() && same_setting { Earlier::Keep } else { Earlier::Regroup };
        let previous = match round.previous_round_id {
            Some(id) => store.round_themes(id).await?,
            None => Vec::new(),
        };
        let previous_notes = match round.previous_round_id {
            Some(id) => store.report_notes(ReportSource::Round(id)).await?,
            None => Vec::new(),
        };
        // Meaning, where the model is loaded: for the joining and for the matching with the
        // previous round alike (note ids are unique across rounds, so one map serves both).
        let texts = |notes: &[ReportNote]| notes.iter().map(NoteText::from).collect::<Vec<_>>();
        let mut vectors = self.vectors_of(source, &texts(&notes)).await?;
        if let Some(id) = round.previous_round_id {
            vectors.extend(self.vectors_of(ReportSource::Round(id), &texts(&previous_notes)).await?);
        }
        Ok(RoundInputs { workshops, earlier, mode, notes, previous, previous_notes, vectors, granularity })
    }

    /// The `themes` of round `round_id` (over its `notes`) compared with `before`, the themes
    /// of the previous round `before_id`, on the notes' meaning where the model gave them
    /// vectors and their words.
    async fn compare_with_previous(
        &self,
        (round_id, before_id): (RoundId, RoundId),
        themes: &[Theme],
        notes: &[ReportNote],
        before: &[Theme],
    ) -> Result<Arc<previous_round::Comparison>, AppError> {
        let source = ReportSource::Round(before_id);
        let before_notes = self.store().report_notes(source).await?;
        let texts = |notes: &[ReportNote]| notes.iter().map(NoteText::from).collect::<Vec<_>>();
        let mut vectors = self.vectors_of(source, &texts(&before_notes)).await?;
        vectors.extend(self.vectors_of(ReportSource::Round(round_id), &texts(notes)).await?);
        let fingerprint = self.comparisons.fingerprint((themes, notes), (before, &before_notes), &vectors);
        if let Some(kept) = self.comparisons.get(fingerprint) {
            return Ok(kept);
        }
        let (themes, notes, before) = (themes.to_vec(), notes.to_vec(), before.to_vec());
        let comparison = tokio::task::spawn_blocking(move || {
            previous_round::compare(&themes, &notes, &before, &before_notes, &vectors)
        })
        .await
        .map_err(|_| AppError::Internal)?;
        let comparison = Arc::new(comparison);
        self.comparisons.put(fingerprint, comparison.clone());
        Ok(comparison)
    }

    /// The round, when the caller may run it.
    pub(crate) async fn managed_round(
        &self,
        caller: &User,
        round_id: RoundId,
    ) -> Result<RoundRecord, AppError> {
        self.round_with(caller, round_id, Access::Manage).await
    }

    /// The round, when the caller has at least `needed` access to it.
    pub(crate) async fn round_with(
        &self,
        caller: &User,
        round_id: RoundId,
        needed: Access,
    ) -> Result<RoundRecord, AppError> {
        self.round_access(caller, round_id).await?.require(needed)?;
        Ok(self.store().round(round_id).await?)
    }
}

/// The round's themes built from `inputs` (see [`round_themes`]), continuing the previous
/// round's themes (same id across rounds) and an earlier run's (same id, and the name an
/// analyst gave it). CPU work: run it off the threads serving requests.
fn build_round_themes(inputs: &RoundInputs) -> Vec<Theme> {
    let RoundInputs { workshops, earlier, mode, notes, previous, previous_notes, vectors, granularity } =
        inputs;
    let mut themes = round_themes::build(workshops, (earlier, *mode), notes, vectors, *granularity);
    // The previous round first: a theme that continues one keeps its id across rounds;
    // otherwise an earlier run of this round keeps its id across re-runs.
    inherit_lineage(&mut themes, notes, previous, previous_notes, vectors);
    inherit_lineage(&mut themes, notes, earlier, notes, vectors);
    round_themes::keep_analyst_names(&mut themes, earlier);
    themes
}

/// The id a theme shows in reports: its lineage, or its own id when it starts one.
pub(crate) fn lineage(theme: &Theme) -> ThemeId {
    theme.lineage_id.unwrap_or(theme.id)
}

/// Gives each theme still without a lineage the lineage of the `before` theme it continues,
/// compared on the notes' meaning (their `vectors`, where there are) and words.
fn inherit_lineage(
    themes: &mut [Theme],
    notes: &[ReportNote],
    before: &[Theme],
    before_notes: &[ReportNote],
    vectors: &HashMap<NoteId, Vec<f32>>,
) {
    let open: Vec<usize> =
        (0..themes.len()).filter(|&i| themes[i].lineage_id.is_none() && !themes[i].unsorted).collect();
    let candidates: Vec<&Theme> = before.iter().filter(|t| !t.unsorted).collect();
    let current = match_notes(&open.iter().map(|&i| &themes[i]).collect::<Vec<_>>(), notes, vectors);
    let earlier = match_notes(&candidates, before_notes, vectors);
    let matches = clustering::match_themes_by(&current, &earlier, MATCH_THRESHOLD);
    for (slot, matched) in open.into_iter().zip(matches) {
        if let Some(j) = matched {
            themes[slot].lineage_id = Some(lineage(candidates[j]));
        }
    }
}

/// Each theme's notes (those among `notes`) as the matching takes them.
fn match_notes<'a>(
    themes: &[&Theme],
    notes: &'a [ReportNote],
    vectors: &'a HashMap<NoteId, Vec<f32>>,
) -> Vec<Vec<MatchNote<'a>>> {
    let text_of: HashMap<NoteId, &str> = notes.iter().map(|n| (n.id, n.text.as_str())).collect();
    themes
        .iter()
        .map(|theme| {
            theme
                .note_ids
                .iter()
                .filter_map(|id| {
                    let text = text_of.get(id)?;
                    Some(MatchNote { text, vector: vectors.get(id).map(Vec::as_slice) })
                })
                .collect()
        })
        .collect()
}

/// Stored themes as report themes: the lineage as id, notes limited to those in the report,
/// and who gave each name as `names` tells.
fn report_themes(
    themes: &[Theme],
    notes: &[ReportNote],
    continuity: impl Fn(&Theme) -> Continuity,
    names: &NameOrigins,
) -> Vec<ReportTheme> {
    themes
        .iter()
        .map(|theme| ReportTheme {
            id: lineage(theme),
            name: theme.name.clone(),
            name_from: names.theme(theme),
            terms: theme.terms.clone(),
            unsorted: theme.unsorted,
            continuity: if theme.unsorted { Continuity::NotCompared } else { continuity(theme) },
            note_ids: notes_present(&theme.note_ids, notes),
            needs: theme
                .needs
                .iter()
                .map(|need| ReportNeed {
                    id: need.id,
                    name: need.name.clone(),
                    name_from: names.need(need),
                    terms: need.terms.clone(),
                    note_ids: notes_present(&need.note_ids, notes),
                    theme_votes: Vec::new(),
                    support: Support::default(),
                })
                .filter(|need| !need.note_ids.is_empty())
                .collect(),
            theme_votes: Vec::new(),
            support: Support::default(),
        })
        .filter(|theme| !theme.note_ids.is_empty())
        .collect()
}
