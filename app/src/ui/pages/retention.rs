//! The data-protection panel of a round's page: the retention date, the archive export,
//! the purge (only once the archive holds every note) and the audit log.

use leptos::prelude::*;

use crate::api::{PurgeRound, SetRetention, get_retention};
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::model::Round;
use crate::model::ids::RoundId;
use crate::model::retention::{AuditAction, AuditDetail, Retention};
use crate::model::swedish_time::display_time;
use crate::texts::ReportTexts;
use crate::ui::components::Problem;

/// The retention panel's actions and its data, made by the round's page beside the round
/// itself: a resource made inside another's `Suspense` can leave a server-rendered page
/// unfinished (leptos-rs/leptos#4851: the stream waits for a wake-up that never comes).
#[derive(Clone, Copy)]
pub struct RetentionData {
    pub save: ServerAction<SetRetention>,
    pub purge: ServerAction<PurgeRound>,
    /// `None` for those who may not manage the round (the panel is not shown to them).
    pub state: Resource<Result<Option<Retention>, AppError>>,
}

impl RetentionData {
    /// The retention of the round `round_id` gives, loaded once `round` says whether the
    /// caller manages it, and again after each save or purge.
    pub fn load(
        round_id: impl Fn() -> Option<RoundId> + Copy + Send + Sync + 'static,
        round: Resource<Result<Round, AppError>>,
    ) -> Self {
        let save = ServerAction::<SetRetention>::new();
        let purge = ServerAction::<PurgeRound>::new();
        let state = Resource::new(
            move || (round_id(), save.version().get(), purge.version().get()),
            move |(id, ..)| async move {
                let id = id.ok_or(AppError::NotFound)?;
                if !round.await?.can_manage {
                    return Ok(None);
                }
                get_retention(id).await.map(Some)
            },
        );
        Self { save, purge, state }
    }
}

/// The round's data protection, for its facilitator.
#[component]
pub fn RetentionPanel(round_id: RoundId, data: RetentionData) -> impl IntoView {
    let lang = use_lang();
    let t = lang.report_texts();
    let RetentionData { save, purge, state: retention } = data;
    let errors = Signal::derive(move || {
        save.value().get().and_then(Result::err).or_else(|| purge.value().get().and_then(Result::err))
    });
    view! {
        <section class="panel" aria-labelledby="retention-heading" data-testid="retention">
            <h2 id="retention-heading">{t.retention_heading}</h2>
            <Transition fallback=move || view! { <p>{lang.texts().loading}</p> }>
                {move || Suspend::new(async move {
                    match retention.await {
                        Ok(Some(state)) => view! { <RetentionState state round_id save purge/> }.into_any(),
                        Ok(None) => ().into_any(),
                        Err(err) => view! { <p class="problem" role="alert">{err.message(lang)}</p> }.into_any(),
                    }
                })}
            </Transition>
            <Problem error=errors/>
        </section>
    }
}

#[component]
fn RetentionState(
    state: Retention,
    round_id: RoundId,
    save: ServerAction<SetRetention>,
    purge: ServerAction<PurgeRound>,
) -> impl IntoView {
    let t = use_lang().report_texts();
    let archive_note = if state.archive_current { t.archive_current } else { t.archive_stale };
    view! {
        {state.overdue.then(|| view! { <p class="notice" role="status">{t.retention_overdue}</p> })}
        {state.purged_at.map(|at| view! { <p class="notice" role="status">{t.purged_at}": "{display_time(at)}</p> })}
        <ActionForm action=save attr:class="form-row">
            <input type="hidden" name="round_id" value=round_id.to_string()/>
            <label for="retain-until">{t.retain_until}</label>
            <input id="retain-until" name="retain_until" type="date" value=state.retain_until.map(|day| day.to_string()).unwrap_or_default()
                aria-describedby="retain-until-help"/>
            <button type="submit" class="secondary">{t.save}</button>
        </ActionForm>
        <p id="retain-until-help" class="help">{t.retain_until_help}</p>
        <p>
            <a href=format!("/archive/rounds/{round_id}") download rel="external">{t.archive_link}</a>
            {state.archived_at.map(|at| view! { <span class="meta">" · "{t.archived_at}": "{display_time(at)}</span> })}
        </p>
        <p class="help" data-testid="archive-state">{archive_note}</p>
        <ActionForm action=purge attr:class="form-row">
            <input type="hidden" name="round_id" value=round_id.to_string()/>
            <input id="purge-confirm" type="checkbox" required/>
            <label for="purge-confirm">{t.purge_confirm}</label>
            <button type="submit" class="danger" disabled=!state.archive_current>{t.purge_button}</button>
        </ActionForm>
        {(!state.log.is_empty()).then(|| view! {
            <h3>{t.audit_heading}</h3>
            <ul class="audit-log">
                {state.log.into_iter().map(|entry| view! {
                    <li>
                        <span class="meta">{display_time(entry.at)}</span>" "
                        <strong>{action_label(entry.detail.action(), t)}</strong>" "{describe(&entry.detail, t)}
                        <span class="meta">" ("{entry.actor}")"</span>
                    </li>
                }).collect_view()}
            </ul>
        })}
    }
}

/// An act's particulars in the reader's language.
fn describe(detail: &AuditDetail, t: &ReportTexts) -> String {
    match detail {
        AuditDetail::Retention { retain_until } => {
            retain_until.map_or_else(|| "–".into(), |day| day.to_string())
        }
        AuditDetail::Archive { notes, themes } => (t.archive_detail)(*notes, *themes),
        AuditDetail::Purge { notes, participants } => (t.purge_detail)(*notes, *participants),
        AuditDetail::DecisionsDropped { workshop, placed_notes, names } => {
            (t.dropped_detail)(workshop, *placed_notes, names)
        }
        AuditDetail::NoteDeleted { workshop, .. } | AuditDetail::NoteRestored { workshop, .. } => {
            workshop.clone()
        }
        AuditDetail::PriorityArea { name, marked } => (t.priority_detail)(name, *marked),
    }
}

fn action_label(action: AuditAction, t: &ReportTexts) -> &'static str {
    match action {
        AuditAction::Retention => t.audit_retention,
        AuditAction::Archive => t.audit_archive,
        AuditAction::Purge => t.audit_purge,
        AuditAction::DecisionsDropped => t.audit_decisions_dropped,
        AuditAction::NoteDeleted => t.audit_note_deleted,
        AuditAction::NoteRestored => t.audit_note_restored,
        AuditAction::PriorityArea => t.audit_priority_area,
    }
}
