//! How common a word is in general language, from the wordfreq lists in `frequencies/`
//! (see its README): the background a theme's name is read against. A name should say what
//! sets a theme apart, and a word everybody uses every day ("innan", "dagen", "folk",
//! "önskar") sets nothing apart however often a theme's notes use it; "journalen",
//! "molntjänster" or "handläggare" do.

use std::collections::HashMap;
use std::sync::OnceLock;

use app::text::Language;

/// Zipf frequency (times 100) of the listed words: at least 3.5, about once in 300,000.
type Frequencies = HashMap<&'static str, u16>;

/// Zipf frequency below which a word counts as fully specific (not listed: rarer still).
const SPECIFIC_ZIPF: f64 = 3.0;
/// Zipf frequency of the commonest content words ("tid", "folk", "barn").
const COMMON_ZIPF: f64 = 6.0;
/// How much of its score the commonest word keeps.
const COMMONEST_WEIGHT: f64 = 0.25;

fn frequencies(language: Language) -> &'static Frequencies {
    static SWEDISH: OnceLock<Frequencies> = OnceLock::new();
    static ENGLISH: OnceLock<Frequencies> = OnceLock::new();
    let (cell, listed) = match language {
        Language::Swedish => (&SWEDISH, include_str!("frequencies/sv.tsv")),
        Language::English => (&ENGLISH, include_str!("frequencies/en.tsv")),
    };
    cell.get_or_init(|| {
        listed
            .lines()
            .filter_map(|line| {
                let (word, zipf) = line.split_once('\t')?;
                Some((word, zipf.parse().ok()?))
            })
            .collect()
    })
}

/// How specific `word` (any case) is, from [`COMMONEST_WEIGHT`] for the commonest words of
/// `language` to 1 for words used less than about once in a million (Zipf 3); linear in
/// the Zipf scale between.
pub(super) fn specificity(word: &str, language: Language) -> f64 {
    let lower = word.to_lowercase();
    let Some(&zipf) = frequencies(language).get(lower.as_str()) else {
        return 1.0;
    };
    let commonness =
        ((f64::from(zipf) / 100.0 - SPECIFIC_ZIPF) / (COMMON_ZIPF - SPECIFIC_ZIPF)).clamp(0.0, 1.0);
    1.0 - (1.0 - COMMONEST_WEIGHT) * commonness
}

/// Whether `word` is a Swedish genitive ("skolans", "regionens"): it ends in "s" and the
/// word without it is listed and commoner. Such a word waits for its head ("skolans
/// nätverk"), so a phrase ending in it is a fragment, not a name. "Process" (no "proces")
/// and "kurs" (commoner than "kur") are not genitives.
pub(super) fn is_genitive(word: &str, language: Language) -> bool {
    if language != Language::Swedish {
        return false;
    }
    let lower = word.to_lowercase();
    let Some(base) = lower.strip_suffix('s').filter(|base| base.chars().count() >= 3) else {
        return false;
    };
    let listed = frequencies(language);
    match (listed.get(base), listed.get(lower.as_str())) {
        (Some(base), Some(word)) => base > word,
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// How specific a phrase is: that of its most specific word ("Tid för kompetensutveckling"
/// is as specific as "kompetensutveckling").
pub(super) fn phrase_specificity(phrase: &str, language: Language) -> f64 {
    phrase
        .split(|c: char| c.is_whitespace() || c == '/')
        .map(|word| word.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|word| !word.is_empty())
        .map(|word| specificity(word, language))
        .fold(COMMONEST_WEIGHT, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everyday_words_are_less_specific_than_the_words_of_a_field() {
        for (everyday, specific) in [
            ("innan", "journalen"),
            ("dagen", "handläggare"),
            ("folk", "molntjänster"),
            ("önskar", "lärplattformen"),
        ] {
            let (a, b) = (specificity(everyday, Language::Swedish), specificity(specific, Language::Swedish));
            assert!(a < b, "{everyday} {a} against {specific} {b}");
        }
        assert!(specificity("time", Language::English) < specificity("procurement", Language::English));
        assert_eq!(specificity("e-legitimation", Language::Swedish), 1.0, "not listed: rare");
        assert_eq!(specificity("Innan", Language::Swedish), specificity("innan", Language::Swedish));
    }

    #[test]
    fn a_genitive_is_told_from_a_word_ending_in_s() {
        for genitive in ["skolans", "Regionens", "kommunens"] {
            assert!(is_genitive(genitive, Language::Swedish), "{genitive}");
        }
        for word in ["process", "kurs", "system", "e-tjänster", "hus", "ans"] {
            assert!(!is_genitive(word, Language::Swedish), "{word}");
        }
        assert!(!is_genitive("schools", Language::English));
    }

    #[test]
    fn a_phrase_is_as_specific_as_its_most_specific_word() {
        let phrase = phrase_specificity("Tid avsatt för kompetensutveckling", Language::Swedish);
        assert_eq!(phrase, specificity("kompetensutveckling", Language::Swedish));
        assert!(phrase > specificity("tid", Language::Swedish));
    }
}
