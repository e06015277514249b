//! TF-IDF feature vectors: stemmed words plus character n-grams inside words, so that
//! compounds ("informationsförsörjning") share features with their parts.

use std::hash::Hasher;

use app::text::{Language, Stemmer, is_stopword, stemmers};
use rayon::prelude::*;
// A fast, fixed (unseeded) hash for the vocabularies: the keys are our own n-grams, not
// attacker-chosen, and iteration order never reaches the result anyway.
use rustc_hash::{FxHashMap, FxHasher};

/// A sparse vector: (feature index, weight) sorted by feature index.
pub(crate) type SparseVec = Vec<(u32, f32)>;

/// Notes a parallel task takes at least: one note's terms take microseconds.
const NOTES_PER_TASK: usize = 16;
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

/// What one note contributes, before feature ids are assigned.
struct NoteTerms<'a> {
    /// (stem, surface word) of each content word, in text order.
    stems: Vec<(String, &'a str)>,
    /// Hashes of the character n-grams of the content words.
    grams: Vec<u64>,
}

/// Stopword removal, stemming and n-grams of one note in `language`.
fn note_terms<'a>(note_tokens: &[&'a str], language: Language, stemmers: &[Stemmer; 2]) -> NoteTerms<'a> {
    let stemmer = &stemmers[language as usize];
    let mut terms = NoteTerms { stems: Vec::new(), grams: Vec::new() };
    for &token in note_tokens {
        if is_stopword(language, token) {
            continue;
        }
        terms.stems.push((stemmer.stem(token).into_owned(), token));
        if token.chars().any(char::is_alphabetic) {
            // 64-bit hashes stand in for the n-gram strings: a collision among the
            // few hundred thousand n-grams of even a large input is vanishingly rare.
            for_each_ngram(token, |gram| {
                let mut hasher = FxHasher::default();
                hasher.write(gram.as_bytes());
                hasher.write_u32(gram.len() as u32);
                terms.grams.push(hasher.finish());
            });
        }
    }
    terms
}

/// Counts of ids as (id, count), sorted by id.
fn counts(mut ids: Vec<u32>) -> Vec<(u32, f32)> {
    ids.sort_unstable();
    let mut out: Vec<(u32, f32)> = Vec::new();
    for id in ids {
        match out.last_mut() {
            Some(last) if last.0 == id => last.1 += 1.0,
            _ => out.push((id, 1.0)),
        }
    }
    out
}

/// Builds the TF-IDF vectors of `tokens` (one token list per note) in the given languages.
pub(crate) fn build(tokens: &[Vec<&str>], languages: &[Language]) -> Corpus {
    // Independent per note: shared between rayon's threads, in order.
    let terms: Vec<NoteTerms> = tokens
        .par_iter()
        .zip(languages)
        .with_min_len(NOTES_PER_TASK)
        .map_init(stemmers, |stemmers, (note_tokens, &language)| note_terms(note_tokens, language, stemmers))
        .collect();

    // Ids are given in order of first appearance in the (id-sorted) notes.
    let mut stem_ids: FxHashMap<String, u32> = FxHashMap::default();
    let mut surface_counts: Vec<FxHashMap<String, u32>> = Vec::new();
    let mut gram_ids: FxHashMap<u64, u32> = FxHashMap::default();
    let mut stems = Vec::with_capacity(tokens.len());
    let mut word_counts = Vec::with_capacity(tokens.len());
    let mut char_counts = Vec::with_capacity(tokens.len());
    for note in terms {
        let mut note_stems = Vec::with_capacity(note.stems.len());
        for (stem, token) in &note.stems {
            let next = stem_ids.len() as u32;
            let stem_id = intern(&mut stem_ids, stem);
            if stem_id == next {
                surface_counts.push(FxHashMap::default());
            }
            match surface_counts[stem_id as usize].get_mut(*token) {
                Some(count) => *count += 1,
                None => {
                    surface_counts[stem_id as usize].insert((*token).to_owned(), 1);
                }
            }
            note_stems.push(stem_id);
        }
        let grams: Vec<u32> = note
            .grams
            .iter()
            .map(|&g| {
                let next = gram_ids.len() as u32;
                *gram_ids.entry(g).or_insert(next)
            })
            .collect();
        word_counts.push(counts(note_stems.clone()));
        char_counts.push(counts(grams));
        stems.push(note_stems);
    }
    let word_vocab = stem_ids;
    let char_vocab = gram_ids;

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

fn intern(vocab: &mut FxHashMap<String, u32>, key: &str) -> u32 {
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
fn tfidf(counts: &[Vec<(u32, f32)>], n_features: usize) -> Vec<SparseVec> {
    let n = counts.len() as f32;
    let mut df = vec![0u32; n_features];
    for note in counts {
        for &(f, _) in note {
            df[f as usize] += 1;
        }
    }
    let max_df = (MAX_DF_SHARE * n).clamp(MIN_MAX_DF, MAX_DF);
    counts
        .iter()
        .map(|note| {
            let mut v: SparseVec = note
                .iter()
                .filter(|&&(f, _)| (df[f as usize] as f32) <= max_df)
                .map(|&(f, tf)| {
                    let idf = ((1.0 + n) / (1.0 + df[f as usize] as f32)).ln() + 1.0;
                    (f, (1.0 + tf.ln()) * idf)
                })
                .collect();
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
