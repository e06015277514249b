//! Which themes of a round continue which themes of the previous round, as the reader of a
//! report is told: compared on meaning (and words, where a note has no sentence vector), and
//! many to many, since last year's theme may have split in two this year or two of last
//! year's may be one now. Unlike [`super::match_themes_by`], which pairs themes one to one
//! so that a continuing theme keeps its id, this says every counterpart with its similarity.
//!
//! Two signals, both on meaning alone where notes have sentence vectors (words would make
//! last year's and this year's wording of one need look unlike): the themes' centroids,
//! which count when clearly above the level of unrelated pairs in the same comparison (most
//! pairs of two rounds' themes are unrelated), and the notes, each of which points to the
//! theme of the other round holding its closest note when that note stands out from the
//! rest. See [`counterparts`].

use super::matching::{MatchNote, weighted_space};
use rayon::prelude::*;

use super::space::{Centroid, Space};

/// Similarity below which two themes are never counterparts by their centroids, however
/// unlike the rest of the pairs are (with words alone, unrelated themes score about 0); and
/// the level a note's closest note must reach where too few notes give a spread.
const COUNTERPART_FLOOR: f32 = 0.3;
/// How many spreads (the median absolute deviation, scaled to a standard deviation) above
/// the median pair a pair's centroids must be.
const SPREADS_ABOVE_TYPICAL: f32 = 3.0;
/// A pair found by centroids is at least this share of the best pair of one of its themes.
const NEAR_BEST: f32 = 0.75;
/// Below this many pairs the median says little about unrelated pairs: the floor alone holds.
const MIN_PAIRS_FOR_LEVEL: usize = 12;
/// How many spreads above its median similarity with the other round's notes a note's
/// closest note there must be for the note to recur (the closest of a hundred unrelated
/// notes lies about 2.5 spreads above).
const NOTE_SPREADS: f32 = 3.5;
/// The share of a theme's notes whose closest recurring note lies in the other theme from
/// which the two are counterparts, whatever their centroids say (a theme that held last
/// year's notes on this subject among others): a third, so that a theme mixing a recurring
/// subject with two others still says where the recurring part was (at a half, this year's
/// "CLOUD Act", 5 cloud notes of 12, was called new)...
const VOTING_SHARE: f32 = 0.34;
/// ... and at least this many such notes.
const MIN_VOTES: usize = 2;

/// A theme of the other round and how alike the two are (cosine of their centroids).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Counterpart {
    /// Its index among the other round's themes.
    pub index: usize,
    pub similarity: f32,
    /// How many of its notes match a note of this theme (their closest note of this round is
    /// here, clearly closer than their unrelated ones, see [`NOTE_SPREADS`]): the part of it
    /// that continues here, which the reader needs where last year's theme held this subject
    /// beside another. A lower bound: a note said quite differently this year matches none.
    pub notes_here: usize,
    /// How many notes it has.
    pub notes: usize,
}

/// For each theme of `current`, the themes of `previous` it continues, most similar first
/// (empty: new). A previous theme in no list is no longer mentioned. Deterministic.
///
/// A pair counts when either (a) their centroids are clearly above the level of unrelated
/// pairs and among the closest of one of the two themes, and at least one note of either
/// points to the other (centroids alone may meet over a round's common phrasing), or (b) a third of the notes of one of them
/// (at least [`MIN_VOTES`]) have their closest note of the other round in the other theme,
/// clearly closer than that note's unrelated notes. (b) is what finds a theme again when
/// it was split, merged or mixed with another subject in one of the rounds. A theme with
/// neither may still recur from a theme its notes were spread over ([`spread_counterpart`]).
pub fn counterparts(current: &[Vec<MatchNote>], previous: &[Vec<MatchNote>]) -> Vec<Vec<Counterpart>> {
    if current.is_empty() || previous.is_empty() {
        return vec![Vec::new(); current.len()];
    }
    let compared = Compared::new(current, previous);
    let similarity = &compared.centroids;
    let threshold = threshold(similarity);
    let best_of_current: Vec<f32> =
        similarity.iter().map(|row| row.iter().copied().fold(0.0, f32::max)).collect();
    let best_of_previous: Vec<f32> =
        (0..previous.len()).map(|j| similarity.iter().map(|row| row[j]).fold(0.0, f32::max)).collect();
    let mut found = Vec::with_capacity(current.len());
    for (i, row) in similarity.iter().enumerate() {
        // (index, similarity) of each counterpart of current theme `i`.
        let mut pairs: Vec<(usize, f32)> = Vec::new();
        for (j, &value) in row.iter().enumerate() {
            let (votes_now, votes_before) =
                (compared.votes_of_current[i][j], compared.votes_of_previous[j][i]);
            let near_best_now = value >= NEAR_BEST * best_of_current[i];
            let near_best_before = value >= NEAR_BEST * best_of_previous[j];
            // Centroids alone may meet over the round's common words or phrasing: at least
            // one note on either side must agree; and where no more than a stray note agrees
            // on each side, the pair must be among the closest of both themes (a theme of a
            // new subject is otherwise drawn to last year's theme that held one similar note).
            let thin = votes_now < MIN_VOTES && votes_before < MIN_VOTES;
            let near_best =
                if thin { near_best_now && near_best_before } else { near_best_now || near_best_before };
            let by_centroids = value >= threshold && near_best && votes_now + votes_before > 0;
            let voted =
                |votes: usize, size: usize| votes >= MIN_VOTES && votes as f32 >= VOTING_SHARE * size as f32;
            let by_notes = voted(compared.votes_of_current[i][j], current[i].len())
                || voted(compared.votes_of_previous[j][i], previous[j].len());
            if by_centroids || by_notes {
                pairs.push((j, value));
            }
        }
        if pairs.is_empty() {
            pairs.extend(spread_counterpart(row, &compared.votes_of_current[i], current[i].len()));
        }
        pairs.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let counterpart = |(index, similarity): (usize, f32)| Counterpart {
            index,
            similarity,
            notes_here: compared.votes_of_previous[index][i],
            notes: previous[index].len(),
        };
        found.push(pairs.into_iter().map(counterpart).collect());
    }
    found
}

/// The counterpart of a theme that has none by (a) or (b) of [`counterparts`], when its
/// notes point back to several previous themes (its subject was spread over them): a third
/// of its notes point back in all, and of the themes [`MIN_VOTES`] of them point to, the
/// one with the closest centroid (its index and similarity). A theme is new only when most
/// of its notes have nothing close in the previous round.
fn spread_counterpart(similarity: &[f32], votes: &[usize], size: usize) -> Option<(usize, f32)> {
    let pointing_back: usize = votes.iter().sum();
    if pointing_back < MIN_VOTES || (pointing_back as f32) < VOTING_SHARE * size as f32 {
        return None;
    }
    similarity
        .iter()
        .zip(votes)
        .enumerate()
        .filter(|(_, (_, votes))| **votes >= MIN_VOTES)
        .map(|(index, (&similarity, _))| (index, similarity))
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
}

/// Two rounds' themes compared in one space of all their notes: meaning alone where notes
/// have sentence vectors, words where they have not.
struct Compared {
    /// The cosine of every pair's centroids, `[current][previous]`.
    centroids: Vec<Vec<f32>>,
    /// `[current][previous]`: notes of the current theme whose closest recurring note of the
    /// previous round is in the previous theme.
    votes_of_current: Vec<Vec<usize>>,
    /// `[previous][current]`, likewise from the previous round.
    votes_of_previous: Vec<Vec<usize>>,
}

impl Compared {
    fn new(current: &[Vec<MatchNote>], previous: &[Vec<MatchNote>]) -> Self {
        let space = weighted_space(current.iter().chain(previous), 1.0);
        let runs = |themes: &[Vec<MatchNote>], offset: usize| -> Vec<Vec<usize>> {
            let mut start = offset;
            themes
                .iter()
                .map(|notes| {
                    let members: Vec<usize> = (start..start + notes.len()).collect();
                    start += notes.len();
                    members
                })
                .collect()
        };
        let now = runs(current, 0);
        let before = runs(previous, current.iter().map(Vec::len).sum());
        let now_centroids: Vec<Centroid> = now.iter().map(|m| space.centroid(m)).collect();
        let before_centroids: Vec<Centroid> = before.iter().map(|m| space.centroid(m)).collect();
        let centroids =
            now_centroids.iter().map(|a| before_centroids.iter().map(|b| a.dot(b)).collect()).collect();
        Self {
            centroids,
            votes_of_current: votes(&space, &now, (&before, &before_centroids)),
            votes_of_previous: votes(&space, &before, (&now, &now_centroids)),
        }
    }
}

/// `[from][to]`: notes of each theme of `from` whose closest note among all of `to` lies in
/// that theme of `to`, counted only when that closest note stands out from the note's
/// unrelated ones (see [`NOTE_SPREADS`]) and the theme is also the note's closest by
/// centroid (a note that strayed into a theme of another subject draws no vote to it).
fn votes(
    space: &Space,
    from: &[Vec<usize>],
    (to, to_centroids): (&[Vec<usize>], &[Centroid]),
) -> Vec<Vec<usize>> {
    let theme_of: Vec<(usize, usize)> = to
        .iter()
        .enumerate()
        .flat_map(|(t, members)| members.iter().map(move |&note| (note, t)))
        .filter(|&(note, _)| space.has_content(note))
        .collect();
    let notes: Vec<(usize, usize)> = from
        .iter()
        .enumerate()
        .flat_map(|(f, members)| members.iter().map(move |&note| (note, f)))
        .filter(|&(note, _)| space.has_content(note))
        .collect();
    // Each note alone, on rayon's pool: every note of one round against every note of the
    // other is the comparison's bulk.
    let voted: Vec<Option<(usize, usize)>> = notes
        .par_iter()
        .map(|&(note, own)| vote(space, note, &theme_of, to_centroids).map(|theme| (own, theme)))
        .collect();
    let mut counts = vec![vec![0; to.len()]; from.len()];
    for (own, theme) in voted.into_iter().flatten() {
        counts[own][theme] += 1;
    }
    counts
}

/// The index of the centroid closest to `note`, the first on a tie.
fn closest_centroid(space: &Space, note: usize, centroids: &[Centroid]) -> Option<usize> {
    centroids
        .iter()
        .enumerate()
        .map(|(t, centroid)| (space.dot_centroid(note, centroid), t))
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|(_, t)| t)
}

/// The theme of the other round `note` points to (see [`votes`]), among `theme_of` (each
/// note of the other round with its theme), if any.
fn vote(space: &Space, note: usize, theme_of: &[(usize, usize)], centroids: &[Centroid]) -> Option<usize> {
    let similarities: Vec<(f32, usize)> =
        theme_of.iter().map(|&(other, theme)| (space.dot(note, other), theme)).collect();
    let (closest, theme) =
        similarities.iter().copied().max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))?;
    let mut values: Vec<f32> = similarities.iter().map(|&(s, _)| s).collect();
    // Among a handful of notes the spread says nothing: a fixed level stands in.
    let level = if values.len() < MIN_PAIRS_FOR_LEVEL {
        COUNTERPART_FLOOR
    } else {
        let typical = median_of(&mut values);
        let mut deviations: Vec<f32> = values.iter().map(|s| (s - typical).abs()).collect();
        typical + NOTE_SPREADS * 1.4826 * median_of(&mut deviations)
    };
    let nearest_theme = closest_centroid(space, note, centroids);
    (closest > 0.0 && closest >= level && nearest_theme == Some(theme)).then_some(theme)
}

/// The similarity a pair's centroids need: clearly above the median pair (most pairs are
/// unrelated), and at least [`COUNTERPART_FLOOR`].
fn threshold(similarity: &[Vec<f32>]) -> f32 {
    let mut all: Vec<f32> = similarity.iter().flatten().copied().collect();
    if all.len() < MIN_PAIRS_FOR_LEVEL {
        return COUNTERPART_FLOOR;
    }
    let median = median_of(&mut all);
    let mut deviations: Vec<f32> = all.iter().map(|s| (s - median).abs()).collect();
    let spread = 1.4826 * median_of(&mut deviations);
    (median + SPREADS_ABOVE_TYPICAL * spread).max(COUNTERPART_FLOOR)
}

/// The median of `values` (the upper one of an even count); reorders them.
fn median_of(values: &mut [f32]) -> f32 {
    let middle = values.len() / 2;
    let (_, value, _) = values.select_nth_unstable_by(middle, f32::total_cmp);
    *value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn themes<'a>(texts: &[&[&'a str]]) -> Vec<Vec<MatchNote<'a>>> {
        texts.iter().map(|t| t.iter().map(|&text| MatchNote { text, vector: None }).collect()).collect()
    }

    #[test]
    fn a_theme_split_in_two_is_the_counterpart_of_both_and_unrelated_themes_of_none() {
        let previous = themes(&[
            &["nationell API-katalog för myndigheter", "grunddata om fastigheter och API-katalog"],
            &["bredband på landsbygden", "fiber till glesbygden saknas"],
        ]);
        let current = themes(&[
            &["en API-katalog för myndigheternas API:er", "katalog över öppna API:er"],
            &["grunddata om fastigheter har fel", "gemensam grunddata om fastigheter"],
            &["AI-stöd i handläggningen", "riktlinjer för AI"],
        ]);
        let found = counterparts(&current, &previous);
        let indices: Vec<Vec<usize>> = found.iter().map(|c| c.iter().map(|c| c.index).collect()).collect();
        assert_eq!(indices, vec![vec![0], vec![0], vec![]], "{found:?}");
        // Each half holds one of last year's two notes: the reader sees which part continues.
        let parts: Vec<(usize, usize)> = found[..2].iter().map(|c| (c[0].notes_here, c[0].notes)).collect();
        assert_eq!(parts, [(1, 2), (1, 2)], "{found:?}");
    }

    #[test]
    fn a_theme_whose_notes_point_back_to_several_themes_recurs_from_the_closest_of_them() {
        // Six notes: two point to last year's API theme, two to its e-legitimation theme.
        let spread = spread_counterpart(&[0.14, 0.22, 0.5], &[2, 2, 0], 6);
        assert_eq!(spread, Some((1, 0.22)), "not the closest theme no note points to");
        assert_eq!(spread_counterpart(&[0.3, 0.2], &[1, 1], 6), None, "too few notes to one theme");
        assert_eq!(
            spread_counterpart(&[0.3, 0.2, 0.1], &[2, 1, 1], 12),
            None,
            "two thirds have nothing close"
        );
    }

    #[test]
    fn nothing_to_compare_with_has_no_counterpart() {
        assert_eq!(counterparts(&themes(&[&["arkiv"]]), &[]), vec![vec![]]);
        assert!(counterparts(&[], &themes(&[&["arkiv"]])).is_empty());
    }
}
