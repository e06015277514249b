//! The facilitator's themes of a workshop: run clustering (with a level of detail), see each
//! theme with its notes, rename it, and move notes between themes by menu (keyboard too).
//! Changes reach every open facilitator page live, and a re-run keeps them.

use leptos::prelude::*;
use uuid::Uuid;

use crate::api::{
    LockTheme, MergeThemes, MoveNote, PinNote, RenameTheme, RunClustering, SplitTheme, UndoThemes,
    get_semantic_grouping, get_themes,
};
use crate::components::Problem;
use crate::i18n::use_lang;
use crate::live_board::LiveBoard;
use crate::model::{THEME_NAME_MAX_CHARS, Theme};

/// The themes section of the facilitator page.
#[component]
pub fn ThemePanel(board: LiveBoard) -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let run = ServerAction::<RunClustering>::new();
    let rename = ServerAction::<RenameTheme>::new();
    let move_note = ServerAction::<MoveNote>::new();
    let actions = ThemeActions {
        rename,
        move_note,
        pin: ServerAction::<PinNote>::new(),
        merge: ServerAction::<MergeThemes>::new(),
        split: ServerAction::<SplitTheme>::new(),
        lock: ServerAction::<LockTheme>::new(),
        dragged: RwSignal::new(None),
    };
    let undo = ServerAction::<UndoThemes>::new();
    // A drag ends wherever the pointer is released. The theme under the pointer must see
    // the note first, whatever order the listeners run in, so the end waits a tick.
    let dragged = actions.dragged;
    let release = window_event_listener(leptos::ev::pointerup, move |_| {
        set_timeout(move || dragged.set(None), std::time::Duration::ZERO)
    });
    on_cleanup(move || release.remove());
    let themes = Resource::new(
        move || (board.workshop_id, board.themes_version.get(), run.version().get()),
        |(id, _, _)| get_themes(id),
    );
    let errors = Signal::derive(move || {
        run.value()
            .get()
            .and_then(Result::err)
            .or_else(|| rename.value().get().and_then(Result::err))
            .or_else(|| move_note.value().get().and_then(Result::err))
            .or_else(|| actions.pin.value().get().and_then(Result::err))
            .or_else(|| actions.merge.value().get().and_then(Result::err))
            .or_else(|| actions.split.value().get().and_then(Result::err))
            .or_else(|| actions.lock.value().get().and_then(Result::err))
            .or_else(|| undo.value().get().and_then(Result::err))
    });
    view! {
        <section class="panel themes" aria-labelledby="themes-heading">
            <h2 id="themes-heading">{t.themes_heading}</h2>
            <SemanticNotice/>
            <ActionForm action=run attr:class="form-row">
                <input type="hidden" name="workshop_id" value=board.workshop_id.to_string()/>
                <label for="granularity">{t.granularity_label}</label>
                <input id="granularity" name="granularity" type="range" min="0" max="1" step="0.1" value="0.5"/>
                <button type="submit" prop:disabled=move || run.pending().get()>{t.cluster_button}</button>
            </ActionForm>
            <ActionForm action=undo attr:class="inline">
                <input type="hidden" name="workshop_id" value=board.workshop_id.to_string()/>
                <button type="submit" class="secondary">{t.undo}</button>
            </ActionForm>
            <p role="status" aria-live="polite" class="meta" data-testid="clustering-status">
                {move || run.pending().get().then_some(t.clustering_progress)}
            </p>
            <Problem error=errors/>
            <Transition fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match themes.await {
                        Ok(list) if list.is_empty() => view! { <p>{t.no_themes}</p> }.into_any(),
                        Ok(list) => {
                            let choices: Vec<Choice> = list.iter().map(|theme| Choice {
                                id: theme.id,
                                label: theme_name(theme, t.unsorted),
                                unsorted: theme.unsorted,
                            }).collect();
                            view! {
                                <ol class="theme-list" data-testid="themes">
                                    {list.into_iter().map(|theme| view! {
                                        <ThemeCard theme board choices=choices.clone() actions/>
                                    }).collect_view()}
                                </ol>
                            }.into_any()
                        }
                        Err(err) => view! { <p class="problem" role="alert">{err.message(lang)}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// Says so when themes group notes by their words only: the server has no sentence model.
#[component]
fn SemanticNotice() -> impl IntoView {
    let t = use_lang().texts();
    let semantic = Resource::new(|| (), |_| get_semantic_grouping());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                matches!(semantic.await, Ok(false)).then(|| view! {
                    <p class="notice info" data-testid="semantic-off">{t.semantic_off}</p>
                })
            })}
        </Transition>
    }
}

/// A theme offered in a menu.
#[derive(Clone)]
struct Choice {
    id: Uuid,
    label: String,
    unsorted: bool,
}

/// What can be done to themes and their notes.
#[derive(Clone, Copy)]
struct ThemeActions {
    rename: ServerAction<RenameTheme>,
    move_note: ServerAction<MoveNote>,
    pin: ServerAction<PinNote>,
    merge: ServerAction<MergeThemes>,
    split: ServerAction<SplitTheme>,
    lock: ServerAction<LockTheme>,
    /// The note being dragged (with the mouse, pen or a finger) to another theme, if any.
    dragged: RwSignal<Option<Uuid>>,
}

/// A theme's name as shown (the unsorted group in the page's language).
fn theme_name(theme: &Theme, unsorted: &'static str) -> String {
    if theme.unsorted { unsorted.to_string() } else { theme.name.clone() }
}

#[component]
fn ThemeCard(theme: Theme, board: LiveBoard, choices: Vec<Choice>, actions: ThemeActions) -> impl IntoView {
    let t = use_lang().texts();
    let ThemeActions { rename, move_note, pin, merge, split, lock, dragged } = actions;
    // Locked: the name and every note are kept by re-runs.
    let locked = theme.name_locked
        && !theme.note_ids.is_empty()
        && theme.note_ids.iter().all(|id| theme.pinned_note_ids.contains(id));
    let theme_id = theme.id;
    let members = theme.note_ids.clone();
    let drop_here = RwSignal::new(false);
    // Releasing a dragged note over this theme moves it, exactly as the menu does.
    let on_release = move |_| {
        drop_here.set(false);
        if let Some(note_id) = dragged.get_untracked() {
            dragged.set(None);
            if !members.contains(&note_id) {
                move_note.dispatch(MoveNote { note_id, theme_id });
            }
        }
    };
    let name = theme_name(&theme, t.unsorted);
    let heading_id = format!("theme-{}", theme.id);
    let labelled_by = heading_id.clone();
    let rename_id = format!("rename-{}", theme.id);
    let notes = theme.note_ids.iter().filter_map(|id| {
        board.notes.with_untracked(|notes| notes.iter().find(|n| n.id == *id).map(|n| (n.id, n.text.clone())))
    });
    let notes: Vec<(Uuid, String)> = notes.collect();
    let merge_id = format!("merge-theme-{}", theme.id);
    let merge_targets: Vec<Choice> = if theme.unsorted {
        Vec::new()
    } else {
        choices.iter().filter(|c| c.id != theme.id && !c.unsorted).cloned().collect()
    };
    let count = notes.len();
    view! {
        <li class="theme" class:unsorted=theme.unsorted class:drop-target=move || drop_here.get()
            aria-labelledby=labelled_by data-theme-id=theme.id.to_string()
            on:pointerenter=move |_| drop_here.set(dragged.get_untracked().is_some())
            on:pointerleave=move |_| drop_here.set(false)
            on:pointerup=on_release>
            <h3 id=heading_id>
                <span class="theme-name">{name.clone()}</span>
                <span class="meta">{format!(" · {count} {}", t.notes_count)}</span>
                {(theme.name_locked && !locked).then(|| view! { <span class="badge">{t.name_kept}</span> })}
                {locked.then(|| view! { <span class="badge" data-testid="theme-locked">{t.theme_locked}</span> })}
            </h3>
            {(!theme.terms.is_empty()).then(|| view! { <p class="meta">{theme.terms.join(", ")}</p> })}
            {(!theme.unsorted).then(|| view! {
                <ActionForm action=rename attr:class="form-row">
                    <input type="hidden" name="theme_id" value=theme.id.to_string()/>
                    <label for=rename_id.clone() class="visually-hidden">{t.theme_name}</label>
                    <input id=rename_id name="name" value=name.clone() maxlength=THEME_NAME_MAX_CHARS required/>
                    <button type="submit" class="secondary">{t.rename}</button>
                </ActionForm>
            })}
            {(!theme.unsorted).then(|| view! {
                <ActionForm action=lock attr:class="inline">
                    <input type="hidden" name="theme_id" value=theme.id.to_string()/>
                    <input type="hidden" name="locked" value=(!locked).to_string()/>
                    <button type="submit" class="secondary">{if locked { t.unlock_theme } else { t.lock_theme }}</button>
                </ActionForm>
            })}
            {(!theme.unsorted && theme.note_ids.len() > 1).then(|| view! {
                <ActionForm action=split attr:class="inline">
                    <input type="hidden" name="theme_id" value=theme.id.to_string()/>
                    <button type="submit" class="secondary">{t.split}</button>
                </ActionForm>
            })}
            {(!merge_targets.is_empty()).then(|| view! {
                <ActionForm action=merge attr:class="form-row">
                    <input type="hidden" name="kept" value=theme.id.to_string()/>
                    <label for=merge_id.clone()>{t.merge_into}</label>
                    <ThemeSelect id=merge_id name="other" choices=merge_targets/>
                    <button type="submit" class="secondary">{t.merge}</button>
                </ActionForm>
            })}
            <ul class="theme-notes">
                {notes.into_iter().map(|(note_id, text)| {
                    let pinned = theme.pinned_note_ids.contains(&note_id);
                    let example = theme.example_note_id == Some(note_id);
                    let select_id = format!("move-{note_id}");
                    let targets: Vec<Choice> = choices.iter().filter(|c| c.id != theme.id).cloned().collect();
                    view! {
                        <li class="theme-note" class:dragging=move || dragged.get() == Some(note_id)>
                            <span class="note-text draggable"
                                on:pointerdown=move |ev| {
                                    if ev.is_primary() && ev.button() == 0 {
                                        ev.prevent_default();
                                        dragged.set(Some(note_id));
                                    }
                                }>
                                {text}
                            </span>
                            {example.then(|| view! { <span class="badge">{t.example}</span> })}
                            {pinned.then(|| view! { <span class="badge">{t.placed}</span> })}
                            {(!theme.unsorted).then(|| view! {
                                <ActionForm action=pin attr:class="inline">
                                    <input type="hidden" name="note_id" value=note_id.to_string()/>
                                    <input type="hidden" name="pinned" value=(!pinned).to_string()/>
                                    <button type="submit" class="secondary">{if pinned { t.unpin } else { t.pin }}</button>
                                </ActionForm>
                            })}
                            {(!targets.is_empty()).then(|| view! {
                                <ActionForm action=move_note attr:class="form-row move">
                                    <input type="hidden" name="note_id" value=note_id.to_string()/>
                                    <label for=select_id.clone()>{t.move_to}</label>
                                    <ThemeSelect id=select_id name="theme_id" choices=targets/>
                                    <button type="submit" class="secondary">{t.move_note}</button>
                                </ActionForm>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </li>
    }
}

/// A menu of themes for a form field.
#[component]
fn ThemeSelect(id: String, name: &'static str, choices: Vec<Choice>) -> impl IntoView {
    view! {
        <select id=id name=name>
            {choices.into_iter().map(|c| view! { <option value=c.id.to_string()>{c.label}</option> }).collect_view()}
        </select>
    }
}
