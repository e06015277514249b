//! The report as Markdown: headings per theme and, under it, per need, counts, and each
//! note with its provenance.

use std::fmt::Write;

use app::i18n::{Lang, ReportTexts};
use app::report::{Report, ReportNote};
use app::report_html::{continuity_label, count_lines, display_time, provenance, title};

/// The report as a Markdown document.
pub fn markdown(report: &Report, lang: Lang) -> String {
    let t = lang.report_texts();
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", inline(&title(report, t)));
    let _ = write!(
        md,
        "{}: {}  \n{}: {}",
        t.round,
        inline(&report.round.title),
        t.generated,
        display_time(&report.generated_at)
    );
    if let Some(previous) = &report.previous_round {
        let _ = write!(md, "  \n{}: {}", t.compared_with, inline(&previous.title));
    }
    md.push_str("\n\n");
    if report.workshops.iter().any(|w| w.anonymous) {
        let _ = writeln!(md, "{}\n", t.anonymous_note);
    }

    let _ = writeln!(md, "## {}\n", t.workshops_heading);
    let _ = writeln!(
        md,
        "| # | {} | {} | {} | {} |\n|---|---|---|---|---|",
        t.workshop, t.sector, t.date, t.notes
    );
    for (i, w) in report.workshops.iter().enumerate() {
        let notes = report.notes.iter().filter(|n| n.workshop_id == w.id).count();
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {notes} |",
            i + 1,
            cell(&w.title),
            cell(&w.sector),
            cell(w.held_on.as_deref().unwrap_or(""))
        );
    }

    let _ = writeln!(md, "\n## {} ({})\n", t.themes_heading, report.themes.len());
    if report.themes.is_empty() {
        let _ = writeln!(md, "{}\n", t.not_clustered);
    }
    for theme in &report.themes {
        let name = if theme.unsorted { t.unsorted } else { theme.name.as_str() };
        let needs = if theme.needs.is_empty() || theme.unsorted {
            String::new()
        } else {
            format!(", {} {}", theme.needs.len(), t.needs)
        };
        let _ = writeln!(md, "### {} ({} {}{needs})\n", inline(name), theme.note_ids.len(), t.notes);
        if let Some(label) = continuity_label(&theme.continuity, t) {
            let _ = writeln!(md, "**{}**  ", inline(&label));
        }
        if theme.dots > 0 {
            let _ = writeln!(md, "{}: {}  ", t.dots, theme.dots);
        }
        if !theme.terms.is_empty() {
            let _ = writeln!(md, "{}: {}  ", t.terms, inline(&theme.terms.join(", ")));
        }
        for (heading, counts) in count_lines(report, theme, t, inline) {
            let _ = writeln!(md, "{heading}: {counts}  ");
        }
        let _ = writeln!(md, "{}: `{}`\n", t.theme_id, theme.id);
        if theme.unsorted || theme.needs.is_empty() {
            notes(&mut md, report, report.theme_notes(theme), t);
            continue;
        }
        for (need, members) in report.need_groups(theme) {
            let name = need.map_or(t.without_need, |need| need.name.as_str());
            let _ = writeln!(md, "#### {}: {} ({} {})\n", t.need, inline(name), members.len(), t.notes);
            if let Some(need) = need.filter(|need| !need.terms.is_empty()) {
                let _ = writeln!(md, "{}: {}\n", t.terms, inline(&need.terms.join(", ")));
            }
            notes(&mut md, report, members.into_iter(), t);
        }
    }

    let without = report.notes_without_theme();
    if !without.is_empty() {
        let _ = writeln!(md, "## {} ({})\n", t.without_theme, without.len());
        notes(&mut md, report, without.into_iter(), t);
    }
    if !report.no_longer_mentioned.is_empty() {
        let _ = writeln!(md, "## {}\n", t.no_longer_mentioned);
        for theme in &report.no_longer_mentioned {
            let _ = writeln!(
                md,
                "- {} ({} {}), {}: `{}`",
                inline(&theme.name),
                theme.note_count,
                t.notes,
                t.theme_id,
                theme.id
            );
        }
        md.push('\n');
    }
    md
}

fn notes<'a>(md: &mut String, report: &Report, notes: impl Iterator<Item = &'a ReportNote>, t: &ReportTexts) {
    for note in notes {
        let _ = writeln!(
            md,
            "- {}  \n  *{}*",
            inline(&note.text).replace('\n', "  \n  "),
            inline(&provenance(report, note, t))
        );
    }
    md.push('\n');
}

/// Text made safe inside Markdown: characters with meaning (HTML's angle brackets too) are
/// backslash-escaped, so a note cannot inject links, markup or headings.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '!' | '{' | '}' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Text for a table cell: escaped, on one line.
fn cell(text: &str) -> String {
    inline(text).replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::inline;

    #[test]
    fn markup_in_notes_is_escaped() {
        assert_eq!(inline("<script>x</script>"), "\\<script\\>x\\</script\\>");
        assert_eq!(inline("[klick](http://x) *fet*"), "\\[klick\\](http://x) \\*fet\\*");
        assert_eq!(inline("# rubrik | kolumn"), "\\# rubrik \\| kolumn");
    }
}
