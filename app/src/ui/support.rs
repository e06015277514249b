//! A theme's or need's support in words, the same on the analysis page, in its priority
//! areas, in the report and in the Markdown export.

use crate::model::report::{Support, SupportKey};
use crate::texts::ReportTexts;

/// A theme's or need's support as one line: "Notes 4 · Sectors 2 · +1s 3 · …".
pub fn support_line(support: &Support, t: &ReportTexts) -> String {
    t.support_columns
        .iter()
        .zip(SupportKey::figures(support))
        .map(|(label, figure)| format!("{label} {figure}"))
        .collect::<Vec<_>>()
        .join(" · ")
}
