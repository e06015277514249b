//! What kind of word a Swedish or English word is, judged from the word alone: lists of
//! common words and the endings of Swedish verbs, adjectives and adverbs. Klustra has no
//! part-of-speech tagger; these checks are what [`super::phrases`] reads clauses with.

use std::collections::HashSet;
use std::sync::OnceLock;

use app::text::{Language, is_stopword};

/// Whether a Swedish word written in small letters looks like an s-passive verb ("delas",
/// "saknas", "behövas", "skickades", "gjordes"): it says what happens to a need, not what
/// the need is about. Not the plural genitive ("myndigheternas") nor "-gas" ("naturgas");
/// names ("Kanadas") are written with a capital and not asked about.
pub(super) fn is_swedish_passive(word: &str, language: Language) -> bool {
    let long = word.chars().count();
    language == Language::Swedish
        && ((long >= 5 && word.ends_with("as") && !word.ends_with("rnas") && !word.ends_with("gas"))
            || (long >= 7 && word.ends_with("des")))
}

/// A word after which a verb form follows: an infinitive, or a supine after "har".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mark {
    /// The infinitive mark ("att"): the infinitive follows at once.
    Infinitive,
    /// A modal verb ("kan", "ska", "should"): at once in a statement ("vi kan vaccinera"),
    /// after the subject in a question ("Kan jag vaccinera", "Kan ideella föreningar söka").
    Modal,
    /// "har" or "hade", which a supine follows ("har fått", "hade inte ansökt").
    Perfect,
}

/// Whether (and how) `word` announces an infinitive or a supine.
pub(super) fn infinitive_mark(word: &str, language: Language) -> Option<Mark> {
    const SWEDISH: &[&str] = &[
        "kan", "kunna", "ska", "skall", "bör", "måste", "vill", "får", "behöver", "brukar", "slipper",
        "kunde", "skulle", "borde", "ville",
    ];
    const ENGLISH: &[&str] = &["can", "could", "should", "must", "will", "would", "may", "might", "shall"];
    if language == Language::Swedish && word == "att" {
        Some(Mark::Infinitive)
    } else if language == Language::Swedish && (word == "har" || word == "hade") {
        Some(Mark::Perfect)
    } else {
        listed(word, language, SWEDISH, ENGLISH).then_some(Mark::Modal)
    }
}

/// Whether a word may stand between a modal and its infinitive: a subject pronoun (not
/// "den" of "Ska den ideella föreningen"), "not" or an adverb ("Kan jag vaccinera", "vi kan
/// inte ansöka", "ska bara behöva", "Can I apply"); and between "som" and its verb.
pub(super) fn may_precede_infinitive(word: &str, language: Language) -> bool {
    const SWEDISH_ADVERBS: &[&str] =
        &["inte", "bara", "också", "även", "alltid", "aldrig", "redan", "ofta", "fortfarande", "sällan"];
    match language {
        Language::Swedish => SWEDISH_PERSONAL_PRONOUNS.contains(&word) || SWEDISH_ADVERBS.contains(&word),
        Language::English => ENGLISH_SUBJECT_PRONOUNS.contains(&word) || word == "one" || word == "not",
    }
}

/// Common finite verbs ("fungerar", "kostar", "makes"): no phrase spans them.
static SWEDISH_FINITE_VERBS: WordList = WordList::new(
    "\
är var blir blev har hade fick kommer tar tog verkar saknar finns fanns gör gjorde ger gav sker \
står ligger går fungerar kostar lagrar stoppar skiljer hindrar försvårar leder innebär handlar \
påverkar orsakar ökar minskar skapar tillåter begränsar hanterar skickar visar löser ersätter \
stöder stödjer äger hittar köper betalar ändrar hämtar lämnar når erbjuder riskerar känns \
håller menar betyder räcker kräver använder vågar underlättar försenar tvingar bär föreslår vore \
förstår slår slog låser byter ringer fattar består bestod stämmer klarar hinner funkar funkade \
strular krånglar slutar",
);
static ENGLISH_FINITE_VERBS: WordList = WordList::new(
    "\
is are was were has have had needs need lacks cannot makes suggests differ differs breaks \
publish publishes want wants buy buys seems know knows think thinks takes took gives gave \
prevents allows requires sends helps provides becomes became keeps happens exists fails",
);

/// Whether a (lower-case) word is a modal or another common finite verb, which makes a
/// phrase a statement.
pub(super) fn is_finite_verb(word: &str, language: Language) -> bool {
    let verbs = match language {
        Language::Swedish => &SWEDISH_FINITE_VERBS,
        Language::English => &ENGLISH_FINITE_VERBS,
    };
    infinitive_mark(word, language) == Some(Mark::Modal)
        || verbs.contains(word)
        // "isn't", "don't", "can't".
        || (language == Language::English && word.ends_with("n't"))
}

/// Whether a Swedish word in small letters has the ending of a finite verb ("lagrar",
/// "skiljer", "konstaterade"), which plural nouns ("tjänster") and participles
/// ("digitaliserade") share: only trusted after a subject (see [`looks_like_subject`]) or a
/// relative "som".
pub(super) fn has_finite_ending(word: &str, language: Language) -> bool {
    language == Language::Swedish
        && word.chars().count() >= 4
        && (word.ends_with("ar") || word.ends_with("er") || word.ends_with("ade"))
        && !is_stopword(language, word)
}

/// Whether a Swedish word looks like a subject: a personal pronoun ("den kontrollerar"), or
/// a noun, definite ("lärplattformen", "systemet", "adressuppgifterna") or with a noun's
/// suffix ("tredjelandsöverföring", "säkerhet", "kommunikation"). A noun is never followed
/// by a plural noun in Swedish, which writes compounds as one word, so a word with a verb's
/// ending after it is a verb.
pub(super) fn looks_like_subject(word: &str, language: Language) -> bool {
    const ENDINGS: &[&str] = &["en", "et", "rna", "ing", "het", "tion", "else", "skap"];
    language == Language::Swedish
        && (SWEDISH_PERSONAL_PRONOUNS.contains(&word)
            || word == "den"
            || (has_ending(word, ENDINGS)
                && !is_stopword(language, word)
                && !is_weak_name_word(word)
                && !looks_attributive(word, language)))
}

/// Whether an English word is a subject pronoun, which its verb follows ("they got").
pub(super) fn is_english_subject_pronoun(word: &str, language: Language) -> bool {
    language == Language::English && ENGLISH_SUBJECT_PRONOUNS.contains(&word)
}

/// Whether a Swedish word has the ending of an adverb or a predicative adjective
/// ("digitalt", "dåligt", "manuellt"), on which a title does not end.
pub(super) fn ends_like_an_adverb(word: &str, language: Language) -> bool {
    // "-vis" only after these letters: "delvis", "stegvis", "gradvis", "troligtvis", not "bevis".
    const ENDINGS: &[&str] =
        &["igt", "skt", "alt", "ellt", "samt", "bbt", "kert", "lvis", "gvis", "dvis", "tvis"];
    language == Language::Swedish && has_ending(word, ENDINGS)
}

/// Whether a word of five letters or more ends in one of `endings` (shorter words are too
/// often whole words that happen to end so: "krig", "gas").
fn has_ending(word: &str, endings: &[&str]) -> bool {
    word.chars().count() >= 5 && endings.iter().any(|ending| word.ends_with(ending))
}

/// Subject pronouns of English.
const ENGLISH_SUBJECT_PRONOUNS: &[&str] = &["i", "you", "we", "they", "he", "she", "it"];

/// Subject pronouns of Swedish, besides "den" and "det", which are as often articles.
const SWEDISH_PERSONAL_PRONOUNS: &[&str] = &["jag", "du", "man", "vi", "ni", "de", "han", "hon", "hen"];

/// Whether a word opens a subordinate or relative clause ("när", "som", "because").
pub(super) fn is_subordinator(word: &str, language: Language) -> bool {
    const SWEDISH: &[&str] =
        &["när", "eftersom", "medan", "innan", "därför", "där", "vilket", "vilka", "trots", "som", "hur"];
    const ENGLISH: &[&str] = &["when", "because", "while", "since", "although", "which", "whereas", "that"];
    listed(word, language, SWEDISH, ENGLISH)
}

/// Whether a word asks a question ("hur", "when"), which puts the modal after it before
/// its subject.
pub(super) fn is_question_word(word: &str, language: Language) -> bool {
    const SWEDISH: &[&str] =
        &["hur", "när", "var", "vad", "vem", "vilka", "vilken", "vilket", "varför", "vart"];
    const ENGLISH: &[&str] = &["how", "when", "where", "what", "who", "which", "why"];
    listed(word, language, SWEDISH, ENGLISH)
}

/// Whether `word` is in the list of its language.
fn listed(word: &str, language: Language, swedish: &[&str], english: &[&str]) -> bool {
    match language {
        Language::Swedish => swedish,
        Language::English => english,
    }
    .contains(&word)
}

/// Whether a word after an [`infinitive_mark`] has an infinitive's shape: Swedish infinitives
/// end in a vowel ("vaccinera", "gå"), where nouns after a conjunction "att" mostly do not
/// ("att regeringen"); in English, anything after a modal.
pub(super) fn looks_infinitive(word: &str, language: Language) -> bool {
    match language {
        Language::Swedish => word.ends_with(['a', 'å', 'e']) && !word.ends_with("na"),
        Language::English => true,
    }
}

/// Whether a Swedish word has a supine's ending ("träffat", "skrivit", "fått", "köpt",
/// "använt").
pub(super) fn looks_supine(word: &str, language: Language) -> bool {
    const ENDINGS: &[&str] = &["at", "it", "tt", "pt", "nt"];
    language == Language::Swedish && word.chars().count() >= 4 && ENDINGS.iter().any(|e| word.ends_with(e))
}

/// Whether a Swedish word ending in "-a" is an adjective's plural ("digitala", "svenska",
/// "tekniska"), not an infinitive ("betala", "skriva"): "behöver digitala verktyg".
pub(super) fn is_plural_adjective(word: &str, language: Language) -> bool {
    const ENDINGS: &[&str] = &["iska", "liga", "ella", "samma"];
    language == Language::Swedish
        && (SWEDISH_PLAIN_ADJECTIVES.contains(&word)
            || has_ending(word, ENDINGS)
            || (word.chars().count() >= 7 && word.ends_with("ala")))
}

/// Whether a Swedish word that [`looks_attributive`] is in an adjective's plural or definite
/// form ("offentliga", "tekniska", "svåra", "automatiserade"), which nouns with such an
/// ending do not share ("personal", "arkiv").
pub(super) fn looks_inflected_adjective(word: &str, language: Language) -> bool {
    language == Language::Swedish && (word.ends_with('a') || word.ends_with("ade"))
}

/// Whether a (lower-case) word has the ending of an adjective, such as "digital",
/// "amerikanska", "gemensamma", "juridisk", "national" or "public".
pub(super) fn looks_attributive(word: &str, language: Language) -> bool {
    const SWEDISH: &[&str] = &[
        "al", "ala", "ell", "ella", "isk", "iska", "ig", "iga", "lig", "liga", "iv", "iva", "sam", "samma",
        "ade", "erad", "erade", "ande", "ende", "nska", "skt", "igt", "samt", "alt", "ellt",
    ];
    const ENGLISH: &[&str] = &["al", "ic", "ical", "ive", "ous", "ful", "less", "able", "ible", "ary", "ish"];
    let endings = match language {
        Language::Swedish => SWEDISH,
        Language::English => ENGLISH,
    };
    has_ending(word, endings) || (language == Language::Swedish && SWEDISH_PLAIN_ADJECTIVES.contains(&word))
}

/// Common Swedish adjectives without an adjective's ending ("öppna API:er", "egna system").
const SWEDISH_PLAIN_ADJECTIVES: &[&str] = &[
    "öppen", "öppna", "öppet", "egen", "egna", "eget", "säker", "säkra", "svensk", "svenska", "svenskt",
    "fri", "fria", "fritt", "enkel", "enkla", "enkelt", "gammal", "gamla", "äldre", "lätta", "snabba",
    "svår", "svåra",
];

/// Whether a word, as written, is English "us": a pronoun the English stopwords lack, while
/// "US" is a country.
pub(super) fn is_english_us(word: &str, language: Language) -> bool {
    language == Language::English && word == "us"
}

/// Whether a word is written with a capital first letter and small letters after it.
pub(super) fn is_capitalised_word(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.clone().any(char::is_lowercase)
        && !chars.any(char::is_uppercase)
}

/// Words that may help to cluster but make poor theme names (generic verbs and their
/// s-passives such as "behövs", verb particles such as "in" of "skicka in", HTML entity
/// debris, the nouns of "på grund av" and "i stället för"), in both languages, and the
/// prepositions the stopword lists lack, so that no name ends on one ("Etiska frågor kring").
static WEAK_NAME_WORDS: WordList = WordList::new(
    "går gäller enligt måste sista veta vill kommer gå ge ta sätt \
in ut upp ner ned fram bort iväg tillbaka \
kring genom via hos trots angående gällande beträffande utifrån förutom inklusive istället \
runt längs bakom samt också även \
across along among around behind beside beyond despite towards toward upon within without \
fall del andra annat nya ny bra lite många flera fler olika helt just redan idag använda används \
använder använde använt anser tror tycker kräver krävs kräva \
behövs ges tas ses läggs ställs byggs köps sköts hålls syns \
eftersom borde tidigare senare dock därför bland alltså kanske väldigt exempel exempelvis \
all allt per km procent miljon miljoner miljard miljarder tusentals hundratals kronor \
år åren dag dagar gång gånger hela stor stora liten små första två tre lång långt \
långa finns fanns görs gjorde sade säger sitt grund stället tanke samband omkring minst mest \
use using used get gets new one two like want way gt lt amp quot nbsp able every \
because however also per km many much first second three year years time times said says \
million millions billion billions thousands hundreds dollars",
);

/// Whether `word` (normalised, lower case) is too generic to name a theme.
pub(super) fn is_weak_name_word(word: &str) -> bool {
    WEAK_NAME_WORDS.contains(word)
}

/// A list of words written as one string (long lists read better so than one word per
/// line), made a set the first time it is asked.
struct WordList {
    words: &'static str,
    set: OnceLock<HashSet<&'static str>>,
}

impl WordList {
    const fn new(words: &'static str) -> Self {
        Self { words, set: OnceLock::new() }
    }

    fn contains(&self, word: &str) -> bool {
        self.set.get_or_init(|| self.words.split_whitespace().collect()).contains(word)
    }
}
