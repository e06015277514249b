//! The real [`Embedder`]: multilingual-e5-small (4-bit), run on the CPU by the `embed` crate.

use std::path::Path;

use super::Embedder;

/// The sentence model loaded from its file.
pub struct SentenceModel {
    model: embed::Model,
}

impl SentenceModel {
    /// Reads the model file (`models/e5-small-q4.bin` by default).
    pub fn load(path: &Path) -> Result<Self, embed::LoadError> {
        Ok(SentenceModel { model: embed::Model::load(path)? })
    }
}

impl Embedder for SentenceModel {
    /// On one thread: the worker and the hints each take one core at most, so requests
    /// keep the other.
    fn embed_batch(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        self.model.embed_batch(texts)
    }
}
