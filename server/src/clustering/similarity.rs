//! Sparse cosine similarity, the neighbour graph's type, and near-duplicate notes found
//! with `strsim`.

use super::features::SparseVec;

/// Undirected similarity graph: per note, (neighbour, cosine similarity) sorted by neighbour.
pub(crate) type Graph = Vec<Vec<(u32, f32)>>;

/// Keeps the `k` strongest entries of `row` (by weight, ties to the smaller index), in no
/// particular order: a note's nearest neighbours, a centroid's strongest features.
pub(crate) fn keep_strongest<I: Ord>(row: &mut Vec<(I, f32)>, k: usize) {
    if row.len() > k {
        if k == 0 {
            row.clear();
            return;
        }
        row.select_nth_unstable_by(k - 1, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        row.truncate(k);
    }
}

/// Dot product of two sparse vectors (cosine similarity when both are unit length).
pub(crate) fn dot(a: &SparseVec, b: &SparseVec) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// Pairs of notes whose normalised texts are near-identical (normalised Levenshtein
/// similarity at least `min_similarity`), looked for only among graph neighbours with a
/// cosine similarity of at least `min_cosine`.
pub(crate) fn near_duplicates(
    texts: &[String],
    graph: &Graph,
    min_cosine: f32,
    min_similarity: f64,
) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for (i, row) in graph.iter().enumerate() {
        for &(j, cosine) in row {
            let j = j as usize;
            if j > i
                && cosine >= min_cosine
                && strsim::normalized_levenshtein(&texts[i], &texts[j]) >= min_similarity
            {
                pairs.push((i, j));
            }
        }
    }
    pairs
}
