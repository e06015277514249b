//! Which theme of one clustering continues which theme of another: a re-run of the same
//! round, or the previous round. Themes are compared by the centroids of their notes in one
//! shared TF-IDF space, and matched one to one, most similar pair first.

use super::Settings;
use super::features;
use super::space::{Centroid, Space};
use app::text::{normalize, tokenize};

/// Cosine similarity of two themes' centroids from which one counts as continuing the
/// other. Measured on labelled sets split in two "rounds" (see BENCHMARKS.md): lower
/// thresholds start pairing themes that only share vocabulary.
pub const MATCH_THRESHOLD: f32 = 0.3;

/// A note of a theme to match: its text and, when there is one, its sentence vector.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MatchNote<'a> {
    /// The note as written.
    pub text: &'a str,
    /// Its sentence vector, as given to [`super::cluster`].
    pub vector: Option<&'a [f32]>,
}

/// For each theme of `current` (each a list of note texts), the index of the theme of
/// `previous` it continues, if any, compared by words alone. See [`match_themes_by`].
pub fn match_themes(current: &[Vec<&str>], previous: &[Vec<&str>], threshold: f32) -> Vec<Option<usize>> {
    let now: Vec<Vec<MatchNote>> = current.iter().map(|t| words_only(t)).collect();
    let before: Vec<Vec<MatchNote>> = previous.iter().map(|t| words_only(t)).collect();
    match_themes_by(&now, &before, threshold)
}

fn words_only<'a>(texts: &[&'a str]) -> Vec<MatchNote<'a>> {
    texts.iter().map(|&text| MatchNote { text, vector: None }).collect()
}

/// For each theme of `current`, the index of the theme of `previous` it continues, if any.
/// Themes are compared by the centroids of their notes in one shared space (meaning and
/// words, weighed as in clustering, where notes have vectors). A previous theme continues
/// into at most one current theme. Deterministic: ties go to the lower indices.
pub fn match_themes_by(
    current: &[Vec<MatchNote>],
    previous: &[Vec<MatchNote>],
    threshold: f32,
) -> Vec<Option<usize>> {
    let mut matches = vec![None; current.len()];
    if current.is_empty() || previous.is_empty() {
        return matches;
    }
    let space = shared_space(current.iter().chain(previous));

    // Each theme's notes are a run of consecutive indices.
    let mut start = 0;
    let mut centroids = |themes: &[Vec<MatchNote>]| {
        themes
            .iter()
            .map(|notes| {
                let members: Vec<usize> = (start..start + notes.len()).collect();
                start += notes.len();
                space.centroid(&members)
            })
            .collect::<Vec<Centroid>>()
    };
    let now = centroids(current);
    let before = centroids(previous);

    let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
    for (i, a) in now.iter().enumerate() {
        for (j, b) in before.iter().enumerate() {
            let similarity = a.dot(b);
            if similarity >= threshold {
                pairs.push((similarity, i, j));
            }
        }
    }
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut taken = vec![false; previous.len()];
    for (_, i, j) in pairs {
        if matches[i].is_none() && !taken[j] {
            matches[i] = Some(j);
            taken[j] = true;
        }
    }
    matches
}

/// One space (meaning and words, weighed as in clustering) for the notes of all `groups`,
/// in order: the notes of each group are a run of consecutive indices.
pub(crate) fn shared_space<'a>(groups: impl Iterator<Item = &'a Vec<MatchNote<'a>>>) -> Space {
    weighted_space(groups, Settings::default().semantic_weight)
}

/// [`shared_space`] with meaning weighed `semantic_weight` against words (1: meaning alone
/// for notes with a sentence vector, words for those without).
pub(crate) fn weighted_space<'a>(
    groups: impl Iterator<Item = &'a Vec<MatchNote<'a>>>,
    semantic_weight: f32,
) -> Space {
    let all: Vec<&MatchNote> = groups.flatten().collect();
    let texts: Vec<String> = all.iter().map(|note| normalize(note.text)).collect();
    let tokens: Vec<Vec<&str>> = texts.iter().map(|text| tokenize(text)).collect();
    let languages = super::languages(&tokens, None);
    let corpus = features::build(&tokens, &languages);
    let vectors: Vec<Option<&[f32]>> = all.iter().map(|note| note.vector).collect();
    Space::build(&vectors, corpus.vectors, semantic_weight)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn themes_about_the_same_thing_are_matched_one_to_one() {
        let previous = vec![
            vec!["e-legitimation för anställda", "inloggning med e-legitimation saknas"],
            vec!["arkivering av e-post", "digitalt arkiv för handlingar"],
        ];
        let current = vec![
            vec!["långsiktigt digitalt arkiv", "arkivering av handlingar och e-post"],
            vec!["gemensam e-legitimation", "e-legitimation till medarbetare"],
            vec!["AI-stöd i handläggningen", "maskininlärning för beslut"],
        ];
        assert_eq!(match_themes(&current, &previous, MATCH_THRESHOLD), vec![Some(1), Some(0), None]);
    }

    #[test]
    fn a_previous_theme_continues_into_one_theme_only() {
        let previous = vec![vec!["e-legitimation för anställda"]];
        let current = vec![vec!["e-legitimation för anställda"], vec!["e-legitimation för anställda"]];
        assert_eq!(match_themes(&current, &previous, MATCH_THRESHOLD), vec![Some(0), None]);
    }

    #[test]
    fn nothing_to_compare_with_matches_nothing() {
        assert_eq!(match_themes(&[vec!["arkiv"]], &[], MATCH_THRESHOLD), vec![None]);
        assert!(match_themes(&[], &[vec!["arkiv"]], MATCH_THRESHOLD).is_empty());
    }
}
