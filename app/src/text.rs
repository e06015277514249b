//! Text analysis shared by the browser's similar-note matcher (`similar`) and the server's
//! clustering: the Swedish and English stopwords, case and diacritics folding, and (server
//! only, so the browser bundle carries none of their tables) Unicode normalisation,
//! tokenisation and Snowball stemming.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// Language of a note (or of a whole workshop, when set in the clustering's settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Swedish: Swedish stopwords and Snowball stemmer.
    Swedish,
    /// English: English stopwords and Snowball (Porter2) stemmer.
    English,
}

/// The Snowball stopword list, plus a few filler words common in workshop notes.
const SWEDISH: &str = "och det att i en jag hon som han på den med var sig för så till är men \
ett om hade de av icke mig du henne då sin nu har inte hans honom skulle hennes där min man ej \
vid kunde något från ut när efter upp vi dem vara vad över än dig kan sina här ha mot alla \
under någon eller allt mycket sedan ju denna själv detta åt utan varit hur ingen mitt ni bli \
blev oss din dessa några deras blir mina samma vilken er sådan vår blivit dess inom mellan \
sådant varför varje vilka ditt vem vilket sitta sådana vart dina vars vårt våra ert era vilkas \
också även bara ska får få finns behöver kunna göra gör mer mest fler hos ofta genom sätt";

/// The Snowball stopword list, plus a few filler words common in workshop notes.
const ENGLISH: &str = "i me my myself we our ours ourselves you your yours yourself yourselves \
he him his himself she her hers herself it its itself they them their theirs themselves what \
which who whom this that these those am is are was were be been being have has had having do \
does did doing would should could ought a an the and but if or because as until while of at by \
for with about against between into through during before after above below to from up down \
in out on off over under again further then once here there when where why how all any both \
each few more most other some such no nor not only own same so than too very can will just \
don shall may might must also get need needs make";

/// Words nearly every note of a needs inventory has ("we need better …"): they tell notes
/// apart for clustering (which weighs them by rarity) but not for the matcher, which only
/// counts shared words.
const NEED_WORDS: &str = "behov bättre bra vill måste better";

fn stopwords(lang: Language) -> &'static HashSet<&'static str> {
    static SV: OnceLock<HashSet<&'static str>> = OnceLock::new();
    static EN: OnceLock<HashSet<&'static str>> = OnceLock::new();
    match lang {
        Language::Swedish => SV.get_or_init(|| SWEDISH.split_whitespace().collect()),
        Language::English => EN.get_or_init(|| ENGLISH.split_whitespace().collect()),
    }
}

/// Whether `word` (normalised, lower case) is a stopword of `lang`.
pub fn is_stopword(lang: Language, word: &str) -> bool {
    stopwords(lang).contains(word)
}

/// Whether `word` (already [`fold`]ed) says nothing to the similar-note matcher: a stopword
/// of either language, or one of the words nearly every need is written with.
pub fn is_folded_filler(word: &str) -> bool {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        [SWEDISH, ENGLISH, NEED_WORDS].iter().flat_map(|list| list.split_whitespace()).map(fold).collect()
    })
    .contains(word)
}

/// Lower case without diacritics, so "Öppna", "oppna" and "öppna" meet.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ò' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' | 'ù' => 'u',
            'í' | 'ì' | 'ï' => 'i',
            other => other,
        })
        .collect()
}

/// NFC-normalised, lower-cased text with runs of whitespace collapsed to one space.
#[cfg(feature = "ssr")]
pub fn normalize(text: &str) -> String {
    use unicode_normalization::{UnicodeNormalization, is_nfc};

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
/// dropped too (but not numbers), since they carry no theme. So is the ending Swedish puts
/// after a colon ("API:erna", "SMS:en"): it is the word's inflection, not a word.
#[cfg(feature = "ssr")]
pub fn tokenize(normalized: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut start: Option<usize> = None;
    // Whether the run under way follows a word and a colon directly.
    let mut after_colon = false;
    let (mut before, mut last) = (' ', ' ');
    for (i, c) in normalized.char_indices().chain(std::iter::once((normalized.len(), ' '))) {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
                after_colon = last == ':' && before.is_alphanumeric();
            }
        } else if let Some(s) = start.take() {
            let token = &normalized[s..i];
            let kept = token.chars().nth(1).is_some() || token.chars().all(|c| c.is_ascii_digit());
            if kept && !(after_colon && is_colon_inflection(token)) {
                tokens.push(token);
            }
        }
        (before, last) = (last, c);
    }
    tokens
}

/// Whether a (lower-case) word is an ending Swedish writes after a colon: "API:er",
/// "API:erna", "SMS:et", "USA:s".
#[cfg(feature = "ssr")]
fn is_colon_inflection(token: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "er", "erna", "ernas", "ers", "en", "ens", "n", "ns", "et", "ets", "s", "ar", "arna", "or", "orna",
        "na", "a",
    ];
    ENDINGS.contains(&token)
}

#[cfg(feature = "ssr")]
pub use rust_stemmers::Stemmer;

/// The Snowball stemmers, indexed by [`Language`] (`stemmers()[lang as usize]`).
#[cfg(feature = "ssr")]
pub fn stemmers() -> [Stemmer; 2] {
    use rust_stemmers::Algorithm;
    [Stemmer::create(Algorithm::Swedish), Stemmer::create(Algorithm::English)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "ssr")]
    #[test]
    fn tokens_are_words_without_punctuation_or_the_endings_after_a_colon() {
        assert_eq!(tokenize("öppna api:er, api:erna och sms:et"), ["öppna", "api", "api", "och", "sms"]);
        assert_eq!(tokenize("a 3 e-post: er tid 12:30"), ["3", "post", "er", "tid", "12", "30"]);
    }

    #[test]
    fn knows_both_languages() {
        assert!(is_stopword(Language::Swedish, "och"));
        assert!(is_stopword(Language::English, "the"));
        assert!(!is_stopword(Language::Swedish, "the"));
        assert!(!is_stopword(Language::Swedish, "informationsförsörjning"));
    }

    #[test]
    fn the_matcher_folds_and_ignores_the_words_of_every_need() {
        assert_eq!(fold("Öppna ÅTERKOPPLING"), "oppna aterkoppling");
        for word in ["pa", "the", "behov", "battre", "better"] {
            assert!(is_folded_filler(word), "{word}");
        }
        assert!(!is_folded_filler("geodata"));
        assert!(!is_stopword(Language::Swedish, "behov"), "clustering keeps the need words");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn folds_case_and_composes() {
        // "ö" written as o + combining diaeresis must equal the precomposed letter.
        assert_eq!(normalize("O\u{0308}versikt"), "översikt");
        assert_eq!(normalize("  ÅTERKOPPLING\tsaknas "), "återkoppling saknas");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn strips_punctuation_and_emoji() {
        let text = normalize("Bättre IT-stöd!!! 👍 (e-tjänster), covid-19?");
        assert_eq!(tokenize(&text), ["bättre", "it", "stöd", "tjänster", "covid", "19"]);
        assert!(tokenize(&normalize("🎉🎉 !!")).is_empty());
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn stems_each_language_with_its_own_rules() {
        let stemmers = stemmers();
        assert_eq!(stemmers[Language::Swedish as usize].stem("regionerna"), "region");
        assert_eq!(stemmers[Language::English as usize].stem("regions"), "region");
    }
}
