//! The presenter view for a projector: large notes, the code and the countdown, live, no
//! controls. It shows what every participant may see: no hidden notes, nothing written
//! during private writing until the reveal. Once the notes are clustered it can show the
//! themes instead: their names and counts, and a theme's notes when opened. The themes come
//! as the room may see them: a name the clustering drew from notes the room may not see is
//! shown as the theme's number.

use leptos::prelude::*;

use crate::api::get_room_themes;
use crate::i18n::use_lang;
use crate::model::{FacilitatorBoard, Note, RoomTheme};
use crate::texts::Texts;
use crate::ui::board::{Countdown, author_line};
use crate::ui::live_board::{BoardView, LiveBoard};
use crate::ui::pages::facilitator::with_facilitator_board;
use crate::ui::voting::{SupportCount, VoteResults};

/// `/workshops/:workshop_id/present`
#[component]
pub fn PresenterPage() -> impl IntoView {
    with_facilitator_board(BoardView::Presenter, |board| view! { <PresenterView board/> })
}

#[component]
fn PresenterView(board: FacilitatorBoard) -> impl IntoView {
    let lang = use_lang();
    let (t, bt) = (lang.texts(), lang.board_texts());
    let live = LiveBoard::new(&board.board, BoardView::Presenter);
    live.connect();
    let workshop = board.board.workshop;
    let show_themes = RwSignal::new(false);
    view! {
        <div class="presenter">
            <header class="presenter-head">
                <h1>{workshop.title}</h1>
                <p class="presenter-code">
                    {t.join_heading}": "<strong>{workshop.join_code.display()}</strong>
                </p>
                <p class="presenter-count" role="status">{move || (t.notes_n)(live.notes.with(Vec::len))}</p>
                <Countdown board=live large=true/>
                <button type="button" class="secondary presenter-mode" aria-pressed=move || show_themes.get().to_string()
                    on:click=move |_| show_themes.update(|on| *on = !*on)>
                    {move || if show_themes.get() { bt.show_notes } else { bt.show_themes }}
                </button>
                <img class="qr presenter-qr" src=format!("/workshops/{}/qr.svg", workshop.id) alt=t.qr_alt width="160" height="160"/>
            </header>
            {move || live.status.with(|s| s.private_mode).then(|| view! {
                <p class="notice private">{t.private_active}</p>
            })}
            <VoteResults board=live large=true after_close=true/>
            <ProjectedThemes live show_themes/>
            <ul class="notes presenter-notes" data-testid="notes" hidden=move || show_themes.get()>
                <For each=move || live.notes.get() key=|note| (note.id, note.text.clone(), note.merged_count) let:note>
                    <li class="note">
                        <p class="note-text">{note.text.clone()}</p>
                        <p class="note-meta">
                            <span>{author_line(&note, t.anonymous)}</span>
                            <SupportCount board=live note_id=note.id/>
                        </p>
                    </li>
                </For>
            </ul>
        </div>
    }
}

/// The themes mode: each theme's name (or number) and how many of the shown notes it holds,
/// its notes when opened. Only notes the projector may show are counted or listed, so a
/// hidden note, or one written during private writing, stays off the wall here too.
#[component]
fn ProjectedThemes(live: LiveBoard, show_themes: RwSignal<bool>) -> impl IntoView {
    let lang = use_lang();
    let (t, bt) = (lang.texts(), lang.board_texts());
    // Loaded once the mode is on, again after every change of the themes.
    let themes = LocalResource::new(move || {
        live.themes_version.track();
        let on = show_themes.get();
        async move { if on { get_room_themes(live.workshop_id).await.ok() } else { None } }
    });
    let shown = move |theme: &RoomTheme| -> Vec<Note> {
        live.notes
            .with(|notes| notes.iter().filter(|note| theme.note_ids.contains(&note.id)).cloned().collect())
    };
    view! {
        <Show when=move || show_themes.get()>
            <Suspense fallback=|| ()>
                {move || themes.get().flatten().map(|themes| {
                    let projected: Vec<(RoomTheme, Vec<Note>)> = themes
                        .into_iter()
                        .map(|theme| { let notes = shown(&theme); (theme, notes) })
                        .filter(|(_, notes)| !notes.is_empty())
                        .collect();
                    if projected.is_empty() {
                        // During private writing the banner above says why nothing shows.
                        let private = live.status.with(|s| s.private_mode);
                        return (!private).then(|| view! { <p class="notice">{bt.no_themes_yet}</p> }).into_any();
                    }
                    view! {
                        <ul class="presenter-themes" data-testid="presenter-themes">
                            {projected.into_iter().map(|(theme, notes)| view! {
                                <li class="presenter-theme">
                                    <details>
                                        <summary>
                                            <span class="presenter-theme-name">{room_theme_name(t, &theme)}</span>
                                            " "<span class="count">{(t.notes_n)(notes.len())}</span>
                                        </summary>
                                        <ul class="presenter-theme-notes">
                                            {notes.into_iter().map(|note| view! { <li class="note-text">{note.text}</li> }).collect_view()}
                                        </ul>
                                    </details>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                })}
            </Suspense>
        </Show>
    }
}

/// What the room is told a theme is called: the unsorted group as such, a theme named from
/// notes the room may not see by its number.
fn room_theme_name(t: &Texts, theme: &RoomTheme) -> String {
    match &theme.name {
        _ if theme.unsorted => t.unsorted.to_string(),
        Some(name) => name.clone(),
        None => (t.theme_n)(theme.number),
    }
}
