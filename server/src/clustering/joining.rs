//! Joining groups that were made apart into groups of the whole: a round's themes built from
//! its workshops' themes as the facilitators left them. Groups about the same thing from
//! different sources (workshops) are joined; two groups of one source never are, because a
//! facilitator kept them apart on purpose.
//!
//! Centroids over a threshold are not enough: two groups on neighbouring subjects (broadband
//! in one workshop, cloud services in another) can be as close as one subject said in two
//! workshops' words. So two sets are joined only when their notes agree: most notes of each
//! set find their closest note of the other set's workshops in that set, not among those
//! workshops' notes in no group (which is where the other workshop's broadband notes are).

use super::matching::{MatchNote, shared_space};
use super::space::{Space, Sum};

/// The share of a set's notes whose closest note in the other set's sources (its own notes
/// and those in no group) lies in that set, which both sets must reach to be joined.
const AGREEING_NOTES: f32 = 0.5;

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
/// as long as that similarity reaches `threshold`, the two share no source and their notes
/// agree (see the module's text; `rest` holds the sources' notes in no group). Centroids
/// are those of all the sets' notes, in one space of meaning and words (as in clustering),
/// so a set that recurs in many workshops keeps one direction. Deterministic: ties go to
/// the lower indices. A group without notes stays alone.
pub fn join_groups(groups: &[SourceGroup], rest: &[SourceGroup], threshold: f32) -> Vec<Vec<usize>> {
    if groups.is_empty() {
        return Vec::new();
    }
    let notes: Vec<Vec<MatchNote>> = groups.iter().chain(rest).map(|group| group.notes.clone()).collect();
    let space = shared_space(notes.iter());
    // Each group's and each rest's notes, as indices in the space.
    let mut start = 0;
    let members: Vec<Vec<usize>> = groups
        .iter()
        .chain(rest)
        .map(|group| {
            let members: Vec<usize> = (start..start + group.notes.len()).collect();
            start += group.notes.len();
            members
        })
        .collect();
    let sources: Vec<usize> = groups.iter().chain(rest).map(|group| group.source).collect();
    let mut sets: Vec<Option<JoinedSet>> = groups
        .iter()
        .enumerate()
        .map(|(index, group)| {
            let sum = space.sum(&members[index]);
            Some(JoinedSet {
                groups: vec![index],
                sources: vec![group.source],
                notes: members[index].clone(),
                sum,
            })
        })
        .collect();
    // The notes of `set` and those of its sources in no group: what a note of another set
    // may be closest to. (Other groups of those sources compete by centroid, most similar
    // pair first.)
    let candidates = |set: &JoinedSet| -> Vec<usize> {
        let loose = (groups.len()..members.len()).filter(|&g| set.sources.contains(&sources[g]));
        set.notes.iter().copied().chain(loose.flat_map(|g| members[g].iter().copied())).collect()
    };
    let n = sets.len();
    // The similarity of every pair of live sets that may be joined (None: may not), kept
    // up to date row by row: a join recomputes one row instead of the whole matrix.
    let mut similarity: Vec<Vec<Option<f32>>> = (0..n)
        .map(|i| (0..n).map(|j| if j > i { pair_similarity(&sets, i, j) } else { None }).collect())
        .collect();
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
        let (a, b) = (sets[keep].as_ref().expect("a live set"), sets[gone].as_ref().expect("a live set"));
        let agree = |from: &JoinedSet, to: &JoinedSet| {
            agreeing_share(&space, &from.notes, &to.notes, &candidates(to)) >= AGREEING_NOTES
        };
        if !(agree(a, b) && agree(b, a)) {
            // Close by centroid, but their notes are closer to other notes: never joined.
            similarity[keep][gone] = None;
            continue;
        }
        let joined = sets[gone].take().expect("a live set");
        let kept = sets[keep].as_mut().expect("a live set");
        kept.groups.extend(joined.groups);
        kept.sources.extend(joined.sources);
        kept.notes.extend(joined.notes);
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

/// Groups joined so far: their indices, their sources, their notes (indices in the space),
/// the sum of their notes' vectors.
struct JoinedSet {
    groups: Vec<usize>,
    sources: Vec<usize>,
    notes: Vec<usize>,
    sum: Sum,
}

/// The share of notes `from` whose most similar note among `candidates` is one of `to`
/// (a note without content words, or with no candidate, does not agree).
fn agreeing_share(space: &Space, from: &[usize], to: &[usize], candidates: &[usize]) -> f32 {
    if from.is_empty() {
        return 0.0;
    }
    let agreeing = from
        .iter()
        .filter(|&&note| {
            let closest = candidates
                .iter()
                .filter(|&&other| other != note)
                .map(|&other| (space.dot(note, other), other))
                .max_by(|x, y| x.0.total_cmp(&y.0).then(y.1.cmp(&x.1)));
            closest.is_some_and(|(similarity, other)| similarity > 0.0 && to.contains(&other))
        })
        .count();
    agreeing as f32 / from.len() as f32
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
        assert_eq!(join_groups(&groups, &[], MATCH_THRESHOLD), vec![vec![0, 2, 4], vec![1, 3], vec![5]]);
    }

    #[test]
    fn two_themes_of_one_workshop_are_never_joined() {
        let groups = vec![
            group(0, &["e-legitimation för anställda"]),
            group(0, &["e-legitimation för anställda i regionen"]),
            group(1, &["e-legitimation för anställda"]),
        ];
        let joined = join_groups(&groups, &[], MATCH_THRESHOLD);
        assert_eq!(joined.len(), 2, "{joined:?}");
        assert!(joined.iter().all(|set| !(set.contains(&0) && set.contains(&1))), "{joined:?}");
    }

    #[test]
    fn named_groups_on_neighbouring_subjects_are_not_joined_when_their_notes_are_closer_to_others() {
        // Broadband named in one workshop, cloud services in the other; each workshop also
        // has notes on the other's subject. Words alone find the two named groups close
        // (they share "tjänster" and "kommunen"), but each note's closest note of the other
        // workshop is on its own subject.
        let groups = vec![
            group(
                0,
                &[
                    "bredband och fiber till landsbygden",
                    "fiber saknas på landsbygden för tjänster i kommunen",
                ],
            ),
            group(1, &["molntjänster och CLOUD Act", "CLOUD Act och molntjänster för tjänster i kommunen"]),
        ];
        let rest = vec![
            group(0, &["molntjänster och CLOUD Act i skolan"]),
            group(1, &["bredband och fiber på landsbygden saknas"]),
        ];
        assert_eq!(join_groups(&groups, &[], 0.05), vec![vec![0, 1]], "close enough by centroid alone");
        assert_eq!(join_groups(&groups, &rest, 0.05), vec![vec![0], vec![1]]);
        // The same subject in both workshops still joins with the rest present.
        let same = vec![
            group(0, &["bredband och fiber till landsbygden", "fiber saknas på landsbygden"]),
            group(1, &["bredband och fiber på landsbygden saknas", "fiber till landsbygden"]),
        ];
        assert_eq!(join_groups(&same, &rest, 0.05), vec![vec![0, 1]]);
    }

    #[test]
    fn a_higher_threshold_joins_less() {
        let groups = vec![
            group(0, &["e-legitimation för anställda", "inloggning för personal"]),
            group(1, &["e-legitimation för medborgare", "inloggning i e-tjänster"]),
        ];
        assert_eq!(join_groups(&groups, &[], 0.05), vec![vec![0, 1]]);
        assert_eq!(join_groups(&groups, &[], 0.99), vec![vec![0], vec![1]]);
        assert!(join_groups(&[], &[], 0.3).is_empty());
    }
}
