//! The report as CSV: one row per note with its theme, its need and provenance. Column names
//! and the theme's status are in the report's language, as the page it is downloaded from
//! (scripts read the JSON export, whose keys are stable English); values are as written,
//! times in RFC 3339 on the Swedish clock with its offset (`2026-11-28T10:15:00+01:00`). By
//! default the separator is the one a spreadsheet in the report's language expects: a
//! semicolon in Swedish (Swedish Excel reads the comma as the decimal sign), a comma in
//! English; a comma variant is offered too.
//!
//! Each figure sits once, on the row it belongs to, so a column's sum is the true total: a
//! note's +1s and dots on its row; the theme-vote dots of a theme on its first row, and of a
//! need on the need's first row (the other rows leave them empty). The last column says
//! whether the note's need or theme is a priority area; the two after it, where the theme's
//! and the need's names came from (a facilitator, the analyst, the notes), as on the page.
//! The previous round's themes no longer mentioned come last, a row each with their name,
//! status and note count, and no note.

use app::i18n::Lang;
use app::model::ids::PriorityTargetId;
use app::model::report::{Continuity, Report, ReportNeed, ReportNote, ReportTheme};
use app::model::swedish_time::SwedishTime;
use app::ui::name_from::name_from_line;
use app::ui::report_html::counterparts_text;

/// What separates a CSV row's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Separator {
    Semicolon,
    Comma,
}

impl Separator {
    /// The separator a spreadsheet in `lang` expects.
    pub fn of(lang: Lang) -> Self {
        match lang {
            Lang::Sv => Separator::Semicolon,
            Lang::En => Separator::Comma,
        }
    }
}

/// The report as CSV (RFC 4180, CRLF line ends), starting with a UTF-8 byte order mark so
/// spreadsheet programs read Swedish letters right.
pub fn csv(report: &Report, lang: Lang, separator: Separator) -> String {
    let t = lang.report_texts();
    let separator = match separator {
        Separator::Semicolon => ";",
        Separator::Comma => ",",
    };
    let mut out = String::from('\u{feff}');
    push_row(&mut out, separator, t.csv_columns.iter().map(|c| c.to_string()));
    for theme in &report.themes {
        let name = if theme.unsorted { t.unsorted.to_string() } else { theme.name.clone() };
        let mut first_of_theme = true;
        for (need, notes) in report.need_groups(theme) {
            // The unsorted group's one need is the group itself: no need of its own.
            let need = need.filter(|_| !theme.unsorted);
            for (i, note) in notes.into_iter().enumerate() {
                let firsts = Firsts { theme: first_of_theme, need: i == 0 };
                push_row(&mut out, separator, row(report, lang, Some((theme, &name)), need, note, firsts));
                first_of_theme = false;
            }
        }
    }
    for note in report.notes_without_theme() {
        let firsts = Firsts { theme: false, need: false };
        push_row(&mut out, separator, row(report, lang, None, None, note, firsts));
    }
    // Last round's themes no longer mentioned: a row each, with no note, so the file holds
    // the whole comparison as the page does.
    let columns = t.csv_columns.len();
    for gone in &report.no_longer_mentioned {
        let mut cells = vec![String::new(); columns];
        cells[0] = gone.id.to_string();
        cells[1] = gone.name.clone();
        cells[4] = t.status_gone.to_string();
        cells[5] = (lang.texts().notes_n)(gone.note_count);
        push_row(&mut out, separator, cells.into_iter());
    }
    out
}

/// Whether a row is the first of its theme and of its need: where their figures go.
#[derive(Clone, Copy)]
struct Firsts {
    theme: bool,
    need: bool,
}

fn row(
    report: &Report,
    lang: Lang,
    theme: Option<(&ReportTheme, &str)>,
    need: Option<&ReportNeed>,
    note: &ReportNote,
    firsts: Firsts,
) -> impl Iterator<Item = String> {
    let workshop = report.workshop(note.workshop_id);
    let texts = lang.report_texts();
    let (status, previous) = match theme.map(|(t, _)| &t.continuity) {
        Some(Continuity::New) => (texts.status_new, String::new()),
        Some(Continuity::Recurring { previous }) => {
            (texts.status_recurring, counterparts_text(previous, texts))
        }
        _ => ("", String::new()),
    };
    [
        theme.map(|(t, _)| t.id.to_string()).unwrap_or_default(),
        theme.map(|(_, name)| name.to_string()).unwrap_or_default(),
        need.map(|n| n.id.to_string()).unwrap_or_default(),
        need.map(|n| n.name.clone()).unwrap_or_default(),
        status.to_string(),
        previous,
        note.id.to_string(),
        note.text.clone(),
        note.workshop_id.to_string(),
        workshop.map(|w| w.title.clone()).unwrap_or_default(),
        workshop.map(|w| w.sector.clone()).unwrap_or_default(),
        note.organisation.clone().unwrap_or_default(),
        note.author.clone().unwrap_or_default(),
        SwedishTime::of(note.created_at).rfc3339(),
        note.edited_at.map(|at| SwedishTime::of(at).rfc3339()).unwrap_or_default(),
        note.supporters.to_string(),
        note.dots.to_string(),
        theme.filter(|_| firsts.theme).map(|(t, _)| t.support.theme_dots.to_string()).unwrap_or_default(),
        need.filter(|_| firsts.need).map(|n| n.support.theme_dots.to_string()).unwrap_or_default(),
        priority_cell(report, theme.map(|(t, _)| t), need, texts.priority_yes),
        theme
            .filter(|(t, _)| !t.unsorted)
            .map(|(t, _)| name_from_line(&t.name_from, texts))
            .unwrap_or_default(),
        need.map(|n| name_from_line(&n.name_from, texts)).unwrap_or_default(),
    ]
    .into_iter()
}

/// The priority-area cell of a note's row: `yes` when its need, or its theme, is a priority
/// area, else empty.
fn priority_cell(
    report: &Report,
    theme: Option<&ReportTheme>,
    need: Option<&ReportNeed>,
    yes: &str,
) -> String {
    let marked = |id: PriorityTargetId| report.priority_areas.iter().any(|area| !area.gone && area.id == id);
    let any =
        theme.is_some_and(|theme| marked(theme.id.into())) || need.is_some_and(|need| marked(need.id.into()));
    if any { yes.to_string() } else { String::new() }
}

fn push_row(out: &mut String, separator: &str, cells: impl Iterator<Item = String>) {
    let cells: Vec<String> = cells.map(|cell| field(&cell)).collect();
    out.push_str(&cells.join(separator));
    out.push_str("\r\n");
}

/// One field: quoted when it holds either separator, a quote or a line break; a leading `=`, `+`,
/// `-` or `@` is prefixed with `'` so a spreadsheet does not run a note as a formula.
fn field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', ';', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_are_in_each_language_and_none_reads_as_a_formula() {
        for lang in [Lang::Sv, Lang::En] {
            let columns = lang.report_texts().csv_columns;
            let distinct: std::collections::HashSet<&str> = columns.iter().copied().collect();
            assert_eq!(distinct.len(), columns.len(), "{lang:?}: {columns:?}");
            assert!(columns.iter().all(|c| field(c) == *c), "{lang:?}: {columns:?}");
        }
        assert_eq!(Lang::Sv.report_texts().csv_columns[0], "Tema-id");
        assert_eq!(Lang::En.report_texts().csv_columns[0], "Theme id");
    }

    #[test]
    fn quotes_separators_and_doubles_quotes() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("a; b"), "\"a; b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn formulas_are_defused() {
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
    }
}
