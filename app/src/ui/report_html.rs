//! The revision report as HTML: the body the analyst's page shows, and the standalone,
//! printable document the HTML export downloads (print to PDF gives clean pages). One
//! renderer for both, so the page and the export cannot drift apart. Every text is escaped.

use std::fmt::Write;

use crate::i18n::Lang;
use crate::model::report::{Continuity, Report, ReportNote, ReportScope, ReportTheme};
use crate::model::swedish_time::display_time;
use crate::texts::ReportTexts;
use crate::ui::charts::{bar_chart, escape, heatmap};

/// The report's stylesheet: served at `/report.css` for the page and inlined in exports.
pub const REPORT_CSS: &str = include_str!("../../../style/report.css");

/// How many themes the bar chart shows.
pub const BAR_CHART_THEMES: usize = 12;

/// The report's title: what it covers and its name.
pub fn title(report: &Report, t: &ReportTexts) -> String {
    match report.scope {
        ReportScope::Round => format!("{}: {}", t.round_report, report.round.title),
        ReportScope::Workshop { workshop_id } => {
            let name = report.workshop(workshop_id).map(|w| w.title.as_str()).unwrap_or_default();
            format!("{}: {name}", t.workshop_report)
        }
    }
}

/// The label of a theme's comparison with the previous round, if it was compared.
pub fn continuity_label(continuity: &Continuity, t: &ReportTexts) -> Option<String> {
    match continuity {
        Continuity::NotCompared => None,
        Continuity::New => Some(t.status_new.to_string()),
        Continuity::Recurring { previous_name } => {
            Some(format!("{} ({}: {previous_name})", t.status_recurring, t.previously))
        }
    }
}

/// A theme's notes counted per workshop, sector and organisation, each as (heading,
/// "label n, label n"), with `escape` applied to the labels (for HTML or Markdown).
pub fn count_lines(
    report: &Report,
    theme: &ReportTheme,
    t: &ReportTexts,
    escape: impl Fn(&str) -> String,
) -> [(&'static str, String); 3] {
    let per_workshop: Vec<String> = report
        .counts_per_workshop(theme)
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .filter_map(|(id, n)| report.workshop(id).map(|w| format!("{} {n}", escape(&w.title))))
        .collect();
    let ranked = |counts: Vec<crate::model::report::Count>| -> String {
        counts.iter().map(|c| format!("{} {}", escape(&c.label), c.notes)).collect::<Vec<_>>().join(", ")
    };
    [
        (t.per_workshop, per_workshop.join(", ")),
        (t.per_sector, ranked(report.counts_per_sector(theme))),
        (t.per_organisation, ranked(report.counts_per_organisation(theme, t.no_organisation))),
    ]
}

/// Where a note came from, as one line: workshop · sector · organisation · name · time.
pub fn provenance(report: &Report, note: &ReportNote, t: &ReportTexts) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(workshop) = report.workshop(note.workshop_id) {
        parts.push(workshop.title.clone());
        parts.push(workshop.sector.clone());
    }
    parts.extend(note.organisation.clone());
    parts.extend(note.author.clone());
    parts.push(display_time(note.created_at));
    if note.supporters > 0 {
        parts.push(format!("{} {}", t.supporters, note.supporters));
    }
    if note.dots > 0 {
        parts.push(format!("{}: {}", t.dots, note.dots));
    }
    parts.join(" · ")
}

/// The report as an HTML fragment (an `<article>`), for the page and the document.
pub fn body(report: &Report, t: &ReportTexts) -> String {
    let mut html = String::new();
    let _ = write!(
        html,
        r#"<article class="report"><header><h1>{}</h1><p class="meta">"#,
        escape(&title(report, t))
    );
    let _ = write!(
        html,
        "{}: {} · {}: {}",
        t.round,
        escape(&report.round.title),
        t.generated,
        display_time(report.generated_at)
    );
    if let Some(previous) = &report.previous_round {
        let _ = write!(html, " · {}: {}", t.compared_with, escape(&previous.title));
    }
    html.push_str("</p>");
    if report.workshops.iter().any(|w| w.anonymous) {
        let _ = write!(html, r#"<p class="meta">{}</p>"#, t.anonymous_note);
    }
    html.push_str("</header>");
    workshops_table(&mut html, report, t);
    charts(&mut html, report, t);
    themes(&mut html, report, t);
    let without: Vec<&ReportNote> = report.notes_without_theme();
    if !without.is_empty() {
        let _ = write!(
            html,
            r#"<section class="report-section"><h2>{} ({})</h2>"#,
            t.without_theme,
            without.len()
        );
        notes_list(&mut html, report, without.into_iter(), t);
        html.push_str("</section>");
    }
    if !report.no_longer_mentioned.is_empty() {
        let _ = write!(html, r#"<section class="report-section"><h2>{}</h2><ul>"#, t.no_longer_mentioned);
        for theme in &report.no_longer_mentioned {
            let _ = write!(
                html,
                r#"<li><span class="status status-gone">{}</span> {} ({} {}) <span class="meta">{}: {}</span></li>"#,
                t.status_gone,
                escape(&theme.name),
                theme.note_count,
                t.notes,
                t.theme_id,
                theme.id
            );
        }
        html.push_str("</ul></section>");
    }
    html.push_str("</article>");
    html
}

fn workshops_table(html: &mut String, report: &Report, t: &ReportTexts) {
    let _ = write!(
        html,
        r#"<section class="report-section"><h2>{}</h2><table class="report-table"><thead><tr><th scope="col">#</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        t.workshops_heading, t.workshop, t.sector, t.date, t.notes
    );
    for (i, workshop) in report.workshops.iter().enumerate() {
        let notes = report.notes.iter().filter(|n| n.workshop_id == workshop.id).count();
        let anonymous = if workshop.anonymous { format!(" ({})", t.anonymous) } else { String::new() };
        let _ = write!(
            html,
            "<tr><td>{}</td><td>{}{anonymous}</td><td>{}</td><td>{}</td><td>{notes}</td></tr>",
            i + 1,
            escape(&workshop.title),
            escape(&workshop.sector),
            workshop.held_on.map(|day| day.to_string()).unwrap_or_default()
        );
    }
    html.push_str("</tbody></table></section>");
}

fn charts(html: &mut String, report: &Report, t: &ReportTexts) {
    let largest = report.largest_themes(BAR_CHART_THEMES);
    if largest.is_empty() {
        return;
    }
    html.push_str(r#"<section class="report-section report-charts">"#);
    let _ = write!(
        html,
        r#"<figure><figcaption>{}</figcaption>{}</figure>"#,
        t.bar_chart_title,
        bar_chart(t.bar_chart_title, &largest)
    );
    if matches!(report.scope, ReportScope::Round) {
        let _ = write!(
            html,
            r#"<figure><figcaption>{}</figcaption>{}</figure>"#,
            t.heatmap_title,
            heatmap(t.heatmap_title, report)
        );
    }
    html.push_str("</section>");
}

fn themes(html: &mut String, report: &Report, t: &ReportTexts) {
    let _ = write!(
        html,
        r#"<section class="report-section"><h2>{} ({})</h2>"#,
        t.themes_heading,
        report.themes.len()
    );
    if report.themes.is_empty() {
        let _ = write!(html, "<p>{}</p>", t.not_clustered);
    }
    for theme in &report.themes {
        theme_section(html, report, theme, t);
    }
    html.push_str("</section>");
}

fn theme_section(html: &mut String, report: &Report, theme: &ReportTheme, t: &ReportTexts) {
    let name = if theme.unsorted { t.unsorted } else { theme.name.as_str() };
    let _ = write!(
        html,
        r#"<section class="report-theme" id="theme-{}"><h3>{} <span class="count">({} {}{})</span>"#,
        theme.id,
        escape(name),
        theme.note_ids.len(),
        t.notes,
        if theme.unsorted || theme.needs.is_empty() {
            String::new()
        } else {
            format!(", {} {}", theme.needs.len(), t.needs)
        }
    );
    if let Some(label) = continuity_label(&theme.continuity, t) {
        let class =
            if matches!(theme.continuity, Continuity::New) { "status-new" } else { "status-recurring" };
        let _ = write!(html, r#" <span class="status {class}">{}</span>"#, escape(&label));
    }
    if theme.dots > 0 {
        let _ = write!(html, r#" <span class="status status-dots">{}: {}</span>"#, t.dots, theme.dots);
    }
    html.push_str("</h3>");
    if !theme.terms.is_empty() {
        let _ = write!(html, r#"<p class="meta">{}: {}</p>"#, t.terms, escape(&theme.terms.join(", ")));
    }
    html.push_str(r#"<dl class="counts">"#);
    for (heading, counts) in count_lines(report, theme, t, escape) {
        let _ = write!(html, "<dt>{heading}</dt><dd>{counts}</dd>");
    }
    html.push_str("</dl>");
    if theme.unsorted || theme.needs.is_empty() {
        notes_list(html, report, report.theme_notes(theme), t);
    } else {
        for (need, notes) in report.need_groups(theme) {
            let name = need.map_or(t.without_need, |need| need.name.as_str());
            let id = need.map(|need| format!(r#" id="need-{}""#, need.id)).unwrap_or_default();
            let _ = write!(
                html,
                r#"<section class="report-need"{id}><h4><span class="need-label">{}:</span> {} <span class="count">({} {})</span></h4>"#,
                t.need,
                escape(name),
                notes.len(),
                t.notes
            );
            if let Some(need) = need.filter(|need| !need.terms.is_empty()) {
                let _ =
                    write!(html, r#"<p class="meta">{}: {}</p>"#, t.terms, escape(&need.terms.join(", ")));
            }
            notes_list(html, report, notes.into_iter(), t);
            html.push_str("</section>");
        }
    }
    let _ = write!(html, r#"<p class="meta theme-id">{}: {}</p></section>"#, t.theme_id, theme.id);
}

fn notes_list<'a>(
    html: &mut String,
    report: &Report,
    notes: impl Iterator<Item = &'a ReportNote>,
    t: &ReportTexts,
) {
    html.push_str(r#"<ul class="report-notes">"#);
    for note in notes {
        let _ = write!(
            html,
            r#"<li><p class="note-text">{}</p><p class="provenance">{}</p></li>"#,
            escape(&note.text),
            escape(&provenance(report, note, t))
        );
    }
    html.push_str("</ul>");
}

/// The report as a standalone HTML document with its stylesheet inlined, for download
/// and printing.
pub fn document(report: &Report, lang: Lang) -> String {
    let t = lang.report_texts();
    format!(
        r#"<!DOCTYPE html><html lang="{}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{}</title><style>{}</style></head><body>{}</body></html>"#,
        lang.tag(),
        escape(&title(report, t)),
        REPORT_CSS,
        body(report, t)
    )
}
