//! Data protection of rounds: the retention date, the archive export that must come before
//! a purge, and the purge itself, each recorded in the round's audit log.

use app::api::ports::{DataProtection, Reports};
use app::error::AppError;
use app::model::account::User;
use app::model::ids::RoundId;
use app::model::report::Report;
use app::model::retention::{AuditDetail, Retention, archive_is_current, is_overdue};
use async_trait::async_trait;
use jiff::civil::Date;

use crate::access::authz::require_disposal;
use crate::service::Service;

impl Service {
    /// Checks that `caller` may dispose of the round's data (see [`require_disposal`]).
    async fn disposable_round(&self, caller: &User, round_id: RoundId) -> Result<(), AppError> {
        let ownership = self.store().round_ownership(round_id, caller.id).await?;
        require_disposal(caller, &ownership)
    }
}

/// Who did it, for the audit log: the account's e-mail address.
fn actor(caller: &User) -> String {
    caller.email.clone()
}

#[async_trait]
impl DataProtection for Service {
    async fn retention(&self, caller: &User, round_id: RoundId) -> Result<Retention, AppError> {
        self.managed_round(caller, round_id).await?;
        let record = self.store().retention(round_id).await?;
        // The retention date is a day on Swedish calendars, so it ends at Swedish midnight.
        let today = app::model::swedish_time::today();
        Ok(Retention {
            overdue: record.purged_at.is_none() && is_overdue(record.retain_until, today),
            archive_current: archive_is_current(record.archived_at, record.last_change),
            retain_until: record.retain_until,
            archived_at: record.archived_at,
            purged_at: record.purged_at,
            log: self.store().audit_log(round_id).await?,
        })
    }

    async fn set_retention(
        &self,
        caller: &User,
        round_id: RoundId,
        retain_until: Option<Date>,
    ) -> Result<(), AppError> {
        self.disposable_round(caller, round_id).await?;
        Ok(self.store().set_retain_until(round_id, retain_until, &actor(caller)).await?)
    }

    async fn archive(&self, caller: &User, round_id: RoundId) -> Result<Report, AppError> {
        // The archive export is a step towards a purge: it needs the right to dispose of it.
        self.disposable_round(caller, round_id).await?;
        let report = self.round_analysis(caller, round_id).await?.report;
        let detail = AuditDetail::Archive { notes: report.notes.len(), themes: report.themes.len() };
        self.store().mark_archived(round_id, &actor(caller), &detail).await?;
        Ok(report)
    }

    async fn purge(&self, caller: &User, round_id: RoundId) -> Result<(), AppError> {
        self.disposable_round(caller, round_id).await?;
        let purged = self.store().purge_round(round_id, &actor(caller)).await?;
        // Built themes hold the notes' words (names, terms): they go with the notes.
        self.round_cache.forget(round_id);
        tracing::info!(%round_id, notes = purged.notes, participants = purged.participants, "round purged");
        Ok(())
    }
}
