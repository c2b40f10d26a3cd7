//! The SQL of drafts: one row per taxpayer, kind and period; typed rows in and out.
use banshui_engine::{calculation::Kind, filing::Period};
use serde_json::{Map, Value};
use sqlx::{any::AnyRow, Row};

use crate::{
    clock::now_rfc3339,
    db::{undecodable, Database},
    filings::canonical::canonical,
};

/// A return's answers as the taxpayer gave them: the engine's input object for the kind,
/// possibly incomplete or invalid — the engine reads it field by field when it computes, and a
/// draft must keep whatever was typed. Always an object.
#[derive(Clone, Debug, PartialEq)]
pub struct Answers(Value);

impl Answers {
    pub fn new(fields: Map<String, Value>) -> Self {
        Answers(Value::Object(fields))
    }

    /// Anything but an object (a hand-edited row, say) is no answers at all.
    pub fn from_value(value: Value) -> Self {
        match value {
            Value::Object(_) => Answers(value),
            _ => Answers::default(),
        }
    }

    /// As the engine reads it.
    pub fn as_value(&self) -> &Value {
        &self.0
    }

    pub fn into_value(self) -> Value {
        self.0
    }
}

impl Default for Answers {
    fn default() -> Self {
        Answers(Value::Object(Map::new()))
    }
}

#[derive(Clone, Debug)]
pub struct Draft {
    pub kind: Kind,
    pub period: Period,
    pub data: Answers,
    /// The filing this draft corrects.
    pub supersedes: Option<String>,
    pub updated_at: String,
}

impl<'r> sqlx::FromRow<'r, AnyRow> for Draft {
    fn from_row(row: &'r AnyRow) -> Result<Self, sqlx::Error> {
        let text = |column: &str| row.try_get::<String, _>(column);
        Ok(Draft {
            kind: Kind::from_slug(&text("kind")?).ok_or_else(|| undecodable("kind"))?,
            period: Period::parse(&text("period")?).ok_or_else(|| undecodable("period"))?,
            data: Answers::from_value(serde_json::from_str(&text("data")?).unwrap_or_default()),
            supersedes: row.try_get("supersedes")?,
            updated_at: text("updated_at")?,
        })
    }
}

const COLUMNS: &str = "kind, period, data, supersedes, updated_at";

/// Writes the draft (replacing the taxpayer's draft of the same kind and period).
pub async fn save(
    db: &Database,
    taxpayer_id: &str,
    kind: Kind,
    period: Period,
    data: &Answers,
    supersedes: Option<&str>,
) -> Result<Draft, sqlx::Error> {
    let now = now_rfc3339();
    sqlx::query(&db.sql(
        "INSERT INTO drafts (taxpayer_id, kind, period, data, supersedes, updated_at) VALUES (?, ?, ?, ?, ?, ?) \
         ON CONFLICT (taxpayer_id, kind, period) DO UPDATE SET data = excluded.data, supersedes = excluded.supersedes, updated_at = excluded.updated_at",
    ))
    .bind(taxpayer_id)
    .bind(kind.slug())
    .bind(period.to_string())
    .bind(canonical(data.as_value()))
    .bind(supersedes)
    .bind(&now)
    .execute(&db.pool)
    .await?;
    Ok(Draft {
        kind,
        period,
        data: data.clone(),
        supersedes: supersedes.map(str::to_string),
        updated_at: now,
    })
}

pub async fn find(
    db: &Database,
    taxpayer_id: &str,
    kind: Kind,
    period: Period,
) -> Result<Option<Draft>, sqlx::Error> {
    sqlx::query_as(&db.sql(&format!(
        "SELECT {COLUMNS} FROM drafts WHERE taxpayer_id = ? AND kind = ? AND period = ?"
    )))
    .bind(taxpayer_id)
    .bind(kind.slug())
    .bind(period.to_string())
    .fetch_optional(&db.pool)
    .await
}

/// The caller's drafts, most recently changed first.
pub async fn list(db: &Database, taxpayer_id: &str) -> Result<Vec<Draft>, sqlx::Error> {
    sqlx::query_as(&db.sql(&format!(
        "SELECT {COLUMNS} FROM drafts WHERE taxpayer_id = ? ORDER BY updated_at DESC, kind, period"
    )))
    .bind(taxpayer_id)
    .fetch_all(&db.pool)
    .await
}

/// Removes the draft; `false` when there was none.
pub async fn delete(
    db: &Database,
    taxpayer_id: &str,
    kind: Kind,
    period: Period,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        &db.sql("DELETE FROM drafts WHERE taxpayer_id = ? AND kind = ? AND period = ?"),
    )
    .bind(taxpayer_id)
    .bind(kind.slug())
    .bind(period.to_string())
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() > 0)
}
