//! The data-protection panel of a round's page: the retention date, the archive export,
//! the purge (only once the archive holds every note) and the audit log.

use leptos::prelude::*;
use uuid::Uuid;

use crate::api::{PurgeRound, SetRetention, get_retention};
use crate::i18n::use_lang;
use crate::model::retention::{AuditAction, AuditDetail, Retention};
use crate::model::swedish_time::display_time;
use crate::texts::ReportTexts;
use crate::ui::components::Problem;

/// The round's data protection, for its facilitator.
#[component]
pub fn RetentionPanel(round_id: Uuid) -> impl IntoView {
    let lang = use_lang();
    let t = lang.report_texts();
    let save = ServerAction::<SetRetention>::new();
    let purge = ServerAction::<PurgeRound>::new();
    let retention = Resource::new(
        move || (save.version().get(), purge.version().get()),
        move |_| get_retention(round_id),
    );
    let errors = Signal::derive(move || {
        save.value().get().and_then(Result::err).or_else(|| purge.value().get().and_then(Result::err))
    });
    view! {
        <section class="panel" aria-labelledby="retention-heading" data-testid="retention">
            <h2 id="retention-heading">{t.retention_heading}</h2>
            <Transition fallback=move || view! { <p>{lang.texts().loading}</p> }>
                {move || Suspend::new(async move {
                    match retention.await {
                        Ok(state) => view! { <RetentionState state round_id save purge/> }.into_any(),
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
    round_id: Uuid,
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
    }
}

fn action_label(action: AuditAction, t: &ReportTexts) -> &'static str {
    match action {
        AuditAction::Retention => t.audit_retention,
        AuditAction::Archive => t.audit_archive,
        AuditAction::Purge => t.audit_purge,
    }
}
