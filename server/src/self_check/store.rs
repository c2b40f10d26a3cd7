//! The SQL of saved self-checks: the figures as typed and what the indicators said
//! at the time (with the benchmarks then in force). Every query is scoped to the taxpayer.
use banshui_engine::self_check::Indicator;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::{
    clock::{now_micros, now_rfc3339},
    db::Database,
    random,
};

/// A self-check's figures as typed (the page's values, blanks left out): what the self-check
/// page sends to the engine, and what a saved self-check keeps so that it can be opened again.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TypedFigures {
    pub industry: String,
    /// `general`, `small_scale` (as sent; the engine checks it), or not said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taxpayer_type: Option<String>,
    #[serde(default)]
    pub current: Map<String, Value>,
    #[serde(default)]
    pub base: Option<Map<String, Value>>,
}

impl TypedFigures {
    /// The engine's self-check input (`Request::parse` reads it).
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// Longest label (characters).
pub const LABEL_MAX: usize = 100;
/// How many self-checks one taxpayer keeps; the oldest go first.
pub const KEEP: i64 = 200;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Saved {
    pub id: String,
    pub label: String,
    pub industry: String,
    pub request: String,
    pub result: String,
    pub flagged: i64,
    pub created_at: String,
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

/// An indicator as stored: codes and numbers, no language.
pub fn neutral(i: &Indicator) -> Value {
    let d4 = |d: rust_decimal::Decimal| format!("{d:.4}");
    json!({
        "code": i.code,
        "value": i.value.map(d4),
        "status": i.status.as_str(),
        "deviation": i.deviation.map(d4),
        "benchmark": i.benchmark.as_ref().map(|b| json!({
            "low": b.low.map(d4), "high": b.high.map(d4), "average": b.average.map(d4),
            "source": b.source,
        })),
    })
}

impl Saved {
    pub fn summary_json(&self) -> Value {
        json!({
            "id": self.id, "label": self.label, "industry": self.industry,
            "flagged": self.flagged, "created_at": self.created_at,
        })
    }

    pub fn request_json(&self) -> Value {
        parse(&self.request)
    }

    /// The figures kept, typed (empty if the stored text were ever unreadable).
    pub fn figures(&self) -> TypedFigures {
        serde_json::from_str(&self.request).unwrap_or_default()
    }

    pub fn full_json(&self) -> Value {
        let mut v = self.summary_json();
        v["request"] = self.request_json();
        v["indicators"] = parse(&self.result)["indicators"].clone();
        v
    }
}

pub async fn save(
    db: &Database,
    taxpayer_id: &str,
    label: &str,
    figures: &TypedFigures,
    indicators: &[Indicator],
) -> Result<Saved, sqlx::Error> {
    let saved = Saved {
        id: random::id(),
        label: label.to_string(),
        industry: figures.industry.clone(),
        request: figures.to_json().to_string(),
        result: json!({"indicators": indicators.iter().map(neutral).collect::<Vec<_>>()})
            .to_string(),
        flagged: indicators
            .iter()
            .filter(|i| i.status.as_str() != "ok")
            .count() as i64,
        created_at: now_rfc3339(),
    };
    let mut tx = db.pool.begin().await?;
    sqlx::query(&db.sql(
        "INSERT INTO saved_self_checks (id, taxpayer_id, label, industry, request, result, flagged, created_at, created_us) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ))
    .bind(&saved.id)
    .bind(taxpayer_id)
    .bind(&saved.label)
    .bind(&saved.industry)
    .bind(&saved.request)
    .bind(&saved.result)
    .bind(saved.flagged)
    .bind(&saved.created_at)
    .bind(now_micros())
    .execute(&mut *tx)
    .await?;
    // Keep the newest KEEP: a taxpayer cannot fill the disk by saving in a loop.
    sqlx::query(&db.sql(
        "DELETE FROM saved_self_checks WHERE taxpayer_id = ? AND id NOT IN \
         (SELECT id FROM saved_self_checks WHERE taxpayer_id = ? ORDER BY created_us DESC LIMIT ?)",
    ))
    .bind(taxpayer_id)
    .bind(taxpayer_id)
    .bind(KEEP)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(saved)
}

const COLUMNS: &str = "id, label, industry, request, result, flagged, created_at";

/// The taxpayer's saved self-checks, newest first.
pub async fn list(db: &Database, taxpayer_id: &str) -> Result<Vec<Saved>, sqlx::Error> {
    sqlx::query_as(&db.sql(&format!(
        "SELECT {COLUMNS} FROM saved_self_checks WHERE taxpayer_id = ? ORDER BY created_us DESC, id DESC"
    )))
    .bind(taxpayer_id)
    .fetch_all(&db.pool)
    .await
}

/// One of the taxpayer's saved self-checks; `None` for anyone else's.
pub async fn find(
    db: &Database,
    taxpayer_id: &str,
    id: &str,
) -> Result<Option<Saved>, sqlx::Error> {
    sqlx::query_as(&db.sql(&format!(
        "SELECT {COLUMNS} FROM saved_self_checks WHERE id = ? AND taxpayer_id = ?"
    )))
    .bind(id)
    .bind(taxpayer_id)
    .fetch_optional(&db.pool)
    .await
}
