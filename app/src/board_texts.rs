//! Swedish and English texts of the facilitator's board: its layout, the one menu on each
//! card, merging by search or by dropping a card on another, and the paged note grid.
//! Sentences that hold a number are functions, so each language words its own plurals.

use crate::i18n::Lang;

impl Lang {
    /// The board's texts in this language.
    pub fn board_texts(self) -> &'static BoardTexts {
        match self {
            Lang::Sv => &BOARD_SV,
            Lang::En => &BOARD_EN,
        }
    }
}

/// Every text of the board's layout and card menus.
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
    pub participants: fn(i64) -> String,
    pub notes: fn(usize) -> String,
    pub needs: fn(usize) -> String,
    /// "Showing the latest `shown` of `total` notes".
    pub showing_latest: fn(usize, usize) -> String,
    pub show_more: fn(usize) -> String,
    /// Told to a participant whose note the facilitator merged: their text, then the kept one's.
    pub merged_into: fn(&str, &str) -> String,
    /// The question before a dropped card is merged: the dropped note's text, then the other's.
    pub merge_confirm: fn(&str, &str) -> String,
}

static BOARD_SV: BoardTexts = BoardTexts {
    side_panel: "Styr tavlan",
    show_qr: "Visa QR-kod",
    note_actions: "Åtgärder",
    theme_actions: "Temats åtgärder",
    merge_search_label: "Slå ihop med lappen",
    merge_search_placeholder: "Sök på ord i lappen",
    merge_suggested: "Liknande lappar:",
    merge_no_match: "Ingen annan lapp matchar.",
    drag_to_merge: "Dra en lapp till en annan för att slå ihop dubbletter.",
    filter_label: "Sök bland lapparna",
    results_after_close: "Resultatet visas när röstningen är avslutad.",
    filter_no_match: "Ingen lapp matchar sökningen.",
    show_all: "Visa alla",
    show_themes: "Visa teman",
    show_notes: "Visa lappar",
    no_themes_yet: "Lapparna är inte klustrade i teman än.",
    participants: |n| format!("{n} deltagare"),
    notes: |n| if n == 1 { "1 lapp".to_string() } else { format!("{n} lappar") },
    needs: |n| format!("{n} behov"),
    showing_latest: |shown, total| format!("Visar de senaste {shown} av {total} lappar."),
    show_more: |n| if n == 1 { "Visa 1 lapp till".to_string() } else { format!("Visa {n} lappar till") },
    merged_into: |own, kept| format!("Din lapp ”{own}” slogs ihop med ”{kept}”: den räknas där."),
    merge_confirm: |dropped, target| {
        format!("Slå ihop ”{dropped}” med ”{target}”? Den första räknas då som en dubblett av den andra.")
    },
};

static BOARD_EN: BoardTexts = BoardTexts {
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
    participants: |n| if n == 1 { "1 participant".to_string() } else { format!("{n} participants") },
    notes: |n| if n == 1 { "1 note".to_string() } else { format!("{n} notes") },
    needs: |n| if n == 1 { "1 need".to_string() } else { format!("{n} needs") },
    showing_latest: |shown, total| format!("Showing the latest {shown} of {total} notes."),
    show_more: |n| if n == 1 { "Show 1 more note".to_string() } else { format!("Show {n} more notes") },
    merged_into: |own, kept| format!("Your note “{own}” was merged into “{kept}”: it counts there."),
    merge_confirm: |dropped, target| {
        format!("Merge “{dropped}” into “{target}”? The first then counts as a duplicate of the second.")
    },
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_take_the_right_plural_in_both_languages() {
        let (sv, en) = (Lang::Sv.board_texts(), Lang::En.board_texts());
        assert_eq!((sv.notes)(1), "1 lapp");
        assert_eq!((sv.notes)(800), "800 lappar");
        assert_eq!((en.participants)(1), "1 participant");
        assert_eq!((en.participants)(3), "3 participants");
        assert_eq!((sv.participants)(3), "3 deltagare");
        assert_eq!((en.show_more)(1), "Show 1 more note");
        assert_eq!((sv.showing_latest)(100, 800), "Visar de senaste 100 av 800 lappar.");
    }
}
