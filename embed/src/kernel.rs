//! The numeric inner loops, written so the compiler vectorises them.
//!
//! The functions are generic over `L`, the number of f32 lanes a vector register holds (8 for
//! AVX2, 16 for AVX-512), and `FMA`, whether fused multiply-add is available. Sums keep `L`
//! independent partial sums: the compiler may not reorder a plain `sum += a * b` (f32
//! addition is not associative), and then it would neither vectorise nor pipeline it.
//! All functions are `#[inline(always)]`, so they are compiled into the encoder entry point
//! of each instruction set (`encoder::forward_*`) with that set's features. The packed
//! weight layout ([`Packed`]) of the matrix product is defined here too; its fast kernels
//! are in `simd`.

use crate::quant;
use crate::quant::{BLOCK, BLOCK_BYTES};

/// `a * b + c`, fused where the CPU can (without FMA, `mul_add` would be a slow libm call).
#[inline(always)]
fn madd<const FMA: bool>(a: f32, b: f32, c: f32) -> f32 {
    if FMA { a.mul_add(b, c) } else { a * b + c }
}

#[inline(always)]
fn chunk<const L: usize>(s: &[f32], k: usize) -> &[f32; L] {
    s[k..k + L].try_into().expect("a whole chunk")
}

/// Output columns per panel of a [`Packed`] weight matrix: four AVX-512 vectors.
pub const PANEL: usize = 64;

/// A weight matrix laid out for the matrix product: the `nout` output columns cut into panels
/// of [`PANEL`], each panel stored transposed (`nin` rows of `PANEL` floats, one after the
/// other). One vector load then takes consecutive output columns for one input, so the
/// kernels multiply it by a broadcast input value and never sum across lanes, and a panel is
/// read front to back. The first panel starts on a 64-byte boundary, so every row of a panel
/// is whole cache lines.
pub struct Packed<E = f32> {
    data: Box<[E]>,
    start: usize,
    nin: usize,
    nout: usize,
}

impl<E: Copy + Default> Packed<E> {
    /// Packs `w`, `nout` rows of `nin` (row-major, as in the file), each weight stored as
    /// `convert` makes it; `nout` must be a multiple of [`PANEL`].
    pub fn new(w: &[f32], nout: usize, nin: usize, convert: impl Fn(f32) -> E) -> Packed<E> {
        assert_eq!(w.len(), nout * nin, "{nout} × {nin} weights");
        Packed::from_fn(nout, nin, |o, k| convert(w[o * nin + k]))
    }

    /// Packs the matrix whose element `(o, k)` (output `o < nout`, input `k < nin`) is
    /// `element(o, k)`; `nout` must be a multiple of [`PANEL`].
    pub fn from_fn(nout: usize, nin: usize, element: impl Fn(usize, usize) -> E) -> Packed<E> {
        assert!(nout.is_multiple_of(PANEL), "{nout} outputs");
        // Room to move the start to the next cache line (64 bytes).
        let pad = 64 / size_of::<E>();
        let mut data = vec![E::default(); nout * nin + pad].into_boxed_slice();
        let start = data.as_ptr().align_offset(64).min(pad);
        let panels = &mut data[start..start + nout * nin];
        // Output by output, as the file stores them; the scattered writes stay within one
        // panel (at most a few hundred kB, in cache).
        for (p, panel) in panels.chunks_exact_mut(PANEL * nin).enumerate() {
            for j in 0..PANEL {
                for k in 0..nin {
                    panel[k * PANEL + j] = element(p * PANEL + j, k);
                }
            }
        }
        Packed { data, start, nin, nout }
    }

    /// The panels, one after the other: element `(k, o)` of `Wᵀ` is at
    /// `(o / PANEL) * PANEL * nin + k * PANEL + o % PANEL`.
    pub fn panels(&self) -> &[E] {
        &self.data[self.start..self.start + self.nout * self.nin]
    }

    /// Inputs per output (the length of a row of `x`).
    pub fn nin(&self) -> usize {
        self.nin
    }
}

/// A Q4_0 weight matrix laid out for an integer matrix product (AVX-512 VNNI): the 4-bit
/// weights as signed bytes, four consecutive inputs of one output per 32-bit lane (the
/// operand of one `vpdpbusd` lane), in panels like [`Packed`]; each block's scale; and each
/// block's offset, `-128 ×` the sum of its weights, which undoes the `+ 128` that makes the
/// quantised inputs unsigned ([`quantise_blocks`]).
pub struct PackedQ4 {
    /// Element `(o, g)`: the weights of output `o` for inputs `4g..4g + 4`.
    pub groups: Packed<[i8; 4]>,
    /// Element `(o, b)`: the scale of block `b` (inputs `32b..32b + 32`) of output `o`.
    pub scales: Packed<f32>,
    /// Element `(o, b)`: `-128 ×` the sum of the weights of that block.
    pub offsets: Packed<i32>,
}

impl PackedQ4 {
    /// Packs `blocks`, `nout` rows of `nin` weights in Q4_0 blocks (as in the file).
    pub fn new(blocks: &[u8], nout: usize, nin: usize) -> PackedQ4 {
        let per_row = nin / BLOCK;
        assert!(nin.is_multiple_of(BLOCK) && blocks.len() == nout * per_row * BLOCK_BYTES);
        let block = |o: usize, b: usize| &blocks[(o * per_row + b) * BLOCK_BYTES..][..BLOCK_BYTES];
        let weight = |o: usize, k: usize| quant::weight(block(o, k / BLOCK), k % BLOCK);
        PackedQ4 {
            groups: Packed::from_fn(nout, nin / 4, |o, g| std::array::from_fn(|i| weight(o, 4 * g + i))),
            scales: Packed::from_fn(nout, per_row, |o, b| quant::scale(block(o, b))),
            offsets: Packed::from_fn(nout, per_row, |o, b| {
                -128 * (0..BLOCK).map(|j| i32::from(weight(o, b * BLOCK + j))).sum::<i32>()
            }),
        }
    }
}

/// Quantises rows of `x` (`nin` wide, a multiple of 32) for [`PackedQ4`]: each block of 32
/// values `v` of a row becomes the bytes `round(v / s) + 128` with `s = max |v| / 127`, and
/// `s` goes to `scales` (one per block, row by row). Written lane by lane (`L` lanes) so that
/// it vectorises: done for every input of every matrix product, it is not negligible.
#[inline(always)]
pub fn quantise_blocks<const L: usize>(x: &[f32], bytes: &mut Vec<u8>, scales: &mut Vec<f32>) {
    bytes.resize(x.len(), 0);
    scales.resize(x.len() / BLOCK, 0.0);
    for ((block, out), scale) in
        x.chunks_exact(BLOCK).zip(bytes.chunks_exact_mut(BLOCK)).zip(scales.iter_mut())
    {
        let mut lanes = [0f32; L];
        for c in block.chunks_exact(L) {
            for (m, v) in lanes.iter_mut().zip(c) {
                *m = if v.abs() > *m { v.abs() } else { *m };
            }
        }
        let max = lane_max(lanes);
        *scale = max / 127.0;
        let inv = if max > 0.0 { 127.0 / max } else { 0.0 };
        for (q, &v) in out.iter_mut().zip(block) {
            // |v · inv| <= 127, so `v · inv + 128` is in 1..=255. Adding 1.5 · 2^23 rounds it
            // to an integer (to nearest, ties to even) in the low bits of the significand: a
            // float addition and a truncation, where a float-to-integer cast would be checked
            // element by element.
            *q = (v * inv + 128.0 + 12_582_912.0).to_bits() as u8;
        }
    }
}

/// `y[t][o] = bias[o] + x[t] · w[o]` for `tokens` rows of `x` (row-major, `nin` wide), with
/// `w` given as [`Packed::panels`] and `nout = bias.len()` outputs.
///
/// The portable version, for CPUs without AVX2 (`simd` has the fast ones): a token's 64
/// sums of one panel are updated together, input by input, a loop the compiler vectorises
/// for any width.
#[inline(always)]
pub fn linear<const FMA: bool>(x: &[f32], tokens: usize, w: &[f32], bias: &[f32], nin: usize, y: &mut [f32]) {
    let nout = bias.len();
    assert!(nout.is_multiple_of(PANEL) && w.len() == nout * nin);
    for (p, panel) in w.chunks_exact(PANEL * nin).enumerate() {
        let col = p * PANEL;
        for t in 0..tokens {
            let mut acc: [f32; PANEL] = bias[col..col + PANEL].try_into().expect("a whole panel");
            for (&xk, row) in x[t * nin..(t + 1) * nin].iter().zip(panel.chunks_exact(PANEL)) {
                for (a, &wk) in acc.iter_mut().zip(row) {
                    *a = madd::<FMA>(xk, wk, *a);
                }
            }
            y[t * nout + col..][..PANEL].copy_from_slice(&acc);
        }
    }
}

/// `acc += w * x`, lane by lane: one vector multiply-add.
#[inline(always)]
fn fma_lanes<const L: usize, const FMA: bool>(acc: &mut [f32; L], w: &[f32; L], x: &[f32; L]) {
    for l in 0..L {
        acc[l] = madd::<FMA>(w[l], x[l], acc[l]);
    }
}

/// `a · b`, both of a length that is a multiple of `L`.
#[inline(always)]
pub fn dot<const L: usize, const FMA: bool>(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0f32; L];
    for k in (0..a.len()).step_by(L) {
        let (av, bv) = (chunk::<L>(a, k), chunk::<L>(b, k));
        fma_lanes::<L, FMA>(&mut acc, av, bv);
    }
    acc.iter().sum()
}

/// Sum of `a`, whose length is a multiple of `L`.
#[inline(always)]
pub fn sum<const L: usize>(a: &[f32]) -> f32 {
    let mut acc = [0f32; L];
    for k in (0..a.len()).step_by(L) {
        let av = chunk::<L>(a, k);
        for l in 0..L {
            acc[l] += av[l];
        }
    }
    acc.iter().sum()
}

/// The largest value of `a` (whose length is a multiple of `L`), `-inf` if empty.
#[inline(always)]
pub fn max<const L: usize>(a: &[f32]) -> f32 {
    let mut acc = [f32::NEG_INFINITY; L];
    for c in a.chunks_exact(L) {
        for (m, &v) in acc.iter_mut().zip(c) {
            *m = if v > *m { v } else { *m };
        }
    }
    lane_max(acc)
}

/// The largest of `L` lanes (`L` a power of two), halving the width at each step, with plain
/// comparisons (`f32::max` would handle NaN element by element, a scalar loop).
#[inline(always)]
fn lane_max<const L: usize>(mut lanes: [f32; L]) -> f32 {
    let mut width = L;
    while width > 1 {
        width /= 2;
        for i in 0..width {
            lanes[i] = if lanes[i + width] > lanes[i] { lanes[i + width] } else { lanes[i] };
        }
    }
    lanes[0]
}

/// `out[c] = Σ_d a[d] · rows[d · stride + c]` (`out.len()` a multiple of `L`): one vector of
/// sums at a time, kept in a register while every row passes (adding row by row into `out`
/// would load and store it for each row).
#[inline(always)]
pub fn combine_rows<const L: usize, const FMA: bool>(
    a: &[f32],
    rows: &[f32],
    stride: usize,
    out: &mut [f32],
) {
    for (c, out) in out.chunks_exact_mut(L).enumerate() {
        let mut acc = [0f32; L];
        for (d, &ad) in a.iter().enumerate() {
            fma_lanes::<L, FMA>(&mut acc, &[ad; L], chunk::<L>(rows, d * stride + c * L));
        }
        out.copy_from_slice(&acc);
    }
}

/// Layer normalisation of one row in place: zero mean, unit variance, then `* w + b`.
#[inline(always)]
pub fn layer_norm<const L: usize, const FMA: bool>(row: &mut [f32], w: &[f32], b: &[f32], eps: f32) {
    let n = row.len() as f32;
    let mean = sum::<L>(row) / n;
    row.iter_mut().for_each(|v| *v -= mean);
    let var = dot::<L, FMA>(row, row) / n;
    let inv = 1.0 / (var + eps).sqrt();
    for ((v, &wi), &bi) in row.iter_mut().zip(w).zip(b) {
        *v = madd::<FMA>(*v * inv, wi, bi);
    }
}

/// GELU with the exact error function, `x/2 · (1 + erf(x/√2))`, in place.
#[inline(always)]
pub fn gelu<const FMA: bool>(xs: &mut [f32]) {
    for v in xs.iter_mut() {
        *v = 0.5 * *v * (1.0 + erf::<FMA>(*v * std::f32::consts::FRAC_1_SQRT_2));
    }
}

/// `exp(x)` for x ≥ -87.3 (within 2 ulp; below, exp(-87.3)), branch-free so that a loop of it vectorises: libm's is a call per
/// element, and softmax needs one per pair of tokens per head.
#[inline(always)]
pub fn exp<const FMA: bool>(x: f32) -> f32 {
    // exp(x) = 2^n · exp(r) with n = round(x / ln 2) and |r| ≤ ln 2 / 2 (Cephes' expf).
    let x = x.clamp(-87.3, 88.7);
    let n = (x * std::f32::consts::LOG2_E).round_ties_even();
    let r = madd::<FMA>(n, 2.121_944_4e-4, madd::<FMA>(n, -0.693_359_4, x));
    let mut p = 1.987_569_1e-4;
    for c in [1.398_2e-3, 8.333_452e-3, 4.166_579_6e-2, 0.166_666_65, 0.5] {
        p = madd::<FMA>(p, r, c);
    }
    let y = madd::<FMA>(p, r * r, r) + 1.0;
    f32::from_bits(((n as i32 + 127) as u32) << 23) * y
}

/// The error function as a rational function of x (the approximation used by Eigen and XLA
/// for f32; within 5e-7 of the true value), branch-free so that it vectorises, unlike libm's.
#[inline(always)]
fn erf<const FMA: bool>(x: f32) -> f32 {
    let x = x.clamp(-4.0, 4.0);
    let x2 = x * x;
    let mut p = -2.726_142_3e-10;
    for c in [2.770_681_4e-8, -2.101_024e-6, -5.692_506_4e-5, -7.349_906_3e-4, -2.954_6e-3, -1.609_603_3e-2] {
        p = madd::<FMA>(x2, p, c);
    }
    let mut q = -1.456_607_2e-5;
    for c in [-2.133_740_6e-4, -1.682_827e-3, -7.373_329_2e-3, -1.426_474e-2] {
        q = madd::<FMA>(x2, q, c);
    }
    x * p / q
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn erf_matches_known_values() {
        for (x, want) in
            [(0.0, 0.0), (0.5, 0.520_499_9), (1.0, 0.842_700_8), (-2.0, -0.995_322_3), (5.0, 1.0)]
        {
            assert!((erf::<false>(x) - want).abs() < 1e-6, "erf({x}) = {}", erf::<false>(x));
        }
    }

    #[test]
    fn exp_matches_std() {
        // Below -87.3 the result is clamped (softmax weights that small do not matter).
        for i in -873..=880 {
            let x = i as f32 * 0.1;
            let (got, want) = (exp::<false>(x), x.exp());
            assert!((got - want).abs() <= want * 3e-7, "exp({x}) = {got}, not {want}");
        }
    }

    /// Random-looking inputs for the matrix-product tests: `x` (`tokens × nin`), `w`
    /// (`nout × nin`, row-major as in the file) and the bias.
    pub(crate) fn linear_case(tokens: usize, nin: usize, nout: usize) -> (Vec<f32>, Vec<f32>, Vec<f32>) {
        let x = (0..tokens * nin).map(|i| (i as f32 * 0.37).sin()).collect();
        let w = (0..nout * nin).map(|i| (i as f32 * 0.11).cos()).collect();
        let b = (0..nout).map(|i| i as f32 * 0.5).collect();
        (x, w, b)
    }

    /// Checks `y` against `bias + x · w` computed with plain loops on the unpacked `w`.
    /// `tolerance` is relative to the size of the terms (half-precision weights round each one by up to 2^-11).
    pub(crate) fn assert_linear(
        y: &[f32],
        x: &[f32],
        w: &[f32],
        b: &[f32],
        tokens: usize,
        nin: usize,
        tolerance: f32,
    ) {
        let nout = b.len();
        for t in 0..tokens {
            for o in 0..nout {
                let want = b[o] + (0..nin).map(|k| x[t * nin + k] * w[o * nin + k]).sum::<f32>();
                let scale =
                    b[o].abs() + (0..nin).map(|k| (x[t * nin + k] * w[o * nin + k]).abs()).sum::<f32>();
                let got = y[t * nout + o];
                assert!(
                    (got - want).abs() <= tolerance * scale,
                    "{tokens} tokens: y[{t}][{o}] = {got}, not {want}"
                );
            }
        }
    }

    #[test]
    fn combine_rows_and_max_match_plain_loops() {
        let (a, n) = ([0.5, -2.0, 3.0], 32);
        let rows: Vec<f32> = (0..a.len() * n).map(|i| (i as f32 * 0.7).sin()).collect();
        let mut out = vec![f32::NAN; n];
        combine_rows::<16, true>(&a, &rows, n, &mut out);
        for (c, &o) in out.iter().enumerate() {
            let want: f32 = a.iter().enumerate().map(|(d, &ad)| ad * rows[d * n + c]).sum();
            assert!((o - want).abs() < 1e-5, "out[{c}] = {o}, not {want}");
        }
        assert_eq!(max::<16>(&rows), rows.iter().copied().fold(f32::NEG_INFINITY, f32::max));
        assert_eq!(max::<8>(&[-3.0; 8]), -3.0);
    }

    #[test]
    fn packing_transposes_each_panel() {
        let (nout, nin) = (2 * PANEL, 3);
        let w: Vec<f32> = (0..nout * nin).map(|i| i as f32).collect();
        let packed = Packed::new(&w, nout, nin, |v| v);
        let panels = packed.panels();
        assert_eq!(panels.as_ptr().align_offset(64), 0);
        for o in 0..nout {
            for k in 0..nin {
                assert_eq!(panels[(o / PANEL) * PANEL * nin + k * PANEL + o % PANEL], w[o * nin + k]);
            }
        }
    }

    #[test]
    fn linear_matches_plain_loops() {
        let (nin, nout) = (40, 2 * PANEL);
        for tokens in [1, 2, 7] {
            let (x, w, b) = linear_case(tokens, nin, nout);
            let packed = Packed::new(&w, nout, nin, |v| v);
            let mut y = vec![f32::NAN; tokens * nout];
            linear::<true>(&x, tokens, packed.panels(), &b, nin, &mut y);
            assert_linear(&y, &x, &w, &b, tokens, nin, 1e-5);
        }
    }
}
