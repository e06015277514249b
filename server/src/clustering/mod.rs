//! Groups short workshop notes into needs (a few notes that state the same need) nested in
//! named themes (broad areas).
//!
//! A pure function of (notes, settings, constraints): no I/O, no clock, no randomness.
//! Notes are sorted by id first and every tie is broken by id, so the same notes in any
//! order give the same result. The pipeline:
//!
//! 1. normalise (NFC, case fold, punctuation out), detect Swedish/English per note;
//! 2. TF-IDF over Snowball stems and character n-grams inside words (compounds);
//! 3. joined with each note's sentence vector when the caller has one (centred on the run's
//!    mean), so one dot product weighs meaning and words (`semantic_weight`);
//! 4. a sparse neighbour graph on that similarity;
//! 5. needs: near-duplicates (`strsim`) and notes pinned to one need start together, then
//!    average linkage down to `target_needs` or `need_threshold`;
//! 6. themes: the linkage continues over whole needs down to `target_themes` (without one,
//!    to the count the notes' shape suggests: `theme_count`), centroids join what
//!    the sparse graph leaves apart, and whole needs move to their closest theme; without a
//!    target, themes under the minimum size dissolve and notes close to no theme (or
//!    without content words) are left unsorted;
//! 7. names: the best key phrase of each need and theme (class-based TF-IDF of phrases from
//!    the notes, weighed by how central their notes are), the keywords kept apart.
//!
//! It must not depend on the web server, the database, the sentence model or anything async.

mod agglomerative;
mod comparison;
mod constraints;
mod features;
mod grains;
mod joining;
mod language;
mod matching;
mod naming;
mod similarity;
mod space;
mod theme_count;

use app::text;
use serde::{Deserialize, Serialize};

pub use comparison::{Counterpart, counterparts};
pub use joining::{SourceGroup, join_groups};
pub use matching::{MATCH_THRESHOLD, MatchNote, match_themes, match_themes_by};

/// Neighbours kept per note in the similarity graph.
const NEIGHBOURS: usize = 30;
/// Similarities at or below this are not graph edges.
const MIN_EDGE: f32 = 0.02;

/// Language of a note (or of a whole workshop, when set in the settings); normalisation,
/// stopwords and stemmers are in `app::text`, shared with the browser's matcher.
pub use app::text::Language;

/// One sticky note to cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoteInput {
    /// Stable note id; ties are broken by it.
    pub id: String,
    /// The note as written.
    pub text: String,
    /// The note's sentence vector (unit length; every note of a run from the same model),
    /// when there is one. Notes without are compared by their words alone.
    #[serde(default)]
    pub vector: Option<Vec<f32>>,
}

impl NoteInput {
    /// A note without a sentence vector.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Self { id: id.into(), text: text.into(), vector: None }
    }
}

/// How finely to cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Without `target_themes`: 0.5 takes the count at which the notes' themes sit best
    /// apart; 0.0 about half as many (broader) themes, 1.0 about twice as many (narrower).
    pub granularity: f32,
    /// Average similarity two notes need to share a need, when `target_needs` is not given.
    pub need_threshold: f32,
    /// Average similarity from which needs of one theme (formed at `need_threshold`) become
    /// one need, when `target_needs` is not given: paraphrases of one need share a theme's
    /// subject, not its words.
    #[serde(default = "default_need_merge_threshold")]
    pub need_merge_threshold: f32,
    /// Exact number of themes (pinned themes included; fewer only when there are fewer
    /// notes with content, more only when more themes carry pins); `None` = found from the
    /// notes (see `granularity`).
    pub target_themes: Option<usize>,
    /// Exact number of needs (at least `target_themes`), with the same limits; `None` =
    /// found by `need_threshold`.
    pub target_needs: Option<usize>,
    /// Language of all notes; `None` = detect per note.
    pub language: Option<Language>,
    /// Weight of meaning (sentence vectors) against words, 0 to 1, for notes with vectors.
    pub semantic_weight: f32,
    /// Smallest theme without a target; smaller ones dissolve unless they carry a pin.
    pub min_theme_size: usize,
    /// Smallest theme as a share of all notes, when that is more than `min_theme_size`
    /// (a theme of 3 among 3,000 notes is noise, among 30 it is not).
    pub min_theme_share: f32,
    /// Normalised Levenshtein similarity from which two notes are near-duplicates (and so
    /// start in one need).
    pub duplicate_similarity: f64,
}

/// The default of [`Settings::need_merge_threshold`], chosen on the two tuning workshops in
/// `testdata/workshops` (see BENCHMARKS.md).
const DEFAULT_NEED_MERGE_THRESHOLD: f32 = 0.11;

fn default_need_merge_threshold() -> f32 {
    DEFAULT_NEED_MERGE_THRESHOLD
}

impl Default for Settings {
    /// Defaults tuned on the tuning halves of the labelled sets in `testdata/clustering`
    /// (see BENCHMARKS.md).
    fn default() -> Self {
        Self {
            granularity: 0.5,
            need_threshold: 0.3,
            need_merge_threshold: DEFAULT_NEED_MERGE_THRESHOLD,
            target_themes: None,
            target_needs: None,
            language: None,
            semantic_weight: 0.8,
            min_theme_size: 2,
            min_theme_share: 0.01,
            duplicate_similarity: 0.9,
        }
    }
}

impl Settings {
    /// Settings for a granularity slider: 0.0 = fewer, broader themes, 1.0 = more, narrower
    /// themes; 0.5 gives the defaults. Needs keep their grain.
    pub fn with_granularity(granularity: f32) -> Self {
        let granularity = if granularity.is_nan() { 0.5 } else { granularity.clamp(0.0, 1.0) };
        Self { granularity, ..Self::default() }
    }
}

/// A facilitator's decision that a note belongs to a theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pin {
    /// The pinned note.
    pub note_id: String,
    /// The theme it stays in across re-runs.
    pub theme_id: String,
}

/// A facilitator's decision that a note belongs to a need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedPin {
    /// The pinned note.
    pub note_id: String,
    /// The need it stays in across re-runs.
    pub need_id: String,
}

/// A theme whose name the facilitator fixed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockedTheme {
    /// The theme; it is found again through the notes pinned to it.
    pub theme_id: String,
    /// The name to keep.
    pub name: String,
}

/// A need whose name the facilitator fixed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockedNeed {
    /// The need; it is found again through the notes pinned to it.
    pub need_id: String,
    /// The name to keep.
    pub name: String,
}

/// Decisions a re-run must keep.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Constraints {
    /// Notes pinned to themes. Notes pinned to the same theme stay in it, notes pinned to
    /// different themes stay apart, and the theme keeps its id.
    pub pins: Vec<Pin>,
    /// Locked theme names; they apply to the theme with that id (which must carry a pin).
    pub locked: Vec<LockedTheme>,
    /// Notes pinned to needs, likewise at the finer grain (a need pinned to no theme may
    /// move between themes).
    #[serde(default)]
    pub need_pins: Vec<NeedPin>,
    /// Locked need names; they apply to the need with that id (which must carry a pin).
    #[serde(default)]
    pub locked_needs: Vec<LockedNeed>,
}

/// One need of the result: notes that state the same thing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Need {
    /// Existing need id when the need carries pinned notes; `None` for a new need.
    pub id: Option<String>,
    /// Display name: the locked name, or a short phrase from the notes.
    pub name: String,
    /// The distinguishing words, best first (secondary text beside the name).
    pub terms: Vec<String>,
    /// The most central note.
    pub example_note_id: String,
    /// Member notes, sorted by id.
    pub note_ids: Vec<String>,
}

/// One theme of the result: needs of one broad area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Theme {
    /// Existing theme id when the theme carries pinned notes; `None` for a new theme.
    pub id: Option<String>,
    /// Display name: the locked name, or a short phrase from the notes ("E-legitimation
    /// för medarbetare"). Empty for the unsorted group: pages name it in the reader's
    /// language from `unsorted`.
    pub name: String,
    /// The distinguishing words, best first (empty for the unsorted group); secondary text.
    pub terms: Vec<String>,
    /// The most central note.
    pub example_note_id: String,
    /// Member notes (those of all its needs), sorted by id.
    pub note_ids: Vec<String>,
    /// Its needs, largest first; every note of the theme is in exactly one. The unsorted
    /// group has one need holding all its notes.
    pub needs: Vec<Need>,
    /// Whether this is the group of notes with nothing to cluster them by (or, without a
    /// target, too far from every theme).
    pub unsorted: bool,
}

/// The themes of a run: every note in exactly one need of exactly one theme; largest
/// themes first, the unsorted group (if any) last.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Clustering {
    /// The themes.
    pub themes: Vec<Theme>,
}

/// Clusters `notes` into needs nested in themes. Notes with a repeated id count once.
pub fn cluster(notes: &[NoteInput], settings: &Settings, constraints: &Constraints) -> Clustering {
    let mut sorted: Vec<&NoteInput> = notes.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.text.cmp(&b.text)));
    sorted.dedup_by(|a, b| a.id == b.id);
    if sorted.is_empty() {
        return Clustering::default();
    }
    let ids: Vec<&str> = sorted.iter().map(|note| note.id.as_str()).collect();
    let texts: Vec<String> = sorted.iter().map(|note| text::normalize(&note.text)).collect();
    let tokens: Vec<Vec<&str>> = texts.iter().map(|t| text::tokenize(t)).collect();
    let languages = languages(&tokens, settings.language);
    let corpus = features::build(&tokens, &languages);
    let vectors: Vec<Option<&[f32]>> = sorted.iter().map(|note| note.vector.as_deref()).collect();
    let space = space::Space::build(&vectors, corpus.vectors.clone(), settings.semantic_weight);
    let graph = space.neighbour_graph(NEIGHBOURS, MIN_EDGE);
    let pins = constraints::resolve(&ids, constraints);
    let grains = grains::form(&space, &graph, &texts, &pins, settings);

    let originals: Vec<&str> = sorted.iter().map(|note| note.text.as_str()).collect();
    let namer = naming::Namer::new(&corpus, &space, &originals, &languages);
    let mut themes = named_themes(&namer, &ids, &grains, &pins, constraints);
    if !grains.unsorted.is_empty() {
        let note_ids: Vec<String> = grains.unsorted.iter().map(|&i| ids[i].to_owned()).collect();
        let example_note_id = note_ids[0].clone();
        // No name: each page names the group in its reader's language (`unsorted`).
        let name = String::new();
        themes.push(Theme {
            id: None,
            name: name.clone(),
            terms: Vec::new(),
            example_note_id: example_note_id.clone(),
            note_ids: note_ids.clone(),
            needs: vec![Need { id: None, name, terms: Vec::new(), example_note_id, note_ids }],
            unsorted: true,
        });
    }
    Clustering { themes }
}

/// Themes with their needs, names, terms and example notes; largest first (ties by first
/// note id), needs likewise within each theme.
fn named_themes(
    namer: &naming::Namer,
    ids: &[&str],
    grains: &grains::Grains,
    pins: &constraints::Pinned,
    constraints: &Constraints,
) -> Vec<Theme> {
    let need_names = namer.name_needs(&grains.needs);
    let theme_members: Vec<Vec<usize>> = grains
        .themes
        .iter()
        .map(|t| {
            let mut m: Vec<usize> = t.iter().flat_map(|&n| grains.needs[n].iter().copied()).collect();
            m.sort_unstable();
            m
        })
        .collect();
    let theme_names = namer.name_themes(&theme_members);
    let to_ids = |members: &[usize]| -> Vec<String> { members.iter().map(|&i| ids[i].to_owned()).collect() };
    let mut themes: Vec<Theme> = grains
        .themes
        .iter()
        .zip(&theme_members)
        .zip(theme_names)
        .zip(&grains.theme_labels)
        .map(|(((needs, members), named), label)| {
            let id = label.map(|l| pins.theme_ids[l].clone());
            let name = id
                .as_deref()
                .and_then(|t| constraints::locked_theme_name(constraints, t))
                .map_or(named.name, str::to_owned);
            let mut needs: Vec<Need> = needs
                .iter()
                .map(|&n| {
                    let need_id = grains.need_labels[n].need.map(|l| pins.need_ids[l].clone());
                    let named = &need_names[n];
                    let name = need_id
                        .as_deref()
                        .and_then(|t| constraints::locked_need_name(constraints, t))
                        .map_or_else(|| named.name.clone(), str::to_owned);
                    Need {
                        id: need_id,
                        name,
                        terms: named.terms.clone(),
                        example_note_id: ids[named.example].to_owned(),
                        note_ids: to_ids(&grains.needs[n]),
                    }
                })
                .collect();
            needs.sort_by(|a, b| {
                b.note_ids.len().cmp(&a.note_ids.len()).then_with(|| a.note_ids[0].cmp(&b.note_ids[0]))
            });
            Theme {
                id,
                name,
                terms: named.terms,
                example_note_id: ids[named.example].to_owned(),
                note_ids: to_ids(members),
                needs,
                unsorted: false,
            }
        })
        .collect();
    themes.sort_by(|a, b| {
        b.note_ids.len().cmp(&a.note_ids.len()).then_with(|| a.note_ids[0].cmp(&b.note_ids[0]))
    });
    themes
}

/// Language per note: the setting if given, else detected, falling back to the majority
/// (Swedish on a tie).
fn languages(tokens: &[Vec<&str>], fixed: Option<Language>) -> Vec<Language> {
    if let Some(language) = fixed {
        return vec![language; tokens.len()];
    }
    let detected: Vec<Option<Language>> = tokens.iter().map(|t| language::detect(t)).collect();
    let english = detected.iter().filter(|&&l| l == Some(Language::English)).count();
    let swedish = detected.iter().filter(|&&l| l == Some(Language::Swedish)).count();
    let majority = if english > swedish { Language::English } else { Language::Swedish };
    detected.into_iter().map(|l| l.unwrap_or(majority)).collect()
}

#[cfg(test)]
mod tests;
