//! Agglomerative clustering: average linkage on a sparse similarity graph, and merging of
//! whole groups by their centroids.
//!
//! Missing edges count as similarity 0, so the average similarity of two clusters is the
//! sum of their cross edges divided by the product of their sizes. A max-heap with lazy
//! invalidation always merges the globally best pair; average linkage is reducible, so this
//! gives the same tree as the textbook algorithm.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::similarity::Graph;
use super::space::{Centroid, Space, Sum};
use rustc_hash::FxHashMap;

/// Pins a group carries: the theme and the need its notes are pinned to, as indices.
/// Two groups with different theme pins or different need pins never merge.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Label {
    pub theme: Option<usize>,
    pub need: Option<usize>,
}

impl Label {
    /// Whether groups with these labels may become one.
    pub(crate) fn compatible(self, other: Label) -> bool {
        let fits = |a: Option<usize>, b: Option<usize>| a.is_none() || b.is_none() || a == b;
        fits(self.theme, other.theme) && fits(self.need, other.need)
    }

    /// The label of the merged group.
    pub(crate) fn join(self, other: Label) -> Label {
        Label { theme: self.theme.or(other.theme), need: self.need.or(other.need) }
    }
}

/// When merging stops: at exactly `target` groups when given (whatever the similarity),
/// otherwise when the best pair is below `threshold` or only `at_least` groups are left.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Stop {
    pub threshold: f32,
    pub target: Option<usize>,
    pub at_least: usize,
}

impl Stop {
    fn floor(&self) -> f64 {
        if self.target.is_some() { f64::NEG_INFINITY } else { f64::from(self.threshold) }
    }

    fn done(&self, count: usize) -> bool {
        count <= self.target.unwrap_or(self.at_least).max(1)
    }
}

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

/// Merges `initial` groups (lists of note indices) by average linkage on `graph` until
/// `stop`. Groups with incompatible `labels` are never merged. Groups the graph does not
/// connect stay apart. Returns the groups, each sorted, in order of their smallest note,
/// with their labels.
pub(crate) fn average_linkage(
    graph: &Graph,
    initial: Vec<Vec<usize>>,
    labels: Vec<Label>,
    stop: Stop,
) -> (Vec<Vec<usize>>, Vec<Label>) {
    let merges = merge_history(graph, &initial, &labels, stop);
    replay(initial, labels, &merges)
}

/// The merges average linkage makes from `initial` until `stop`, in order: `(a, b)` means
/// the group holding initial group `a` absorbs the one holding `b`. Replaying a prefix
/// gives every coarser cut of the same tree.
pub(crate) fn merge_history(
    graph: &Graph,
    initial: &[Vec<usize>],
    labels: &[Label],
    stop: Stop,
) -> Vec<(usize, usize)> {
    let mut cluster_of = vec![usize::MAX; graph.len()];
    for (c, members) in initial.iter().enumerate() {
        for &i in members {
            cluster_of[i] = c;
        }
    }
    let mut sums: Vec<FxHashMap<usize, f64>> = vec![FxHashMap::default(); initial.len()];
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
    let mut labels = labels.to_vec();
    let mut versions = vec![0u32; initial.len()];
    let mut active = vec![true; initial.len()];
    let mut count = initial.len();
    let mut merges = Vec::new();
    let floor = stop.floor();

    let mut heap = BinaryHeap::new();
    for (a, row) in sums.iter().enumerate() {
        for (&b, &sum) in row {
            let average = sum / (sizes[a] * sizes[b]) as f64;
            if a < b && average >= floor && labels[a].compatible(labels[b]) {
                heap.push(Candidate { average, a, b, versions: (0, 0) });
            }
        }
    }

    while let Some(top) = heap.pop() {
        if top.average < floor || stop.done(count) {
            break;
        }
        let (a, b) = (top.a, top.b);
        if !active[a] || !active[b] || top.versions != (versions[a], versions[b]) {
            continue;
        }
        if !labels[a].compatible(labels[b]) {
            continue;
        }
        merges.push((a, b));
        sizes[a] += sizes[b];
        labels[a] = labels[a].join(labels[b]);
        versions[a] += 1;
        active[b] = false;
        count -= 1;

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
            if average >= floor && labels[a].compatible(labels[c]) {
                let (x, y) = (a.min(c), a.max(c));
                heap.push(Candidate { average, a: x, b: y, versions: (versions[x], versions[y]) });
            }
        }
        sums[a] = merged;
    }
    merges
}

/// The groups after applying `merges` to `initial`: each sorted, in order of their smallest
/// note, with their labels.
pub(crate) fn replay(
    initial: Vec<Vec<usize>>,
    labels: Vec<Label>,
    merges: &[(usize, usize)],
) -> (Vec<Vec<usize>>, Vec<Label>) {
    let mut members = initial;
    let mut labels = labels;
    let mut active = vec![true; members.len()];
    for &(a, b) in merges {
        let moved = std::mem::take(&mut members[b]);
        members[a].extend(moved);
        labels[a] = labels[a].join(labels[b]);
        active[b] = false;
    }
    let mut out: Vec<(Vec<usize>, Label)> = members
        .into_iter()
        .zip(labels)
        .zip(active)
        .filter(|((m, _), alive)| *alive && !m.is_empty())
        .map(|((mut m, l), _)| {
            m.sort_unstable();
            (m, l)
        })
        .collect();
    out.sort_unstable_by_key(|(m, _)| m[0]);
    out.into_iter().unzip()
}

/// Merges whole groups whose centroids point the same way, most similar pair first, until
/// `stop`. Average linkage on a sparse graph under-rates large groups (most of their pairs
/// are missing edges); centroid cosine does not depend on group size. Pairs are the groups
/// the graph connects; when a `target` is not reached that way, all remaining pairs are
/// considered (the graph's components are few by then).
pub(crate) fn merge_by_centroid(
    space: &Space,
    graph: &Graph,
    clusters: &mut Vec<Vec<usize>>,
    labels: &mut Vec<Label>,
    stop: Stop,
) {
    for all_pairs in [false, true] {
        if stop.done(clusters.len()) || (all_pairs && stop.target.is_none()) {
            return;
        }
        merge_pass(space, graph, clusters, labels, stop, all_pairs);
    }
}

fn merge_pass(
    space: &Space,
    graph: &Graph,
    clusters: &mut Vec<Vec<usize>>,
    labels: &mut Vec<Label>,
    stop: Stop,
    all_pairs: bool,
) {
    let m = clusters.len();
    let mut group_of = vec![usize::MAX; graph.len()];
    for (c, members) in clusters.iter().enumerate() {
        for &i in members {
            group_of[i] = c;
        }
    }
    let mut adjacent: Vec<Vec<usize>> = if all_pairs {
        (0..m).map(|a| (0..m).filter(|&b| b != a).collect()).collect()
    } else {
        clusters
            .iter()
            .enumerate()
            .map(|(a, members)| {
                let mut next: Vec<usize> = members
                    .iter()
                    .flat_map(|&i| graph[i].iter().map(|&(j, _)| group_of[j as usize]))
                    .filter(|&b| b != usize::MAX && b != a)
                    .collect();
                next.sort_unstable();
                next.dedup();
                next
            })
            .collect()
    };
    let mut sums: Vec<Sum> = clusters.iter().map(|c| space.sum(c)).collect();
    let mut centroids: Vec<Centroid> = sums.iter().map(Sum::centroid).collect();
    let score = |x: &Centroid, y: &Centroid| -> f64 { f64::from(x.dot(y)) };
    let floor = stop.floor();
    let mut versions = vec![0u32; m];
    let mut alive = vec![true; m];
    let mut heap = BinaryHeap::new();
    for a in 0..m {
        for &b in adjacent[a].iter().filter(|&&b| b > a) {
            let s = score(&centroids[a], &centroids[b]);
            if s >= floor && labels[a].compatible(labels[b]) {
                heap.push(Candidate { average: s, a, b, versions: (0, 0) });
            }
        }
    }
    let mut count = m;
    while let Some(top) = heap.pop() {
        if stop.done(count) {
            break;
        }
        let (a, b) = (top.a, top.b);
        if !alive[a] || !alive[b] || top.versions != (versions[a], versions[b]) {
            continue;
        }
        if !labels[a].compatible(labels[b]) {
            continue;
        }
        let moved = std::mem::take(&mut clusters[b]);
        clusters[a].extend(moved);
        clusters[a].sort_unstable();
        labels[a] = labels[a].join(labels[b]);
        alive[b] = false;
        versions[a] += 1;
        count -= 1;
        let absorbed = std::mem::take(&mut sums[b]);
        sums[a] = sums[a].add(&absorbed);
        centroids[b] = Centroid::default();
        centroids[a] = sums[a].centroid();
        let mut next = std::mem::take(&mut adjacent[a]);
        next.extend(std::mem::take(&mut adjacent[b]));
        next.retain(|&c| c != a && c != b && alive[c]);
        next.sort_unstable();
        next.dedup();
        for &c in &next {
            if !adjacent[c].contains(&a) {
                adjacent[c].push(a);
            }
            let s = score(&centroids[a], &centroids[c]);
            if s >= floor && labels[a].compatible(labels[c]) {
                let (x, y) = (a.min(c), a.max(c));
                heap.push(Candidate { average: s, a: x, b: y, versions: (versions[x], versions[y]) });
            }
        }
        adjacent[a] = next;
    }
    let survivors: Vec<(Vec<usize>, Label)> = std::mem::take(clusters)
        .into_iter()
        .zip(std::mem::take(labels))
        .zip(alive)
        .filter_map(|(pair, alive)| alive.then_some(pair))
        .collect();
    (*clusters, *labels) = survivors.into_iter().unzip();
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
        let stop = Stop { threshold: 0.25, target: None, at_least: 1 };
        let (clusters, _) = average_linkage(&g, initial, vec![Label::default(); 6], stop);
        assert_eq!(clusters, vec![vec![0, 1, 2], vec![3, 4], vec![5]]);
    }

    #[test]
    fn never_merges_different_labels() {
        let g = graph(3, &[(0, 1, 0.9), (1, 2, 0.9)]);
        let initial = (0..3).map(|i| vec![i]).collect();
        let label = |theme| Label { theme, need: None };
        let stop = Stop { threshold: 0.1, target: None, at_least: 1 };
        let (clusters, _) =
            average_linkage(&g, initial, vec![label(Some(0)), label(None), label(Some(1))], stop);
        assert_eq!(clusters.len(), 2);
    }

    #[test]
    fn a_target_merges_below_the_threshold_and_stops_exactly() {
        let g = graph(6, &[(0, 1, 0.9), (1, 2, 0.8), (0, 2, 0.7), (3, 4, 0.9), (2, 3, 0.3), (4, 5, 0.05)]);
        let initial: Vec<Vec<usize>> = (0..6).map(|i| vec![i]).collect();
        for k in 1..=6 {
            let stop = Stop { threshold: 0.5, target: Some(k), at_least: 1 };
            let (clusters, _) = average_linkage(&g, initial.clone(), vec![Label::default(); 6], stop);
            assert_eq!(clusters.len(), k);
        }
    }
}
