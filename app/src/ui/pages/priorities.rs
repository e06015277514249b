//! Priorities at a glance, on the analysis page: the round's priority areas, then its needs
//! ranked by how many sectors raised them (a sector counting from the number of notes the
//! reader sets) and by support, sortable by each column; one who runs the round marks and
//! unmarks priority areas from here.

use std::collections::HashSet;

use leptos::prelude::*;

use crate::api::SetPriorityArea;
use crate::i18n::use_lang;
use crate::model::ids::{PriorityTargetId, RoundId};
use crate::model::report::{
    DEFAULT_SECTOR_THRESHOLD, PriorityArea, PriorityKind, RankColumn, Report, SupportKey, sort_ranking,
};
use crate::texts::ReportTexts;
use crate::ui::priority_areas::{area_lines, area_place};

/// How many needs the ranking shows until the reader asks for all.
const TOP: usize = 15;

/// The section: priority areas, the threshold, the ranking. `can_mark`: the reader runs the
/// round and its themes are stored (marks name stored needs).
#[component]
pub fn Priorities(report: Report, action: ServerAction<SetPriorityArea>, can_mark: bool) -> impl IntoView {
    let t = use_lang().report_texts();
    let threshold = RwSignal::new(DEFAULT_SECTOR_THRESHOLD);
    let column = RwSignal::new(RankColumn::default());
    let show_all = RwSignal::new(false);
    let round_id = report.round.id;
    let marked: HashSet<PriorityTargetId> =
        report.priority_areas.iter().filter(|area| !area.gone).map(|area| area.id).collect();
    let areas = area_list(&report, action, can_mark, t);
    let need_count = report.need_ranking(1).len();
    let report = StoredValue::new(report);
    let marked = StoredValue::new(marked);
    let rows = move || {
        let (threshold, column) = (threshold.get(), column.get());
        report.with_value(|report| {
            let mut ranked = report.need_ranking(threshold);
            sort_ranking(&mut ranked, column);
            let limit = if show_all.get() { ranked.len() } else { TOP };
            ranked
                .into_iter()
                .take(limit)
                .map(|item| {
                    let figures = [
                        item.need.support.notes as i64,
                        item.need.support.supporters,
                        item.need.support.note_dots,
                        item.need.support.theme_dots,
                    ];
                    let is_marked = marked.with_value(|marked| marked.contains(&item.need.id.into()));
                    let toggle = Toggle {
                        round_id,
                        kind: PriorityKind::Need,
                        id: item.need.id.into(),
                        name: item.need.name.clone(),
                        marked: is_marked,
                    };
                    view! {
                        <tr data-need-id=item.need.id.to_string() class:priority-marked=is_marked>
                            <th scope="row">{item.need.name.clone()}</th>
                            <td>{item.theme.name.clone()}</td>
                            <td class="figure">{item.sectors.len()}</td>
                            <td>{item.sectors.join(", ")}</td>
                            {figures.map(|figure| view! { <td class="figure">{figure}</td> })}
                            <td>{toggle.view(action, can_mark, t)}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let header = move |label: String, this: RankColumn| {
        let sorted = move || column.get() == this;
        // Names sort A to Z, figures most first.
        let direction =
            if matches!(this, RankColumn::Need | RankColumn::Theme) { "ascending" } else { "descending" };
        view! {
            <th scope="col" aria-sort=move || if sorted() { direction } else { "none" }>
                <button type="button" class="sort-button" on:click=move |_| column.set(this)>{label}</button>
            </th>
        }
    };
    let figure_keys =
        [SupportKey::Notes, SupportKey::Supporters, SupportKey::NoteDots, SupportKey::ThemeDots];
    view! {
        <section class="panel" aria-labelledby="priorities-heading" data-testid="priorities">
            <h2 id="priorities-heading">{t.priorities_heading}</h2>
            {areas}
            <p class="help">{if can_mark { t.priorities_help } else { t.priorities_help_read }}</p>
            <div class="form-row">
                <label for="sector-threshold">{t.sector_threshold}</label>
                <input id="sector-threshold" type="number" min="1" max="50" inputmode="numeric"
                    prop:value=move || threshold.get().to_string()
                    on:input=move |ev| {
                        if let Ok(n) = event_target_value(&ev).trim().parse::<usize>() {
                            threshold.set(n.clamp(1, 50));
                        }
                    }/>
            </div>
            <div class="table-scroll">
                <table class="need-ranking" data-testid="need-ranking">
                    <thead>
                        <tr>
                            {header(t.need.to_string(), RankColumn::Need)}
                            {header(t.theme.to_string(), RankColumn::Theme)}
                            {move || header((t.sectors_raising)(threshold.get()), RankColumn::Sectors)}
                            <th scope="col">{t.sector_names}</th>
                            {figure_keys.map(|key| header(support_label(key, t).to_string(), RankColumn::Support(key)))}
                            <th scope="col">{t.priority_area}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {(need_count > TOP).then(|| view! {
                <button type="button" class="secondary" aria-expanded=move || show_all.get().to_string()
                    on:click=move |_| show_all.update(|all| *all = !*all)>
                    {(t.show_all_needs)(need_count)}
                </button>
            })}
        </section>
    }
}

/// The label of a support figure, as the round's themes name it.
fn support_label(key: SupportKey, t: &ReportTexts) -> &'static str {
    let at = SupportKey::ALL.iter().position(|k| *k == key).unwrap_or_default();
    t.support_columns[at]
}

/// The priority areas with, for one who may, a button taking each mark off (a gone one's
/// too: nothing else can).
fn area_list(
    report: &Report,
    action: ServerAction<SetPriorityArea>,
    can_mark: bool,
    t: &'static ReportTexts,
) -> impl IntoView + use<> {
    if report.priority_areas.is_empty() {
        return view! { <p class="meta" data-testid="priority-areas">{t.no_priority_areas}</p> }.into_any();
    }
    let items = report
        .priority_areas
        .iter()
        .zip(area_lines(report, t))
        .map(|(area, (name, _, figures))| {
            let toggle = Toggle::of(report.round.id, area);
            view! {
                <li class:priority-gone=area.gone data-priority-id=area.id.to_string()>
                    <strong>{name}</strong>" "<span class="meta">{format!("({})", area_place(area, t))}</span>
                    {(!figures.is_empty()).then(|| view! { <span class="meta support">{figures}</span> })}
                    {can_mark.then(|| toggle.view(action, true, t))}
                </li>
            }
        })
        .collect_view();
    view! {
        <div data-testid="priority-areas">
            <h3>{t.priority_areas_heading}</h3>
            <ol class="priority-list">{items}</ol>
        </div>
    }
    .into_any()
}

/// The mark of one need or theme, and the form that flips it.
pub(super) struct Toggle {
    pub round_id: RoundId,
    pub kind: PriorityKind,
    pub id: PriorityTargetId,
    pub name: String,
    pub marked: bool,
}

impl Toggle {
    fn of(round_id: RoundId, area: &PriorityArea) -> Self {
        Toggle { round_id, kind: area.kind, id: area.id, name: area.name.clone(), marked: true }
    }

    /// For one who may mark, a button flipping the mark (pressed while marked); for a
    /// reader, the mark as a star named for screen readers.
    pub fn view(
        self,
        action: ServerAction<SetPriorityArea>,
        can_mark: bool,
        t: &'static ReportTexts,
    ) -> AnyView {
        if !can_mark {
            return self
                .marked
                .then(|| {
                    view! {
                        <span class="priority-mark" title=t.priority_area>
                            "★"<span class="visually-hidden">{t.priority_area}</span>
                        </span>
                    }
                })
                .into_any();
        }
        let label = if self.marked { (t.unmark_priority)(&self.name) } else { (t.mark_priority)(&self.name) };
        view! {
            <ActionForm action attr:class="priority-toggle">
                <input type="hidden" name="round_id" value=self.round_id.to_string()/>
                <input type="hidden" name="kind" value=self.kind.slug()/>
                <input type="hidden" name="target_id" value=self.id.to_string()/>
                <input type="hidden" name="marked" value=(!self.marked).to_string()/>
                <button type="submit" class="secondary"
                    aria-label=label.clone() title=label prop:disabled=move || action.pending().get()>
                    {if self.marked { "★" } else { "☆" }}
                </button>
            </ActionForm>
        }
        .into_any()
    }
}
