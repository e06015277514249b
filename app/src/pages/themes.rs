//! The facilitator's themes of a workshop: run clustering (with a level of detail), see each
//! theme with its notes, rename it, and move notes between themes by menu (keyboard too).
//! Changes reach every open facilitator page live, and a re-run keeps them.

use leptos::prelude::*;
use uuid::Uuid;

use crate::api::{MoveNote, RenameTheme, RunClustering, get_themes};
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
    });
    view! {
        <section class="panel themes" aria-labelledby="themes-heading">
            <h2 id="themes-heading">{t.themes_heading}</h2>
            <ActionForm action=run attr:class="form-row">
                <input type="hidden" name="workshop_id" value=board.workshop_id.to_string()/>
                <label for="granularity">{t.granularity_label}</label>
                <input id="granularity" name="granularity" type="range" min="0" max="1" step="0.1" value="0.5"/>
                <button type="submit" prop:disabled=move || run.pending().get()>{t.cluster_button}</button>
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
                            let choices: Vec<(Uuid, String)> = list.iter().map(|theme| (theme.id, theme_name(theme, t.unsorted))).collect();
                            view! {
                                <ol class="theme-list" data-testid="themes">
                                    {list.into_iter().map(|theme| view! {
                                        <ThemeCard theme board choices=choices.clone() rename move_note/>
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

/// A theme's name as shown (the unsorted group in the page's language).
fn theme_name(theme: &Theme, unsorted: &'static str) -> String {
    if theme.unsorted { unsorted.to_string() } else { theme.name.clone() }
}

#[component]
fn ThemeCard(
    theme: Theme,
    board: LiveBoard,
    choices: Vec<(Uuid, String)>,
    rename: ServerAction<RenameTheme>,
    move_note: ServerAction<MoveNote>,
) -> impl IntoView {
    let t = use_lang().texts();
    let name = theme_name(&theme, t.unsorted);
    let heading_id = format!("theme-{}", theme.id);
    let labelled_by = heading_id.clone();
    let rename_id = format!("rename-{}", theme.id);
    let notes = theme.note_ids.iter().filter_map(|id| {
        board.notes.with_untracked(|notes| notes.iter().find(|n| n.id == *id).map(|n| (n.id, n.text.clone())))
    });
    let notes: Vec<(Uuid, String)> = notes.collect();
    let count = notes.len();
    view! {
        <li class="theme" class:unsorted=theme.unsorted aria-labelledby=labelled_by data-theme-id=theme.id.to_string()>
            <h3 id=heading_id>
                <span class="theme-name">{name.clone()}</span>
                <span class="meta">{format!(" · {count} {}", t.notes_count)}</span>
                {theme.name_locked.then(|| view! { <span class="badge">{t.name_kept}</span> })}
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
            <ul class="theme-notes">
                {notes.into_iter().map(|(note_id, text)| {
                    let pinned = theme.pinned_note_ids.contains(&note_id);
                    let example = theme.example_note_id == Some(note_id);
                    let select_id = format!("move-{note_id}");
                    let targets: Vec<(Uuid, String)> = choices.iter().filter(|(id, _)| *id != theme.id).cloned().collect();
                    view! {
                        <li class="theme-note">
                            <span class="note-text">{text}</span>
                            {example.then(|| view! { <span class="badge">{t.example}</span> })}
                            {pinned.then(|| view! { <span class="badge">{t.placed}</span> })}
                            {(!targets.is_empty()).then(|| view! {
                                <ActionForm action=move_note attr:class="form-row move">
                                    <input type="hidden" name="note_id" value=note_id.to_string()/>
                                    <label for=select_id.clone()>{t.move_to}</label>
                                    <select id=select_id name="theme_id">
                                        {targets.into_iter().map(|(id, label)| view! {
                                            <option value=id.to_string()>{label}</option>
                                        }).collect_view()}
                                    </select>
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
