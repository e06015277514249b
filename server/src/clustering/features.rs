//! TF-IDF feature vectors: stemmed words plus character n-grams inside words, so that
//! compounds ("informationsförsörjning") share features with their parts.

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

use super::Language;
use super::stopwords::is_stopword;

/// A sparse vector: (feature index, weight) sorted by feature index.
pub(crate) type SparseVec = Vec<(u32, f32)>;

/// Shortest and longest character n-gram taken from inside a word (with boundary marks).
const NGRAM_MIN: usize = 4;
const NGRAM_MAX: usize = 5;
/// Weight of the character n-gram block relative to the word block (each is L2-normalised
/// before they are combined).
const CHAR_WEIGHT: f32 = 1.0;
/// Features found in more than this share of notes are dropped (like stopwords they cannot
/// separate themes, and they make the similarity search quadratic).
const MAX_DF_SHARE: f32 = 0.35;
/// ... but never features found in at most this many notes: in a small workshop a word
/// shared by half the notes is a theme, not noise.
const MIN_MAX_DF: f32 = 50.0;
/// ... and always features found in more than this many notes, which bounds the work per
/// note of the similarity search on large inputs.
const MAX_DF: f32 = 400.0;

/// Feature vectors and the stem-level data the theme namer needs.
#[derive(Debug, Clone)]
pub(crate) struct Corpus {
    /// L2-normalised TF-IDF vector per note (empty when nothing is left after stopwords).
    pub vectors: Vec<SparseVec>,
    /// Stem ids per note, in text order, repeated as they occur.
    pub stems: Vec<Vec<u32>>,
    /// Most frequent surface word per stem id.
    pub surfaces: Vec<String>,
}

/// Builds the TF-IDF vectors of `tokens` (one token list per note) in the given languages.
pub(crate) fn build(tokens: &[Vec<&str>], languages: &[Language]) -> Corpus {
    let stemmers = [Stemmer::create(Algorithm::Swedish), Stemmer::create(Algorithm::English)];
    let mut stem_ids: HashMap<String, u32> = HashMap::new();
    let mut surface_counts: Vec<HashMap<String, u32>> = Vec::new();
    let mut word_vocab: HashMap<String, u32> = HashMap::new();
    let mut char_vocab: HashMap<String, u32> = HashMap::new();
    let mut stems = Vec::with_capacity(tokens.len());
    let mut word_counts = Vec::with_capacity(tokens.len());
    let mut char_counts = Vec::with_capacity(tokens.len());

    for (note_tokens, &language) in tokens.iter().zip(languages) {
        let stemmer = &stemmers[language as usize];
        let mut note_stems = Vec::new();
        let mut words: HashMap<u32, f32> = HashMap::new();
        let mut grams: HashMap<u32, f32> = HashMap::new();
        for &token in note_tokens {
            if is_stopword(language, token) {
                continue;
            }
            let stem = stemmer.stem(token).into_owned();
            let next = stem_ids.len() as u32;
            let stem_id = *stem_ids.entry(stem.clone()).or_insert(next);
            if stem_id == next {
                surface_counts.push(HashMap::new());
            }
            *surface_counts[stem_id as usize].entry(token.to_owned()).or_default() += 1;
            note_stems.push(stem_id);
            *words.entry(intern(&mut word_vocab, &stem)).or_default() += 1.0;
            if token.chars().any(char::is_alphabetic) {
                for_each_ngram(token, |gram| {
                    *grams.entry(intern(&mut char_vocab, gram)).or_default() += 1.0;
                });
            }
        }
        stems.push(note_stems);
        word_counts.push(words);
        char_counts.push(grams);
    }

    let word_vectors = tfidf(&word_counts, word_vocab.len());
    let char_vectors = tfidf(&char_counts, char_vocab.len());
    let offset = word_vocab.len() as u32;
    let vectors = word_vectors
        .into_iter()
        .zip(char_vectors)
        .map(|(words, grams)| {
            let mut v = words;
            v.extend(grams.into_iter().map(|(f, w)| (f + offset, w * CHAR_WEIGHT)));
            l2_normalize(&mut v);
            v
        })
        .collect();

    let surfaces = surface_counts
        .iter()
        .map(|counts| {
            let (word, _) = counts
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .expect("every stem has a surface form");
            word.clone()
        })
        .collect();
    Corpus { vectors, stems, surfaces }
}

fn intern(vocab: &mut HashMap<String, u32>, key: &str) -> u32 {
    if let Some(&id) = vocab.get(key) {
        return id;
    }
    let id = vocab.len() as u32;
    vocab.insert(key.to_owned(), id);
    id
}

/// Calls `f` with each character n-gram of `<word>`, the angle brackets marking the word
/// boundaries.
fn for_each_ngram(word: &str, mut f: impl FnMut(&str)) {
    let marked = format!("<{word}>");
    let bounds: Vec<usize> =
        marked.char_indices().map(|(i, _)| i).chain(std::iter::once(marked.len())).collect();
    let chars = bounds.len() - 1;
    for n in NGRAM_MIN..=NGRAM_MAX {
        for start in 0..chars.saturating_sub(n - 1) {
            f(&marked[bounds[start]..bounds[start + n]]);
        }
    }
}

/// Sublinear-tf, smooth-idf TF-IDF (as scikit-learn computes it), each vector L2-normalised.
fn tfidf(counts: &[HashMap<u32, f32>], n_features: usize) -> Vec<SparseVec> {
    let n = counts.len() as f32;
    let mut df = vec![0u32; n_features];
    for note in counts {
        for &f in note.keys() {
            df[f as usize] += 1;
        }
    }
    let max_df = (MAX_DF_SHARE * n).clamp(MIN_MAX_DF, MAX_DF);
    counts
        .iter()
        .map(|note| {
            let mut v: SparseVec = note
                .iter()
                .filter(|&(&f, _)| (df[f as usize] as f32) <= max_df)
                .map(|(&f, &tf)| {
                    let idf = ((1.0 + n) / (1.0 + df[f as usize] as f32)).ln() + 1.0;
                    (f, (1.0 + tf.ln()) * idf)
                })
                .collect();
            v.sort_unstable_by_key(|&(f, _)| f);
            l2_normalize(&mut v);
            v
        })
        .collect()
}

/// Scales `v` to unit length (leaves an all-zero vector alone).
pub(crate) fn l2_normalize(v: &mut SparseVec) {
    let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|(_, w)| *w /= norm);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clustering::similarity::dot;

    fn corpus(texts: &[&str]) -> Corpus {
        let tokens: Vec<Vec<&str>> = texts.iter().map(|t| t.split(' ').collect()).collect();
        build(&tokens, &vec![Language::Swedish; texts.len()])
    }

    #[test]
    fn compounds_meet_their_parts() {
        let c = corpus(&[
            "informationsförsörjning",
            "information",
            "försörjning",
            "parkering",
            "cykelbana",
            "skola",
        ]);
        assert!(dot(&c.vectors[0], &c.vectors[1]) > 0.2);
        assert!(dot(&c.vectors[0], &c.vectors[2]) > 0.2);
        assert!(dot(&c.vectors[0], &c.vectors[3]) < dot(&c.vectors[0], &c.vectors[1]));
    }

    #[test]
    fn stopword_only_note_has_no_features() {
        let c = corpus(&["det är så", "bättre samverkan", "samverkan saknas"]);
        assert!(c.vectors[0].is_empty());
        assert!(!c.vectors[1].is_empty());
    }

    #[test]
    fn surface_form_is_the_most_frequent_word() {
        let c = corpus(&["tjänster tjänster", "tjänsten", "ekonomi"]);
        let stem = c.stems[1][0] as usize;
        assert_eq!(c.stems[0][0] as usize, stem);
        assert_eq!(c.surfaces[stem], "tjänster");
    }
}
