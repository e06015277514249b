//! Password hashing (Argon2id, the crate's default parameters) and the random secrets of
//! sessions and setup links. Hashing is deliberately slow CPU work, so it runs on the
//! blocking pool, never on the threads serving requests.

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use sha2::{Digest, Sha256};

/// Why hashing failed: only a broken random source or a bug gets here.
#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("random source failed: {0}")]
    Random(String),
    #[error("hashing failed: {0}")]
    Hash(String),
    #[error("hashing task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// `n` random bytes from the operating system.
fn random_bytes<const N: usize>() -> Result<[u8; N], HashError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|err| HashError::Random(err.to_string()))?;
    Ok(bytes)
}

/// A fresh secret for a cookie or link: 32 random bytes as 64 hex digits.
pub fn new_token() -> Result<String, HashError> {
    Ok(hex(&random_bytes::<32>()?))
}

/// What the database keeps of a token: its SHA-256, so a leaked database opens nothing.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Hashes a password into a PHC string (algorithm, parameters, salt and hash together).
pub async fn hash(password: String) -> Result<String, HashError> {
    let salt = random_bytes::<16>()?;
    tokio::task::spawn_blocking(move || hash_now(&password, &salt)).await?
}

fn hash_now(password: &str, salt: &[u8]) -> Result<String, HashError> {
    let salt = SaltString::encode_b64(salt).map_err(|err| HashError::Hash(err.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|err| HashError::Hash(err.to_string()))
}

/// Whether `password` matches the stored hash. `None` (no such account) still costs one
/// verification, so the time taken does not tell which e-mail addresses have accounts.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, HashError> {
    tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let stored = match stored {
            Some(stored) => stored,
            None => decoy_hash()?,
        };
        let matches = PasswordHash::new(&stored)
            .is_ok_and(|hash| Argon2::default().verify_password(password.as_bytes(), &hash).is_ok());
        Ok(known && matches)
    })
    .await?
}

/// A hash of a random password, made once, to verify against when an account is unknown.
fn decoy_hash() -> Result<String, HashError> {
    static DECOY: OnceLock<String> = OnceLock::new();
    if let Some(decoy) = DECOY.get() {
        return Ok(decoy.clone());
    }
    let decoy = hash_now(&new_token()?, &random_bytes::<16>()?)?;
    Ok(DECOY.get_or_init(|| decoy).clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_password_verifies_against_its_own_hash_only() {
        let stored = hash("ett långt lösenord".into()).await.unwrap();
        assert!(stored.starts_with("$argon2id$"), "{stored}");
        assert!(verify("ett långt lösenord".into(), Some(stored.clone())).await.unwrap());
        assert!(!verify("ett långt lösenorD".into(), Some(stored.clone())).await.unwrap());
        assert!(!verify("ett långt lösenord".into(), None).await.unwrap(), "unknown account");
        let again = hash("ett långt lösenord".into()).await.unwrap();
        assert_ne!(stored, again, "each hash has its own salt");
    }

    #[test]
    fn tokens_are_64_hex_digits_and_differ() {
        let (a, b) = (new_token().unwrap(), new_token().unwrap());
        assert_eq!(a.len(), 64);
        assert!(a.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(a, b);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
    }
}
