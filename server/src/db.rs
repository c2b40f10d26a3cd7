//! Storage: one sqlx `AnyPool` over either an embedded SQLite file (the default) or
//! PostgreSQL (to run several stateless `banshui` processes on one database).
//! Each backend has its own migrations directory; the schema is the same.
use std::{fmt, path::PathBuf, str::FromStr, time::Duration};

use sqlx::{
    any::{AnyConnectOptions, AnyPoolOptions},
    migrate::Migrator,
    AnyPool, ConnectOptions, Executor,
};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A validated `DATABASE_URL`.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl {
    url: String,
    backend: Backend,
}

impl DatabaseUrl {
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The SQLite file, when the URL names one.
    fn sqlite_path(&self) -> Option<PathBuf> {
        if self.backend != Backend::Sqlite {
            return None;
        }
        let rest = self
            .url
            .trim_start_matches("sqlite:")
            .trim_start_matches("//");
        let path = rest.split('?').next().unwrap_or(rest);
        (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
    }
}

impl fmt::Debug for DatabaseUrl {
    // Never log a password that may be in the URL.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.backend {
            Backend::Sqlite => write!(f, "{}", self.url),
            Backend::Postgres => write!(f, "postgres://…"),
        }
    }
}

impl FromStr for DatabaseUrl {
    type Err = String;

    fn from_str(url: &str) -> Result<Self, Self::Err> {
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            return Err("expected sqlite://FILE or postgres://USER@HOST:PORT/DB".into());
        };
        let url = url.to_string();
        let parsed = DatabaseUrl { url, backend };
        if backend == Backend::Sqlite && parsed.sqlite_path().is_none() {
            return Err("sqlite URL needs a file path, e.g. sqlite://data/banshui.db".into());
        }
        Ok(parsed)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("cannot create the directory for the database file {path}: {source}")]
    CreateDir {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot open the database: {0}")]
    Connect(#[source] sqlx::Error),
    #[error("cannot apply migrations: {0}")]
    Migrate(#[source] sqlx::migrate::MigrateError),
    #[error("database query failed: {0}")]
    Query(#[from] sqlx::Error),
}

/// The application's handle on storage; cheap to clone.
#[derive(Clone, Debug)]
pub struct Database {
    pub pool: AnyPool,
    pub backend: Backend,
}

impl Database {
    /// Opens the pool. SQLite: creates the file (and its directory), WAL journal,
    /// `synchronous=FULL` (a filing acknowledged is on disk), foreign keys, busy timeout.
    pub async fn connect(url: &DatabaseUrl) -> Result<Self, DbError> {
        sqlx::any::install_default_drivers();
        let mut raw = url.url.clone();
        if let Some(path) = url.sqlite_path() {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                let created = !dir.exists();
                std::fs::create_dir_all(dir).map_err(|source| DbError::CreateDir {
                    path: dir.display().to_string(),
                    source,
                })?;
                if created {
                    owner_only(dir, 0o700);
                }
            }
            // The file is made here, the service user's alone, before SQLite opens it (its
            // -wal and -shm files take the same mode).
            create_owner_only(&path);
            if !raw.contains("mode=") {
                raw.push_str(if raw.contains('?') {
                    "&mode=rwc"
                } else {
                    "?mode=rwc"
                });
            }
        }
        let options = AnyConnectOptions::from_str(&raw)
            .map_err(DbError::Connect)?
            .log_statements(tracing::log::LevelFilter::Trace);
        let backend = url.backend;
        let pool = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            })
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA synchronous = FULL").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute("PRAGMA busy_timeout = 5000").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .map_err(DbError::Connect)?;
        // The database file (SQLite gives its -wal and -shm files the same mode) is the
        // taxpayers' records: readable by the service's own user only.
        if let Some(path) = url.sqlite_path() {
            owner_only(&path, 0o600);
        }
        Ok(Database { pool, backend })
    }

    /// The SQL text for this backend: queries are written with `?` bind parameters (SQLite's);
    /// PostgreSQL gets `$1`, `$2`, … No query of ours has a `?` inside a string literal.
    pub fn sql(&self, query: &str) -> String {
        match self.backend {
            Backend::Sqlite => query.to_string(),
            Backend::Postgres => {
                let mut out = String::with_capacity(query.len() + 8);
                let mut n = 0;
                for c in query.chars() {
                    if c == '?' {
                        n += 1;
                        out.push('$');
                        out.push_str(&n.to_string());
                    } else {
                        out.push(c);
                    }
                }
                out
            }
        }
    }

    /// The statement that opens a write transaction: SQLite takes the write lock at once
    /// (`IMMEDIATE`), so a transaction never fails half-way for want of it.
    pub fn begin_write(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite => "BEGIN IMMEDIATE",
            Backend::Postgres => "BEGIN",
        }
    }

    /// A write transaction (see [`Database::begin_write`]); rolled back when dropped without
    /// `commit`.
    pub async fn write_transaction(
        &self,
    ) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
        self.pool.begin_with(self.begin_write()).await
    }

    /// Holds a lock named `key` until the transaction ends, in every process on this database:
    /// PostgreSQL's transaction-level advisory lock; on SQLite the write transaction itself
    /// (`BEGIN IMMEDIATE`) already excludes every other writer.
    pub async fn lock(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        key: &str,
    ) -> Result<(), sqlx::Error> {
        if self.backend == Backend::Postgres {
            sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))::text")
                .bind(key)
                .fetch_one(&mut **tx)
                .await?;
        }
        Ok(())
    }

    fn migrator(&self) -> &'static Migrator {
        match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        }
    }

    /// Applies pending migrations (safe to run from several processes at once: sqlx takes a lock).
    pub async fn migrate(&self) -> Result<(), DbError> {
        self.migrator()
            .run(&self.pool)
            .await
            .map_err(DbError::Migrate)
    }

    /// Ready means: the database answers, and every migration this binary knows is applied.
    pub async fn readiness(&self) -> Result<Readiness, DbError> {
        let _: i32 = sqlx::query_scalar("SELECT 1").fetch_one(&self.pool).await?;
        let expected: Vec<i64> = self.migrator().iter().map(|m| m.version).collect();
        let applied: Vec<i64> = sqlx::query_scalar(
            "SELECT version FROM _sqlx_migrations WHERE success = TRUE ORDER BY version",
        )
        .fetch_all(&self.pool)
        .await
        .unwrap_or_default();
        let pending: Vec<i64> = expected
            .into_iter()
            .filter(|v| !applied.contains(v))
            .collect();
        Ok(Readiness {
            applied: applied.len(),
            pending,
        })
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Readiness {
    pub applied: usize,
    pub pending: Vec<i64>,
}

/// Takes away group and other access (Unix); a failure is logged, not fatal.
fn owner_only(path: &std::path::Path, mode: u32) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Err(e) = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)) {
            tracing::warn!(path = %path.display(), error = %e, "cannot restrict permissions");
        }
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
}

/// Creates an empty file readable by its owner only, unless it exists.
fn create_owner_only(path: &std::path::Path) {
    if path.exists() {
        return;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    if let Err(e) = options.open(path) {
        tracing::warn!(path = %path.display(), error = %e, "cannot create the database file");
    }
}

/// The error for a stored value that does not read back as its type (a row written by hand).
pub fn undecodable(column: &str) -> sqlx::Error {
    sqlx::Error::ColumnDecode {
        index: column.to_string(),
        source: format!("not a valid {column}").into(),
    }
}
