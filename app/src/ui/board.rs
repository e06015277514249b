//! Pieces of a live board shared by the participant, facilitator and presenter pages.

use leptos::prelude::*;

use crate::api::find_similar_notes;
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::model::{NOTE_MAX_CHARS, Note, parse_note_text};
use crate::ui::components::Problem;
use crate::ui::live_board::{Connection, LiveBoard};
use crate::ui::similar::similar_notes;
use crate::ui::voting::{SupportButton, SupportCount};

/// Connection state and notes waiting to be sent, announced politely to screen readers.
#[component]
pub fn ConnectionStatus(board: LiveBoard) -> impl IntoView {
    let t = use_lang().texts();
    let label = move || match board.connection.get() {
        Connection::Connecting => t.connecting,
        Connection::Online => t.online,
        Connection::Offline => t.offline,
        Connection::SignedOut => t.signed_out,
    };
    let state = move || match board.connection.get() {
        Connection::Connecting => "connecting",
        Connection::Online => "online",
        Connection::Offline => "offline",
        Connection::SignedOut => "signed-out",
    };
    view! {
        <p class="connection" role="status" aria-live="polite" data-testid="connection" data-state=state>
            <span class="dot" aria-hidden="true"></span>
            {label}
            {move || (board.connection.get() == Connection::SignedOut).then(|| view! {
                " " <a href="/login" data-testid="sign-in-again">{t.sign_in_again}</a>
            })}
            {move || {
                let waiting = board.waiting();
                (waiting > 0).then(|| view! {
                    <span class="waiting" data-testid="waiting">{format!(" · {}", (t.waiting_to_send)(waiting))}</span>
                })
            }}
        </p>
    }
}

/// The countdown the facilitator started, ticking every second (browser only).
#[component]
pub fn Countdown(board: LiveBoard, #[prop(optional)] large: bool) -> impl IntoView {
    let t = use_lang().texts();
    let now_ms = RwSignal::new(None::<f64>);
    // Effects run only in the browser, so the server renders no time that could differ.
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            let tick = move || now_ms.set(Some(js_sys::Date::now()));
            tick();
            if let Ok(handle) = set_interval_with_handle(tick, std::time::Duration::from_millis(500)) {
                on_cleanup(move || handle.clear());
            }
        }
    });
    let remaining = move || {
        let end = board.status.with(|s| s.timer_ends_at)?.as_millisecond() as f64;
        let now = now_ms.get()? + board.clock_offset_ms.get();
        Some(((end - now) / 1000.0).ceil().max(0.0) as u64)
    };
    move || {
        remaining().map(|secs| {
            let text = format!("{:02}:{:02}", secs / 60, secs % 60);
            view! {
                <p class="timer" class:large=large class:done=secs == 0 data-testid="timer" aria-label=t.time_left>
                    {if secs == 0 { t.time_is_up.to_string() } else { text }}
                </p>
            }
        })
    }
}

/// The note composer: checks the note right here, then hands it to the board's outbox.
#[component]
pub fn Composer(board: LiveBoard, draft: RwSignal<String>) -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let problem = RwSignal::new(None::<String>);
    let count = move || draft.with(|text| text.trim().chars().count());
    // A refused text stays in the field, with why.
    let send = move || match parse_note_text(&draft.get_untracked()) {
        Ok(text) => {
            board.write(text);
            draft.set(String::new());
            problem.set(None);
        }
        Err(err) => problem.set(Some(err.message(lang))),
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send();
    };
    // Enter sends, as in a chat, so a note goes without reaching for the button (on a phone
    // the button may be under the keyboard); Shift+Enter starts a new line. Ctrl/Cmd+Enter
    // sends too. Not while an input method is composing a word: that Enter is the word's.
    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" && !ev.shift_key() && !ev.is_composing() {
            ev.prevent_default();
            send();
        }
    };
    view! {
        <section class="panel">
            // Before the page has hydrated (or without script) the form still works: it posts
            // to the server function with a note id made on the server.
            <form class="note-form" method="post" action="/api/add_note" on:submit=submit>
                <input type="hidden" name="workshop_id" value=board.workshop_id.to_string()/>
                <input type="hidden" name="note_id" value=crate::model::ids::NoteId::random().to_string()/>
                <label for="note-text">{t.write_note_label}</label>
                <textarea id="note-text" name="text" rows="3" aria-describedby="note-count note-keys"
                    enterkeyhint="send" prop:value=move || draft.get() on:keydown=keydown
                    on:input:target=move |ev| draft.set(ev.target().value())></textarea>
                // One line under the field: how many characters are left, and what Enter does
                // (told, since in a text area a new line is what a person would expect).
                <div class="note-form-meta">
                    <span id="note-count" class="counter" class:over=move || { count() > NOTE_MAX_CHARS }>
                        {move || format!("{} / {NOTE_MAX_CHARS}", count())}
                    </span>
                    <span id="note-keys" class="counter" data-testid="enter-sends">{t.enter_sends}</span>
                </div>
                // Right under the text while typing, before the button: seen, and heard.
                <SimilarNotes board draft/>
                <button type="submit">{t.add_note}</button>
            </form>
            {move || problem.get().map(|p| view! { <p class="problem" role="alert">{p}</p> })}
            {move || board.refused.get().into_iter().map(|(note, err)| view! {
                <p class="problem" role="alert">{(t.not_saved)(&err.message(lang), &note.text)}</p>
            }).collect_view()}
        </section>
    }
}

/// Notes on the board like the draft, found while typing (after a pause), each with +1, so
/// a participant can back an existing note instead of writing it again.
///
/// The server finds them (by meaning, when it has its sentence model); while offline, or if
/// it fails, the browser's own matcher does. Either way only notes still on this board show.
#[component]
fn SimilarNotes(board: LiveBoard, draft: RwSignal<String>) -> impl IntoView {
    let t = use_lang().texts();
    let settled = RwSignal::new(String::new());
    // Only in the browser (effects do not run on the server): wait for a pause in typing.
    Effect::new(move |pending: Option<Option<TimeoutHandle>>| {
        let text = draft.get();
        if let Some(Some(handle)) = pending {
            handle.clear();
        }
        set_timeout_with_handle(move || settled.set(text), SIMILAR_DEBOUNCE).ok()
    });
    // The server's answer with the draft it was for: an answer to an older draft is not
    // shown, the browser's matcher stands in until the current one arrives.
    let from_server = RwSignal::new(None::<(String, Vec<Note>)>);
    let workshop_id = board.workshop_id;
    Effect::new(move |_| {
        let draft = settled.get();
        if draft.trim().is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(found) = find_similar_notes(workshop_id, draft.clone()).await {
                from_server.set(Some((draft, found)));
            }
        });
    });
    let found = Memo::new(move |_| {
        settled.with(|draft| {
            board.notes.with(|notes| match from_server.get() {
                // The board's own copies: their +1 counts and hidden state are live.
                Some((asked, found)) if asked == *draft => found
                    .iter()
                    .filter_map(|f| notes.iter().find(|note| note.id == f.id && !note.hidden))
                    .cloned()
                    .collect(),
                _ => similar_notes(draft, notes, None),
            })
        })
    });
    let count = move || found.with(Vec::len);
    view! {
        <div class="similar" data-testid="similar">
            // Always in the page, so screen readers hear each change of the count.
            <p class="meta" role="status" aria-live="polite" data-testid="similar-count">
                {move || match count() {
                    0 => String::new(),
                    n => (t.similar_found)(n),
                }}
            </p>
            <Show when=move || { count() > 0 }>
                <p class="help">{t.similar_help}</p>
            </Show>
            <ul class="similar-notes" data-testid="similar-notes">
                <For each=move || found.get() key=|note| note.id let:note>
                    <li class="note similar-note">
                        <p class="note-text">{note.text.clone()}</p>
                        <p class="note-meta">
                            <span>{author_line(&note, t.anonymous)}</span>
                            <SupportCount board note_id=note.id/>
                        </p>
                        {(!note.mine).then(|| view! {
                            <div class="note-actions">
                                <SupportButton board note_id=note.id text=note.text.clone()/>
                            </div>
                        })}
                    </li>
                </For>
            </ul>
        </div>
    }
}

/// How long typing must pause before similar notes are looked for (each look is a request).
const SIMILAR_DEBOUNCE: std::time::Duration = std::time::Duration::from_millis(400);

/// The first words of a note, for a question about it (the note itself is in view).
pub fn shorten(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        format!("{} …", text.chars().take(MAX).collect::<String>())
    }
}

/// Notes written here that are on their way, shown so nothing seems lost.
#[component]
pub fn Outgoing(board: LiveBoard) -> impl IntoView {
    let t = use_lang().texts();
    view! {
        <ul class="notes outgoing" data-testid="outgoing">
            {move || board.outgoing.get().into_iter().map(|o| view! {
                <li class="note pending">
                    <p class="note-text">{o.text}</p>
                    <p class="note-meta"><span class="badge">{if o.acked { t.saved } else { t.sending }}</span></p>
                </li>
            }).collect_view()}
        </ul>
    }
}

/// The author line of a note.
pub fn author_line(note: &Note, anonymous: &'static str) -> String {
    who(note.author_name.as_deref(), note.organisation.as_deref(), anonymous)
}

/// A person as shown: name and organisation, either, or "anonymous".
pub fn who(name: Option<&str>, organisation: Option<&str>, anonymous: &'static str) -> String {
    match (name, organisation) {
        (Some(name), Some(org)) => format!("{name} · {org}"),
        (Some(name), None) => name.to_string(),
        (None, Some(org)) => org.to_string(),
        (None, None) => anonymous.to_string(),
    }
}

/// The notes whose text holds every word of `query` (case aside), in board order.
pub fn notes_matching<'a>(notes: &'a [Note], query: &str) -> impl Iterator<Item = &'a Note> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    notes.iter().filter(move |note| {
        let text = note.text.to_lowercase();
        words.iter().all(|word| text.contains(word.as_str()))
    })
}

/// Notes a grid shows at first, and how many more each "show more" adds: a board of 800
/// notes stays quick to draw and to read, and the newest notes are the ones shown.
const GRID_PAGE: usize = 100;
/// From this many notes on, a grid offers a search box.
const GRID_FILTER_FROM: usize = 12;

/// The board's notes as a live grid with a heading and a count; `item` draws one note.
///
/// It shows the latest [`GRID_PAGE`] notes, newest first (more on request) and, on larger
/// boards, a search box that narrows the grid to notes holding every word typed. Newest
/// first, as on the room display: a participant on a phone sees the note just added right
/// under the composer, not a hundred notes down.
#[component]
pub fn NoteGrid<F, V>(
    board: LiveBoard,
    #[prop(into)] errors: Signal<Option<AppError>>,
    item: F,
) -> impl IntoView
where
    F: Fn(Note) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let lang = use_lang();
    let (t, bt) = (lang.texts(), lang.board_texts());
    let count = move || board.notes.with(Vec::len);
    let query = RwSignal::new(String::new());
    let limit = RwSignal::new(GRID_PAGE);
    let matching = Memo::new(move |_| {
        query
            .with(|query| board.notes.with(|notes| notes_matching(notes, query).cloned().collect::<Vec<_>>()))
    });
    let shown = move || matching.with(|m| m.len().min(limit.get()));
    let hidden_by_limit = move || matching.with(Vec::len) - shown();
    view! {
        <section aria-labelledby="notes-heading" class="note-grid">
            <h2 id="notes-heading">{t.notes_heading}" ("{count}")"</h2>
            <Problem error=errors/>
            <Show when=move || count() == 0>
                <p>{t.no_notes}</p>
            </Show>
            <Show when=move || { count() >= GRID_FILTER_FROM }>
                <p class="grid-filter">
                    <label for="note-filter">{bt.filter_label}</label>" "
                    <input id="note-filter" type="search" autocomplete="off"
                        prop:value=move || query.get() on:input:target=move |ev| query.set(ev.target().value())/>
                </p>
            </Show>
            <p class="meta" role="status" aria-live="polite" data-testid="grid-status">
                {move || match (matching.with(Vec::is_empty), hidden_by_limit()) {
                    (true, _) if count() > 0 => bt.filter_no_match.to_string(),
                    (_, 0) => String::new(),
                    _ => (bt.showing_latest)(shown(), matching.with(Vec::len)),
                }}
            </p>
            <Show when=move || { hidden_by_limit() > 0 }>
                <div class="form-row">
                    <button type="button" class="secondary" on:click=move |_| limit.update(|l| *l += GRID_PAGE)>
                        {move || (bt.show_more)(hidden_by_limit().min(GRID_PAGE))}
                    </button>
                    <button type="button" class="secondary" on:click=move |_| limit.set(usize::MAX)>{bt.show_all}</button>
                </div>
            </Show>
            <ul class="notes" data-testid="notes">
                <For
                    each=move || {
                        let take = shown();
                        matching.with(|m| m[m.len() - take..].iter().rev().cloned().collect::<Vec<_>>())
                    }
                    key=|note| (note.id, note.text.clone(), note.hidden, note.merged_count)
                    children=move |note| item(note)
                />
            </ul>
        </section>
    }
}
