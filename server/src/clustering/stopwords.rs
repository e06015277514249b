//! Swedish and English stopwords (the Snowball lists, plus a few filler words common in
//! workshop notes).

use std::collections::HashSet;
use std::sync::OnceLock;

use super::Language;

const SWEDISH: &str = "och det att i en jag hon som han på den med var sig för så till är men \
ett om hade de av icke mig du henne då sin nu har inte hans honom skulle hennes där min man ej \
vid kunde något från ut när efter upp vi dem vara vad över än dig kan sina här ha mot alla \
under någon eller allt mycket sedan ju denna själv detta åt utan varit hur ingen mitt ni bli \
blev oss din dessa några deras blir mina samma vilken er sådan vår blivit dess inom mellan \
sådant varför varje vilka ditt vem vilket sitta sådana vart dina vars vårt våra ert era vilkas \
också även bara ska får få finns behöver kunna göra gör mer mest fler hos ofta genom sätt";

const ENGLISH: &str = "i me my myself we our ours ourselves you your yours yourself yourselves \
he him his himself she her hers herself it its itself they them their theirs themselves what \
which who whom this that these those am is are was were be been being have has had having do \
does did doing would should could ought a an the and but if or because as until while of at by \
for with about against between into through during before after above below to from up down \
in out on off over under again further then once here there when where why how all any both \
each few more most other some such no nor not only own same so than too very can will just \
don shall may might must also get need needs make";

/// Words that may help to cluster but make poor theme names (generic verbs, HTML entity
/// debris, the nouns of "på grund av" and "i stället för"), in both languages.
const WEAK_NAME_WORDS: &str = "går gäller enligt måste sista veta vill kommer gå ge ta sätt \
fall del andra annat nya ny bra lite många olika helt just redan idag använda används \
eftersom borde tidigare senare dock därför bland alltså kanske väldigt exempel exempelvis \
per km procent år åren dag dagar gång gånger hela stor stora liten små första två tre lång långt \
långa finns fanns görs gjorde sade säger sitt grund stället \
use using used get gets new one two like want way gt lt amp quot nbsp \
because however also per km many much first second three year years time times said says";

fn set(lang: Language) -> &'static HashSet<&'static str> {
    static SV: OnceLock<HashSet<&'static str>> = OnceLock::new();
    static EN: OnceLock<HashSet<&'static str>> = OnceLock::new();
    match lang {
        Language::Swedish => SV.get_or_init(|| SWEDISH.split_whitespace().collect()),
        Language::English => EN.get_or_init(|| ENGLISH.split_whitespace().collect()),
    }
}

/// Whether `word` (normalised, lower case) is too generic to name a theme.
pub(crate) fn is_weak_name_word(word: &str) -> bool {
    static WEAK: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WEAK.get_or_init(|| WEAK_NAME_WORDS.split_whitespace().collect()).contains(word)
}

/// Whether `word` (normalised, lower case) is a stopword of `lang`.
pub(crate) fn is_stopword(lang: Language, word: &str) -> bool {
    set(lang).contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_both_languages() {
        assert!(is_stopword(Language::Swedish, "och"));
        assert!(is_stopword(Language::English, "the"));
        assert!(!is_stopword(Language::Swedish, "the"));
        assert!(!is_stopword(Language::Swedish, "informationsförsörjning"));
    }
}
