//! The SQLite and PostgreSQL migration sets must declare the same schema: both are applied to
//! real databases (a temporary SQLite file; a fresh PostgreSQL database when `TEST_DATABASE_URL`
//! is set) and their catalogs compared — tables, column names, unique column sets (primary keys
//! included) and triggers (table, timing, event). Column types are not compared: they differ
//! legitimately between the dialects.
//!
//! The migrations are read from the directories at run time (as `sqlx::migrate!` in
//! `src/db.rs` reads them at compile time), so a migration added since the last build is
//! compared too.
use std::{
    collections::{BTreeMap, BTreeSet},
    path::{Path, PathBuf},
    str::FromStr,
};

use sqlx::{
    migrate::Migrator,
    postgres::{PgConnectOptions, PgConnection},
    sqlite::{SqliteConnectOptions, SqliteConnection},
    ConnectOptions, Connection, Executor,
};

fn migrations_dir(backend: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(backend)
}

async fn migrator(backend: &str) -> Migrator {
    let dir = migrations_dir(backend);
    Migrator::new(dir.as_path())
        .await
        .unwrap_or_else(|e| panic!("read the migrations in {}: {e}", dir.display()))
}

/// What the comparison looks at, per table.
#[derive(Debug, Default)]
struct Catalog {
    /// Table → column names.
    columns: BTreeMap<String, BTreeSet<String>>,
    /// Table → unique column sets (sorted column names; " (partial)" for a partial index).
    uniques: BTreeMap<String, BTreeSet<String>>,
    /// Table → "TIMING EVENT" (e.g. "BEFORE DELETE"), whatever the trigger's name.
    triggers: BTreeMap<String, BTreeSet<String>>,
}

impl Catalog {
    fn add_unique(&mut self, table: &str, mut columns: Vec<String>, partial: bool) {
        columns.sort();
        let mut set = format!("({})", columns.join(", "));
        if partial {
            set.push_str(" (partial)");
        }
        self.uniques
            .entry(table.to_string())
            .or_default()
            .insert(set);
    }

    fn add_trigger(&mut self, table: &str, timing: &str, event: &str) {
        self.triggers
            .entry(table.to_string())
            .or_default()
            .insert(format!("{timing} {event}"));
    }

    /// One line per fact, so that two catalogs compare as two sets of lines.
    fn facts(&self) -> BTreeSet<String> {
        let mut facts = BTreeSet::new();
        for (table, columns) in &self.columns {
            facts.insert(format!("table {table}"));
            facts.extend(columns.iter().map(|c| format!("column {table}.{c}")));
        }
        for (table, sets) in &self.uniques {
            facts.extend(sets.iter().map(|s| format!("unique {table} {s}")));
        }
        for (table, triggers) in &self.triggers {
            facts.extend(triggers.iter().map(|t| format!("trigger {table} {t}")));
        }
        facts
    }
}

/// The differences between the two catalogs, readable; empty when they declare the same schema.
fn diff(sqlite: &Catalog, postgres: &Catalog) -> String {
    let (s, p) = (sqlite.facts(), postgres.facts());
    let mut out = String::new();
    for (label, only) in [
        ("only in migrations/sqlite", s.difference(&p)),
        ("only in migrations/postgres", p.difference(&s)),
    ] {
        let only: Vec<&String> = only.collect();
        if !only.is_empty() {
            out.push_str(&format!("{label}:\n"));
            for fact in only {
                out.push_str(&format!("    {fact}\n"));
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// SQLite

/// A temporary SQLite file with every SQLite migration applied (foreign keys on, as the server
/// runs it).
async fn migrated_sqlite() -> (SqliteConnection, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let mut conn = SqliteConnectOptions::new()
        .filename(dir.path().join("parity.db"))
        .create_if_missing(true)
        .foreign_keys(true)
        .connect()
        .await
        .expect("open the temporary SQLite file");
    migrator("sqlite")
        .await
        .run(&mut conn)
        .await
        .expect("apply the SQLite migrations");
    (conn, dir)
}

async fn sqlite_catalog(conn: &mut SqliteConnection) -> Catalog {
    let mut catalog = Catalog::default();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> '_sqlx_migrations' ORDER BY name",
    )
    .fetch_all(&mut *conn)
    .await
    .expect("list SQLite tables");
    for table in &tables {
        let columns: Vec<(String, i64)> =
            sqlx::query_as("SELECT name, pk FROM pragma_table_info(?) ORDER BY cid")
                .bind(table)
                .fetch_all(&mut *conn)
                .await
                .expect("read SQLite columns");
        // The primary key: an `INTEGER PRIMARY KEY` is the rowid and has no index of its own.
        let mut pk: Vec<(i64, String)> = columns
            .iter()
            .filter(|(_, pk)| *pk > 0)
            .map(|(name, pk)| (*pk, name.clone()))
            .collect();
        pk.sort();
        if !pk.is_empty() {
            catalog.add_unique(table, pk.into_iter().map(|(_, name)| name).collect(), false);
        }
        catalog.columns.insert(
            table.clone(),
            columns.into_iter().map(|(name, _)| name).collect(),
        );
        let indexes: Vec<(String, i64, i64)> =
            sqlx::query_as(r#"SELECT name, "unique", partial FROM pragma_index_list(?)"#)
                .bind(table)
                .fetch_all(&mut *conn)
                .await
                .expect("read SQLite indexes");
        for (index, unique, partial) in indexes {
            if unique != 1 {
                continue;
            }
            let columns: Vec<Option<String>> =
                sqlx::query_scalar("SELECT name FROM pragma_index_info(?) ORDER BY seqno")
                    .bind(&index)
                    .fetch_all(&mut *conn)
                    .await
                    .expect("read SQLite index columns");
            let columns = columns
                .into_iter()
                .map(|c| c.unwrap_or_else(|| "<expression>".into()))
                .collect();
            catalog.add_unique(table, columns, partial == 1);
        }
    }
    let triggers: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name",
    )
    .fetch_all(&mut *conn)
    .await
    .expect("list SQLite triggers");
    for (name, table, sql) in triggers {
        let (timing, event) = sqlite_trigger_timing_and_event(&sql)
            .unwrap_or_else(|| panic!("cannot read the event of SQLite trigger {name}: {sql}"));
        catalog.add_trigger(&table, timing, event);
    }
    catalog
}

/// `CREATE TRIGGER name [BEFORE|AFTER|INSTEAD OF] {DELETE|INSERT|UPDATE [OF …]} ON table …`:
/// SQLite fires a trigger on one event; BEFORE when no timing is written.
fn sqlite_trigger_timing_and_event(sql: &str) -> Option<(&'static str, &'static str)> {
    let upper = sql.to_uppercase();
    let head: Vec<&str> = upper
        .split_whitespace()
        .take_while(|word| *word != "ON")
        .collect();
    // The last event keyword before ON: the trigger's name comes first and cannot shadow it.
    let event = head.iter().rev().find_map(|word| match *word {
        "DELETE" => Some("DELETE"),
        "INSERT" => Some("INSERT"),
        "UPDATE" => Some("UPDATE"),
        _ => None,
    })?;
    let timing = if head.contains(&"AFTER") {
        "AFTER"
    } else if head.contains(&"INSTEAD") {
        "INSTEAD OF"
    } else {
        "BEFORE"
    };
    Some((timing, event))
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

/// A fresh database on the `TEST_DATABASE_URL` server, named `banshui_test_…` so that CI drops
/// it if a failing test leaves it behind.
struct PgTestDb {
    admin: PgConnectOptions,
    name: String,
}

impl PgTestDb {
    /// Creates the database and applies the PostgreSQL migrations; returns the one connection
    /// to it (a single connection, so that closing it leaves nothing open before the drop).
    async fn create(base: &str) -> (Self, PgConnection) {
        let admin = PgConnectOptions::from_str(base).expect("TEST_DATABASE_URL is a valid URL");
        let name = format!("banshui_test_parity_{}", random_suffix());
        let mut conn = admin.connect().await.expect("TEST_DATABASE_URL reachable");
        conn.execute(format!("CREATE DATABASE {name}").as_str())
            .await
            .expect("create the parity test database");
        conn.close().await.expect("close the admin connection");
        let mut conn = admin
            .clone()
            .database(&name)
            .connect()
            .await
            .expect("connect to the parity test database");
        migrator("postgres")
            .await
            .run(&mut conn)
            .await
            .expect("apply the PostgreSQL migrations");
        (PgTestDb { admin, name }, conn)
    }

    /// Drops the database once its connection is closed (best effort: CI drops leftovers named
    /// `banshui_test_%`). The server ends a closed connection's backend a moment after the
    /// client leaves, and DROP DATABASE waits a few seconds for that; one retry covers a slow one.
    async fn drop_database(self) {
        let drop = format!("DROP DATABASE IF EXISTS {}", self.name);
        let mut last_error = None;
        for _ in 0..3 {
            let dropped = async {
                let mut conn = self.admin.connect().await?;
                let done = conn.execute(drop.as_str()).await.map(|_| ());
                conn.close().await?;
                done
            }
            .await;
            match dropped {
                Ok(()) => return,
                Err(e) => last_error = Some(e),
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        if let Some(e) = last_error {
            eprintln!("could not drop the test database {}: {e}", self.name);
        }
    }
}

fn random_suffix() -> String {
    use std::{collections::hash_map::RandomState, hash::BuildHasher};
    let v = RandomState::new().hash_one((std::process::id(), std::time::SystemTime::now()));
    format!("{v:016x}")
}

async fn postgres_catalog(conn: &mut PgConnection) -> Catalog {
    let mut catalog = Catalog::default();
    let columns: Vec<(String, String)> = sqlx::query_as(
        "SELECT c.table_name::text, c.column_name::text \
         FROM information_schema.columns c \
         JOIN information_schema.tables t \
           ON t.table_schema = c.table_schema AND t.table_name = c.table_name \
         WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' \
           AND c.table_name <> '_sqlx_migrations' \
         ORDER BY c.table_name, c.ordinal_position",
    )
    .fetch_all(&mut *conn)
    .await
    .expect("read PostgreSQL columns");
    for (table, column) in columns {
        catalog.columns.entry(table).or_default().insert(column);
    }

    // Unique and primary-key constraints, then unique indexes (which include the constraints'
    // own indexes and the partial unique indexes); the sets remove the duplicates.
    let constraint_columns: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT t.relname::text, c.conname::text, a.attname::text \
         FROM pg_constraint c \
         JOIN pg_class t ON t.oid = c.conrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace \
         CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord) \
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum \
         WHERE c.contype IN ('u', 'p') AND n.nspname = current_schema() \
           AND t.relname <> '_sqlx_migrations' \
         ORDER BY 1, 2, k.ord",
    )
    .fetch_all(&mut *conn)
    .await
    .expect("read PostgreSQL unique constraints");
    let mut constraints: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for (table, constraint, column) in constraint_columns {
        constraints
            .entry((table, constraint))
            .or_default()
            .push(column);
    }
    for ((table, _), columns) in constraints {
        catalog.add_unique(&table, columns, false);
    }
    let index_columns: Vec<(String, String, bool, String)> = sqlx::query_as(
        "SELECT t.relname::text, ic.relname::text, i.indpred IS NOT NULL, \
                COALESCE(a.attname::text, '<expression>') \
         FROM pg_index i \
         JOIN pg_class t ON t.oid = i.indrelid \
         JOIN pg_class ic ON ic.oid = i.indexrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace \
         CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord) \
         LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum AND k.attnum > 0 \
         WHERE i.indisunique AND n.nspname = current_schema() AND k.ord <= i.indnkeyatts \
           AND t.relname <> '_sqlx_migrations' \
         ORDER BY 1, 2, k.ord",
    )
    .fetch_all(&mut *conn)
    .await
    .expect("read PostgreSQL unique indexes");
    let mut indexes: BTreeMap<(String, String), (bool, Vec<String>)> = BTreeMap::new();
    for (table, index, partial, column) in index_columns {
        let entry = indexes
            .entry((table, index))
            .or_insert((partial, Vec::new()));
        entry.1.push(column);
    }
    for ((table, _), (partial, columns)) in indexes {
        catalog.add_unique(&table, columns, partial);
    }

    // One row per event: `BEFORE UPDATE OR DELETE` gives an UPDATE row and a DELETE row.
    let triggers: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT event_object_table::text, action_timing::text, event_manipulation::text \
         FROM information_schema.triggers \
         WHERE event_object_schema = current_schema()",
    )
    .fetch_all(&mut *conn)
    .await
    .expect("read PostgreSQL triggers");
    for (table, timing, event) in triggers {
        catalog.add_trigger(&table, &timing, &event);
    }
    catalog
}

// ---------------------------------------------------------------------------------------------
// The tests

/// The smallest valid taxpayer → filing → filing event chain (foreign keys respected).
const ONE_FILING_EVENT: &str = "\
INSERT INTO taxpayers (id, kind, name, password_hash, created_at)
VALUES ('91350100M00000000X', 'uscc', 'parity', 'not-a-hash', '2026-12-01T00:00:00Z');
INSERT INTO filings (id, receipt_number, taxpayer_id, kind, period, data, result, explanations,
    amount_due, refund_due, payment_deadline, content_sha256, engine_version, submitted_at,
    submitted_us)
VALUES ('parity-filing', 'BS-PARITY', '91350100M00000000X', 'vat', '2026-11', '{}', '{}', '[]',
    '0.00', '0.00', '2026-12-15', 'sha', 'test', '2026-12-01T00:00:00Z', 1);
INSERT INTO filing_events (filing_id, seq, at, type, detail)
VALUES ('parity-filing', 1, '2026-12-01T00:00:00Z', 'submitted', '{}');
";

/// On `$conn` (after the migrations): a filing event cannot be changed nor deleted, and the
/// refusal is the trigger's (its message contains `$message`), not some other error.
macro_rules! assert_filing_events_append_only {
    ($conn:expr, $backend:literal, $message:literal) => {{
        let conn = $conn;
        sqlx::raw_sql(ONE_FILING_EVENT)
            .execute(&mut *conn)
            .await
            .expect(concat!($backend, ": insert a filing event"));
        for statement in [
            "UPDATE filing_events SET detail = 'changed'",
            "DELETE FROM filing_events",
        ] {
            match sqlx::query(statement).execute(&mut *conn).await {
                Ok(done) => panic!(
                    "{}: `{statement}` was accepted ({} rows); filing events are append-only",
                    $backend,
                    done.rows_affected()
                ),
                Err(e) => assert!(
                    e.to_string().contains($message),
                    "{}: `{statement}` failed, but not by the append-only trigger: {e}",
                    $backend
                ),
            }
        }
        let left: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM filing_events WHERE detail = '{}'")
                .fetch_one(&mut *conn)
                .await
                .expect(concat!($backend, ": count filing events"));
        assert_eq!(
            left, 1,
            "{}: the filing event is still there, unchanged",
            $backend
        );
    }};
}

#[tokio::test]
async fn sqlite_and_postgres_migrations_declare_the_same_schema() {
    // sqlx keeps one version list per database; the two sets must stay in step.
    let listed = |m: &Migrator| -> Vec<String> {
        m.iter()
            .map(|m| format!("{}_{}", m.version, m.description))
            .collect()
    };
    assert_eq!(
        listed(&migrator("sqlite").await),
        listed(&migrator("postgres").await),
        "migrations/sqlite and migrations/postgres must have the same migration files"
    );

    let (mut conn, _dir) = migrated_sqlite().await;
    let sqlite = sqlite_catalog(&mut conn).await;
    conn.close().await.expect("close the SQLite file");

    // The catalog reading itself must see the schema, or the comparison below means nothing.
    assert!(
        sqlite
            .columns
            .get("filings")
            .is_some_and(|c| c.contains("id") && c.contains("receipt_number")),
        "SQLite catalog: no filings table with id and receipt_number: {sqlite:#?}"
    );
    assert!(
        sqlite
            .uniques
            .get("filing_events")
            .is_some_and(|u| u.contains("(filing_id, seq)")),
        "SQLite catalog: filing_events lacks its (filing_id, seq) primary key: {sqlite:#?}"
    );
    match std::env::var("TEST_DATABASE_URL") {
        Ok(base) => {
            let (db, mut conn) = PgTestDb::create(&base).await;
            let postgres = postgres_catalog(&mut conn).await;
            conn.close().await.expect("close the PostgreSQL connection");
            db.drop_database().await;
            assert!(
                postgres.columns.contains_key("filings"),
                "PostgreSQL catalog: no filings table: {postgres:#?}"
            );
            let differences = diff(&sqlite, &postgres);
            assert!(
                differences.is_empty(),
                "the SQLite and PostgreSQL migrations declare different schemas:\n{differences}"
            );
            eprintln!(
                "migration_parity: SQLite and PostgreSQL agree on {} facts ({} tables)",
                sqlite.facts().len(),
                sqlite.columns.len()
            );
        }
        Err(_) => eprintln!(
            "migration_parity: TEST_DATABASE_URL is not set: the comparison with PostgreSQL \
             was skipped, the SQLite schema is checked on its own"
        ),
    }

    // Without PostgreSQL, at least the append-only tables must have both refusing triggers.
    for (table, event) in [
        ("filings", "UPDATE"),
        ("filings", "DELETE"),
        ("filing_events", "UPDATE"),
        ("filing_events", "DELETE"),
        ("audit_log", "UPDATE"),
        ("audit_log", "DELETE"),
        ("article_versions", "UPDATE"),
        ("article_versions", "DELETE"),
    ] {
        assert!(
            sqlite
                .triggers
                .get(table)
                .is_some_and(|t| t.contains(&format!("BEFORE {event}"))),
            "SQLite: no BEFORE {event} trigger on {table}; triggers: {:#?}",
            sqlite.triggers
        );
    }
}

#[tokio::test]
async fn filing_events_refuse_update_and_delete() {
    let (mut conn, _dir) = migrated_sqlite().await;
    assert_filing_events_append_only!(&mut conn, "SQLite", "filing events are append-only");
    conn.close().await.expect("close the SQLite file");

    let Ok(base) = std::env::var("TEST_DATABASE_URL") else {
        eprintln!("migration_parity: TEST_DATABASE_URL is not set; PostgreSQL was skipped");
        return;
    };
    let (db, mut conn) = PgTestDb::create(&base).await;
    // PostgreSQL's refuse_change() says 'filings are immutable' for filing events too.
    assert_filing_events_append_only!(&mut conn, "PostgreSQL", "filings are immutable");
    conn.close().await.expect("close the PostgreSQL connection");
    db.drop_database().await;
}

#[test]
fn sqlite_trigger_headers_are_read() {
    for (sql, expected) in [
        (
            "CREATE TRIGGER t BEFORE DELETE ON x BEGIN SELECT 1; END",
            Some(("BEFORE", "DELETE")),
        ),
        (
            "create trigger updated_on after update of a, b on x begin select 1; end",
            Some(("AFTER", "UPDATE")),
        ),
        (
            "CREATE TRIGGER IF NOT EXISTS delete_me INSERT ON x BEGIN SELECT 1; END",
            Some(("BEFORE", "INSERT")),
        ),
        (
            "CREATE TRIGGER t INSTEAD OF DELETE ON v BEGIN SELECT 1; END",
            Some(("INSTEAD OF", "DELETE")),
        ),
        ("CREATE TRIGGER t ON x", None),
    ] {
        assert_eq!(sqlite_trigger_timing_and_event(sql), expected, "{sql}");
    }
}
