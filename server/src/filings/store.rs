//! Reading filings back, always scoped to the taxpayer who made them, and showing them as the
//! contract's receipt in the reader's language.
use banshui_engine::{
    calculation::Kind,
    filing::{Period, ReceiptNumber},
    Money,
};
use banshui_i18n::{t, t_args, Lang};
use serde_json::{json, Map, Value};
use sqlx::{any::AnyRow, Row};

use crate::db::{undecodable, Database};

pub const COLUMNS: &str = "id, receipt_number, taxpayer_id, kind, period, data, result, explanations, amount_due, refund_due, payment_deadline, content_sha256, engine_version, submitted_at, submitted_us, supersedes";

/// A stored filing, typed: its kind, period, receipt number and amounts are the engine's own
/// types from the database edge on.
#[derive(Clone, Debug)]
pub struct FilingRow {
    pub id: String,
    pub receipt_number: ReceiptNumber,
    pub taxpayer_id: String,
    pub kind: Kind,
    pub period: Period,
    pub data: String,
    pub result: String,
    pub explanations: String,
    pub amount_due: Money,
    pub refund_due: Money,
    pub payment_deadline: String,
    pub content_sha256: String,
    pub engine_version: String,
    pub submitted_at: String,
    pub submitted_us: i64,
    pub supersedes: Option<String>,
}

/// A stored value that does not read as its type (the database was changed by hand).
impl<'r> sqlx::FromRow<'r, AnyRow> for FilingRow {
    fn from_row(row: &'r AnyRow) -> Result<Self, sqlx::Error> {
        let text = |column: &str| row.try_get::<String, _>(column);
        let money = |column: &str| {
            Money::parse(&text(column)?, column, true).map_err(|_| undecodable(column))
        };
        let kind = Kind::from_slug(&text("kind")?).ok_or_else(|| undecodable("kind"))?;
        let period = Period::parse(&text("period")?).ok_or_else(|| undecodable("period"))?;
        let receipt_number = ReceiptNumber::parse(&text("receipt_number")?)
            .ok_or_else(|| undecodable("receipt_number"))?;
        Ok(FilingRow {
            id: text("id")?,
            receipt_number,
            taxpayer_id: text("taxpayer_id")?,
            kind,
            period,
            data: text("data")?,
            result: text("result")?,
            explanations: text("explanations")?,
            amount_due: money("amount_due")?,
            refund_due: money("refund_due")?,
            payment_deadline: text("payment_deadline")?,
            content_sha256: text("content_sha256")?,
            engine_version: text("engine_version")?,
            submitted_at: text("submitted_at")?,
            submitted_us: row.try_get("submitted_us")?,
            supersedes: row.try_get("supersedes")?,
        })
    }
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

/// `[{"indicator","text"}, …]` as (indicator code, text) pairs.
pub fn explanation_pairs(list: &Value) -> Vec<(String, String)> {
    list.as_array()
        .map(|items| {
            items
                .iter()
                .map(|e| {
                    let s = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                    (s("indicator"), s("text"))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The stored, language-neutral result rendered as the calculation API shows it.
pub fn render_result(stored: &Value, lang: Lang) -> Value {
    let mut out: Map<String, Value> = stored
        .get("figures")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let lines: Vec<Value> = stored
        .get("lines")
        .and_then(Value::as_array)
        .map(|lines| {
            lines
                .iter()
                .map(|l| {
                    let key = l.get("key").and_then(Value::as_str).unwrap_or("");
                    let basis = l.get("basis").and_then(Value::as_str).unwrap_or("");
                    json!({
                        "key": key,
                        "label": t(lang, &format!("line-{key}")),
                        "amount": l.get("amount").cloned().unwrap_or(Value::Null),
                        "basis": t(lang, basis),
                        "topic": l.get("topic").cloned().unwrap_or(Value::Null),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let warnings: Vec<Value> = stored
        .get("warnings")
        .and_then(Value::as_array)
        .map(|ws| {
            ws.iter()
                .map(|w| {
                    let code = w.get("code").and_then(Value::as_str).unwrap_or("");
                    let args: Vec<(&'static str, String)> = w
                        .get("args")
                        .and_then(Value::as_object)
                        .map(|a| {
                            a.iter()
                                .filter_map(|(k, v)| {
                                    let name = banshui_engine::explain::ARG_NAMES.iter().find(|n| **n == k)?;
                                    Some((*name, v.as_str().unwrap_or_default().to_string()))
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    json!({"code": code, "message": t_args(lang, &format!("warning-{}", code.replace('_', "-")), &args)})
                })
                .collect()
        })
        .unwrap_or_default();
    out.insert("lines".into(), Value::Array(lines));
    out.insert("warnings".into(), Value::Array(warnings));
    Value::Object(out)
}

impl FilingRow {
    /// The receipt of the contract (`status` says whether a correction replaced it).
    pub fn receipt(&self, lang: Lang, superseded_by: Option<&str>) -> Value {
        json!({
            "id": self.id,
            "receipt_number": self.receipt_number.to_string(),
            "kind": self.kind.slug(),
            "period": self.period.to_string(),
            "submitted_at": self.submitted_at,
            "status": if superseded_by.is_some() { "superseded" } else { "filed" },
            "result": render_result(&parse(&self.result), lang),
            "amount_due": self.amount_due.to_string(),
            "refund_due": self.refund_due.to_string(),
            "payment_deadline": self.payment_deadline,
            "payment_reference": self.payment_reference(),
            "content_sha256": self.content_sha256,
            "engine_version": self.engine_version,
            "supersedes": self.supersedes,
            "explanations": parse(&self.explanations),
        })
    }

    /// What the taxpayer quotes when paying: the receipt number without hyphens, when tax is
    /// due.
    pub fn payment_reference(&self) -> Option<String> {
        (!self.amount_due.is_zero()).then(|| self.receipt_number.to_string().replace('-', ""))
    }

    pub fn data(&self) -> Value {
        parse(&self.data)
    }

    /// The 合理性说明 stored with the filing: (indicator code, text).
    pub fn explanation_pairs(&self) -> Vec<(String, String)> {
        explanation_pairs(&parse(&self.explanations))
    }

    pub fn stored_result(&self) -> Value {
        parse(&self.result)
    }
}

/// One of the caller's filings; `None` for any other taxpayer's (who must not learn it exists).
pub async fn find(
    db: &Database,
    taxpayer_id: &str,
    id: &str,
) -> Result<Option<FilingRow>, sqlx::Error> {
    sqlx::query_as(&db.sql(&format!(
        "SELECT {COLUMNS} FROM filings WHERE id = ? AND taxpayer_id = ?"
    )))
    .bind(id)
    .bind(taxpayer_id)
    .fetch_optional(&db.pool)
    .await
}

/// The caller's current (not superseded) filing for a kind and period, if any.
pub async fn current(
    db: &Database,
    taxpayer_id: &str,
    kind: &str,
    period: &str,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(&db.sql(
        "SELECT f.id FROM filings f WHERE f.taxpayer_id = ? AND f.kind = ? AND f.period = ? \
         AND NOT EXISTS (SELECT 1 FROM filings g WHERE g.supersedes = f.id)",
    ))
    .bind(taxpayer_id)
    .bind(kind)
    .bind(period)
    .fetch_optional(&db.pool)
    .await
}

/// The stored result figures of the caller's current (not superseded) filings of `kind` for
/// periods before `period` of the same length (months with months, quarters with quarters),
/// newest period first: the base periods of the pre-filing indicators.
pub async fn previous_results(
    db: &Database,
    taxpayer_id: &str,
    kind: &str,
    period: &str,
) -> Result<Vec<(String, Value)>, sqlx::Error> {
    let rows: Vec<(String, String)> = sqlx::query_as(&db.sql(
        "SELECT f.period, f.result FROM filings f WHERE f.taxpayer_id = ? AND f.kind = ? \
         AND f.period < ? AND NOT EXISTS (SELECT 1 FROM filings g WHERE g.supersedes = f.id) \
         ORDER BY f.period DESC LIMIT 24",
    ))
    .bind(taxpayer_id)
    .bind(kind)
    .bind(period)
    .fetch_all(&db.pool)
    .await?;
    let quarterly = period.contains('Q');
    Ok(rows
        .into_iter()
        .filter(|(p, _)| p.len() == period.len() && p.contains('Q') == quarterly)
        .map(|(p, result)| {
            (
                p,
                parse(&result)
                    .get("figures")
                    .cloned()
                    .unwrap_or(Value::Null),
            )
        })
        .collect())
}

/// The id of the correction that replaced a filing, if any.
pub async fn superseded_by(db: &Database, id: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(&db.sql("SELECT id FROM filings WHERE supersedes = ?"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

/// The caller's filings, newest first (corrections and the filings they replaced alike),
/// each with the id of the correction that superseded it.
pub async fn list(
    db: &Database,
    taxpayer_id: &str,
) -> Result<Vec<(FilingRow, Option<String>)>, sqlx::Error> {
    list_page(db, taxpayer_id, 0, i64::MAX).await
}

/// One page of [`list`]: `limit` filings after the first `offset`.
pub async fn list_page(
    db: &Database,
    taxpayer_id: &str,
    offset: i64,
    limit: i64,
) -> Result<Vec<(FilingRow, Option<String>)>, sqlx::Error> {
    let rows: Vec<FilingRow> = sqlx::query_as(&db.sql(&format!(
        "SELECT {COLUMNS} FROM filings WHERE taxpayer_id = ? ORDER BY submitted_us DESC, id DESC LIMIT ? OFFSET ?"
    )))
    .bind(taxpayer_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(&db.pool)
    .await?;
    let superseding: Vec<(String, String)> = sqlx::query_as(&db.sql(
        "SELECT supersedes, id FROM filings WHERE taxpayer_id = ? AND supersedes IS NOT NULL",
    ))
    .bind(taxpayer_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let by = superseding
                .iter()
                .find(|(old, _)| *old == row.id)
                .map(|(_, new)| new.clone());
            (row, by)
        })
        .collect())
}

pub async fn events(db: &Database, id: &str) -> Result<Vec<Value>, sqlx::Error> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        &db.sql("SELECT at, type, detail FROM filing_events WHERE filing_id = ? ORDER BY seq"),
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(at, kind, detail)| json!({"at": at, "type": kind, "detail": parse(&detail)}))
        .collect())
}
