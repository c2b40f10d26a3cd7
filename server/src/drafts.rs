//! Drafts: a taxpayer's unfinished return for one kind and period, saved as typed (possibly
//! incomplete or invalid) and validated on every save so the answer says what is missing.
use banshui_engine::{
    calculation::{calculate, Kind},
    filing::check_period,
    FieldError,
};
use serde_json::Value;

use crate::{clock::now_rfc3339, db::Database, filings::canonical::canonical};

#[derive(Clone, Debug)]
pub struct Draft {
    pub kind: String,
    pub period: String,
    pub data: Value,
    pub supersedes: Option<String>,
    pub updated_at: String,
}

/// Errors that would block filing this draft, and the warnings of its computation.
pub fn validate(
    kind: Kind,
    period: &str,
    data: &Value,
) -> (Vec<FieldError>, Vec<banshui_engine::explain::Warning>) {
    let mut errors = Vec::new();
    if let Err(e) = check_period(kind, period, data) {
        errors.push(e);
    }
    match calculate(kind, data) {
        Ok(calc) => (errors, calc.warnings),
        Err(errs) => {
            errors.extend(errs);
            (errors, Vec::new())
        }
    }
}

pub async fn save(
    db: &Database,
    taxpayer_id: &str,
    kind: Kind,
    period: &str,
    data: &Value,
    supersedes: Option<&str>,
) -> Result<Draft, sqlx::Error> {
    let now = now_rfc3339();
    sqlx::query(&db.sql(
        "INSERT INTO drafts (taxpayer_id, kind, period, data, supersedes, updated_at) VALUES (?, ?, ?, ?, ?, ?) \
         ON CONFLICT (taxpayer_id, kind, period) DO UPDATE SET data = excluded.data, supersedes = excluded.supersedes, updated_at = excluded.updated_at",
    ))
    .bind(taxpayer_id)
    .bind(kind.slug())
    .bind(period)
    .bind(canonical(data))
    .bind(supersedes)
    .bind(&now)
    .execute(&db.pool)
    .await?;
    Ok(Draft {
        kind: kind.slug().to_string(),
        period: period.to_string(),
        data: data.clone(),
        supersedes: supersedes.map(str::to_string),
        updated_at: now,
    })
}

type Row = (String, String, String, Option<String>, String);

fn from_row((kind, period, data, supersedes, updated_at): Row) -> Draft {
    Draft {
        kind,
        period,
        data: serde_json::from_str(&data).unwrap_or(Value::Null),
        supersedes,
        updated_at,
    }
}

pub async fn find(
    db: &Database,
    taxpayer_id: &str,
    kind: Kind,
    period: &str,
) -> Result<Option<Draft>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(&db.sql(
        "SELECT kind, period, data, supersedes, updated_at FROM drafts WHERE taxpayer_id = ? AND kind = ? AND period = ?",
    ))
    .bind(taxpayer_id)
    .bind(kind.slug())
    .bind(period)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(from_row))
}

/// The caller's drafts, most recently changed first.
pub async fn list(db: &Database, taxpayer_id: &str) -> Result<Vec<Draft>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&db.sql(
        "SELECT kind, period, data, supersedes, updated_at FROM drafts WHERE taxpayer_id = ? ORDER BY updated_at DESC, kind, period",
    ))
    .bind(taxpayer_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().map(from_row).collect())
}

pub async fn delete(
    db: &Database,
    taxpayer_id: &str,
    kind: Kind,
    period: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        &db.sql("DELETE FROM drafts WHERE taxpayer_id = ? AND kind = ? AND period = ?"),
    )
    .bind(taxpayer_id)
    .bind(kind.slug())
    .bind(period)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() > 0)
}
