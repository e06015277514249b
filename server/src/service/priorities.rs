//! Priority areas of a round: an analyst who runs the round marks needs and themes from the
//! ranking on the analysis page; everyone who reads the round sees the marks, at the top of
//! its report and in every export.

use app::error::AppError;
use app::model::account::User;
use app::model::report::{PriorityKind, PriorityMark};
use uuid::Uuid;

use super::Service;
use super::reports::lineage;

impl Service {
    /// Marks (`marked`) the need or theme `target_id` of the round as a priority area, or
    /// takes the mark off. Marking names something the round has now (its id as reports
    /// show it); a mark can be taken off whatever became of what it names.
    pub(crate) async fn set_priority(
        &self,
        caller: &User,
        round_id: Uuid,
        kind: PriorityKind,
        target_id: Uuid,
        marked: bool,
    ) -> Result<(), AppError> {
        self.managed_round(caller, round_id).await?;
        let store = self.store();
        if !marked {
            return Ok(store.unmark_priority(round_id, target_id, &caller.email).await?);
        }
        let themes = store.round_themes(round_id).await?;
        let mut themes = themes.iter().filter(|theme| !theme.unsorted);
        let label = match kind {
            PriorityKind::Theme => {
                themes.find(|theme| lineage(theme) == target_id).map(|theme| theme.name.clone())
            }
            PriorityKind::Need => themes
                .flat_map(|theme| &theme.needs)
                .find(|need| need.id == target_id)
                .map(|need| need.name.clone()),
        }
        .ok_or(AppError::NotFound)?;
        let mark = PriorityMark { kind, id: target_id, label };
        Ok(store.mark_priority(round_id, &mark, &caller.email).await?)
    }
}
