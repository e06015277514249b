//! Groups short workshop notes into named themes.
//!
//! A pure function of (notes, settings, constraints): no I/O, no clock, no randomness.
//! Notes are sorted by id first and every tie is broken by id, so the same notes in any
//! order give the same themes. The pipeline:
//!
//! 1. normalise (NFC, case fold, punctuation out), detect Swedish/English per note;
//! 2. TF-IDF over Snowball stems and character n-grams inside words (compounds);
//! 3. a sparse cosine neighbour graph; near-duplicates (`strsim`) and notes pinned to the
//!    same theme start out merged;
//! 4. average-linkage agglomeration on that graph down to `threshold`;
//! 5. groups of at least `min_theme_size` notes are refined against their centroids, themes
//!    whose centroids point the same way merge (`merge_threshold`), and notes are
//!    reassigned once more; themes under the minimum size and notes close to no theme
//!    (`attach_threshold`) go to "Other / unsorted". With `target_themes`, the largest
//!    themes are kept instead and every note with content words is placed;
//! 6. names from class-based TF-IDF, the most central note as the example.
//!
//! It must not depend on the web server, the database or anything async.

mod agglomerative;
mod constraints;
mod features;
mod language;
mod matching;
mod naming;
mod normalize;
mod refine;
mod similarity;
mod stopwords;

use serde::{Deserialize, Serialize};

use features::SparseVec;
pub use matching::{MATCH_THRESHOLD, match_themes};

/// Neighbours kept per note in the similarity graph.
const NEIGHBOURS: usize = 30;
/// Similarities at or below this are not graph edges.
const MIN_EDGE: f32 = 0.02;
/// Rounds of centroid refinement at most (it usually settles in a few).
const REFINE_ROUNDS: usize = 5;
/// Two notes are only compared as near-duplicates if their cosine similarity reaches this.
const DUPLICATE_MIN_COSINE: f32 = 0.5;

/// Language of a note (or of a whole workshop, when set in the settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Swedish: Swedish stopwords and Snowball stemmer.
    Swedish,
    /// English: English stopwords and Snowball (Porter2) stemmer.
    English,
}

/// One sticky note to cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteInput {
    /// Stable note id; ties are broken by it.
    pub id: String,
    /// The note as written.
    pub text: String,
}

/// How finely to cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Average cosine similarity two groups need to be merged (higher = more, smaller themes).
    pub threshold: f32,
    /// Exact number of themes wanted (pinned themes included); `None` = found by `threshold`.
    pub target_themes: Option<usize>,
    /// Language of all notes; `None` = detect per note.
    pub language: Option<Language>,
    /// Smallest theme; smaller groups go to "Other / unsorted" unless they carry a pin.
    pub min_theme_size: usize,
    /// Smallest theme as a share of all notes, when that is more than `min_theme_size`
    /// (a theme of 3 among 3,000 notes is noise, among 30 it is not).
    pub min_theme_share: f32,
    /// Normalised Levenshtein similarity from which two notes are near-duplicates.
    pub duplicate_similarity: f64,
    /// Cosine similarity of theme centroids from which two themes are merged.
    pub merge_threshold: f32,
    /// Cosine similarity to its theme's centroid a note needs to stay in the theme (below it
    /// goes to "Other / unsorted"); not used when `target_themes` is set.
    pub attach_threshold: f32,
}

impl Default for Settings {
    /// Defaults tuned on the labelled sets in `testdata/clustering` (see BENCHMARKS.md).
    fn default() -> Self {
        Self {
            threshold: 0.03,
            target_themes: None,
            language: None,
            min_theme_size: 3,
            min_theme_share: 0.01,
            duplicate_similarity: 0.9,
            merge_threshold: 0.125,
            attach_threshold: 0.03,
        }
    }
}

impl Settings {
    /// Settings for a granularity slider: 0.0 = fewer, broader themes, 1.0 = more, narrower
    /// themes; 0.5 gives the defaults. Both merge thresholds scale together, from half to
    /// twice their default.
    pub fn with_granularity(granularity: f32) -> Self {
        let g = if granularity.is_nan() { 0.5 } else { granularity.clamp(0.0, 1.0) };
        let scale = 2f32.powf(2.0 * g - 1.0);
        let defaults = Self::default();
        Self {
            threshold: defaults.threshold * scale,
            merge_threshold: defaults.merge_threshold * scale,
            ..defaults
        }
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

/// A theme whose name the facilitator fixed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockedTheme {
    /// The theme; it is found again through the notes pinned to it.
    pub theme_id: String,
    /// The name to keep.
    pub name: String,
}

/// Decisions a re-run must keep.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Constraints {
    /// Notes pinned to themes. Notes pinned to the same theme stay together, notes pinned
    /// to different themes stay apart, and the theme keeps its id.
    pub pins: Vec<Pin>,
    /// Locked names; they apply to the theme with that id (which must carry a pin).
    pub locked: Vec<LockedTheme>,
}

/// One theme of the result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Theme {
    /// Existing theme id when the theme carries pinned notes; `None` for a new theme.
    pub id: Option<String>,
    /// Display name: the locked name, or 1-4 distinguishing words.
    pub name: String,
    /// The distinguishing words, best first (empty for the unsorted group).
    pub terms: Vec<String>,
    /// The most central note.
    pub example_note_id: String,
    /// Member notes, sorted by id.
    pub note_ids: Vec<String>,
    /// Whether this is the "Other / unsorted" group.
    pub unsorted: bool,
}

/// The themes of a run: every note in exactly one theme; largest themes first, the
/// unsorted group (if any) last.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Clustering {
    /// The themes.
    pub themes: Vec<Theme>,
}

/// Name of the unsorted group for Swedish-majority input.
pub const UNSORTED_NAME_SV: &str = "Övrigt / osorterat";
/// Name of the unsorted group for English-majority input.
pub const UNSORTED_NAME_EN: &str = "Other / unsorted";

/// Clusters `notes` into themes. Notes with a repeated id count once.
pub fn cluster(notes: &[NoteInput], settings: &Settings, constraints: &Constraints) -> Clustering {
    let mut sorted: Vec<&NoteInput> = notes.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.text.cmp(&b.text)));
    sorted.dedup_by(|a, b| a.id == b.id);
    if sorted.is_empty() {
        return Clustering::default();
    }
    let ids: Vec<&str> = sorted.iter().map(|note| note.id.as_str()).collect();
    let texts: Vec<String> = sorted.iter().map(|note| normalize::normalize(&note.text)).collect();
    let tokens: Vec<Vec<&str>> = texts.iter().map(|t| normalize::tokenize(t)).collect();
    let languages = languages(&tokens, settings.language);
    let corpus = features::build(&tokens, &languages);
    let graph = similarity::neighbour_graph(&corpus.vectors, NEIGHBOURS, MIN_EDGE);
    let pins = constraints::resolve(&ids, constraints);

    let clusters = link(&texts, &corpus, &graph, &pins, settings);
    let mut assignment = form_themes(&corpus, clusters, &pins, settings);
    let min_size = match settings.target_themes {
        // The facilitator asked for that many themes: keep even small ones.
        Some(_) => 1,
        None => settings.min_theme_size.max((settings.min_theme_share * ids.len() as f32).ceil() as usize),
    };
    let (kept, unsorted) = final_groups(&mut assignment, &pins, min_size);
    let mut themes = named_themes(&corpus, &ids, kept, &pins, constraints);
    if !unsorted.is_empty() {
        let swedish = languages.iter().filter(|&&l| l == Language::Swedish).count();
        themes.push(Theme {
            id: None,
            name: if 2 * swedish >= ids.len() { UNSORTED_NAME_SV } else { UNSORTED_NAME_EN }.to_owned(),
            terms: Vec::new(),
            example_note_id: ids[unsorted[0]].to_owned(),
            note_ids: unsorted.iter().map(|&i| ids[i].to_owned()).collect(),
            unsorted: true,
        });
    }
    Clustering { themes }
}

/// Average-linkage groups of the notes with content words. Near-duplicates and notes pinned
/// together start as one group; groups pinned to different themes never merge.
fn link(
    texts: &[String],
    corpus: &features::Corpus,
    graph: &similarity::Graph,
    pins: &constraints::PinnedThemes,
    settings: &Settings,
) -> Vec<Vec<usize>> {
    let mut groups = UnionFind::new(pins.label.clone());
    let mut first_pinned: Vec<Option<usize>> = vec![None; pins.theme_ids.len()];
    for (i, label) in pins.label.iter().enumerate() {
        if let Some(l) = *label {
            let first = *first_pinned[l].get_or_insert(i);
            groups.union(first, i);
        }
    }
    let duplicates =
        similarity::near_duplicates(texts, graph, DUPLICATE_MIN_COSINE, settings.duplicate_similarity);
    for (i, j) in duplicates {
        groups.union(i, j);
    }
    let has_features: Vec<bool> = corpus.vectors.iter().map(|v| !v.is_empty()).collect();
    let (initial, initial_labels) = groups.components(&has_features);
    agglomerative::average_linkage(graph, initial, initial_labels, settings.threshold)
}

/// Per note, the theme it ends up in (`None` = unsorted so far), from the linked groups:
/// groups of at least `min_theme_size` notes are settled against their centroids, themes
/// pointing the same way merge, then either the `target_themes` largest are kept or those
/// under the share-based minimum dissolve, and every note is reassigned once more.
fn form_themes(
    corpus: &features::Corpus,
    clusters: Vec<Vec<usize>>,
    pins: &constraints::PinnedThemes,
    settings: &Settings,
) -> Vec<Option<usize>> {
    let n = corpus.vectors.len();
    let vectors = &corpus.vectors;
    let movable: Vec<bool> = (0..n).map(|i| !vectors[i].is_empty() && pins.label[i].is_none()).collect();
    let seeds = choose_seeds(clusters, &pins.label, settings.min_theme_size);
    let mut assignment = assignment_of(&seeds, n);
    // Two rounds are enough here: this pass only settles notes before themes are merged.
    refine::refine(vectors, &mut assignment, seeds.len(), &movable, settings.attach_threshold, 2);
    let (mut themes, labels) = groups_of(&assignment, seeds.len(), &pins.label);
    let mut labels = labels;
    agglomerative::merge_by_centroid(
        vectors,
        &mut themes,
        &mut labels,
        settings.merge_threshold,
        settings.target_themes,
    );
    let attach = match settings.target_themes {
        Some(k) => {
            // A wanted number of themes: the largest ones (pinned first), every note placed.
            let mut order: Vec<usize> = (0..themes.len()).collect();
            order.sort_by(|&a, &b| {
                labels[b]
                    .is_some()
                    .cmp(&labels[a].is_some())
                    .then(themes[b].len().cmp(&themes[a].len()))
                    .then(themes[a][0].cmp(&themes[b][0]))
            });
            let mut chosen: Vec<Vec<usize>> = Vec::new();
            for &t in &order {
                if chosen.len() < k || labels[t].is_some() {
                    chosen.push(std::mem::take(&mut themes[t]));
                }
            }
            let taken: Vec<bool> = assignment_of(&chosen, n).iter().map(Option::is_some).collect();
            let spare: Vec<usize> = (0..n).filter(|&i| movable[i] && !taken[i]).collect();
            add_farthest(vectors, &mut chosen, spare, k);
            themes = chosen;
            0.0
        }
        None => {
            // Themes still under the minimum size dissolve; their notes may join a larger one.
            let min_size = settings.min_theme_size.max((settings.min_theme_share * n as f32).ceil() as usize);
            themes = themes
                .into_iter()
                .zip(&labels)
                .filter(|(m, label)| label.is_some() || m.len() >= min_size)
                .map(|(m, _)| m)
                .collect();
            settings.attach_threshold
        }
    };
    let mut assignment = assignment_of(&themes, n);
    refine::refine(vectors, &mut assignment, themes.len(), &movable, attach, REFINE_ROUNDS);
    assignment
}

/// A theme's member notes (indices, ascending) and the pin label it carries.
type Group = (Vec<usize>, Option<usize>);

/// The final member lists with their pin labels, and the unsorted notes. Pinned notes
/// without content words join their pinned theme here; unpinned themes under `min_size`
/// go to the unsorted group.
fn final_groups(
    assignment: &mut [Option<usize>],
    pins: &constraints::PinnedThemes,
    min_size: usize,
) -> (Vec<Group>, Vec<usize>) {
    let n_themes = assignment.iter().flatten().map(|&c| c + 1).max().unwrap_or(0);
    let mut theme_label: Vec<Option<usize>> = vec![None; n_themes];
    for (a, l) in assignment.iter().zip(&pins.label) {
        if let (Some(c), Some(l)) = (a, l) {
            theme_label[*c] = Some(*l);
        }
    }
    for (a, l) in assignment.iter_mut().zip(&pins.label) {
        if let (None, Some(l)) = (*a, *l) {
            let c = theme_label.iter().position(|&x| x == Some(l)).unwrap_or_else(|| {
                theme_label.push(Some(l));
                theme_label.len() - 1
            });
            *a = Some(c);
        }
    }
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); theme_label.len()];
    let mut unsorted: Vec<usize> = Vec::new();
    for (i, a) in assignment.iter().enumerate() {
        match a {
            Some(c) => members[*c].push(i),
            None => unsorted.push(i),
        }
    }
    let mut kept: Vec<Group> = Vec::new();
    for (m, label) in members.into_iter().zip(theme_label) {
        if label.is_some() || m.len() >= min_size.max(1) {
            kept.push((m, label));
        } else {
            unsorted.extend(m);
        }
    }
    kept.retain(|(m, _)| !m.is_empty());
    unsorted.sort_unstable();
    (kept, unsorted)
}

/// Themes with names, terms and example notes; largest first, ties by first note id.
fn named_themes(
    corpus: &features::Corpus,
    ids: &[&str],
    kept: Vec<Group>,
    pins: &constraints::PinnedThemes,
    constraints: &Constraints,
) -> Vec<Theme> {
    let member_lists: Vec<Vec<usize>> = kept.iter().map(|(m, _)| m.clone()).collect();
    let terms = naming::terms(corpus, &member_lists);
    let mut themes: Vec<Theme> = kept
        .into_iter()
        .zip(terms)
        .map(|((m, label), terms)| {
            let theme_id = label.map(|l| pins.theme_ids[l].clone());
            let with_features: Vec<usize> =
                m.iter().copied().filter(|&i| !corpus.vectors[i].is_empty()).collect();
            let example =
                if with_features.is_empty() { m[0] } else { naming::central_note(corpus, &with_features) };
            let name = theme_id
                .as_deref()
                .and_then(|t| constraints::locked_name(constraints, t))
                .map(str::to_owned)
                .unwrap_or_else(|| naming::name(&terms));
            Theme {
                id: theme_id,
                name,
                terms,
                example_note_id: ids[example].to_owned(),
                note_ids: m.iter().map(|&i| ids[i].to_owned()).collect(),
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

/// The groups that become themes: every pinned group and every other group of at least
/// `min_size` notes.
fn choose_seeds(clusters: Vec<Vec<usize>>, labels: &[Option<usize>], min_size: usize) -> Vec<Vec<usize>> {
    clusters
        .into_iter()
        .filter(|m| m.len() >= min_size.max(1) || m.iter().any(|&i| labels[i].is_some()))
        .collect()
}

/// Per note, the index of the group it is in.
fn assignment_of(groups: &[Vec<usize>], n: usize) -> Vec<Option<usize>> {
    let mut assignment = vec![None; n];
    for (c, members) in groups.iter().enumerate() {
        for &i in members {
            assignment[i] = Some(c);
        }
    }
    assignment
}

/// Adds single notes from `spare` as new groups, each time the one least similar to every
/// group so far, until there are `k` groups.
fn add_farthest(vectors: &[SparseVec], seeds: &mut Vec<Vec<usize>>, mut spare: Vec<usize>, k: usize) {
    let mut centroids: Vec<SparseVec> = seeds.iter().map(|m| refine::centroid(vectors, m)).collect();
    while seeds.len() < k && !spare.is_empty() {
        let (pos, _) = spare
            .iter()
            .enumerate()
            .map(|(p, &i)| {
                let closest =
                    centroids.iter().map(|c| similarity::dot(&vectors[i], c)).fold(0.0f32, f32::max);
                (p, closest)
            })
            .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))
            .expect("spare is not empty");
        let i = spare.remove(pos);
        centroids.push(vectors[i].clone());
        seeds.push(vec![i]);
    }
}

/// Members of each cluster under `assignment` (empty clusters dropped) and their pin labels.
fn groups_of(
    assignment: &[Option<usize>],
    n_clusters: usize,
    pin_labels: &[Option<usize>],
) -> (Vec<Vec<usize>>, Vec<Option<usize>>) {
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); n_clusters];
    let mut labels: Vec<Option<usize>> = vec![None; n_clusters];
    for (i, a) in assignment.iter().enumerate() {
        if let Some(c) = *a {
            members[c].push(i);
            labels[c] = labels[c].or(pin_labels[i]);
        }
    }
    members.into_iter().zip(labels).filter(|(m, _)| !m.is_empty()).unzip()
}

/// Union-find over notes that refuses to join two different pin labels.
struct UnionFind {
    parent: Vec<usize>,
    label: Vec<Option<usize>>,
}

impl UnionFind {
    fn new(label: Vec<Option<usize>>) -> Self {
        Self { parent: (0..label.len()).collect(), label }
    }

    fn find(&mut self, i: usize) -> usize {
        let mut root = i;
        while self.parent[root] != root {
            root = self.parent[root];
        }
        let mut i = i;
        while self.parent[i] != root {
            let next = self.parent[i];
            self.parent[i] = root;
            i = next;
        }
        root
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        if let (Some(x), Some(y)) = (self.label[ra], self.label[rb])
            && x != y
        {
            return;
        }
        let (root, child) = (ra.min(rb), ra.max(rb));
        self.parent[child] = root;
        self.label[root] = self.label[root].or(self.label[child]);
    }

    /// Groups of the notes in `include` (in order of their smallest note) and their labels.
    fn components(&mut self, include: &[bool]) -> (Vec<Vec<usize>>, Vec<Option<usize>>) {
        let mut index = vec![usize::MAX; self.parent.len()];
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut labels = Vec::new();
        for (i, _) in include.iter().enumerate().filter(|(_, inc)| **inc) {
            let root = self.find(i);
            if index[root] == usize::MAX {
                index[root] = groups.len();
                groups.push(Vec::new());
                labels.push(self.label[root]);
            }
            groups[index[root]].push(i);
        }
        (groups, labels)
    }
}

#[cfg(test)]
mod tests;
