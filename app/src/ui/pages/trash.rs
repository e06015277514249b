//! What a facilitator deleted, and how it comes back: for a while after a delete an "Undo"
//! for the note just deleted, and the workshop's trash (every deleted note until the round's
//! retention removes it), each note with a button that restores it with its theme, need and
//! +1s. Participants never see a note while it is in the trash; a restored one reaches their
//! boards live.

use std::time::Duration;

use leptos::prelude::*;

use crate::api::{ModerateNote, RestoreNote, get_deleted_notes};
use crate::i18n::use_lang;
use crate::model::Moderation;
use crate::model::ids::NoteId;
use crate::model::swedish_time::display_time;
use crate::ui::components::Problem;
use crate::ui::live_board::LiveBoard;

/// How long the undo stays offered after a delete: long enough to notice a slip.
const UNDO_FOR: Duration = Duration::from_secs(15);

/// The page's deletes: the one that may still be undone, and the actions every delete and
/// restore of the page goes through (so the undo follows a delete that succeeded, and the
/// trash reads itself again after each restore).
#[derive(Clone, Copy)]
pub struct Deletions {
    /// The note deleted last, and how many deletes came before it (a later delete restarts
    /// the wait rather than being cut short by the earlier one's timer).
    last: RwSignal<Option<(NoteId, u32)>>,
    /// The note whose delete is on its way.
    deleting: RwSignal<Option<NoteId>>,
    delete: ServerAction<ModerateNote>,
    restore: ServerAction<RestoreNote>,
}

impl Deletions {
    /// Makes the page's deletions; call once per page, above every note menu.
    pub fn provide() -> Self {
        let deletions = Deletions {
            last: RwSignal::new(None),
            deleting: RwSignal::new(None),
            delete: ServerAction::new(),
            restore: ServerAction::new(),
        };
        // Undo is offered once the note is in the trash, not before (a refused delete is
        // shown as the refusal).
        Effect::new(move || {
            if matches!(deletions.delete.value().get(), Some(Ok(())))
                && let Some(note_id) = deletions.deleting.get_untracked()
            {
                deletions.deleting.set(None);
                deletions.deleted(note_id);
            }
        });
        provide_context(deletions);
        deletions
    }

    /// Deletes a note (to the workshop's trash), then offers its undo.
    pub fn delete(self, note_id: NoteId) {
        self.deleting.set(Some(note_id));
        self.delete.dispatch(ModerateNote { note_id, action: Moderation::Delete });
    }

    /// The page's deletions, if the page keeps them.
    pub fn use_deletions() -> Option<Self> {
        use_context::<Deletions>()
    }

    /// A note was just deleted: offer its undo for [`UNDO_FOR`].
    fn deleted(self, note_id: NoteId) {
        let turn = self.last.get_untracked().map_or(0, |(_, turn)| turn + 1);
        self.last.set(Some((note_id, turn)));
        let last = self.last;
        set_timeout(
            move || {
                if last.get_untracked().is_some_and(|(_, t)| t == turn) {
                    last.set(None);
                }
            },
            UNDO_FOR,
        );
    }

    /// Takes `note_id` out of the trash (and the undo offer with it).
    fn restore_note(self, note_id: NoteId) {
        self.restore.dispatch(RestoreNote { note_id });
        if self.last.get_untracked().is_some_and(|(id, _)| id == note_id) {
            self.last.set(None);
        }
    }
}

/// "The note is deleted" with an "Undo" button, for a while after a delete. The button takes
/// the keyboard's focus: the menu that had it went with the note.
#[component]
pub fn UndoDelete(deletions: Deletions) -> impl IntoView {
    let t = use_lang().texts();
    let button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move || {
        if let Some(button) = button.get() {
            let _ = button.focus();
        }
    });
    let error = Signal::derive(move || {
        deletions
            .delete
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| deletions.restore.value().get().and_then(Result::err))
    });
    view! {
        <div class="undo-delete" role="status" aria-live="polite" data-testid="undo-delete">
            {move || deletions.last.get().map(|(note_id, _)| view! {
                <p class="notice info form-row">
                    <span>{t.note_deleted}</span>
                    <button type="button" class="secondary small" node_ref=button
                        on:click=move |_| deletions.restore_note(note_id)>{t.undo_delete}</button>
                </p>
            })}
            <Problem error/>
        </div>
    }
}

/// The workshop's trash, folded until opened; read when opened and again whenever the
/// board's themes change (a delete or a restore, here or on another open page).
#[component]
pub fn TrashPanel(board: LiveBoard, deletions: Deletions) -> impl IntoView {
    let t = use_lang().texts();
    let open = RwSignal::new(false);
    let workshop_id = board.workshop_id;
    let trash = LocalResource::new(move || {
        board.themes_version.track();
        deletions.restore.version().track();
        let open = open.get();
        async move { if open { get_deleted_notes(workshop_id).await.map(Some) } else { Ok(None) } }
    });
    let details = NodeRef::<leptos::html::Details>::new();
    view! {
        <section class="panel trash" aria-labelledby="trash-heading">
            <details node_ref=details on:toggle=move |_| {
                if let Some(details) = details.get_untracked() {
                    open.set(details.open());
                }
            }>
                <summary><h2 id="trash-heading">{t.trash_heading}</h2></summary>
                <p class="help">{t.trash_help}</p>
                <Transition fallback=move || view! { <p>{t.loading}</p> }>
                    {move || Suspend::new(async move {
                        match trash.await {
                            Ok(Some(notes)) if notes.is_empty() => view! { <p class="meta">{t.trash_empty}</p> }.into_any(),
                            Ok(Some(notes)) => view! {
                                <ul class="trash-notes" data-testid="trash">
                                    {notes.into_iter().map(|note| {
                                        let note_id = note.id;
                                        let when = display_time(note.deleted_at);
                                        view! {
                                            <li class="trash-note">
                                                <p class="note-text">{note.text.clone()}</p>
                                                <p class="meta">{(t.deleted_by)(&note.deleted_by, &when)}</p>
                                                <button type="button" class="secondary small"
                                                    on:click=move |_| deletions.restore_note(note_id)>
                                                    {t.restore}<span class="visually-hidden">{format!(": {}", note.text)}</span>
                                                </button>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any(),
                            Ok(None) => ().into_any(),
                            Err(err) => view! { <Problem error=Signal::stored(Some(err))/> }.into_any(),
                        }
                    })}
                </Transition>
            </details>
        </section>
    }
}
