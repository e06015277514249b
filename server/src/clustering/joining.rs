//! Joining groups that were made apart into groups of the whole: a round's themes built from
//! its workshops' themes as the facilitators left them. Groups about the same thing from
//! different sources (workshops) are joined; two groups of one source never are, because a
//! facilitator kept them apart on purpose.

use super::matching::{MatchNote, shared_space};
use super::space::Sum;

/// A group to join: where it comes from and its notes.
#[derive(Debug, Clone)]
pub struct SourceGroup<'a> {
    /// The source (e.g. the workshop's index); groups of one source stay apart.
    pub source: usize,
    /// The group's notes, with their sentence vectors where there are.
    pub notes: Vec<MatchNote<'a>>,
}

/// Joins `groups` into sets of group indices (each group in exactly one set, sets ordered
/// by their first group): the two sets whose centroids are most similar are joined first,
/// as long as that similarity reaches `threshold` and the two share no source. Centroids
/// are those of all the sets' notes, in one space of meaning and words (as in clustering),
/// so a set that recurs in many workshops keeps one direction. Deterministic: ties go to
/// the lower indices. A group without notes stays alone.
pub fn join_groups(groups: &[SourceGroup], threshold: f32) -> Vec<Vec<usize>> {
    if groups.is_empty() {
        return Vec::new();
    }
    let notes: Vec<Vec<MatchNote>> = groups.iter().map(|group| group.notes.clone()).collect();
    let space = shared_space(notes.iter());
    let mut start = 0;
    let mut sets: Vec<Option<JoinedSet>> = groups
        .iter()
        .enumerate()
        .map(|(index, group)| {
            let members: Vec<usize> = (start..start + group.notes.len()).collect();
            start += group.notes.len();
            Some(JoinedSet { groups: vec![index], sources: vec![group.source], sum: space.sum(&members) })
        })
        .collect();
    let n = sets.len();
    // The similarity of every pair of live sets that may be joined (None: may not), kept
    // up to date row by row: a join recomputes one row instead of the whole matrix.
    let mut similarity: Vec<Vec<Option<f32>>> = vec![vec![None; n]; n];
    for i in 0..n {
        for j in i + 1..n {
            similarity[i][j] = pair_similarity(&sets, i, j);
        }
    }
    loop {
        let mut best: Option<(f32, usize, usize)> = None;
        for (i, row) in similarity.iter().enumerate() {
            for (j, value) in row.iter().enumerate().skip(i + 1) {
                if let Some(value) = *value
                    && value >= threshold
                    && best.is_none_or(|(b, _, _)| value > b)
                {
                    best = Some((value, i, j));
                }
            }
        }
        let Some((_, keep, gone)) = best else { break };
        let joined = sets[gone].take().expect("a live set");
        let kept = sets[keep].as_mut().expect("a live set");
        kept.groups.extend(joined.groups);
        kept.sources.extend(joined.sources);
        kept.sum = kept.sum.add(&joined.sum);
        for other in 0..n {
            let (a, b) = (other.min(gone), other.max(gone));
            similarity[a][b] = None;
        }
        for other in 0..n {
            if other != keep {
                let (a, b) = (other.min(keep), other.max(keep));
                similarity[a][b] = pair_similarity(&sets, a, b);
            }
        }
    }
    let mut joined: Vec<Vec<usize>> = sets
        .into_iter()
        .flatten()
        .map(|mut set| {
            set.groups.sort_unstable();
            set.groups
        })
        .collect();
    joined.sort_by_key(|set| set[0]);
    joined
}

/// Groups joined so far: their indices, their sources, the sum of their notes' vectors.
struct JoinedSet {
    groups: Vec<usize>,
    sources: Vec<usize>,
    sum: Sum,
}

/// The cosine of two live sets' centroids, or `None` when either is gone, they share a
/// source, or either has no notes.
fn pair_similarity(sets: &[Option<JoinedSet>], i: usize, j: usize) -> Option<f32> {
    let (a, b) = (sets[i].as_ref()?, sets[j].as_ref()?);
    if a.sources.iter().any(|source| b.sources.contains(source)) {
        return None;
    }
    let similarity = a.sum.centroid().dot(&b.sum.centroid());
    (similarity > 0.0).then_some(similarity)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clustering::MATCH_THRESHOLD;

    fn group<'a>(source: usize, texts: &[&'a str]) -> SourceGroup<'a> {
        SourceGroup { source, notes: texts.iter().map(|&text| MatchNote { text, vector: None }).collect() }
    }

    #[test]
    fn the_same_theme_from_three_workshops_is_joined_and_other_themes_stay_apart() {
        let groups = vec![
            group(0, &["e-legitimation för anställda", "e-legitimation för medarbetare saknas"]),
            group(0, &["digitalt arkiv för handlingar", "arkivering av e-post"]),
            group(1, &["gemensam e-legitimation för medarbetare", "e-legitimation för personal"]),
            group(2, &["långsiktigt digitalt arkiv", "arkiv för handlingar"]),
            group(2, &["e-legitimation för anställda i kommunen"]),
            group(1, &["AI-stöd i handläggningen", "maskininlärning för beslut"]),
        ];
        assert_eq!(join_groups(&groups, MATCH_THRESHOLD), vec![vec![0, 2, 4], vec![1, 3], vec![5]]);
    }

    #[test]
    fn two_themes_of_one_workshop_are_never_joined() {
        let groups = vec![
            group(0, &["e-legitimation för anställda"]),
            group(0, &["e-legitimation för anställda i regionen"]),
            group(1, &["e-legitimation för anställda"]),
        ];
        let joined = join_groups(&groups, MATCH_THRESHOLD);
        assert_eq!(joined.len(), 2, "{joined:?}");
        assert!(joined.iter().all(|set| !(set.contains(&0) && set.contains(&1))), "{joined:?}");
    }

    #[test]
    fn a_higher_threshold_joins_less() {
        let groups = vec![
            group(0, &["e-legitimation för anställda", "inloggning för personal"]),
            group(1, &["e-legitimation för medborgare", "inloggning i e-tjänster"]),
        ];
        assert_eq!(join_groups(&groups, 0.05), vec![vec![0, 1]]);
        assert_eq!(join_groups(&groups, 0.99), vec![vec![0], vec![1]]);
        assert!(join_groups(&[], 0.3).is_empty());
    }
}
