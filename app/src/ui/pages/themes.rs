//! The facilitator's themes of a workshop: run clustering (with a level of detail for themes
//! and for needs, remembered per workshop in this browser), see each theme with its name, keywords and the needs nested in it, each
//! need with its name and notes; rename themes and needs, and move notes to another need or
//! theme by menu (keyboard too) or by dragging. Changes reach every open facilitator page
//! live, and a re-run keeps them.
//!
//! The page stays light with hundreds of notes: each theme and each note has one menu, built
//! only while it is open, and on large boards a need's notes are drawn when it is unfolded.

use leptos::prelude::*;

use crate::api::{
    LockTheme, MergeThemes, ModerateNote, MoveNote, MoveNoteToNeed, PinNote, RenameNeed, RenameTheme,
    RunClustering, SplitNeed, SplitTheme, UndoThemes, get_semantic_grouping, get_themes,
};
use crate::i18n::use_lang;
use crate::model::ids::{NeedId, NoteId, ThemeId};
use crate::model::{Need, THEME_NAME_MAX_CHARS, Theme};
use crate::ui::components::Problem;
use crate::ui::grouping_memory;
use crate::ui::live_board::LiveBoard;
use crate::ui::pages::card_menu::{CardMenu, CardMenus, MenuOf, ModerationButtons};

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
        rename_need: ServerAction::<RenameNeed>::new(),
        move_to_need: ServerAction::<MoveNoteToNeed>::new(),
        moderate: ServerAction::<ModerateNote>::new(),
        split_need: ServerAction::<SplitNeed>::new(),
        dragged: RwSignal::new(None),
        renaming: RwSignal::new(None),
        splitting: RwSignal::new(None),
    };
    let undo = ServerAction::<UndoThemes>::new();
    // The sliders start where this facilitator left them for this workshop (in the browser
    // only: the server renders the middle).
    let grain = RwSignal::new(grouping_memory::DEFAULT);
    let workshop_id = board.workshop_id;
    Effect::new(move || {
        if let Some(remembered) = grouping_memory::load(workshop_id) {
            grain.set(remembered);
        }
    });
    let slide = move |ev: leptos::ev::Event, with: fn((f32, f32), f32) -> (f32, f32)| {
        if let Ok(value) = event_target_value(&ev).parse::<f32>() {
            grain.update(|both| *both = with(*both, value));
            grouping_memory::save(workshop_id, grain.get_untracked());
        }
    };
    // A renamed need comes back as a new list: its form must not open again.
    let (rename_need, renaming) = (actions.rename_need, actions.renaming);
    Effect::new(move || {
        rename_need.version().track();
        renaming.set(None);
    });
    let (split_need, splitting) = (actions.split_need, actions.splitting);
    Effect::new(move || {
        split_need.version().track();
        splitting.set(None);
    });
    // A drag ends wherever the pointer is released. The theme under the pointer must see
    // the note first, whatever order the listeners run in, so the end waits a tick.
    let dragged = actions.dragged;
    let release = window_event_listener(leptos::ev::pointerup, move |_| {
        set_timeout(move || dragged.set(None), std::time::Duration::ZERO)
    });
    on_cleanup(move || release.remove());
    // Loaded by the browser (the board around it is too), after every change of the themes.
    let themes = LocalResource::new(move || {
        board.themes_version.track();
        run.version().track();
        get_themes(board.workshop_id)
    });
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
            .or_else(|| actions.rename_need.value().get().and_then(Result::err))
            .or_else(|| actions.move_to_need.value().get().and_then(Result::err))
            .or_else(|| actions.moderate.value().get().and_then(Result::err))
            .or_else(|| actions.split_need.value().get().and_then(Result::err))
            .or_else(|| undo.value().get().and_then(Result::err))
    });
    view! {
        <section class="panel themes" aria-labelledby="themes-heading">
            <h2 id="themes-heading">{t.themes_heading}</h2>
            <SemanticNotice/>
            <div class="theme-run">
                <ActionForm action=run attr:class="form-row">
                    <input type="hidden" name="workshop_id" value=board.workshop_id.to_string()/>
                    <span class="slider">
                        <label for="granularity">{t.granularity_label}</label>
                        <input id="granularity" name="granularity" type="range" min="0" max="1" step="0.1"
                            prop:value=move || grain.get().0.to_string()
                            on:input=move |ev| slide(ev, |(_, need), theme| (theme, need))/>
                    </span>
                    <span class="slider">
                        <label for="need-granularity">{t.need_granularity_label}</label>
                        <input id="need-granularity" name="need_granularity" type="range" min="0" max="1" step="0.1"
                            prop:value=move || grain.get().1.to_string()
                            on:input=move |ev| slide(ev, |(theme, _), need| (theme, need))/>
                    </span>
                    <button type="submit" prop:disabled=move || run.pending().get()>{t.cluster_button}</button>
                </ActionForm>
                <ActionForm action=undo attr:class="inline">
                    <input type="hidden" name="workshop_id" value=board.workshop_id.to_string()/>
                    <button type="submit" class="secondary">{t.undo}</button>
                </ActionForm>
            </div>
            <p role="status" aria-live="polite" class="meta" data-testid="clustering-status">
                {move || run.pending().get().then_some(t.clustering_progress)}
            </p>
            <Problem error=errors/>
            <Transition fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match themes.await {
                        Ok(list) if list.is_empty() => view! { <p>{t.no_themes}</p> }.into_any(),
                        Ok(list) => {
                            let fold = list.iter().map(|theme| theme.note_ids.len()).sum::<usize>() > FOLD_NEEDS_FROM;
                            let choices: Vec<Choice> = list.iter().map(|theme| Choice {
                                id: theme.id,
                                label: theme_name(theme, t.unsorted),
                                unsorted: theme.unsorted,
                                needs: if theme.unsorted {
                                    Vec::new()
                                } else {
                                    theme.needs.iter().map(|need| (need.id, need.name.clone())).collect()
                                },
                            }).collect();
                            view! {
                                <ol class="theme-list" data-testid="themes">
                                    {list.into_iter().map(|theme| view! {
                                        <ThemeCard theme board choices=choices.clone() actions fold/>
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

/// A theme offered in a menu, with its needs.
#[derive(Clone)]
struct Choice {
    id: ThemeId,
    label: String,
    unsorted: bool,
    needs: Vec<(NeedId, String)>,
}

/// What can be done to themes, needs and their notes.
#[derive(Clone, Copy)]
struct ThemeActions {
    rename: ServerAction<RenameTheme>,
    move_note: ServerAction<MoveNote>,
    pin: ServerAction<PinNote>,
    merge: ServerAction<MergeThemes>,
    split: ServerAction<SplitTheme>,
    lock: ServerAction<LockTheme>,
    rename_need: ServerAction<RenameNeed>,
    move_to_need: ServerAction<MoveNoteToNeed>,
    moderate: ServerAction<ModerateNote>,
    split_need: ServerAction<SplitNeed>,
    /// The note being dragged (with the mouse, pen or a finger) to another theme, if any.
    dragged: RwSignal<Option<NoteId>>,
    /// The need whose rename form is open (one at a time), if any.
    renaming: RwSignal<Option<NeedId>>,
    /// The need whose notes are being chosen to split it (one at a time), if any.
    splitting: RwSignal<Option<NeedId>>,
}

/// A theme's name as shown (the unsorted group in the page's language).
fn theme_name(theme: &Theme, unsorted: &'static str) -> String {
    if theme.unsorted { unsorted.to_string() } else { theme.name.clone() }
}

/// Needs with more notes than this start folded.
const OPEN_NEED_MAX_NOTES: usize = 8;
/// On a board with more notes in themes than this, every need starts folded, and its notes
/// are drawn when it is unfolded: the themes of 800 notes open as a list of named needs.
const FOLD_NEEDS_FROM: usize = 150;

/// A note as a theme lists it.
#[derive(Clone)]
struct ThemeNote {
    id: NoteId,
    text: String,
    hidden: bool,
}

#[component]
fn ThemeCard(
    theme: Theme,
    board: LiveBoard,
    choices: Vec<Choice>,
    actions: ThemeActions,
    /// Whether needs start folded (a large board).
    fold: bool,
) -> impl IntoView {
    let lang = use_lang();
    let (t, bt) = (lang.texts(), lang.board_texts());
    let ThemeActions { move_note, dragged, .. } = actions;
    let locked = theme.is_locked();
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
    let merge_targets: Vec<Choice> = if theme.unsorted {
        Vec::new()
    } else {
        choices.iter().filter(|c| c.id != theme.id && !c.unsorted).cloned().collect()
    };
    let count = theme.note_ids.len();
    let need_count = if theme.unsorted { 0 } else { theme.needs.len() };
    let counts = match need_count {
        0 => format!(" · {}", (t.notes_n)(count)),
        _ => format!(" · {} · {}", (t.notes_n)(count), (t.needs_n)(need_count)),
    };
    let text_of = move |id: NoteId| {
        board.notes.with_untracked(|notes| {
            notes.iter().find(|n| n.id == id).map(|n| ThemeNote {
                id,
                text: n.text.clone(),
                hidden: n.hidden,
            })
        })
    };
    let place = NotePlace { theme: theme.clone(), choices: choices.clone(), actions, fold };
    // The unsorted group (one need holding its notes) and themes from before needs list
    // their notes plainly; others list their needs, then any notes in none.
    let nested = !theme.unsorted && !theme.needs.is_empty();
    let loose: Vec<ThemeNote> = if nested { theme.notes_without_need() } else { theme.note_ids.clone() }
        .into_iter()
        .filter_map(text_of)
        .collect();
    let needs: Vec<(Need, Vec<ThemeNote>)> = if nested {
        theme
            .needs
            .iter()
            .map(|need| {
                let notes: Vec<ThemeNote> = need.note_ids.iter().filter_map(|id| text_of(*id)).collect();
                (need.clone(), notes)
            })
            .filter(|(_, notes)| !notes.is_empty())
            .collect()
    } else {
        Vec::new()
    };
    view! {
        <li class="theme" class:unsorted=theme.unsorted class:drop-target=move || drop_here.get()
            aria-labelledby=labelled_by data-theme-id=theme.id.to_string()
            on:pointerenter=move |_| drop_here.set(dragged.get_untracked().is_some())
            on:pointerleave=move |_| drop_here.set(false)
            on:pointerup=on_release>
            <h3 id=heading_id>
                <span class="theme-name">{name.clone()}</span>
                <span class="meta">{counts}</span>
                {(theme.name_locked && !locked).then(|| view! { <span class="badge">{t.name_kept}</span> })}
                {locked.then(|| view! { <span class="badge" data-testid="theme-locked" title=t.theme_locked_help>{t.theme_locked}</span> })}
            </h3>
            {(!theme.terms.is_empty()).then(|| view! {
                <p class="meta keywords"><span class="visually-hidden">{t.keywords}": "</span>{theme.terms.join(", ")}</p>
            })}
            {(!theme.unsorted).then(|| view! {
                <CardMenu of=MenuOf::Theme(theme_id) label=bt.theme_actions about=name.clone()>
                    <ThemeMenu theme_id name=name.clone() locked splittable={theme.note_ids.len() > 1}
                        merge_targets=merge_targets.clone() actions/>
                </CardMenu>
            })}
            {(!needs.is_empty()).then(|| view! {
                <ol class="need-list" data-testid="needs">
                    {needs.into_iter().map(|(need, notes)| view! { <NeedItem need notes place=place.clone()/> }).collect_view()}
                </ol>
            })}
            {(!loose.is_empty()).then(|| {
                let place = place.clone();
                view! {
                    {nested.then(|| view! { <h4 class="need-name without-need">{t.without_need}</h4> })}
                    <NoteList notes=loose place/>
                }
            })}
        </li>
    }
}

/// The contents of a theme's menu: rename, lock, split, merge into another theme.
#[component]
fn ThemeMenu(
    theme_id: ThemeId,
    name: String,
    locked: bool,
    splittable: bool,
    merge_targets: Vec<Choice>,
    actions: ThemeActions,
) -> impl IntoView {
    let t = use_lang().texts();
    let ThemeActions { rename, merge, split, lock, .. } = actions;
    let rename_id = format!("rename-{theme_id}");
    let merge_id = format!("merge-theme-{theme_id}");
    view! {
        <ActionForm action=rename attr:class="form-row">
            <input type="hidden" name="theme_id" value=theme_id.to_string()/>
            <label for=rename_id.clone()>{t.theme_name}</label>
            <input id=rename_id name="name" value=name maxlength=THEME_NAME_MAX_CHARS required/>
            <button type="submit" class="secondary">{t.rename}</button>
        </ActionForm>
        <div class="form-row">
            <ActionForm action=lock attr:class="inline">
                <input type="hidden" name="theme_id" value=theme_id.to_string()/>
                <input type="hidden" name="locked" value=(!locked).to_string()/>
                <button type="submit" class="secondary" title=t.theme_locked_help>{if locked { t.unlock_theme } else { t.lock_theme }}</button>
            </ActionForm>
            {splittable.then(|| view! {
                <ActionForm action=split attr:class="inline">
                    <input type="hidden" name="theme_id" value=theme_id.to_string()/>
                    <button type="submit" class="secondary">{t.split}</button>
                </ActionForm>
            })}
        </div>
        {(!merge_targets.is_empty()).then(|| view! {
            <ActionForm action=merge attr:class="form-row">
                <input type="hidden" name="kept" value=theme_id.to_string()/>
                <label for=merge_id.clone()>{t.merge_into}</label>
                <ThemeSelect id=merge_id name="other" choices=merge_targets/>
                <button type="submit" class="secondary">{t.merge}</button>
            </ActionForm>
        })}
    }
}

/// Where notes sit, for the controls on each note: their theme, the menu's choices and
/// the actions.
#[derive(Clone)]
struct NotePlace {
    theme: Theme,
    choices: Vec<Choice>,
    actions: ThemeActions,
    /// Whether needs start folded.
    fold: bool,
}

/// A need: its name, how many notes, a rename form on demand, and its notes (folded when
/// there are many). Dropping a dragged note on it moves the note into it.
#[component]
fn NeedItem(need: Need, notes: Vec<ThemeNote>, place: NotePlace) -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let ThemeActions { move_to_need, dragged, renaming, splitting, .. } = place.actions;
    let need_id = need.id;
    let members = need.note_ids.clone();
    let drop_here = RwSignal::new(false);
    let on_release = move |ev: leptos::ev::PointerEvent| {
        drop_here.set(false);
        if let Some(note_id) = dragged.get_untracked() {
            // The need decides, not the theme around it.
            ev.stop_propagation();
            dragged.set(None);
            if !members.contains(&note_id) {
                move_to_need.dispatch(MoveNoteToNeed { note_id, need_id });
            }
        }
    };
    let count = notes.len();
    let open_at_first = count <= OPEN_NEED_MAX_NOTES && !place.fold;
    // Notes of a folded need are drawn once it is first unfolded.
    let unfolded = RwSignal::new(open_at_first);
    let name = need.name.clone();
    let split_about = format!(": {}", need.name);
    let terms = need.terms.join(", ");
    view! {
        <li class="need" class:drop-target=move || drop_here.get() data-need-id=need_id.to_string()
            on:pointerenter=move |_| drop_here.set(dragged.get_untracked().is_some())
            on:pointerleave=move |_| drop_here.set(false)
            on:pointerup=on_release>
            <details open=open_at_first>
                <summary on:click=move |_| unfolded.set(true)>
                    <span class="need-name">{need.name.clone()}</span>
                    <span class="meta">{format!(" · {}", (t.notes_n)(count))}</span>
                    {need.name_locked.then(|| view! { <span class="badge">{t.name_kept}</span> })}
                </summary>
                {(!terms.is_empty()).then(|| view! {
                    <p class="meta keywords"><span class="visually-hidden">{t.keywords}": "</span>{terms}</p>
                })}
                {move || if renaming.get() == Some(need_id) {
                    view! { <NeedRename need_id name=name.clone() actions=place.actions/> }.into_any()
                } else {
                    view! {
                        <button type="button" class="secondary small" aria-expanded="false"
                            on:click=move |_| renaming.set(Some(need_id))>
                            {t.rename}<span class="visually-hidden">{format!(": {}", need.name)}</span>
                        </button>
                    }.into_any()
                }}
                {(count > 1 && !place.theme.unsorted).then(|| {
                    let notes = notes.clone();
                    let about = split_about.clone();
                    move || if splitting.get() == Some(need_id) {
                        view! { <NeedSplit need_id notes=notes.clone() actions=place.actions/> }.into_any()
                    } else {
                        view! {
                            <button type="button" class="secondary small" aria-expanded="false"
                                on:click=move |_| splitting.set(Some(need_id))>
                                {t.split_need}<span class="visually-hidden">{about.clone()}</span>
                            </button>
                        }.into_any()
                    }
                })}
                {move || unfolded.get().then(|| view! { <NoteList notes=notes.clone() place=place.clone()/> })}
            </details>
        </li>
    }
}

/// The rename form of a need, focused when it opens; Escape or "Cancel" closes it.
#[component]
fn NeedRename(need_id: NeedId, name: String, actions: ThemeActions) -> impl IntoView {
    let t = use_lang().texts();
    let ThemeActions { rename_need, renaming, .. } = actions;
    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move || {
        if let Some(input) = input.get() {
            let _ = input.focus();
        }
    });
    let input_id = format!("need-name-{need_id}");
    view! {
        <ActionForm action=rename_need attr:class="form-row">
            <input type="hidden" name="need_id" value=need_id.to_string()/>
            <label for=input_id.clone()>{t.need_name}</label>
            <input id=input_id node_ref=input name="name" value=name maxlength=THEME_NAME_MAX_CHARS required
                on:keydown=move |ev| if ev.key() == "Escape" { renaming.set(None) }/>
            <button type="submit" class="secondary">{t.rename}</button>
            <button type="button" class="secondary" on:click=move |_| renaming.set(None)>{t.move_cancel}</button>
        </ActionForm>
    }
}

/// Splitting a need by choosing its notes: those ticked leave for a need of their own in
/// the same theme (a re-run keeps both); Escape or "Cancel" closes the choice.
#[component]
fn NeedSplit(need_id: NeedId, notes: Vec<ThemeNote>, actions: ThemeActions) -> impl IntoView {
    let t = use_lang().texts();
    let ThemeActions { split_need, splitting, .. } = actions;
    let chosen = RwSignal::new(Vec::<NoteId>::new());
    let total = notes.len();
    // Some notes, not all: a split leaves two needs.
    let can_split = move || chosen.with(|c| !c.is_empty() && c.len() < total);
    let submit = move |_| {
        let note_ids = chosen.get_untracked().iter().map(NoteId::to_string).collect::<Vec<_>>().join(",");
        split_need.dispatch(SplitNeed { need_id, note_ids });
    };
    view! {
        <fieldset class="need-split" on:keydown=move |ev| if ev.key() == "Escape" { splitting.set(None) }>
            <legend>{t.split_need_help}</legend>
            {notes.into_iter().map(|note| {
                let id = note.id;
                view! {
                    <label class="check">
                        <input type="checkbox" on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            chosen.update(|c| if on { c.push(id) } else { c.retain(|x| *x != id) });
                        }/>
                        {note.text}
                    </label>
                }
            }).collect_view()}
            <div class="form-row">
                <button type="button" class="secondary" prop:disabled=move || !can_split() on:click=submit>{t.split_need}</button>
                <button type="button" class="secondary" on:click=move |_| splitting.set(None)>{t.move_cancel}</button>
            </div>
        </fieldset>
    }
}

/// Notes with their one menu each: pin, move to another need or theme, hide, delete.
#[component]
fn NoteList(notes: Vec<ThemeNote>, place: NotePlace) -> impl IntoView {
    let lang = use_lang();
    let (t, bt) = (lang.texts(), lang.board_texts());
    let NotePlace { theme, choices, actions, .. } = place;
    let ThemeActions { pin, dragged, moderate, .. } = actions;
    // In a locked theme every note is placed: the theme's badge says so once.
    let locked = theme.is_locked();
    view! {
        <ul class="theme-notes">
            {notes.into_iter().map(|ThemeNote { id: note_id, text, hidden }| {
                let pinned = theme.pinned_note_ids.contains(&note_id);
                let example = theme.example_note_id == Some(note_id)
                    || theme.needs.iter().any(|need| need.example_note_id == Some(note_id));
                let choices = choices.clone();
                let theme_id = theme.id;
                let unsorted = theme.unsorted;
                // The whole note: the menu's name is how a screen reader tells the menus apart.
                let about = text.clone();
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
                        {(pinned && !locked).then(|| view! { <span class="badge">{t.placed}</span> })}
                        <CardMenu of=MenuOf::ThemeNote(note_id) label=bt.note_actions about>
                            {(!unsorted).then(|| view! {
                                <ActionForm action=pin attr:class="inline">
                                    <input type="hidden" name="note_id" value=note_id.to_string()/>
                                    <input type="hidden" name="pinned" value=(!pinned).to_string()/>
                                    <button type="submit" class="secondary">{if pinned { t.unpin } else { t.pin }}</button>
                                </ActionForm>
                            })}
                            <MoveMenu note_id from=theme_id choices=choices.clone() actions/>
                            <ModerationButtons note_id hidden moderate/>
                        </CardMenu>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// The move form of one note's menu: every theme (as a need of its own there) and every
/// need. Option values are `theme:<id>` or `need:<id>`.
#[component]
fn MoveMenu(note_id: NoteId, from: ThemeId, choices: Vec<Choice>, actions: ThemeActions) -> impl IntoView {
    let t = use_lang().texts();
    let ThemeActions { move_note, move_to_need, .. } = actions;
    let menus = CardMenus::use_menus();
    let select = NodeRef::<leptos::html::Select>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(value) = select.get_untracked().map(|s| s.value()) else { return };
        match value.split_once(':') {
            Some(("theme", id)) => {
                let Ok(theme_id) = id.parse() else { return };
                move_note.dispatch(MoveNote { note_id, theme_id });
            }
            Some(("need", id)) => {
                let Ok(need_id) = id.parse() else { return };
                move_to_need.dispatch(MoveNoteToNeed { note_id, need_id });
            }
            _ => return,
        }
        menus.close();
    };
    let select_id = format!("move-{note_id}");
    view! {
        <form class="form-row move" on:submit=on_submit>
            <label for=select_id.clone()>{t.move_to}</label>
            <select id=select_id node_ref=select>
                {choices.into_iter().filter(|c| c.id != from || !c.needs.is_empty()).map(|choice| {
                    let own = choice.id != from;
                    view! {
                        <optgroup label=choice.label.clone()>
                            {own.then(|| view! { <option value=format!("theme:{}", choice.id)>{choice.label.clone()}</option> })}
                            {choice.needs.into_iter().map(|(id, name)| view! {
                                <option value=format!("need:{id}")>{name}</option>
                            }).collect_view()}
                        </optgroup>
                    }
                }).collect_view()}
            </select>
            <button type="submit" class="secondary">{t.move_note}</button>
        </form>
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
