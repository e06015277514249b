//! Centroid refinement (a few deterministic spherical k-means rounds) of the clusters that
//! average linkage found: short notes often join a theme through one chance neighbour, and
//! comparing every note with whole themes corrects that.

use std::thread;

use super::features::{SparseVec, l2_normalize};

/// Features kept per centroid; the tail of a centroid is noise from single notes.
const CENTROID_FEATURES: usize = 200;
/// Rounds of reassignment at most (it usually settles in a few).
const MAX_ROUNDS: usize = 5;

/// Unit-length centroid of the given notes, truncated to its strongest features.
pub(crate) fn centroid(vectors: &[SparseVec], members: &[usize]) -> SparseVec {
    let mut v: SparseVec = Vec::new();
    for &i in members {
        v.extend_from_slice(&vectors[i]);
    }
    // Sum equal features: sort by feature, then by member order is kept (stable sort), so
    // the sums are always added in the same order.
    v.sort_by_key(|&(f, _)| f);
    let mut summed: SparseVec = Vec::with_capacity(v.len());
    for (f, w) in v {
        match summed.last_mut() {
            Some(last) if last.0 == f => last.1 += w,
            _ => summed.push((f, w)),
        }
    }
    if summed.len() > CENTROID_FEATURES {
        summed.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        summed.truncate(CENTROID_FEATURES);
        summed.sort_unstable_by_key(|&(f, _)| f);
    }
    l2_normalize(&mut summed);
    summed
}

/// Reassigns notes to their most similar cluster centroid until nothing moves.
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
) {
    let n_features = vectors
        .iter()
        .filter_map(|v| v.last().map(|&(f, _)| f as usize + 1))
        .max()
        .unwrap_or(0);
    for _ in 0..MAX_ROUNDS {
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); n_clusters];
        for (i, a) in assignment.iter().enumerate() {
            if let Some(c) = a {
                members[*c].push(i);
            }
        }
        let mut index: Vec<Vec<(usize, f32)>> = vec![Vec::new(); n_features];
        for (c, m) in members.iter().enumerate() {
            if m.is_empty() {
                continue;
            }
            for (f, w) in centroid(vectors, m) {
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
                    top.filter(|&(_, s)| s >= min_similarity && s > 0.0)
                        .map(|(c, _)| c)
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
