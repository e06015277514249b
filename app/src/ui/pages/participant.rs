//! What a participant sees: find a workshop by code, join it, write notes (kept live), and
//! change or delete their own.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::{DeleteNote, EditNote, JoinWorkshop, get_board};
use crate::i18n::use_lang;
use crate::model::{Board, JoinCode, NAME_MAX_CHARS, Note, ORGANISATION_MAX_CHARS};
use crate::ui::board::{Composer, ConnectionStatus, Countdown, NoteGrid, Outgoing, author_line, who};
use crate::ui::components::{Problem, answer_with_status};
use crate::ui::live_board::{BoardView, LiveBoard};
use crate::ui::voting::{Ballot, SupportButton, SupportCount};

/// The code form. A plain GET form, so it works before hydration and without script.
#[component]
pub fn JoinByCode(
    /// On a page of its own the heading is the page's main heading (`h1`), else an `h2`.
    #[prop(optional)]
    standalone: bool,
) -> impl IntoView {
    let t = use_lang().texts();
    let heading = if standalone {
        view! { <h1 id="join-heading">{t.join_heading}</h1> }.into_any()
    } else {
        view! { <h2 id="join-heading">{t.join_heading}</h2> }.into_any()
    };
    view! {
        <section aria-labelledby="join-heading" class="join-box">
            {heading}
            <form method="get" action="/join" class="form-row">
                <label for="join-code">{t.join_code_label}</label>
                <input id="join-code" name="code" required autocomplete="off" autocapitalize="characters"
                    maxlength="12" aria-describedby="join-code-help" class="code-input"/>
                <button type="submit">{t.join_go}</button>
            </form>
            <p id="join-code-help" class="help">{t.join_code_help}</p>
        </section>
    }
}

/// `/join` and `/join?code=…`
#[component]
pub fn JoinPage() -> impl IntoView {
    let query = use_query_map();
    move || match query.read().get("code") {
        Some(code) => view! { <BoardForCode code/> }.into_any(),
        None => view! { <JoinByCode standalone=true/> }.into_any(),
    }
}

/// `/join/:code`: the link and QR code lead here.
#[component]
pub fn ParticipantPage() -> impl IntoView {
    let params = use_params_map();
    move || {
        let code = params.read().get("code").unwrap_or_default();
        view! { <BoardForCode code/> }
    }
}

#[component]
fn BoardForCode(code: String) -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let join = ServerAction::<JoinWorkshop>::new();
    // Reloaded after joining and after a reveal; everything else arrives live.
    let reload = RwSignal::new(0_u32);
    Effect::new(move |_| {
        if matches!(join.value().get(), Some(Ok(_))) {
            reload.update(|n| *n += 1);
        }
    });
    // The draft lives above the reloading board, so nothing typed is lost.
    let draft = RwSignal::new(String::new());
    let board = Resource::new(move || (code.clone(), reload.get()), |(code, _)| get_board(code));
    view! {
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match board.await {
                    Ok(board) => view! { <BoardView board join draft reload/> }.into_any(),
                    Err(err) => {
                        answer_with_status(&err);
                        view! {
                            <p class="problem" role="alert" data-testid="join-problem">{err.message(lang)}</p>
                            <JoinByCode/>
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn BoardView(
    board: Board,
    join: ServerAction<JoinWorkshop>,
    draft: RwSignal<String>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let t = use_lang().texts();
    let workshop = board.workshop.clone();
    // Short, so that on a phone the note field is in view without scrolling: the round,
    // sector and day on one line above the title.
    let context = [
        Some(format!("{}: {}", t.round_label, workshop.round_title)),
        Some(workshop.sector.clone()),
        workshop.held_on.map(|day| day.to_string()),
    ]
    .into_iter()
    .flatten()
    .filter(|part| !part.trim().is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    let header = view! {
        <p class="crumbs participant-context">{context}</p>
        <h1 class="participant-title">{workshop.title.clone()}</h1>
        <ul class="prompts">
            {workshop.prompts.clone().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
        </ul>
    };
    let Some(me) = board.me.clone() else {
        return view! { {header} <JoinForm code=workshop.join_code.clone() anonymous=workshop.anonymous join/> }
            .into_any();
    };
    let live = LiveBoard::new(&board, BoardView::Participant);
    live.connect();
    Effect::new(move |previous: Option<u32>| {
        let now = live.reload.get();
        if previous.is_some_and(|p| p != now) {
            reload.update(|n| *n += 1);
        }
        now
    });
    let who = who(me.display_name.as_deref(), me.organisation.as_deref(), t.anonymous);
    let locked = move || live.status.with(|s| s.locked);
    let private = move || live.status.with(|s| s.private_mode);
    view! {
        {header}
        <div class="participant-status">
            <ConnectionStatus board=live/>
            <p class="meta" data-testid="joined-as">{t.joined_as}" "<strong>{who}</strong></p>
        </div>
        <Countdown board=live/>
        {move || locked().then(|| view! { <p class="notice" role="status">{t.locked_notice}</p> })}
        {move || private().then(|| view! { <p class="notice private" role="status">{t.private_notice}</p> })}
        <Show when=move || !locked()>
            <Composer board=live draft/>
        </Show>
        <Ballot board=live/>
        <Outgoing board=live/>
        <MergedNotice board=live/>
        <LiveNotes board=live/>
    }
    .into_any()
}

#[component]
fn JoinForm(code: JoinCode, anonymous: bool, join: ServerAction<JoinWorkshop>) -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let error = Signal::derive(move || join.value().get().and_then(Result::err));
    view! {
        <section aria-labelledby="join-as-heading" class="panel">
            <h2 id="join-as-heading">{t.join_as_heading}</h2>
            <p class="help">{if anonymous { t.join_as_help_anonymous } else { t.join_as_help }}</p>
            <ActionForm action=join attr:class="form-grid">
                <input type="hidden" name="code" value=code.as_str().to_string()/>
                {if anonymous {
                    view! {
                        <p class="help">{lang.report_texts().anonymous_help}</p>
                        <input type="hidden" name="display_name" value=""/>
                    }.into_any()
                } else {
                    view! {
                        <label for="display-name">{t.name_label}</label>
                        <input id="display-name" name="display_name" maxlength=NAME_MAX_CHARS autocomplete="name"/>
                    }.into_any()
                }}
                <label for="organisation">{t.organisation_label}</label>
                <input id="organisation" name="organisation" maxlength=ORGANISATION_MAX_CHARS autocomplete="organization"/>
                <button type="submit">{t.join_button}</button>
            </ActionForm>
            <Problem error/>
        </section>
    }
}

/// Says where the participant's own notes went when the facilitator merged them.
#[component]
fn MergedNotice(board: LiveBoard) -> impl IntoView {
    let bt = use_lang().board_texts();
    view! {
        <div role="status" aria-live="polite" data-testid="merged-notice">
            {move || board.merged_mine.get().into_iter().map(|(own, kept)| view! {
                <p class="notice info">{(bt.merged_into)(&own, &kept)}</p>
            }).collect_view()}
        </div>
    }
}

/// The live notes of a participant's board; their own can be edited and deleted while open.
#[component]
fn LiveNotes(board: LiveBoard) -> impl IntoView {
    let edit = ServerAction::<EditNote>::new();
    let delete = ServerAction::<DeleteNote>::new();
    let errors = Signal::derive(move || {
        edit.value().get().and_then(Result::err).or_else(|| delete.value().get().and_then(Result::err))
    });
    view! { <NoteGrid board errors item=move |note| view! { <NoteItem note board edit delete/> }/> }
}

#[component]
fn NoteItem(
    note: Note,
    board: LiveBoard,
    edit: ServerAction<EditNote>,
    delete: ServerAction<DeleteNote>,
) -> impl IntoView {
    let t = use_lang().texts();
    let editing = RwSignal::new(false);
    let author = author_line(&note, t.anonymous);
    // Memos: the status changes with every event, and the buttons must keep their focus.
    let can_change = Memo::new(move |_| note.mine && !board.status.with(|s| s.locked));
    let id = note.id.to_string();
    let text = note.text.clone();
    let body = {
        let id = id.clone();
        move || {
            let current = text.clone();
            if editing.get() {
                let note_id = id.clone();
                let field_id = format!("edit-{id}");
                view! {
                    <ActionForm action=edit attr:class="note-form">
                        <input type="hidden" name="note_id" value=note_id/>
                        <label class="visually-hidden" for=field_id.clone()>{t.edit}</label>
                        <textarea id=field_id name="text" rows="3">{current}</textarea>
                        <button type="submit">{t.save}</button>
                        <button type="button" on:click=move |_| editing.set(false)>{t.cancel}</button>
                    </ActionForm>
                }
                .into_any()
            } else {
                view! { <p class="note-text">{current}</p> }.into_any()
            }
        }
    };
    let delete_id = id.clone();
    let can_support = Memo::new(move |_| !note.mine && !board.status.with(|s| s.locked));
    let support_text = note.text.clone();
    view! {
        <li class="note" class:mine=note.mine class:hidden-note=note.hidden data-note-id=id>
            {body}
            <p class="note-meta">
                <span>{author}</span>
                {note.mine.then(|| view! { <span class="badge">{t.yours}</span> })}
                <SupportCount board note_id=note.id/>
                {note.hidden.then(|| view! { <span class="badge">{t.hidden}</span> })}
                {note.edited_at.is_some().then(|| view! { <span class="badge">{t.edited}</span> })}
                {(note.merged_count > 0).then(|| view! { <span class="badge">{(t.merged)(note.merged_count)}</span> })}
            </p>
            {move || can_change.get().then(|| {
                let delete_id = delete_id.clone();
                view! {
                    <div class="note-actions">
                        <button type="button" on:click=move |_| editing.update(|e| *e = !*e)>{t.edit}</button>
                        <ActionForm action=delete attr:class="inline">
                            <input type="hidden" name="note_id" value=delete_id/>
                            <button type="submit">{t.delete}</button>
                        </ActionForm>
                    </div>
                }
            })}
            {move || can_support.get().then(|| view! {
                <div class="note-actions">
                    <SupportButton board note_id=note.id text=support_text.clone()/>
                </div>
            })}
        </li>
    }
}
