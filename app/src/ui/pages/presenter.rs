//! The presenter view for a projector: the join address, code and QR code large enough for
//! the back row, the newest notes first (so a full screen still shows what was just
//! written), live counts of notes and participants and the countdown, no controls. It
//! shows what every participant may see: no hidden notes, nothing written during private
//! writing until the reveal. Once the notes are clustered it can show the themes instead:
//! their names, needs and counts filling the screen under a one-line join reminder, and a
//! theme's notes when opened. The themes come as the room may
//! see them: a name the clustering drew from notes the room may not see is shown as the
//! theme's number.

use leptos::prelude::*;

use crate::api::get_room_themes;
use crate::i18n::use_lang;
use crate::model::{FacilitatorBoard, Note, RoomNeed, RoomTheme};
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
    // The count at opening; every join after it arrives live.
    live.participants.set(board.participant_count);
    let workshop = board.board.workshop;
    let address = join_address(&board.join_url);
    let show_themes = RwSignal::new(false);
    // Newest first: a full screen still shows what the room just wrote, without scrolling.
    let newest_first = move || {
        let mut notes = live.notes.get();
        notes.reverse();
        notes
    };
    view! {
        <div class="presenter" class:themes-mode=move || show_themes.get()>
            <header class="presenter-head">
                <div class="presenter-join">
                    <h1 class="presenter-title">{workshop.title}</h1>
                    <p class="presenter-address" data-testid="presenter-address">{address}</p>
                    <p class="presenter-code" data-testid="presenter-code">
                        <span class="presenter-code-label">{t.join_code_label}" "</span>
                        <strong>{workshop.join_code.display()}</strong>
                    </p>
                    <p class="presenter-count" role="status" data-testid="presenter-count">
                        {move || (t.notes_n)(live.notes.with(Vec::len))}
                        " · "
                        {move || (t.participants_n)(live.participants.get())}
                    </p>
                    <Countdown board=live large=true/>
                    <button type="button" class="secondary presenter-mode" aria-pressed=move || show_themes.get().to_string()
                        on:click=move |_| show_themes.update(|on| *on = !*on)>
                        {move || if show_themes.get() { bt.show_notes } else { bt.show_themes }}
                    </button>
                </div>
                <img class="qr presenter-qr" src=format!("/workshops/{}/qr.svg", workshop.id) alt=t.qr_alt
                    width="320" height="320" data-testid="presenter-qr"/>
            </header>
            {move || live.status.with(|s| s.private_mode).then(|| view! {
                <p class="notice private">{t.private_active}</p>
            })}
            <VoteResults board=live large=true after_close=true/>
            <ProjectedThemes live show_themes/>
            <ul class="notes presenter-notes" data-testid="notes" hidden=move || show_themes.get()>
                <For each=newest_first key=|note| (note.id, note.text.clone(), note.merged_count) let:note>
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

/// The address the room types, from the join link: without the scheme (a browser adds it)
/// and without the code, which the projector shows large beside it: `klustra.example/join`.
fn join_address(join_url: &str) -> String {
    let bare = join_url.split_once("://").map_or(join_url, |(_, rest)| rest);
    match bare.rsplit_once("/join/") {
        Some((host, _code)) => format!("{host}/join"),
        None => bare.to_string(),
    }
}

/// The themes mode: each theme's name (or number) and how many of the shown notes it holds,
/// with its needs likewise under it, its notes when opened. Only notes the projector may
/// show are counted or listed, so a hidden note, or one written during private writing,
/// stays off the wall here too. The names are sized to fill the screen below the join line
/// without being cut (see [`fit_to_window`]).
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
    let shown = move |note_ids: &[crate::model::ids::NoteId]| -> Vec<Note> {
        live.notes.with(|notes| notes.iter().filter(|note| note_ids.contains(&note.id)).cloned().collect())
    };
    let list = NodeRef::<leptos::html::Ul>::new();
    Effect::new(move || {
        if let Some(list) = list.get() {
            fit_to_window(&list);
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| {
        if let Some(list) = list.get_untracked() {
            fit_to_window(&list);
        }
    });
    on_cleanup(move || resize.remove());
    view! {
        <Show when=move || show_themes.get()>
            <Suspense fallback=|| ()>
                {move || themes.get().flatten().map(|themes| {
                    let projected: Vec<(RoomTheme, Vec<Note>)> = themes
                        .into_iter()
                        .map(|theme| { let notes = shown(&theme.note_ids); (theme, notes) })
                        .filter(|(_, notes)| !notes.is_empty())
                        .collect();
                    if projected.is_empty() {
                        // During private writing the banner above says why nothing shows.
                        let private = live.status.with(|s| s.private_mode);
                        return (!private).then(|| view! { <p class="notice">{bt.no_themes_yet}</p> }).into_any();
                    }
                    view! {
                        <ul class="presenter-themes" data-testid="presenter-themes" node_ref=list>
                            {projected.into_iter().map(|(theme, notes)| {
                                let needs: Vec<(String, usize)> = theme
                                    .needs
                                    .iter()
                                    .map(|need| (room_need_name(t, need), shown(&need.note_ids).len()))
                                    .filter(|(_, count)| *count > 0)
                                    .collect();
                                view! {
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
                                        {(!needs.is_empty()).then(|| view! {
                                            <ul class="presenter-needs" data-testid="presenter-needs">
                                                {needs.into_iter().map(|(name, count)| view! {
                                                    <li class="presenter-need">
                                                        <span class="presenter-need-name">{name}</span>
                                                        " "<span class="count">{(t.notes_n)(count)}</span>
                                                    </li>
                                                }).collect_view()}
                                            </ul>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                })}
            </Suspense>
        </Show>
    }
}

/// The largest text size (in px) at which the themes, from the top of `list` down, fit in
/// the window, between a floor still readable from the back of a room (below which the page
/// scrolls instead: nothing is ever cut) and a ceiling at which a few themes do not shout.
/// Names wrap rather than being cut, and the columns are sized in em, so a smaller size
/// also gives more columns: many themes fill the width as well as the height.
fn fit_to_window(list: &leptos::web_sys::HtmlUListElement) {
    let Some(window) = leptos::web_sys::window() else { return };
    let Some(page) = window.document().and_then(|d| d.document_element()) else { return };
    let height = window.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0);
    if height <= 0.0 {
        return;
    }
    // Through the CSS object model: the page's CSP refuses style attributes.
    let style = leptos::web_sys::HtmlElement::style(list);
    let fits = |px: f64| {
        let _ = style.set_property("font-size", &format!("{px:.1}px"));
        f64::from(page.scroll_height()) <= height
    };
    let (floor, ceiling) = (FIT_FLOOR_PX, (height * FIT_CEILING_SHARE).max(FIT_FLOOR_PX));
    if fits(ceiling) {
        return;
    }
    // Halving the gap eight times leaves it under 1 % of the range.
    let (mut low, mut high) = (floor, ceiling);
    for _ in 0..8 {
        let mid = (low + high) / 2.0;
        if fits(mid) { low = mid } else { high = mid }
    }
    fits(low);
}

/// The smallest text of the themes mode (a theme's name), in CSS px: a need's name is 0.7
/// of it, 14 px, still readable from the back of a room on a projector.
const FIT_FLOOR_PX: f64 = 20.0;
/// The largest, as a share of the window's height (a theme's name is this size).
const FIT_CEILING_SHARE: f64 = 0.055;

/// What the room is told a need is called: a need named from notes the room may not see by
/// its number.
fn room_need_name(t: &Texts, need: &RoomNeed) -> String {
    need.name.clone().unwrap_or_else(|| (t.need_n)(need.number))
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

#[cfg(test)]
mod tests {
    use super::join_address;

    #[test]
    fn the_room_is_shown_the_address_without_scheme_and_code() {
        assert_eq!(join_address("https://klustra.myndighet.se/join/KXMW4T"), "klustra.myndighet.se/join");
        assert_eq!(join_address("http://127.0.0.1:3000/join/KXMW4T"), "127.0.0.1:3000/join");
    }
}
