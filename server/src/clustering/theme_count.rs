//! Choosing how many themes to form when no one asked for a number: every candidate count's
//! themes are scored on an even sample of the notes, two ways, and the notes' shape decides
//! which score to trust.
//!
//! - The **silhouette** (how much closer each note is to its own theme than to the next)
//!   follows the count well when themes stand clearly apart (FAQ pages, a debate's stances).
//!   Where notes share a field without clear borders, its curve is flat noise and its best
//!   point falls on the smallest or largest count tried.
//! - The **modularity** of the sample's nearest-neighbour graph (how many of each note's
//!   closest neighbours share its theme, against chance) still rises and falls there.
//!
//! The silhouette decides when its best value shows clear structure, modularity otherwise;
//! of the counts within a hair of the deciding score's best, the fewest themes win.
//! Measured on the tuning halves of the development sets (BENCHMARKS.md, "Theme count without
//! K"); the sample keeps both scores comparable between 300 notes and 10,000.

use super::similarity;
use super::space::{Space, even_sample};

/// Notes the scores are computed on (an even sample of larger inputs).
const SAMPLE: usize = 300;
/// From this best silhouette on, themes stand clearly apart and the silhouette decides ...
const CLEAR_SILHOUETTE: f32 = 0.065;
/// ... reached by a count whose themes hold this many sampled notes on average: themes of
/// two or three notes look tight by chance, and in 60 to 100 notes of a few broad topics
/// their silhouette passed the mark at 16–23 themes.
const CLEAR_NOTES_PER_THEME: usize = 5;
/// Under this many sampled notes, every count may be chosen; from it on, only those reaching
/// `CLEAR_NOTES_PER_THEME`.
const SMALL_CHOICE_NOTES: usize = 60;
/// Neighbours per sampled note in the modularity graph: one per this many sampled notes,
/// within the bounds below.
const NOTES_PER_NEIGHBOUR: usize = 30;
const NEIGHBOURS_MIN: usize = 5;
const NEIGHBOURS_MAX: usize = 10;
/// Counts whose score is this close to the best one count as equally good, and the fewest
/// themes among them win: both curves are flat near their top, and an analyst splits a
/// broad theme more easily than gathering scattered ones.
const SILHOUETTE_TOLERANCE: f32 = 0.01;
const MODULARITY_TOLERANCE: f32 = 0.005;
/// How far the slider reaches from the count the notes suggest: at granularity 0 this many
/// times fewer themes, at 1 this many times more. It scales the suggestion rather than
/// tilting the scores, since where the scores have a clear peak a tilt did not move the
/// count at all, and where they are flat it jumped (3 themes at 0.4, 10 at 0.45, for a
/// workshop of six): the analyst who asks for broader or narrower themes gets them, in
/// steps, whatever the scores' shape.
const SLIDER_REACH: f32 = 2.0;

/// One candidate count's themes: `theme[i]` for every note, `None` for notes in no theme.
pub(crate) struct Candidate {
    pub count: usize,
    pub theme: Vec<Option<usize>>,
}

/// The sample the candidate counts are scored on, made once per run.
pub(crate) struct CountScorer {
    /// Sampled notes (indices into the run's notes).
    sample: Vec<usize>,
    /// Pairwise cosine distances between the sampled notes.
    distance: Vec<Vec<f32>>,
    /// The sample's symmetric nearest-neighbour edges `(a, b, weight)` with `a < b`, as
    /// positions in `sample`, and each sampled note's weighted degree.
    edges: Vec<(usize, usize, f32)>,
    degree: Vec<f32>,
}

impl CountScorer {
    /// Samples `content` (the notes with content words) evenly and prepares both scores.
    pub(crate) fn new(space: &Space, content: &[usize]) -> Self {
        let sample = even_sample(content, SAMPLE);
        let size = sample.len();
        let mut distance = vec![vec![0.0f32; size]; size];
        for (a, &i) in sample.iter().enumerate() {
            for (b, &j) in sample.iter().enumerate().skip(a + 1) {
                let d = 1.0 - space.dot(i, j);
                distance[a][b] = d;
                distance[b][a] = d;
            }
        }
        let k = (size / NOTES_PER_NEIGHBOUR).clamp(NEIGHBOURS_MIN, NEIGHBOURS_MAX);
        let (edges, degree) = nearest_neighbour_edges(&distance, k);
        Self { sample, distance, edges, degree }
    }

    /// Picks the count among `candidates` (at least one, in rising count) for `granularity`
    /// (0–1): the count the notes suggest at 0.5 ([`Self::suggest`]), scaled by up to
    /// [`SLIDER_REACH`] either way, to the nearest candidate.
    pub(crate) fn choose(&self, candidates: &[Candidate], granularity: f32) -> usize {
        let suggested = self.suggest(candidates) as f32;
        let wanted = suggested * SLIDER_REACH.powf(2.0 * (granularity.clamp(0.0, 1.0) - 0.5));
        let off = |count: usize| ((count as f32).ln() - wanted.ln()).abs();
        candidates
            .iter()
            .map(|c| c.count)
            .min_by(|&a, &b| off(a).total_cmp(&off(b)).then(a.cmp(&b)))
            .expect("at least one candidate count")
    }

    /// The count the notes' shape suggests among `candidates` (at least one, in rising count).
    fn suggest(&self, candidates: &[Candidate]) -> usize {
        let labels: Vec<Vec<Option<usize>>> =
            candidates.iter().map(|c| self.sample.iter().map(|&i| c.theme[i]).collect()).collect();
        let silhouettes: Vec<f32> = labels.iter().map(|l| self.silhouette(l)).collect();
        // Whether a count's themes are large enough for their silhouette to mean something.
        let large_enough = |count: usize| count * CLEAR_NOTES_PER_THEME <= self.sample.len();
        let clear =
            candidates.iter().zip(&silhouettes).any(|(c, &s)| large_enough(c.count) && s >= CLEAR_SILHOUETTE);
        let scores: Vec<f32> = if clear {
            // The counts whose themes are too small to judge stay out of the choice too
            // (from a workshop's size on): where each need is said three or four ways, the
            // needs look like themes, and the silhouette kept rising to 25 themes for 73
            // notes. In a handful of notes, themes of three are what there is.
            let judged = |count: usize| self.sample.len() < SMALL_CHOICE_NOTES || large_enough(count);
            candidates
                .iter()
                .zip(&silhouettes)
                .map(|(c, &s)| if judged(c.count) { s } else { f32::NEG_INFINITY })
                .collect()
        } else {
            labels.iter().map(|l| self.modularity(l)).collect()
        };
        let tolerance = if clear { SILHOUETTE_TOLERANCE } else { MODULARITY_TOLERANCE };
        let top = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let best = scores.iter().position(|&s| s >= top - tolerance).expect("at least one candidate count");
        candidates[best].count
    }

    /// Mean silhouette (cosine) of the sampled notes under `label`; a note alone in its
    /// theme, or in none, scores 0.
    fn silhouette(&self, label: &[Option<usize>]) -> f32 {
        let k = themes_in(label);
        let mut counts = vec![0usize; k];
        label.iter().flatten().for_each(|&t| counts[t] += 1);
        let mut sums = vec![0.0f32; k];
        let mut total = 0.0;
        for (row, own) in self.distance.iter().zip(label) {
            let Some(own) = *own else { continue };
            if counts[own] < 2 {
                continue;
            }
            sums.iter_mut().for_each(|s| *s = 0.0);
            for (&d, l) in row.iter().zip(label) {
                if let Some(l) = *l {
                    sums[l] += d;
                }
            }
            let a = sums[own] / (counts[own] - 1) as f32;
            let b = (0..k)
                .filter(|&t| t != own && counts[t] > 0)
                .map(|t| sums[t] / counts[t] as f32)
                .fold(f32::INFINITY, f32::min);
            if b.is_finite() {
                total += (b - a) / a.max(b).max(f32::EPSILON);
            }
        }
        total / label.len().max(1) as f32
    }

    /// Newman's modularity of `label` on the sample's neighbour graph.
    fn modularity(&self, label: &[Option<usize>]) -> f32 {
        let total: f32 = self.degree.iter().sum();
        if total <= 0.0 {
            return 0.0;
        }
        let inside: f32 = self
            .edges
            .iter()
            .filter(|&&(a, b, _)| label[a].is_some() && label[a] == label[b])
            .map(|&(_, _, w)| 2.0 * w)
            .sum();
        let mut degree = vec![0.0f32; themes_in(label)];
        for (d, l) in self.degree.iter().zip(label) {
            if let Some(t) = *l {
                degree[t] += d;
            }
        }
        inside / total - degree.iter().map(|d| (d / total).powi(2)).sum::<f32>()
    }
}

/// The number of themes a labelling uses (its largest label plus one).
fn themes_in(label: &[Option<usize>]) -> usize {
    label.iter().flatten().max().map_or(0, |&t| t + 1)
}

/// Each sampled note's `k` most similar others (positive similarity only), made symmetric
/// (an edge either end keeps is kept), with each note's weighted degree.
fn nearest_neighbour_edges(distance: &[Vec<f32>], k: usize) -> (Vec<(usize, usize, f32)>, Vec<f32>) {
    let n = distance.len();
    let mut kept = vec![Vec::<(usize, f32)>::new(); n];
    let mut row: Vec<(usize, f32)> = Vec::with_capacity(n);
    for (a, distances) in distance.iter().enumerate() {
        row.clear();
        row.extend(
            distances.iter().enumerate().filter(|&(b, &d)| b != a && d < 1.0).map(|(b, &d)| (b, 1.0 - d)),
        );
        similarity::keep_strongest(&mut row, k);
        for &(b, w) in &row {
            kept[a.min(b)].push((a.max(b), w));
        }
    }
    let mut edges = Vec::new();
    let mut degree = vec![0.0f32; n];
    for (a, mut ends) in kept.into_iter().enumerate() {
        ends.sort_unstable_by_key(|e| e.0);
        ends.dedup_by_key(|e| e.0);
        for (b, w) in ends {
            degree[a] += w;
            degree[b] += w;
            edges.push((a, b, w));
        }
    }
    (edges, degree)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Distances of two tight groups of `size` notes each, far from each other.
    fn two_groups(size: usize) -> Vec<Vec<f32>> {
        let n = 2 * size;
        (0..n)
            .map(|a| {
                (0..n)
                    .map(|b| {
                        if a == b {
                            0.0
                        } else if a / size == b / size {
                            0.1
                        } else {
                            0.9
                        }
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn the_neighbour_graph_is_symmetric_and_keeps_the_closest() {
        let (edges, degree) = nearest_neighbour_edges(&two_groups(4), 3);
        assert!(edges.iter().all(|&(a, b, _)| a < b && a / 4 == b / 4), "{edges:?}");
        assert_eq!(edges.len(), 2 * 6, "each group of four is a complete graph");
        assert!(degree.iter().all(|&d| (d - 3.0 * 0.9).abs() < 1e-5));
    }

    #[test]
    fn modularity_prefers_the_true_groups() {
        let distance = two_groups(6);
        let (edges, degree) = nearest_neighbour_edges(&distance, 5);
        let scorer = CountScorer { sample: (0..12).collect(), distance, edges, degree };
        let truth: Vec<Option<usize>> = (0..12).map(|i| Some(i / 6)).collect();
        let one: Vec<Option<usize>> = vec![Some(0); 12];
        let mixed: Vec<Option<usize>> = (0..12).map(|i| Some(i % 2)).collect();
        assert!((scorer.modularity(&truth) - 0.5).abs() < 1e-5);
        assert!(scorer.modularity(&one).abs() < 1e-5);
        assert!(scorer.modularity(&mixed) < 0.0);
        assert!(scorer.silhouette(&truth) > 0.8);
    }

    #[test]
    fn the_true_groups_win_at_the_middle_and_the_slider_moves_from_them() {
        let distance = two_groups(6);
        let (edges, degree) = nearest_neighbour_edges(&distance, 5);
        let scorer = CountScorer { sample: (0..12).collect(), distance, edges, degree };
        let candidate = |count: usize, theme: fn(usize) -> usize| Candidate {
            count,
            theme: (0..12).map(|i| Some(theme(i))).collect(),
        };
        let candidates = [
            candidate(1, |_| 0),
            candidate(2, |i| i / 6),
            candidate(3, |i| if i < 6 { 0 } else { 1 + i % 2 }),
        ];
        assert_eq!(scorer.choose(&candidates, 0.5), 2);
        // The slider still reaches a broader and a narrower grouping.
        assert_eq!(scorer.choose(&candidates, 0.0), 1);
        assert_eq!(scorer.choose(&candidates, 1.0), 3);
    }
}
