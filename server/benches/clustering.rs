//! Speed of `clustering::cluster` on workshop-sized (800) and large (10,000) inputs, from
//! stored sentence vectors (the way the server clusters: vectors are made once per note) and
//! by words alone, next to a naive baseline: normalised Levenshtein similarity over all
//! pairs, grouped by threshold.
//!
//! Run with `cargo bench --bench clustering`. The notes come from the labelled sets in
//! `testdata/clustering` (the 10,000 by concatenating the sets' texts). The vectors are made
//! once before timing with the model in `models/` (or `KLUSTRA_EMBEDDING_MODEL`); without
//! it only the word-based timings run.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use server::clustering::{Constraints, NoteInput, Settings, cluster};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata/clustering");

fn load(file: &str) -> Vec<NoteInput> {
    let text = std::fs::read_to_string(format!("{DATA}/{file}")).expect("data set present");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("valid JSONL");
            NoteInput::new(
                format!("{file}:{}", v["id"].as_str().expect("string id")),
                v["text"].as_str().expect("text"),
            )
        })
        .collect()
}

/// 10,000 notes: the full sets' texts, concatenated in a fixed order.
fn ten_thousand() -> Vec<NoteInput> {
    let files = [
        "swefaq_sv.jsonl",
        "argsent_sv.jsonl",
        "sib200_sv.jsonl",
        "sib200_en.jsonl",
        "stackoverflow.jsonl",
        "searchsnippets.ws800.jsonl",
        "agnews.ws800.jsonl",
        "biomedical.ws800.jsonl",
    ];
    let mut notes: Vec<NoteInput> = files.iter().flat_map(|f| load(f)).collect();
    notes.truncate(10_000);
    assert_eq!(notes.len(), 10_000);
    notes
}

/// The naive baseline: all-pairs normalised Levenshtein similarity, then single-link
/// grouping of pairs above the threshold (union-find).
fn strsim_all_pairs(notes: &[NoteInput], threshold: f64) -> usize {
    let texts: Vec<String> = notes.iter().map(|n| n.text.to_lowercase()).collect();
    let mut parent: Vec<usize> = (0..texts.len()).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for i in 0..texts.len() {
        for j in i + 1..texts.len() {
            if strsim::normalized_levenshtein(&texts[i], &texts[j]) >= threshold {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    (0..texts.len()).filter(|&i| find(&mut parent, i) == i).count()
}

/// The same notes with their sentence vectors, when the model is there.
fn with_vectors(notes: &[NoteInput]) -> Option<Vec<NoteInput>> {
    let path = std::env::var_os("KLUSTRA_EMBEDDING_MODEL").map_or_else(
        || concat!(env!("CARGO_MANIFEST_DIR"), "/../models/e5-small-q4.bin").into(),
        PathBuf::from,
    );
    let Ok(model) = embed::Model::load(&path) else {
        eprintln!("no sentence model at {}: timing clustering by words alone", path.display());
        return None;
    };
    let texts: Vec<&str> = notes.iter().map(|n| n.text.as_str()).collect();
    let vectors = model.par_embed_batch(&texts);
    Some(notes.iter().zip(vectors).map(|(n, v)| NoteInput { vector: Some(v), ..n.clone() }).collect())
}

fn benches(c: &mut Criterion) {
    let settings = Settings::default();
    let none = Constraints::default();
    let workshop = load("argsent_sv.ws800.jsonl");
    let large = ten_thousand();

    let mut group = c.benchmark_group("cluster");
    group.sample_size(20);
    if let Some(vectors) = with_vectors(&workshop) {
        group.bench_function("klustra_800_vectors", |b| {
            b.iter(|| cluster(black_box(&vectors), &settings, &none))
        });
    }
    group.bench_function("klustra_800_words", |b| b.iter(|| cluster(black_box(&workshop), &settings, &none)));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("strsim_all_pairs_800", |b| b.iter(|| strsim_all_pairs(black_box(&workshop), 0.5)));
    if let Some(vectors) = with_vectors(&large) {
        group.bench_function("klustra_10000_vectors", |b| {
            b.iter(|| cluster(black_box(&vectors), &settings, &none))
        });
    }
    group.bench_function("klustra_10000_words", |b| b.iter(|| cluster(black_box(&large), &settings, &none)));
    group.finish();
}

criterion_group!(clustering, benches);
criterion_main!(clustering);
