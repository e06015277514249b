//! The analyst's tools for a round's themes on the analysis page: each theme with where it
//! recurs (workshops and sectors), its support and its needs', ranked by any of those figures,
//! and a menu to rename, merge or split it.

use leptos::prelude::*;

use crate::api::{MergeRoundThemes, RenameRoundTheme, SetPriorityArea, SplitRoundTheme};
use crate::i18n::use_lang;
use crate::model::report::{PriorityKind, Report, ReportNeed, ReportTheme, SupportKey};
use crate::ui::fold::Fold;
use crate::ui::name_from::name_from_line;
use crate::ui::support::support_line;

use super::priorities::Toggle;
use crate::model::ids::{RoundId, ThemeId};

/// The actions the analysis page reloads after.
#[derive(Clone, Copy)]
pub struct RoundThemeActions {
    pub rename: ServerAction<RenameRoundTheme>,
    pub merge: ServerAction<MergeRoundThemes>,
    pub split: ServerAction<SplitRoundTheme>,
}

impl RoundThemeActions {
    pub fn new() -> Self {
        Self { rename: ServerAction::new(), merge: ServerAction::new(), split: ServerAction::new() }
    }

    /// Changes whenever one of the actions finished: the page's reload key.
    pub fn version(&self) -> (usize, usize, usize) {
        (self.rename.version().get(), self.merge.version().get(), self.split.version().get())
    }

    /// The last refusal of any of them.
    pub fn error(&self) -> Option<crate::error::AppError> {
        self.rename
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| self.merge.value().get().and_then(Result::err))
            .or_else(|| self.split.value().get().and_then(Result::err))
    }
}

/// The round's themes, each with where it recurs, its support and its needs', ranked by
/// the figure the reader picks, and, when `editable`, its menu and a button marking it as a
/// priority area (`priority`).
#[component]
pub fn RoundThemes(
    report: Report,
    actions: RoundThemeActions,
    priority: ServerAction<SetPriorityArea>,
    editable: bool,
) -> impl IntoView {
    let lang = use_lang();
    let t = lang.report_texts();
    let sort = RwSignal::new(SupportKey::default());
    let others: Vec<(ThemeId, String)> = report
        .themes
        .iter()
        .filter(|theme| !theme.unsorted)
        .map(|theme| (theme.id, theme.name.clone()))
        .collect();
    let report = StoredValue::new(report);
    let others = StoredValue::new(others);
    let items = move || {
        let key = sort.get();
        report.with_value(|report| {
            let mut themes: Vec<&ReportTheme> =
                report.themes.iter().filter(|theme| !theme.unsorted).collect();
            key.rank(&mut themes, |theme| &theme.support);
            themes
                .into_iter()
                .map(|theme| {
                    let others = others.with_value(|others| {
                        others.iter().filter(|(id, _)| *id != theme.id).cloned().collect::<Vec<_>>()
                    });
                    round_theme_item(report, theme, key, others, (actions, priority), editable)
                })
                .collect_view()
        })
    };
    view! {
        <div class="form-row">
            <label for="round-theme-sort">{t.sort_by}</label>
            <select id="round-theme-sort" data-testid="round-theme-sort"
                on:change=move |ev| sort.set(SupportKey::from_slug(&event_target_value(&ev)).unwrap_or_default())>
                {SupportKey::ALL.into_iter().zip(t.support_columns).map(|(key, label)| view! {
                    <option value=key.slug() selected=move || sort.get() == key>{label}</option>
                }).collect_view()}
            </select>
        </div>
        <ul class="round-themes" data-testid="round-themes">{items}</ul>
    }
}

/// One round theme: its name, where it recurs, its support, its needs ranked by `key`.
fn round_theme_item(
    report: &Report,
    theme: &ReportTheme,
    key: SupportKey,
    others: Vec<(ThemeId, String)>,
    (actions, priority): (RoundThemeActions, ServerAction<SetPriorityArea>),
    editable: bool,
) -> impl IntoView + use<> {
    let lang = use_lang();
    let t = lang.report_texts();
    let recurs_in = report.counts_per_workshop(theme).into_iter().filter(|(_, n)| *n > 0).count();
    let sectors: Vec<String> = report.counts_per_sector(theme).into_iter().map(|count| count.label).collect();
    let where_line = format!(
        "{} · {} · {}",
        (lang.texts().notes_n)(theme.note_ids.len()),
        (t.recurs_in)(recurs_in, report.workshops.len()),
        sectors.join(", "),
    );
    let mut needs: Vec<&ReportNeed> = theme.needs.iter().collect();
    key.rank(&mut needs, |need| &need.support);
    let needs = (!needs.is_empty()).then(|| {
        let items = needs
            .into_iter()
            .map(|need| {
                view! {
                    <li class="round-need" data-need-id=need.id.to_string()>
                        <span class="round-need-name">{need.name.clone()}</span>
                        " "
                        <span class="meta name-from">{format!("({})", name_from_line(&need.name_from, t))}</span>
                        " "
                        <span class="meta support">{support_line(&need.support, t)}</span>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="round-needs">{items}</ul> }
    });
    let round_id = report.round.id;
    let menu = editable.then(|| view! { <RoundThemeMenu round_id theme=theme.clone() others actions/> });
    let marked = report.priority_areas.iter().any(|area| !area.gone && area.id == theme.id.into());
    let toggle =
        Toggle { round_id, kind: PriorityKind::Theme, id: theme.id.into(), name: theme.name.clone(), marked };
    let toggle = toggle.view(priority, editable, t);
    view! {
        <li class="round-theme" data-theme-id=theme.id.to_string()>
            // The name leads to the theme's section in the report below, its needs and notes.
            <span>
                <a href=format!("#theme-{}", theme.id)><strong class="round-theme-name">{theme.name.clone()}</strong></a>
                " "{toggle}
            </span>
            <span class="meta name-from" data-testid="round-theme-name-from">{name_from_line(&theme.name_from, t)}</span>
            <span class="meta">{where_line}</span>
            <span class="meta support" data-testid="round-theme-support">{support_line(&theme.support, t)}</span>
            {needs}
            {menu}
        </li>
    }
}

/// Rename, merge and split for one round theme, folded, and rendered only when first
/// opened: each menu lists every other theme to merge into, so 25 open menus were a
/// quarter of the page at 800 notes.
#[component]
fn RoundThemeMenu(
    round_id: RoundId,
    theme: ReportTheme,
    others: Vec<(ThemeId, String)>,
    actions: RoundThemeActions,
) -> impl IntoView {
    let lang = use_lang();
    let texts = lang.texts();
    let t = lang.report_texts();
    let name_id = format!("round-theme-name-{}", theme.id);
    let merge_id = format!("round-theme-merge-{}", theme.id);
    let pending = move || {
        actions.rename.pending().get() || actions.merge.pending().get() || actions.split.pending().get()
    };
    let others = StoredValue::new(others);
    let name = StoredValue::new(theme.name.clone());
    let theme_id = theme.id;
    let contents = move || {
        let (name_id, merge_id) = (name_id.clone(), merge_id.clone());
        view! {
                <ActionForm action=actions.rename attr:class="form-row">
                    <input type="hidden" name="round_id" value=round_id.to_string()/>
                    <input type="hidden" name="theme_id" value=theme_id.to_string()/>
                    <label for=name_id.clone()>{texts.theme_name}</label>
                    <input id=name_id name="name" value=name.get_value() required maxlength="120"/>
                    <button type="submit" prop:disabled=pending>{texts.rename}</button>
                </ActionForm>
                {others.with_value(|others| !others.is_empty()).then(|| view! {
                    <ActionForm action=actions.merge attr:class="form-row">
                        <input type="hidden" name="round_id" value=round_id.to_string()/>
                        <input type="hidden" name="kept" value=theme_id.to_string()/>
                        <label for=merge_id.clone()>{texts.merge_into}</label>
                        <select id=merge_id name="other">
                            {others.get_value().into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                        </select>
                        <button type="submit" class="secondary" prop:disabled=pending>{texts.merge}</button>
                    </ActionForm>
                })}
                <ActionForm action=actions.split attr:class="form-row">
                    <input type="hidden" name="round_id" value=round_id.to_string()/>
                    <input type="hidden" name="theme_id" value=theme_id.to_string()/>
                    <button type="submit" class="secondary" prop:disabled=pending>{t.split_round_theme}</button>
                </ActionForm>
        }
    };
    view! { <Fold class="round-theme-menu" summary=t.theme_actions.to_string() contents/> }
}
