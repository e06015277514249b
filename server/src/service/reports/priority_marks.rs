//! Priority areas of a round: an analyst who runs the round marks needs and themes from the
//! ranking on the analysis page; everyone who reads the round sees the marks, at the top of
//! its report and in every export. Marking and unmarking is `Reports::set_priority_area`
//! (in its parent, service/reports.rs); this module says what a mark names.

use app::model::Theme;
use app::model::ids::PriorityTargetId;
use app::model::report::{PriorityKind, PriorityMark};

use super::lineage;

/// The mark on the need or theme `target_id` (its id as reports show it) of a round whose
/// themes are `themes`, under the name it has now; `None` when the round has no such need
/// or theme. Unsorted notes are no theme to mark.
pub(crate) fn mark(
    themes: &[Theme],
    kind: PriorityKind,
    target_id: PriorityTargetId,
) -> Option<PriorityMark> {
    let mut themes = themes.iter().filter(|theme| !theme.unsorted);
    let label = match kind {
        PriorityKind::Theme => themes
            .find(|theme| PriorityTargetId::from(lineage(theme)) == target_id)
            .map(|theme| theme.name.clone()),
        PriorityKind::Need => themes
            .flat_map(|theme| &theme.needs)
            .find(|need| PriorityTargetId::from(need.id) == target_id)
            .map(|need| need.name.clone()),
    }?;
    Some(PriorityMark { kind, id: target_id, label })
}
