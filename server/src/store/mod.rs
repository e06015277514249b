//! Persistence: the SQLite database behind Klustra.
//!
//! Database rows stay in this module; callers get the domain types of `app::model`.
//! Errors are [`StoreError`]s, which the service layer turns into user-facing errors.

mod accounts;
mod clock;
mod events;
mod grants;
mod notes;
mod participants;
mod reports;
mod retention;
mod rounds;
mod sessions;
mod support;
mod themes;
mod votes;
mod workshops;

use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

pub use accounts::Credentials;
pub use clock::{now_rfc3339, rfc3339_in};
pub use events::{StoredEvent, Viewer};
pub use grants::RoundOwnership;
pub use notes::{NoteInsert, NoteOwnership};
pub use reports::ReportSource;
pub use retention::{Purged, RetentionRecord};
pub use rounds::RoundRecord;
pub use workshops::{Setting, WorkshopRecord};

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The row asked for does not exist.
    #[error("not found")]
    NotFound,
    /// A uniqueness rule was hit (e.g. a join code already in use).
    #[error("conflict: {0}")]
    Conflict(String),
    /// A stored value could not be read back (a bug or a hand-edited database).
    #[error("corrupt value in column {0}")]
    Corrupt(&'static str),
    /// The database failed.
    #[error(transparent)]
    Database(sqlx::Error),
    /// A migration failed at start-up.
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A rule of +1 or voting refused the change; nothing was stored.
    #[error("refused: {0:?}")]
    Refused(Refusal),
}

/// Why a +1 or a dot was refused, decided inside the write transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The workshop is locked.
    Locked,
    /// Participants cannot +1 their own notes.
    OwnNote,
    /// The vote is closed.
    VoteClosed,
    /// The workshop already has an open vote.
    VoteAlreadyOpen,
    /// The participant has placed all of the vote's dots (this many).
    NoDotsLeft(u32),
}

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        match err {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                StoreError::Conflict(db.message().to_string())
            }
            other => StoreError::Database(other),
        }
    }
}

/// The database handle: cheap to clone, shared by every request.
///
/// Reads use a pool; every write goes through `write`, a pool of one connection, so writers
/// queue in the application instead of contending for SQLite's lock ("database is locked").
#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
    write: SqlitePool,
}

impl Store {
    /// Writes a consistent copy of the whole database to `path` (which must not exist) with
    /// `VACUUM INTO`: safe while the server runs, as it reads one snapshot of the database.
    pub async fn backup_to(&self, path: &std::path::Path) -> Result<(), StoreError> {
        if path.exists() {
            return Err(StoreError::Conflict(format!("{} already exists", path.display())));
        }
        let target = path.to_str().ok_or(StoreError::Corrupt("backup path is not UTF-8"))?;
        sqlx::query("VACUUM INTO ?").bind(target).execute(&self.pool).await?;
        Ok(())
    }

    /// Opens (creating if needed) the database at `url` and runs pending migrations.
    ///
    /// WAL with `synchronous=FULL` makes every acknowledged commit durable; the busy
    /// timeout lets a burst of writers queue instead of failing with "database is locked".
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true);
        let write = SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options.clone())
            .await?;
        sqlx::migrate!("../migrations").run(&write).await?;
        let pool = SqlitePoolOptions::new().max_connections(8).connect_with(options).await?;
        Ok(Store { pool, write })
    }

    /// Closes every connection (used on shutdown so the WAL is checkpointed).
    pub async fn close(&self) {
        self.pool.close().await;
        self.write.close().await;
    }
}

/// Parses a UUID stored as text.
fn uuid_column(value: &str, column: &'static str) -> Result<uuid::Uuid, StoreError> {
    uuid::Uuid::parse_str(value).map_err(|_| StoreError::Corrupt(column))
}
