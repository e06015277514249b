//! Persistence: the database behind Klustra, SQLite or PostgreSQL.
//!
//! Database rows stay in this module; callers get the domain types of `app::model`.
//! Errors are [`StoreError`]s, which the service layer turns into user-facing errors.
//!
//! Every query is plain SQL both engines accept, run through sqlx's `Any` driver, so each is
//! written once. sqlx's checked queries (`query!`) were weighed and not taken: they are
//! checked against one engine each, so every query would be written (or at least checked)
//! twice, with a live database or stored query data per engine at build time. The schema is
//! written twice (`migrations/sqlite`, `migrations/postgres`); `server/tests/schema.rs`
//! checks that the two make the same schema. Ids are text in both: they go in through
//! `ids::BindId` and come out through `uuid_column`, each in one place.

mod accounts;
mod clock;
mod events;
mod grants;
mod ids;
mod note_batch;
mod notes;
mod participants;
mod priorities;
mod reports;
mod retention;
mod rounds;
mod secrets;
mod sessions;
mod support;
mod themes;
mod trash;
mod vectors;
mod votes;
mod workshops;

use std::time::Duration;

use sqlx::AnyPool;
use sqlx::any::AnyPoolOptions;
use sqlx::migrate::Migrator;

pub use crate::access::visibility::{Audience, Privacy, Viewer};
pub use accounts::Credentials;
pub use clock::{after, now, now_rfc3339, stored};
use clock::{optional_date, optional_timestamp, timestamp_column};
pub use events::StoredEvent;
pub use notes::{NoteInsert, NoteOwnership};
pub use reports::ReportSource;
pub use retention::{Purged, RetentionRecord};
pub use rounds::RoundRecord;
pub use trash::TrashEntry;
pub use vectors::NoteText;
pub use workshops::{Setting, WorkshopRecord};

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The row asked for does not exist.
    #[error("not found")]
    NotFound,
    /// Something already exists under this key or name (a join code in use, a backup file);
    /// the text says what, for the log and the command line, never for deciding.
    #[error("already exists: {0}")]
    Duplicate(String),
    /// A stored value could not be read back (a bug or a hand-edited database).
    #[error("corrupt value in column {0}")]
    Corrupt(&'static str),
    /// The database failed.
    #[error(transparent)]
    Database(sqlx::Error),
    /// A migration failed at start-up.
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The database in use cannot do this (e.g. `VACUUM INTO` on PostgreSQL).
    #[error("not supported: {0}")]
    Unsupported(&'static str),
    /// The transaction of a batch of notes failed as a whole (see `note_batch`); none of
    /// its notes is stored, and each may be sent again.
    #[error("the batch of notes could not be committed: {0}")]
    BatchFailed(String),
    /// The task that writes notes has stopped (the server is shutting down).
    #[error("the note writer has stopped")]
    WriterStopped,
    /// A rule refused the change; nothing was stored.
    #[error("refused: {0:?}")]
    Refused(Refusal),
}

/// Why the store refused a change, decided inside its write transaction (so nothing that
/// commits meanwhile can make the answer wrong). The service tells the user each reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The workshop is locked.
    Locked,
    /// The note is someone else's (or its id is another note's).
    NotAuthor,
    /// Participants cannot +1 their own notes.
    OwnNote,
    /// The vote is closed.
    VoteClosed,
    /// The workshop already has an open vote.
    VoteAlreadyOpen,
    /// The participant has placed all of the vote's dots (this many).
    NoDotsLeft(u32),
    /// The round's notes changed after its last archive export (or it has none): no purge.
    ArchiveOutdated,
    /// No earlier state of the themes is kept.
    NothingToUndo,
    /// The workshop's themes changed after a clustering run read them.
    ThemesChanged,
    /// The setup link is unknown, used or expired, or an account exists already.
    SetupLinkSpent,
    /// An account already has this e-mail address.
    EmailTaken,
}

impl From<Refusal> for StoreError {
    fn from(refusal: Refusal) -> Self {
        StoreError::Refused(refusal)
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        match err {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                StoreError::Duplicate(db.message().to_string())
            }
            other => StoreError::Database(other),
        }
    }
}

/// Which database engine a store runs on, chosen by the scheme of the database URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An embedded SQLite file (`sqlite://…`): the default.
    Sqlite,
    /// A PostgreSQL server (`postgres://…`): for several instances behind one database.
    Postgres,
}

impl Backend {
    /// The backend a database URL names.
    pub fn of_url(url: &str) -> Result<Backend, StoreError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Backend::Postgres)
        } else {
            Err(StoreError::Unsupported("database URLs start with sqlite:// or postgres://"))
        }
    }
}

/// SQLite's schema, in `migrations/sqlite`.
static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
/// The same schema for PostgreSQL, in `migrations/postgres`.
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

/// The database handle: cheap to clone, shared by every request.
///
/// Every query is written once, in SQL both engines accept (numbered `$1` parameters, text
/// ids and times, integer flags), and runs through sqlx's `Any` driver.
///
/// On SQLite, reads use a pool and every write goes through `write`, a pool of one
/// connection, so writers queue in the application instead of contending for SQLite's lock
/// ("database is locked"). On PostgreSQL both are one pool: row locks order the writers.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    write: AnyPool,
    backend: Backend,
    /// New notes go through here, to be written in batches on `write`.
    notes: note_batch::NoteWriter,
}

impl Store {
    /// Opens (creating if needed) the database at `url` and runs pending migrations.
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        sqlx::any::install_default_drivers();
        match Backend::of_url(url)? {
            Backend::Sqlite => Self::open_sqlite(url).await,
            Backend::Postgres => Self::open_postgres(url).await,
        }
    }

    /// WAL with `synchronous=FULL` makes every acknowledged commit durable; the busy
    /// timeout lets a burst of writers queue instead of failing with "database is locked".
    async fn open_sqlite(url: &str) -> Result<Self, StoreError> {
        let url = with_create_mode(url);
        let options = || {
            AnyPoolOptions::new().after_connect(|conn, _| {
                Box::pin(async move {
                    sqlx::raw_sql(
                        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
                         PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;",
                    )
                    .execute(conn)
                    .await
                    .map(drop)
                })
            })
        };
        let write =
            options().max_connections(1).acquire_timeout(Duration::from_secs(30)).connect(&url).await?;
        SQLITE_MIGRATIONS.run(&write).await?;
        let pool = options().max_connections(8).connect(&url).await?;
        let notes = note_batch::NoteWriter::start(write.clone());
        Ok(Store { pool, write, backend: Backend::Sqlite, notes })
    }

    async fn open_postgres(url: &str) -> Result<Self, StoreError> {
        let pool = AnyPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(30))
            .connect(url)
            .await?;
        POSTGRES_MIGRATIONS.run(&pool).await?;
        let notes = note_batch::NoteWriter::start(pool.clone());
        Ok(Store { write: pool.clone(), pool, backend: Backend::Postgres, notes })
    }

    /// Hands the event of every note committed from now on to `publish`, right after its
    /// batch's commit and in sequence order (set once; see `note_batch`).
    pub fn publish_notes_with(&self, publish: impl Fn(StoredEvent) + Send + Sync + 'static) {
        self.notes.publish_with(Box::new(publish));
    }

    /// The engine behind this store.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Writes a consistent copy of the whole database to `path` (which must not exist) with
    /// `VACUUM INTO`: safe while the server runs, as it reads one snapshot of the database.
    /// PostgreSQL is backed up with its own tools (`pg_dump`).
    pub async fn backup_to(&self, path: &std::path::Path) -> Result<(), StoreError> {
        if self.backend != Backend::Sqlite {
            return Err(StoreError::Unsupported("back up PostgreSQL with pg_dump"));
        }
        if path.exists() {
            return Err(StoreError::Duplicate(path.display().to_string()));
        }
        let target = path.to_str().ok_or(StoreError::Corrupt("backup path is not UTF-8"))?;
        sqlx::query("VACUUM INTO $1").bind(target).execute(&self.pool).await?;
        Ok(())
    }

    /// Closes every connection (used on shutdown so SQLite's WAL is checkpointed).
    pub async fn close(&self) {
        self.pool.close().await;
        self.write.close().await;
    }
}

/// `url` with SQLite's `mode=rwc` (create the file if missing) unless it names a mode.
fn with_create_mode(url: &str) -> String {
    if url.contains("mode=") {
        url.to_string()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    }
}

/// Reads an id stored as text, as the id type the caller wants (`NoteId`, `WorkshopId`,
/// ...); a value that is no UUID is a corrupt row.
fn uuid_column<Id: From<uuid::Uuid>>(value: &str, column: &'static str) -> Result<Id, StoreError> {
    uuid::Uuid::parse_str(value).map(Id::from).map_err(|_| StoreError::Corrupt(column))
}
