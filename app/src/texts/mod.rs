//! Every text the interface shows, one file per language: [`sv()`] (the default) and [`en()`].
//!
//! Each language is one [`Texts`] value, so a text missing in one language fails to compile.
//! Sentences that hold a number or a name are functions, so each language words the whole
//! sentence and its own plurals. What is data (theme names, notes) is never here.

mod en;
mod sv;

pub use en::en;
pub use sv::sv;

use crate::error::AppError;
use crate::i18n::Lang;

impl Lang {
    /// The interface texts in this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Sv => sv(),
            Lang::En => en(),
        }
    }

    /// The account pages' texts in this language.
    pub fn account_texts(self) -> &'static AccountTexts {
        &self.texts().account
    }

    /// The board's texts in this language.
    pub fn board_texts(self) -> &'static BoardTexts {
        &self.texts().board
    }

    /// The texts of reports and the analyst's page in this language.
    pub fn report_texts(self) -> &'static ReportTexts {
        &self.texts().report
    }
}

/// Every text of the interface.
pub struct Texts {
    pub tagline: &'static str,
    pub skip_to_content: &'static str,
    pub switch_language: &'static str,
    pub loading: &'static str,
    pub not_found: &'static str,
    pub home: &'static str,
    pub join_heading: &'static str,
    pub join_code_label: &'static str,
    pub join_code_help: &'static str,
    pub join_go: &'static str,
    pub rounds_heading: &'static str,
    pub no_rounds: &'static str,
    pub new_round_heading: &'static str,
    pub round_title_label: &'static str,
    pub create_round: &'static str,
    pub workshops_heading: &'static str,
    pub no_workshops: &'static str,
    pub new_workshop_heading: &'static str,
    pub workshop_title_label: &'static str,
    pub sector_label: &'static str,
    pub date_label: &'static str,
    pub prompts_label: &'static str,
    pub prompts_help: &'static str,
    pub create_workshop: &'static str,
    pub code: &'static str,
    pub state_open: &'static str,
    pub state_locked: &'static str,
    pub qr_alt: &'static str,
    pub lock: &'static str,
    pub unlock: &'static str,
    pub locked_notice: &'static str,
    pub facilitator_only: &'static str,
    pub notes_heading: &'static str,
    pub no_notes: &'static str,
    pub anonymous: &'static str,
    pub hidden: &'static str,
    pub edited: &'static str,
    pub join_as_heading: &'static str,
    pub join_as_help: &'static str,
    pub join_as_help_anonymous: &'static str,
    pub name_label: &'static str,
    pub organisation_label: &'static str,
    pub join_button: &'static str,
    pub joined_as: &'static str,
    pub write_note_label: &'static str,
    /// Under the note field: what Enter and Shift+Enter do there.
    pub enter_sends: &'static str,
    pub add_note: &'static str,
    pub edit: &'static str,
    pub save: &'static str,
    pub cancel: &'static str,
    pub delete: &'static str,
    /// Asked once before a facilitator deletes a note: it goes to the workshop's trash.
    pub delete_note_confirm: &'static str,
    /// The button that deletes after [`Texts::delete_note_confirm`].
    pub delete_note_yes: &'static str,
    /// Said for a while after a facilitator deleted a note, with [`Texts::undo_delete`].
    pub note_deleted: &'static str,
    /// Takes the note just deleted back out of the trash.
    pub undo_delete: &'static str,
    /// The workshop's trash on the facilitator's page: deleted notes until retention ends.
    pub trash_heading: &'static str,
    pub trash_help: &'static str,
    pub trash_empty: &'static str,
    /// Puts a note from the trash back on the board.
    pub restore: &'static str,
    /// "Deleted by {who}, {when}".
    pub deleted_by: fn(&str, &str) -> String,
    pub yours: &'static str,
    pub round_label: &'static str,
    pub back_to_round: &'static str,
    pub connecting: &'static str,
    pub online: &'static str,
    pub offline: &'static str,
    pub signed_out: &'static str,
    pub sign_in_again: &'static str,
    pub time_left: &'static str,
    pub time_is_up: &'static str,
    pub saved: &'static str,
    pub sending: &'static str,
    pub private_notice: &'static str,
    pub private_on: &'static str,
    pub private_off: &'static str,
    pub private_active: &'static str,
    pub timer_minutes: &'static str,
    pub start_timer: &'static str,
    pub stop_timer: &'static str,
    pub paper_heading: &'static str,
    pub group_label: &'static str,
    pub add_paper_note: &'static str,
    pub presenter_view: &'static str,
    pub hide: &'static str,
    pub show: &'static str,
    pub merge_into: &'static str,
    pub merge: &'static str,
    pub controls_heading: &'static str,
    pub themes_heading: &'static str,
    pub cluster_button: &'static str,
    pub clustering_progress: &'static str,
    pub granularity_label: &'static str,
    pub no_themes: &'static str,
    pub semantic_off: &'static str,
    pub rename: &'static str,
    pub theme_name: &'static str,
    pub move_to: &'static str,
    pub move_note: &'static str,
    pub unsorted: &'static str,
    pub name_kept: &'static str,
    pub placed: &'static str,
    pub example: &'static str,
    pub undo: &'static str,
    pub pin: &'static str,
    pub unpin: &'static str,
    pub split: &'static str,
    pub lock_theme: &'static str,
    pub unlock_theme: &'static str,
    pub theme_locked: &'static str,
    /// What locking a theme means for a re-run (the lock button's and badge's tooltip).
    pub theme_locked_help: &'static str,
    // Needs nested in themes.
    pub need_granularity_label: &'static str,
    pub need_name: &'static str,
    /// Opens the choice of a need's notes that leave it for a need of their own.
    pub split_need: &'static str,
    /// Above that choice.
    pub split_need_help: &'static str,
    pub without_need: &'static str,
    pub move_cancel: &'static str,
    pub keywords: &'static str,
    // Voting and +1 (kept together to ease merging).
    pub similar_help: &'static str,
    pub vote_heading: &'static str,
    pub vote_dots_label: &'static str,
    pub vote_target_label: &'static str,
    pub vote_on_notes: &'static str,
    pub vote_on_themes: &'static str,
    pub open_vote: &'static str,
    pub close_vote: &'static str,
    pub vote_open_notice: &'static str,
    pub vote_closed_notice: &'static str,
    pub give_dot: &'static str,
    pub take_dot: &'static str,
    pub your_dots: &'static str,
    pub gone_note: &'static str,
    pub results_heading: &'static str,
    pub no_dots_yet: &'static str,
    // Sentences with a number: each language words its own plural.
    /// "3 workshops".
    pub workshops_n: fn(i64) -> String,
    /// "3 notes".
    pub notes_n: fn(usize) -> String,
    /// "3 needs".
    pub needs_n: fn(usize) -> String,
    /// "3 themes".
    pub themes_n: fn(usize) -> String,
    /// "Theme 3": a theme shown by its number, where its name would tell of notes the viewer
    /// may not see.
    pub theme_n: fn(usize) -> String,
    /// A need the room is shown by its number ("Need 2" of its theme), not its name.
    pub need_n: fn(usize) -> String,
    /// "3 participants".
    pub participants_n: fn(i64) -> String,
    /// "3 dots".
    pub dots_n: fn(i64) -> String,
    /// "You have `left` of `total` dots left".
    pub dots_left: fn(i64, u32) -> String,
    /// Under the note being written: "2 similar notes exist".
    pub similar_found: fn(usize) -> String,
    /// Read after a note's "+3": "3 gave +1".
    pub supporters: fn(i64) -> String,
    /// The name of the +1 button of the note with this text.
    pub support_button: fn(&str) -> String,
    /// The names of the ballot's buttons for the note or theme with this text.
    pub give_dot_button: fn(&str) -> String,
    pub take_dot_button: fn(&str) -> String,
    /// A note the server refused: the reason, then the note's text.
    pub not_saved: fn(&str, &str) -> String,
    /// "2 waiting to be sent", in the connection line.
    pub waiting_to_send: fn(usize) -> String,
    /// The badge of a note that `n` duplicates were merged into: "+2 merged".
    pub merged: fn(i64) -> String,
    // The parts of the interface with many texts of their own.
    pub account: AccountTexts,
    pub board: BoardTexts,
    pub report: ReportTexts,
    /// The sentence for an error.
    pub error: fn(&AppError) -> String,
}

/// Texts of the account pages, the header's sign-in state and the sharing panel.
pub struct AccountTexts {
    pub signed_in_as: &'static str,
    pub sign_in: &'static str,
    pub sign_out: &'static str,
    pub account_link: &'static str,
    pub accounts_link: &'static str,
    pub sign_in_heading: &'static str,
    pub sign_in_needed: &'static str,
    pub participants_need_no_account: &'static str,
    pub email_label: &'static str,
    pub password_label: &'static str,
    pub password_repeat_label: &'static str,
    pub password_help: &'static str,
    pub setup_heading: &'static str,
    pub setup_intro: &'static str,
    pub create_admin: &'static str,
    pub account_heading: &'static str,
    pub role_label: &'static str,
    pub change_password_heading: &'static str,
    pub current_password_label: &'static str,
    pub new_password_label: &'static str,
    pub new_password_repeat_label: &'static str,
    pub change_password: &'static str,
    pub password_changed: &'static str,
    pub accounts_heading: &'static str,
    pub new_account_heading: &'static str,
    pub initial_password_label: &'static str,
    pub create_account: &'static str,
    pub account_created: &'static str,
    pub status_label: &'static str,
    pub status_active: &'static str,
    pub status_disabled: &'static str,
    pub action_label: &'static str,
    pub disable: &'static str,
    pub enable: &'static str,
    pub that_is_you: &'static str,
    pub share_heading: &'static str,
    pub share_help: &'static str,
    pub share: &'static str,
    pub not_shared: &'static str,
    pub access_facilitate: &'static str,
    pub access_read: &'static str,
    pub remove_grant: &'static str,
    pub read_only: &'static str,
    pub export_workshop: &'static str,
    pub admins_only: &'static str,
    pub account_menu: &'static str,
    pub role_admin: &'static str,
    pub role_facilitator: &'static str,
    pub role_analyst: &'static str,
}

/// Texts of the facilitator's board: its layout, the one menu on each card, merging by
/// search or by dropping a card on another, and the paged note grid.
pub struct BoardTexts {
    /// The side panel with the board's controls.
    pub side_panel: &'static str,
    pub show_qr: &'static str,
    /// The one button on a note card that opens its actions.
    pub note_actions: &'static str,
    /// The one button on a theme that opens its actions.
    pub theme_actions: &'static str,
    pub merge_search_label: &'static str,
    pub merge_search_placeholder: &'static str,
    pub merge_suggested: &'static str,
    pub merge_no_match: &'static str,
    pub drag_to_merge: &'static str,
    pub filter_label: &'static str,
    /// On a projector while a vote is open, in place of its totals.
    pub results_after_close: &'static str,
    pub filter_no_match: &'static str,
    pub show_all: &'static str,
    /// The projector's switch between its notes and its themes.
    pub show_themes: &'static str,
    pub show_notes: &'static str,
    /// The projector's themes mode before the notes are clustered.
    pub no_themes_yet: &'static str,
    /// "Showing the latest `shown` of `total` notes".
    pub showing_latest: fn(usize, usize) -> String,
    pub show_more: fn(usize) -> String,
    /// Told to a participant whose note the facilitator merged: their text, then the kept one's.
    pub merged_into: fn(&str, &str) -> String,
    /// The question before a dropped card is merged: the dropped note's text, then the other's.
    pub merge_confirm: fn(&str, &str) -> String,
}

/// Texts of the revision report, its exports and the analyst's page of a round.
pub struct ReportTexts {
    /// "3 notes", as in the general texts (the report is drawn from these alone).
    pub notes_n: fn(usize) -> String,
    /// "3 needs".
    pub needs_n: fn(usize) -> String,
    pub workshop_report: &'static str,
    pub round_report: &'static str,
    pub round: &'static str,
    pub generated: &'static str,
    pub compared_with: &'static str,
    pub workshops_heading: &'static str,
    pub themes_heading: &'static str,
    pub notes: &'static str,
    pub theme: &'static str,
    pub theme_id: &'static str,
    pub note: &'static str,
    pub note_id: &'static str,
    pub workshop: &'static str,
    pub sector: &'static str,
    pub date: &'static str,
    pub organisation: &'static str,
    pub author: &'static str,
    pub created: &'static str,
    pub supporters: &'static str,
    pub dots: &'static str,
    pub status: &'static str,
    pub terms: &'static str,
    pub status_new: &'static str,
    pub status_recurring: &'static str,
    pub status_gone: &'static str,
    pub previously: &'static str,
    /// A similarity of 0 to 1 with two decimals, as the language writes them ("0,62").
    pub similarity: fn(f32) -> String,
    /// How many of a previous theme's notes (of its whole) match a note of this theme: "8 av
    /// 18 lappar matchar".
    pub notes_here: fn(usize, usize) -> String,
    /// Where a round theme's or need's name came from: the engine, from its notes.
    pub name_from_notes: &'static str,
    /// … the analyst, who renamed it.
    pub name_from_analyst: &'static str,
    /// … the facilitator of the workshop titled so, who named the theme or need it carries up.
    pub name_from_facilitator: fn(&str) -> String,
    /// The Excel column saying where each theme's or need's name came from.
    pub name_from_column: &'static str,
    pub per_workshop: &'static str,
    pub per_sector: &'static str,
    pub per_organisation: &'static str,
    pub no_organisation: &'static str,
    pub anonymous: &'static str,
    pub anonymous_note: &'static str,
    pub heatmap_title: &'static str,
    pub bar_chart_title: &'static str,
    pub not_clustered: &'static str,
    pub without_theme: &'static str,
    pub no_longer_mentioned: &'static str,
    /// The workbook sheet of the previous round's themes no longer mentioned (at most 31
    /// characters, as sheet names must be).
    pub no_longer_mentioned_sheet: &'static str,
    pub no_notes: &'static str,
    pub unsorted: &'static str,
    pub need: &'static str,
    pub need_id: &'static str,
    pub needs: &'static str,
    pub without_need: &'static str,
    // The analyst's page.
    pub analysis_link: &'static str,
    pub analysis_heading: &'static str,
    pub cluster_round: &'static str,
    pub clustering_round: &'static str,
    pub clustered_at: &'static str,
    pub filters: &'static str,
    pub all: &'static str,
    pub previous_round: &'static str,
    pub no_previous_round: &'static str,
    pub save: &'static str,
    pub export_heading: &'static str,
    pub export_html: &'static str,
    pub export_markdown: &'static str,
    pub export_csv: &'static str,
    /// The CSV with commas, offered where the language's default is another separator.
    pub export_csv_comma: Option<&'static str>,
    pub export_json: &'static str,
    pub export_excel: &'static str,
    pub export_filtered: &'static str,
    pub anonymous_toggle_on: &'static str,
    pub anonymous_toggle_off: &'static str,
    pub anonymous_active: &'static str,
    pub analysis_forbidden: &'static str,
    pub round_themes_heading: &'static str,
    pub round_themes_help: &'static str,
    pub provisional_themes: &'static str,
    /// [`ReportTexts::round_themes_help`] for a reader who may not change the themes.
    pub round_themes_help_read: &'static str,
    /// [`ReportTexts::provisional_themes`] for a reader who may not build the themes.
    pub provisional_themes_read: &'static str,
    /// Said to a reader when the round's themes were never built.
    pub never_clustered: &'static str,
    /// The round's stored themes leave out this many notes of the round (written or
    /// brought in since they were built).
    pub themes_stale: fn(usize) -> String,
    /// Rebuilds the round's themes, keeping what people decided.
    pub rebuild_keeping: &'static str,
    /// Tells a reader who may not rebuild who can.
    pub themes_stale_ask: &'static str,
    pub theme_actions: &'static str,
    pub split_round_theme: &'static str,
    /// "in `n` of `total` workshops": where a round theme recurs.
    pub recurs_in: fn(usize, usize) -> String,
    /// The heading of the report's overview: its themes by sector, each linked to its section.
    pub overview_heading: &'static str,
    /// What the overview's figures are and that a theme's name leads to its section.
    pub overview_help: &'static str,
    /// The overview's column of a theme's notes in all sectors.
    pub total: &'static str,
    /// "Show the 3 notes": the click that unfolds a need's or theme's notes on the page.
    pub show_notes: fn(usize) -> String,
    /// The analysis page's contents at its top, named for screen readers.
    pub on_this_page: &'static str,
    // Data protection of a round.
    pub retention_heading: &'static str,
    pub retain_until: &'static str,
    pub retain_until_help: &'static str,
    pub retention_overdue: &'static str,
    pub archive_link: &'static str,
    pub archived_at: &'static str,
    pub archive_current: &'static str,
    pub archive_stale: &'static str,
    pub purge_confirm: &'static str,
    pub purge_button: &'static str,
    pub purged_at: &'static str,
    pub audit_heading: &'static str,
    pub audit_retention: &'static str,
    pub audit_archive: &'static str,
    pub audit_purge: &'static str,
    pub audit_decisions_dropped: &'static str,
    pub audit_note_deleted: &'static str,
    pub audit_note_restored: &'static str,
    pub anonymous_help: &'static str,
    /// The name of an exported file whose title gives none.
    pub file_name: &'static str,
    /// An archive's particulars in the log: its notes and themes.
    pub archive_detail: fn(usize, usize) -> String,
    /// A purge's particulars in the log: the notes and participants deleted.
    pub purge_detail: fn(i64, i64) -> String,
    /// Decisions a re-run could not keep: the workshop, the placed notes whose theme is
    /// gone, the names given to themes and needs now gone.
    pub dropped_detail: fn(&str, usize, &[String]) -> String,
    /// The CSV export's column names, in order (none may start with `=`, `+`, `-` or `@`).
    pub csv_columns: [&'static str; 22],
    /// The support figures of a theme or need, in the order of
    /// [`crate::model::report::SupportKey::ALL`]: notes, sectors, +1s, note dots, theme-vote dots.
    pub support_columns: [&'static str; 5],
    /// Labels the choice of the figure the round's themes are ranked by.
    pub sort_by: &'static str,
    /// The Excel workbook's sheets, capitalised: themes, needs, notes.
    pub sheet_names: [&'static str; 3],
    /// The heading over what the last rebuild of the round's themes changed.
    pub rebuild_heading: &'static str,
    /// "Built {when}: compared with the themes before it, by their notes."
    pub rebuild_built: fn(&str) -> String,
    /// How many themes hold just the notes they held before.
    pub rebuild_unchanged: fn(usize) -> String,
    /// How many themes continue one theme each, with notes added or taken away.
    pub rebuild_changed: fn(usize) -> String,
    /// A theme that holds most of several earlier ones: (its name, theirs).
    pub rebuild_merged: fn(&str, &[String]) -> String,
    /// An earlier theme whose notes went to several themes: (its name, theirs).
    pub rebuild_split: fn(&str, &[String]) -> String,
    /// A theme of notes no earlier theme held.
    pub rebuild_new: fn(&str) -> String,
    /// An earlier theme none of whose notes is in any theme now.
    pub rebuild_gone: fn(&str) -> String,
    /// The heading over the ranking of the round's needs by sectors and support.
    pub priorities_heading: &'static str,
    /// What the ranking is and what marking does, for one who may mark.
    pub priorities_help: &'static str,
    /// What the ranking is, for one who only reads.
    pub priorities_help_read: &'static str,
    /// Labels the number of notes a sector must have written in a need to count.
    pub sector_threshold: &'static str,
    /// The ranking's column of sectors that raised a need, at the threshold n.
    pub sectors_raising: fn(usize) -> String,
    /// The ranking's column of those sectors' names.
    pub sector_names: &'static str,
    /// Shows the whole ranking when only its top is shown: (how many needs in all).
    pub show_all_needs: fn(usize) -> String,
    /// The heading over the priority areas (also the Excel sheet's name, capitalised).
    pub priority_areas_heading: &'static str,
    /// The column saying whether something is a priority area (CSV, ranking).
    pub priority_area: &'static str,
    /// What the CSV says on a note's row whose need or theme is a priority area.
    pub priority_yes: &'static str,
    /// Said when no priority area is marked.
    pub no_priority_areas: &'static str,
    /// The button marking a need or theme (named) as a priority area.
    pub mark_priority: fn(&str) -> String,
    /// The button taking the mark off a need or theme (named).
    pub unmark_priority: fn(&str) -> String,
    /// Said of a priority area that no need or theme of the round has any longer.
    pub priority_gone: &'static str,
    /// A need as a priority area: "need in theme X".
    pub need_in_theme: fn(&str) -> String,
    /// The audit log's name for marking and unmarking priority areas.
    pub audit_priority_area: &'static str,
    /// A mark's particulars in the log: (the need's or theme's name, marked or unmarked).
    pub priority_detail: fn(&str, bool) -> String,
}

#[cfg(test)]
mod tests;
