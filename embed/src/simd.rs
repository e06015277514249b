//! The matrix product of the encoder written with x86 vector intrinsics (AVX-512 and AVX2).
//!
//! Nearly all of the encoder's time is spent here: about 21 million multiply-adds per token.
//! The compiler's own vectorisation of `kernel::linear` left accumulators on the stack and
//! ran at a tenth of this speed (BENCHMARKS.md, "Sentence model"), so the two hot loops are
//! spelled out. The only unsafe operations are the unaligned vector loads; each function
//! checks the slice lengths first, so every load is inside its slice.
#![allow(unsafe_code)]

use std::arch::x86_64::*;

/// `y[t][o] = bias[o] + x[t] · w[o]`, like `kernel::linear`, with AVX-512F.
///
/// Tiles of 4 weight rows × 4 tokens: 16 accumulators, 8 loads per 16 multiply-adds.
#[target_feature(enable = "avx512f,fma")]
pub fn linear_avx512(x: &[f32], tokens: usize, w: &[f32], bias: &[f32], nin: usize, y: &mut [f32]) {
    let nout = bias.len();
    assert!(nin.is_multiple_of(16) && nout.is_multiple_of(4));
    assert!(x.len() >= tokens * nin && w.len() == nout * nin && y.len() >= tokens * nout);
    let (xp, wp) = (x.as_ptr(), w.as_ptr());
    // SAFETY (every load below): `t + 3 < tokens`, `o + 3 < nout` and `k + 16 <= nin`, so
    // the 16 values at `x[(t + i) * nin + k]` and `w[(o + r) * nin + k]` are inside `x` and
    // `w` by the assertions above.
    let load = |p: *const f32, off: usize| unsafe { _mm512_loadu_ps(p.add(off)) };
    for o in (0..nout).step_by(4) {
        let rows = [o * nin, (o + 1) * nin, (o + 2) * nin, (o + 3) * nin];
        let mut t = 0;
        while t + 4 <= tokens {
            let cols = [t * nin, (t + 1) * nin, (t + 2) * nin, (t + 3) * nin];
            let mut acc = [[_mm512_setzero_ps(); 4]; 4];
            for k in (0..nin).step_by(16) {
                let xv = cols.map(|c| load(xp, c + k));
                for r in 0..4 {
                    let wv = load(wp, rows[r] + k);
                    for i in 0..4 {
                        acc[r][i] = _mm512_fmadd_ps(wv, xv[i], acc[r][i]);
                    }
                }
            }
            for r in 0..4 {
                for i in 0..4 {
                    y[(t + i) * nout + o + r] = bias[o + r] + _mm512_reduce_add_ps(acc[r][i]);
                }
            }
            t += 4;
        }
        for t in t..tokens {
            let mut acc = [_mm512_setzero_ps(); 4];
            for k in (0..nin).step_by(16) {
                let xv = load(xp, t * nin + k);
                for r in 0..4 {
                    acc[r] = _mm512_fmadd_ps(load(wp, rows[r] + k), xv, acc[r]);
                }
            }
            for r in 0..4 {
                y[t * nout + o + r] = bias[o + r] + _mm512_reduce_add_ps(acc[r]);
            }
        }
    }
}

/// The same with AVX2 and FMA: tiles of 4 weight rows × 2 tokens (16 registers).
#[target_feature(enable = "avx2,fma")]
pub fn linear_avx2(x: &[f32], tokens: usize, w: &[f32], bias: &[f32], nin: usize, y: &mut [f32]) {
    let nout = bias.len();
    assert!(nin.is_multiple_of(8) && nout.is_multiple_of(4));
    assert!(x.len() >= tokens * nin && w.len() == nout * nin && y.len() >= tokens * nout);
    let (xp, wp) = (x.as_ptr(), w.as_ptr());
    // SAFETY (every load below): as in `linear_avx512`, with 8 floats per load and
    // `k + 8 <= nin`.
    let load = |p: *const f32, off: usize| unsafe { _mm256_loadu_ps(p.add(off)) };
    for o in (0..nout).step_by(4) {
        let rows = [o * nin, (o + 1) * nin, (o + 2) * nin, (o + 3) * nin];
        let mut t = 0;
        while t < tokens {
            // Two tokens, or the last one twice (its second result is not stored).
            let pair = [t * nin, (t + 1).min(tokens - 1) * nin];
            let mut acc = [[_mm256_setzero_ps(); 2]; 4];
            for k in (0..nin).step_by(8) {
                let xv = pair.map(|c| load(xp, c + k));
                for r in 0..4 {
                    let wv = load(wp, rows[r] + k);
                    acc[r][0] = _mm256_fmadd_ps(wv, xv[0], acc[r][0]);
                    acc[r][1] = _mm256_fmadd_ps(wv, xv[1], acc[r][1]);
                }
            }
            for r in 0..4 {
                for i in 0..(tokens - t).min(2) {
                    y[(t + i) * nout + o + r] = bias[o + r] + hsum256(acc[r][i]);
                }
            }
            t += 2;
        }
    }
}

#[target_feature(enable = "avx2,fma")]
fn hsum256(v: __m256) -> f32 {
    let s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    let s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    _mm_cvtss_f32(_mm_add_ss(s, _mm_shuffle_ps(s, s, 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    type Linear = fn(&[f32], usize, &[f32], &[f32], usize, &mut [f32]);

    fn check(f: Linear) {
        let (nin, nout) = (48, 8);
        for tokens in 1..=6 {
            let x: Vec<f32> = (0..tokens * nin).map(|i| (i as f32 * 0.37).sin()).collect();
            let w: Vec<f32> = (0..nout * nin).map(|i| (i as f32 * 0.11).cos()).collect();
            let b: Vec<f32> = (0..nout).map(|i| i as f32).collect();
            let mut y = vec![0.0; tokens * nout];
            f(&x, tokens, &w, &b, nin, &mut y);
            for t in 0..tokens {
                for o in 0..nout {
                    let want = b[o] + (0..nin).map(|k| x[t * nin + k] * w[o * nin + k]).sum::<f32>();
                    assert!((y[t * nout + o] - want).abs() < 1e-4, "{tokens} tokens: y[{t}][{o}]");
                }
            }
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
