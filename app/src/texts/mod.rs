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
    pub add_note: &'static str,
    pub edit: &'static str,
    pub save: &'static str,
    pub cancel: &'static str,
    pub delete: &'static str,
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
    // Needs nested in themes.
    pub need_granularity_label: &'static str,
    pub need_name: &'static str,
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
    pub theme_actions: &'static str,
    pub split_round_theme: &'static str,
    /// "in `n` of `total` workshops": where a round theme recurs.
    pub recurs_in: fn(usize, usize) -> String,
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
    pub anonymous_help: &'static str,
    /// An archive's particulars in the log: its notes and themes.
    pub archive_detail: fn(usize, usize) -> String,
    /// A purge's particulars in the log: the notes and participants deleted.
    pub purge_detail: fn(i64, i64) -> String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Field;

    /// Pairs of a text's name (after `prefix`) and its text.
    macro_rules! listed {
        ($prefix:literal; $($name:ident),* $(,)?) => {
            [$((concat!($prefix, stringify!($name)), $name.to_string())),*]
        };
    }

    /// Every text of one language by name, the sentences filled with sample numbers and
    /// names. The patterns name every field, so a new text fails to compile until listed here.
    fn every_text(t: &'static Texts) -> Vec<(&'static str, String)> {
        let mut texts = Vec::new();
        let Texts {
            tagline,
            skip_to_content,
            switch_language,
            loading,
            not_found,
            home,
            join_heading,
            join_code_label,
            join_code_help,
            join_go,
            rounds_heading,
            no_rounds,
            new_round_heading,
            round_title_label,
            create_round,
            workshops_heading,
            no_workshops,
            new_workshop_heading,
            workshop_title_label,
            sector_label,
            date_label,
            prompts_label,
            prompts_help,
            create_workshop,
            code,
            state_open,
            state_locked,
            qr_alt,
            lock,
            unlock,
            locked_notice,
            facilitator_only,
            notes_heading,
            no_notes,
            anonymous,
            hidden,
            edited,
            join_as_heading,
            join_as_help,
            join_as_help_anonymous,
            name_label,
            organisation_label,
            join_button,
            joined_as,
            write_note_label,
            add_note,
            edit,
            save,
            cancel,
            delete,
            yours,
            round_label,
            back_to_round,
            connecting,
            online,
            offline,
            signed_out,
            sign_in_again,
            time_left,
            time_is_up,
            saved,
            sending,
            private_notice,
            private_on,
            private_off,
            private_active,
            timer_minutes,
            start_timer,
            stop_timer,
            paper_heading,
            group_label,
            add_paper_note,
            presenter_view,
            hide,
            show,
            merge_into,
            merge,
            controls_heading,
            themes_heading,
            cluster_button,
            clustering_progress,
            granularity_label,
            no_themes,
            semantic_off,
            rename,
            theme_name,
            move_to,
            move_note,
            unsorted,
            name_kept,
            placed,
            example,
            undo,
            pin,
            unpin,
            split,
            lock_theme,
            unlock_theme,
            theme_locked,
            need_granularity_label,
            need_name,
            without_need,
            move_cancel,
            keywords,
            similar_help,
            vote_heading,
            vote_dots_label,
            vote_target_label,
            vote_on_notes,
            vote_on_themes,
            open_vote,
            close_vote,
            vote_open_notice,
            vote_closed_notice,
            give_dot,
            take_dot,
            your_dots,
            gone_note,
            results_heading,
            no_dots_yet,
            workshops_n,
            notes_n,
            needs_n,
            themes_n,
            participants_n,
            dots_n,
            dots_left,
            similar_found,
            supporters,
            support_button,
            give_dot_button,
            take_dot_button,
            not_saved,
            waiting_to_send,
            merged,
            account,
            board,
            report,
            error: _,
        } = t;
        texts.extend(listed!(""; tagline, skip_to_content, switch_language, loading, not_found, home, join_heading, join_code_label, join_code_help, join_go, rounds_heading, no_rounds, new_round_heading, round_title_label, create_round, workshops_heading, no_workshops, new_workshop_heading, workshop_title_label, sector_label, date_label, prompts_label, prompts_help, create_workshop, code, state_open, state_locked, qr_alt, lock, unlock, locked_notice, facilitator_only, notes_heading, no_notes, anonymous, hidden, edited, join_as_heading, join_as_help, join_as_help_anonymous, name_label, organisation_label, join_button, joined_as, write_note_label, add_note, edit, save, cancel, delete, yours, round_label, back_to_round, connecting, online, offline, signed_out, sign_in_again, time_left, time_is_up, saved, sending, private_notice, private_on, private_off, private_active, timer_minutes, start_timer, stop_timer, paper_heading, group_label, add_paper_note, presenter_view, hide, show, merge_into, merge, controls_heading, themes_heading, cluster_button, clustering_progress, granularity_label, no_themes, semantic_off, rename, theme_name, move_to, move_note, unsorted, name_kept, placed, example, undo, pin, unpin, split, lock_theme, unlock_theme, theme_locked, need_granularity_label, need_name, without_need, move_cancel, keywords, similar_help, vote_heading, vote_dots_label, vote_target_label, vote_on_notes, vote_on_themes, open_vote, close_vote, vote_open_notice, vote_closed_notice, give_dot, take_dot, your_dots, gone_note, results_heading, no_dots_yet));
        texts.push(("workshops_n", workshops_n(2)));
        texts.push(("notes_n", notes_n(2)));
        texts.push(("needs_n", needs_n(2)));
        texts.push(("themes_n", themes_n(2)));
        texts.push(("participants_n", participants_n(2)));
        texts.push(("dots_n", dots_n(2)));
        texts.push(("dots_left", dots_left(1, 2)));
        texts.push(("similar_found", similar_found(2)));
        texts.push(("supporters", supporters(2)));
        texts.push(("support_button", support_button("X")));
        texts.push(("give_dot_button", give_dot_button("X")));
        texts.push(("take_dot_button", take_dot_button("X")));
        texts.push(("not_saved", not_saved("X", "Y")));
        texts.push(("waiting_to_send", waiting_to_send(2)));
        texts.push(("merged", merged(2)));
        let AccountTexts {
            signed_in_as,
            sign_in,
            sign_out,
            account_link,
            accounts_link,
            sign_in_heading,
            sign_in_needed,
            participants_need_no_account,
            email_label,
            password_label,
            password_repeat_label,
            password_help,
            setup_heading,
            setup_intro,
            create_admin,
            account_heading,
            role_label,
            change_password_heading,
            current_password_label,
            new_password_label,
            new_password_repeat_label,
            change_password,
            password_changed,
            accounts_heading,
            new_account_heading,
            initial_password_label,
            create_account,
            account_created,
            status_label,
            status_active,
            status_disabled,
            action_label,
            disable,
            enable,
            that_is_you,
            share_heading,
            share_help,
            share,
            not_shared,
            access_facilitate,
            access_read,
            remove_grant,
            read_only,
            export_workshop,
            admins_only,
            account_menu,
            role_admin,
            role_facilitator,
            role_analyst,
        } = account;
        texts.extend(listed!("account."; signed_in_as, sign_in, sign_out, account_link, accounts_link, sign_in_heading, sign_in_needed, participants_need_no_account, email_label, password_label, password_repeat_label, password_help, setup_heading, setup_intro, create_admin, account_heading, role_label, change_password_heading, current_password_label, new_password_label, new_password_repeat_label, change_password, password_changed, accounts_heading, new_account_heading, initial_password_label, create_account, account_created, status_label, status_active, status_disabled, action_label, disable, enable, that_is_you, share_heading, share_help, share, not_shared, access_facilitate, access_read, remove_grant, read_only, export_workshop, admins_only, account_menu, role_admin, role_facilitator, role_analyst));
        let BoardTexts {
            side_panel,
            show_qr,
            note_actions,
            theme_actions,
            merge_search_label,
            merge_search_placeholder,
            merge_suggested,
            merge_no_match,
            drag_to_merge,
            filter_label,
            results_after_close,
            filter_no_match,
            show_all,
            show_themes,
            show_notes,
            no_themes_yet,
            showing_latest,
            show_more,
            merged_into,
            merge_confirm,
        } = board;
        texts.extend(listed!("board."; side_panel, show_qr, note_actions, theme_actions, merge_search_label, merge_search_placeholder, merge_suggested, merge_no_match, drag_to_merge, filter_label, results_after_close, filter_no_match, show_all, show_themes, show_notes, no_themes_yet));
        texts.push(("board.showing_latest", showing_latest(1, 2)));
        texts.push(("board.show_more", show_more(2)));
        texts.push(("board.merged_into", merged_into("X", "Y")));
        texts.push(("board.merge_confirm", merge_confirm("X", "Y")));
        let ReportTexts {
            workshop_report,
            round_report,
            round,
            generated,
            compared_with,
            workshops_heading,
            themes_heading,
            notes,
            theme,
            theme_id,
            note,
            note_id,
            workshop,
            sector,
            date,
            organisation,
            author,
            created,
            supporters,
            dots,
            status,
            terms,
            status_new,
            status_recurring,
            status_gone,
            previously,
            per_workshop,
            per_sector,
            per_organisation,
            no_organisation,
            anonymous,
            anonymous_note,
            heatmap_title,
            bar_chart_title,
            not_clustered,
            without_theme,
            no_longer_mentioned,
            no_notes,
            unsorted,
            need,
            need_id,
            needs,
            without_need,
            analysis_link,
            analysis_heading,
            cluster_round,
            clustering_round,
            clustered_at,
            filters,
            all,
            previous_round,
            no_previous_round,
            save,
            export_heading,
            export_html,
            export_markdown,
            export_csv,
            export_csv_comma,
            export_json,
            export_excel,
            export_filtered,
            anonymous_toggle_on,
            anonymous_toggle_off,
            anonymous_active,
            analysis_forbidden,
            round_themes_heading,
            round_themes_help,
            provisional_themes,
            theme_actions,
            split_round_theme,
            recurs_in,
            retention_heading,
            retain_until,
            retain_until_help,
            retention_overdue,
            archive_link,
            archived_at,
            archive_current,
            archive_stale,
            purge_confirm,
            purge_button,
            purged_at,
            audit_heading,
            audit_retention,
            audit_archive,
            audit_purge,
            anonymous_help,
            archive_detail,
            purge_detail,
        } = report;
        texts.extend(listed!("report."; workshop_report, round_report, round, generated, compared_with, workshops_heading, themes_heading, notes, theme, theme_id, note, note_id, workshop, sector, date, organisation, author, created, supporters, dots, status, terms, status_new, status_recurring, status_gone, previously, per_workshop, per_sector, per_organisation, no_organisation, anonymous, anonymous_note, heatmap_title, bar_chart_title, not_clustered, without_theme, no_longer_mentioned, no_notes, unsorted, need, need_id, needs, without_need, analysis_link, analysis_heading, cluster_round, clustering_round, clustered_at, filters, all, previous_round, no_previous_round, save, export_heading, export_html, export_markdown, export_csv, export_json, export_excel, export_filtered, anonymous_toggle_on, anonymous_toggle_off, anonymous_active, analysis_forbidden, round_themes_heading, round_themes_help, provisional_themes, theme_actions, split_round_theme, retention_heading, retain_until, retain_until_help, retention_overdue, archive_link, archived_at, archive_current, archive_stale, purge_confirm, purge_button, purged_at, audit_heading, audit_retention, audit_archive, audit_purge, anonymous_help));
        texts.push(("report.export_csv_comma", format!("{export_csv_comma:?}")));
        texts.push(("report.recurs_in", recurs_in(1, 2)));
        texts.push(("report.archive_detail", archive_detail(1, 2)));
        texts.push(("report.purge_detail", purge_detail(1, 2)));
        texts
    }

    /// Texts that are rightly the same in Swedish and English: loanwords, names of formats.
    const SAME_IN_BOTH: [&str; 11] = [
        "organisation_label",
        "account.status_label",
        "account.role_facilitator",
        "report.workshop",
        "report.organisation",
        "report.supporters",
        "report.per_workshop",
        "report.per_organisation",
        "report.export_markdown",
        "report.export_json",
        "report.export_excel",
    ];

    #[test]
    fn every_english_text_differs_from_the_swedish_one_but_a_listed_few() {
        let (swedish, english) = (every_text(sv()), every_text(en()));
        assert_eq!(swedish.len(), english.len());
        for (name, text) in swedish.iter().chain(&english) {
            assert!(!text.trim().is_empty(), "{name} is empty");
        }
        let same: Vec<&str> =
            swedish.iter().zip(&english).filter(|(sv, en)| sv.1 == en.1).map(|(sv, _)| sv.0).collect();
        assert_eq!(same, SAME_IN_BOTH, "English texts left as the Swedish ones");
    }

    #[test]
    fn numbers_take_the_right_plural_in_both_languages() {
        let (sv, en) = (sv(), en());
        assert_eq!([1, 0, 800].map(sv.notes_n), ["1 lapp", "0 lappar", "800 lappar"]);
        assert_eq!([1, 0, 800].map(en.notes_n), ["1 note", "0 notes", "800 notes"]);
        assert_eq!([1, 2].map(sv.themes_n), ["1 tema", "2 teman"]);
        assert_eq!([1, 2].map(en.needs_n), ["1 need", "2 needs"]);
        assert_eq!([1, 3].map(sv.participants_n), ["1 deltagare", "3 deltagare"]);
        assert_eq!([1, 3].map(en.participants_n), ["1 participant", "3 participants"]);
        assert_eq!([1, 2].map(sv.workshops_n), ["1 workshop", "2 workshoppar"]);
        assert_eq!([1, 2].map(sv.dots_n), ["1 prick", "2 prickar"]);
        assert_eq!((sv.dots_left)(1, 2), "Du har 1 av 2 prickar kvar");
        assert_eq!((sv.dots_left)(0, 1), "Du har 0 av 1 prick kvar");
        assert_eq!((en.dots_left)(1, 1), "You have 1 of 1 dot left");
        assert_eq!([1, 3].map(sv.similar_found), ["1 liknande lapp finns", "3 liknande lappar finns"]);
        assert_eq!([1, 3].map(en.similar_found), ["1 similar note exists", "3 similar notes exist"]);
        assert_eq!((en.board.show_more)(1), "Show 1 more note");
        assert_eq!((sv.board.show_more)(2), "Visa 2 lappar till");
        assert_eq!((sv.board.showing_latest)(100, 800), "Visar de senaste 100 av 800 lappar.");
        assert_eq!((sv.report.recurs_in)(1, 1), "i 1 av 1 workshop");
        assert_eq!((en.report.recurs_in)(1, 2), "in 1 of 2 workshops");
        assert_eq!((sv.report.purge_detail)(1, 2), "1 lapp, 2 deltagare");
        assert_eq!((en.report.archive_detail)(2, 1), "2 notes, 1 theme");
    }

    #[test]
    fn swedish_error_sentences_agree_with_the_fields_gender() {
        let invalid = |field| AppError::Invalid { field }.message(Lang::Sv);
        assert_eq!(invalid(Field::Format), "Formatet är inte giltigt.");
        assert_eq!(invalid(Field::Code), "Koden är inte giltig.");
        assert_eq!(invalid(Field::Prompts), "Frågorna är inte giltiga.");
        assert_eq!(AppError::Invalid { field: Field::Format }.message(Lang::En), "The format is not valid.");
    }
}
