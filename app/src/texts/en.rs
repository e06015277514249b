//! English texts of the interface.

use super::{AccountTexts, BoardTexts, ReportTexts, Texts};
use crate::error::{AppError, Field};

/// The English texts.
pub fn en() -> &'static Texts {
    &TEXTS
}

/// The English plural rule: the singular for one only ("1 note", "0 notes", "2 notes").
fn plural<'a>(n: i64, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// A number and its noun: "1 note", "2 notes".
fn count(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", plural(n, one, many))
}

/// Names in quotes, the last two joined by `and`: «A», «B» och «C».
fn quoted(names: &[String], and: &str) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("“{name}”")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {and} {last}", rest.join(", ")),
        None => String::new(),
    }
}

fn notes_n(n: usize) -> String {
    count(n as i64, "note", "notes")
}

fn needs_n(n: usize) -> String {
    count(n as i64, "need", "needs")
}

static TEXTS: Texts = Texts {
    tagline: "Collect a workshop's sticky notes and see them become themes.",
    skip_to_content: "Skip to content",
    switch_language: "På svenska",
    loading: "Loading …",
    not_found: "This page does not exist.",
    home: "Home",
    join_heading: "Join a workshop",
    join_code_label: "Code",
    join_code_help: "Six characters, for example KXM-W4T. The person leading the workshop gives it to you.",
    join_go: "Join",
    rounds_heading: "Rounds",
    no_rounds: "No rounds yet.",
    new_round_heading: "New round",
    round_title_label: "Name of the round",
    create_round: "Create round",
    workshops_heading: "Workshops",
    no_workshops: "No workshops yet.",
    new_workshop_heading: "New workshop",
    workshop_title_label: "Title",
    sector_label: "Sector",
    date_label: "Date (YYYY-MM-DD)",
    prompts_label: "Questions for the participants",
    prompts_help: "One question per line.",
    create_workshop: "Create workshop",
    code: "Code",
    state_open: "Open",
    state_locked: "Locked",
    qr_alt: "QR code with the link to join",
    lock: "Lock the board",
    unlock: "Unlock the board",
    locked_notice: "The board is locked: notes cannot be added or changed.",
    facilitator_only: "Only the round's facilitators can see this page.",
    notes_heading: "Notes",
    no_notes: "No notes yet.",
    anonymous: "Anonymous",
    hidden: "hidden",
    edited: "edited",
    join_as_heading: "Who are you?",
    join_as_help: "Both fields are optional. Leave them empty to stay anonymous.",
    join_as_help_anonymous: "The organisation is optional.",
    name_label: "Name",
    organisation_label: "Organisation",
    join_button: "Join the workshop",
    joined_as: "You take part as",
    write_note_label: "Write a note",
    enter_sends: "Enter sends, Shift+Enter starts a new line",
    add_note: "Add note",
    edit: "Edit",
    save: "Save",
    cancel: "Cancel",
    delete: "Delete",
    delete_note_confirm: "Delete the note? It goes to the workshop's trash and can be restored until its retention ends.",
    delete_note_yes: "Yes, delete",
    note_deleted: "The note is deleted and in the trash.",
    undo_delete: "Undo",
    trash_heading: "Trash",
    trash_help: "Deleted notes stay here until their retention ends. A restored note comes back with its theme, its need and its +1s.",
    trash_empty: "The trash is empty.",
    restore: "Restore",
    deleted_by: |who, when| format!("Deleted by {who}, {when}"),
    yours: "yours",
    round_label: "Round",
    back_to_round: "Back to the round",
    connecting: "Connecting …",
    online: "Connected: the board updates live",
    offline: "Offline: notes are kept here and sent when the network returns",
    signed_out: "Signed out: the board no longer updates.",
    sign_in_again: "Sign in again",
    time_left: "Time left",
    time_is_up: "Time is up",
    saved: "saved",
    sending: "sending …",
    private_notice: "Private writing: you see only your own notes until the facilitator reveals them.",
    private_on: "Start private writing",
    private_off: "Reveal all notes",
    private_active: "Private writing is on",
    timer_minutes: "Minutes",
    start_timer: "Start timer",
    stop_timer: "Stop timer",
    paper_heading: "Notes from paper",
    group_label: "Group",
    add_paper_note: "Add for the group",
    presenter_view: "Presenter view",
    hide: "Hide",
    show: "Show",
    merge_into: "Merge with",
    merge: "Merge",
    controls_heading: "Board controls",
    themes_heading: "Themes",
    cluster_button: "Cluster the notes",
    clustering_progress: "Clustering the notes …",
    granularity_label: "Level of detail (fewer – more themes)",
    no_themes: "No themes yet. Cluster the notes once there are some.",
    semantic_off: "Grouping by meaning is off: the language model is not installed, so notes are grouped by their words only.",
    rename: "Rename",
    theme_name: "Theme name",
    move_to: "Move to",
    move_note: "Move",
    unsorted: "Other / unsorted",
    name_kept: "name kept",
    placed: "placed",
    example: "example",
    undo: "Undo the last change",
    pin: "Pin",
    unpin: "Unpin",
    lock_theme: "Lock the theme",
    unlock_theme: "Unlock the theme",
    theme_locked: "locked",
    theme_locked_help: "A re-run leaves a locked theme as it is: its name, needs and notes. No other note joins it.",
    need_granularity_label: "Level of detail for needs (fewer – more needs)",
    need_name: "Name of the need",
    split_need: "Split the need",
    split_need_help: "Choose the notes that become a need of their own:",
    without_need: "In no need",
    move_cancel: "Cancel",
    keywords: "Keywords",
    split: "Split the theme",
    // Voting and +1.
    similar_help: "Agree with an existing note with +1, or add your own.",
    vote_heading: "Dot voting",
    vote_dots_label: "Dots per participant",
    vote_target_label: "Vote on",
    vote_on_notes: "Notes",
    vote_on_themes: "Themes",
    open_vote: "Start the vote",
    close_vote: "Close the vote",
    vote_open_notice: "Voting is open: place your dots.",
    vote_closed_notice: "Voting has closed.",
    give_dot: "+ dot",
    take_dot: "− dot",
    your_dots: "Your dots",
    gone_note: "(this note is gone)",
    results_heading: "Results",
    no_dots_yet: "No dots yet.",
    workshops_n: |n| count(n, "workshop", "workshops"),
    notes_n,
    needs_n,
    themes_n: |n| count(n as i64, "theme", "themes"),
    theme_n: |n| format!("Theme {n}"),
    need_n: |n| format!("Need {n}"),
    participants_n: |n| count(n, "participant", "participants"),
    dots_n: |n| count(n, "dot", "dots"),
    dots_left: |left, total| {
        format!("You have {left} of {total} {} left", plural(total.into(), "dot", "dots"))
    },
    similar_found: |n| {
        format!(
            "{} {}",
            count(n as i64, "similar note", "similar notes"),
            plural(n as i64, "exists", "exist")
        )
    },
    supporters: |n| format!("{n} gave +1"),
    support_button: |note| format!("+1: Give +1 to the note “{note}”"),
    give_dot_button: |target| format!("+ dot: Give a dot to “{target}”"),
    take_dot_button: |target| format!("− dot: Take back a dot from “{target}”"),
    not_saved: |reason, note| format!("The note was not saved: {reason} “{note}”"),
    waiting_to_send: |n| format!("{n} waiting to be sent"),
    merged: |n| format!("+{n} merged"),
    account: AccountTexts {
        signed_in_as: "Signed in as",
        sign_in: "Sign in",
        sign_out: "Sign out",
        account_link: "Your account",
        accounts_link: "Accounts",
        sign_in_heading: "Sign in",
        sign_in_needed: "This page is for facilitators, analysts and administrators. Sign in to see it.",
        participants_need_no_account: "Taking part in a workshop? Then you need no account: join with the code on the start page.",
        email_label: "E-mail address",
        password_label: "Password",
        password_repeat_label: "Password again",
        password_help: "At least 12 characters. A sentence of several words is easy to remember and hard to guess.",
        setup_heading: "Create the administrator",
        setup_intro: "Klustra has no accounts yet. Create the administrator's account; the administrator then creates accounts for facilitators and analysts.",
        create_admin: "Create the administrator",
        account_heading: "Your account",
        role_label: "Role",
        change_password_heading: "Change password",
        current_password_label: "Current password",
        new_password_label: "New password",
        new_password_repeat_label: "New password again",
        change_password: "Change password",
        password_changed: "Your password is changed. You were signed out on your other devices.",
        accounts_heading: "Accounts",
        new_account_heading: "New account",
        initial_password_label: "Initial password",
        create_account: "Create account",
        account_created: "The account is created. Give the person the initial password in a safe way.",
        status_label: "Status",
        status_active: "Active",
        status_disabled: "Disabled",
        action_label: "Action",
        disable: "Disable",
        enable: "Enable",
        that_is_you: "(you)",
        share_heading: "Share the round",
        share_help: "Add a facilitator, who can then run the round with you, or an analyst, who can read and export it.",
        share: "Share",
        not_shared: "The round is not shared with anyone.",
        access_facilitate: "Co-facilitator",
        access_read: "Reads (analyst)",
        remove_grant: "Remove",
        read_only: "You can read the round and export reports, but not change anything.",
        export_workshop: "Export (CSV)",
        admins_only: "Only administrators manage accounts.",
        account_menu: "Account",
        role_admin: "Administrator",
        role_facilitator: "Facilitator",
        role_analyst: "Analyst",
    },
    board: BoardTexts {
        side_panel: "Board controls",
        show_qr: "Show the QR code",
        note_actions: "Actions",
        theme_actions: "Theme actions",
        merge_search_label: "Merge into the note",
        merge_search_placeholder: "Search for words in the note",
        merge_suggested: "Similar notes:",
        merge_no_match: "No other note matches.",
        drag_to_merge: "Drag a note onto another to merge duplicates.",
        filter_label: "Search the notes",
        results_after_close: "The results show once the vote is closed.",
        filter_no_match: "No note matches the search.",
        show_all: "Show all",
        show_themes: "Show themes",
        show_notes: "Show notes",
        no_themes_yet: "The notes are not clustered into themes yet.",
        showing_latest: |shown, total| {
            format!("Showing the latest {shown} of {}.", count(total as i64, "note", "notes"))
        },
        show_more: |n| format!("Show {n} more {}", plural(n as i64, "note", "notes")),
        merged_into: |own, kept| format!("Your note “{own}” was merged into “{kept}”: it counts there."),
        merge_confirm: |dropped, target| {
            format!("Merge “{dropped}” into “{target}”? The first then counts as a duplicate of the second.")
        },
    },
    report: ReportTexts {
        notes_n,
        needs_n,
        workshop_report: "Revision report, workshop",
        round_report: "Revision report, round",
        round: "Round",
        generated: "Generated",
        compared_with: "Compared with",
        workshops_heading: "Workshops",
        themes_heading: "Themes",
        notes: "notes",
        theme: "Theme",
        theme_id: "Theme id",
        note: "Note",
        note_id: "Note id",
        workshop: "Workshop",
        sector: "Sector",
        date: "Date",
        organisation: "Organisation",
        author: "Name",
        created: "Written",
        supporters: "+1",
        dots: "Dots",
        status: "Compared with the previous round",
        terms: "Key words",
        status_new: "New",
        status_recurring: "Recurring",
        status_gone: "No longer mentioned",
        previously: "previous round",
        similarity: |value| format!("{value:.2}"),
        notes_here: |n, total| {
            format!(
                "{n} of {total} {} {}",
                plural(total as i64, "note", "notes"),
                plural(n as i64, "matches", "match")
            )
        },
        name_from_notes: "name from the notes",
        name_from_analyst: "name from the analyst",
        name_from_facilitator: |workshop| format!("name from the facilitator in «{workshop}»"),
        name_from_column: "Name from",
        per_workshop: "Per workshop",
        per_sector: "Per sector",
        per_organisation: "Per organisation",
        no_organisation: "(no organisation given)",
        anonymous: "anonymous",
        anonymous_note: "Anonymous workshops: names are not reported.",
        heatmap_title: "Themes per workshop",
        bar_chart_title: "The largest themes",
        not_clustered: "The notes are not clustered into themes yet.",
        without_theme: "Notes without a theme",
        no_longer_mentioned: "Themes of the previous round no longer mentioned",
        no_longer_mentioned_sheet: "No longer mentioned",
        no_notes: "No notes.",
        unsorted: "Other / unsorted",
        need: "Need",
        need_id: "Need id",
        needs: "needs",
        without_need: "In no need",
        analysis_link: "Analysis and report of the round",
        analysis_heading: "Analysis of the round",
        cluster_round: "Build the round's themes from the workshops",
        clustering_round: "Joining the workshops' themes …",
        clustered_at: "Last clustered",
        filters: "Filters",
        all: "All",
        previous_round: "Compare with round",
        no_previous_round: "No comparison",
        save: "Save",
        export_heading: "Export the report",
        export_html: "Printable report (HTML, print to PDF)",
        export_markdown: "Markdown",
        export_csv: "CSV",
        export_csv_comma: None,
        export_json: "JSON",
        export_excel: "Excel",
        export_filtered: "The export follows the filter.",
        anonymous_toggle_on: "Make the workshop anonymous",
        anonymous_toggle_off: "Show names in reports",
        anonymous_active: "Anonymous: no names in reports",
        analysis_forbidden: "The round is not shared with you, so you cannot see its analysis.",
        round_themes_heading: "The round's themes",
        round_themes_help: "Themes about the same thing from different workshops are joined, under the facilitators' names. Rename, merge or split them: the names you give are kept when the themes are built again. Built again at the same level of detail, the themes stay as they are and only new notes are placed; another level of detail regroups them.",
        provisional_themes: "The themes below are joined from the workshops' themes but not saved. Build the round's themes to rename, merge and split them.",
        round_themes_help_read: "Themes about the same thing from different workshops are joined, under the facilitators' names.",
        provisional_themes_read: "The themes below are joined from the workshops' themes but not yet built for the round; the round's facilitator builds them.",
        never_clustered: "The round's themes have not been built yet",
        themes_stale: |n| {
            format!(
                "The round's themes are out of date: {} came in since they were built and are outside them.",
                count(n as i64, "note", "notes")
            )
        },
        rebuild_keeping: "Place the new notes in the themes (nothing else moves)",
        themes_stale_ask: "The round's facilitator can rebuild them.",
        theme_actions: "Change the theme",
        split_round_theme: "Split the theme by content",
        recurs_in: |n, total| format!("in {n} of {total} {}", plural(total as i64, "workshop", "workshops")),
        overview_heading: "Overview: themes by sector",
        overview_help: "Notes per theme and sector. Choose a theme to go to its needs and notes.",
        total: "Total",
        show_notes: |n| format!("Show {}", count(n as i64, "note", "notes")),
        on_this_page: "On this page",
        retention_heading: "Data protection and deletion",
        retain_until: "Notes are kept until and including",
        retain_until_help: "Leave empty if no date has been decided.",
        retention_overdue: "The retention period has ended. Export the archive, then delete the notes.",
        archive_link: "Export the archive (JSON, the whole round)",
        archived_at: "Last archive",
        archive_current: "The archive holds every note.",
        archive_stale: "The notes changed since the last archive (or there is none): export the archive before deleting.",
        purge_confirm: "I have kept the archive. Delete every note and participant of the round.",
        purge_button: "Delete the round's notes",
        purged_at: "The notes were deleted",
        audit_heading: "Log",
        audit_retention: "Retention changed",
        audit_archive: "Archive exported",
        audit_purge: "Notes deleted",
        audit_decisions_dropped: "Decisions a regrouping could not keep",
        audit_note_deleted: "Note moved to the trash",
        audit_note_restored: "Note restored from the trash",
        anonymous_help: "Notes are recorded by organisation: participants give no names.",
        file_name: "report",
        archive_detail: |notes, themes| {
            format!("{}, {}", count(notes as i64, "note", "notes"), count(themes as i64, "theme", "themes"))
        },
        purge_detail: |notes, participants| {
            format!(
                "{}, {}",
                count(notes, "note", "notes"),
                count(participants, "participant", "participants")
            )
        },
        dropped_detail: |workshop, placed, names| {
            let mut parts = vec![workshop.to_string()];
            if placed > 0 {
                parts.push(format!(
                    "{} without their theme",
                    count(placed as i64, "placed note", "placed notes")
                ));
            }
            if !names.is_empty() {
                parts.push(format!("names gone: {}", names.join(", ")));
            }
            parts.join(" – ")
        },
        csv_columns: [
            "Theme id",
            "Theme",
            "Need id",
            "Need",
            "Theme status",
            "Previous theme",
            "Note id",
            "Note",
            "Workshop id",
            "Workshop",
            "Sector",
            "Organisation",
            "Author",
            "Written",
            "Edited",
            "Supporters (+1)",
            "Dots",
            "Theme's vote dots",
            "Need's vote dots",
            "Priority area",
            "Theme's name from",
            "Need's name from",
        ],
        support_columns: ["Notes", "Sectors", "+1s", "Note dots", "Theme-vote dots"],
        sort_by: "Sort by",
        sheet_names: ["Themes", "Needs", "Notes"],
        rebuild_heading: "What the last rebuild changed",
        rebuild_built: |when| format!("Built {when}, compared with the themes before it, note by note."),
        rebuild_unchanged: |n| {
            format!("{} with the same notes as before", count(n as i64, "theme", "themes"))
        },
        rebuild_changed: |n| format!("{} gained or lost notes", count(n as i64, "theme", "themes")),
        rebuild_merged: |name, from| format!("Merged: “{name}” from {}", quoted(from, "and")),
        rebuild_split: |name, into| format!("Split: “{name}” into {}", quoted(into, "and")),
        rebuild_new: |name| format!("New: “{name}”"),
        rebuild_gone: |name| format!("Gone: “{name}” (none of its notes is in a theme)"),
        priorities_heading: "Priorities at a glance",
        priorities_help: "The needs ranked by how many sectors raised them and by support. A sector counts when it wrote at least as many notes in the need as you set. Mark the needs that are to be priority areas: they come first in the report and in every export.",
        priorities_help_read: "The needs ranked by how many sectors raised them and by support. A sector counts when it wrote at least as many notes in the need as you set. The round's facilitator marks the priority areas.",
        sector_threshold: "Notes a sector needs",
        sectors_raising: |n| format!("Sectors (at least {})", count(n as i64, "note", "notes")),
        sector_names: "Which sectors",
        show_all_needs: |n| format!("Show all {n} needs"),
        priority_areas_heading: "Priority areas",
        priority_area: "Priority area",
        priority_yes: "yes",
        no_priority_areas: "No priority areas are marked yet.",
        mark_priority: |name| format!("Mark “{name}” as a priority area"),
        unmark_priority: |name| format!("Take “{name}” off the priority areas"),
        priority_gone: "is no longer among the round's needs and themes (the themes were rebuilt): mark what took its place",
        need_in_theme: |theme| format!("need in the theme “{theme}”"),
        audit_priority_area: "Priority area",
        priority_detail: |name, marked| {
            if marked { format!("marked “{name}”") } else { format!("took the mark off “{name}”") }
        },
    },
    error,
};

/// How English words each error.
fn error(error: &AppError) -> String {
    match error {
        AppError::NoteEmpty => "The note is empty. Write something first.".into(),
        AppError::TooLong { field, max } => {
            format!("{} can be at most {max} characters.", field_name(*field))
        }
        AppError::TooMany { field, max } => format!("{} can be at most {max}.", field_name(*field)),
        AppError::TooShort { field, min } => {
            format!("{} must be at least {min} characters.", field_name(*field))
        }
        AppError::Invalid { field: Field::PasswordRepeat } => {
            "The passwords differ. Type the same password twice.".into()
        }
        AppError::Invalid { field: Field::CurrentPassword } => "The current password is wrong.".into(),
        AppError::Required { field } => format!("{} is required.", field_name(*field)),
        AppError::Invalid { field: Field::Dots } => {
            format!("The number of dots must be 1–{}.", crate::model::vote::DOTS_MAX)
        }
        AppError::Invalid { field: Field::Date } => "The date must be written YYYY-MM-DD.".into(),
        AppError::Invalid { field: Field::Note } => {
            "The note contains invisible control characters. Remove them and try again.".into()
        }
        AppError::Invalid { field } => format!("{} is not valid.", field_name(*field)),
        AppError::InvisibleCharacters { field } => format!(
            "Invisible or direction-changing characters are not allowed in {}. \
             Type the text again without them.",
            field_name(*field).to_lowercase()
        ),
        AppError::UnknownCode => "No workshop has that code. Check the code and try again.".into(),
        AppError::NotFound => "It does not exist (any more).".into(),
        AppError::WorkshopLocked => "The workshop is locked. Notes can no longer be added or changed.".into(),
        AppError::NotJoined => "Join the workshop first.".into(),
        AppError::NotSignedIn => "Sign in first.".into(),
        AppError::UnknownCookie => {
            "This browser's session was not one this server issued, so it has been forgotten. Reload the page.".into()
        }
        AppError::WrongCredentials => "Wrong e-mail address or password.".into(),
        AppError::SetupLinkInvalid => {
            "The link for creating the administrator is not valid (already used or expired).".into()
        }
        AppError::EmailTaken => "An account with that e-mail address already exists.".into(),
        AppError::UnknownAccount => "No active account has that e-mail address.".into(),
        AppError::Forbidden => "You are not allowed to do that.".into(),
        AppError::TooFewToSplit => "A theme needs at least two notes to be split.".into(),
        AppError::NothingToUndo => "There is nothing to undo.".into(),
        AppError::ThemesChanged => {
            "The themes changed while clustering ran, so it was not saved and the changes stand. Cluster again.".into()
        }
        AppError::OwnNote => "You cannot +1 your own note.".into(),
        AppError::NoDotsLeft { dots: 1 } => {
            "You have already placed your dot. Take it back to move it.".into()
        }
        AppError::NoDotsLeft { dots } => {
            format!("You have already placed all your {dots} dots. Take one back to move it.")
        }
        AppError::VoteClosed => "The vote is closed.".into(),
        AppError::VoteAlreadyOpen => "A vote is already open. Close it before starting a new one.".into(),
        AppError::NoThemesToVoteOn => "There are no themes to vote on. Cluster the notes first.".into(),
        AppError::ArchiveFirst => {
            "Export the archive first: the notes have changed since the last archive.".into()
        }
        AppError::Malformed => "The request could not be read.".into(),
        AppError::CrossSite => "The request came from another website and was refused. \
             Open Klustra directly and try again."
            .into(),
        AppError::TooLarge { max } => {
            format!("The request is too large. The server accepts at most {} KB.", max / 1024)
        }
        AppError::TooManyRequests { retry_after } => {
            format!("Too many requests in a short time. Wait {retry_after} s and try again.")
        }
        AppError::Internal => "Something went wrong on the server. Try again in a moment.".into(),
    }
}

/// A field's name as the English form shows it.
fn field_name(field: Field) -> &'static str {
    use Field::*;
    match field {
        Note => "The note",
        Title => "The title",
        Sector => "The sector",
        Date => "The date",
        Prompts => "The prompt questions",
        Name => "The name",
        Organisation => "The organisation",
        Code => "The code",
        Minutes => "The number of minutes",
        Group => "The group",
        Granularity => "The level of detail",
        Theme => "The theme",
        PreviousRound => "The round to compare with",
        Format => "The format",
        Dots => "The number of dots",
        Email => "The e-mail address",
        Password => "The password",
        PasswordRepeat => "The repeated password",
        CurrentPassword => "The current password",
        Role => "The role",
    }
}
