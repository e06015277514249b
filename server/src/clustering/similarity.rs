//! Cosine similarity between notes: a sparse neighbour graph from an inverted index, and
//! near-duplicate groups found with `strsim`.

use std::thread;

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

/// The `k` most similar notes of every note (similarity above `min_similarity`), made
/// symmetric: an edge exists when either end has the other among its `k` nearest.
///
/// Only non-zero similarities are computed, through an inverted index over features. Rows
/// are split over two threads; each row is computed independently, so the result does not
/// depend on the split.
pub(crate) fn neighbour_graph(vectors: &[SparseVec], k: usize, min_similarity: f32) -> Graph {
    let n = vectors.len();
    let n_features = vectors.iter().flat_map(|v| v.iter().map(|&(f, _)| f as usize + 1)).max().unwrap_or(0);
    let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); n_features];
    for (i, v) in vectors.iter().enumerate() {
        for &(f, w) in v {
            postings[f as usize].push((i as u32, w));
        }
    }

    let rows = |range: std::ops::Range<usize>| -> Vec<Vec<(u32, f32)>> {
        let mut acc = vec![0.0f32; n];
        let mut touched: Vec<u32> = Vec::new();
        range
            .map(|i| {
                for &(f, w) in &vectors[i] {
                    for &(j, wj) in &postings[f as usize] {
                        if acc[j as usize] == 0.0 {
                            touched.push(j);
                        }
                        acc[j as usize] += w * wj;
                    }
                }
                let mut row: Vec<(u32, f32)> = touched
                    .iter()
                    .filter(|&&j| j as usize != i)
                    .map(|&j| (j, acc[j as usize]))
                    .filter(|&(_, s)| s > min_similarity)
                    .collect();
                for j in touched.drain(..) {
                    acc[j as usize] = 0.0;
                }
                row.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                row.truncate(k);
                row
            })
            .collect()
    };
    let middle = n / 2;
    let top: Vec<Vec<(u32, f32)>> = thread::scope(|s| {
        let first = s.spawn(|| rows(0..middle));
        let second = rows(middle..n);
        let mut all = first.join().expect("neighbour thread panicked");
        all.extend(second);
        all
    });

    let mut graph: Graph = vec![Vec::new(); n];
    for (i, row) in top.iter().enumerate() {
        for &(j, s) in row {
            graph[i].push((j, s));
            graph[j as usize].push((i as u32, s));
        }
    }
    for (i, row) in graph.iter_mut().enumerate() {
        row.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        row.dedup_by_key(|e| e.0);
        debug_assert!(row.iter().all(|&(j, _)| j as usize != i));
    }
    graph
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
