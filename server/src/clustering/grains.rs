//! The two grains: notes that state the same need form needs (average linkage on the
//! neighbour graph, near-duplicates and notes pinned to one need starting together), and
//! needs form themes (the same linkage continued over whole needs, then a few rounds in
//! which whole needs move to the theme whose centroid they are closest to). Themes are made
//! of needs, so every need lies in exactly one theme.

use rayon::prelude::*;

use super::Settings;
use super::agglomerative::{self, Label, Stop};
use super::constraints::Pinned;
use super::similarity::{self, Graph};
use super::space::{Centroid, Space, Sum, dense_dot};
use super::theme_count::{Candidate, CountScorer};

/// Rounds of moving whole needs between themes at most (it usually settles in a few).
const REFINE_ROUNDS: usize = 8;
/// Two notes are only compared as near-duplicates if their similarity reaches this.
const DUPLICATE_MIN_SIMILARITY: f32 = 0.7;
/// The need threshold rises by this share of the run's typical similarity between two notes
/// (about 0 in hundreds of notes, 0.3 in eight): with all of it, a 16-note workshop's needs
/// of three notes each fell apart into single notes; with none, four unrelated notes of an
/// 8-note workshop made one need.
const TYPICAL_SIMILARITY_SHARE: f32 = 0.5;
/// Needs of one theme coalesce only from this many notes with content on: in a handful,
/// every note shares the subject and the lower bar joins unrelated ones (four of eight
/// school notes, on four topics, became one need).
const COALESCE_MIN_NOTES: usize = 20;
/// Theme counts tried without a target.
const COUNT_GRID: [usize; 17] = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 16, 18, 20, 23, 25];
/// Most themes without a target.
const MAX_THEMES: usize = 25;
/// Without a target, a need of a dissolved (too small) theme joins the theme its centroid
/// is closest to only from this similarity on; otherwise it goes to the unsorted notes.
const ATTACH_SIMILARITY: f32 = 0.05;

/// The grains of one run, as indices of the (id-sorted) notes.
#[derive(Debug, Clone, Default)]
pub(crate) struct Grains {
    /// Member notes of each need, sorted.
    pub needs: Vec<Vec<usize>>,
    /// The pins each need carries.
    pub need_labels: Vec<Label>,
    /// The needs of each theme, by index into `needs`.
    pub themes: Vec<Vec<usize>>,
    /// The theme pin each theme carries.
    pub theme_labels: Vec<Option<usize>>,
    /// Notes in no theme: nothing to compare them by, or (without a target) too far from
    /// every theme.
    pub unsorted: Vec<usize>,
}

/// Forms needs and themes of the notes in `space`.
pub(crate) fn form(
    space: &Space,
    graph: &Graph,
    texts: &[String],
    pins: &Pinned,
    settings: &Settings,
) -> Grains {
    let (needs, need_labels) = needs(space, graph, texts, pins, settings);
    let vectors = NeedVectors::new(space, &needs);
    let (themes, theme_labels) = themes(space, graph, &needs, &need_labels, &vectors, settings);
    let mut grains = Grains { needs, need_labels, themes, theme_labels, unsorted: Vec::new() };
    // Outliers and small themes leave for the unsorted group only when no count is asked
    // for: that group is one need, so a need sent there would leave `target_needs` short.
    if settings.target_themes.is_none() && settings.target_needs.is_none() {
        detach_outliers(&vectors, &mut grains);
        dissolve_small_themes(space, &mut grains, settings);
    }
    if settings.target_needs.is_none() && space.content_notes().len() >= COALESCE_MIN_NOTES {
        let threshold = settings.need_merge_threshold + TYPICAL_SIMILARITY_SHARE * space.typical_similarity();
        coalesce_needs(graph, &mut grains, threshold);
    }
    let placed: Vec<bool> = {
        let mut placed = vec![false; space.len()];
        grains.themes.iter().flatten().flat_map(|&n| &grains.needs[n]).for_each(|&i| placed[i] = true);
        placed
    };
    grains.unsorted.extend((0..space.len()).filter(|&i| !placed[i]));
    grains.unsorted.sort_unstable();
    grains.unsorted.dedup();
    grains
}

/// Needs: near-duplicates and notes pinned to one need start together; average linkage then
/// merges down to `target_needs`, or while notes are at least `need_threshold` alike (and
/// never below `target_themes` needs, so every theme can have one).
fn needs(
    space: &Space,
    graph: &Graph,
    texts: &[String],
    pins: &Pinned,
    settings: &Settings,
) -> (Vec<Vec<usize>>, Vec<Label>) {
    let n = space.len();
    let mut groups = UnionFind::new(pins.label.clone());
    let mut first: Vec<Option<usize>> = vec![None; pins.need_ids.len()];
    for (i, label) in pins.label.iter().enumerate() {
        if let Some(l) = label.need {
            let f = *first[l].get_or_insert(i);
            groups.union(f, i);
        }
    }
    // Notes without content words take part only when pinned (they then follow their pin).
    let include: Vec<bool> = (0..n).map(|i| space.has_content(i) || pins.is_pinned(i)).collect();
    let pinned_only = groups.clone();
    let duplicates =
        similarity::near_duplicates(texts, graph, DUPLICATE_MIN_SIMILARITY, settings.duplicate_similarity);
    for (i, j) in duplicates {
        groups.union(i, j);
    }
    let (mut initial, mut labels) = groups.components(&include);
    // Asked for more needs than that leaves: near-duplicates may stand apart after all.
    if settings.target_needs.is_some_and(|k| k > initial.len()) {
        (initial, labels) = pinned_only.clone().components(&include);
    }
    // In a handful of notes, unrelated ones still look alike: the bar rises with it.
    let stop = Stop {
        threshold: settings.need_threshold + TYPICAL_SIMILARITY_SHARE * space.typical_similarity(),
        target: settings.target_needs.map(|k| k.max(settings.target_themes.unwrap_or(1))),
        at_least: settings.target_themes.unwrap_or(1),
    };
    let (mut needs, mut labels) = agglomerative::average_linkage(graph, initial, labels, stop);
    if stop.target.is_some() {
        agglomerative::merge_by_centroid(space, graph, &mut needs, &mut labels, stop);
    }
    (needs, labels)
}

/// Themes of whole needs: needs pinned to one theme start together; average linkage over
/// the notes' graph merges them down to `target_themes` (or to the count the notes' shape
/// suggests, see [`choose_count`]), centroids join what the graph leaves apart, and whole
/// needs move to their closest theme.
fn themes(
    space: &Space,
    graph: &Graph,
    needs: &[Vec<usize>],
    need_labels: &[Label],
    vectors: &NeedVectors,
    settings: &Settings,
) -> (Vec<Vec<usize>>, Vec<Option<usize>>) {
    let mut initial: Vec<Vec<usize>> = Vec::new();
    let mut labels: Vec<Label> = Vec::new();
    for (members, label) in needs.iter().zip(need_labels) {
        let theme_label = Label { theme: label.theme, need: None };
        match label.theme.and_then(|_| labels.iter().position(|l| *l == theme_label)) {
            Some(g) => initial[g].extend(members),
            None => {
                initial.push(members.clone());
                labels.push(theme_label);
            }
        }
    }
    let down_to = settings.target_themes.unwrap_or(1);
    let stop = Stop { threshold: 0.0, target: Some(down_to), at_least: 1 };
    let merges = agglomerative::merge_history(graph, &initial, &labels, stop);
    let mut need_of_note = vec![usize::MAX; space.len()];
    for (n, members) in needs.iter().enumerate() {
        members.iter().for_each(|&i| need_of_note[i] = n);
    }
    // The themes at `k`, as lists of needs, with their pins.
    let cut = |k: usize| -> (Vec<Vec<usize>>, Vec<Option<usize>>) {
        let steps = initial.len().saturating_sub(k).min(merges.len());
        let (mut groups, mut labels) =
            agglomerative::replay(initial.clone(), labels.clone(), &merges[..steps]);
        let stop = Stop { threshold: 0.0, target: Some(k), at_least: 1 };
        agglomerative::merge_by_centroid(space, graph, &mut groups, &mut labels, stop);
        let themes = groups
            .iter()
            .map(|g| {
                let mut t: Vec<usize> = g.iter().map(|&i| need_of_note[i]).collect();
                t.sort_unstable();
                t.dedup();
                t
            })
            .collect();
        (themes, labels.iter().map(|l| l.theme).collect())
    };
    let k = settings
        .target_themes
        .unwrap_or_else(|| choose_count(space, needs, need_labels, vectors, &cut, settings));
    let (mut themes, theme_labels) = cut(k);
    move_needs(vectors, need_labels, &mut themes, REFINE_ROUNDS);
    (themes, theme_labels)
}

/// Without a need target, needs of one theme that say the same thing in other words become
/// one (average linkage over whole needs, within each theme, down to `threshold`).
///
/// Why a second pass: needs are first formed at a fine grain, so that themes are built on
/// tight groups (a coarse first grain lets one stray note pull a need, and its theme, the
/// wrong way); but participants state one need in several words, so at that grain a
/// workshop of 70 notes shows 60 needs. Within a theme the notes already share a subject,
/// and there a lower bar joins the paraphrases without touching the themes.
fn coalesce_needs(graph: &Graph, grains: &mut Grains, threshold: f32) {
    let mut initial: Vec<Vec<usize>> = Vec::new();
    let mut labels: Vec<Label> = Vec::new();
    // Each need's first note and its pins, which the merged need that holds the note takes.
    let mut pin_of_first_note: Vec<(usize, Label)> = Vec::new();
    for (t, theme) in grains.themes.iter().enumerate() {
        for &n in theme {
            initial.push(grains.needs[n].clone());
            // The theme's index as the label's theme keeps merges inside one theme; the need
            // pin keeps two pinned needs apart.
            labels.push(Label { theme: Some(t), need: grains.need_labels[n].need });
            pin_of_first_note.push((grains.needs[n][0], grains.need_labels[n]));
        }
    }
    let theme_count = grains.themes.len();
    let stop = Stop { threshold, target: None, at_least: theme_count.max(1) };
    let (merged, merged_labels) = agglomerative::average_linkage(graph, initial, labels, stop);
    let mut need_of_note = vec![usize::MAX; graph.len()];
    for (n, members) in merged.iter().enumerate() {
        members.iter().for_each(|&i| need_of_note[i] = n);
    }
    let mut need_labels = vec![Label::default(); merged.len()];
    for (first, pin) in pin_of_first_note {
        let n = need_of_note[first];
        need_labels[n] = need_labels[n].join(pin);
    }
    let mut themes = vec![Vec::new(); theme_count];
    for (n, label) in merged_labels.iter().enumerate() {
        themes[label.theme.expect("every need was given its theme")].push(n);
    }
    grains.needs = merged;
    grains.need_labels = need_labels;
    grains.themes = themes;
}

/// Without a target, the number of themes the notes' shape suggests (see
/// [`theme_count`](super::theme_count)), over a grid of counts, each cut settled by one round
/// of moving needs.
fn choose_count(
    space: &Space,
    needs: &[Vec<usize>],
    need_labels: &[Label],
    vectors: &NeedVectors,
    cut: &(dyn Fn(usize) -> (Vec<Vec<usize>>, Vec<Option<usize>>) + Sync),
    settings: &Settings,
) -> usize {
    let content = space.content_notes();
    let most = needs.len().min(MAX_THEMES).min(content.len() / 2);
    let mut grid: Vec<usize> = COUNT_GRID.iter().copied().filter(|&k| k <= most).collect();
    if grid.is_empty() {
        // A handful of notes: between one theme and one per two notes.
        grid = (1..=most.max(1)).collect();
    }
    // Each count's cut takes milliseconds: the counts are shared between the cores.
    let candidates: Vec<Candidate> = grid
        .par_iter()
        .map(|&count| {
            let (mut themes, _) = cut(count);
            move_needs(vectors, need_labels, &mut themes, 1);
            let mut theme = vec![None; space.len()];
            for (t, members) in themes.iter().enumerate() {
                members.iter().flat_map(|&n| &needs[n]).for_each(|&i| theme[i] = Some(t));
            }
            Candidate { count, theme }
        })
        .collect();
    CountScorer::new(space, &content).choose(&candidates, settings.granularity)
}

/// Each need's sum and centroid, made once per run: every candidate count's cut and the
/// final one move the same needs.
struct NeedVectors {
    sums: Vec<Sum>,
    centroids: Vec<Centroid>,
    /// One past the highest word feature any need uses (the inverted index's size).
    n_features: usize,
}

impl NeedVectors {
    fn new(space: &Space, needs: &[Vec<usize>]) -> Self {
        let sums: Vec<Sum> = needs.iter().map(|m| space.sum(m)).collect();
        let centroids: Vec<Centroid> = sums.iter().map(Sum::centroid).collect();
        let n_features =
            centroids.iter().filter_map(|c| c.sparse.last().map(|&(f, _)| f as usize + 1)).max().unwrap_or(0);
        Self { sums, centroids, n_features }
    }
}

/// Moves whole needs to the theme whose centroid is closest to theirs, for up to `rounds`
/// rounds or until nothing moves. Needs pinned to a theme stay, and a theme's last need
/// stays, so the number of themes holds.
fn move_needs(vectors: &NeedVectors, labels: &[Label], themes: &mut [Vec<usize>], rounds: usize) {
    if themes.len() < 2 {
        return;
    }
    let NeedVectors { sums: need_sums, centroids: need_centroids, n_features } = vectors;
    let mut theme_of = vec![0usize; need_sums.len()];
    for (t, members) in themes.iter().enumerate() {
        members.iter().for_each(|&n| theme_of[n] = t);
    }
    let mut scores = vec![0.0f32; themes.len()];
    let mut scratch = Vec::new();
    for _ in 0..rounds {
        let centroids: Vec<Centroid> = themes
            .iter()
            .map(|t| Sum::total(t.iter().map(|&n| &need_sums[n]), &mut scratch).centroid())
            .collect();
        // Words through an inverted index over the themes' centroids; a merge-join per pair
        // of need and theme costs several times more.
        let mut index: Vec<Vec<(usize, f32)>> = vec![Vec::new(); *n_features];
        for (t, c) in centroids.iter().enumerate() {
            for &(f, w) in &c.sparse {
                index[f as usize].push((t, w));
            }
        }
        let mut sizes: Vec<usize> = themes.iter().map(Vec::len).collect();
        let mut moved = false;
        for n in 0..need_sums.len() {
            if labels[n].theme.is_some() || sizes[theme_of[n]] <= 1 {
                continue;
            }
            let need = &need_centroids[n];
            for (t, c) in centroids.iter().enumerate() {
                scores[t] = if need.dense.is_empty() { 0.0 } else { dense_dot(&need.dense, &c.dense) };
            }
            for &(f, w) in &need.sparse {
                for &(t, wt) in &index[f as usize] {
                    scores[t] += w * wt;
                }
            }
            let best = scores
                .iter()
                .enumerate()
                .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)))
                .map(|(t, _)| t)
                .expect("at least two themes");
            if best != theme_of[n] {
                sizes[theme_of[n]] -= 1;
                sizes[best] += 1;
                theme_of[n] = best;
                moved = true;
            }
        }
        if !moved {
            break;
        }
        themes.iter_mut().for_each(Vec::clear);
        for (n, &t) in theme_of.iter().enumerate() {
            themes[t].push(n);
        }
    }
}

/// Without a target, a need unlike the rest of its theme (similarity of its centroid to the
/// others' below `ATTACH_SIMILARITY`) leaves it for the unsorted notes, unless pinned.
fn detach_outliers(vectors: &NeedVectors, grains: &mut Grains) {
    let need_sums = &vectors.sums;
    let mut scratch = Vec::new();
    for (theme, label) in grains.themes.iter_mut().zip(&grains.theme_labels) {
        if theme.len() < 2 || label.is_some() {
            continue;
        }
        let whole = Sum::total(theme.iter().map(|&n| &need_sums[n]), &mut scratch);
        let (mut kept, mut left): (Vec<usize>, Vec<usize>) = theme.iter().partition(|&&n| {
            grains.need_labels[n].theme.is_some()
                || whole.cosine_with_rest(&need_sums[n], &mut scratch) >= ATTACH_SIMILARITY
        });
        if kept.is_empty() {
            // All unlike each other: the largest need is the theme.
            let largest = (0..left.len())
                .max_by(|&a, &b| {
                    grains.needs[left[a]].len().cmp(&grains.needs[left[b]].len()).then(b.cmp(&a))
                })
                .expect("a theme has needs");
            kept.push(left.remove(largest));
        }
        *theme = kept;
        grains.unsorted.extend(left.iter().flat_map(|&n| grains.needs[n].iter().copied()));
    }
}

/// Without a target, themes under the minimum size (unless pinned) dissolve: each of their
/// needs joins the closest remaining theme if it is close enough, else its notes go to the
/// unsorted notes.
fn dissolve_small_themes(space: &Space, grains: &mut Grains, settings: &Settings) {
    let n_notes = grains.needs.iter().map(Vec::len).sum::<usize>();
    let min_size = settings.min_theme_size.max((settings.min_theme_share * n_notes as f32).ceil() as usize);
    let size = |t: &Vec<usize>| t.iter().map(|&n| grains.needs[n].len()).sum::<usize>();
    type Labelled = (Vec<usize>, Option<usize>);
    let (mut kept, mut small): (Vec<Labelled>, Vec<Labelled>) = grains
        .themes
        .drain(..)
        .zip(grains.theme_labels.drain(..))
        .partition(|(t, label)| label.is_some() || size(t) >= min_size);
    if kept.is_empty() {
        // Nothing is big enough: keep the largest rather than leave every note unsorted.
        small.sort_by(|a, b| size(&b.0).cmp(&size(&a.0)).then(a.0.cmp(&b.0)));
        if !small.is_empty() {
            kept.push(small.remove(0));
        }
    }
    let centroids: Vec<Centroid> = kept
        .iter()
        .map(|(t, _)| {
            space.centroid(&t.iter().flat_map(|&n| grains.needs[n].iter().copied()).collect::<Vec<_>>())
        })
        .collect();
    for (theme, _) in small {
        for n in theme {
            let c = space.centroid(&grains.needs[n]);
            let best = centroids
                .iter()
                .enumerate()
                .map(|(t, tc)| (t, c.dot(tc)))
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
            match best {
                Some((t, s)) if s >= ATTACH_SIMILARITY => kept[t].0.push(n),
                _ => grains.unsorted.extend(grains.needs[n].iter().copied()),
            }
        }
    }
    for (t, label) in kept {
        grains.themes.push(t);
        grains.theme_labels.push(label);
    }
}

/// Union-find over notes that refuses to join notes with incompatible pins.
#[derive(Clone)]
struct UnionFind {
    parent: Vec<usize>,
    label: Vec<Label>,
}

impl UnionFind {
    fn new(label: Vec<Label>) -> Self {
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
        if ra == rb || !self.label[ra].compatible(self.label[rb]) {
            return;
        }
        let (root, child) = (ra.min(rb), ra.max(rb));
        self.parent[child] = root;
        self.label[root] = self.label[root].join(self.label[child]);
    }

    /// Groups of the notes in `include` (in order of their smallest note) and their labels.
    fn components(&mut self, include: &[bool]) -> (Vec<Vec<usize>>, Vec<Label>) {
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
