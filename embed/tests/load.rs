//! A wrong or damaged model file is refused with a clear error, never a panic.

use std::path::{Path, PathBuf};

use embed::{LoadError, Model};

fn model_path() -> PathBuf {
    std::env::var_os("KLUSTRA_EMBEDDING_MODEL")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../models/e5-small-q4.bin")))
}

#[test]
fn a_missing_file_names_its_path() {
    let err = Model::load(Path::new("/nonexistent/e5-small-q4.bin")).err().expect("no model");
    assert!(matches!(err, LoadError::Io { .. }));
    assert!(err.to_string().contains("/nonexistent/e5-small-q4.bin"), "{err}");
}

#[test]
fn a_file_of_another_kind_is_not_a_model() {
    let err = Model::from_bytes(b"PK\x03\x04 a zip file, not a model").err().expect("no model");
    assert!(matches!(err, LoadError::NotAModel), "{err}");
    assert!(matches!(Model::from_bytes(b"").err(), Some(LoadError::NotAModel)));
}

#[test]
fn a_truncated_file_is_refused_wherever_it_ends() {
    let path = model_path();
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run `source scripts/lib.sh && ensure_model` from the repository root",
            path.display()
        )
    });
    // In the header, the vocabulary, the normalisation table's neighbourhood, the tensor
    // directory's end, and the weights (first, middle, the very last byte).
    for len in [6, 40, 1_000_000, 4_600_000, 4_638_000, 4_700_000, bytes.len() / 2, bytes.len() - 1] {
        let err = Model::from_bytes(&bytes[..len]).err().unwrap_or_else(|| panic!("{len} bytes accepted"));
        assert!(matches!(err, LoadError::Truncated(_)), "{len} bytes: {err}");
        assert!(err.to_string().contains("truncated"), "{err}");
    }
}
