//! The report's charts as SVG markup: a bar chart of the largest themes and a theme ×
//! workshop heatmap. Markup (rather than components) so the page, the printable report and
//! its HTML export all show the very same drawing. Every text is escaped.

use crate::model::report::Report;

/// Characters of a label shown before it is cut with "…" (the full text is in a tooltip):
/// at 13 px, even wide letters then fit in `LABEL_WIDTH` and nothing is cut at the left.
const LABEL_CHARS: usize = 30;
const LABEL_WIDTH: f32 = 260.0;
/// Height of the heatmap's column headings, the workshops' names written at a slant.
const HEADING_HEIGHT: f32 = 110.0;
/// Characters of a workshop's name over its column.
const COLUMN_CHARS: usize = 18;
const ROW_HEIGHT: f32 = 26.0;
const BAR_AREA: f32 = 330.0;
const CELL_WIDTH: f32 = 44.0;
/// The heatmap's darkest colour (a blue with white text above half intensity).
const HEAT_RGB: &str = "31,95,170";

/// Escapes text for HTML and XML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `text` cut to `max` characters with an ellipsis.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// A horizontal bar chart of (label, count), largest first, titled `title`.
pub fn bar_chart(title: &str, bars: &[(String, usize)]) -> String {
    let max = bars.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1) as f32;
    let height = ROW_HEIGHT * bars.len() as f32 + 8.0;
    let width = LABEL_WIDTH + BAR_AREA + 50.0;
    let mut svg = format!(
        r#"<svg class="chart bar-chart" role="img" aria-labelledby="bar-chart-title" viewBox="0 0 {width} {height}" width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg"><title id="bar-chart-title">{}</title>"#,
        escape(title)
    );
    for (i, (label, count)) in bars.iter().enumerate() {
        let y = 4.0 + ROW_HEIGHT * i as f32;
        let bar = (BAR_AREA * *count as f32 / max).max(2.0);
        svg.push_str(&format!(
            r##"<g><title>{full}: {count}</title><text x="{lx}" y="{ty}" text-anchor="end" font-size="13" fill="#222">{short}</text><rect x="{bx}" y="{y}" width="{bar}" height="{bh}" rx="3" fill="rgb({HEAT_RGB})"/><text x="{cx}" y="{ty}" font-size="13" fill="#222">{count}</text></g>"##,
            full = escape(label),
            short = escape(&shorten(label, LABEL_CHARS)),
            lx = LABEL_WIDTH - 8.0,
            ty = y + 16.0,
            bx = LABEL_WIDTH,
            bh = ROW_HEIGHT - 6.0,
            cx = LABEL_WIDTH + bar + 6.0,
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// A heatmap of notes per theme (rows, the unsorted group left out) and workshop (columns,
/// headed by the workshops' names at a slant).
pub fn heatmap(title: &str, report: &Report) -> String {
    let themes: Vec<_> = report.themes.iter().filter(|t| !t.unsorted).collect();
    let counts: Vec<Vec<(uuid::Uuid, usize)>> =
        themes.iter().map(|t| report.counts_per_workshop(t)).collect();
    let max = counts.iter().flatten().map(|(_, n)| *n).max().unwrap_or(0).max(1) as f32;
    let columns = report.workshops.len();
    // Room on the right for the last column's slanted name.
    let width = LABEL_WIDTH + CELL_WIDTH * columns as f32 + 100.0;
    let height = HEADING_HEIGHT + ROW_HEIGHT * themes.len() as f32 + 4.0;
    let mut svg = format!(
        r#"<svg class="chart heatmap" role="img" aria-labelledby="heatmap-title" viewBox="0 0 {width} {height}" width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg"><title id="heatmap-title">{}</title>"#,
        escape(title)
    );
    for (c, workshop) in report.workshops.iter().enumerate() {
        let (x, y) = (LABEL_WIDTH + CELL_WIDTH * (c as f32 + 0.5), HEADING_HEIGHT - 8.0);
        svg.push_str(&format!(
            r##"<g><title>{}</title><text x="{x}" y="{y}" transform="rotate(-40 {x} {y})" font-size="13" font-weight="bold" fill="#222">{}</text></g>"##,
            escape(&workshop.title),
            escape(&shorten(&workshop.title, COLUMN_CHARS)),
        ));
    }
    for (r, (theme, row)) in themes.iter().zip(&counts).enumerate() {
        let y = HEADING_HEIGHT + ROW_HEIGHT * r as f32;
        svg.push_str(&format!(
            r##"<g><title>{}</title><text x="{}" y="{}" text-anchor="end" font-size="13" fill="#222">{}</text></g>"##,
            escape(&theme.name),
            LABEL_WIDTH - 8.0,
            y + 17.0,
            escape(&shorten(&theme.name, LABEL_CHARS))
        ));
        for (c, (workshop_id, count)) in row.iter().enumerate() {
            let intensity = *count as f32 / max;
            let workshop = report.workshop(*workshop_id).map(|w| w.title.as_str()).unwrap_or_default();
            let text_colour = if intensity > 0.5 { "#fff" } else { "#222" };
            svg.push_str(&format!(
                r##"<g><title>{theme} · {workshop}: {count}</title><rect x="{x}" y="{y}" width="{w}" height="{h}" fill="rgba({HEAT_RGB},{alpha:.2})" stroke="#ccc"/><text x="{tx}" y="{ty}" text-anchor="middle" font-size="12" fill="{text_colour}">{count}</text></g>"##,
                theme = escape(&theme.name),
                workshop = escape(workshop),
                x = LABEL_WIDTH + CELL_WIDTH * c as f32,
                w = CELL_WIDTH,
                h = ROW_HEIGHT,
                alpha = if *count == 0 { 0.0 } else { 0.12 + 0.88 * intensity },
                tx = LABEL_WIDTH + CELL_WIDTH * (c as f32 + 0.5),
                ty = y + 17.0,
            ));
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_in_labels() {
        let svg = bar_chart("Största", &[("<script>alert(1)</script>".into(), 3)]);
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;"));
    }

    #[test]
    fn bars_scale_to_the_largest() {
        let svg = bar_chart("t", &[("a".into(), 10), ("b".into(), 5)]);
        assert!(svg.contains(&format!(r#"width="{BAR_AREA}""#)));
        assert!(svg.contains(&format!(r#"width="{}""#, BAR_AREA / 2.0)));
    }

    #[test]
    fn long_labels_are_shortened_with_the_full_text_kept() {
        let label = "Gemensam infrastruktur för säker digital kommunikation mellan myndigheter";
        let svg = bar_chart("t", &[(label.into(), 1)]);
        assert!(svg.contains(&format!("<title>{label}: 1</title>")));
        assert!(svg.contains('…'));
    }

    #[test]
    fn heatmap_columns_are_headed_by_the_workshops_names() {
        let workshop = |title: &str| crate::model::report::ReportWorkshop {
            id: uuid::Uuid::new_v4(),
            title: title.into(),
            sector: "Hälsa".into(),
            held_on: None,
            anonymous: false,
        };
        let report = Report {
            format_version: 1,
            scope: crate::model::report::ReportScope::Round,
            round: crate::model::report::RoundRef { id: uuid::Uuid::new_v4(), title: "Höst".into() },
            previous_round: None,
            generated_at: "2026-11-28T00:00:00.000Z".parse().unwrap(),
            workshops: vec![workshop("Vård och omsorg"), workshop("Skola och utbildning i kommunerna")],
            themes: Vec::new(),
            notes: Vec::new(),
            no_longer_mentioned: Vec::new(),
        };
        let svg = heatmap("Teman per workshop", &report);
        assert!(svg.contains(">Vård och omsorg</text>"), "{svg}");
        assert!(svg.contains("<title>Skola och utbildning i kommunerna</title>"), "the full name on hover");
        assert!(svg.contains(">Skola och utbildn…</text>"), "a long name is shortened: {svg}");
        assert!(!svg.contains(">1</text>"), "no numbered columns");
    }
}
