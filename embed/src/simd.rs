//! The matrix product of the encoder written with x86 vector intrinsics: 8-bit integers with
//! AVX-512 VNNI, and half-precision weights with f32 arithmetic on AVX-512 or AVX2.
//!
//! Nearly all of the encoder's time is spent here: about 21 million multiply-adds per token.
//! The weights come packed ([`crate::kernel::Packed`], [`PackedQ4`]): each panel of 64 output
//! columns is stored transposed, so a vector holds consecutive output columns for one input
//! (or group of four inputs). The kernels keep a tile of outputs (up to 6 tokens × a run of
//! columns) in registers, and for each input load the weight vectors once and multiply them
//! by that input of every token of the tile, broadcast: no sums across lanes, and about one
//! load per four multiply-adds. Panels are the outer loop, so a panel stays in the L2 cache
//! while every token passes over it.
//!
//! The only unsafe operations are the unaligned vector loads and stores, prefetch hints and
//! the scalar reads of the inputs through a pointer; each tile function checks the slice
//! lengths first, so every access is inside its slice.
#![allow(unsafe_code)]

use std::arch::x86_64::*;

use crate::kernel::{PANEL, PackedQ4};
use crate::quant::BLOCK;

/// Tokens per tile: 6 × 4 AVX-512 accumulators (or 6 × 2 AVX2 ones) leave registers for the
/// weights and the broadcast input.
const TILE: usize = 6;

/// `y[t][o] = bias[o] + x[t] · w[o]`, like `kernel::linear` (same arguments, `w` packed),
/// with the weights in half precision ([`crate::quant::f32_to_f16`], half the memory to
/// stream), converted to f32 as they are loaded; AVX-512F: tiles of up to 6 tokens × 64
/// columns (24 accumulators).
#[target_feature(enable = "avx512f,fma")]
pub fn linear_avx512_f16(x: &[f32], tokens: usize, w: &[u16], bias: &[f32], nin: usize, y: &mut [f32]) {
    panels_avx512(x, tokens, w, bias, nin, y, |w: &[u16; 16]| {
        // SAFETY: `w` is 16 halves, the 32 bytes the load reads.
        _mm512_cvtph_ps(unsafe { _mm256_loadu_si256(w.as_ptr().cast()) })
    });
}

/// The loop over panels and tiles of tokens, for weights of type `E` that `load` turns into
/// a vector of 16 floats.
#[target_feature(enable = "avx512f,fma")]
#[inline]
fn panels_avx512<E: Copy>(
    x: &[f32],
    tokens: usize,
    w: &[E],
    bias: &[f32],
    nin: usize,
    y: &mut [f32],
    load: impl Fn(&[E; 16]) -> __m512 + Copy,
) {
    let nout = bias.len();
    assert!(nout.is_multiple_of(PANEL) && w.len() == nout * nin);
    assert!(x.len() >= tokens * nin && y.len() >= tokens * nout);
    for (p, panel) in w.chunks_exact(PANEL * nin).enumerate() {
        let col = p * PANEL;
        // The first tile of a panel fetches the next panel into the cache as it goes.
        let mut next = w.get((p + 1) * PANEL * nin..(p + 2) * PANEL * nin).unwrap_or(&[]);
        let mut t = 0;
        while t + TILE <= tokens {
            tile_avx512::<TILE, E>(x, t, panel, next, bias, col, y, load);
            (t, next) = (t + TILE, &[]);
        }
        match tokens - t {
            0 => {}
            1 => tile_avx512::<1, E>(x, t, panel, next, bias, col, y, load),
            2 => tile_avx512::<2, E>(x, t, panel, next, bias, col, y, load),
            3 => tile_avx512::<3, E>(x, t, panel, next, bias, col, y, load),
            4 => tile_avx512::<4, E>(x, t, panel, next, bias, col, y, load),
            _ => tile_avx512::<5, E>(x, t, panel, next, bias, col, y, load),
        }
    }
}

/// Tokens `t0..t0 + T` of one panel (output columns `col..col + 64`); asks the CPU to bring
/// `next` (the next panel, or nothing) into the L2 cache meanwhile.
#[target_feature(enable = "avx512f,fma")]
#[inline]
#[allow(clippy::too_many_arguments)]
fn tile_avx512<const T: usize, E: Copy>(
    x: &[f32],
    t0: usize,
    panel: &[E],
    next: &[E],
    bias: &[f32],
    col: usize,
    y: &mut [f32],
    load: impl Fn(&[E; 16]) -> __m512,
) {
    let (nin, nout) = (panel.len() / PANEL, bias.len());
    assert!(col + PANEL <= nout && x.len() >= (t0 + T) * nin && y.len() >= (t0 + T) * nout);
    let (xp, yp) = (x[t0 * nin..].as_ptr(), y.as_mut_ptr());
    let lanes = [0, 16, 32, 48];
    // SAFETY: `col + 64 <= bias.len()`, so the four vectors at `bias[col + j]` are inside it.
    let mut acc = [lanes.map(|j| unsafe { _mm512_loadu_ps(bias.as_ptr().add(col + j)) }); T];
    for (k, row) in panel.chunks_exact(PANEL).enumerate() {
        let row: &[E; PANEL] = row.try_into().expect("a whole row");
        let wv = lanes.map(|j| load(row[j..j + 16].try_into().expect("16 weights")));
        if let Some(ahead) = next.get(k * PANEL..(k + 1) * PANEL) {
            prefetch_l2(ahead);
        }
        for (i, acc) in acc.iter_mut().enumerate() {
            // SAFETY: `i < T` and `k < nin`, and `x` holds `(t0 + T) * nin` floats.
            let xb = _mm512_set1_ps(unsafe { *xp.add(i * nin + k) });
            for (a, &wv) in acc.iter_mut().zip(&wv) {
                *a = _mm512_fmadd_ps(wv, xb, *a);
            }
        }
    }
    for (i, acc) in acc.iter().enumerate() {
        for (&j, &a) in lanes.iter().zip(acc) {
            // SAFETY: token `t0 + i < t0 + T` and column `col + j + 16 <= nout`, and `y` holds
            // `(t0 + T) * nout` floats.
            unsafe { _mm512_storeu_ps(yp.add((t0 + i) * nout + col + j), a) };
        }
    }
}

/// `y[t][o] = bias[o] + x[t] · w[o]` with AVX-512 VNNI: integer dot products of the quantised
/// inputs (`xq`, `sx` from [`crate::kernel::quantise_blocks`], `tokens` rows) and the 4-bit
/// weights, 64 multiply-adds per instruction. Each panel in two strips of 32 columns, tiles
/// of up to 6 tokens × 32 columns: 12 integer sums for the current block of 32 inputs, then
/// scaled by the block's weight and input scales into 12 float sums.
#[target_feature(enable = "avx512f,avx512vnni")]
pub fn linear_vnni(xq: &[u8], sx: &[f32], tokens: usize, w: &PackedQ4, bias: &[f32], y: &mut [f32]) {
    let (groups, scales, offsets) = (w.groups.panels(), w.scales.panels(), w.offsets.panels());
    let (nin, nout) = (w.groups.nin() * 4, bias.len());
    let blocks = nin / BLOCK;
    assert!(nout.is_multiple_of(PANEL) && groups.len() * 4 == nout * nin);
    assert!(scales.len() == nout * blocks && offsets.len() == nout * blocks);
    assert!(xq.len() >= tokens * nin && sx.len() >= tokens * blocks && y.len() >= tokens * nout);
    for p in 0..nout / PANEL {
        let panel = (
            &groups[p * PANEL * nin / 4..][..PANEL * nin / 4],
            &scales[p * PANEL * blocks..][..PANEL * blocks],
            &offsets[p * PANEL * blocks..][..PANEL * blocks],
        );
        // As in `panels_avx512`: the first tile fetches the next panel's weights.
        let mut next = groups.get((p + 1) * PANEL * nin / 4..(p + 2) * PANEL * nin / 4).unwrap_or(&[]);
        for strip in [0, 32] {
            let col = p * PANEL + strip;
            let mut t = 0;
            while t + TILE <= tokens {
                tile_vnni::<TILE>((xq, sx), t, panel, (strip, next), bias, col, y);
                (t, next) = (t + TILE, &[]);
            }
            let q = (xq, sx);
            match tokens - t {
                0 => {}
                1 => tile_vnni::<1>(q, t, panel, (strip, next), bias, col, y),
                2 => tile_vnni::<2>(q, t, panel, (strip, next), bias, col, y),
                3 => tile_vnni::<3>(q, t, panel, (strip, next), bias, col, y),
                4 => tile_vnni::<4>(q, t, panel, (strip, next), bias, col, y),
                _ => tile_vnni::<5>(q, t, panel, (strip, next), bias, col, y),
            }
            next = &[];
        }
    }
}

/// Tokens `t0..t0 + T` of columns `strip..strip + 32` of one panel (its groups, scales and
/// offsets; output columns `col..col + 32`), fetching `next` into the L2 cache meanwhile.
#[target_feature(enable = "avx512f,avx512vnni")]
#[inline]
fn tile_vnni<const T: usize>(
    (xq, sx): (&[u8], &[f32]),
    t0: usize,
    (groups, scales, offsets): (&[[i8; 4]], &[f32], &[i32]),
    (strip, next): (usize, &[[i8; 4]]),
    bias: &[f32],
    col: usize,
    y: &mut [f32],
) {
    let (nin, nout) = (groups.len() * 4 / PANEL, bias.len());
    let blocks = nin / BLOCK;
    assert!(strip + 32 <= PANEL && col + 32 <= nout);
    assert!(scales.len() == PANEL * blocks && offsets.len() == PANEL * blocks);
    assert!(xq.len() >= (t0 + T) * nin && sx.len() >= (t0 + T) * blocks && y.len() >= (t0 + T) * nout);
    let (xp, yp) = (xq[t0 * nin..].as_ptr(), y.as_mut_ptr());
    let lanes = [0, 16];
    // SAFETY: `col + 32 <= bias.len()`.
    let mut sums = [lanes.map(|j| unsafe { _mm512_loadu_ps(bias.as_ptr().add(col + j)) }); T];
    for b in 0..blocks {
        let at = b * PANEL + strip;
        // SAFETY: `at + 32 <= (b + 1) * 64 <= offsets.len()`.
        let offset = lanes.map(|j| unsafe { _mm512_loadu_si512(offsets.as_ptr().add(at + j).cast()) });
        let mut dots = [offset; T];
        for g in b * BLOCK / 4..(b + 1) * BLOCK / 4 {
            let row: &[[i8; 4]; PANEL] = groups[g * PANEL..][..PANEL].try_into().expect("a whole row");
            // SAFETY: 16 groups of 4 bytes from `row[strip + j]`, `strip + j + 16 <= 64`.
            let wv = lanes.map(|j| unsafe { _mm512_loadu_si512(row[strip + j..].as_ptr().cast()) });
            if let Some(ahead) = next.get(g * PANEL..(g + 1) * PANEL) {
                prefetch_l2(ahead);
            }
            for (i, dots) in dots.iter_mut().enumerate() {
                // SAFETY: inputs `4g..4g + 4 <= nin` of token `t0 + i < t0 + T`: inside `xq`.
                let four = unsafe { xp.add(i * nin + 4 * g).cast::<i32>().read_unaligned() };
                let xb = _mm512_set1_epi32(four);
                for (d, &wv) in dots.iter_mut().zip(&wv) {
                    *d = _mm512_dpbusd_epi32(*d, xb, wv);
                }
            }
        }
        // SAFETY: as for `offset`.
        let scale = lanes.map(|j| unsafe { _mm512_loadu_ps(scales.as_ptr().add(at + j)) });
        for (i, (sums, dots)) in sums.iter_mut().zip(&dots).enumerate() {
            let s = _mm512_set1_ps(sx[(t0 + i) * blocks + b]);
            for ((sum, &d), &w) in sums.iter_mut().zip(dots).zip(&scale) {
                *sum = _mm512_fmadd_ps(_mm512_cvtepi32_ps(d), _mm512_mul_ps(w, s), *sum);
            }
        }
    }
    for (i, sums) in sums.iter().enumerate() {
        for (&j, &v) in lanes.iter().zip(sums) {
            // SAFETY: token `t0 + i < t0 + T`, column `col + j + 16 <= nout`.
            unsafe { _mm512_storeu_ps(yp.add((t0 + i) * nout + col + j), v) };
        }
    }
}

/// Asks for every cache line of `row` to be brought into the L2 cache (a hint: no fault, no
/// wait).
#[inline(always)]
fn prefetch_l2<E>(row: &[E]) {
    for line in (0..size_of_val(row)).step_by(64) {
        // SAFETY: `line < size_of_val(row)`: the address is inside `row`; a prefetch reads
        // nothing into the program and cannot fault.
        unsafe { _mm_prefetch::<_MM_HINT_T1>(row.as_ptr().cast::<i8>().add(line)) };
    }
}

/// The same with AVX2, FMA and F16C (16 registers): each panel in four strips of 16 columns,
/// tiles of up to 6 tokens × 16 columns (12 accumulators).
#[target_feature(enable = "avx2,fma,f16c")]
pub fn linear_avx2_f16(x: &[f32], tokens: usize, w: &[u16], bias: &[f32], nin: usize, y: &mut [f32]) {
    panels_avx2(x, tokens, w, bias, nin, y, |w: &[u16; 8]| {
        // SAFETY: `w` is 8 halves, the 16 bytes the load reads.
        _mm256_cvtph_ps(unsafe { _mm_loadu_si128(w.as_ptr().cast()) })
    });
}

/// The loop over panels, strips and tiles of tokens, for weights of type `E` that `load`
/// turns into a vector of 8 floats.
#[target_feature(enable = "avx2,fma")]
#[inline]
fn panels_avx2<E: Copy>(
    x: &[f32],
    tokens: usize,
    w: &[E],
    bias: &[f32],
    nin: usize,
    y: &mut [f32],
    load: impl Fn(&[E; 8]) -> __m256 + Copy,
) {
    let nout = bias.len();
    assert!(nout.is_multiple_of(PANEL) && w.len() == nout * nin);
    assert!(x.len() >= tokens * nin && y.len() >= tokens * nout);
    for (p, panel) in w.chunks_exact(PANEL * nin).enumerate() {
        // As in `panels_avx512`: the first tile fetches the next panel.
        let mut next = w.get((p + 1) * PANEL * nin..(p + 2) * PANEL * nin).unwrap_or(&[]);
        for strip in (0..PANEL).step_by(16) {
            let col = p * PANEL + strip;
            let mut t = 0;
            while t + TILE <= tokens {
                tile_avx2::<TILE, E>(x, t, (panel, next), strip, bias, col, y, load);
                (t, next) = (t + TILE, &[]);
            }
            match tokens - t {
                0 => {}
                1 => tile_avx2::<1, E>(x, t, (panel, next), strip, bias, col, y, load),
                2 => tile_avx2::<2, E>(x, t, (panel, next), strip, bias, col, y, load),
                3 => tile_avx2::<3, E>(x, t, (panel, next), strip, bias, col, y, load),
                4 => tile_avx2::<4, E>(x, t, (panel, next), strip, bias, col, y, load),
                _ => tile_avx2::<5, E>(x, t, (panel, next), strip, bias, col, y, load),
            }
            next = &[];
        }
    }
}

/// Tokens `t0..t0 + T` of columns `strip..strip + 16` of one panel (output columns
/// `col..col + 16`), fetching `next` into the L2 cache meanwhile.
#[target_feature(enable = "avx2,fma")]
#[inline]
#[allow(clippy::too_many_arguments)]
fn tile_avx2<const T: usize, E: Copy>(
    x: &[f32],
    t0: usize,
    (panel, next): (&[E], &[E]),
    strip: usize,
    bias: &[f32],
    col: usize,
    y: &mut [f32],
    load: impl Fn(&[E; 8]) -> __m256,
) {
    let (nin, nout) = (panel.len() / PANEL, bias.len());
    assert!(strip + 16 <= PANEL && col + 16 <= nout);
    assert!(x.len() >= (t0 + T) * nin && y.len() >= (t0 + T) * nout);
    let (xp, yp) = (x[t0 * nin..].as_ptr(), y.as_mut_ptr());
    let lanes = [0, 8];
    // SAFETY: `col + 16 <= bias.len()`.
    let mut acc = [lanes.map(|j| unsafe { _mm256_loadu_ps(bias.as_ptr().add(col + j)) }); T];
    for (k, row) in panel.chunks_exact(PANEL).enumerate() {
        let row: &[E; PANEL] = row.try_into().expect("a whole row");
        let wv = lanes.map(|j| load(row[strip + j..strip + j + 8].try_into().expect("8 weights")));
        if let Some(ahead) = next.get(k * PANEL..(k + 1) * PANEL) {
            prefetch_l2(ahead);
        }
        for (i, acc) in acc.iter_mut().enumerate() {
            // SAFETY: `i < T` and `k < nin`, and `x` holds `(t0 + T) * nin` floats.
            let xb = _mm256_set1_ps(unsafe { *xp.add(i * nin + k) });
            for (a, &wv) in acc.iter_mut().zip(&wv) {
                *a = _mm256_fmadd_ps(wv, xb, *a);
            }
        }
    }
    for (i, acc) in acc.iter().enumerate() {
        for (&j, &a) in lanes.iter().zip(acc) {
            // SAFETY: token `t0 + i < t0 + T`, column `col + j + 8 <= nout`.
            unsafe { _mm256_storeu_ps(yp.add((t0 + i) * nout + col + j), a) };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernel::Packed;
    use crate::kernel::tests::{assert_linear, linear_case};
    use crate::quant::f32_to_f16;

    type Linear = fn(&[f32], usize, &[u16], &[f32], usize, &mut [f32]);

    /// Every token remainder (1–13 tokens: two whole tiles and each partial one), two panels.
    /// Each weight is rounded to a half, by at most 2^-11 of itself: hence the tolerance.
    fn check(f: Linear) {
        let (nin, nout) = (48, 2 * PANEL);
        for tokens in 1..=2 * TILE + 1 {
            let (x, w, b) = linear_case(tokens, nin, nout);
            let packed = Packed::new(&w, nout, nin, f32_to_f16);
            let mut y = vec![f32::NAN; tokens * nout];
            f(&x, tokens, packed.panels(), &b, nin, &mut y);
            assert_linear(&y, &x, &w, &b, tokens, nin, 1e-3);
        }
    }

    #[test]
    fn avx512_matches_plain_loops() {
        if is_x86_feature_detected!("avx512f") && is_x86_feature_detected!("fma") {
            // SAFETY: the features were just detected.
            check(|x, t, w, b, n, y| unsafe { linear_avx512_f16(x, t, w, b, n, y) });
        }
    }

    #[test]
    fn vnni_matches_plain_loops() {
        if !(is_x86_feature_detected!("avx512f") && is_x86_feature_detected!("avx512vnni")) {
            return;
        }
        // Q4_0 blocks of varied scales and nibbles, and inputs quantised as the encoder does:
        // the kernel must give the exact dot products of what it was given, up to f32 rounding.
        let (nin, nout) = (64, 2 * PANEL);
        let blocks: Vec<u8> = (0..nout * nin / BLOCK)
            .flat_map(|b| {
                let scale = f32_to_f16(0.01 + (b % 7) as f32 * 0.003).to_le_bytes();
                scale.into_iter().chain((0..16).map(move |j| ((b * 31 + j * 7) % 256) as u8))
            })
            .collect();
        let w = crate::quant::dequantise(&blocks);
        let packed = PackedQ4::new(&blocks, nout, nin);
        for tokens in 1..=2 * TILE + 1 {
            let (x, _, b) = linear_case(tokens, nin, nout);
            let (mut xq, mut sx) = (Vec::new(), Vec::new());
            crate::kernel::quantise_blocks::<16>(&x, &mut xq, &mut sx);
            let dequantised: Vec<f32> =
                xq.iter().enumerate().map(|(i, &q)| (f32::from(q) - 128.0) * sx[i / BLOCK]).collect();
            let mut y = vec![f32::NAN; tokens * nout];
            // SAFETY: the features were just detected.
            unsafe { linear_vnni(&xq, &sx, tokens, &packed, &b, &mut y) };
            assert_linear(&y, &dequantised, &w, &b, tokens, nin, 1e-5);
        }
    }

    #[test]
    fn avx2_matches_plain_loops() {
        let f16c = is_x86_feature_detected!("f16c");
        if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") && f16c {
            // SAFETY: the features were just detected.
            check(|x, t, w, b, n, y| unsafe { linear_avx2_f16(x, t, w, b, n, y) });
        }
    }
}
