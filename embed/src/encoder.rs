//! The BERT encoder of multilingual-e5-small (XLM-RoBERTa layout): embeddings, 12 post-norm
//! layers of self-attention and GELU feed-forward, and mean pooling.
//!
//! The word-embedding table (250k rows, 54 MB) stays 4-bit and one row is expanded per
//! token. The layers' weights (21 M) are packed once at load for the matrix product of the
//! CPU: on CPUs with AVX-512 VNNI they stay 4-bit (one byte each, 24 MB) and the inputs are
//! quantised to 8 bits per block of 32, as the reference engine does; with AVX-512 or AVX2
//! alone they are expanded to half precision (42 MB) and multiplied in f32; elsewhere to f32
//! (85 MB). `BENCHMARKS.md`, "Sentence model", says why.

use crate::format::{LoadError, ModelFile, Sizes, TensorKind};
use crate::kernel::{Packed, PackedQ4};
use crate::quant::{BLOCK, BLOCK_BYTES};
#[cfg(target_arch = "x86_64")]
use crate::simd;
use crate::{kernel, quant};

/// A dense layer: `y = W x + b`, `W` (`nout` rows of `nin`) packed for the kernels.
struct Linear {
    w: Weights,
    b: Box<[f32]>,
}

/// A layer's weights as its instruction set's kernel reads them.
enum Weights {
    /// In half precision for the vector kernels, which convert them as they load them: half
    /// the memory to read per pass, and each value is a 4-bit weight times the block's
    /// half-precision scale, so rounding it to a half changes it by at most 2^-11.
    Half(Packed<u16>),
    /// In single precision for the portable kernel, which has no cheap conversion.
    Single(Packed<f32>),
    /// As they are in the file (4-bit, a scale per block of 32) for the integer kernel.
    Int4(PackedQ4),
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
    /// AVX-512 with the integer dot product (VNNI): the matrix products in 8-bit integers.
    Avx512Vnni,
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
        let isa = detect_isa();
        let word = file.tensor("emb.word", TensorKind::Q4, s.vocab_rows * h)?.bytes.into();
        let norm = |name: &str| -> Result<Norm, LoadError> {
            Ok(Norm {
                w: file.floats(&format!("{name}.w"), h)?.into(),
                b: file.floats(&format!("{name}.b"), h)?.into(),
            })
        };
        let linear = |name: &str, nout: usize, nin: usize| -> Result<Linear, LoadError> {
            // Query, key and value are stacked into one layer of three times the outputs.
            let (mut q4, mut b) = (Vec::new(), Vec::new());
            for part in name.split('+') {
                q4.extend_from_slice(file.tensor(&format!("{part}.w"), TensorKind::Q4, nout * nin)?.bytes);
                b.extend(file.floats(&format!("{part}.b"), nout)?);
            }
            let nout = b.len();
            let w = match isa {
                Isa::Avx512Vnni => Weights::Int4(PackedQ4::new(&q4, nout, nin)),
                Isa::Avx512 | Isa::Avx2 => {
                    Weights::Half(Packed::new(&quant::dequantise(&q4), nout, nin, quant::f32_to_f16))
                }
                Isa::Portable => Weights::Single(Packed::new(&quant::dequantise(&q4), nout, nin, |v| v)),
            };
            Ok(Linear { w, b: b.into() })
        };
        let mut layers = Vec::with_capacity(s.layers);
        for l in 0..s.layers {
            let qkv = linear(&format!("l{l}.q+l{l}.k+l{l}.v"), h, h)?;
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
            isa,
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

    /// The forward pass, for vectors of `L` floats, with or without fused multiply-add.
    #[inline(always)]
    fn forward<const L: usize, const FMA: bool>(&self, segments: &[&[u32]]) -> Vec<Vec<f32>> {
        let Sizes { hidden: h, ffn, eps, .. } = self.sizes;
        let tokens: usize = segments.iter().map(|s| s.len()).sum();
        let mut x = vec![0f32; tokens * h];
        let mut qkv = vec![0f32; tokens * 3 * h];
        let mut context = vec![0f32; tokens * h];
        let mut sub = vec![0f32; tokens * h];
        let mut mid = vec![0f32; tokens * ffn];

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

        for layer in &self.layers {
            self.linear::<L, FMA>(&x, tokens, &layer.qkv, &mut qkv);
            self.attend::<L, FMA>(&qkv, segments, &mut context);
            self.linear::<L, FMA>(&context, tokens, &layer.attention_out, &mut sub);
            add_norm::<L, FMA>(&mut x, &sub, &layer.attention_norm, eps, h);

            self.linear::<L, FMA>(&x, tokens, &layer.up, &mut mid);
            kernel::gelu::<FMA>(&mut mid);
            self.linear::<L, FMA>(&mid, tokens, &layer.down, &mut sub);
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

    /// Scaled dot-product attention of every head, each segment's tokens among themselves:
    /// `qkv` holds each token's query, key and value side by side; `context` gets the result.
    #[inline(always)]
    fn attend<const L: usize, const FMA: bool>(&self, qkv: &[f32], segments: &[&[u32]], context: &mut [f32]) {
        let Sizes { hidden: h, heads, .. } = self.sizes;
        let head_dim = h / heads;
        let scale = 1.0 / (head_dim as f32).sqrt();
        // A segment's keys of one head, transposed (`keys[d][s]`) and padded to whole vectors,
        // so that a query's scores are `head_dim` vector multiply-adds along the segment
        // rather than one dot product (and a sum across lanes) per key.
        let longest = segments.iter().map(|s| s.len()).max().unwrap_or(0).next_multiple_of(L);
        let mut keys = vec![0f32; head_dim * longest];
        let mut weights = vec![0f32; longest];
        let mut start = 0;
        for segment in segments {
            let (s0, n) = (start, segment.len());
            start += n;
            let padded = n.next_multiple_of(L);
            let keys = &mut keys[..head_dim * padded];
            // The padding must score the same whatever the previous segment left there.
            keys.fill(0.0);
            let weights = &mut weights[..padded];
            for head in 0..heads {
                let col = head * head_dim;
                for (s, t) in (s0..s0 + n).enumerate() {
                    let k = &qkv[t * 3 * h + h + col..][..head_dim];
                    for (d, &v) in k.iter().enumerate() {
                        keys[d * padded + s] = v * scale;
                    }
                }
                for t in s0..s0 + n {
                    let q = &qkv[t * 3 * h + col..][..head_dim];
                    kernel::combine_rows::<L, FMA>(q, keys, padded, weights);
                    // The padding is left out of the softmax.
                    weights[n..].fill(f32::NEG_INFINITY);
                    let max = kernel::max::<L>(weights);
                    for w in weights.iter_mut() {
                        *w = kernel::exp::<FMA>(*w - max);
                    }
                    let inv = 1.0 / weights[..n].iter().sum::<f32>();
                    weights.iter_mut().for_each(|w| *w *= inv);
                    let out = &mut context[t * h + col..][..head_dim];
                    let values = &qkv[s0 * 3 * h + 2 * h + col..];
                    kernel::combine_rows::<L, FMA>(&weights[..n], values, 3 * h, out);
                }
            }
        }
    }

    /// `y = x Wᵀ + b` for `tokens` rows of `x`, with the intrinsics of the detected CPU.
    #[inline(always)]
    #[allow(unsafe_code)]
    fn linear<const L: usize, const FMA: bool>(&self, x: &[f32], tokens: usize, lin: &Linear, y: &mut [f32]) {
        let b = &lin.b;
        match (&lin.w, self.isa) {
            #[cfg(target_arch = "x86_64")]
            // SAFETY: `detect_isa` chose Avx512 only on a CPU with AVX-512F and FMA.
            (Weights::Half(w), Isa::Avx512) => unsafe {
                simd::linear_avx512_f16(x, tokens, w.panels(), b, w.nin(), y)
            },
            #[cfg(target_arch = "x86_64")]
            // SAFETY: `detect_isa` chose Avx2 only on a CPU with AVX2, FMA and F16C.
            (Weights::Half(w), Isa::Avx2) => unsafe {
                simd::linear_avx2_f16(x, tokens, w.panels(), b, w.nin(), y)
            },
            #[cfg(target_arch = "x86_64")]
            (Weights::Int4(w), Isa::Avx512Vnni) => {
                let (mut xq, mut sx) = (Vec::new(), Vec::new());
                kernel::quantise_blocks::<L>(&x[..tokens * w.groups.nin() * 4], &mut xq, &mut sx);
                // SAFETY: `detect_isa` chose Avx512Vnni only on a CPU with AVX-512F and VNNI.
                unsafe { simd::linear_vnni(&xq, &sx, tokens, w, b, y) }
            }
            (Weights::Single(w), _) => kernel::linear::<FMA>(x, tokens, w.panels(), b, w.nin(), y),
            (Weights::Half(_) | Weights::Int4(_), _) => {
                unreachable!("weights are packed for the kernel of the detected CPU")
            }
        }
    }

    /// Expands row `id` of the word-embedding table into `out`.
    fn word_row(&self, id: u32, out: &mut [f32]) {
        let row_bytes = out.len() / BLOCK * BLOCK_BYTES;
        let start = id as usize * row_bytes;
        quant::dequantise_into(&self.word[start..start + row_bytes], out);
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
            // The 8-bit route is twice as fast but its rounding moved the clustering of the
            // held-out sib200_sv half from ARI 0.317 to 0.267 (BENCHMARKS.md, "Sentence
            // model"), so it is taken only when asked for.
            if std::env::var_os("KLUSTRA_EMBED_INT8").is_some()
                && std::arch::is_x86_feature_detected!("avx512vnni")
            {
                return Isa::Avx512Vnni;
            }
            return Isa::Avx512;
        }
        if std::arch::is_x86_feature_detected!("avx2")
            && std::arch::is_x86_feature_detected!("fma")
            && std::arch::is_x86_feature_detected!("f16c")
        {
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
        // SAFETY: `detect_isa` chose Avx512 or Avx512Vnni only after checking that this CPU
        // has AVX-512F and FMA, the features `forward_avx512` is compiled with; the function itself is
        // safe code.
        Isa::Avx512 | Isa::Avx512Vnni => unsafe { forward_avx512(encoder, segments) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: as above, with AVX2, FMA and F16C checked by `detect_isa`.
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
#[target_feature(enable = "avx2,fma,f16c")]
fn forward_avx2(encoder: &Encoder, segments: &[&[u32]]) -> Vec<Vec<f32>> {
    encoder.forward::<8, true>(segments)
}
