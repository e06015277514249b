//! The analyst's page of a round: its themes built on the workshops' themes (renamed,
//! merged and split here too), compared with the previous round, filtered by sector and
//! workshop, with the charts, the report and its exports.

use leptos::prelude::*;
use leptos_meta::Stylesheet;

use crate::api::{ClusterRound, SetPreviousRound, SetPriorityArea, get_round_analysis};
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::model::report::{RebuildChanges, ReportFilter, RoundAnalysis};
use crate::model::swedish_time::display_time;
use crate::texts::ReportTexts;
use crate::ui::components::{Problem, page_or_problem};
use crate::ui::report_html::ReportArticle;

use super::priorities::Priorities;
use super::round_themes::{RoundThemeActions, RoundThemes};
use crate::model::ids::{RoundId, WorkshopId};

/// `/rounds/:round_id/analysis`
#[component]
pub fn AnalysisPage() -> impl IntoView {
    let t = use_lang().report_texts();
    let round_id = super::id_param::<RoundId>("round_id");
    let cluster = ServerAction::<ClusterRound>::new();
    let previous = ServerAction::<SetPreviousRound>::new();
    let edits = RoundThemeActions::new();
    let priority = ServerAction::<SetPriorityArea>::new();
    // The filters outlive the reloads after every action, so a rename keeps the sector chosen.
    let filters = Filters { sector: RwSignal::new(String::new()), workshop: RwSignal::new(String::new()) };
    let analysis = Resource::new(
        move || {
            let versions = (cluster.version().get(), previous.version().get(), priority.version().get());
            (round_id(), versions, edits.version())
        },
        |(id, _, _)| async move {
            match id {
                Some(id) => get_round_analysis(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Stylesheet id="report" href="/report.css"/>
        {page_or_problem(analysis, Some(t.analysis_forbidden), move |analysis| {
            view! { <AnalysisView analysis cluster previous edits priority filters/> }
        })}
    }
}

/// The sector and workshop the page is narrowed to (empty: all).
#[derive(Clone, Copy)]
struct Filters {
    sector: RwSignal<String>,
    workshop: RwSignal<String>,
}

#[component]
fn AnalysisView(
    analysis: RoundAnalysis,
    cluster: ServerAction<ClusterRound>,
    previous: ServerAction<SetPreviousRound>,
    edits: RoundThemeActions,
    priority: ServerAction<SetPriorityArea>,
    filters: Filters,
) -> impl IntoView {
    let lang = use_lang();
    let t = lang.report_texts();
    let round = analysis.report.round.clone();
    let Filters { sector, workshop } = filters;
    let filter = Memo::new(move |_| ReportFilter {
        sector: Some(sector.get()).filter(|s| !s.is_empty()),
        workshop: workshop.get().parse::<WorkshopId>().ok(),
    });
    let report = analysis.report.clone();
    // The notes folded: 800 of them in full made the page heavy; the export holds them all.
    let body = move || view! { <ReportArticle report=report.filtered(&filter.get()) t folded=true/> };
    let round_id = round.id;
    let export_href = move |format: &str| {
        let query = filter.get().query();
        let base = format!("/export/rounds/{round_id}/{format}");
        if query.is_empty() { base } else { format!("{base}?{query}") }
    };
    let errors = Signal::derive(move || {
        cluster
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| previous.value().get().and_then(Result::err))
            .or_else(|| edits.error())
            .or_else(|| priority.value().get().and_then(Result::err))
    });
    let editable = analysis.can_manage && !analysis.provisional;
    // Notes of the round in none of its stored themes: written, or in a workshop added,
    // since the themes were built. Said plainly, never left out in silence.
    let outside = analysis.report.notes_without_theme().len();
    let note_count = analysis.report.notes.len();
    let previous_id = analysis.report.previous_round.as_ref().map(|r| r.id);
    view! {
        <p class="crumbs"><a href=format!("/rounds/{}", round.id)>{lang.texts().back_to_round}": "{round.title.clone()}</a></p>
        <h1>{t.analysis_heading}": "{round.title.clone()}</h1>
        // The page opens on its map: the overview of themes by sector first, then where
        // each part of the page is (the overview itself sits in the report, below).
        <nav class="page-contents" aria-label=t.on_this_page>
            <ul>
                {(!analysis.report.themes.is_empty()).then(|| view! {
                    <li><a href="#report-overview">{t.overview_heading}</a></li>
                })}
                <li><a href="#priorities-heading">{t.priorities_heading}</a></li>
                <li><a href="#round-themes-heading">{t.round_themes_heading}</a></li>
                <li><a href="#filters-heading">{format!("{} · {}", t.filters, t.export_heading)}</a></li>
            </ul>
        </nav>
        {analysis.can_manage.then(|| view! {
            <section class="panel" aria-labelledby="analysis-controls-heading">
                <h2 id="analysis-controls-heading">{t.themes_heading}</h2>
                <ActionForm action=cluster attr:class="form-row">
                    <input type="hidden" name="round_id" value=round.id.to_string()/>
                    <label for="round-granularity">{lang.texts().granularity_label}</label>
                    <input id="round-granularity" name="granularity" type="range" min="0" max="1" step="0.1"
                        value=analysis.granularity.to_string()/>
                    <button type="submit" prop:disabled=move || cluster.pending().get()>{t.cluster_round}</button>
                </ActionForm>
                <p role="status" aria-live="polite" class="meta" data-testid="round-clustering-status">
                    {move || if cluster.pending().get() {
                        format!("{} ({})", t.clustering_round, (lang.texts().notes_n)(note_count))
                    } else {
                        analysis.clustered_at.map(|at| format!("{}: {}", t.clustered_at, display_time(at))).unwrap_or_default()
                    }}
                </p>
                <ActionForm action=previous attr:class="form-row">
                    <input type="hidden" name="round_id" value=round.id.to_string()/>
                    <label for="previous-round">{t.previous_round}</label>
                    <select id="previous-round" name="previous">
                        <option value="" selected=previous_id.is_none()>{t.no_previous_round}</option>
                        {analysis.other_rounds.iter().map(|other| view! {
                            <option value=other.id.to_string() selected=previous_id == Some(other.id)>{other.title.clone()}</option>
                        }).collect_view()}
                    </select>
                    <button type="submit" class="secondary">{t.save}</button>
                </ActionForm>
                <Problem error=errors/>
            </section>
        })}
        {(!analysis.can_manage).then(|| view! {
            <p class="notice info" role="status">{lang.account_texts().read_only}</p>
            <p class="meta" data-testid="round-clustering-status">
                {analysis.clustered_at.map_or_else(
                    || t.never_clustered.to_string(),
                    |at| format!("{}: {}", t.clustered_at, display_time(at)),
                )}
            </p>
        })}
        <Priorities report=analysis.report.clone() action=priority can_mark=editable/>
        <section class="panel" aria-labelledby="round-themes-heading">
            <h2 id="round-themes-heading">{t.round_themes_heading}</h2>
            {(!analysis.provisional && outside > 0).then(|| view! {
                <div class="notice warning" role="status" data-testid="themes-stale">
                    <p>{(t.themes_stale)(outside)}</p>
                    {if analysis.can_manage {
                        view! {
                            <ActionForm action=cluster attr:class="form-row">
                                <input type="hidden" name="round_id" value=round.id.to_string()/>
                                <input type="hidden" name="granularity" value=analysis.granularity.to_string()/>
                                <button type="submit" prop:disabled=move || cluster.pending().get()>{t.rebuild_keeping}</button>
                            </ActionForm>
                        }.into_any()
                    } else {
                        view! { <p>{t.themes_stale_ask}</p> }.into_any()
                    }}
                </div>
            })}
            {analysis.rebuild.clone().filter(|_| !analysis.provisional).map(|changes| view! {
                <RebuildSummary changes built=analysis.clustered_at/>
            })}
            <p class="help">{themes_help(t, analysis.can_manage, analysis.provisional)}</p>
            <RoundThemes report=analysis.report.clone() actions=edits priority editable/>
        </section>
        <section class="panel" aria-labelledby="filters-heading">
            <h2 id="filters-heading">{t.filters}</h2>
            <div class="form-row">
                <label for="filter-sector">{t.sector}</label>
                <select id="filter-sector" on:change=move |ev| sector.set(event_target_value(&ev))>
                    <option value="">{t.all}</option>
                    {analysis.report.sectors().into_iter().map(|s| {
                        let chosen = s.clone();
                        let label = s.clone();
                        view! { <option value=s selected=move || *sector.read() == chosen>{label}</option> }
                    }).collect_view()}
                </select>
                <label for="filter-workshop">{t.workshop}</label>
                <select id="filter-workshop" on:change=move |ev| workshop.set(event_target_value(&ev))>
                    <option value="">{t.all}</option>
                    {analysis.report.workshops.iter().map(|w| {
                        let chosen = w.id.to_string();
                        view! {
                            <option value=w.id.to_string() selected=move || *workshop.read() == chosen>
                                {format!("{} ({})", w.title, w.sector)}
                            </option>
                        }
                    }).collect_view()}
                </select>
            </div>
            <h3>{t.export_heading}</h3>
            <ul class="export-links" data-testid="round-exports">
                <li><a href=move || export_href("html") download rel="external">{t.export_html}</a></li>
                <li><a href=move || export_href("md") download rel="external">{t.export_markdown}</a></li>
                <li><a href=move || export_href("csv") download rel="external">{t.export_csv}</a></li>
                {t.export_csv_comma.map(|label| view! { <li><a href=move || export_href("csv-comma") download rel="external">{label}</a></li> })}
                <li><a href=move || export_href("json") download rel="external">{t.export_json}</a></li>
                <li><a href=move || export_href("xlsx") download rel="external">{t.export_excel}</a></li>
            </ul>
            <p class="help">{t.export_filtered}</p>
        </section>
        <div class="report-view" data-testid="report">{body}</div>
    }
}

/// The help above the round's themes: what the reader may do with them, and nothing they
/// may not (an analyst who only reads is not told to build, rename, merge or split).
fn themes_help(t: &ReportTexts, can_manage: bool, provisional: bool) -> &'static str {
    match (can_manage, provisional) {
        (true, true) => t.provisional_themes,
        (true, false) => t.round_themes_help,
        (false, true) => t.provisional_themes_read,
        (false, false) => t.round_themes_help_read,
    }
}

/// What the last rebuild of the round's themes changed, and when it was: said to everyone
/// who reads the round, so a theme they had seen does not vanish into another in silence.
#[component]
fn RebuildSummary(changes: RebuildChanges, built: Option<jiff::Timestamp>) -> impl IntoView {
    let t = use_lang().report_texts();
    let mut lines: Vec<String> = Vec::new();
    lines.extend(changes.merged.iter().map(|merged| (t.rebuild_merged)(&merged.name, &merged.others)));
    lines.extend(changes.split.iter().map(|split| (t.rebuild_split)(&split.name, &split.others)));
    lines.extend(changes.new.iter().map(|name| (t.rebuild_new)(name)));
    lines.extend(changes.gone.iter().map(|name| (t.rebuild_gone)(name)));
    if changes.changed > 0 {
        lines.push((t.rebuild_changed)(changes.changed));
    }
    lines.push((t.rebuild_unchanged)(changes.unchanged));
    view! {
        <div class="notice info rebuild-changes" role="status" data-testid="rebuild-changes">
            <h3>{t.rebuild_heading}</h3>
            {built.map(|at| view! { <p class="meta">{(t.rebuild_built)(&display_time(at))}</p> })}
            <ul>{lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
        </div>
    }
}
