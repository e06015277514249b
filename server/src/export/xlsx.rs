//! The report as an Excel workbook: a sheet of themes with their support and counts per
//! workshop, a sheet of needs under their themes with their support, and a sheet of notes
//! with their theme, need, provenance, +1s and dots, and a sheet of the priority areas;
//! sheets named in the report's language.
//! Cells are written as text, numbers and dates (Swedish time, the zone named in the cell's
//! format), never as formulas; what a reader looks at comes first, the stable ids (for
//! joining sheets and scripts) last, but on the themes and needs sheets where each name came
//! from, added after them so that no column moved.

use app::i18n::Lang;
use app::model::ids::PriorityTargetId;
use app::model::report::{DEFAULT_SECTOR_THRESHOLD, PriorityKind, Report, Support, SupportKey};
use app::texts::ReportTexts;
use app::ui::name_from::name_from_line;
use app::ui::priority_areas::area_place;
use app::ui::report_html::continuity_label;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use app::model::swedish_time::SwedishTime;

/// The workbook's bytes.
pub fn xlsx(report: &Report, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let t = lang.report_texts();
    let [themes_sheet, needs_sheet, notes_sheet] = t.sheet_names;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let mut workbook = Workbook::new();

    // Themes and needs each carry their support once, on their own row.
    let themes = workbook.add_worksheet();
    themes.set_name(themes_sheet)?;
    let mut headers = vec![t.theme, t.status, t.terms];
    headers.extend(t.support_columns);
    let per_workshop_col = headers.len() as u16;
    headers.extend(report.workshops.iter().map(|w| w.title.as_str()));
    headers.push(t.theme_id);
    let theme_id_col = headers.len() as u16 - 1;
    headers.push(t.name_from_column);
    themes.write_row_with_format(0, 0, headers.iter().copied(), &bold)?;
    for (i, theme) in report.themes.iter().enumerate() {
        let row = i as u32 + 1;
        let name = if theme.unsorted { t.unsorted } else { theme.name.as_str() };
        themes.write_string(row, 0, name)?;
        themes.write_string(row, 1, continuity_label(&theme.continuity, t).unwrap_or_default())?;
        themes.write_string(row, 2, theme.terms.join(", "))?;
        write_support(themes, row, 3, &theme.support)?;
        for (col, (_, count)) in report.counts_per_workshop(theme).into_iter().enumerate() {
            themes.write_number(row, per_workshop_col + col as u16, count as f64)?;
        }
        themes.write_string(row, theme_id_col, theme.id.to_string())?;
        if !theme.unsorted {
            themes.write_string(row, theme_id_col + 1, name_from_line(&theme.name_from, t))?;
        }
    }
    themes.set_column_width(0, 40)?;
    themes.set_column_width(1, 24)?;
    themes.set_column_width(2, 30)?;
    themes.set_column_width(theme_id_col, 38)?;
    themes.set_freeze_panes(1, 1)?;

    let needs = workbook.add_worksheet();
    needs.set_name(needs_sheet)?;
    let mut headers = vec![t.theme, t.need, t.terms];
    headers.extend(t.support_columns);
    headers.extend([t.theme_id, t.need_id, t.name_from_column]);
    needs.write_row_with_format(0, 0, headers.iter().copied(), &bold)?;
    let mut row = 1u32;
    for theme in &report.themes {
        let theme_name = if theme.unsorted { t.unsorted } else { theme.name.as_str() };
        for (need, members) in report.need_groups(theme) {
            needs.write_string(row, 0, theme_name)?;
            let support = if let Some(need) = need {
                needs.write_string(row, 1, if theme.unsorted { t.unsorted } else { need.name.as_str() })?;
                needs.write_string(row, 2, need.terms.join(", "))?;
                needs.write_string(row, 9, need.id.to_string())?;
                if !theme.unsorted {
                    needs.write_string(row, 10, name_from_line(&need.name_from, t))?;
                }
                need.support
            } else {
                needs.write_string(row, 1, t.without_need)?;
                let ids: Vec<_> = members.iter().map(|note| note.id).collect();
                report.support_of(&ids, &[])
            };
            write_support(needs, row, 3, &support)?;
            needs.write_string(row, 8, theme.id.to_string())?;
            row += 1;
        }
    }
    needs.set_column_width(0, 40)?;
    needs.set_column_width(1, 40)?;
    needs.set_column_width(2, 30)?;
    needs.set_column_width(8, 38)?;
    needs.set_column_width(9, 38)?;
    needs.set_freeze_panes(1, 2)?;

    let notes = workbook.add_worksheet();
    notes.set_name(notes_sheet)?;
    let headers = [
        t.theme,
        t.need,
        t.note,
        t.workshop,
        t.sector,
        t.organisation,
        t.author,
        t.created,
        t.supporters,
        t.dots,
        t.theme_id,
        t.need_id,
        t.note_id,
    ];
    // Excel's times have no zone: the cell's format names it, and the cell stays a number
    // (so the column sorts). The workbook keeps each distinct format once.
    let date = |zone: String| Format::new().set_num_format(format!("yyyy-mm-dd hh:mm \"{zone}\""));
    notes.write_row_with_format(0, 0, headers.iter().copied(), &bold)?;
    let mut row = 1u32;
    let themed = report.themes.iter().flat_map(|theme| {
        report
            .need_groups(theme)
            .into_iter()
            .flat_map(move |(need, members)| members.into_iter().map(move |note| (Some((theme, need)), note)))
    });
    let unthemed = report.notes_without_theme().into_iter().map(|note| (None, note));
    for (place, note) in themed.chain(unthemed) {
        let workshop = report.workshop(note.workshop_id);
        if let Some((theme, need)) = place {
            notes.write_string(row, 0, if theme.unsorted { t.unsorted } else { theme.name.as_str() })?;
            notes.write_string(row, 10, theme.id.to_string())?;
            if let Some(need) = need.filter(|_| !theme.unsorted) {
                notes.write_string(row, 1, &need.name)?;
                notes.write_string(row, 11, need.id.to_string())?;
            }
        }
        notes.write_string_with_format(row, 2, &note.text, &wrap)?;
        notes.write_string(row, 3, workshop.map(|w| w.title.as_str()).unwrap_or_default())?;
        notes.write_string(row, 4, workshop.map(|w| w.sector.as_str()).unwrap_or_default())?;
        notes.write_string(row, 5, note.organisation.as_deref().unwrap_or_default())?;
        notes.write_string(row, 6, note.author.as_deref().unwrap_or_default())?;
        let created = SwedishTime::of(note.created_at);
        notes.write_number_with_format(row, 7, created.excel_serial(), &date(created.zone()))?;
        notes.write_number(row, 8, note.supporters as f64)?;
        notes.write_number(row, 9, note.dots as f64)?;
        notes.write_string(row, 12, note.id.to_string())?;
        row += 1;
    }
    notes.set_column_width(0, 30)?;
    notes.set_column_width(1, 30)?;
    notes.set_column_width(2, 60)?;
    notes.set_column_width(3, 24)?;
    notes.set_column_width(5, 24)?;
    notes.set_column_width(7, 21)?;
    notes.set_freeze_panes(1, 0)?;
    if row > 1 {
        notes.autofilter(0, 0, row - 1, headers.len() as u16 - 1)?;
    }

    priority_sheet(&mut workbook, report, t, &bold)?;
    no_longer_mentioned_sheet(&mut workbook, report, t, &bold)?;
    workbook.save_to_buffer()
}

/// The sheet of the previous round's themes no longer mentioned, when the round is compared
/// with one: each with its note count then and its id.
fn no_longer_mentioned_sheet(
    workbook: &mut Workbook,
    report: &Report,
    t: &ReportTexts,
    bold: &Format,
) -> Result<(), XlsxError> {
    if report.previous_round.is_none() {
        return Ok(());
    }
    let sheet = workbook.add_worksheet();
    sheet.set_name(t.no_longer_mentioned_sheet)?;
    sheet.write_row_with_format(0, 0, [t.theme, t.support_columns[0], t.theme_id], bold)?;
    for (i, gone) in report.no_longer_mentioned.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, &gone.name)?;
        sheet.write_number(row, 1, gone.note_count as f64)?;
        sheet.write_string(row, 2, gone.id.to_string())?;
    }
    sheet.set_column_width(0, 40)?;
    sheet.set_column_width(2, 38)?;
    sheet.set_freeze_panes(1, 1)?;
    Ok(())
}

/// The sheet of priority areas, in the order marked: each with where it sits (or that it
/// is gone), its support and the sectors that raised it; a line saying none is marked when
/// none is.
fn priority_sheet(
    workbook: &mut Workbook,
    report: &Report,
    t: &ReportTexts,
    bold: &Format,
) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(t.priority_areas_heading)?;
    let mut headers = vec![t.priority_area, t.status];
    headers.extend(t.support_columns);
    let sectors_header = (t.sectors_raising)(DEFAULT_SECTOR_THRESHOLD);
    headers.extend([sectors_header.as_str(), t.theme_id, t.need_id]);
    sheet.write_row_with_format(0, 0, headers.iter().copied(), bold)?;
    if report.priority_areas.is_empty() {
        sheet.write_string(1, 0, t.no_priority_areas)?;
    }
    for (i, area) in report.priority_areas.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, &area.name)?;
        sheet.write_string(row, 1, area_place(area, t))?;
        if let Some((support, sectors)) = report.priority_support(area, DEFAULT_SECTOR_THRESHOLD) {
            write_support(sheet, row, 2, &support)?;
            sheet.write_string(row, 7, sectors.join(", "))?;
        }
        let (theme_id, need_id) = match area.kind {
            PriorityKind::Theme => (Some(area.id), None),
            PriorityKind::Need => (area.theme_id.map(PriorityTargetId::from), Some(area.id)),
        };
        sheet.write_string(row, 8, theme_id.map(|id| id.to_string()).unwrap_or_default())?;
        sheet.write_string(row, 9, need_id.map(|id| id.to_string()).unwrap_or_default())?;
    }
    sheet.set_column_width(0, 40)?;
    sheet.set_column_width(1, 40)?;
    sheet.set_column_width(7, 30)?;
    sheet.set_column_width(8, 38)?;
    sheet.set_column_width(9, 38)?;
    sheet.set_freeze_panes(1, 1)?;
    Ok(())
}

/// The five support figures from column `col` on.
fn write_support(sheet: &mut Worksheet, row: u32, col: u16, support: &Support) -> Result<(), XlsxError> {
    for (i, figure) in SupportKey::figures(support).into_iter().enumerate() {
        sheet.write_number(row, col + i as u16, figure as f64)?;
    }
    Ok(())
}
