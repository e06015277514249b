//! The priority areas as every report shows them, at its top: each need or theme marked,
//! where it sits, its support and the sectors that raised it; a mark whose need a rebuild
//! took away is listed and said to be gone. The HTML report renders [`PriorityAreaList`];
//! the Markdown and Excel exports take the same lines from [`area_lines`].

use leptos::prelude::*;

use crate::model::report::{DEFAULT_SECTOR_THRESHOLD, PriorityArea, PriorityKind, Report};
use crate::texts::ReportTexts;
use crate::ui::support::support_line;

/// What a priority area is and where: "need in the theme X", "Theme", or that it is gone.
pub fn area_place(area: &PriorityArea, t: &ReportTexts) -> String {
    if area.gone {
        return t.priority_gone.to_string();
    }
    match (area.kind, &area.theme_name) {
        (PriorityKind::Need, Some(theme)) => (t.need_in_theme)(theme),
        (PriorityKind::Need, None) => t.need.to_string(),
        (PriorityKind::Theme, _) => t.theme.to_string(),
    }
}

/// The sectors that raised an area (at the default threshold), as "Sectors (at least 2
/// notes): A, B"; `None` when the report does not hold it (gone, or filtered out).
pub fn area_sectors(report: &Report, area: &PriorityArea, t: &ReportTexts) -> Option<String> {
    let (_, sectors) = report.priority_support(area, DEFAULT_SECTOR_THRESHOLD)?;
    let names = if sectors.is_empty() { "–".to_string() } else { sectors.join(", ") };
    Some(format!("{}: {names}", (t.sectors_raising)(DEFAULT_SECTOR_THRESHOLD)))
}

/// Each area as (name, place, figures): the figures its support line and raising sectors,
/// empty when the report does not hold it.
pub fn area_lines(report: &Report, t: &ReportTexts) -> Vec<(String, String, String)> {
    report
        .priority_areas
        .iter()
        .map(|area| {
            let figures = report
                .priority_support(area, DEFAULT_SECTOR_THRESHOLD)
                .map(|(support, _)| {
                    let sectors = area_sectors(report, area, t).unwrap_or_default();
                    format!("{} · {sectors}", support_line(&support, t))
                })
                .unwrap_or_default();
            (area.name.clone(), area_place(area, t), figures)
        })
        .collect()
}

/// The priority areas as a section of the report; nothing when none is marked.
pub fn priority_area_section(report: &Report, t: &'static ReportTexts) -> impl IntoView + use<> {
    let lines = area_lines(report, t);
    (!lines.is_empty()).then(|| {
        let items = report
            .priority_areas
            .iter()
            .zip(lines)
            .map(|(area, (name, place, figures))| {
                let class = if area.gone { "priority-area priority-gone" } else { "priority-area" };
                view! {
                    <li class=class data-priority-id=area.id.to_string()>
                        <strong>{name}</strong>" "<span class="meta">{format!("({place})")}</span>
                        {(!figures.is_empty()).then(|| view! { <p class="meta support">{figures}</p> })}
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="report-section priority-areas" data-testid="priority-areas">
                <h2>{t.priority_areas_heading}</h2>
                <ol>{items}</ol>
            </section>
        }
    })
}
