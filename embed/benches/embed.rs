//! Time per note (a 5-word and a 25-word Swedish note, one thread), throughput of a batch of
//! 64 notes on one and two threads, and resident memory with the model loaded.
//!
//! Run with `cargo bench -p embed`; the model file comes from `KLUSTRA_EMBEDDING_MODEL` or
//! `models/e5-small-q4.bin` (`source scripts/lib.sh && ensure_model` installs it).

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use embed::Model;

const SHORT: &str = "E-legitimation för alla medarbetare";
const LONG: &str = "Vi behöver en gemensam lösning för e-legitimation så att medarbetare på alla \
                    myndigheter kan logga in i varandras system utan egna konton och lösenord \
                    för varje tjänst.";

fn model_path() -> PathBuf {
    std::env::var_os("KLUSTRA_EMBEDDING_MODEL")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../models/e5-small-q4.bin")))
}

/// Resident memory of this process in MB, from /proc/self/status.
fn resident_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

fn bench(c: &mut Criterion) {
    let before = resident_mb();
    let model = Model::load(&model_path()).expect("model file (run scripts/lib.sh ensure_model)");
    let loaded = resident_mb();
    model.embed(LONG);
    eprintln!(
        "resident memory: {before:.0} MB before loading, {loaded:.0} MB loaded, {:.0} MB after one note",
        resident_mb()
    );
    eprintln!(
        "tokens: short note {}, long note {} ({} words)",
        model.token_count(SHORT),
        model.token_count(LONG),
        LONG.split_whitespace().count()
    );

    c.bench_function("embed 5-word note, 1 thread", |b| b.iter(|| model.embed(black_box(SHORT))));
    c.bench_function("embed 25-word note, 1 thread", |b| b.iter(|| model.embed(black_box(LONG))));

    let notes: Vec<String> = (0..64).map(|i| format!("{LONG} ({i})")).collect();
    let notes: Vec<&str> = notes.iter().map(String::as_str).collect();
    let mut group = c.benchmark_group("embed 64 25-word notes");
    group.throughput(Throughput::Elements(notes.len() as u64)).sample_size(10);
    for threads in [1, 2] {
        group.bench_function(format!("{threads} thread(s)"), |b| {
            b.iter(|| model.embed_batch(black_box(&notes), threads))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
