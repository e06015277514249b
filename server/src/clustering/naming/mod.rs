//! Names of needs and themes: the key phrase a person would title the group with, drawn
//! from its notes ("E-legitimation för medarbetare"), plus the distinguishing words as
//! secondary text, and the most central note as the example.
//!
//! A theme's candidate phrases are runs of one to four words inside one clause of a note
//! (after a framing opening such as "Önskar") that begin and end with a content word and
//! span no verb ([`phrases`]). A phrase scores by class-based TF-IDF (the share of the
//! theme's notes that use it, against how common it is in the whole run), by how common its
//! words are in general language ([`commonness`]), by how central the notes using it are,
//! and a little by its length, since "Molntjänster och CLOUD Act" tells more than
//! "molntjänster" when as many notes say it. A need is named by a statement of its most
//! central note ([`statement`]).

mod commonness;
mod phrases;
mod statement;
mod words;

use std::collections::HashMap;

use app::text::{Language, stemmers};

use rustc_hash::FxHashMap;

use super::features::Corpus;
use super::space::{Space, dense_dot};
use words::is_weak_name_word;

/// Most keywords in a group's secondary text.
const MAX_TERMS: usize = 4;
/// A further keyword joins only if it scores at least this share of the best one.
const TERM_SHARE: f64 = 0.5;
/// Score factor per content word after the first (capped at three content words).
const LENGTH_BONUS: f64 = 0.3;
/// The specificity (see [`commonness`]) above which a phrase two notes share ranks before
/// every phrase of one note: 0.45 is Zipf 5.2, so "beslut" (5.1) and "kommunen" (4.9) still
/// do, "svårt" (5.6) and "tid" (5.8) do not.
const SHARED_SPECIFICITY: f64 = 0.45;

/// A group's name, keywords and example note (an index into the run's notes).
#[derive(Debug, Clone)]
pub(crate) struct Named {
    pub name: String,
    pub terms: Vec<String>,
    pub example: usize,
}

/// One candidate phrase in one note.
#[derive(Debug, Clone)]
struct Occurrence {
    /// Interned key (stems of its words), shared by the same phrase in other notes.
    key: u32,
    /// As written in the note (a capital only for being first in the note removed).
    surface: String,
    /// Content words in it.
    content_words: usize,
}

/// Names groups of the notes of one run.
pub(crate) struct Namer<'a> {
    corpus: &'a Corpus,
    space: &'a Space,
    /// Candidate phrases per note, each key once.
    phrases: Vec<Vec<Occurrence>>,
    /// Notes using each key.
    document_frequency: Vec<u32>,
    /// Notes, as written (for the fallback name).
    originals: &'a [&'a str],
    /// Language of each note.
    languages: Vec<Language>,
}

impl<'a> Namer<'a> {
    /// Collects the candidate phrases of every note.
    pub(crate) fn new(
        corpus: &'a Corpus,
        space: &'a Space,
        originals: &'a [&'a str],
        languages: &[Language],
    ) -> Self {
        let stemmers = stemmers();
        let mut keys: FxHashMap<String, u32> = FxHashMap::default();
        let mut document_frequency: Vec<u32> = Vec::new();
        let phrases = originals
            .iter()
            .zip(languages)
            .map(|(text, &language)| {
                // Themes are named by what their notes are about, not by how people frame a wish.
                let about = statement::after_opening(text, language).unwrap_or(text);
                let mut found = phrases::phrases(about, language, &stemmers[language as usize]);
                found.sort_by(|a, b| a.key.cmp(&b.key).then_with(|| a.surface.cmp(&b.surface)));
                found.dedup_by(|a, b| a.key == b.key);
                found
                    .into_iter()
                    .map(|phrase| {
                        let next = keys.len() as u32;
                        let key = *keys.entry(phrase.key).or_insert(next);
                        if key == next {
                            document_frequency.push(0);
                        }
                        document_frequency[key as usize] += 1;
                        Occurrence { key, surface: phrase.surface, content_words: phrase.content_words }
                    })
                    .collect()
            })
            .collect();
        Self { corpus, space, phrases, document_frequency, originals, languages: languages.to_vec() }
    }

    /// Name, keywords and example of each need: named by the statement of its most central
    /// note (see [`statement`]), where themes are named by their key phrase.
    pub(crate) fn name_needs(&self, needs: &[Vec<usize>]) -> Vec<Named> {
        self.name_each(needs, |_, members, closeness, language| {
            // The need's name should say what its notes mean: its most central note by
            // meaning, where notes have sentence vectors (words would favour the note that
            // shares the most words with the others, often the longest).
            let meaning = self.meaning_closeness(members);
            let closeness = meaning.as_deref().unwrap_or(closeness);
            let notes: Vec<(&str, f32)> = members
                .iter()
                .zip(closeness)
                .filter(|(i, _)| self.space.has_content(**i))
                .map(|(&i, &close)| (self.originals[i], close))
                .collect();
            let name = statement::need_name(&notes, language);
            (!name.is_empty()).then_some(name)
        })
    }

    /// Name, keywords and example of each theme (lists of note indices), named by its key
    /// phrase (see [`Self::theme_phrases`]). No two themes share a phrase: the larger keeps
    /// it, the other takes its next best one (if it has one).
    pub(crate) fn name_themes(&self, themes: &[Vec<usize>]) -> Vec<Named> {
        let average_size = themes.iter().map(Vec::len).sum::<usize>() as f64 / themes.len().max(1) as f64;
        let ranked: Vec<Vec<(u32, String)>> = themes
            .iter()
            .map(|members| self.theme_phrases(members, &self.closeness(members), average_size))
            .collect();
        let mut largest_first: Vec<usize> = (0..themes.len()).collect();
        largest_first.sort_by_key(|&t| (std::cmp::Reverse(themes[t].len()), t));
        let mut chosen: Vec<Option<String>> = vec![None; themes.len()];
        let mut taken: Vec<&(u32, String)> = Vec::new();
        for t in largest_first {
            let free = ranked[t].iter().find(|phrase| !taken.iter().any(|other| same_phrase(phrase, other)));
            if let Some(phrase) = free.or(ranked[t].first()) {
                taken.push(phrase);
                chosen[t] = Some(phrase.1.clone());
            }
        }
        self.name_each(themes, |t, _, _, _| chosen[t].clone())
    }

    /// How close each of `members` is to their centre by meaning alone; `None` without vectors.
    fn meaning_closeness(&self, members: &[usize]) -> Option<Vec<f32>> {
        let dim = self.space.row(members[0]).len();
        if dim == 0 {
            return None;
        }
        let mut centre = vec![0.0f32; dim];
        for &i in members {
            centre.iter_mut().zip(self.space.row(i)).for_each(|(c, x)| *c += x);
        }
        let norm = centre.iter().map(|x| x * x).sum::<f32>().sqrt().max(f32::EPSILON);
        Some(members.iter().map(|&i| dense_dot(self.space.row(i), &centre) / norm).collect())
    }

    /// How close each of `members` is to their centre.
    fn closeness(&self, members: &[usize]) -> Vec<f32> {
        let centroid = self.space.centroid(members);
        members.iter().map(|&i| self.space.dot_centroid(i, &centroid)).collect()
    }

    /// Keywords and example of each group, and the name `name` gives it from its index, its
    /// members, their closeness to its centre and their majority language (else the
    /// fallback).
    fn name_each(
        &self,
        groups: &[Vec<usize>],
        name: impl Fn(usize, &[usize], &[f32], Language) -> Option<String>,
    ) -> Vec<Named> {
        let languages: Vec<Language> = groups.iter().map(|members| self.majority_language(members)).collect();
        let terms = terms(self.corpus, groups, &languages);
        groups
            .iter()
            .zip(terms)
            .zip(languages)
            .enumerate()
            .map(|(index, ((members, terms), language))| {
                let closeness = self.closeness(members);
                let example = members
                    .iter()
                    .zip(&closeness)
                    .filter(|(i, _)| self.space.has_content(**i))
                    .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0)))
                    .map_or(members[0], |(i, _)| *i);
                let name = name(index, members, &closeness, language)
                    .unwrap_or_else(|| fallback_name(&terms, self.originals[example]));
                Named { name, terms, example }
            })
            .collect()
    }

    /// The language most of `members` are in (Swedish on a tie).
    fn majority_language(&self, members: &[usize]) -> Language {
        let swedish = members.iter().filter(|&&i| self.languages[i] == Language::Swedish).count();
        if 2 * swedish >= members.len() { Language::Swedish } else { Language::English }
    }

    /// A theme's key phrases (key and surface, capitalised), best first: what sets it apart.
    /// A phrase scores
    /// by the share of the theme's notes that use it, by how rare it is in the run's other
    /// notes (against `average_size`, the run's average theme), by how specific it is in
    /// general language (see [`commonness`]: "innan", "dagen" set nothing apart), by how
    /// central its notes are and a little by its length.
    fn theme_phrases(&self, members: &[usize], closeness: &[f32], average_size: f64) -> Vec<(u32, String)> {
        let stats = self.phrase_stats(members, closeness);
        // In themes of several notes, phrases used by two of them come first, unless they are
        // everyday words ("svårt", "tid"): those compete with the rest on their score.
        let language = self.majority_language(members);
        let mut scored: Vec<(bool, f64, u32, &str)> = stats
            .into_iter()
            .map(|(key, s)| (key, s.surface(), s))
            .filter(|(_, surface, _)| !ends_in_genitive(surface, language))
            .map(|(key, surface, s)| {
                let share = s.notes as f64 / members.len() as f64;
                let rarity = (1.0 + average_size / f64::from(self.document_frequency[key as usize])).ln();
                let specific = commonness::phrase_specificity(surface, language);
                let score = share * rarity * specific * s.centrality() * s.length();
                (s.notes >= 2 && specific > SHARED_SPECIFICITY, score, key, surface)
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)).then_with(|| a.3.cmp(b.3)));
        scored.into_iter().map(|(_, _, key, surface)| (key, capitalise(surface))).collect()
    }

    /// What the notes `members` (with their `closeness` to their group's centre) say of
    /// each candidate phrase they use.
    fn phrase_stats(&self, members: &[usize], closeness: &[f32]) -> HashMap<u32, PhraseStats<'_>> {
        let mut stats: HashMap<u32, PhraseStats> = HashMap::new();
        for (&i, &close) in members.iter().zip(closeness) {
            for occurrence in &self.phrases[i] {
                let entry = stats.entry(occurrence.key).or_insert_with(|| PhraseStats {
                    notes: 0,
                    closeness: 0.0,
                    content_words: occurrence.content_words,
                    surfaces: HashMap::new(),
                });
                entry.notes += 1;
                entry.closeness += close.max(0.0);
                *entry.surfaces.entry(occurrence.surface.as_str()).or_default() += 1;
            }
        }
        stats
    }
}

/// Whether `phrase` ends in a genitive waiting for its head ("Skolans"): a fragment.
fn ends_in_genitive(phrase: &str, language: Language) -> bool {
    phrase.split_whitespace().last().is_some_and(|word| commonness::is_genitive(word, language))
}

/// One candidate phrase in the notes of one group.
struct PhraseStats<'s> {
    /// Notes using it.
    notes: usize,
    /// Their summed closeness to the group's centre.
    closeness: f32,
    content_words: usize,
    /// Its surface forms, with how many notes write each.
    surfaces: HashMap<&'s str, usize>,
}

impl<'s> PhraseStats<'s> {
    /// From 0.5 (its notes at right angles to the centre, on average) to 1.5.
    fn centrality(&self) -> f64 {
        0.5 + f64::from(self.closeness) / self.notes as f64
    }

    /// 1 for one content word, more for up to three.
    fn length(&self) -> f64 {
        1.0 + LENGTH_BONUS * (self.content_words.min(3) - 1) as f64
    }

    /// The form most notes write it in (the first alphabetically on a tie).
    fn surface(&self) -> &'s str {
        self.surfaces
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(surface, _)| *surface)
            .expect("a phrase has a surface form")
    }
}

/// The phrase with its first letter in upper case.
pub(crate) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A name when no phrase qualifies: the keywords, else the start of the example note.
fn fallback_name(terms: &[String], example: &str) -> String {
    if !terms.is_empty() {
        return capitalise(&terms.join(", "));
    }
    let start: Vec<&str> = example.split_whitespace().take(6).collect();
    capitalise(&start.join(" "))
}

/// Distinguishing words of each group, best first (1 to `MAX_TERMS`; none when no note of
/// the group has a content word): class-based TF-IDF over stems, shown as each stem's most
/// frequent surface word, weighed by how specific the word is in general language in the
/// group's language (see [`commonness`]): "fortfarande" and "tar" set no group apart.
fn terms(corpus: &Corpus, clusters: &[Vec<usize>], languages: &[Language]) -> Vec<Vec<String>> {
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
        .zip(languages)
        .map(|(((c, members), &n_words), &language)| {
            // In groups of several notes, a word must occur in two of them to name the group.
            let min_notes = if members.len() >= 2 { 2 } else { 1 };
            let mut scored: Vec<(f64, &str)> = c
                .iter()
                .filter(|(_, (_, notes))| *notes >= min_notes)
                .map(|(s, (n, _))| {
                    let surface = corpus.surfaces[*s as usize].as_str();
                    let score = n / n_words
                        * (1.0 + average_words / total[s]).ln()
                        * commonness::specificity(surface, language);
                    (score, surface)
                })
                .collect();
            // Generic words name a group only when nothing better is there.
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

/// Whether two candidate phrases (key and surface) name the same thing: the same stems, or
/// one word each of the same root ("Systemet", "Systemen": the stemmer keeps "-et").
fn same_phrase(a: &(u32, String), b: &(u32, String)) -> bool {
    let one_word = |phrase: &str| !phrase.contains(char::is_whitespace);
    a.0 == b.0 || (one_word(&a.1) && one_word(&b.1) && same_root(&a.1.to_lowercase(), &b.1.to_lowercase()))
}

/// Whether two words share their first five letters (or one is a prefix of the other).
fn same_root(a: &str, b: &str) -> bool {
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    common >= 5 || common == a.chars().count().min(b.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_keeps_the_capitals_of_acronyms() {
        assert_eq!(capitalise("molntjänster och CLOUD Act"), "Molntjänster och CLOUD Act");
        assert_eq!(
            fallback_name(&[], "papperspost kostar oss miljoner varje år i porto"),
            "Papperspost kostar oss miljoner varje år"
        );
    }
}
