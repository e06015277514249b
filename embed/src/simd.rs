//! The matrix product of the encoder written with x86 vector intrinsics (AVX-512 and AVX2).
//!
//! Nearly all of the encoder's time is spent here: about 21 million multiply-adds per token.
//! The weights come packed ([`crate::kernel::Packed`]): each panel of 64 output columns is stored
//! transposed, so a vector holds consecutive output columns for one input. The kernels keep
//! a tile of outputs (up to 6 tokens × a run of columns) in registers, and for each input
//! load the weight vectors once and multiply them by that input of every token of the tile,
//! broadcast: no sums across lanes, and about one load per four multiply-adds. Panels are the
//! outer loop, so a panel stays in the L2 cache while every token passes over it.
//!
//! The only unsafe operations are the unaligned vector loads and stores and the scalar reads
//! of `x` through a pointer; each tile function checks the slice lengths first, so every
//! access is inside its slice.
#![allow(unsafe_code)]

use std::arch::x86_64::*;

use crate::kernel::PANEL;

/// Tokens per tile: 6 × 4 AVX-512 accumulators (or 6 × 2 AVX2 ones) leave registers for the
/// weights and the broadcast input.
const TILE: usize = 6;

/// `y[t][o] = bias[o] + x[t] · w[o]`, like `kernel::linear` (same arguments, `w` packed),
/// with AVX-512F: tiles of up to 6 tokens × 64 columns (24 accumulators).
#[target_feature(enable = "avx512f,fma")]
pub fn linear_avx512(x: &[f32], tokens: usize, w: &[f32], bias: &[f32], nin: usize, y: &mut [f32]) {
    let nout = bias.len();
    assert!(nout.is_multiple_of(PANEL) && w.len() == nout * nin);
    assert!(x.len() >= tokens * nin && y.len() >= tokens * nout);
    for (p, panel) in w.chunks_exact(PANEL * nin).enumerate() {
        let mut t = 0;
        while t + TILE <= tokens {
            tile_avx512::<TILE>(x, t, panel, bias, p * PANEL, y);
            t += TILE;
        }
        match tokens - t {
            0 => {}
            1 => tile_avx512::<1>(x, t, panel, bias, p * PANEL, y),
            2 => tile_avx512::<2>(x, t, panel, bias, p * PANEL, y),
            3 => tile_avx512::<3>(x, t, panel, bias, p * PANEL, y),
            4 => tile_avx512::<4>(x, t, panel, bias, p * PANEL, y),
            _ => tile_avx512::<5>(x, t, panel, bias, p * PANEL, y),
        }
    }
}

/// Tokens `t0..t0 + T` of one panel (output columns `col..col + 64`).
#[target_feature(enable = "avx512f,fma")]
#[inline]
fn tile_avx512<const T: usize>(x: &[f32], t0: usize, panel: &[f32], bias: &[f32], col: usize, y: &mut [f32]) {
    let (nin, nout) = (panel.len() / PANEL, bias.len());
    assert!(col + PANEL <= nout && x.len() >= (t0 + T) * nin && y.len() >= (t0 + T) * nout);
    let (xp, wp, yp) = (x[t0 * nin..].as_ptr(), panel.as_ptr(), y.as_mut_ptr());
    let lanes = [0, 16, 32, 48];
    // SAFETY: `col + 64 <= bias.len()`, so the four vectors at `bias[col + j]` are inside it.
    let mut acc = [lanes.map(|j| unsafe { _mm512_loadu_ps(bias.as_ptr().add(col + j)) }); T];
    for k in 0..nin {
        // SAFETY: `k < nin` and `panel.len() == nin * 64`: row `k` of the panel is inside it.
        let wv = lanes.map(|j| unsafe { _mm512_loadu_ps(wp.add(k * PANEL + j)) });
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

/// The same with AVX2 and FMA (16 registers): each panel in four strips of 16 columns,
/// tiles of up to 6 tokens × 16 columns (12 accumulators).
#[target_feature(enable = "avx2,fma")]
pub fn linear_avx2(x: &[f32], tokens: usize, w: &[f32], bias: &[f32], nin: usize, y: &mut [f32]) {
    let nout = bias.len();
    assert!(nout.is_multiple_of(PANEL) && w.len() == nout * nin);
    assert!(x.len() >= tokens * nin && y.len() >= tokens * nout);
    for (p, panel) in w.chunks_exact(PANEL * nin).enumerate() {
        for strip in (0..PANEL).step_by(16) {
            let col = p * PANEL + strip;
            let mut t = 0;
            while t + TILE <= tokens {
                tile_avx2::<TILE>(x, t, panel, strip, bias, col, y);
                t += TILE;
            }
            match tokens - t {
                0 => {}
                1 => tile_avx2::<1>(x, t, panel, strip, bias, col, y),
                2 => tile_avx2::<2>(x, t, panel, strip, bias, col, y),
                3 => tile_avx2::<3>(x, t, panel, strip, bias, col, y),
                4 => tile_avx2::<4>(x, t, panel, strip, bias, col, y),
                _ => tile_avx2::<5>(x, t, panel, strip, bias, col, y),
            }
        }
    }
}

/// Tokens `t0..t0 + T` of columns `strip..strip + 16` of one panel (output columns
/// `col..col + 16`).
#[target_feature(enable = "avx2,fma")]
#[inline]
fn tile_avx2<const T: usize>(
    x: &[f32],
    t0: usize,
    panel: &[f32],
    strip: usize,
    bias: &[f32],
    col: usize,
    y: &mut [f32],
) {
    let (nin, nout) = (panel.len() / PANEL, bias.len());
    assert!(strip + 16 <= PANEL && col + 16 <= nout);
    assert!(x.len() >= (t0 + T) * nin && y.len() >= (t0 + T) * nout);
    let (xp, wp, yp) = (x[t0 * nin..].as_ptr(), panel[strip..].as_ptr(), y.as_mut_ptr());
    let lanes = [0, 8];
    // SAFETY: `col + 16 <= bias.len()`.
    let mut acc = [lanes.map(|j| unsafe { _mm256_loadu_ps(bias.as_ptr().add(col + j)) }); T];
    for k in 0..nin {
        // SAFETY: `k < nin`, `strip + 16 <= 64` and `panel.len() == nin * 64`.
        let wv = lanes.map(|j| unsafe { _mm256_loadu_ps(wp.add(k * PANEL + j)) });
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

    type Linear = fn(&[f32], usize, &[f32], &[f32], usize, &mut [f32]);

    /// Every token remainder (1–13 tokens: two whole tiles and each partial one), two panels.
    fn check(f: Linear) {
        let (nin, nout) = (48, 2 * PANEL);
        for tokens in 1..=2 * TILE + 1 {
            let (x, w, b) = linear_case(tokens, nin, nout);
            let packed = Packed::new(&w, nout, nin);
            let mut y = vec![f32::NAN; tokens * nout];
            f(&x, tokens, packed.panels(), &b, nin, &mut y);
            assert_linear(&y, &x, &w, &b, tokens, nin);
        }
    }

    #[test]
    fn avx512_matches_plain_loops() {
        if is_x86_feature_detected!("avx512f") && is_x86_feature_detected!("fma") {
            // SAFETY: the features were just detected.
            check(|x, t, w, b, n, y| unsafe { linear_avx512(x, t, w, b, n, y) });
        }
    }

    #[test]
    fn avx2_matches_plain_loops() {
        if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") {
            // SAFETY: the features were just detected.
            check(|x, t, w, b, n, y| unsafe { linear_avx2(x, t, w, b, n, y) });
        }
    }
}
