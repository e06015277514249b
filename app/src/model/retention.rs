//! Data protection of a round: how long its notes are kept, the archive that must be
//! exported before they are purged, and the audit log of these acts.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// A round's data-protection state, as its facilitator sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retention {
    /// The last day the notes are kept, if set.
    pub retain_until: Option<Date>,
    /// When the archive was last exported.
    pub archived_at: Option<Timestamp>,
    /// When the notes were purged, if they were.
    pub purged_at: Option<Timestamp>,
    /// The retention date has passed and the notes are still stored.
    pub overdue: bool,
    /// The archive was exported after the last change to the notes: purging loses nothing
    /// that is not in it.
    pub archive_current: bool,
    /// Newest first.
    pub log: Vec<AuditEntry>,
}

/// One recorded act of data protection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// When.
    pub at: Timestamp,
    /// Who: the e-mail address of the account (older entries: a device hash prefix).
    pub actor: String,
    pub detail: AuditDetail,
}

/// What was done, with its particulars (stored as JSON, shown in the reader's language).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum AuditDetail {
    /// The retention date was set (or cleared: `None`).
    Retention { retain_until: Option<Date> },
    /// The archive was exported with this many notes and themes.
    Archive { notes: usize, themes: usize },
    /// The notes were purged: this many notes and participants.
    Purge { notes: i64, participants: i64 },
    /// A re-run of a workshop's clustering could not keep some decisions people had made:
    /// `placed_notes` placed notes whose theme is gone, and the names given to themes and
    /// needs now gone (with the notes that carried them).
    DecisionsDropped { workshop: String, placed_notes: usize, names: Vec<String> },
    /// A facilitator deleted a note of `workshop` (to its trash). The note's text is not
    /// logged: the log outlives the notes.
    NoteDeleted { workshop: String, note_id: crate::model::ids::NoteId },
    /// A facilitator restored a note of `workshop` from its trash.
    NoteRestored { workshop: String, note_id: crate::model::ids::NoteId },
    /// An analyst marked the need or theme `name` as a priority area of the round, or took
    /// the mark off (`marked` false).
    PriorityArea { name: String, marked: bool },
}

impl AuditDetail {
    /// The kind of act.
    pub fn action(&self) -> AuditAction {
        match self {
            AuditDetail::Retention { .. } => AuditAction::Retention,
            AuditDetail::Archive { .. } => AuditAction::Archive,
            AuditDetail::Purge { .. } => AuditAction::Purge,
            AuditDetail::DecisionsDropped { .. } => AuditAction::DecisionsDropped,
            AuditDetail::NoteDeleted { .. } => AuditAction::NoteDeleted,
            AuditDetail::NoteRestored { .. } => AuditAction::NoteRestored,
            AuditDetail::PriorityArea { .. } => AuditAction::PriorityArea,
        }
    }
}

/// What was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    /// The retention date was set or cleared.
    Retention,
    /// The archive was exported.
    Archive,
    /// The notes were purged.
    Purge,
    /// A re-run of clustering could not keep some decisions.
    DecisionsDropped,
    /// A note was deleted to the trash.
    NoteDeleted,
    /// A note was restored from the trash.
    NoteRestored,
    /// A priority area was marked or unmarked.
    PriorityArea,
}

impl AuditAction {
    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Retention => "retention",
            AuditAction::Archive => "archive",
            AuditAction::Purge => "purge",
            AuditAction::DecisionsDropped => "decisions_dropped",
            AuditAction::NoteDeleted => "note_deleted",
            AuditAction::NoteRestored => "note_restored",
            AuditAction::PriorityArea => "priority_area",
        }
    }
}

/// A note in a workshop's trash: deleted by its facilitator, restorable until the round's
/// retention purges it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeletedNote {
    pub id: crate::model::ids::NoteId,
    pub text: String,
    /// Who deleted it: the account's e-mail address.
    pub deleted_by: String,
    pub deleted_at: Timestamp,
}

/// Whether a retention date has passed on `today`: the notes are kept through the whole
/// last day.
pub fn is_overdue(retain_until: Option<Date>, today: Date) -> bool {
    retain_until.is_some_and(|last_day| today > last_day)
}

/// Whether an archive exported at `archived_at` holds every change up to `last_change`.
pub fn archive_is_current(archived_at: Option<Timestamp>, last_change: Option<Timestamp>) -> bool {
    match (archived_at, last_change) {
        (Some(archived), Some(changed)) => archived >= changed,
        (Some(_), None) => true,
        (None, _) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_day_is_still_kept() {
        let today = Date::constant(2026, 11, 23);
        assert!(!is_overdue(Some(today), today));
        assert!(is_overdue(Some(Date::constant(2026, 11, 22)), today));
        assert!(!is_overdue(None, today));
    }

    #[test]
    fn an_archive_is_current_only_after_the_last_change() {
        let at = |utc: &str| Some(utc.parse::<Timestamp>().unwrap());
        assert!(archive_is_current(at("2026-11-23T10:00:00.000Z"), at("2026-11-23T09:59:59.999Z")));
        assert!(!archive_is_current(at("2026-11-23T10:00:00.000Z"), at("2026-11-23T10:00:00.001Z")));
        assert!(!archive_is_current(None, None));
        assert!(archive_is_current(at("2026-11-23T10:00:00.000Z"), None));
    }

    #[test]
    fn details_are_stored_as_tagged_json() {
        let detail = AuditDetail::Purge { notes: 3, participants: 2 };
        let json = serde_json::to_string(&detail).unwrap();
        assert_eq!(json, r#"{"action":"purge","notes":3,"participants":2}"#);
        assert_eq!(serde_json::from_str::<AuditDetail>(&json).unwrap().action(), AuditAction::Purge);
    }
}
