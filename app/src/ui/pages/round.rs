//! A round: its workshops, and a form to add one.

use leptos::prelude::*;

use crate::api::{CreateWorkshop, get_round};
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::model::ids::RoundId;
use crate::model::{Round, SECTOR_MAX_CHARS, TITLE_MAX_CHARS, WorkshopState};
use crate::ui::components::{Problem, page_or_problem};
use crate::ui::pages::retention::{RetentionData, RetentionPanel};
use crate::ui::pages::sharing::{SharePanel, Sharing};

/// `/rounds/:round_id`
#[component]
pub fn RoundPage() -> impl IntoView {
    let round_id = super::id_param::<RoundId>("round_id");
    let create = ServerAction::<CreateWorkshop>::new();
    let sharing = Sharing { share: ServerAction::new(), unshare: ServerAction::new() };
    // Sharing reloads the round, which carries its grants: no resource of its own inside
    // the round's view.
    let round = Resource::new(
        move || {
            (
                round_id(),
                create.version().get(),
                sharing.share.version().get(),
                sharing.unshare.version().get(),
            )
        },
        |(id, ..)| async move {
            match id {
                Some(id) => get_round(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );

    let retention = RetentionData::load(round_id, round);
    page_or_problem(round, None, move |round| view! { <RoundView round create sharing retention/> })
}

#[component]
fn RoundView(
    round: Round,
    create: ServerAction<CreateWorkshop>,
    sharing: Sharing,
    retention: RetentionData,
) -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    let can_manage = round.can_manage;
    let workshops = if round.workshops.is_empty() {
        view! { <p>{t.no_workshops}</p> }.into_any()
    } else {
        view! {
            <ul class="cards" data-testid="workshops">
                {round.workshops.into_iter().map(|ws| view! {
                    <li class="card">
                        // Readers (analysts) get the workshop's report instead of its board.
                        {if can_manage {
                            view! { <a href=format!("/workshops/{}", ws.id)>{ws.title}</a> }.into_any()
                        } else {
                            view! {
                                <strong>{ws.title}</strong>
                                <a href=format!("/export/workshops/{}/csv", ws.id) download rel="external">
                                    {lang.account_texts().export_workshop}
                                </a>
                            }.into_any()
                        }}
                        <span class="meta">{ws.sector}</span>
                        <span class="meta">{ws.held_on.map(|day| day.to_string())}</span>
                        {ws.join_code.map(|code| view! {
                            <span class="meta">{t.code}" "<strong class="code">{code.display()}</strong></span>
                        })}
                        <span class="meta">{(use_lang().texts().notes_n)(ws.note_count as usize)}</span>
                        <span class="badge">
                            {if ws.state == WorkshopState::Open { t.state_open } else { t.state_locked }}
                        </span>
                    </li>
                }).collect_view()}
            </ul>
        }.into_any()
    };
    let form = if round.can_manage {
        view! {
            <h2>{t.new_workshop_heading}</h2>
            <ActionForm action=create attr:class="form-grid">
                <input type="hidden" name="round_id" value=round.id.to_string()/>
                <label for="ws-title">{t.workshop_title_label}</label>
                <input id="ws-title" name="title" required maxlength=TITLE_MAX_CHARS autocomplete="off"/>
                <label for="ws-sector">{t.sector_label}</label>
                <input id="ws-sector" name="sector" required maxlength=SECTOR_MAX_CHARS/>
                <label for="ws-date">{t.date_label}</label>
                <input id="ws-date" name="held_on" type="date"/>
                <label for="ws-prompts">{t.prompts_label}</label>
                <textarea id="ws-prompts" name="prompts" rows="3" aria-describedby="ws-prompts-help"></textarea>
                <p id="ws-prompts-help" class="help">{t.prompts_help}</p>
                <button type="submit">{t.create_workshop}</button>
            </ActionForm>
            <Problem error/>
        }.into_any()
    } else {
        view! { <p class="notice info" role="status">{lang.account_texts().read_only}</p> }.into_any()
    };
    let retention = round.can_manage.then(|| view! { <RetentionPanel round_id=round.id data=retention/> });
    let grants = round.grants;
    let sharing = round.can_share.then(|| view! { <SharePanel round_id=round.id grants sharing/> });
    view! {
        <p class="crumbs"><a href="/">{t.home}</a></p>
        <h1>{round.title}</h1>
        <p><a href=format!("/rounds/{}/analysis", round.id)>{lang.report_texts().analysis_link}</a></p>
        <RoundExports round_id=round.id/>
        <h2>{t.workshops_heading}</h2>
        {workshops}
        {form}
        {sharing}
        {retention}
    }
}

/// Every export of the whole round's report, one link each (the analysis page offers the
/// same, narrowed to its filter).
#[component]
fn RoundExports(round_id: RoundId) -> impl IntoView {
    let t = use_lang().report_texts();
    let link = move |format: &'static str, label: &'static str| {
        view! { <li><a href=format!("/export/rounds/{round_id}/{format}") download rel="external">{label}</a></li> }
    };
    view! {
        <section aria-labelledby="round-exports-heading">
            <h2 id="round-exports-heading">{t.export_heading}</h2>
            <ul class="export-links" data-testid="round-page-exports">
                {link("html", t.export_html)}
                {link("md", t.export_markdown)}
                {link("csv", t.export_csv)}
                {t.export_csv_comma.map(|label| link("csv-comma", label))}
                {link("json", t.export_json)}
                {link("xlsx", t.export_excel)}
            </ul>
        </section>
    }
}
