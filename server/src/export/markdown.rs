//! The report as Markdown: headings per theme and, under it, per need, counts, and each
//! note with its provenance.

use std::fmt::Write;

use app::i18n::Lang;
use app::model::report::{Report, ReportNote, ReportScope};
use app::model::swedish_time::display_time;
use app::texts::ReportTexts;
use app::ui::name_from::name_from_line;
use app::ui::priority_areas::area_lines;
use app::ui::report_html::{continuity_label, count_lines, provenance, title};
use app::ui::support::support_line;

/// The report as a Markdown document.
pub fn markdown(report: &Report, lang: Lang) -> String {
    let (t, counts) = (lang.report_texts(), lang.texts());
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", inline(&title(report, t)));
    let _ = write!(
        md,
        "{}: {}  \n{}: {}",
        t.round,
        inline(&report.round.title),
        t.generated,
        display_time(report.generated_at)
    );
    if let Some(previous) = &report.previous_round {
        let _ = write!(md, "  \n{}: {}", t.compared_with, inline(&previous.title));
    }
    md.push_str("\n\n");
    if report.workshops.iter().any(|w| w.anonymous) {
        let _ = writeln!(md, "{}\n", t.anonymous_note);
    }

    priority_areas(&mut md, report, t);

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
            w.held_on.map(|day| day.to_string()).unwrap_or_default()
        );
    }

    let _ = writeln!(md, "\n## {} ({})\n", t.themes_heading, report.themes.len());
    if report.themes.is_empty() {
        let _ = writeln!(md, "{}\n", t.not_clustered);
    }
    let round = matches!(report.scope, ReportScope::Round);
    for theme in &report.themes {
        let name = if theme.unsorted { t.unsorted } else { theme.name.as_str() };
        let needs = if theme.needs.is_empty() || theme.unsorted {
            String::new()
        } else {
            format!(", {}", (counts.needs_n)(theme.needs.len()))
        };
        let _ = writeln!(md, "### {} ({}{needs})\n", inline(name), (counts.notes_n)(theme.note_ids.len()));
        if let Some(label) = continuity_label(&theme.continuity, t) {
            let _ = writeln!(md, "**{}**  ", inline(&label));
        }
        let _ = writeln!(md, "{}  ", support_line(&theme.support, t));
        // A round's names may be a facilitator's, the analyst's or the notes': say whose.
        if round && !theme.unsorted {
            let _ = writeln!(md, "{}  ", inline(&name_from_line(&theme.name_from, t)));
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
            let _ = writeln!(md, "#### {}: {} ({})\n", t.need, inline(name), (counts.notes_n)(members.len()));
            if let Some(need) = need {
                if round {
                    let _ = writeln!(md, "{}  ", inline(&name_from_line(&need.name_from, t)));
                }
                let _ = writeln!(md, "{}\n", support_line(&need.support, t));
            }
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
                "- {} ({}), {}: `{}`",
                inline(&theme.name),
                (counts.notes_n)(theme.note_count),
                t.theme_id,
                theme.id
            );
        }
        md.push('\n');
    }
    md
}

/// The priority areas, numbered, each with where it sits and its figures (or that it is gone).
fn priority_areas(md: &mut String, report: &Report, t: &ReportTexts) {
    let lines = area_lines(report, t);
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(md, "## {}\n", t.priority_areas_heading);
    for (i, (name, place, figures)) in lines.into_iter().enumerate() {
        let _ = write!(md, "{}. **{}** ({})", i + 1, inline(&name), inline(&place));
        if !figures.is_empty() {
            let _ = write!(md, "  \n   {}", inline(&figures));
        }
        md.push('\n');
    }
    md.push('\n');
}

fn notes<'a>(md: &mut String, report: &Report, notes: impl Iterator<Item = &'a ReportNote>, t: &ReportTexts) {
    for note in notes {
        let _ = writeln!(md, "- {}  \n  *{}*", block(&note.text), inline(&provenance(report, note, t)));
    }
    md.push('\n');
}

/// Text made safe inside Markdown: characters with meaning (HTML's angle brackets too) are
/// backslash-escaped, so a note cannot inject links, markup or headings. The `:` of `://`,
/// the `@` of an address and the dot of `www.` are escaped as well: renderers turn bare
/// addresses into links otherwise.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let www = c == '.'
            && out.get(out.len().saturating_sub(3)..).is_some_and(|tail| tail.eq_ignore_ascii_case("www"));
        let scheme = c == ':' && chars.peek() == Some(&'/');
        if www
            || scheme
            || matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '!' | '{' | '}' | '<' | '>' | '~' | '@'
            )
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A note's text as the lines of one list item: every line escaped, none indented (which
/// would make a code block), and none starting a list, a quote or a heading's underline of
/// its own.
fn block(text: &str) -> String {
    text.lines().map(|line| guard_line_start(inline(line.trim_start()))).collect::<Vec<_>>().join("  \n  ")
}

/// `line` with the marker it starts with, if any, escaped: `-`, `+`, `=` or `1.`/`1)`.
fn guard_line_start(line: String) -> String {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    match line[digits..].chars().next() {
        Some('.' | ')') if digits > 0 => format!("{}\\{}", &line[..digits], &line[digits..]),
        Some('-' | '+' | '=') if digits == 0 => format!("\\{line}"),
        _ => line,
    }
}

/// Text for a table cell: escaped, on one line.
fn cell(text: &str) -> String {
    inline(text).replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::{block, inline};

    #[test]
    fn markup_in_notes_is_escaped() {
        assert_eq!(inline("<script>x</script>"), "\\<script\\>x\\</script\\>");
        assert_eq!(inline("[klick](http://x) *fet*"), "\\[klick\\](http\\://x) \\*fet\\*");
        assert_eq!(inline("# rubrik | kolumn"), "\\# rubrik \\| kolumn");
    }

    #[test]
    fn addresses_do_not_become_links() {
        assert_eq!(inline("se https://evil.example"), "se https\\://evil.example");
        assert_eq!(inline("WWW.evil.example"), "WWW\\.evil.example");
        assert_eq!(inline("a@b.se"), "a\\@b.se");
    }

    #[test]
    fn lines_of_a_note_start_no_block_of_their_own() {
        assert_eq!(
            block("Rubrik\n===\n- punkt\n    kod\n2. steg"),
            "Rubrik  \n  \\===  \n  \\- punkt  \n  kod  \n  2\\. steg"
        );
        assert_eq!(block("10 kronor"), "10 kronor", "a number is not a list");
    }
}
