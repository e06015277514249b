//! The weights' number format in the file: Q4_0 blocks with an IEEE half-precision scale.

/// Weights stored as Q4_0: blocks of 32 weights, each an f16 scale and 16 bytes of nibbles.
pub(crate) const BLOCK: usize = 32;
pub(crate) const BLOCK_BYTES: usize = 18;

/// Expands Q4_0 blocks to f32 (`out` holds 32 floats per block). One block: an f16 scale `d`, then 16 bytes whose low nibbles
/// are weights 0–15 and high nibbles weights 16–31, each `(nibble - 8) * d`.
pub fn dequantise_into(blocks: &[u8], out: &mut [f32]) {
    for (block, out) in blocks.chunks_exact(BLOCK_BYTES).zip(out.chunks_exact_mut(BLOCK)) {
        let d = f16_to_f32(u16::from_le_bytes([block[0], block[1]]));
        let (low, high) = out.split_at_mut(BLOCK / 2);
        for ((&q, lo), hi) in block[2..].iter().zip(low).zip(high) {
            *lo = (f32::from(q & 0x0f) - 8.0) * d;
            *hi = (f32::from(q >> 4) - 8.0) * d;
        }
    }
}

/// Weight `j` (0–31) of one Q4_0 block, before scaling: its nibble minus 8.
pub fn weight(block: &[u8], j: usize) -> i8 {
    let q = block[2 + j % 16];
    let nibble = if j < 16 { q & 0x0f } else { q >> 4 };
    nibble as i8 - 8
}

/// The scale of one Q4_0 block.
pub fn scale(block: &[u8]) -> f32 {
    f16_to_f32(u16::from_le_bytes([block[0], block[1]]))
}

/// Expands Q4_0 blocks to a new vector of f32.
pub fn dequantise(blocks: &[u8]) -> Vec<f32> {
    let mut out = vec![0f32; blocks.len() / BLOCK_BYTES * BLOCK];
    dequantise_into(blocks, &mut out);
    out
}

/// IEEE half to single precision (exact), subnormals included.
pub fn f16_to_f32(h: u16) -> f32 {
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

/// Single to IEEE half precision, rounded to nearest (ties to even); beyond the half range
/// gives infinity.
pub fn f32_to_f16(x: f32) -> u16 {
    let bits = x.to_bits();
    let sign = ((bits >> 16) & 0x8000) as u16;
    let exp = ((bits >> 23) & 0xff) as i32;
    let man = bits & 0x007f_ffff;
    if exp == 0xff {
        // Infinity stays infinity; a NaN keeps a set quiet bit.
        return sign | 0x7c00 | if man != 0 { 0x0200 } else { 0 };
    }
    let e = exp - 127 + 15;
    if e >= 31 {
        return sign | 0x7c00;
    }
    // The significand with its implicit bit, and how far to shift it to the half's 10 bits
    // (more for results below the half's normal range, whose exponent field is then 0).
    let (base, shift) = if e > 0 { ((e as u32) << 10, 13) } else { (0, 14 - e) };
    if shift > 24 {
        return sign;
    }
    let full = if e > 0 { man } else { man | 0x0080_0000 };
    let mut half = base + (full >> shift);
    let rest = full & ((1 << shift) - 1);
    let halfway = 1 << (shift - 1);
    // A carry out of the significand correctly bumps the exponent.
    if rest > halfway || (rest == halfway && half & 1 == 1) {
        half += 1;
    }
    sign | half as u16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f16_to_f32_known_values() {
        assert_eq!(f16_to_f32(0x3c00), 1.0);
        assert_eq!(f16_to_f32(0xc000), -2.0);
        assert_eq!(f16_to_f32(0x3555), 0.333_251_95);
        assert_eq!(f16_to_f32(0x0001), 5.960_464_5e-8);
        assert_eq!(f16_to_f32(0x8001), -5.960_464_5e-8);
        assert_eq!(f16_to_f32(0x7c00), f32::INFINITY);
    }

    #[test]
    fn f32_to_f16_rounds_to_nearest() {
        for h in (0..0x7c00u16).chain(0x8000..0xfc00) {
            assert_eq!(f32_to_f16(f16_to_f32(h)), h, "{h:#06x}");
        }
        // Halfway between 1 and the next half (1 + 2^-10) goes to the even one, 1.
        assert_eq!(f32_to_f16(1.0 + f32::powi(2.0, -11)), 0x3c00);
        assert_eq!(f32_to_f16(1.0 + 3.0 * f32::powi(2.0, -11)), 0x3c02);
        assert_eq!(f32_to_f16(0.333_333_34), 0x3555);
        assert_eq!(f32_to_f16(1e6), 0x7c00);
        assert_eq!(f32_to_f16(1e-9), 0);
        assert_eq!(f32_to_f16(f32::NEG_INFINITY), 0xfc00);
    }

    #[test]
    fn q4_block_layout() {
        // Scale 0.5; byte j holds weight j (low nibble) and weight j + 16 (high nibble).
        let mut block = vec![0x00, 0x38];
        block.extend((0..16u8).map(|j| (15 - j) << 4 | j));
        let mut w = [0f32; 32];
        dequantise_into(&block, &mut w);
        assert_eq!((w[0], w[15], w[16], w[31]), (-4.0, 3.5, 3.5, -4.0));
        for (j, &v) in w.iter().enumerate() {
            assert_eq!(f32::from(weight(&block, j)) * scale(&block), v, "weight {j}");
        }
    }
}
