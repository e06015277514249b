//! Tests of the whole pipeline on fixed Swedish and English notes.

use super::*;

fn notes(texts: &[&str]) -> Vec<NoteInput> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| NoteInput { id: format!("n{i:02}"), text: (*t).to_owned() })
        .collect()
}

/// A small workshop: three Swedish themes, a few English notes, noise.
fn workshop() -> Vec<NoteInput> {
    notes(&[
        "Bättre informationsförsörjning mellan myndigheter",
        "Informationen mellan myndigheterna når inte fram",
        "Gemensam försörjning av grunddata och information",
        "Vi behöver bättre information och grunddata",
        "Svårt att rekrytera IT-personal till kommunen",
        "Kompetensförsörjning: rekrytering av utvecklare",
        "Rekrytera och behålla personal med digital kompetens",
        "Brist på personal med rätt kompetens",
        "Säker inloggning med e-legitimation i alla e-tjänster",
        "E-legitimation saknas för vissa e-tjänster",
        "Inloggningen till e-tjänsterna krånglar",
        "Bättre informationsförsörjning mellan myndigheter",
        "Bätre informationsförsörjning mellan myndigheter!!",
        "We need better data sharing between agencies",
        "Data sharing between agencies is too slow",
        "🎉🎉🎉",
        "Det är det",
        "Budget",
    ])
}

fn theme_of<'a>(result: &'a Clustering, id: &str) -> &'a Theme {
    result.themes.iter().find(|t| t.note_ids.iter().any(|n| n == id)).expect("every note has a theme")
}

fn assert_partition(input: &[NoteInput], result: &Clustering) {
    let mut seen: Vec<&str> =
        result.themes.iter().flat_map(|t| t.note_ids.iter().map(String::as_str)).collect();
    seen.sort_unstable();
    let mut expected: Vec<&str> = input.iter().map(|n| n.id.as_str()).collect();
    expected.sort_unstable();
    expected.dedup();
    assert_eq!(seen, expected, "every note in exactly one theme");
    assert!(result.themes.iter().all(|t| !t.note_ids.is_empty()));
    assert!(result.themes.iter().filter(|t| t.unsorted).count() <= 1);
}

#[test]
fn every_note_in_exactly_one_theme() {
    let input = workshop();
    let result = cluster(&input, &Settings::default(), &Constraints::default());
    assert_partition(&input, &result);
}

#[test]
fn groups_compounds_typos_and_duplicates() {
    let result = cluster(&workshop(), &Settings::default(), &Constraints::default());
    let info = theme_of(&result, "n00");
    assert!(!info.unsorted);
    // Exact duplicate and a typo'd near-duplicate join the original.
    assert_eq!(theme_of(&result, "n11"), info);
    assert_eq!(theme_of(&result, "n12"), info);
    // The compound meets "informationen".
    assert_eq!(theme_of(&result, "n01"), info);
    let login = theme_of(&result, "n08");
    assert!(!login.unsorted);
    assert_eq!(theme_of(&result, "n09"), login);
    assert_ne!(login, info);
}

#[test]
fn notes_without_content_words_go_to_unsorted() {
    let result = cluster(&workshop(), &Settings::default(), &Constraints::default());
    for id in ["n15", "n16"] {
        // Emoji only; only stopwords.
        assert!(theme_of(&result, id).unsorted, "{id} should be unsorted");
    }
    let unsorted = result.themes.last().expect("has themes");
    assert!(unsorted.unsorted);
    assert_eq!(unsorted.name, UNSORTED_NAME_SV);
}

#[test]
fn one_word_and_empty_notes_are_placed() {
    let input = notes(&["Budget", "", "   ", "Budget", "ok"]);
    let result = cluster(&input, &Settings::default(), &Constraints::default());
    assert_partition(&input, &result);
}

#[test]
fn empty_input_gives_no_themes() {
    let result = cluster(&[], &Settings::default(), &Constraints::default());
    assert!(result.themes.is_empty());
}

#[test]
fn english_input_gets_english_unsorted_name() {
    let input = notes(&[
        "We need better data sharing between agencies",
        "Data sharing between agencies is too slow",
        "Sharing data across agencies takes months",
        "The weather was nice",
    ]);
    let result = cluster(&input, &Settings::default(), &Constraints::default());
    assert_partition(&input, &result);
    let data = theme_of(&result, "n00");
    assert!(!data.unsorted);
    assert!(data.terms.iter().any(|t| t.starts_with("shar") || t.starts_with("agenc")));
    assert_eq!(theme_of(&result, "n03").name, UNSORTED_NAME_EN);
}

#[test]
fn names_are_short_and_readable() {
    let result = cluster(&workshop(), &Settings::default(), &Constraints::default());
    for theme in result.themes.iter().filter(|t| !t.unsorted) {
        assert!((1..=4).contains(&theme.terms.len()), "{theme:?}");
        assert!(theme.note_ids.contains(&theme.example_note_id));
        assert!(theme.name.chars().next().is_some_and(char::is_uppercase));
    }
}

#[test]
fn input_order_does_not_change_the_result() {
    let input = workshop();
    let expected = cluster(&input, &Settings::default(), &Constraints::default());
    let mut reversed = input.clone();
    reversed.reverse();
    assert_eq!(cluster(&reversed, &Settings::default(), &Constraints::default()), expected);
    // A fixed shuffle (no randomness in tests either).
    let mut shuffled = input.clone();
    for i in 0..shuffled.len() {
        let j = (i * 7 + 3) % shuffled.len();
        shuffled.swap(i, j);
    }
    assert_eq!(cluster(&shuffled, &Settings::default(), &Constraints::default()), expected);
}

#[test]
fn same_input_gives_same_result() {
    let input = workshop();
    let settings = Settings::with_granularity(0.3);
    let a = cluster(&input, &settings, &Constraints::default());
    let b = cluster(&input, &settings, &Constraints::default());
    assert_eq!(a, b);
}

#[test]
fn pinned_notes_stay_in_their_theme_and_locked_names_survive() {
    let input = workshop();
    let constraints = Constraints {
        pins: vec![
            // Pin a recruitment note to the login theme: a facilitator's call wins.
            Pin { note_id: "n04".into(), theme_id: "t-login".into() },
            Pin { note_id: "n08".into(), theme_id: "t-login".into() },
            Pin { note_id: "n00".into(), theme_id: "t-info".into() },
            // A pinned note with no content words still lands in its theme.
            Pin { note_id: "n15".into(), theme_id: "t-info".into() },
            Pin { note_id: "missing".into(), theme_id: "t-gone".into() },
        ],
        locked: vec![LockedTheme { theme_id: "t-login".into(), name: "Inloggning".into() }],
    };
    let result = cluster(&input, &Settings::default(), &constraints);
    assert_partition(&input, &result);
    let login = theme_of(&result, "n08");
    assert_eq!(login.id.as_deref(), Some("t-login"));
    assert_eq!(login.name, "Inloggning");
    assert!(login.note_ids.contains(&"n04".to_owned()));
    let info = theme_of(&result, "n00");
    assert_eq!(info.id.as_deref(), Some("t-info"));
    assert!(info.note_ids.contains(&"n15".to_owned()));
    assert!(!result.themes.iter().any(|t| t.id.as_deref() == Some("t-gone")));

    // A re-run with the same decisions keeps them (and is identical).
    assert_eq!(cluster(&input, &Settings::default(), &constraints), result);
}

#[test]
fn pinned_themes_never_merge() {
    let input = notes(&[
        "Bättre informationsförsörjning mellan myndigheter",
        "Bättre informationsförsörjning mellan myndigheter",
        "Informationsförsörjning mellan myndigheter",
    ]);
    let constraints = Constraints {
        pins: vec![
            Pin { note_id: "n00".into(), theme_id: "a".into() },
            Pin { note_id: "n01".into(), theme_id: "b".into() },
        ],
        locked: Vec::new(),
    };
    let result = cluster(&input, &Settings::default(), &constraints);
    assert_partition(&input, &result);
    assert_ne!(theme_of(&result, "n00"), theme_of(&result, "n01"));
}

#[test]
fn target_number_of_themes_is_met() {
    let input = workshop();
    let settings = Settings { target_themes: Some(3), ..Settings::default() };
    let result = cluster(&input, &settings, &Constraints::default());
    assert_partition(&input, &result);
    assert_eq!(result.themes.iter().filter(|t| !t.unsorted).count(), 3);
}

#[test]
fn granularity_moves_the_threshold() {
    let coarse = Settings::with_granularity(0.0);
    let fine = Settings::with_granularity(1.0);
    assert!(coarse.threshold < fine.threshold);
    assert!(coarse.merge_threshold < fine.merge_threshold);
    assert_eq!(Settings::with_granularity(0.5), Settings::default());
    assert_eq!(Settings::with_granularity(f32::NAN), Settings::with_granularity(0.5));
}

#[test]
fn repeated_ids_count_once() {
    let mut input = workshop();
    input.push(NoteInput { id: "n00".into(), text: "Annan text".into() });
    let result = cluster(&input, &Settings::default(), &Constraints::default());
    assert_partition(&input, &result);
}
