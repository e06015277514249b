//! The numeric inner loops, written so the compiler vectorises them.
//!
//! Every function is generic over `L`, the number of f32 lanes a vector register holds (8 for
//! AVX2, 16 for AVX-512), and `FMA`, whether fused multiply-add is available. Sums keep `L`
//! independent partial sums: the compiler may not reorder a plain `sum += a * b` (f32
//! addition is not associative), and then it would neither vectorise nor pipeline it.
//! All functions are `#[inline(always)]`, so they are compiled into the encoder entry point
//! of each instruction set (`encoder::forward_*`) with that set's features.

/// `a * b + c`, fused where the CPU can (without FMA, `mul_add` would be a slow libm call).
#[inline(always)]
fn madd<const FMA: bool>(a: f32, b: f32, c: f32) -> f32 {
    if FMA { a.mul_add(b, c) } else { a * b + c }
}

#[inline(always)]
fn chunk<const L: usize>(s: &[f32], k: usize) -> &[f32; L] {
    s[k..k + L].try_into().expect("a whole chunk")
}

/// `y[t][o] = bias[o] + x[t] · w[o]` for `tokens` rows of `x` (row-major, `nin` wide) and the
/// `nout` rows of `w` (`nin` wide, a multiple of `L`; `nout` a multiple of 4).
///
/// The portable version, for CPUs without AVX2 (`simd` has the fast ones): four weight rows
/// stay in L1 cache while every token passes over them, two at a time.
#[inline(always)]
pub fn linear<const L: usize, const FMA: bool>(
    x: &[f32],
    tokens: usize,
    w: &[f32],
    bias: &[f32],
    nin: usize,
    y: &mut [f32],
) {
    let nout = bias.len();
    debug_assert!(nin.is_multiple_of(L) && nout.is_multiple_of(4) && w.len() == nin * nout);
    for o in (0..nout).step_by(4) {
        let rows: [&[f32]; 4] = std::array::from_fn(|r| &w[(o + r) * nin..(o + r + 1) * nin]);
        let mut t = 0;
        while t + 2 <= tokens {
            let (x0, x1) = (&x[t * nin..(t + 1) * nin], &x[(t + 1) * nin..(t + 2) * nin]);
            // acc[2r + i]: weight row r times token t + i. Named per row so that every
            // accumulator stays in a register.
            let mut acc = [[0f32; L]; 8];
            let [a0, a1, a2, a3, a4, a5, a6, a7] = &mut acc;
            for k in (0..nin).step_by(L) {
                let (xa, xb) = (chunk::<L>(x0, k), chunk::<L>(x1, k));
                let w0 = chunk::<L>(rows[0], k);
                fma_lanes::<L, FMA>(a0, w0, xa);
                fma_lanes::<L, FMA>(a1, w0, xb);
                let w1 = chunk::<L>(rows[1], k);
                fma_lanes::<L, FMA>(a2, w1, xa);
                fma_lanes::<L, FMA>(a3, w1, xb);
                let w2 = chunk::<L>(rows[2], k);
                fma_lanes::<L, FMA>(a4, w2, xa);
                fma_lanes::<L, FMA>(a5, w2, xb);
                let w3 = chunk::<L>(rows[3], k);
                fma_lanes::<L, FMA>(a6, w3, xa);
                fma_lanes::<L, FMA>(a7, w3, xb);
            }
            for r in 0..4 {
                y[t * nout + o + r] = bias[o + r] + acc[2 * r].iter().sum::<f32>();
                y[(t + 1) * nout + o + r] = bias[o + r] + acc[2 * r + 1].iter().sum::<f32>();
            }
            t += 2;
        }
        if t < tokens {
            let xt = &x[t * nin..(t + 1) * nin];
            for r in 0..4 {
                y[t * nout + o + r] = bias[o + r] + dot::<L, FMA>(rows[r], xt);
            }
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

/// `y += a * x`.
#[inline(always)]
pub fn axpy<const FMA: bool>(a: f32, x: &[f32], y: &mut [f32]) {
    for (yi, &xi) in y.iter_mut().zip(x) {
        *yi = madd::<FMA>(a, xi, *yi);
    }
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
mod tests {
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

    #[test]
    fn linear_matches_plain_loops() {
        let (nin, nout, tokens) = (32, 8, 3);
        let x: Vec<f32> = (0..tokens * nin).map(|i| (i as f32 * 0.37).sin()).collect();
        let w: Vec<f32> = (0..nout * nin).map(|i| (i as f32 * 0.11).cos()).collect();
        let b: Vec<f32> = (0..nout).map(|i| i as f32).collect();
        let mut y = vec![0.0; tokens * nout];
        linear::<8, true>(&x, tokens, &w, &b, nin, &mut y);
        for t in 0..tokens {
            for o in 0..nout {
                let want: f32 = b[o] + (0..nin).map(|k| x[t * nin + k] * w[o * nin + k]).sum::<f32>();
                assert!((y[t * nout + o] - want).abs() < 1e-4, "y[{t}][{o}]");
            }
        }
    }
}
