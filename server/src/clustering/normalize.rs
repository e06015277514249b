//! Text normalisation: Unicode NFC, case folding and splitting into word tokens.

use unicode_normalization::{UnicodeNormalization, is_nfc};

/// NFC-normalised, lower-cased text with runs of whitespace collapsed to one space.
pub(crate) fn normalize(text: &str) -> String {
    let mut folded =
        if is_nfc(text) { text.to_lowercase() } else { text.nfc().collect::<String>().to_lowercase() };
    // Lower-casing can produce decomposed sequences (e.g. İ), so normalise again.
    if !is_nfc(&folded) {
        folded = folded.nfc().collect();
    }
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Word tokens of already normalised text: maximal runs of letters and digits.
/// Punctuation, symbols and emoji separate tokens and are dropped; one-letter tokens are
/// dropped too, since they carry no theme.
pub(crate) fn tokenize(normalized: &str) -> Vec<&str> {
    normalized
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| t.chars().nth(1).is_some() || t.chars().all(|c| c.is_ascii_digit()))
        .filter(|t| !t.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_composes() {
        // "ö" written as o + combining diaeresis must equal the precomposed letter.
        assert_eq!(normalize("O\u{0308}versikt"), "översikt");
        assert_eq!(normalize("  ÅTERKOPPLING\tsaknas "), "återkoppling saknas");
    }

    #[test]
    fn strips_punctuation_and_emoji() {
        let text = normalize("Bättre IT-stöd!!! 👍 (e-tjänster), covid-19?");
        assert_eq!(tokenize(&text), ["bättre", "it", "stöd", "tjänster", "covid", "19"]);
    }

    #[test]
    fn emoji_only_gives_no_tokens() {
        assert!(tokenize(&normalize("🎉🎉 !!")).is_empty());
    }
}
