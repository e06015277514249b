//! The two engines' migrations (`migrations/sqlite`, a history of small steps, and
//! `migrations/postgres`, fewer and larger) must end in the same schema: the same tables,
//! columns (with their types as the store uses them and their nullability), primary keys and
//! indexes. The store writes every query once for both, so a column or an index that only
//! one engine has is a bug that shows only in production on the other.
//!
//! Needs PostgreSQL (`KLUSTRA_TEST_POSTGRES_URL`; `scripts/test.sh` runs it in its
//! PostgreSQL pass).

mod common;

use std::collections::BTreeSet;

use sqlx::{Connection, PgConnection, SqliteConnection};

use server::store::Store;

/// One fact about the schema, written the same way for both engines so two sets of them
/// can be compared and their difference read.
type Facts = BTreeSet<String>;

#[tokio::test]
#[ignore = "needs PostgreSQL: KLUSTRA_TEST_POSTGRES_URL and --include-ignored (scripts/test.sh)"]
async fn sqlite_and_postgres_migrations_make_the_same_schema() {
    common::require_postgres();
    let dir = tempfile::tempdir().unwrap();
    let sqlite_url = format!("sqlite://{}", dir.path().join("schema.db").display());
    let postgres_url = common::database_url(dir.path()).await.expect("a PostgreSQL database");
    // Opening a store runs its engine's migrations.
    for url in [&sqlite_url, &postgres_url] {
        Store::open(url).await.expect("migrations run").close().await;
    }

    let sqlite = sqlite_schema(&mut SqliteConnection::connect(&sqlite_url).await.unwrap()).await;
    let postgres = postgres_schema(&mut PgConnection::connect(&postgres_url).await.unwrap()).await;

    assert!(
        sqlite.iter().any(|fact| fact.starts_with("column notes.text")),
        "the schema was read: {sqlite:#?}"
    );
    let only_sqlite: Vec<_> = sqlite.difference(&postgres).collect();
    let only_postgres: Vec<_> = postgres.difference(&sqlite).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "the migrations differ\nonly in SQLite: {only_sqlite:#?}\nonly in PostgreSQL: {only_postgres:#?}"
    );
}

/// A column's type as the store sees it: both engines' integer types are integers (the store
/// reads them as `i64`), their floating-point types reals, their byte strings blobs.
fn normalised_type(declared: &str) -> String {
    match declared.to_ascii_lowercase().as_str() {
        "integer" | "bigint" | "int8" | "int4" | "smallint" => "integer".into(),
        "real" | "double precision" | "float8" => "real".into(),
        "blob" | "bytea" => "blob".into(),
        "text" | "character varying" => "text".into(),
        other => other.into(),
    }
}

/// The tables, columns, primary keys and indexes of a migrated SQLite database.
async fn sqlite_schema(conn: &mut SqliteConnection) -> Facts {
    let tables: Vec<(String,)> = sqlx::query_as(
        "SELECT name FROM sqlite_master WHERE type = 'table'
         AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx_%'",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    let mut facts = Facts::new();
    for (table,) in tables {
        facts.insert(format!("table {table}"));
        let columns: Vec<(String, String, bool, i64)> =
            sqlx::query_as("SELECT name, type, \"notnull\", pk FROM pragma_table_info($1)")
                .bind(&table)
                .fetch_all(&mut *conn)
                .await
                .unwrap();
        let mut key: Vec<(i64, &str)> = Vec::new();
        for (name, declared, not_null, pk) in &columns {
            // A primary key column is never null, whether or not it says so (SQLite's
            // `INTEGER PRIMARY KEY` does not).
            let null = if *not_null || *pk > 0 { "not null" } else { "null" };
            facts.insert(format!("column {table}.{name} {} {null}", normalised_type(declared)));
            if *pk > 0 {
                key.push((*pk, name));
            }
        }
        key.sort_unstable();
        let key: Vec<&str> = key.into_iter().map(|(_, name)| name).collect();
        if !key.is_empty() {
            facts.insert(format!("primary key {table}({})", key.join(", ")));
        }

        let indexes: Vec<(String, bool, String, bool)> =
            sqlx::query_as("SELECT name, \"unique\", origin, partial FROM pragma_index_list($1)")
                .bind(&table)
                .fetch_all(&mut *conn)
                .await
                .unwrap();
        for (name, unique, origin, partial) in indexes {
            if origin == "pk" {
                continue;
            }
            let columns: Vec<(String,)> =
                sqlx::query_as("SELECT name FROM pragma_index_info($1) ORDER BY seqno")
                    .bind(&name)
                    .fetch_all(&mut *conn)
                    .await
                    .unwrap();
            let columns: Vec<String> = columns.into_iter().map(|(c,)| c).collect();
            // Indexes made by a UNIQUE constraint get names of each engine's choosing.
            let name = if origin == "u" { "(constraint)".to_string() } else { name };
            facts.insert(index_fact(&table, &name, &columns, unique, partial));
        }
    }
    facts
}

/// The tables, columns, primary keys and indexes of a migrated PostgreSQL database.
async fn postgres_schema(conn: &mut PgConnection) -> Facts {
    let mut facts = Facts::new();
    let tables: Vec<(String,)> = sqlx::query_as(
        "SELECT table_name::text FROM information_schema.tables
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE '_sqlx_%'",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    for (table,) in tables {
        facts.insert(format!("table {table}"));
    }

    let columns: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text
         FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name NOT LIKE '_sqlx_%'",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    for (table, name, declared, nullable) in columns {
        let null = if nullable == "YES" { "null" } else { "not null" };
        facts.insert(format!("column {table}.{name} {} {null}", normalised_type(&declared)));
    }

    let indexes: Vec<PgIndex> = sqlx::query_as(
        "SELECT t.relname::text AS table_name, i.relname::text AS name,
                ARRAY(SELECT a.attname::text FROM unnest(x.indkey) WITH ORDINALITY AS k(attnum, n)
                      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                      ORDER BY k.n) AS columns,
                x.indisunique AS is_unique, x.indisprimary AS is_primary,
                EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid AND c.contype = 'u')
                    AS is_constraint,
                x.indpred IS NOT NULL AS is_partial
         FROM pg_index x
         JOIN pg_class t ON t.oid = x.indrelid
         JOIN pg_class i ON i.oid = x.indexrelid
         JOIN pg_namespace s ON s.oid = t.relnamespace
         WHERE s.nspname = 'public' AND t.relname NOT LIKE '_sqlx_%'",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    for index in indexes {
        let table = &index.table_name;
        if index.is_primary {
            facts.insert(format!("primary key {table}({})", index.columns.join(", ")));
        } else {
            let name = if index.is_constraint { "(constraint)" } else { index.name.as_str() };
            facts.insert(index_fact(table, name, &index.columns, index.is_unique, index.is_partial));
        }
    }
    facts
}

/// A PostgreSQL index with its columns in order, whether it serves the primary key or a
/// UNIQUE constraint, and whether it has a WHERE clause.
#[derive(sqlx::FromRow)]
struct PgIndex {
    table_name: String,
    name: String,
    columns: Vec<String>,
    is_unique: bool,
    is_primary: bool,
    is_constraint: bool,
    is_partial: bool,
}

/// An index as one comparable line.
fn index_fact(table: &str, name: &str, columns: &[String], unique: bool, partial: bool) -> String {
    let unique = if unique { "unique " } else { "" };
    let partial = if partial { " where …" } else { "" };
    format!("{unique}index {name} on {table}({}){partial}", columns.join(", "))
}
