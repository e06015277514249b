//! What a participant sees: find a workshop by code, join it, write and change own notes.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use uuid::Uuid;

use crate::api::{AddNote, DeleteNote, EditNote, JoinWorkshop, get_board};
use crate::components::Problem;
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::model::{
    Board, JoinCode, NAME_MAX_CHARS, NOTE_MAX_CHARS, Note, ORGANISATION_MAX_CHARS, WorkshopState,
};

/// The code form. A plain GET form, so it works before hydration and without script.
#[component]
pub fn JoinByCode() -> impl IntoView {
    let t = use_lang().texts();
    view! {
        <section aria-labelledby="join-heading" class="join-box">
            <h2 id="join-heading">{t.join_heading}</h2>
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
        None => view! { <JoinByCode/> }.into_any(),
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

/// Bumps `refresh` whenever an action succeeds, so the board reloads only after a change
/// really happened (a failed action keeps what the user typed on screen).
fn refresh_on_success(succeeded: impl Fn() -> bool + 'static, refresh: RwSignal<u32>) {
    Effect::new(move |_| {
        if succeeded() {
            refresh.update(|n| *n += 1);
        }
    });
}

/// Whether an action's last run succeeded.
fn succeeded<T>(value: Option<Result<T, AppError>>) -> bool {
    matches!(value, Some(Ok(_)))
}

#[component]
fn BoardForCode(code: String) -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let join = ServerAction::<JoinWorkshop>::new();
    let add = ServerAction::<AddNote>::new();
    let edit = ServerAction::<EditNote>::new();
    let delete = ServerAction::<DeleteNote>::new();
    let refresh = RwSignal::new(0_u32);
    refresh_on_success(move || succeeded(join.value().get()), refresh);
    refresh_on_success(move || succeeded(add.value().get()), refresh);
    refresh_on_success(move || succeeded(edit.value().get()), refresh);
    refresh_on_success(move || succeeded(delete.value().get()), refresh);

    // The draft and its id live here, outside the reloading board, so nothing typed is lost.
    let draft = RwSignal::new(String::new());
    let note_id = RwSignal::new(Uuid::new_v4());
    Effect::new(move |_| {
        if succeeded(add.value().get()) {
            draft.set(String::new());
            note_id.set(Uuid::new_v4());
        }
    });

    let board = Resource::new(move || (code.clone(), refresh.get()), |(code, _)| get_board(code));
    let composer = Composer { add, draft, note_id };
    view! {
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match board.await {
                    Ok(board) => view! { <BoardView board join composer edit delete/> }.into_any(),
                    Err(err) => view! {
                        <p class="problem" role="alert" data-testid="join-problem">{err.message(lang)}</p>
                        <JoinByCode/>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The state of the note form, kept above the board so a reload does not reset it.
#[derive(Clone, Copy)]
struct Composer {
    add: ServerAction<AddNote>,
    draft: RwSignal<String>,
    note_id: RwSignal<Uuid>,
}

#[component]
fn BoardView(
    board: Board,
    join: ServerAction<JoinWorkshop>,
    composer: Composer,
    edit: ServerAction<EditNote>,
    delete: ServerAction<DeleteNote>,
) -> impl IntoView {
    let t = use_lang().texts();
    let workshop = board.workshop;
    let locked = workshop.state == WorkshopState::Locked;
    let action = match board.me {
        None => view! { <JoinForm code=workshop.join_code.clone() join/> }.into_any(),
        Some(me) => {
            let who = match (me.display_name, me.organisation) {
                (Some(name), Some(org)) => format!("{name}, {org}"),
                (Some(name), None) => name,
                (None, Some(org)) => org,
                (None, None) => t.anonymous.to_string(),
            };
            view! {
                <p class="meta" data-testid="joined-as">{t.joined_as}" "<strong>{who}</strong></p>
                {(!locked).then(|| view! { <NoteForm workshop_id=workshop.id composer/> })}
            }
            .into_any()
        }
    };
    view! {
        <p class="crumbs">{t.round_label}": "{workshop.round_title}</p>
        <h1>{workshop.title}</h1>
        <p class="meta">{workshop.sector}" "{workshop.held_on.unwrap_or_default()}</p>
        <ul class="prompts">
            {workshop.prompts.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
        </ul>
        {locked.then(|| view! { <p class="notice" role="status">{t.locked_notice}</p> })}
        {action}
        <NoteList notes=board.notes locked edit delete/>
    }
}

#[component]
fn JoinForm(code: JoinCode, join: ServerAction<JoinWorkshop>) -> impl IntoView {
    let t = use_lang().texts();
    let error = Signal::derive(move || join.value().get().and_then(Result::err));
    view! {
        <section aria-labelledby="join-as-heading" class="panel">
            <h2 id="join-as-heading">{t.join_as_heading}</h2>
            <p class="help">{t.join_as_help}</p>
            <ActionForm action=join attr:class="form-grid">
                <input type="hidden" name="code" value=code.as_str().to_string()/>
                <label for="display-name">{t.name_label}</label>
                <input id="display-name" name="display_name" maxlength=NAME_MAX_CHARS autocomplete="name"/>
                <label for="organisation">{t.organisation_label}</label>
                <input id="organisation" name="organisation" maxlength=ORGANISATION_MAX_CHARS autocomplete="organization"/>
                <button type="submit">{t.join_button}</button>
            </ActionForm>
            <Problem error/>
        </section>
    }
}

#[component]
fn NoteForm(workshop_id: Uuid, composer: Composer) -> impl IntoView {
    let t = use_lang().texts();
    let Composer { add, draft, note_id } = composer;
    let error = Signal::derive(move || add.value().get().and_then(Result::err));
    let saved = move || succeeded(add.value().get());
    let count = move || draft.with(|text| text.trim().chars().count());
    view! {
        <section class="panel">
            <ActionForm action=add attr:class="note-form">
                <input type="hidden" name="workshop_id" value=workshop_id.to_string()/>
                <input type="hidden" name="note_id" prop:value=move || note_id.get().to_string()/>
                <label id="write-heading" for="note-text">{t.write_note_label}</label>
                <textarea id="note-text" name="text" rows="3" aria-describedby="note-count"
                    prop:value=move || draft.get()
                    on:input:target=move |ev| draft.set(ev.target().value())></textarea>
                <span id="note-count" class="counter" class:over=move || { count() > NOTE_MAX_CHARS }>
                    {move || format!("{} / {NOTE_MAX_CHARS}", count())}
                </span>
                <button type="submit">{t.add_note}</button>
            </ActionForm>
            <Problem error/>
            <p class="saved" role="status">{move || saved().then_some(t.note_added)}</p>
        </section>
    }
}

/// The notes of a board; the viewer's own ones can be edited and deleted while open.
#[component]
pub fn NoteList(
    notes: Vec<Note>,
    locked: bool,
    edit: ServerAction<EditNote>,
    delete: ServerAction<DeleteNote>,
) -> impl IntoView {
    let t = use_lang().texts();
    let edit_error = Signal::derive(move || edit.value().get().and_then(Result::err));
    let delete_error = Signal::derive(move || delete.value().get().and_then(Result::err));
    view! {
        <section aria-labelledby="notes-heading">
            <h2 id="notes-heading">{t.notes_heading}" ("{notes.len()}")"</h2>
            <Problem error=edit_error/>
            <Problem error=delete_error/>
            {notes.is_empty().then(|| view! { <p>{t.no_notes}</p> })}
            <ul class="notes" data-testid="notes">
                {notes.into_iter().map(|note| view! { <NoteItem note locked edit delete/> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn NoteItem(
    note: Note,
    locked: bool,
    edit: ServerAction<EditNote>,
    delete: ServerAction<DeleteNote>,
) -> impl IntoView {
    let t = use_lang().texts();
    let editing = RwSignal::new(false);
    let author = note.author_name.clone().unwrap_or_else(|| t.anonymous.to_string());
    let can_change = note.mine && !locked;
    let id = note.id.to_string();
    let text = note.text.clone();
    let body = {
        let id = id.clone();
        move || {
            if editing.get() {
                let note_id = id.clone();
                let field_id = format!("edit-{id}");
                let current = text.clone();
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
                let current = text.clone();
                view! { <p class="note-text">{current}</p> }.into_any()
            }
        }
    };
    view! {
        <li class="note" class:mine=note.mine class:hidden-note=note.hidden data-note-id=id>
            {body}
            <p class="note-meta">
                <span>{author}</span>
                {note.organisation.clone().map(|org| view! { <span>{org}</span> })}
                {note.mine.then(|| view! { <span class="badge">{t.yours}</span> })}
                {note.hidden.then(|| view! { <span class="badge">{t.hidden}</span> })}
                {note.edited_at.is_some().then(|| view! { <span class="badge">{t.edited}</span> })}
            </p>
            {can_change.then(|| view! {
                <div class="note-actions">
                    <button type="button" on:click=move |_| editing.update(|e| *e = !*e)>{t.edit}</button>
                    <ActionForm action=delete attr:class="inline">
                        <input type="hidden" name="note_id" value=note.id.to_string()/>
                        <button type="submit">{t.delete}</button>
                    </ActionForm>
                </div>
            })}
        </li>
    }
}
