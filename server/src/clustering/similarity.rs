//! Sparse cosine similarity, the neighbour graph's type, and near-duplicate notes found
//! with `strsim`.

use super::features::SparseVec;

/// Undirected similarity graph: per note, (neighbour, cosine similarity) sorted by neighbour.
pub(crate) type Graph = Vec<Vec<(u32, f32)>>;

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
