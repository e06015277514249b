//! Centroid refinement (a few deterministic spherical k-means rounds) of the clusters that
//! average linkage found: short notes often join a theme through one chance neighbour, and
//! comparing every note with whole themes corrects that.

use std::thread;

use super::features::{SparseVec, l2_normalize};

/// Features kept per centroid; the tail of a centroid is noise from single notes.
const CENTROID_FEATURES: usize = 200;

/// Unit-length centroid of the given notes, truncated to its strongest features.
pub(crate) fn centroid(vectors: &[SparseVec], members: &[usize]) -> SparseVec {
    truncate_normalize(sum(vectors, members))
}

/// Sum of the given notes' vectors, added pairwise in halves (fast, and the same float
/// sums on every run for the same member order).
pub(crate) fn sum(vectors: &[SparseVec], members: &[usize]) -> SparseVec {
    match members {
        [] => Vec::new(),
        [i] => vectors[*i].clone(),
        _ => {
            let (left, right) = members.split_at(members.len() / 2);
            add(&sum(vectors, left), &sum(vectors, right))
        }
    }
}

/// Sums sparse vectors in a dense buffer that is reused from one sum to the next.
pub(crate) struct Summer {
    dense: Vec<f32>,
    touched: Vec<u32>,
}

impl Summer {
    /// A summer for vectors with feature indices below `n_features`.
    pub(crate) fn new(n_features: usize) -> Self {
        Self { dense: vec![0.0; n_features], touched: Vec::new() }
    }

    /// Sum of the members' vectors, added in the order given.
    pub(crate) fn sum(&mut self, vectors: &[SparseVec], members: &[usize]) -> SparseVec {
        for &i in members {
            for &(f, w) in &vectors[i] {
                if self.dense[f as usize] == 0.0 {
                    self.touched.push(f);
                }
                self.dense[f as usize] += w;
            }
        }
        self.touched.sort_unstable();
        let out = self.touched.iter().map(|&f| (f, self.dense[f as usize])).collect();
        for f in self.touched.drain(..) {
            self.dense[f as usize] = 0.0;
        }
        out
    }
}

/// Element-wise sum of two sparse vectors.
pub(crate) fn add(a: &SparseVec, b: &SparseVec) -> SparseVec {
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

/// Keeps the strongest `CENTROID_FEATURES` features (ties by feature index) at unit length.
pub(crate) fn truncate_normalize(mut v: SparseVec) -> SparseVec {
    if v.len() > CENTROID_FEATURES {
        v.select_nth_unstable_by(CENTROID_FEATURES - 1, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(CENTROID_FEATURES);
        v.sort_unstable_by_key(|&(f, _)| f);
    }
    l2_normalize(&mut v);
    v
}

/// Reassigns notes to their most similar cluster centroid until nothing moves (or for
/// `max_rounds` rounds).
///
/// `assignment[i]` is note i's cluster (`None` = not in any). Notes in `movable` may move;
/// a movable note whose best similarity is below `min_similarity` becomes unassigned.
/// Other notes (pinned ones, notes without features) keep their assignment.
pub(crate) fn refine(
    vectors: &[SparseVec],
    assignment: &mut [Option<usize>],
    n_clusters: usize,
    movable: &[bool],
    min_similarity: f32,
    max_rounds: usize,
) {
    let n_features = vectors.iter().filter_map(|v| v.last().map(|&(f, _)| f as usize + 1)).max().unwrap_or(0);
    for _ in 0..max_rounds {
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); n_clusters];
        for (i, a) in assignment.iter().enumerate() {
            if let Some(c) = a {
                members[*c].push(i);
            }
        }
        let mut index: Vec<Vec<(usize, f32)>> = vec![Vec::new(); n_features];
        let mut summer = Summer::new(n_features);
        for (c, m) in members.iter().enumerate() {
            if m.is_empty() {
                continue;
            }
            for (f, w) in truncate_normalize(summer.sum(vectors, m)) {
                index[f as usize].push((c, w));
            }
        }
        let best = |range: std::ops::Range<usize>| -> Vec<Option<usize>> {
            let mut scores = vec![0.0f32; n_clusters];
            range
                .map(|i| {
                    scores.iter_mut().for_each(|s| *s = 0.0);
                    for (f, w) in &vectors[i] {
                        for &(c, wc) in &index[*f as usize] {
                            scores[c] += w * wc;
                        }
                    }
                    let mut top: Option<(usize, f32)> = None;
                    for (c, &s) in scores.iter().enumerate() {
                        if top.is_none_or(|(_, t)| s > t) {
                            top = Some((c, s));
                        }
                    }
                    top.filter(|&(_, s)| s >= min_similarity && s > 0.0).map(|(c, _)| c)
                })
                .collect()
        };
        let middle = vectors.len() / 2;
        let proposed: Vec<Option<usize>> = thread::scope(|s| {
            let first = s.spawn(|| best(0..middle));
            let second = best(middle..vectors.len());
            let mut all = first.join().expect("refine thread panicked");
            all.extend(second);
            all
        });
        let mut changed = false;
        for (i, p) in proposed.into_iter().enumerate() {
            if movable[i] && assignment[i] != p {
                assignment[i] = p;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}
