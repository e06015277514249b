//! Average-linkage agglomerative clustering on a sparse similarity graph.
//!
//! Missing edges count as similarity 0, so the average similarity of two clusters is the
//! sum of their cross edges divided by the product of their sizes. A max-heap with lazy
//! invalidation always merges the globally best pair; average linkage is reducible, so this
//! gives the same tree as the textbook algorithm.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::features::{FastMap, SparseVec};
use super::refine::{add, sum, truncate_normalize};
use super::similarity::Graph;

/// A candidate merge of clusters `a < b` at average similarity `average`.
#[derive(Debug, PartialEq)]
struct Candidate {
    average: f64,
    a: usize,
    b: usize,
    versions: (u32, u32),
}

impl Eq for Candidate {}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        // Highest similarity first; ties go to the lowest cluster indices (which follow
        // note ids), so the result never depends on heap internals.
        self.average
            .total_cmp(&other.average)
            .then_with(|| other.a.cmp(&self.a))
            .then_with(|| other.b.cmp(&self.b))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Merges `initial` clusters (lists of note indices) while the best average similarity is
/// at least `threshold`. Two clusters carrying different `labels` (pinned themes) are never
/// merged. Returns the clusters, each sorted, in order of their smallest note.
pub(crate) fn average_linkage(
    graph: &Graph,
    initial: Vec<Vec<usize>>,
    labels: Vec<Option<usize>>,
    threshold: f32,
) -> Vec<Vec<usize>> {
    let mut cluster_of = vec![usize::MAX; graph.len()];
    for (c, members) in initial.iter().enumerate() {
        for &i in members {
            cluster_of[i] = c;
        }
    }
    let mut sums: Vec<FastMap<usize, f64>> = vec![FastMap::default(); initial.len()];
    for (i, row) in graph.iter().enumerate() {
        let ci = cluster_of[i];
        for &(j, s) in row {
            let cj = cluster_of[j as usize];
            if ci != usize::MAX && cj != usize::MAX && ci != cj {
                *sums[ci].entry(cj).or_default() += f64::from(s);
            }
        }
    }
    let mut sizes: Vec<usize> = initial.iter().map(Vec::len).collect();
    let mut members = initial;
    let mut labels = labels;
    let mut versions = vec![0u32; members.len()];
    let mut active = vec![true; members.len()];

    let mut heap = BinaryHeap::new();
    for (a, row) in sums.iter().enumerate() {
        for (&b, &sum) in row {
            let average = sum / (sizes[a] * sizes[b]) as f64;
            // A pair below the threshold can only be popped after the loop has stopped.
            if a < b && average >= f64::from(threshold) {
                heap.push(Candidate { average, a, b, versions: (0, 0) });
            }
        }
    }

    while let Some(top) = heap.pop() {
        if top.average < f64::from(threshold) {
            break;
        }
        let (a, b) = (top.a, top.b);
        if !active[a] || !active[b] || top.versions != (versions[a], versions[b]) {
            continue;
        }
        if let (Some(x), Some(y)) = (labels[a], labels[b])
            && x != y
        {
            continue;
        }
        let moved = std::mem::take(&mut members[b]);
        members[a].extend(moved);
        sizes[a] += sizes[b];
        labels[a] = labels[a].or(labels[b]);
        versions[a] += 1;
        active[b] = false;

        let mut merged = std::mem::take(&mut sums[a]);
        merged.remove(&b);
        for (c, s) in std::mem::take(&mut sums[b]) {
            if c != a {
                *merged.entry(c).or_default() += s;
            }
        }
        for (&c, &s) in &merged {
            sums[c].remove(&b);
            sums[c].insert(a, s);
            let average = s / (sizes[a] * sizes[c]) as f64;
            if average >= f64::from(threshold) {
                let (x, y) = (a.min(c), a.max(c));
                heap.push(Candidate { average, a: x, b: y, versions: (versions[x], versions[y]) });
            }
        }
        sums[a] = merged;
    }

    let mut clusters: Vec<Vec<usize>> = members
        .into_iter()
        .zip(active)
        .filter(|(m, alive)| *alive && !m.is_empty())
        .map(|(mut m, _)| {
            m.sort_unstable();
            m
        })
        .collect();
    clusters.sort_unstable_by_key(|m| m[0]);
    clusters
}

/// Merges whole themes whose centroids point the same way: greedily the most similar pair
/// (cosine of centroids at least `min_cosine`), until no pair qualifies or only `stop_at`
/// themes are left. Average linkage on a sparse graph under-rates large groups (most of
/// their pairs are missing edges); centroid cosine does not depend on group size.
pub(crate) fn merge_by_centroid(
    vectors: &[SparseVec],
    clusters: &mut Vec<Vec<usize>>,
    labels: &mut Vec<Option<usize>>,
    min_cosine: f32,
    stop_at: Option<usize>,
) {
    let m = clusters.len();
    let mut sums: Vec<SparseVec> = clusters.iter().map(|c| sum(vectors, c)).collect();
    let mut centroids: Vec<SparseVec> = sums.iter().map(|s| truncate_normalize(s.clone())).collect();
    let floor = min_cosine;
    let mut versions = vec![0u32; m];
    let mut alive = vec![true; m];
    let mut heap = BinaryHeap::new();
    for (a, row) in pairwise(&centroids).into_iter().enumerate() {
        for (b, s) in row {
            if s >= floor {
                heap.push(Candidate { average: f64::from(s), a, b, versions: (0, 0) });
            }
        }
    }
    let n_features =
        centroids.iter().filter_map(|v| v.last().map(|&(f, _)| f as usize + 1)).max().unwrap_or(0);
    let mut dense = vec![0.0f32; n_features];
    let mut count = m;
    while let Some(top) = heap.pop() {
        if stop_at.is_some_and(|t| count <= t) {
            break;
        }
        let (a, b) = (top.a, top.b);
        if !alive[a] || !alive[b] || top.versions != (versions[a], versions[b]) {
            continue;
        }
        if let (Some(x), Some(y)) = (labels[a], labels[b])
            && x != y
        {
            continue;
        }
        let moved = std::mem::take(&mut clusters[b]);
        clusters[a].extend(moved);
        clusters[a].sort_unstable();
        labels[a] = labels[a].or(labels[b]);
        alive[b] = false;
        versions[a] += 1;
        count -= 1;
        let absorbed = std::mem::take(&mut sums[b]);
        sums[a] = add(&sums[a], &absorbed);
        centroids[b] = Vec::new();
        centroids[a] = truncate_normalize(sums[a].clone());
        // Scatter the new centroid once; each comparison is then one pass over the other.
        for &(f, w) in &centroids[a] {
            dense[f as usize] = w;
        }
        for c in 0..m {
            if alive[c] && c != a {
                let s: f32 = centroids[c].iter().map(|&(f, w)| dense[f as usize] * w).sum();
                if s >= floor {
                    let (x, y) = (a.min(c), a.max(c));
                    heap.push(Candidate {
                        average: f64::from(s),
                        a: x,
                        b: y,
                        versions: (versions[x], versions[y]),
                    });
                }
            }
        }
        for &(f, _) in &centroids[a] {
            dense[f as usize] = 0.0;
        }
    }
    let survivors: Vec<(Vec<usize>, Option<usize>)> = std::mem::take(clusters)
        .into_iter()
        .zip(std::mem::take(labels))
        .zip(alive)
        .filter_map(|(pair, alive)| alive.then_some(pair))
        .collect();
    (*clusters, *labels) = survivors.into_iter().unzip();
}

/// Non-zero dot products of all pairs `a < b`, via an inverted index over features.
fn pairwise(vectors: &[SparseVec]) -> Vec<Vec<(usize, f32)>> {
    let n_features = vectors.iter().filter_map(|v| v.last().map(|&(f, _)| f as usize + 1)).max().unwrap_or(0);
    let mut postings: Vec<Vec<(usize, f32)>> = vec![Vec::new(); n_features];
    for (i, v) in vectors.iter().enumerate() {
        for &(f, w) in v {
            postings[f as usize].push((i, w));
        }
    }
    let mut acc = vec![0.0f32; vectors.len()];
    let mut touched = Vec::new();
    vectors
        .iter()
        .enumerate()
        .map(|(a, v)| {
            for &(f, w) in v {
                for &(b, wb) in &postings[f as usize] {
                    if b > a {
                        if acc[b] == 0.0 {
                            touched.push(b);
                        }
                        acc[b] += w * wb;
                    }
                }
            }
            touched.sort_unstable();
            let row = touched.iter().map(|&b| (b, acc[b])).collect();
            for b in touched.drain(..) {
                acc[b] = 0.0;
            }
            row
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(n: usize, edges: &[(u32, u32, f32)]) -> Graph {
        let mut g: Graph = vec![Vec::new(); n];
        for &(i, j, s) in edges {
            g[i as usize].push((j, s));
            g[j as usize].push((i, s));
        }
        g
    }

    #[test]
    fn merges_by_average_similarity() {
        // 0-1-2 form a triangle, 3-4 a pair, 5 is alone; 2-3 is a weak bridge.
        let g = graph(6, &[(0, 1, 0.9), (1, 2, 0.8), (0, 2, 0.7), (3, 4, 0.9), (2, 3, 0.3)]);
        let initial = (0..6).map(|i| vec![i]).collect();
        let clusters = average_linkage(&g, initial, vec![None; 6], 0.25);
        assert_eq!(clusters, vec![vec![0, 1, 2], vec![3, 4], vec![5]]);
    }

    #[test]
    fn never_merges_different_labels() {
        let g = graph(3, &[(0, 1, 0.9), (1, 2, 0.9)]);
        let initial = (0..3).map(|i| vec![i]).collect();
        let clusters = average_linkage(&g, initial, vec![Some(0), None, Some(1)], 0.1);
        assert_eq!(clusters.len(), 2);
    }
}
