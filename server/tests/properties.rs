//! Property tests (issue 30, item 5) of the invariants everything else rests on, over inputs
//! proptest makes up and shrinks to a smallest failing case:
//!
//! - every note in exactly one need and every need in one theme;
//! - exactly K themes and K needs when K is asked;
//! - a person's decisions (notes pinned to a theme, a locked name) kept across re-runs with
//!   notes added and removed in between;
//! - the visibility rule: no viewer is shown a note or a name that their role and the
//!   workshop's state forbid.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use app::model::Note;
use app::model::ids::{NoteId, ParticipantId, WorkshopId};
use app::text::{Language, is_stopword};
use proptest::prelude::*;
use server::access::visibility::{Privacy, Viewer, engine_name_shows, note_for};
use server::clustering::{Clustering, Constraints, LockedTheme, NoteInput, Pin, Settings, cluster};

/// Words notes are made of: four topics' words and a few shared ones, so that runs have
/// structure to find and words that cross it.
const WORDS: &[&str] = &[
    "e-legitimation",
    "inloggning",
    "medarbetare",
    "bankid",
    "molntjänster",
    "leverantör",
    "avtal",
    "cloud",
    "arkiv",
    "handlingar",
    "gallring",
    "journaler",
    "api",
    "katalog",
    "grunddata",
    "adresser",
    "behöver",
    "saknar",
    "system",
    "digitalt",
];

/// Dimensions of the made-up sentence vectors.
const DIM: usize = 8;

/// A note: two to seven words, and a sentence vector or none.
fn note_text() -> impl Strategy<Value = (String, Option<Vec<f32>>)> {
    let words = prop::collection::vec(prop::sample::select(WORDS), 2..8).prop_map(|w| w.join(" "));
    let vector = prop::option::of(prop::collection::vec(-1.0f32..1.0, DIM).prop_map(unit));
    (words, vector)
}

/// `v` at unit length (a made-up vector that is all zeros stays so).
fn unit(mut v: Vec<f32>) -> Vec<f32> {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
    v
}

/// Notes with ids `n000`, `n001`, ... (a vector for all of them or for none, as one model
/// gives a run).
fn notes_of(texts: &[(String, Option<Vec<f32>>)], with_vectors: bool) -> Vec<NoteInput> {
    texts
        .iter()
        .enumerate()
        .map(|(i, (text, vector))| NoteInput {
            id: format!("n{i:03}"),
            text: text.clone(),
            vector: if with_vectors {
                Some(vector.clone().unwrap_or_else(|| unit(vec![1.0; DIM])))
            } else {
                None
            },
        })
        .collect()
}

/// Asserts that every note of `notes` is in exactly one need of exactly one theme, and that
/// a theme's notes are its needs' notes.
fn assert_partition(notes: &[NoteInput], result: &Clustering) {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for theme in &result.themes {
        let in_needs: BTreeSet<&str> =
            theme.needs.iter().flat_map(|need| need.note_ids.iter().map(String::as_str)).collect();
        let own: BTreeSet<&str> = theme.note_ids.iter().map(String::as_str).collect();
        assert_eq!(in_needs, own, "theme {:?}: its notes are its needs' notes", theme.name);
        for need in &theme.needs {
            assert!(!need.note_ids.is_empty(), "no empty need");
            for id in &need.note_ids {
                *seen.entry(id.as_str()).or_default() += 1;
            }
        }
    }
    let expected: BTreeMap<&str, usize> = notes.iter().map(|note| (note.id.as_str(), 1)).collect();
    assert_eq!(seen, expected, "every note in exactly one need");
}

/// The themes that are themes (not the unsorted group).
fn themes(result: &Clustering) -> impl Iterator<Item = &server::clustering::Theme> {
    result.themes.iter().filter(|theme| !theme.unsorted)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_note_in_one_need_in_one_theme(
        texts in prop::collection::vec(note_text(), 1..50),
        with_vectors in any::<bool>(),
        granularity in 0.0f32..=1.0,
    ) {
        let notes = notes_of(&texts, with_vectors);
        let result = cluster(&notes, &Settings::with_granularity(granularity), &Constraints::default());
        assert_partition(&notes, &result);
    }

    #[test]
    fn exactly_k_themes_and_needs_when_k_is_asked(
        texts in prop::collection::vec(note_text(), 2..40),
        with_vectors in any::<bool>(),
        themes_share in 0.0f64..1.0,
        needs_share in 0.0f64..1.0,
    ) {
        let notes = notes_of(&texts, with_vectors);
        // Every made-up note has content words: K may be anything from 1 to the notes.
        let k_themes = 1 + (themes_share * (notes.len() - 1) as f64) as usize;
        let k_needs = k_themes + (needs_share * (notes.len() - k_themes) as f64) as usize;
        let settings = Settings { target_themes: Some(k_themes), target_needs: Some(k_needs), ..Settings::default() };
        let result = cluster(&notes, &settings, &Constraints::default());
        assert_partition(&notes, &result);
        prop_assert_eq!(themes(&result).count(), k_themes);
        prop_assert_eq!(themes(&result).map(|theme| theme.needs.len()).sum::<usize>(), k_needs);
    }

    #[test]
    fn pinned_notes_and_locked_names_hold_across_reruns_with_notes_added_and_removed(
        texts in prop::collection::vec(note_text(), 6..40),
        with_vectors in any::<bool>(),
        pins in prop::collection::btree_map(0usize..40, 0usize..3, 1..10),
        removed in prop::collection::btree_set(0usize..40, 0..8),
        added in prop::collection::vec(note_text(), 0..8),
        granularity in 0.0f32..=1.0,
    ) {
        let notes = notes_of(&texts, with_vectors);
        let pins: BTreeMap<usize, usize> = pins.into_iter().filter(|(note, _)| *note < notes.len()).collect();
        prop_assume!(!pins.is_empty());
        let theme_id = |group: usize| format!("theme-{group}");
        let constraints = Constraints {
            pins: pins
                .iter()
                .map(|(&note, &group)| Pin { note_id: notes[note].id.clone(), theme_id: theme_id(group) })
                .collect(),
            locked: (0..3).map(|group| LockedTheme { theme_id: theme_id(group), name: format!("Namn {group}") }).collect(),
            ..Constraints::default()
        };
        // A re-run after notes were removed (pinned ones among them) and others added.
        let mut later: Vec<NoteInput> =
            notes.iter().enumerate().filter(|(i, _)| !removed.contains(i)).map(|(_, note)| note.clone()).collect();
        let mut extra = notes_of(&added, with_vectors);
        for (i, note) in extra.iter_mut().enumerate() {
            note.id = format!("m{i:03}");
        }
        later.extend(extra);
        for run in [&notes, &later] {
            let result = cluster(run, &Settings::with_granularity(granularity), &constraints);
            assert_partition(run, &result);
            let theme_of: HashMap<&str, &server::clustering::Theme> = result
                .themes
                .iter()
                .flat_map(|theme| theme.note_ids.iter().map(move |id| (id.as_str(), theme)))
                .collect();
            let present: BTreeMap<&str, usize> = pins
                .iter()
                .map(|(&note, &group)| (notes[note].id.as_str(), group))
                .filter(|(id, _)| run.iter().any(|note| note.id == *id))
                .collect();
            for (&a, &group_a) in &present {
                let theme = theme_of[a];
                prop_assert!(!theme.unsorted, "a pinned note is in a theme");
                let pinned_to = theme_id(group_a);
                prop_assert_eq!(theme.id.as_deref(), Some(pinned_to.as_str()), "under its pin's id");
                prop_assert_eq!(&theme.name, &format!("Namn {group_a}"), "and its locked name");
                for (&b, &group_b) in &present {
                    let together = std::ptr::eq(theme, theme_of[b]);
                    prop_assert_eq!(together, group_a == group_b, "{} and {}: pinned together or apart", a, b);
                }
            }
        }
    }

    #[test]
    fn no_viewer_sees_a_note_or_name_their_role_and_the_workshops_state_forbid(
        private_mode in any::<bool>(),
        anonymous in any::<bool>(),
        hidden in any::<bool>(),
        authored in any::<bool>(),
        viewer_kind in 0usize..4,
    ) {
        let author = ParticipantId::random();
        let note_author = authored.then_some(author);
        let viewer = match viewer_kind {
            0 => Viewer::Facilitator,
            1 => Viewer::Presenter,
            2 => Viewer::Participant(author),
            _ => Viewer::Participant(ParticipantId::random()),
        };
        let note = Note {
            id: NoteId::random(),
            workshop_id: WorkshopId::random(),
            text: "Molntjänster och CLOUD Act".into(),
            author_name: Some("Anna".into()),
            organisation: Some("Region Syd".into()),
            mine: false,
            hidden,
            seq: 1,
            created_at: "2026-12-07T05:00:00Z".parse().unwrap(),
            edited_at: None,
            merged_count: 0,
            supporters: 0,
            supported_by_me: false,
        };
        let shown = note_for(viewer, Privacy { private_mode, anonymous }, note_author, note);
        let is_author = authored && viewer == Viewer::Participant(author);
        let may_see = viewer == Viewer::Facilitator || is_author || !(private_mode || hidden);
        prop_assert_eq!(shown.is_some(), may_see, "{:?}", viewer);
        if let Some(note) = shown {
            prop_assert!(!(anonymous && note.author_name.is_some()), "no names in an anonymous workshop");
            prop_assert_eq!(note.mine, is_author, "only its author's");
        }
    }

    #[test]
    fn an_engine_name_shows_only_words_the_audience_can_read(
        visible in prop::collection::vec(prop::collection::vec(prop::sample::select(WORDS), 1..6), 0..6),
        name in prop::collection::vec(prop::sample::select(WORDS), 1..4),
    ) {
        let visible: Vec<String> = visible.iter().map(|words| words.join(" ")).collect();
        let visible: Vec<&str> = visible.iter().map(String::as_str).collect();
        let name = name.join(" ");
        let readable: BTreeSet<&str> = visible.iter().flat_map(|text| text.split(' ')).collect();
        // Stopwords are no content; every other word must be readable.
        if engine_name_shows(&name, &visible) {
            for word in name.split(' ').filter(|word| !is_stopword(Language::Swedish, word)) {
                prop_assert!(readable.contains(word), "{:?} shows {:?}, which no visible note holds", name, word);
            }
        }
    }
}
