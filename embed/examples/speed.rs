//! Embedding speed and memory: time per note (a 5-word and a 25-word Swedish note, one
//! thread), throughput of a batch of 64 notes on one and two threads, and resident memory
//! with the model loaded.
//!
//! `cargo run --release -p embed --example speed [MODEL]`; the model file defaults to
//! `KLUSTRA_EMBEDDING_MODEL` or `models/e5-small-q4.bin` (`scripts/lib.sh ensure_model`).
//! Besides wall-clock time it prints the CPU time the process used, which stays honest on a
//! machine shared with other work.

use std::path::PathBuf;
use std::time::Instant;

use embed::Model;

const SHORT: &str = "E-legitimation för alla medarbetare";
const LONG: &str = "Vi behöver en gemensam lösning för e-legitimation så att medarbetare på alla \
                    myndigheter kan logga in i varandras system utan egna konton och lösenord \
                    för varje tjänst.";

fn main() {
    let path = std::env::args_os()
        .nth(1)
        .or_else(|| std::env::var_os("KLUSTRA_EMBEDDING_MODEL"))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../models/e5-small-q4.bin")));
    let before = resident_mb();
    let started = Instant::now();
    let model = Model::load(&path).unwrap_or_else(|e| panic!("{e} (run scripts/lib.sh ensure_model)"));
    println!("load: {:.0} ms", started.elapsed().as_secs_f64() * 1e3);
    model.embed(LONG);
    println!("resident memory: {before:.0} MB before loading, {:.0} MB with the model loaded", resident_mb());

    for (name, text) in [("5-word", SHORT), ("25-word", LONG)] {
        let words = text.split_whitespace().count();
        let (wall, cpu) = measure(50, || {
            model.embed(text);
        });
        println!(
            "{name} note ({words} words, {} tokens), 1 thread: {wall:.1} ms wall, {cpu:.1} ms CPU per note",
            model.token_count(text)
        );
    }

    let notes: Vec<String> = (0..64).map(|i| format!("{LONG} ({i})")).collect();
    let notes: Vec<&str> = notes.iter().map(String::as_str).collect();
    for (threads, parallel) in [("1 thread", false), ("rayon's pool", true)] {
        let (wall, cpu) = measure(3, || {
            if parallel {
                model.par_embed_batch(&notes);
            } else {
                model.embed_batch(&notes);
            }
        });
        println!(
            "64 25-word notes, {threads}: {:.1} notes/s wall, {:.1} ms CPU per note",
            notes.len() as f64 / (wall / 1e3),
            cpu / notes.len() as f64
        );
    }
}

/// Mean wall-clock and CPU milliseconds of `f` over `runs` runs (after one warm-up run).
fn measure(runs: u32, mut f: impl FnMut()) -> (f64, f64) {
    f();
    let (wall, cpu) = (Instant::now(), cpu_ms());
    for _ in 0..runs {
        f();
    }
    (wall.elapsed().as_secs_f64() * 1e3 / f64::from(runs), (cpu_ms() - cpu) / f64::from(runs))
}

/// CPU time used by this process (all threads), from /proc/self/stat, in milliseconds.
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces): utime and stime are 14 and 15.
    let fields: Vec<&str> =
        stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("").split_whitespace().collect();
    let ticks: f64 =
        fields.get(11..13).map(|f| f.iter().filter_map(|v| v.parse::<f64>().ok()).sum()).unwrap_or(0.0);
    ticks * 10.0 // USER_HZ is 100 on Linux
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
