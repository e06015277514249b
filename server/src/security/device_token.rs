//! Device tokens the server can recognise as its own: 32 random hex digits followed by 32
//! hex digits of their HMAC-SHA256 under a key kept in the database (shared by every
//! instance). A token the server did not issue still names a device (older cookies keep
//! working) but earns no rate budget of its own: it counts against its address.

use app::api::ports::{Device, DeviceIssuer};
use sha2::{Digest, Sha256};

/// Name of the signing key in the database's secrets.
pub const DEVICE_KEY: &str = "device_cookie_key";

/// Hex digits of randomness at the start of a token; the rest is its signature.
const RANDOM_HEX: usize = 32;

/// Mints and checks device tokens with one key.
#[derive(Clone)]
pub struct DeviceTokens {
    key: [u8; 32],
}

impl std::fmt::Debug for DeviceTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DeviceTokens(<key redacted>)")
    }
}

impl DeviceTokens {
    /// Tokens signed with `key`.
    pub fn new(key: [u8; 32]) -> Self {
        DeviceTokens { key }
    }

    /// Tokens signed with a key given as 64 hex digits (as the database keeps it).
    pub fn from_hex(key: &str) -> Option<Self> {
        let bytes = decode_hex(key)?;
        Some(Self::new(bytes.try_into().ok()?))
    }

    /// A fresh token for a new device.
    pub fn mint(&self) -> String {
        let random = format!("{}", uuid::Uuid::new_v4().simple());
        let signature = self.signature(&random);
        format!("{random}{signature}")
    }

    /// Whether this server issued `token`.
    pub fn issued(&self, token: &str) -> bool {
        if token.len() != 2 * RANDOM_HEX || !token.is_ascii() {
            return false;
        }
        let (random, signature) = token.split_at(RANDOM_HEX);
        let expected = self.signature(random);
        // Compared in constant time, so the timing tells nothing about a guessed signature.
        expected.bytes().zip(signature.to_ascii_lowercase().bytes()).fold(0u8, |diff, (a, b)| diff | (a ^ b))
            == 0
    }

    fn signature(&self, random: &str) -> String {
        hmac_sha256(&self.key, random.as_bytes())[..RANDOM_HEX / 2]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

impl DeviceIssuer for DeviceTokens {
    fn issue(&self) -> Device {
        Device(self.mint())
    }
}

/// A fresh random key as 64 hex digits, for the database to keep.
pub fn new_key_hex() -> Result<String, crate::password::HashError> {
    crate::password::new_token()
}

/// HMAC-SHA256 (RFC 2104) of `message` under a key of at most one block.
fn hmac_sha256(key: &[u8; 32], message: &[u8]) -> [u8; 32] {
    let mut padded = [0u8; 64];
    padded[..32].copy_from_slice(key);
    let inner_key: Vec<u8> = padded.iter().map(|b| b ^ 0x36).collect();
    let outer_key: Vec<u8> = padded.iter().map(|b| b ^ 0x5c).collect();
    let inner = Sha256::new().chain_update(&inner_key).chain_update(message).finalize();
    Sha256::new().chain_update(&outer_key).chain_update(inner).finalize().into()
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231() {
        // Test case 2 of RFC 4231, with its 4-byte key zero-padded to 32 bytes (HMAC pads
        // short keys with zeros itself, so the result is the same).
        let mut key = [0u8; 32];
        key[..4].copy_from_slice(b"Jefe");
        let mac = hmac_sha256(&key, b"what do ya want for nothing?");
        let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    #[test]
    fn only_tokens_this_key_signed_are_issued() {
        let tokens = DeviceTokens::new([7; 32]);
        let token = tokens.mint();
        assert_eq!(token.len(), 64);
        assert!(token.bytes().all(|b| b.is_ascii_hexdigit()), "a well-formed device token: {token}");
        assert!(tokens.issued(&token));
        assert!(!tokens.issued(&"a".repeat(64)), "a made-up token");
        assert!(!DeviceTokens::new([8; 32]).issued(&token), "another server's token");
        let mut tampered = token.clone();
        tampered.replace_range(0..1, if token.starts_with('0') { "1" } else { "0" });
        assert!(!tokens.issued(&tampered));
        assert!(DeviceTokens::from_hex(&"ab".repeat(32)).is_some());
        assert!(DeviceTokens::from_hex("xyz").is_none());
    }
}
