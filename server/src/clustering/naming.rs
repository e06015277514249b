//! Theme names from class-based TF-IDF over stems, shown as each stem's most frequent
//! surface word, and the most central note as the theme's example.

use std::collections::HashMap;

use super::features::Corpus;
use super::refine::centroid;
use super::similarity::dot;
use super::stopwords::is_weak_name_word;

/// Most words in a theme name.
const MAX_TERMS: usize = 4;
/// A further word joins the name only if it scores at least this share of the best one.
const TERM_SHARE: f64 = 0.5;

/// Distinguishing words of each cluster, best first (1 to `MAX_TERMS`; none when no note
/// of the cluster has a content word).
pub(crate) fn terms(corpus: &Corpus, clusters: &[Vec<usize>]) -> Vec<Vec<String>> {
    let counts: Vec<HashMap<u32, (f64, usize)>> = clusters
        .iter()
        .map(|members| {
            let mut c: HashMap<u32, (f64, usize)> = HashMap::new();
            for &i in members {
                let mut seen: Vec<u32> = corpus.stems[i].clone();
                seen.sort_unstable();
                seen.dedup();
                for s in &corpus.stems[i] {
                    c.entry(*s).or_default().0 += 1.0;
                }
                for s in seen {
                    c.entry(s).or_default().1 += 1;
                }
            }
            c
        })
        .collect();
    let mut total: HashMap<u32, f64> = HashMap::new();
    for c in &counts {
        for (s, (n, _)) in c {
            *total.entry(*s).or_default() += n;
        }
    }
    let words: Vec<f64> = counts.iter().map(|c| c.values().map(|(n, _)| n).sum()).collect();
    let average_words = words.iter().sum::<f64>() / words.len().max(1) as f64;

    counts
        .iter()
        .zip(clusters)
        .zip(&words)
        .map(|((c, members), &n_words)| {
            // In themes of several notes, a word must occur in two of them to name the theme.
            let min_notes = if members.len() >= 2 { 2 } else { 1 };
            let mut scored: Vec<(f64, &str)> = c
                .iter()
                .filter(|(_, (_, notes))| *notes >= min_notes)
                .map(|(s, (n, _))| {
                    let score = n / n_words * (1.0 + average_words / total[s]).ln();
                    (score, corpus.surfaces[*s as usize].as_str())
                })
                .collect();
            // Generic words name a theme only when nothing better is there.
            if scored.iter().any(|(_, w)| !is_weak_name_word(w)) {
                scored.retain(|(_, w)| !is_weak_name_word(w));
            }
            scored.sort_by(|a, b| {
                let numeric = |w: &str| w.chars().all(|ch| ch.is_ascii_digit());
                numeric(a.1).cmp(&numeric(b.1)).then(b.0.total_cmp(&a.0)).then(a.1.cmp(b.1))
            });
            let best = scored.first().map_or(0.0, |s| s.0);
            let mut out: Vec<String> = Vec::new();
            for (score, word) in scored {
                if out.len() == MAX_TERMS || (!out.is_empty() && score < TERM_SHARE * best) {
                    break;
                }
                // "vaccin" after "vaccinera" adds nothing a reader needs.
                if !out.iter().any(|w| same_root(w, word)) {
                    out.push(word.to_owned());
                }
            }
            out
        })
        .collect()
}

/// Whether two words share their first five letters (or one is a prefix of the other).
fn same_root(a: &str, b: &str) -> bool {
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    common >= 5 || common == a.chars().count().min(b.chars().count())
}

/// A readable name from terms: "Vaccin, covid, barn".
pub(crate) fn name(terms: &[String]) -> String {
    let joined = terms.join(", ");
    let mut chars = joined.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => joined,
    }
}

/// The member closest to the cluster centroid (lowest index on ties).
pub(crate) fn central_note(corpus: &Corpus, members: &[usize]) -> usize {
    let c = centroid(&corpus.vectors, members);
    let mut best = members[0];
    let mut best_score = f32::NEG_INFINITY;
    for &i in members {
        let s = dot(&corpus.vectors[i], &c);
        if s > best_score {
            best = i;
            best_score = s;
        }
    }
    best
}
