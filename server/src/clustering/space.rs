//! The space notes are compared in: a note's sentence vector (meaning) and its TF-IDF vector
//! (words), weighted and joined, so that one dot product is the combined similarity
//! `w·cos(meaning) + (1 − w)·cos(words)`.
//!
//! Sentence vectors of one model all point roughly the same way (unrelated notes still have
//! a cosine of about 0.75 under multilingual-e5), so they are centred on the run's mean
//! vector first: unrelated notes then score about 0, as they do on words, and a missing
//! graph edge (similarity 0) means what it says. A handful of notes says little about the
//! mean (two notes centred on their own mean point in opposite directions), so the mean
//! is shrunk towards zero for small inputs.

use rayon::prelude::*;

use super::features::SparseVec;
use super::similarity;

/// Groups of four rows a parallel task computes at least: a task's scratch space is as long
/// as the run, so a task should be worth it.
const GROUPS_PER_TASK: usize = 8;
/// Lexical features kept per centroid; the tail of a centroid is noise from single notes.
const CENTROID_FEATURES: usize = 200;
/// The mean subtracted is `m / (m + CENTRING_PRIOR)` of the mean of `m` vectors.
const CENTRING_PRIOR: f64 = 4.0;
/// Notes [`Space::typical_similarity`] compares pairwise: at most ...
const TYPICAL_SAMPLE: usize = 100;
/// ... and at least (with fewer it is 0).
const TYPICAL_MIN_NOTES: usize = 6;

/// The notes of one run in the combined space.
#[derive(Debug, Clone)]
pub(crate) struct Space {
    /// Length of the sentence vectors (0 when no note has one).
    pub dim: usize,
    /// Centred, unit, weighted sentence vector per note (`dim` floats each; zeros for a note
    /// without one).
    pub dense: Vec<f32>,
    /// Unit, weighted TF-IDF vector per note (empty without content words).
    pub sparse: Vec<SparseVec>,
}

/// A group's direction in the space: the normalised sum of its notes.
#[derive(Debug, Clone, Default)]
pub(crate) struct Centroid {
    pub dense: Vec<f32>,
    pub sparse: SparseVec,
}

/// The sum of some notes' vectors, from which their centroid follows; sums of groups add
/// up when groups merge, which is cheaper than summing their notes again.
#[derive(Debug, Clone, Default)]
pub(crate) struct Sum {
    dense: Vec<f32>,
    sparse: SparseVec,
}

impl Sum {
    /// The sum of both.
    pub(crate) fn add(&self, other: &Sum) -> Sum {
        let dense = if self.dense.is_empty() {
            other.dense.clone()
        } else {
            self.dense.iter().zip(&other.dense).map(|(a, b)| a + b).collect()
        };
        Sum { dense, sparse: add(&self.sparse, &other.sparse) }
    }

    /// The sum of many parts, added in a dense buffer (`scratch`, kept between calls).
    pub(crate) fn total<'a>(parts: impl Iterator<Item = &'a Sum>, scratch: &mut Vec<f32>) -> Sum {
        let mut dense: Vec<f32> = Vec::new();
        let mut touched: Vec<u32> = Vec::new();
        for part in parts {
            if dense.is_empty() {
                dense = vec![0.0; part.dense.len()];
            }
            dense.iter_mut().zip(&part.dense).for_each(|(d, x)| *d += x);
            for &(f, w) in &part.sparse {
                let f_index = f as usize;
                if f_index >= scratch.len() {
                    scratch.resize(f_index + 1, 0.0);
                }
                if scratch[f_index] == 0.0 {
                    touched.push(f);
                }
                scratch[f_index] += w;
            }
        }
        touched.sort_unstable();
        touched.dedup();
        let sparse = touched.iter().map(|&f| (f, std::mem::take(&mut scratch[f as usize]))).collect();
        Sum { dense, sparse }
    }

    /// Cosine of `part` with the rest of this sum (the sum less `part`), untruncated;
    /// `scratch` is a dense buffer kept between calls, all zeros between them.
    pub(crate) fn cosine_with_rest(&self, part: &Sum, scratch: &mut Vec<f32>) -> f32 {
        let dense_cross: f32 = if self.dense.is_empty() { 0.0 } else { dense_dot(&self.dense, &part.dense) };
        for &(f, w) in &self.sparse {
            let f = f as usize;
            if f >= scratch.len() {
                scratch.resize(f + 1, 0.0);
            }
            scratch[f] = w;
        }
        let sparse_cross: f32 =
            part.sparse.iter().map(|&(f, w)| w * scratch.get(f as usize).copied().unwrap_or(0.0)).sum();
        for &(f, _) in &self.sparse {
            scratch[f as usize] = 0.0;
        }
        let square = |s: &Sum| norm(&s.dense).powi(2) + s.sparse.iter().map(|(_, w)| w * w).sum::<f32>();
        let (whole, own, cross) = (square(self), square(part), dense_cross + sparse_cross);
        let rest = (whole - 2.0 * cross + own).max(0.0).sqrt();
        if rest <= f32::EPSILON || own <= 0.0 { 0.0 } else { (cross - own) / (own.sqrt() * rest) }
    }

    /// The unit direction of the sum, its lexical part truncated to the strongest features.
    pub(crate) fn centroid(&self) -> Centroid {
        let mut dense = self.dense.clone();
        let mut sparse = self.sparse.clone();
        if sparse.len() > CENTROID_FEATURES {
            similarity::keep_strongest(&mut sparse, CENTROID_FEATURES);
            sparse.sort_unstable_by_key(|&(f, _)| f);
        }
        let total = (norm(&dense).powi(2) + sparse.iter().map(|(_, w)| w * w).sum::<f32>()).sqrt();
        if total > 0.0 {
            dense.iter_mut().for_each(|x| *x /= total);
            sparse.iter_mut().for_each(|(_, x)| *x /= total);
        }
        Centroid { dense, sparse }
    }
}

impl Centroid {
    /// Cosine of two centroids.
    pub(crate) fn dot(&self, other: &Centroid) -> f32 {
        let dense =
            if self.dense.len() == other.dense.len() { dense_dot(&self.dense, &other.dense) } else { 0.0 };
        dense + similarity::dot(&self.sparse, &other.sparse)
    }
}

impl Space {
    /// Joins the notes' sentence vectors (`None`, or a vector of another length than the
    /// first one given, counts as missing) with their TF-IDF vectors. A note with a vector
    /// gets weights `√w` and `√(1 − w)` on the two parts, one without keeps its words at
    /// full weight, so every note with content words has unit length.
    pub(crate) fn build(vectors: &[Option<&[f32]>], lexical: Vec<SparseVec>, semantic_weight: f32) -> Self {
        let n = lexical.len();
        let w = semantic_weight.clamp(0.0, 1.0);
        let dim = if w > 0.0 { vectors.iter().flatten().map(|v| v.len()).next().unwrap_or(0) } else { 0 };
        let usable = |v: &Option<&[f32]>| -> bool {
            v.is_some_and(|v| v.len() == dim && dim > 0 && v.iter().all(|x| x.is_finite()))
        };
        let mut mean = vec![0.0f64; dim];
        let mut count = 0usize;
        for v in vectors.iter().filter(|v| usable(v)).flatten() {
            count += 1;
            mean.iter_mut().zip(*v).for_each(|(m, x)| *m += f64::from(*x));
        }
        let shrink = count as f64 / (count as f64 + CENTRING_PRIOR);
        mean.iter_mut().for_each(|m| *m *= shrink / count.max(1) as f64);

        let mut dense = vec![0.0f32; n * dim];
        let mut sparse = lexical;
        for (i, v) in vectors.iter().enumerate() {
            let row = &mut dense[i * dim..(i + 1) * dim];
            let has_vector = usable(v) && !sparse[i].is_empty();
            if has_vector && let Some(v) = v {
                row.iter_mut()
                    .zip(v.iter().zip(&mean))
                    .for_each(|(r, (x, m))| *r = (f64::from(*x) - m) as f32);
                // One note alone (or all alike) centres to nothing: keep its own direction.
                if norm(row) < 1e-6 {
                    row.copy_from_slice(v);
                }
                scale_to(row, w.sqrt());
                sparse[i].iter_mut().for_each(|(_, x)| *x *= (1.0 - w).sqrt());
            }
        }
        Self { dim, dense, sparse }
    }

    /// Number of notes.
    pub(crate) fn len(&self) -> usize {
        self.sparse.len()
    }

    /// Whether note `i` has content words (notes without are not clustered).
    pub(crate) fn has_content(&self, i: usize) -> bool {
        !self.sparse[i].is_empty()
    }

    /// Sentence part of note `i`.
    pub(crate) fn row(&self, i: usize) -> &[f32] {
        &self.dense[i * self.dim..(i + 1) * self.dim]
    }

    /// Combined similarity of notes `i` and `j`.
    pub(crate) fn dot(&self, i: usize, j: usize) -> f32 {
        dense_dot(self.row(i), self.row(j)) + similarity::dot(&self.sparse[i], &self.sparse[j])
    }

    /// Unit centroid of `members` (lexical part truncated to its strongest features).
    pub(crate) fn centroid(&self, members: &[usize]) -> Centroid {
        self.sum(members).centroid()
    }

    /// Sum of the vectors of `members`.
    pub(crate) fn sum(&self, members: &[usize]) -> Sum {
        let mut dense = vec![0.0f32; self.dim];
        for &i in members {
            dense.iter_mut().zip(self.row(i)).for_each(|(d, x)| *d += x);
        }
        Sum { dense, sparse: sum(&self.sparse, members) }
    }

    /// Combined similarity of note `i` and a centroid.
    pub(crate) fn dot_centroid(&self, i: usize, c: &Centroid) -> f32 {
        let dense = if c.dense.is_empty() { 0.0 } else { dense_dot(self.row(i), &c.dense) };
        dense + similarity::dot(&self.sparse[i], &c.sparse)
    }

    /// The notes with content words, in order.
    pub(crate) fn content_notes(&self) -> Vec<usize> {
        (0..self.len()).filter(|&i| self.has_content(i)).collect()
    }

    /// The median similarity of two notes of this run (of an even sample of at most
    /// `TYPICAL_SAMPLE` notes with content), at least 0. Centring brings it to about 0 in a
    /// run of hundreds of notes; in a handful, whose mean is shrunk towards zero, unrelated
    /// notes keep a third of the model's common direction and score about 0.3. Under
    /// `TYPICAL_MIN_NOTES` notes it is 0: the median of a few pairs may be a pair that
    /// belongs together (two notes on one need).
    pub(crate) fn typical_similarity(&self) -> f32 {
        let content = self.content_notes();
        if content.len() < TYPICAL_MIN_NOTES {
            return 0.0;
        }
        let sample = even_sample(&content, TYPICAL_SAMPLE);
        let mut similarities: Vec<f32> = sample
            .iter()
            .enumerate()
            .flat_map(|(a, &i)| sample[a + 1..].iter().map(move |&j| self.dot(i, j)))
            .collect();
        let middle = similarities.len() / 2;
        let (_, median, _) = similarities.select_nth_unstable_by(middle, f32::total_cmp);
        median.max(0.0)
    }

    /// The `k` most similar notes of every note with content (similarity above
    /// `min_similarity`), made symmetric. Sentence parts are compared for all pairs, words
    /// through an inverted index; rows are shared between rayon's threads (each row is
    /// computed alone, so the result does not depend on the split).
    pub(crate) fn neighbour_graph(&self, k: usize, min_similarity: f32) -> similarity::Graph {
        let n = self.len();
        let n_features =
            self.sparse.iter().filter_map(|v| v.last().map(|&(f, _)| f as usize + 1)).max().unwrap_or(0);
        let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); n_features];
        for (i, v) in self.sparse.iter().enumerate() {
            for &(f, w) in v {
                postings[f as usize].push((i as u32, w));
            }
        }
        let dense_of: Vec<bool> = (0..n).map(|i| self.row(i).iter().any(|&x| x != 0.0)).collect();
        let with_dense: Vec<u32> = (0..n as u32).filter(|&i| dense_of[i as usize]).collect();
        let has_dense = |i: usize| self.has_content(i) && dense_of[i];
        // The rows of four notes at a time, with a worker's scratch space.
        let rows = |scratch: &mut RowScratch, group: &[usize]| -> Vec<Vec<(u32, f32)>> {
            let RowScratch { acc, touched, list, dense } = scratch;
            let mut out = Vec::with_capacity(group.len());
            {
                if group.len() == 4 && group.iter().all(|&i| has_dense(i)) {
                    let own = [0, 1, 2, 3].map(|q| self.row(group[q]));
                    for (c, &j) in with_dense.iter().enumerate() {
                        let dots = dense_dots(self.row(j as usize), own);
                        (0..4).for_each(|q| dense[q][c] = dots[q]);
                    }
                } else {
                    for (q, &i) in group.iter().enumerate().filter(|&(_, &i)| has_dense(i)) {
                        for (c, &j) in with_dense.iter().enumerate() {
                            dense[q][c] = dense_dot(self.row(i), self.row(j as usize));
                        }
                    }
                }
                for (q, &i) in group.iter().enumerate() {
                    if !self.has_content(i) {
                        out.push(Vec::new());
                        continue;
                    }
                    let mut touch = |j: u32, s: f32| {
                        if !touched[j as usize] {
                            touched[j as usize] = true;
                            list.push(j);
                        }
                        acc[j as usize] += s;
                    };
                    if has_dense(i) {
                        with_dense.iter().zip(&dense[q]).for_each(|(&j, &s)| touch(j, s));
                    }
                    for &(f, w) in &self.sparse[i] {
                        for &(j, wj) in &postings[f as usize] {
                            touch(j, w * wj);
                        }
                    }
                    let mut row: Vec<(u32, f32)> = list
                        .iter()
                        .filter(|&&j| j as usize != i && self.has_content(j as usize))
                        .map(|&j| (j, acc[j as usize]))
                        .filter(|&(_, s)| s > min_similarity)
                        .collect();
                    for j in list.drain(..) {
                        acc[j as usize] = 0.0;
                        touched[j as usize] = false;
                    }
                    similarity::keep_strongest(&mut row, k);
                    out.push(row);
                }
            }
            out
        };
        // Sentence similarities of four rows at a time with every note that has a vector:
        // each of those vectors is then read from memory once for four rows.
        let indices: Vec<usize> = (0..n).collect();
        let top: Vec<Vec<(u32, f32)>> = indices
            .par_chunks(4)
            .with_min_len(GROUPS_PER_TASK)
            .map_init(|| RowScratch::new(n, with_dense.len()), rows)
            .flat_map_iter(|rows| rows)
            .collect();
        let mut graph: similarity::Graph = vec![Vec::new(); n];
        for (i, row) in top.iter().enumerate() {
            for &(j, s) in row {
                graph[i].push((j, s));
                graph[j as usize].push((i as u32, s));
            }
        }
        for row in &mut graph {
            row.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
            row.dedup_by_key(|e| e.0);
        }
        graph
    }
}

/// At most `at_most` of `items`, spread evenly over them (all of them when there are
/// fewer), in order.
pub(crate) fn even_sample(items: &[usize], at_most: usize) -> Vec<usize> {
    let size = items.len().min(at_most);
    (0..size).map(|s| items[s * items.len() / size]).collect()
}

/// Sum of the given notes' sparse vectors, added pairwise in halves (fast, and the same
/// float sums on every run for the same member order).
fn sum(vectors: &[SparseVec], members: &[usize]) -> SparseVec {
    match members {
        [] => Vec::new(),
        [i] => vectors[*i].clone(),
        _ => {
            let (left, right) = members.split_at(members.len() / 2);
            add(&sum(vectors, left), &sum(vectors, right))
        }
    }
}

/// Element-wise sum of two sparse vectors.
fn add(a: &SparseVec, b: &SparseVec) -> SparseVec {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if j == b.len() || (i < a.len() && a[i].0 < b[j].0) {
            out.push(a[i]);
            i += 1;
        } else if i == a.len() || b[j].0 < a[i].0 {
            out.push(b[j]);
            j += 1;
        } else {
            out.push((a[i].0, a[i].1 + b[j].1));
            i += 1;
            j += 1;
        }
    }
    out
}

/// Dot product of two dense vectors of equal length; eight partial sums let the compiler
/// use vector registers on plain x86-64.
pub(crate) fn dense_dot(a: &[f32], b: &[f32]) -> f32 {
    let mut sums = [0.0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = ca.remainder().iter().zip(cb.remainder()).map(|(x, y)| x * y).sum();
    for (x, y) in ca.zip(cb) {
        for k in 0..8 {
            sums[k] += x[k] * y[k];
        }
    }
    sums.iter().sum::<f32>() + tail
}

/// [`dense_dot`] of `a` with each of four vectors, to the last bit the same (each pair's
/// products are added in the same order), `a` read once for all four: the neighbour
/// graph's all-pairs products otherwise spend their time loading vectors.
pub(crate) fn dense_dots(a: &[f32], b: [&[f32]; 4]) -> [f32; 4] {
    let (mut s0, mut s1, mut s2, mut s3) = ([0.0f32; 8], [0.0f32; 8], [0.0f32; 8], [0.0f32; 8]);
    let chunks = a.chunks_exact(8).zip(b[0].chunks_exact(8)).zip(b[1].chunks_exact(8));
    let chunks = chunks.zip(b[2].chunks_exact(8)).zip(b[3].chunks_exact(8));
    for ((((x, y0), y1), y2), y3) in chunks {
        for k in 0..8 {
            s0[k] += x[k] * y0[k];
            s1[k] += x[k] * y1[k];
            s2[k] += x[k] * y2[k];
            s3[k] += x[k] * y3[k];
        }
    }
    let whole = a.len() / 8 * 8;
    let tail = |other: &[f32]| -> f32 { a[whole..].iter().zip(&other[whole..]).map(|(x, y)| x * y).sum() };
    [(s0, b[0]), (s1, b[1]), (s2, b[2]), (s3, b[3])]
        .map(|(sums, other)| sums.iter().sum::<f32>() + tail(other))
}

fn norm(v: &[f32]) -> f32 {
    v.iter().map(|x| x * x).sum::<f32>().sqrt()
}

/// Scales `v` to length `length` (leaves an all-zero vector alone).
fn scale_to(v: &mut [f32], length: f32) {
    let n = norm(v);
    if n > 0.0 {
        v.iter_mut().for_each(|x| *x *= length / n);
    }
}

/// One worker's scratch space for the rows of [`Space::neighbour_graph`]: the summed
/// similarities and whether each note was touched, the notes touched, and the sentence
/// similarities of four rows.
struct RowScratch {
    acc: Vec<f32>,
    touched: Vec<bool>,
    list: Vec<u32>,
    dense: Vec<Vec<f32>>,
}

impl RowScratch {
    fn new(notes: usize, with_dense: usize) -> Self {
        RowScratch {
            acc: vec![0.0; notes],
            touched: vec![false; notes],
            list: Vec::new(),
            dense: vec![vec![0.0; with_dense]; 4],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unrelated_notes_of_a_handful_look_alike_and_the_typical_similarity_says_how_much() {
        // Eight sentence vectors sharing one direction, as a model's do, each with its own
        // other direction; each note has a word of its own.
        let vectors: Vec<Vec<f32>> = (0..8)
            .map(|i| {
                (0..9)
                    .map(|d| {
                        if d == 0 {
                            0.9
                        } else if d == i + 1 {
                            0.44
                        } else {
                            0.0
                        }
                    })
                    .collect()
            })
            .collect();
        let space = |count: usize| {
            let given: Vec<Option<&[f32]>> = vectors[..count].iter().map(|v| Some(v.as_slice())).collect();
            Space::build(&given, (0..count as u32).map(|i| vec![(i, 1.0)]).collect(), 0.8)
        };
        let eight = space(8);
        let typical = eight.typical_similarity();
        assert!(typical > 0.2, "eight unrelated notes still look alike: {typical}");
        assert!((eight.dot(0, 1) - typical).abs() < 1e-4, "every pair is typical here");
        // Two notes: their one pair may well belong together, so it says nothing.
        assert_eq!(space(2).typical_similarity(), 0.0);
    }

    #[test]
    fn four_products_at_once_are_the_single_ones_to_the_bit() {
        // 19 dimensions: two whole chunks of eight and a tail of three.
        let vector = |seed: usize| -> Vec<f32> {
            (0..19).map(|d| ((seed * 31 + d * 17) % 23) as f32 / 7.0 - 1.3).collect()
        };
        let a = vector(1);
        let others: Vec<Vec<f32>> = (2..6).map(vector).collect();
        let four = dense_dots(&a, [0, 1, 2, 3].map(|q| others[q].as_slice()));
        for (q, other) in others.iter().enumerate() {
            assert_eq!(four[q].to_bits(), dense_dot(&a, other).to_bits(), "vector {q}");
            assert_eq!(four[q].to_bits(), dense_dot(other, &a).to_bits(), "vector {q}, swapped");
        }
    }

    #[test]
    fn combined_similarity_weights_meaning_and_words() {
        // 0 and 1 mean the same in other words; 0 and 2 share words, not meaning.
        let vectors: Vec<Option<&[f32]>> =
            vec![Some(&[1.0, 0.0, 0.0]), Some(&[1.0, 0.0, 0.0]), Some(&[0.0, 1.0, 0.0]), None];
        let lexical = || vec![vec![(0, 1.0)], vec![(1, 1.0)], vec![(0, 1.0)], vec![(0, 1.0)]];
        let words = Space::build(&vectors, lexical(), 0.0);
        assert_eq!(words.dim, 0);
        assert!((words.dot(0, 2) - 1.0).abs() < 1e-6);
        assert!(words.dot(0, 1).abs() < 1e-6);
        let meaning = Space::build(&vectors, lexical(), 1.0);
        assert!((meaning.dot(0, 1) - 1.0).abs() < 1e-5);
        assert!(meaning.dot(0, 2) < 0.0, "centred: unrelated notes point apart");
        let both = Space::build(&vectors, lexical(), 0.5);
        assert!((both.dot(0, 1) - 0.5).abs() < 1e-5);
        // Note 3 has no vector: its words count in full, and it is still unit length.
        assert!((both.dot(3, 3) - 1.0).abs() < 1e-5);
        assert!((both.dot(0, 0) - 1.0).abs() < 1e-5);
        let graph = both.neighbour_graph(1, 0.0);
        assert!(graph[0].iter().any(|&(j, _)| j == 1));
    }

    #[test]
    fn vectors_of_the_wrong_length_count_as_missing() {
        let vectors: Vec<Option<&[f32]>> = vec![Some(&[1.0, 0.0]), Some(&[1.0, 0.0, 0.0])];
        let space = Space::build(&vectors, vec![vec![(0, 1.0)], vec![(0, 1.0)]], 0.7);
        assert_eq!(space.dim, 2);
        assert!(space.row(1).iter().all(|&x| x == 0.0));
        assert!((space.dot(1, 1) - 1.0).abs() < 1e-5);
    }
}
