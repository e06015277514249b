//! Password hashing (Argon2id, the crate's default parameters) and the random secrets of
//! sessions and setup links.
//!
//! Hashing is deliberately slow CPU work that takes about 19 MB, so it runs on a few threads
//! of its own ([`PasswordPool`]), never on the threads serving requests, and only a few at
//! once. Its own threads matter as much as the limit: glibc's allocator kept a freed 19 MB
//! block in the arena of the thread that used it, and on tokio's growing blocking pool a
//! burst of 30 sign-ins left 30 such arenas, over 500 MB, never given back. So each hash
//! takes its memory afresh, and the pool fixes glibc's threshold for mapping large blocks
//! on their own: a block that size is then mapped for the hash and unmapped after it, and
//! a server that signed people in an hour ago holds none of it.

use std::sync::mpsc;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::Duration;

use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use sha2::{Digest, Sha256};

/// Why hashing failed: only a broken random source, a bug or a full pool gets here.
#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("random source failed: {0}")]
    Random(String),
    #[error("hashing failed: {0}")]
    Hash(String),
    /// A hashing thread could not be started, or has died.
    #[error("the password threads are gone")]
    Stopped,
    /// Every turn of the pool was taken for longer than a request may wait.
    #[error("too many password checks at once")]
    Busy,
}

/// How long a request waits for a turn before it is refused ([`HashError::Busy`]).
pub const POOL_WAIT: Duration = Duration::from_secs(3);

/// Work for a hashing thread.
type Job = Box<dyn FnOnce() + Send>;

/// A fixed number of threads that hash and check passwords, one at a time each; requests
/// wait their turn for up to [`POOL_WAIT`]. Known and unknown accounts go through the same
/// pool and cost the same, so neither time nor refusals tell which addresses have accounts.
/// The threads end when the last clone of the pool is dropped.
#[derive(Clone)]
pub struct PasswordPool {
    turns: Arc<tokio::sync::Semaphore>,
    jobs: mpsc::Sender<Job>,
}

impl std::fmt::Debug for PasswordPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PasswordPool").field("free_turns", &self.turns.available_permits()).finish()
    }
}

impl PasswordPool {
    /// A pool of `threads` hashing threads (at least one).
    pub fn new(threads: usize) -> Self {
        return_large_blocks();
        let threads = threads.max(1);
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for n in 0..threads {
            let queue = queue.clone();
            let spawned = std::thread::Builder::new().name(format!("password-{n}")).spawn(move || {
                loop {
                    // The lock is held only while waiting for a job, not while hashing.
                    let job = queue.lock().unwrap_or_else(PoisonError::into_inner).recv();
                    match job {
                        Ok(job) => job(),
                        Err(_) => return,
                    }
                }
            });
            if let Err(err) = spawned {
                tracing::error!(error = %err, "starting a password thread failed");
            }
        }
        PasswordPool { turns: Arc::new(tokio::sync::Semaphore::new(threads)), jobs }
    }

    /// Hashes a password into a PHC string (algorithm, parameters, salt and hash together).
    pub async fn hash(&self, password: String) -> Result<String, HashError> {
        let salt = random_bytes::<16>()?;
        self.run(move || hash_now(&password, &salt)).await?
    }

    /// Whether `password` matches the stored hash. `None` (no such account) still costs one
    /// verification, so the time taken does not tell which e-mail addresses have accounts.
    pub async fn verify(&self, password: String, stored: Option<String>) -> Result<bool, HashError> {
        self.run(move || verify_now(&password, stored)).await?
    }

    /// Runs `work` on a hashing thread once a turn is free.
    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, HashError> {
        let turn = match tokio::time::timeout(POOL_WAIT, self.turns.clone().acquire_owned()).await {
            Ok(Ok(turn)) => turn,
            // The semaphore is never closed; a timeout is the only real refusal.
            Ok(Err(_)) | Err(_) => return Err(HashError::Busy),
        };
        let (done, result) = tokio::sync::oneshot::channel();
        // The turn goes with the job: if the request is dropped meanwhile, the work still
        // holds its turn until it has finished.
        let job: Job = Box::new(move || {
            let _turn = turn;
            let _ = done.send(work());
        });
        self.jobs.send(job).map_err(|_| HashError::Stopped)?;
        result.await.map_err(|_| HashError::Stopped)
    }
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

/// Hashes with Argon2id's default parameters, in memory of its own; the same PHC
/// string `Argon2::default().hash_password` makes.
fn hash_now(password: &str, salt: &[u8]) -> Result<String, HashError> {
    let failed = |err: &dyn std::fmt::Display| HashError::Hash(err.to_string());
    let encoded = SaltString::encode_b64(salt).map_err(|err| failed(&err))?;
    let params = Params::default();
    let mut output = [0u8; Params::DEFAULT_OUTPUT_LEN];
    let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    in_fresh_memory(&params, |blocks| {
        argon2.hash_password_into_with_memory(password.as_bytes(), salt, &mut output, blocks)
    })
    .map_err(|err| failed(&err))?;
    let hash = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).map_err(|err| failed(&err))?,
        salt: Some(encoded.as_salt()),
        hash: Some(Output::new(&output).map_err(|err| failed(&err))?),
    };
    Ok(hash.to_string())
}

fn verify_now(password: &str, stored: Option<String>) -> Result<bool, HashError> {
    let known = stored.is_some();
    let stored = match stored {
        Some(stored) => stored,
        None => decoy_hash()?,
    };
    let matches = PasswordHash::new(&stored).is_ok_and(|hash| matches_hash(password, &hash));
    Ok(known && matches)
}

/// Runs `hash` in Argon2 memory of its own, given back when it returns (see
/// [`return_large_blocks`]).
fn in_fresh_memory<T>(params: &Params, hash: impl FnOnce(&mut [Block]) -> T) -> T {
    let mut blocks = vec![Block::default(); params.block_count()];
    hash(&mut blocks)
}

/// From here on, glibc maps every block of 1 MiB or more on its own and unmaps it when it
/// is freed. Its default threshold moves up to the size of the last such block freed, after
/// which a 19 MB hash's memory stays in a thread's arena for good.
#[allow(unsafe_code)]
fn return_large_blocks() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        static SET: std::sync::Once = std::sync::Once::new();
        // SAFETY: mallopt only changes the allocator's tuning; it is called once, before
        // any hashing thread starts.
        SET.call_once(|| unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
        });
    }
}

/// Whether `password` hashes to `hash` under its own algorithm, version, parameters and
/// salt (what `PasswordVerifier` does, in memory of its own). The comparison of
/// the outputs takes constant time.
fn matches_hash(password: &str, hash: &PasswordHash<'_>) -> bool {
    let (Some(salt), Some(expected)) = (hash.salt, hash.hash) else { return false };
    let (Ok(algorithm), Ok(params)) = (Algorithm::try_from(hash.algorithm), Params::try_from(hash)) else {
        return false;
    };
    let Ok(version) = hash.version.map(Version::try_from).transpose() else { return false };
    let mut salt_bytes = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_bytes) else { return false };
    let argon2 = Argon2::new(algorithm, version.unwrap_or_default(), params.clone());
    let mut output = vec![0u8; expected.len()];
    let hashed = in_fresh_memory(&params, |blocks| {
        argon2.hash_password_into_with_memory(password.as_bytes(), salt, &mut output, blocks)
    });
    hashed.is_ok() && Output::new(&output).is_ok_and(|output| output == expected)
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
        let pool = PasswordPool::new(1);
        let stored = pool.hash("ett långt lösenord".into()).await.unwrap();
        assert!(stored.starts_with("$argon2id$"), "{stored}");
        assert!(pool.verify("ett långt lösenord".into(), Some(stored.clone())).await.unwrap());
        assert!(!pool.verify("ett långt lösenorD".into(), Some(stored.clone())).await.unwrap());
        assert!(!pool.verify("ett långt lösenord".into(), None).await.unwrap(), "unknown account");
        let again = pool.hash("ett långt lösenord".into()).await.unwrap();
        assert_ne!(stored, again, "each hash has its own salt");
    }

    #[test]
    fn hashes_are_the_ones_the_library_makes_and_verifies() {
        use argon2::password_hash::{PasswordHasher, PasswordVerifier};
        let salt = [9u8; 16];
        let ours = hash_now("ett långt lösenord", &salt).unwrap();
        let theirs = Argon2::default()
            .hash_password("ett långt lösenord".as_bytes(), &SaltString::encode_b64(&salt).unwrap())
            .unwrap()
            .to_string();
        assert_eq!(ours, theirs);
        let parsed = PasswordHash::new(&theirs).unwrap();
        assert!(Argon2::default().verify_password("ett långt lösenord".as_bytes(), &parsed).is_ok());
        assert!(matches_hash("ett långt lösenord", &parsed));
        assert!(!matches_hash("ett långt lösenorD", &parsed));
    }

    #[tokio::test]
    async fn checks_over_the_pool_wait_their_turn_then_are_refused() {
        let pool = PasswordPool::new(1);
        let (started, release) = (tokio::sync::oneshot::channel::<()>(), std::sync::mpsc::channel::<()>());
        let (started_tx, started_rx) = started;
        let (release_tx, release_rx) = release;
        let busy = pool.clone();
        let blocker = tokio::spawn(async move {
            busy.run(move || {
                let _ = started_tx.send(());
                let _ = release_rx.recv();
            })
            .await
        });
        started_rx.await.unwrap();
        let refused = pool.verify("vilket som helst".into(), None).await;
        assert!(matches!(refused, Err(HashError::Busy)), "refused after waiting {POOL_WAIT:?}: {refused:?}");
        release_tx.send(()).unwrap();
        blocker.await.unwrap().unwrap();
        assert!(!pool.verify("vilket som helst".into(), None).await.unwrap(), "a free turn again");
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
