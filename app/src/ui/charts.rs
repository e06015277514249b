//! The report's charts as SVG components: a bar chart of the largest themes and a theme ×
//! workshop heatmap. Components (rather than images) so the analyst's page and the HTML
//! export draw the very same figure from the same numbers, with Leptos escaping every label.

use crate::model::ids::WorkshopId;
use leptos::prelude::*;

use crate::model::report::Report;

/// Characters of a label shown before it is cut with "…" (the full text is in a tooltip):
/// at 13 px, even wide letters then fit in `LABEL_WIDTH` and nothing is cut at the left.
const LABEL_CHARS: usize = 30;
const LABEL_WIDTH: f32 = 260.0;
/// Least height of the heatmap's column headings, the workshops' names written whole at a
/// slant (40°); longer names make the headings taller and the chart wider.
const HEADING_HEIGHT: f32 = 110.0;
/// The slant of the column headings, and the width of a character of a bold 13 px heading
/// (wide letters included, so a name always fits the room made for it).
const HEADING_ANGLE_DEG: f32 = 40.0;
const HEADING_CHAR_WIDTH: f32 = 8.0;
const ROW_HEIGHT: f32 = 26.0;
const BAR_AREA: f32 = 330.0;
const CELL_WIDTH: f32 = 44.0;
/// The heatmap's darkest colour (a blue with white text above half intensity).
const HEAT_RGB: &str = "31,95,170";
const TEXT_COLOUR: &str = "#222";

/// `text` cut to `max` characters with an ellipsis.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// A row's label: cut to `max` characters, and whole on hover and focus, over the chart
/// with a white halo (`style/report.css`, which the analyst's page loads and exports
/// inline), starting at `full_x` so it fits in the chart.
fn chart_label(text: &str, max: usize, x: f32, y: f32, full_x: f32) -> impl IntoView + use<> {
    let cut = shorten(text, max);
    let full = (cut != text).then(|| {
        view! {
            <text class="chart-label-full" x=full_x y=y font-size="13" fill=TEXT_COLOUR aria-hidden="true">{text.to_string()}</text>
        }
    });
    view! {
        <text class="chart-label-cut" x=x y=y text-anchor="end" font-size="13" fill=TEXT_COLOUR aria-hidden="true">{cut}</text>
        {full}
    }
}

/// A horizontal bar chart of (label, count), largest first, titled `title`.
#[component]
pub fn BarChart(title: &'static str, bars: Vec<(String, usize)>) -> impl IntoView {
    let max = bars.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1) as f32;
    let height = ROW_HEIGHT * bars.len() as f32 + 8.0;
    let width = LABEL_WIDTH + BAR_AREA + 50.0;
    let rows = bars
        .into_iter()
        .enumerate()
        .map(|(i, (label, count))| {
            let y = 4.0 + ROW_HEIGHT * i as f32;
            let bar = (BAR_AREA * count as f32 / max).max(2.0);
            let name = format!("{label}: {count}");
            view! {
                // Each row a focusable image named with its whole label and count.
                <g class="chart-row" tabindex="0" role="img" aria-label=name.clone()>
                    <title>{name.clone()}</title>
                    <rect x=LABEL_WIDTH y=y width=bar height=ROW_HEIGHT - 6.0 rx="3" fill=format!("rgb({HEAT_RGB})")/>
                    <text x=LABEL_WIDTH + bar + 6.0 y=y + 16.0 font-size="13" fill=TEXT_COLOUR aria-hidden="true">{count}</text>
                    {chart_label(&label, LABEL_CHARS, LABEL_WIDTH - 8.0, y + 16.0, 4.0)}
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="chart bar-chart" role="group" aria-labelledby="bar-chart-title"
            viewBox=format!("0 0 {width} {height}") width=width height=height xmlns="http://www.w3.org/2000/svg">
            <title id="bar-chart-title">{title}</title>
            {rows}
        </svg>
    }
}

/// A heatmap of notes per theme (rows, the unsorted group left out) and workshop (columns,
/// headed by the workshops' names at a slant).
#[component]
pub fn Heatmap(title: &'static str, report: Report) -> impl IntoView {
    let themes: Vec<_> = report.themes.iter().filter(|t| !t.unsorted).collect();
    let counts: Vec<Vec<(WorkshopId, usize)>> =
        themes.iter().map(|t| report.counts_per_workshop(t)).collect();
    let max = counts.iter().flatten().map(|(_, n)| *n).max().unwrap_or(0).max(1) as f32;
    // Every workshop's name is written whole (on screen and in print): the headings are as
    // tall as the longest slanted name, and the chart as wide as the last one reaches.
    let (rise, run) = {
        let angle = HEADING_ANGLE_DEG.to_radians();
        (angle.sin(), angle.cos())
    };
    let name_length = |title: &str| title.chars().count() as f32 * HEADING_CHAR_WIDTH;
    let longest = report.workshops.iter().map(|w| name_length(&w.title)).fold(0.0, f32::max);
    let heading_height = HEADING_HEIGHT.max(longest * rise + 16.0);
    let reach = report
        .workshops
        .iter()
        .enumerate()
        .map(|(c, w)| CELL_WIDTH * (c as f32 + 0.5) + name_length(&w.title) * run);
    let width = LABEL_WIDTH + reach.fold(CELL_WIDTH * report.workshops.len() as f32, f32::max) + 16.0;
    let height = heading_height + ROW_HEIGHT * themes.len() as f32 + 4.0;
    let headings = report
        .workshops
        .iter()
        .enumerate()
        .map(|(c, workshop)| {
            let (x, y) = (LABEL_WIDTH + CELL_WIDTH * (c as f32 + 0.5), heading_height - 8.0);
            view! {
                <text x=x y=y transform=format!("rotate(-{HEADING_ANGLE_DEG} {x} {y})") font-size="13" font-weight="bold"
                    fill=TEXT_COLOUR>{workshop.title.clone()}</text>
            }
        })
        .collect_view();
    let rows = themes
        .iter()
        .zip(&counts)
        .enumerate()
        .map(|(r, (theme, row))| {
            let y = heading_height + ROW_HEIGHT * r as f32;
            let cells = row
                .iter()
                .enumerate()
                .map(|(c, (workshop_id, count))| {
                    let intensity = *count as f32 / max;
                    let workshop = report.workshop(*workshop_id).map(|w| w.title.as_str()).unwrap_or_default();
                    let alpha = if *count == 0 { 0.0 } else { 0.12 + 0.88 * intensity };
                    view! {
                        <g>
                            <title>{format!("{} · {workshop}: {count}", theme.name)}</title>
                            <rect x=LABEL_WIDTH + CELL_WIDTH * c as f32 y=y width=CELL_WIDTH height=ROW_HEIGHT
                                fill=format!("rgba({HEAT_RGB},{alpha:.2})") stroke="#ccc"/>
                            <text x=LABEL_WIDTH + CELL_WIDTH * (c as f32 + 0.5) y=y + 17.0 text-anchor="middle" font-size="12"
                                fill={if intensity > 0.5 { "#fff" } else { TEXT_COLOUR }}>
                                {*count}
                            </text>
                        </g>
                    }
                })
                .collect_view();
            view! {
                {cells}
                // After the cells, so a whole name shown on focus is drawn over them.
                <g class="chart-row" tabindex="0" role="img" aria-label=theme.name.clone()>
                    <title>{theme.name.clone()}</title>
                    {chart_label(&theme.name, LABEL_CHARS, LABEL_WIDTH - 8.0, y + 17.0, 4.0)}
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="chart heatmap" role="group" aria-labelledby="heatmap-title"
            viewBox=format!("0 0 {width} {height}") width=width height=height xmlns="http://www.w3.org/2000/svg">
            <title id="heatmap-title">{title}</title>
            {headings}
            {rows}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::RoundId;

    fn bar_chart(bars: &[(&str, usize)]) -> String {
        let bars = bars.iter().map(|(label, n)| (label.to_string(), *n)).collect();
        view! { <BarChart title="Största" bars/> }.to_html()
    }

    #[test]
    fn markup_in_labels_is_drawn_as_text() {
        let svg = bar_chart(&[("<script>alert(1)</script> & \"citat\"", 3)]);
        assert!(!svg.contains("<script>"), "{svg}");
        assert!(svg.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"citat\": 3"), "{svg}");
    }

    #[test]
    fn bars_scale_to_the_largest() {
        let svg = bar_chart(&[("a", 10), ("b", 5)]);
        assert!(svg.contains(&format!(r#"width="{BAR_AREA}""#)));
        assert!(svg.contains(&format!(r#"width="{}""#, BAR_AREA / 2.0)));
    }

    #[test]
    fn long_labels_are_shortened_with_the_full_text_kept() {
        let label = "Gemensam infrastruktur för säker digital kommunikation mellan myndigheter";
        let svg = bar_chart(&[(label, 1)]);
        assert!(svg.contains(&format!("<title>{label}: 1")), "{svg}");
        assert!(svg.contains(">Gemensam infrastruktur för sä…<"), "{svg}");
        assert!(svg.contains(&format!(r#"aria-label="{label}: 1""#)), "the whole label names the row: {svg}");
        assert!(
            svg.contains("chart-label-full") && svg.contains(&format!(">{label}<")),
            "and drawn on focus: {svg}"
        );
    }

    #[test]
    fn a_label_that_fits_is_drawn_once() {
        let svg = bar_chart(&[("Grunddata", 4)]);
        assert_eq!(svg.matches(">Grunddata<").count(), 1, "{svg}");
    }

    #[test]
    fn heatmap_columns_are_headed_by_the_workshops_names() {
        let workshop = |title: &str| crate::model::report::ReportWorkshop {
            id: WorkshopId::random(),
            title: title.into(),
            sector: "Hälsa".into(),
            held_on: None,
            anonymous: false,
        };
        let report = Report {
            format_version: 1,
            scope: crate::model::report::ReportScope::Round,
            round: crate::model::report::RoundRef { id: RoundId::random(), title: "Höst".into() },
            previous_round: None,
            generated_at: "2026-11-28T00:00:00.000Z".parse().unwrap(),
            priority_areas: Vec::new(),
            workshops: vec![workshop("Vård och omsorg"), workshop("Skola och utbildning i kommunerna")],
            themes: Vec::new(),
            notes: Vec::new(),
            no_longer_mentioned: Vec::new(),
        };
        let svg = view! { <Heatmap title="Teman per workshop" report/> }.to_html();
        assert!(svg.contains(">Vård och omsorg<"), "{svg}");
        assert!(svg.contains(">Skola och utbildning i kommunerna<"), "a long name is written whole: {svg}");
        assert!(!svg.contains('…'), "nothing is cut, so print shows it too: {svg}");
        // 33 characters at 8 px, at 40°: the headings rise 170 px, more than the least 110.
        let height: f32 =
            svg.split(r#"height=""#).nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
        assert!(height >= 33.0 * 8.0 * 40f32.to_radians().sin() + 16.0, "room for the slanted name: {svg}");
        assert!(!svg.contains(">1<"), "no numbered columns");
    }
}
