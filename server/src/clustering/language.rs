//! Per-note language detection from stopword and letter cues.

use app::text::{Language, is_stopword};

/// The language a note's tokens point to, or `None` when there is no cue either way
/// (the caller then uses the majority language of the input).
pub(crate) fn detect(tokens: &[&str]) -> Option<Language> {
    let mut swedish = 0i32;
    let mut english = 0i32;
    for token in tokens {
        if is_stopword(Language::Swedish, token) {
            swedish += 1;
        }
        if is_stopword(Language::English, token) {
            english += 1;
        }
        if token.contains(['å', 'ä', 'ö']) {
            swedish += 2;
        }
    }
    match swedish.cmp(&english) {
        std::cmp::Ordering::Greater => Some(Language::Swedish),
        std::cmp::Ordering::Less => Some(Language::English),
        std::cmp::Ordering::Equal => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_swedish_and_english() {
        assert_eq!(detect(&["vi", "behöver", "bättre", "samverkan"]), Some(Language::Swedish));
        assert_eq!(detect(&["we", "need", "better", "data", "sharing"]), Some(Language::English));
        assert_eq!(detect(&["informationsförsörjning"]), Some(Language::Swedish));
        assert_eq!(detect(&["api"]), None);
    }
}
