//! The BERT encoder of multilingual-e5-small (XLM-RoBERTa layout): embeddings, 12 post-norm
//! layers of self-attention and GELU feed-forward, and mean pooling.
//!
//! The word-embedding table (250k rows, 54 MB) stays 4-bit and one row is expanded per
//! token; the layers' weights (21 M) are expanded to f32 once at load, so the matrix
//! products run as plain f32 multiply-adds (see `BENCHMARKS.md`, "Sentence model", for why).

use crate::format::{BLOCK, BLOCK_BYTES, LoadError, ModelFile, Sizes, TensorKind};
use crate::kernel;

/// A dense layer: `y = W x + b`, `W` row-major (`nout` rows of `nin`).
struct Linear {
    w: Box<[f32]>,
    b: Box<[f32]>,
    nin: usize,
}

struct Norm {
    w: Box<[f32]>,
    b: Box<[f32]>,
}

struct Layer {
    /// Query, key and value stacked: one pass over the input makes all three.
    qkv: Linear,
    attention_out: Linear,
    attention_norm: Norm,
    up: Linear,
    down: Linear,
    output_norm: Norm,
}

/// The instruction set the forward pass was compiled for, chosen once at load.
#[derive(Clone, Copy, Debug)]
enum Isa {
    Avx512,
    Avx2,
    Portable,
}

pub(crate) struct Encoder {
    sizes: Sizes,
    /// Q4_0 blocks, `hidden / 32` per row.
    word: Box<[u8]>,
    position: Box<[f32]>,
    token_type: Box<[f32]>,
    embedding_norm: Norm,
    layers: Vec<Layer>,
    isa: Isa,
}

impl Encoder {
    pub fn new(file: &ModelFile<'_>) -> Result<Self, LoadError> {
        let s = file.sizes;
        let h = s.hidden;
        let word = file.tensor("emb.word", TensorKind::Q4, s.vocab_rows * h)?.bytes.into();
        let norm = |name: &str| -> Result<Norm, LoadError> {
            Ok(Norm {
                w: file.floats(&format!("{name}.w"), h)?.into(),
                b: file.floats(&format!("{name}.b"), h)?.into(),
            })
        };
        let linear = |name: &str, nout: usize, nin: usize| -> Result<Linear, LoadError> {
            let q = file.tensor(&format!("{name}.w"), TensorKind::Q4, nout * nin)?;
            Ok(Linear {
                w: dequantise(q.bytes).into(),
                b: file.floats(&format!("{name}.b"), nout)?.into(),
                nin,
            })
        };
        let mut layers = Vec::with_capacity(s.layers);
        for l in 0..s.layers {
            let [q, k, v] = [
                linear(&format!("l{l}.q"), h, h)?,
                linear(&format!("l{l}.k"), h, h)?,
                linear(&format!("l{l}.v"), h, h)?,
            ];
            let qkv =
                Linear { w: [q.w, k.w, v.w].concat().into(), b: [q.b, k.b, v.b].concat().into(), nin: h };
            layers.push(Layer {
                qkv,
                attention_out: linear(&format!("l{l}.ao"), h, h)?,
                attention_norm: norm(&format!("l{l}.aln"))?,
                up: linear(&format!("l{l}.fi"), s.ffn, h)?,
                down: linear(&format!("l{l}.fo"), h, s.ffn)?,
                output_norm: norm(&format!("l{l}.oln"))?,
            });
        }
        Ok(Encoder {
            sizes: s,
            word,
            position: file.floats("emb.pos", s.max_positions * h)?.into(),
            token_type: file.floats("emb.type", 2 * h)?[..h].into(),
            embedding_norm: norm("emb.ln")?,
            layers,
            isa: detect_isa(),
        })
    }

    pub fn sizes(&self) -> Sizes {
        self.sizes
    }

    /// The mean of the last hidden states of each segment (token ids with `<s>`, `</s>`,
    /// at most `max_positions` each), not yet normalised. The segments run as one batch: each
    /// weight row is read once for all their tokens, but a token attends only to its own
    /// segment.
    pub fn pooled(&self, segments: &[&[u32]]) -> Vec<Vec<f32>> {
        dispatch(self.isa, self, segments)
    }

    #[inline(always)]
    fn forward<const L: usize, const FMA: bool>(&self, segments: &[&[u32]]) -> Vec<Vec<f32>> {
        let Sizes { hidden: h, heads, ffn, eps, .. } = self.sizes;
        let head_dim = h / heads;
        let tokens: usize = segments.iter().map(|s| s.len()).sum();
        let mut x = vec![0f32; tokens * h];
        let mut qkv = vec![0f32; tokens * 3 * h];
        let mut context = vec![0f32; tokens * h];
        let mut sub = vec![0f32; tokens * h];
        let mut mid = vec![0f32; tokens * ffn];
        let longest = segments.iter().map(|s| s.len()).max().unwrap_or(0);
        let mut probs = vec![0f32; longest];

        // Embeddings: word + position + token type 0, then layer norm.
        let mut rows = x.chunks_exact_mut(h);
        for segment in segments {
            for (p, (&id, row)) in segment.iter().zip(&mut rows).enumerate() {
                self.word_row(id, row);
                let pos = &self.position[p * h..(p + 1) * h];
                for ((v, &pv), &tv) in row.iter_mut().zip(pos).zip(&self.token_type[..]) {
                    *v += pv + tv;
                }
                let n = &self.embedding_norm;
                kernel::layer_norm::<L, FMA>(row, &n.w, &n.b, eps);
            }
        }

        let scale = 1.0 / (head_dim as f32).sqrt();
        for layer in &self.layers {
            kernel::linear::<L, FMA>(&x, tokens, &layer.qkv.w, &layer.qkv.b, h, &mut qkv);
            // Attention, each segment on its own.
            let mut start = 0;
            for segment in segments {
                let (s0, s1) = (start, start + segment.len());
                start = s1;
                for head in 0..heads {
                    let col = head * head_dim;
                    for t in s0..s1 {
                        let q = &qkv[t * 3 * h + col..][..head_dim];
                        let mut max = f32::NEG_INFINITY;
                        for (s, p) in (s0..s1).zip(probs.iter_mut()) {
                            let k = &qkv[s * 3 * h + h + col..][..head_dim];
                            *p = kernel::dot::<L, FMA>(q, k) * scale;
                            max = max.max(*p);
                        }
                        let probs = &mut probs[..s1 - s0];
                        let mut total = 0.0;
                        for p in probs.iter_mut() {
                            *p = (*p - max).exp();
                            total += *p;
                        }
                        let out = &mut context[t * h + col..][..head_dim];
                        out.fill(0.0);
                        for (s, &p) in (s0..s1).zip(probs.iter()) {
                            let v = &qkv[s * 3 * h + 2 * h + col..][..head_dim];
                            kernel::axpy::<FMA>(p / total, v, out);
                        }
                    }
                }
            }
            kernel::linear::<L, FMA>(
                &context,
                tokens,
                &layer.attention_out.w,
                &layer.attention_out.b,
                h,
                &mut sub,
            );
            add_norm::<L, FMA>(&mut x, &sub, &layer.attention_norm, eps, h);

            kernel::linear::<L, FMA>(&x, tokens, &layer.up.w, &layer.up.b, h, &mut mid);
            kernel::gelu::<FMA>(&mut mid);
            kernel::linear::<L, FMA>(&mid, tokens, &layer.down.w, &layer.down.b, layer.down.nin, &mut sub);
            add_norm::<L, FMA>(&mut x, &sub, &layer.output_norm, eps, h);
        }

        // Mean pooling over every token of the segment, `<s>` and `</s>` included.
        let mut start = 0;
        segments
            .iter()
            .map(|segment| {
                let mut mean = vec![0f32; h];
                for row in x[start * h..(start + segment.len()) * h].chunks_exact(h) {
                    mean.iter_mut().zip(row).for_each(|(m, &v)| *m += v);
                }
                start += segment.len();
                let inv = 1.0 / segment.len().max(1) as f32;
                mean.iter_mut().for_each(|m| *m *= inv);
                mean
            })
            .collect()
    }

    /// Expands row `id` of the word-embedding table into `out`.
    fn word_row(&self, id: u32, out: &mut [f32]) {
        let row_bytes = out.len() / BLOCK * BLOCK_BYTES;
        let start = id as usize * row_bytes;
        dequantise_into(&self.word[start..start + row_bytes], out);
    }
}

/// `x = LayerNorm(x + y)`, row by row (BERT's post-norm residual).
#[inline(always)]
fn add_norm<const L: usize, const FMA: bool>(x: &mut [f32], y: &[f32], norm: &Norm, eps: f32, h: usize) {
    for (row, add) in x.chunks_exact_mut(h).zip(y.chunks_exact(h)) {
        row.iter_mut().zip(add).for_each(|(v, &a)| *v += a);
        kernel::layer_norm::<L, FMA>(row, &norm.w, &norm.b, eps);
    }
}

fn detect_isa() -> Isa {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx512f") && std::arch::is_x86_feature_detected!("fma") {
            return Isa::Avx512;
        }
        if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma") {
            return Isa::Avx2;
        }
    }
    Isa::Portable
}

/// Runs the forward pass compiled for `isa`.
#[allow(unsafe_code)]
fn dispatch(isa: Isa, encoder: &Encoder, segments: &[&[u32]]) -> Vec<Vec<f32>> {
    match isa {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `detect_isa` chose Avx512 only after checking that this CPU has AVX-512F
        // and FMA, the features `forward_avx512` is compiled with; the function itself is
        // safe code.
        Isa::Avx512 => unsafe { forward_avx512(encoder, segments) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: as above, with AVX2 and FMA checked by `detect_isa`.
        Isa::Avx2 => unsafe { forward_avx2(encoder, segments) },
        _ => encoder.forward::<8, false>(segments),
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx2,fma")]
fn forward_avx512(encoder: &Encoder, segments: &[&[u32]]) -> Vec<Vec<f32>> {
    encoder.forward::<16, true>(segments)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn forward_avx2(encoder: &Encoder, segments: &[&[u32]]) -> Vec<Vec<f32>> {
    encoder.forward::<8, true>(segments)
}

/// Expands Q4_0 blocks to f32.
fn dequantise(blocks: &[u8]) -> Vec<f32> {
    let mut out = vec![0f32; blocks.len() / BLOCK_BYTES * BLOCK];
    dequantise_into(blocks, &mut out);
    out
}

/// One block: an f16 scale `d`, then 16 bytes whose low nibbles are weights 0–15 and high
/// nibbles weights 16–31, each `(nibble - 8) * d`.
fn dequantise_into(blocks: &[u8], out: &mut [f32]) {
    for (block, out) in blocks.chunks_exact(BLOCK_BYTES).zip(out.chunks_exact_mut(BLOCK)) {
        let d = f16_to_f32(u16::from_le_bytes([block[0], block[1]]));
        let (low, high) = out.split_at_mut(BLOCK / 2);
        for ((&q, lo), hi) in block[2..].iter().zip(low).zip(high) {
            *lo = (f32::from(q & 0x0f) - 8.0) * d;
            *hi = (f32::from(q >> 4) - 8.0) * d;
        }
    }
}

/// IEEE half to single precision, subnormals included.
fn f16_to_f32(h: u16) -> f32 {
    let sign = u32::from(h & 0x8000) << 16;
    let exp = u32::from(h >> 10) & 0x1f;
    let man = u32::from(h) & 0x3ff;
    let bits = match (exp, man) {
        (0, 0) => sign,
        // Subnormal: the value is man · 2^-24, exactly representable in f32.
        (0, _) => {
            let v = man as f32 * f32::powi(2.0, -24);
            return if sign != 0 { -v } else { v };
        }
        (31, _) => sign | 0x7f80_0000 | (man << 13),
        _ => sign | ((exp + 127 - 15) << 23) | (man << 13),
    };
    f32::from_bits(bits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f16_conversion() {
        assert_eq!(f16_to_f32(0x3c00), 1.0);
        assert_eq!(f16_to_f32(0xc000), -2.0);
        assert_eq!(f16_to_f32(0x3555), 0.333_251_95);
        assert_eq!(f16_to_f32(0x0001), 5.960_464_5e-8);
        assert_eq!(f16_to_f32(0x8001), -5.960_464_5e-8);
        assert_eq!(f16_to_f32(0x7c00), f32::INFINITY);
    }

    #[test]
    fn q4_block_layout() {
        // Scale 0.5; byte j holds weight j (low nibble) and weight j + 16 (high nibble).
        let mut block = vec![0x00, 0x38];
        block.extend((0..16u8).map(|j| (15 - j) << 4 | j));
        let w = dequantise(&block);
        assert_eq!(w[0], -4.0);
        assert_eq!(w[15], 3.5);
        assert_eq!(w[16], 3.5);
        assert_eq!(w[31], -4.0);
    }
}
