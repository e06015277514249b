//! Where a round theme's or need's name came from, in words: the same on the analysis page,
//! in the report and in its exports, so the analyst can tell a facilitator's words from the
//! engine's and their own.

use crate::model::report::NameFrom;
use crate::texts::ReportTexts;

/// "name from the facilitator in «Workshop»", "name from the analyst" or "name from the notes".
pub fn name_from_line(from: &NameFrom, t: &ReportTexts) -> String {
    match from {
        NameFrom::Notes => t.name_from_notes.to_owned(),
        NameFrom::Analyst => t.name_from_analyst.to_owned(),
        NameFrom::Facilitator { workshop, .. } => (t.name_from_facilitator)(workshop),
    }
}
