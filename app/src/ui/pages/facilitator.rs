//! The facilitator's page for one workshop: how to let people in, the controls of the
//! board (lock, timer, private writing, paper notes) and moderation of every note, all live.

use leptos::prelude::*;

use crate::api::{
    AddPaperNote, MergeNotes, ModerateNote, SetAnonymous, SetPrivateMode, SetTimer, SetWorkshopLocked,
    get_facilitator_board, get_presenter_board, get_workshop,
};
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::model::ids::{NoteId, WorkshopId};
use crate::model::{FacilitatorBoard, NAME_MAX_CHARS, Note, TIMER_MAX_MINUTES, Workshop};
use crate::ui::board::{ConnectionStatus, Countdown, NoteGrid, author_line};
use crate::ui::components::{Problem, page_or_problem};
use crate::ui::live_board::{BoardView, LiveBoard};
use crate::ui::pages::card_menu::{
    CardMenu, CardMenus, MenuOf, MergeSearch, ModerationButtons, confirm_merge,
};
use crate::ui::pages::themes::ThemePanel;
use crate::ui::pages::trash::{Deletions, TrashPanel, UndoDelete};
use crate::ui::voting::{SupportCount, VoteControls};

/// Loads the board of the workshop in the route as the facilitator's page or the presenter
/// view shows it (`shown_as`), then renders `view`.
///
/// The browser loads the board once the page has started: a board of 800 notes would
/// otherwise travel twice, as the rendered page and as the data the page wakes up with. The
/// server loads only the workshop, which says whether the caller runs it: a refusal is then
/// the page the server renders, and its status.
pub fn with_facilitator_board<V: IntoView + 'static>(
    shown_as: BoardView,
    view: impl Fn(FacilitatorBoard) -> V + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let t = use_lang().texts();
    let workshop_id = super::id_param::<WorkshopId>("workshop_id");
    let workshop = Resource::new(workshop_id, |id| async move {
        match id {
            Some(id) => get_workshop(id).await,
            None => Err(AppError::NotFound),
        }
    });
    let board = LocalResource::new(move || {
        let id = workshop_id();
        async move {
            match id {
                Some(id) if shown_as == BoardView::Presenter => get_presenter_board(id).await,
                Some(id) => get_facilitator_board(id).await,
                None => Err(AppError::NotFound),
            }
        }
    });
    page_or_problem(CheckedBoard { workshop, board }, Some(t.facilitator_only), view)
}

/// The board, once the workshop it belongs to is known to be the caller's: one wait for the
/// page, so the server renders the same thing the browser wakes up to (the workshop, loaded
/// on the server, says yes or no; the board, loaded in the browser, follows).
#[derive(Clone, Copy)]
struct CheckedBoard {
    workshop: Resource<Result<Workshop, AppError>>,
    board: LocalResource<Result<FacilitatorBoard, AppError>>,
}

impl std::future::IntoFuture for CheckedBoard {
    type Output = Result<FacilitatorBoard, AppError>;
    type IntoFuture = std::pin::Pin<Box<dyn std::future::Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            self.workshop.await?;
            self.board.await
        })
    }
}

/// `/workshops/:workshop_id`
#[component]
pub fn FacilitatorPage() -> impl IntoView {
    with_facilitator_board(BoardView::Facilitator, |board| view! { <FacilitatorView board/> })
}

#[component]
fn FacilitatorView(board: FacilitatorBoard) -> impl IntoView {
    let lang = use_lang();
    let (t, bt) = (lang.texts(), lang.board_texts());
    let live = LiveBoard::new(&board.board, BoardView::Facilitator);
    live.participants.set(board.participant_count);
    live.connect();
    CardMenus::provide();
    let deletions = Deletions::provide();
    let workshop = board.board.workshop;
    // The board fills the window: controls in a side panel, notes and themes in the rest.
    view! {
        <div class="board-page">
            <header class="board-bar">
                <p class="crumbs">
                    <a href=format!("/rounds/{}", workshop.round_id)>{t.back_to_round}": "{workshop.round_title}</a>
                </p>
                <h1>{workshop.title}</h1>
                <p class="meta">{workshop.sector}" "{workshop.held_on.map(|day| day.to_string())}</p>
                <ul class="prompts">
                    {workshop.prompts.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                </ul>
                <section class="join-bar" aria-labelledby="join-details-heading">
                    <h2 id="join-details-heading" class="visually-hidden">{t.join_heading}</h2>
                    <span>{t.code}" "<strong class="join-code" data-testid="join-code">{workshop.join_code.display()}</strong></span>
                    <a href=board.join_url.clone() data-testid="join-link">{board.join_url.clone()}</a>
                    <span class="meta" data-testid="participant-count" role="status">{move || (t.participants_n)(live.participants.get())}</span>
                    <a href=format!("/workshops/{}/present", workshop.id)>{t.presenter_view}</a>
                    <details class="qr-details">
                        <summary>{bt.show_qr}</summary>
                        <img class="qr" src=format!("/workshops/{}/qr.svg", workshop.id) alt=t.qr_alt width="200" height="200"/>
                    </details>
                </section>
            </header>
            <div class="board-layout">
                <aside class="board-side" aria-label=bt.side_panel>
                    <Controls board=live/>
                    <VoteControls board=live/>
                    <PaperNote workshop_id=workshop.id/>
                    <ReportPanel workshop_id=workshop.id anonymous=workshop.anonymous/>
                    <TrashPanel board=live deletions/>
                </aside>
                <div class="board-main">
                    <UndoDelete deletions/>
                    <ThemePanel board=live/>
                    <ModeratedNotes board=live/>
                </div>
            </div>
        </div>
    }
}

/// Lock, private writing and the timer, each reflecting the live state.
#[component]
fn Controls(board: LiveBoard) -> impl IntoView {
    let t = use_lang().texts();
    let set_locked = ServerAction::<SetWorkshopLocked>::new();
    let set_private = ServerAction::<SetPrivateMode>::new();
    let set_timer = ServerAction::<SetTimer>::new();
    let locked = move || board.status.with(|s| s.locked);
    let private = move || board.status.with(|s| s.private_mode);
    let errors = Signal::derive(move || {
        set_locked
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| set_private.value().get().and_then(Result::err))
            .or_else(|| set_timer.value().get().and_then(Result::err))
    });
    view! {
        <section class="panel controls" aria-labelledby="controls-heading">
            <h2 id="controls-heading">{t.controls_heading}</h2>
            <ConnectionStatus board/>
            <div class="form-row">
                <span class="badge" data-testid="state">{move || if locked() { t.state_locked } else { t.state_open }}</span>
                <ActionForm action=set_locked attr:class="inline">
                    <input type="hidden" name="workshop_id" value=board.workshop_id.to_string()/>
                    <input type="hidden" name="locked" prop:value=move || (!locked()).to_string()/>
                    <button type="submit">{move || if locked() { t.unlock } else { t.lock }}</button>
                </ActionForm>
            </div>
            <div class="form-row">
                {move || private().then(|| view! { <span class="badge">{t.private_active}</span> })}
                <ActionForm action=set_private attr:class="inline">
                    <input type="hidden" name="workshop_id" value=board.workshop_id.to_string()/>
                    <input type="hidden" name="on" prop:value=move || (!private()).to_string()/>
                    <button type="submit">{move || if private() { t.private_off } else { t.private_on }}</button>
                </ActionForm>
            </div>
            <div class="form-row">
                <ActionForm action=set_timer attr:class="form-row">
                    <input type="hidden" name="workshop_id" value=board.workshop_id.to_string()/>
                    <label for="timer-minutes">{t.timer_minutes}</label>
                    <input id="timer-minutes" name="minutes" type="number" min="1" max=TIMER_MAX_MINUTES value="5" class="narrow"/>
                    <button type="submit">{t.start_timer}</button>
                </ActionForm>
                <ActionForm action=set_timer attr:class="inline">
                    <input type="hidden" name="workshop_id" value=board.workshop_id.to_string()/>
                    <input type="hidden" name="minutes" value="0"/>
                    <button type="submit" class="secondary">{t.stop_timer}</button>
                </ActionForm>
                <Countdown board/>
            </div>
            <Problem error=errors/>
        </section>
    }
}

/// The workshop's report: whether names appear in it, and its downloads.
#[component]
fn ReportPanel(workshop_id: WorkshopId, anonymous: bool) -> impl IntoView {
    let t = use_lang().report_texts();
    let set_anonymous = ServerAction::<SetAnonymous>::new();
    let anonymous = RwSignal::new(anonymous);
    Effect::new(move |_| {
        if let Some(Ok(on)) = set_anonymous.value().get() {
            anonymous.set(on);
        }
    });
    let error = Signal::derive(move || set_anonymous.value().get().and_then(Result::err));
    let href = move |format: &str| format!("/export/workshops/{workshop_id}/{format}");
    view! {
        <section class="panel" aria-labelledby="report-heading">
            <h2 id="report-heading">{t.export_heading}</h2>
            <div class="form-row">
                {move || anonymous.get().then(|| view! { <span class="badge" data-testid="anonymous">{t.anonymous_active}</span> })}
                <ActionForm action=set_anonymous attr:class="inline">
                    <input type="hidden" name="workshop_id" value=workshop_id.to_string()/>
                    <input type="hidden" name="on" prop:value=move || (!anonymous.get()).to_string()/>
                    <button type="submit" class="secondary">
                        {move || if anonymous.get() { t.anonymous_toggle_off } else { t.anonymous_toggle_on }}
                    </button>
                </ActionForm>
            </div>
            <ul class="export-links" data-testid="workshop-exports">
                <li><a href=href("html") download rel="external">{t.export_html}</a></li>
                <li><a href=href("md") download rel="external">{t.export_markdown}</a></li>
                <li><a href=href("csv") download rel="external">{t.export_csv}</a></li>
                {t.export_csv_comma.map(|label| view! { <li><a href=href("csv-comma") download rel="external">{label}</a></li> })}
                <li><a href=href("json") download rel="external">{t.export_json}</a></li>
                <li><a href=href("xlsx") download rel="external">{t.export_excel}</a></li>
            </ul>
            <Problem error/>
        </section>
    }
}

/// Notes written on paper, typed in for a group.
#[component]
fn PaperNote(workshop_id: WorkshopId) -> impl IntoView {
    let t = use_lang().texts();
    let add = ServerAction::<AddPaperNote>::new();
    let note_id = RwSignal::new(NoteId::random());
    let text = RwSignal::new(String::new());
    Effect::new(move |_| {
        if matches!(add.value().get(), Some(Ok(_))) {
            note_id.set(NoteId::random());
            text.set(String::new());
        }
    });
    let error = Signal::derive(move || add.value().get().and_then(Result::err));
    view! {
        <section class="panel" aria-labelledby="paper-heading">
            <h2 id="paper-heading">{t.paper_heading}</h2>
            <ActionForm action=add attr:class="form-grid">
                <input type="hidden" name="workshop_id" value=workshop_id.to_string()/>
                <input type="hidden" name="note_id" prop:value=move || note_id.get().to_string()/>
                <label for="paper-group">{t.group_label}</label>
                <input id="paper-group" name="group" required maxlength=NAME_MAX_CHARS/>
                <label for="paper-text">{t.write_note_label}</label>
                <textarea id="paper-text" name="text" rows="2" prop:value=move || text.get()
                    on:input:target=move |ev| text.set(ev.target().value())></textarea>
                <button type="submit">{t.add_paper_note}</button>
            </ActionForm>
            <Problem error/>
        </section>
    }
}

/// Every note, each with one menu: hide or show, delete, merge into another (by search, or by
/// dropping its card on the other's).
#[component]
fn ModeratedNotes(board: LiveBoard) -> impl IntoView {
    let moderate = ServerAction::<ModerateNote>::new();
    let merge = ServerAction::<MergeNotes>::new();
    let errors = Signal::derive(move || {
        moderate.value().get().and_then(Result::err).or_else(|| merge.value().get().and_then(Result::err))
    });
    let menus = CardMenus::use_menus();
    // A drag ends wherever the pointer is released; a card under it has seen it first.
    let release = window_event_listener(leptos::ev::pointerup, move |_| {
        set_timeout(move || menus.dragged_note.set(None), std::time::Duration::ZERO)
    });
    on_cleanup(move || release.remove());
    let help = use_lang().board_texts().drag_to_merge;
    view! {
        <p class="help">{help}</p>
        <NoteGrid board errors item=move |note| view! { <ModeratedNote note board moderate merge/> }/>
    }
}

/// A note's card: its text, who wrote it, its counts, and its menu. Dropping another card
/// on it merges that note into this one, after asking.
#[component]
fn ModeratedNote(
    note: Note,
    board: LiveBoard,
    moderate: ServerAction<ModerateNote>,
    merge: ServerAction<MergeNotes>,
) -> impl IntoView {
    let lang = use_lang();
    let (t, bt) = (lang.texts(), lang.board_texts());
    let id = note.id;
    let menus = CardMenus::use_menus();
    let dragged = menus.dragged_note;
    let drop_here = RwSignal::new(false);
    let text_of = move |id: NoteId| untrack(|| board.note_text(id));
    let on_release = move |_| {
        drop_here.set(false);
        if let Some(duplicate) = dragged.get_untracked().filter(|&d| d != id) {
            dragged.set(None);
            let (Some(dropped), Some(target)) = (text_of(duplicate), text_of(id)) else { return };
            if confirm_merge(bt, &dropped, &target) {
                merge.dispatch(MergeNotes { kept: id, duplicate });
            }
        }
    };
    let hidden = note.hidden;
    view! {
        <li class="note" class:hidden-note=note.hidden class:drop-target=move || drop_here.get()
            class:dragging=move || dragged.get() == Some(id) data-note-id=id.to_string()
            on:pointerenter=move |_| drop_here.set(dragged.get_untracked().is_some_and(|d| d != id))
            on:pointerleave=move |_| drop_here.set(false)
            on:pointerup=on_release>
            <p class="note-text draggable" on:pointerdown=move |ev| {
                if ev.is_primary() && ev.button() == 0 {
                    ev.prevent_default();
                    dragged.set(Some(id));
                }
            }>{note.text.clone()}</p>
            <p class="note-meta">
                <span>{author_line(&note, t.anonymous)}</span>
                <SupportCount board note_id=id/>
                {note.hidden.then(|| view! { <span class="badge">{t.hidden}</span> })}
                {note.edited_at.is_some().then(|| view! { <span class="badge">{t.edited}</span> })}
                {(note.merged_count > 0).then(|| view! { <span class="badge">{(t.merged)(note.merged_count)}</span> })}
            </p>
            <CardMenu of=MenuOf::GridNote(id) label=bt.note_actions about=note.text.clone()>
                <ModerationButtons note_id=id hidden moderate/>
                <MergeSearch board duplicate=id merge/>
            </CardMenu>
        </li>
    }
}
