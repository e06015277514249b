//! Quality regression test: the Swedish labelled sets must keep the ARI and NMI recorded in
//! BENCHMARKS.md (minus a small margin), both with the true number of themes given and with
//! the default threshold alone.
//!
//! Reads the repository's `testdata/clustering`; ARI and NMI are computed here
//! (cross-checked once against `tools/clusterbench.py`, which uses scikit-learn).

use std::collections::HashMap;

use server::clustering::{Constraints, MATCH_THRESHOLD, NoteInput, Settings, cluster, match_themes};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata/clustering");
/// How far below the recorded figure a score may fall before the test fails.
const MARGIN: f64 = 0.01;

/// (file, ARI and NMI with K given, ARI and NMI with the threshold alone), as recorded.
const RECORDED: [(&str, [f64; 2], [f64; 2]); 3] = [
    ("swefaq_sv.jsonl", [0.533, 0.734], [0.522, 0.726]),
    ("argsent_sv.ws800.jsonl", [0.720, 0.702], [0.665, 0.651]),
    ("sib200_sv.ws800.jsonl", [0.041, 0.064], [0.044, 0.156]),
];

struct Labelled {
    notes: Vec<NoteInput>,
    labels: Vec<String>,
}

fn load(file: &str) -> Labelled {
    let text = std::fs::read_to_string(format!("{DATA}/{file}"))
        .unwrap_or_else(|e| panic!("reading {DATA}/{file}: {e}"));
    let mut notes = Vec::new();
    let mut labels = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("valid JSONL");
        notes.push(NoteInput {
            id: v["id"].as_str().expect("string id").to_owned(),
            text: v["text"].as_str().expect("text").to_owned(),
        });
        labels.push(v["label"].as_str().expect("label").to_owned());
    }
    Labelled { notes, labels }
}

/// Predicted cluster per note, in input order (the unsorted group is one cluster).
fn predict(data: &Labelled, settings: &Settings) -> Vec<usize> {
    let result = cluster(&data.notes, settings, &Constraints::default());
    let mut of: HashMap<&str, usize> = HashMap::new();
    for (c, theme) in result.themes.iter().enumerate() {
        for id in &theme.note_ids {
            of.insert(id, c);
        }
    }
    data.notes.iter().map(|n| of[n.id.as_str()]).collect()
}

/// Contingency table of two labelings, as counts.
fn contingency<A: Eq + std::hash::Hash, B: Eq + std::hash::Hash>(
    a: &[A],
    b: &[B],
) -> (Vec<Vec<f64>>, Vec<f64>, Vec<f64>) {
    let mut ia: HashMap<&A, usize> = HashMap::new();
    let mut ib: HashMap<&B, usize> = HashMap::new();
    for x in a {
        let next = ia.len();
        ia.entry(x).or_insert(next);
    }
    for y in b {
        let next = ib.len();
        ib.entry(y).or_insert(next);
    }
    let mut table = vec![vec![0.0; ib.len()]; ia.len()];
    for (x, y) in a.iter().zip(b) {
        table[ia[x]][ib[y]] += 1.0;
    }
    let rows = table.iter().map(|r| r.iter().sum()).collect();
    let cols = (0..ib.len()).map(|j| table.iter().map(|r| r[j]).sum()).collect();
    (table, rows, cols)
}

/// Adjusted Rand index (Hubert and Arabie), as scikit-learn computes it.
fn ari<A: Eq + std::hash::Hash, B: Eq + std::hash::Hash>(a: &[A], b: &[B]) -> f64 {
    let pairs = |x: f64| x * (x - 1.0) / 2.0;
    let (table, rows, cols) = contingency(a, b);
    let index: f64 = table.iter().flatten().map(|&x| pairs(x)).sum();
    let sum_rows: f64 = rows.iter().map(|&x| pairs(x)).sum();
    let sum_cols: f64 = cols.iter().map(|&x| pairs(x)).sum();
    let expected = sum_rows * sum_cols / pairs(a.len() as f64);
    let max = (sum_rows + sum_cols) / 2.0;
    if max == expected {
        return 1.0;
    }
    (index - expected) / (max - expected)
}

/// Normalised mutual information with the arithmetic mean of the entropies (scikit-learn's
/// default).
fn nmi<A: Eq + std::hash::Hash, B: Eq + std::hash::Hash>(a: &[A], b: &[B]) -> f64 {
    let n = a.len() as f64;
    let (table, rows, cols) = contingency(a, b);
    let entropy = |counts: &[f64]| -> f64 {
        counts.iter().filter(|&&c| c > 0.0).map(|&c| -(c / n) * (c / n).ln()).sum()
    };
    let (ha, hb) = (entropy(&rows), entropy(&cols));
    if ha == 0.0 && hb == 0.0 {
        return 1.0;
    }
    let mut mi = 0.0;
    for (i, row) in table.iter().enumerate() {
        for (j, &nij) in row.iter().enumerate() {
            if nij > 0.0 {
                mi += nij / n * (n * nij / (rows[i] * cols[j])).ln();
            }
        }
    }
    let denominator = (ha + hb) / 2.0;
    if denominator == 0.0 { 0.0 } else { (mi / denominator).max(0.0) }
}

#[test]
fn metrics_match_scikit_learn() {
    // Values from sklearn.metrics.adjusted_rand_score / normalized_mutual_info_score.
    let truth = [0, 0, 0, 1, 1, 1, 2, 2, 2, 2];
    let pred = [0, 0, 1, 1, 1, 2, 2, 2, 2, 0];
    assert!((ari(&truth, &pred) - 0.204_545_454_545_454_56).abs() < 1e-9);
    assert!((nmi(&truth, &pred) - 0.442_701_283_346_05).abs() < 1e-9);
    assert!((ari(&truth, &truth) - 1.0).abs() < 1e-12);
    assert!((nmi(&truth, &truth) - 1.0).abs() < 1e-12);
}

#[test]
fn swedish_quality_does_not_regress() {
    let mut failures = Vec::new();
    for (file, with_k, with_threshold) in RECORDED {
        let data = load(file);
        let k = {
            let mut labels = data.labels.clone();
            labels.sort_unstable();
            labels.dedup();
            labels.len()
        };
        let runs = [
            ("K given", Settings { target_themes: Some(k), ..Settings::default() }, with_k),
            ("threshold", Settings::default(), with_threshold),
        ];
        for (mode, settings, [min_ari, min_nmi]) in runs {
            let pred = predict(&data, &settings);
            let (a, m) = (ari(&data.labels, &pred), nmi(&data.labels, &pred));
            println!("{file} {mode}: ARI {a:.3} NMI {m:.3}");
            if a < min_ari - MARGIN || m < min_nmi - MARGIN {
                failures.push(format!(
                    "{file} ({mode}): ARI {a:.3} NMI {m:.3}, recorded {min_ari:.3} {min_nmi:.3}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "quality fell: {failures:#?}");
}

/// A labelled set split in two "rounds" (even and odd lines), each clustered with the
/// threshold alone; every theme stands for its most common label. Returns, for `threshold`,
/// (precision, recall) of the matching: a match is right when both themes stand for the
/// same label; recall is right matches over the most one-to-one pairs of equal labels.
fn matching_quality(data: &Labelled, threshold: f32) -> (f64, f64) {
    let half = |parity: usize| -> (Vec<Vec<&str>>, Vec<&str>) {
        let notes: Vec<NoteInput> = data.notes.iter().skip(parity).step_by(2).cloned().collect();
        let label_of: HashMap<&str, &str> =
            data.notes.iter().zip(&data.labels).map(|(n, l)| (n.id.as_str(), l.as_str())).collect();
        let text_of: HashMap<&str, &str> =
            data.notes.iter().map(|n| (n.id.as_str(), n.text.as_str())).collect();
        let themes = cluster(&notes, &Settings::default(), &Constraints::default()).themes;
        let mut texts = Vec::new();
        let mut majority = Vec::new();
        for theme in themes.iter().filter(|t| !t.unsorted) {
            let mut counts: HashMap<&str, usize> = HashMap::new();
            for id in &theme.note_ids {
                *counts.entry(label_of[id.as_str()]).or_default() += 1;
            }
            let (label, _) = counts.into_iter().max_by_key(|(l, c)| (*c, std::cmp::Reverse(*l))).unwrap();
            majority.push(label);
            texts.push(theme.note_ids.iter().map(|id| text_of[id.as_str()]).collect());
        }
        (texts, majority)
    };
    let (first, first_labels) = half(0);
    let (second, second_labels) = half(1);
    let matches = match_themes(&second, &first, threshold);
    let made = matches.iter().filter(|m| m.is_some()).count();
    let right = matches
        .iter()
        .enumerate()
        .filter(|(i, m)| m.is_some_and(|j| first_labels[j] == second_labels[*i]))
        .count();
    // One-to-one matching: a label can pair at most as many themes as the rarer side has.
    let mut labels: Vec<&str> = second_labels.clone();
    labels.sort_unstable();
    labels.dedup();
    let count = |all: &[&str], l: &str| all.iter().filter(|x| **x == l).count();
    let possible: usize = labels.iter().map(|l| count(&first_labels, l).min(count(&second_labels, l))).sum();
    (right as f64 / made.max(1) as f64, right as f64 / possible.max(1) as f64)
}

/// (file, precision and recall recorded at `MATCH_THRESHOLD`).
const MATCHING_RECORDED: [(&str, [f64; 2]); 2] =
    [("swefaq_sv.jsonl", [0.800, 0.727]), ("argsent_sv.ws800.jsonl", [0.857, 0.286])];

#[test]
fn themes_of_two_rounds_are_matched_by_topic() {
    let mut failures = Vec::new();
    for (file, [min_precision, min_recall]) in MATCHING_RECORDED {
        let data = load(file);
        for threshold in [0.2, MATCH_THRESHOLD, 0.4] {
            let (precision, recall) = matching_quality(&data, threshold);
            println!("{file} matching at {threshold}: precision {precision:.3} recall {recall:.3}");
            if threshold == MATCH_THRESHOLD
                && (precision < min_precision - MARGIN || recall < min_recall - MARGIN)
            {
                failures.push(format!("{file}: precision {precision:.3} recall {recall:.3}"));
            }
        }
    }
    assert!(failures.is_empty(), "matching fell: {failures:#?}");
}
