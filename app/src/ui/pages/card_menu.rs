//! The one menu on each card of the facilitator's board (a note in the grid, a note in a
//! theme, a theme), and merging a note into another by search or by dropping its card on
//! the other.
//!
//! At most one menu is open on the page, and a menu's contents exist only while it is
//! open: a board of 800 notes carries 800 buttons, not 800 forms. The button says which card
//! it belongs to (for screen readers); Escape closes the menu and gives the focus back to it.

use leptos::prelude::*;

use crate::api::{MergeNotes, ModerateNote};
use crate::i18n::use_lang;
use crate::model::Moderation;
use crate::model::ids::{NoteId, ThemeId};
use crate::texts::BoardTexts;
use crate::ui::board::{notes_matching, shorten};
use crate::ui::live_board::LiveBoard;
use crate::ui::pages::trash::Deletions;
use crate::ui::similar::similar_notes;

/// Which card a menu belongs to. A note has a card in the grid and one in its theme, so the
/// place is part of the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuOf {
    GridNote(NoteId),
    ThemeNote(NoteId),
    Theme(ThemeId),
}

/// The page's shared state of card menus and card drags.
#[derive(Clone, Copy)]
pub struct CardMenus {
    /// The open menu, if any.
    open: RwSignal<Option<MenuOf>>,
    /// The grid note being dragged onto another, if any.
    pub dragged_note: RwSignal<Option<NoteId>>,
}

impl CardMenus {
    /// Makes the page's menus; call once per page, above every card.
    pub fn provide() -> Self {
        let menus = CardMenus { open: RwSignal::new(None), dragged_note: RwSignal::new(None) };
        provide_context(menus);
        menus
    }

    /// The page's menus (a page without [`CardMenus::provide`] gets menus of its own).
    pub fn use_menus() -> Self {
        use_context::<CardMenus>().unwrap_or_else(Self::provide)
    }

    /// Closes whichever menu is open.
    pub fn close(self) {
        self.open.set(None);
    }
}

/// A card's menu button and, while open, its panel of `children`.
#[component]
pub fn CardMenu(
    of: MenuOf,
    /// The button's text.
    label: &'static str,
    /// What the card is (its text or name), added for screen readers.
    #[prop(into)]
    about: String,
    children: ChildrenFn,
) -> impl IntoView {
    let menus = CardMenus::use_menus();
    let is_open = move || menus.open.get() == Some(of);
    let button = NodeRef::<leptos::html::Button>::new();
    let panel = NodeRef::<leptos::html::Div>::new();
    let close = move || {
        menus.open.set(None);
        if let Some(button) = button.get_untracked() {
            let _ = button.focus();
        }
    };
    // The panel opens under the keyboard's focus: on its first control.
    Effect::new(move || {
        if let Some(panel) = panel.get()
            && let Ok(Some(first)) = panel.query_selector("button, input, select, textarea")
        {
            use leptos::wasm_bindgen::JsCast;
            if let Ok(first) = first.dyn_into::<leptos::web_sys::HtmlElement>() {
                let _ = first.focus();
            }
        }
    });
    let children = StoredValue::new(children);
    view! {
        <div class="card-menu" on:keydown=move |ev| {
            if ev.key() == "Escape" && is_open() {
                ev.stop_propagation();
                close();
            }
        }>
            // The card's text is in the button's name, not its content, so a search of the
            // page for that text finds the card once; whole, and on hover too.
            <button type="button" class="secondary small menu-button" node_ref=button
                aria-label=format!("{label}: {about}") title=format!("{label}: {about}")
                aria-expanded=move || is_open().to_string()
                on:click=move |_| menus.open.update(|open| *open = if *open == Some(of) { None } else { Some(of) })>
                {label}
            </button>
            {move || is_open().then(|| view! {
                <div class="menu-panel" role="group" aria-label=label node_ref=panel>
                    {children.read_value()()}
                </div>
            })}
        </div>
    }
}

/// Hide (or show) and delete, as buttons of a note's menu. Delete asks once, in the menu:
/// one slip of the hand does not take a note off the board; and then the page offers an
/// undo for a while (see [`Deletions`]).
#[component]
pub fn ModerationButtons(
    note_id: NoteId,
    hidden: bool,
    moderate: ServerAction<ModerateNote>,
) -> impl IntoView {
    let t = use_lang().texts();
    let menus = CardMenus::use_menus();
    // On the facilitator's page a delete goes through the page's deletions, which offer an
    // undo once it is done.
    let deletions = Deletions::use_deletions();
    let asking = RwSignal::new(false);
    let act = move |action: Moderation| {
        match deletions {
            Some(deletions) if action == Moderation::Delete => deletions.delete(note_id),
            _ => {
                moderate.dispatch(ModerateNote { note_id, action });
            }
        }
        menus.close();
    };
    let delete = move || {
        if asking.get() {
            view! {
                <p class="confirm" role="alert">{t.delete_note_confirm}</p>
                <button type="button" class="danger" on:click=move |_| act(Moderation::Delete)>
                    {t.delete_note_yes}
                </button>
                <button type="button" class="secondary" on:click=move |_| asking.set(false)>{t.cancel}</button>
            }
            .into_any()
        } else {
            view! {
                <button type="button" class="secondary" on:click=move |_| asking.set(true)>{t.delete}</button>
            }
            .into_any()
        }
    };
    view! {
        <div class="note-actions">
            <button type="button" class="secondary"
                on:click=move |_| act(if hidden { Moderation::Show } else { Moderation::Hide })>
                {if hidden { t.show } else { t.hide }}
            </button>
            {delete}
        </div>
    }
}

/// How many notes the merge search offers at most.
const MERGE_CHOICES: usize = 6;

/// Merging one note into another chosen by search; before anything is typed, the notes most
/// like it are offered.
#[component]
pub fn MergeSearch(board: LiveBoard, duplicate: NoteId, merge: ServerAction<MergeNotes>) -> impl IntoView {
    let t = use_lang().board_texts();
    let query = RwSignal::new(String::new());
    let choices = Memo::new(move |_| {
        let own = board.note_text(duplicate).unwrap_or_default();
        query.with(|query| {
            board.notes.with(|notes| {
                if query.trim().is_empty() {
                    let mut similar = similar_notes(&own, notes, Some(duplicate));
                    similar.truncate(MERGE_CHOICES);
                    similar
                } else {
                    notes_matching(notes, query)
                        .filter(|n| n.id != duplicate)
                        .take(MERGE_CHOICES)
                        .cloned()
                        .collect()
                }
            })
        })
    });
    let menus = CardMenus::use_menus();
    let input_id = format!("merge-search-{duplicate}");
    view! {
        <div class="merge-search">
            <label for=input_id.clone()>{t.merge_search_label}</label>
            <input id=input_id type="search" autocomplete="off" placeholder=t.merge_search_placeholder
                prop:value=move || query.get() on:input:target=move |ev| query.set(ev.target().value())/>
            {move || (query.with(|q| q.trim().is_empty()) && choices.with(|c| !c.is_empty()))
                .then(|| view! { <p class="meta">{t.merge_suggested}</p> })}
            <ul class="merge-choices">
                {move || choices.get().into_iter().map(|note| {
                    let kept = note.id;
                    view! {
                        <li>
                            // The whole text, two lines of it until pointed at or focused,
                            // and all of it in the button's name.
                            <button type="button" class="secondary small" title=note.text.clone() on:click=move |_| {
                                merge.dispatch(MergeNotes { kept, duplicate });
                                menus.close();
                            }><span class="clamp">{note.text.clone()}</span></button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || (choices.with(Vec::is_empty) && query.with(|q| !q.trim().is_empty()))
                .then(|| view! { <p class="meta">{t.merge_no_match}</p> })}
        </div>
    }
}

/// Asks before a dropped card is merged into the card it was dropped on (browser only).
pub fn confirm_merge(t: &BoardTexts, dropped: &str, target: &str) -> bool {
    let question = (t.merge_confirm)(&shorten(dropped), &shorten(target));
    #[cfg(feature = "hydrate")]
    {
        leptos::prelude::window().confirm_with_message(&question).unwrap_or(false)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = question;
        false
    }
}
