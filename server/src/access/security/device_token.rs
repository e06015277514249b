//! Device and session tokens the server can recognise as its own: 32 random hex digits
//! followed by 32 hex digits of their HMAC-SHA256 under a key kept in the database (shared
//! by every instance), each kind under a label of its own so one can never pass for the
//! other. A request carrying a token the server did not issue (made up, from another
//! server, or re-cased) is refused before it is served (see `rate_limit`): every rate
//! budget is keyed by these tokens, so one a client could mint would be a fresh budget.

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

    /// Tokens signed with a fresh random key, for a process that shares no database key
    /// (its tokens are refused by every other server).
    pub fn random() -> Self {
        let mut key = [0u8; 32];
        key[..16].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
        key[16..].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
        Self::new(key)
    }

    /// A fresh token for a new device.
    pub fn mint(&self) -> String {
        self.mint_as(TokenKind::Device)
    }

    /// A fresh token for a new session (the cookie's secret; the database keeps its hash).
    pub fn mint_session(&self) -> String {
        self.mint_as(TokenKind::Session)
    }

    /// Whether this server issued `token` as a device token, exactly as written (a re-cased
    /// copy is another string, and would be another rate key).
    pub fn issued(&self, token: &str) -> bool {
        self.issued_as(TokenKind::Device, token)
    }

    /// Whether this server issued `token` as a session token, exactly as written.
    pub fn issued_session(&self, token: &str) -> bool {
        self.issued_as(TokenKind::Session, token)
    }

    fn mint_as(&self, kind: TokenKind) -> String {
        let random = format!("{}", uuid::Uuid::new_v4().simple());
        let signature = self.signature(kind, &random);
        format!("{random}{signature}")
    }

    fn issued_as(&self, kind: TokenKind, token: &str) -> bool {
        let lower_hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
        if token.len() != 2 * RANDOM_HEX || !token.bytes().all(lower_hex) {
            return false;
        }
        let (random, signature) = token.split_at(RANDOM_HEX);
        let expected = self.signature(kind, random);
        // Compared in constant time, so the timing tells nothing about a guessed signature.
        expected.bytes().zip(signature.bytes()).fold(0u8, |diff, (a, b)| diff | (a ^ b)) == 0
    }

    fn signature(&self, kind: TokenKind, random: &str) -> String {
        let message = format!("{}{random}", kind.label());
        hmac_sha256(&self.key, message.as_bytes())[..RANDOM_HEX / 2]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// What a token is for: signed under different labels, so neither passes for the other.
#[derive(Debug, Clone, Copy)]
enum TokenKind {
    Device,
    Session,
}

impl TokenKind {
    /// Prefixed to the random part before signing. Devices have none: their tokens were
    /// signed so before sessions were, and those already issued stay valid.
    fn label(self) -> &'static str {
        match self {
            TokenKind::Device => "",
            TokenKind::Session => "session:",
        }
    }
}

impl DeviceIssuer for DeviceTokens {
    fn issue(&self) -> Device {
        Device(self.mint())
    }
}

/// A fresh random key as 64 hex digits, for the database to keep.
pub fn new_key_hex() -> Result<String, crate::access::password::HashError> {
    crate::access::password::new_token()
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
        assert!(!tokens.issued(&token.to_ascii_uppercase()), "a re-cased token is another key");
        assert!(DeviceTokens::from_hex(&"ab".repeat(32)).is_some());
        assert!(DeviceTokens::from_hex("xyz").is_none());
    }

    #[test]
    fn a_device_token_is_no_session_token_nor_the_other_way_round() {
        let tokens = DeviceTokens::new([7; 32]);
        let (device, session) = (tokens.mint(), tokens.mint_session());
        assert!(tokens.issued_session(&session));
        assert!(!tokens.issued_session(&device));
        assert!(!tokens.issued(&session));
        assert!(!tokens.issued_session(&"ab".repeat(32)));
        assert!(!DeviceTokens::random().issued_session(&session), "another server's session");
    }
}
