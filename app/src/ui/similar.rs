//! Notes similar to the one a participant is typing, found in the browser from the notes it
//! already has, so they can +1 an existing note instead of writing it again.
//!
//! Deliberately crude and cheap (it runs on every pause in typing): words are case- and
//! diacritics-folded, common Swedish and English words dropped (`crate::text`, with the
//! clustering's stopwords), and two words count as the
//! same when they are equal, share a prefix of [`PREFIX_MIN`] letters (inflections and
//! compounds: "regioner"/"region", "journaldata"/"journalsystem"), one contains the other
//! ("e-legitimation"/"legitimation"), or differ by a typo. Whole texts that are near
//! duplicates (normalized Levenshtein) count too. The server's clustering is the real analysis.

use std::collections::HashSet;

use crate::model::Note;
use crate::model::ids::NoteId;
use crate::text::{fold, is_folded_filler};

/// The most notes suggested at once.
pub const MAX_SUGGESTIONS: usize = 3;
/// Share of matching words (both ways) from which a note is suggested.
const THRESHOLD: f64 = 0.35;
/// Shared leading letters that make two words the same stem.
const PREFIX_MIN: usize = 5;
/// The shortest word found inside a longer one (a compound's part).
const CONTAINED_MIN: usize = 6;
/// Letter similarity from which two words (of four letters or more) are one with a typo.
const TYPO_MIN: f64 = 0.8;
/// Letter similarity of whole texts from which they are near duplicates.
const NEAR_DUPLICATE_MIN: f64 = 0.8;

/// The notes most like `draft`, best first, at most [`MAX_SUGGESTIONS`]; never the note
/// `exclude` (the one being edited) nor hidden notes.
pub fn similar_notes(draft: &str, notes: &[Note], exclude: Option<NoteId>) -> Vec<Note> {
    let wanted = terms(draft);
    if wanted.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(f64, &Note)> = notes
        .iter()
        .filter(|note| Some(note.id) != exclude && !note.hidden)
        .map(|note| (similarity(&wanted, &terms(&note.text)), note))
        .filter(|(score, _)| *score >= THRESHOLD)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.seq.cmp(&b.1.seq)));
    scored.into_iter().take(MAX_SUGGESTIONS).map(|(_, note)| note.clone()).collect()
}

/// How alike two texts' words are, from 0 to 1.
fn similarity(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let matched = |from: &[String], to: &[String]| {
        from.iter().filter(|word| to.iter().any(|other| same_word(word, other))).count()
    };
    let shared = (matched(a, b) + matched(b, a)) as f64 / (a.len() + b.len()) as f64;
    let whole = strsim::normalized_levenshtein(&a.join(" "), &b.join(" "));
    if whole >= NEAR_DUPLICATE_MIN { shared.max(whole) } else { shared }
}

/// Whether two folded words are the same word, inflected, compounded or mistyped.
fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let common_prefix = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    if common_prefix >= PREFIX_MIN {
        return true;
    }
    let (short, long) = if a.chars().count() <= b.chars().count() { (a, b) } else { (b, a) };
    let short_len = short.chars().count();
    if short_len >= CONTAINED_MIN && long.contains(short) {
        return true;
    }
    short_len >= 4 && strsim::normalized_levenshtein(a, b) >= TYPO_MIN
}

/// The content words of a text: folded, without stopwords, each once, in order.
fn terms(text: &str) -> Vec<String> {
    let folded = fold(text);
    let mut seen = HashSet::new();
    folded
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        // "e-legitimation" and "elegitimation" are one word.
        .map(|word| word.replace('-', ""))
        .filter(|word| word.chars().count() >= 2 && !is_folded_filler(word))
        .filter(|word| seen.insert(word.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notes(texts: &[&str]) -> Vec<Note> {
        texts.iter().enumerate().map(|(i, text)| Note::sample(i as i64 + 1, text)).collect()
    }

    fn suggested(draft: &str, board: &[Note]) -> Vec<String> {
        similar_notes(draft, board, None).into_iter().map(|n| n.text).collect()
    }

    const BOARD: &[&str] = &[
        "Gemensam e-legitimation för medarbetare",
        "Öppna geodata för kommunerna",
        "Journaldata behöver delas mellan regioner",
        "Bygglov digitalt från ansökan till beslut",
    ];

    #[test]
    fn inflected_and_compound_forms_are_found() {
        let board = notes(BOARD);
        assert_eq!(
            suggested("E-legitimationer för personal", &board),
            vec!["Gemensam e-legitimation för medarbetare"]
        );
        assert_eq!(
            suggested("dela journaldata med region", &board),
            vec!["Journaldata behöver delas mellan regioner"]
        );
    }

    #[test]
    fn typos_case_and_diacritics_do_not_hide_a_duplicate() {
        let board = notes(BOARD);
        assert_eq!(suggested("OPPNA GEODATA för kommunerna", &board), vec!["Öppna geodata för kommunerna"]);
        assert_eq!(
            suggested("gemensam elegitimaton", &board),
            vec!["Gemensam e-legitimation för medarbetare"]
        );
    }

    #[test]
    fn unrelated_notes_are_not_suggested() {
        let board = notes(BOARD);
        assert!(suggested("Bättre wifi i konferensrummen", &board).is_empty());
        assert!(suggested("Snabbare upphandling av IT-system", &board).is_empty());
    }

    #[test]
    fn empty_input_and_only_common_words_give_nothing() {
        let board = notes(BOARD);
        assert!(suggested("", &board).is_empty());
        assert!(suggested("   \n ", &board).is_empty());
        assert!(suggested("och för att det", &board).is_empty(), "stopwords alone match nothing");
    }

    #[test]
    fn the_note_being_edited_and_hidden_notes_are_never_suggested() {
        let mut board = notes(&["Öppna geodata för kommunerna", "Öppna geodata för alla kommuner"]);
        let own = board[0].id;
        let found = similar_notes("öppna geodata för kommunerna", &board, Some(own));
        assert_eq!(found.iter().map(|n| n.id).collect::<Vec<_>>(), vec![board[1].id]);
        board[1].hidden = true;
        assert!(similar_notes("öppna geodata för kommunerna", &board, Some(own)).is_empty());
    }

    #[test]
    fn at_most_three_are_suggested_best_first() {
        let board = notes(&[
            "Geodata",
            "Öppna geodata för kommuner och regioner i hela landet",
            "Öppna geodata",
            "Öppna geodata för kommuner",
            "Öppen geodata kommun",
        ]);
        let found = suggested("öppna geodata för kommuner", &board);
        assert_eq!(found.len(), MAX_SUGGESTIONS);
        assert_eq!(found[0], "Öppna geodata för kommuner", "the exact duplicate comes first");
    }
}
