//! A need's name as a line of the overview map: the note that sits closest to the need's
//! centre in meaning (the sentence model's vectors, with words), stripped of the words every
//! wish starts with ("Vi behöver", "Önskar", "We need") and kept whole: a cut sentence reads
//! as a fragment. Among notes about as central as the best one, a short one wins.

use app::text::Language;

/// Words in a name read at a glance; longer notes are named only when no shorter one is
/// about as central.
const MAX_WORDS: usize = 10;
/// A name shorter than this says too little ("Önskar e-tjänst" says less than the note).
const MIN_WORDS: usize = 3;
/// A note this much less central than the most central one may still name the need, if it
/// is short enough and the most central one is not.
const CENTRALITY_SLACK: f32 = 0.05;
/// A note longer than this is named by its first clause, if that clause has at least
/// `MIN_CLAUSE_WORDS` words.
const LONG_NOTE_WORDS: usize = 14;
const MIN_CLAUSE_WORDS: usize = 4;
/// A chosen name longer than this is cut to its first clause too, if that clause has at
/// least `MIN_CLAUSE_WORDS` words: a line of the overview map says the need in a few words
/// ("Texterna är för krångliga", not "…, många förstår inte vad vi vill"). Which note
/// names the need is decided on its whole statement, so the cut never brings in another.
const LINE_WORDS: usize = 8;

/// Openings that frame a wish rather than say it, longest first within a language.
const SWEDISH_OPENINGS: &[&str] = &[
    "vi skulle behöva",
    "det skulle vara bra med",
    "det borde finnas",
    "det måste finnas",
    "vi behöver få",
    "vi behöver",
    "jag behöver",
    "det behövs",
    "vi vill ha",
    "jag vill ha",
    "vi vill",
    "jag vill",
    "vi önskar",
    "önskar oss",
    "önskar",
    "önskemål",
    "vi saknar",
    "jag saknar",
    "det saknas",
    "saknar",
    "vi måste ha",
    "behöver",
    "snälla",
];
const ENGLISH_OPENINGS: &[&str] = &[
    "we would like",
    "it would be good to have",
    "there should be",
    "we need to",
    "we need",
    "i need",
    "we want",
    "i want",
    "we wish",
    "i wish",
    "we lack",
    "we are missing",
    "please",
];

/// The name of a need whose members are `notes` (as written), each with its closeness to
/// the need's centre, in any order.
pub(crate) fn need_name(notes: &[(&str, f32)], language: Language) -> String {
    let mut ranked: Vec<(&str, f32)> = notes.to_vec();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let Some(&(most_central, best)) = ranked.first() else { return String::new() };
    let chosen = ranked
        .iter()
        .take_while(|(_, closeness)| *closeness >= best - CENTRALITY_SLACK)
        .map(|(note, _)| statement(note, language))
        .find(|name| (MIN_WORDS..=MAX_WORDS).contains(&name.split_whitespace().count()))
        .unwrap_or_else(|| statement(most_central, language));
    first_clause_beyond(&chosen, LINE_WORDS).to_owned()
}

/// `text` cut to its first clause when it has more than `words` words and that clause says
/// enough (at least [`MIN_CLAUSE_WORDS`]); otherwise whole.
fn first_clause_beyond(text: &str, words: usize) -> &str {
    if text.split_whitespace().count() <= words {
        return text;
    }
    let clause = first_clause(text);
    if clause.split_whitespace().count() >= MIN_CLAUSE_WORDS { clause } else { text }
}

/// A note as a need statement: its opening framing dropped (if enough is left), a long
/// note cut to its first clause (if that says enough), no closing punctuation, a capital
/// first letter.
pub(crate) fn statement(note: &str, language: Language) -> String {
    let note = note.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = first_clause_beyond(without_opening(&note, language), LONG_NOTE_WORDS);
    let text = text.trim_end_matches(['.', '!', ',', ';', ':', ' ']);
    super::capitalise(text)
}

/// `note` without a framing opening, unless fewer than `MIN_WORDS` words would be left.
fn without_opening(note: &str, language: Language) -> &str {
    let Some(rest) = after_opening(note, language) else { return note };
    // "Önskar att systemet larmar" without its opening states a fact ("Systemet larmar"): a
    // wish for something to happen keeps its opening.
    let wish_for_an_event = ["att ", "that "].iter().any(|w| rest.to_lowercase().starts_with(w));
    if rest.split_whitespace().count() >= MIN_WORDS && !wish_for_an_event { rest } else { note }
}

/// What follows a framing opening of `note` ("Önskar", "Vi behöver"), if it has one: what
/// a theme's name may be drawn from, since the framing is how people write, not what about.
pub(crate) fn after_opening(note: &str, language: Language) -> Option<&str> {
    let openings = match language {
        Language::Swedish => SWEDISH_OPENINGS,
        Language::English => ENGLISH_OPENINGS,
    };
    let lower = note.to_lowercase();
    openings.iter().find_map(|opening| {
        // Only whole words: "behöver" opens "Behöver klara regler", not "Behöverna".
        let rest_lower = lower.strip_prefix(opening)?;
        if !rest_lower.starts_with([' ', ',', ':']) {
            return None;
        }
        // The opening's letters keep their byte length when lower-cased; a letter that does
        // not (the Kelvin sign) leaves the note as it is.
        Some(note.get(opening.len()..)?.trim_start_matches([' ', ',', ':']))
    })
}

/// The text up to the first clause boundary (a comma, semicolon, colon, full stop, question
/// or exclamation mark, or a dash between spaces).
fn first_clause(text: &str) -> &str {
    // Followed by a space: "AI:n" and "1,5" are words.
    let stops = [", ", "; ", ": ", ". ", "? ", "! ", " – ", " - ", " — "];
    let end = stops.iter().filter_map(|s| text.find(s)).min().unwrap_or(text.len());
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each note's statement, Swedish unless the note is English.
    fn assert_statements(cases: &[(&str, &str)], language: Language) {
        for (note, expected) in cases {
            assert_eq!(statement(note, language), *expected, "the statement of {note:?}");
        }
    }

    #[test]
    fn a_wish_is_named_without_its_framing() {
        assert_statements(
            &[
                (
                    "Vi behöver e-legitimation utfärdad av arbetsgivaren",
                    "E-legitimation utfärdad av arbetsgivaren",
                ),
                (
                    "Önskar ett gemensamt sätt att hantera behörigheter.",
                    "Ett gemensamt sätt att hantera behörigheter",
                ),
            ],
            Language::Swedish,
        );
        assert_statements(
            &[("We need one API catalogue for all agencies", "One API catalogue for all agencies")],
            Language::English,
        );
    }

    #[test]
    fn the_framing_stays_when_too_little_would_be_left_or_the_wish_is_for_an_event() {
        assert_statements(
            &[
                ("Önskar e-tjänst", "Önskar e-tjänst"),
                ("vi behöver molnet!", "Vi behöver molnet"),
                // Without "Önskar att", "Systemet larmar ..." would state a fact.
                (
                    "Önskar att systemet larmar när en elev har hög frånvaro",
                    "Önskar att systemet larmar när en elev har hög frånvaro",
                ),
                (
                    "Vi vill att kommunen bestämmer en lärplattform",
                    "Vi vill att kommunen bestämmer en lärplattform",
                ),
                // Only whole opening words are dropped.
                ("Saknaden av stöd märks i hela verksamheten", "Saknaden av stöd märks i hela verksamheten"),
            ],
            Language::Swedish,
        );
    }

    #[test]
    fn a_long_note_is_named_by_its_first_clause_and_never_cut_mid_clause() {
        let long = "Juristerna säger nej till datadelning för att sekretessen är oklar, och då blir det inget av alla fina planer vi hade";
        assert_eq!(
            statement(long, Language::Swedish),
            "Juristerna säger nej till datadelning för att sekretessen är oklar"
        );
        let no_short_clause = "Vi, alla handläggare på enheten i norr och i söder och i väst, lägger timmar varje dag på att skriva av papper";
        assert_eq!(
            statement(no_short_clause, Language::Swedish),
            "Vi, alla handläggare på enheten i norr och i söder och i väst, lägger timmar varje dag på att skriva av papper"
        );
    }

    #[test]
    fn a_name_longer_than_a_line_is_cut_to_its_first_clause_if_it_says_enough() {
        let name = |note| need_name(&[(note, 0.6)], Language::Swedish);
        assert_eq!(
            name("Texterna är för krångliga, många förstår inte vad vi vill"),
            "Texterna är för krångliga"
        );
        // A colon or comma inside a word is no clause boundary.
        let whole = "Vi måste kunna förklara för kunden hur AI:n kom fram till beslutet";
        assert_eq!(name(whole), whole);
        // A first clause too short to say the need keeps the whole note.
        let short_clause = "Tyvärr, vi har inga pengar till nya system i år";
        assert_eq!(name(short_clause), short_clause);
        // A line's length is left whole.
        assert_eq!(name("Systemen pratar inte, vi kopierar"), "Systemen pratar inte, vi kopierar");
    }

    #[test]
    fn a_short_note_about_as_central_wins_over_a_long_one() {
        let long = "Det är så att personalen loggar in med sitt privata BankID i tjänsten eftersom vi inte har något annat";
        let short = "Vi behöver e-legitimation utfärdad av arbetsgivaren";
        let far = "Tjänstekort";
        assert_eq!(
            need_name(&[(long, 0.62), (short, 0.60), (far, 0.2)], Language::Swedish),
            "E-legitimation utfärdad av arbetsgivaren"
        );
        // Too far from the centre: the most central note names the need after all.
        assert_eq!(
            need_name(&[(long, 0.62), (short, 0.40)], Language::Swedish),
            "Det är så att personalen loggar in med sitt privata BankID i tjänsten eftersom vi inte har något annat"
        );
    }

    #[test]
    fn a_one_word_note_is_not_passed_over_for_nothing() {
        assert_eq!(need_name(&[("Tjänstekort", 0.5)], Language::Swedish), "Tjänstekort");
        assert_eq!(need_name(&[], Language::Swedish), "");
    }
}
