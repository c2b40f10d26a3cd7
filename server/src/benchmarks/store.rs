//! The benchmarks SQL (and the types it reads and writes).
use std::collections::HashMap;

use banshui_engine::{
    self_check::{Benchmark, TaxpayerType},
    FieldError,
};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use sqlx::{AnyConnection, Row};

use crate::{clock::now_rfc3339, db::Database, random};

#[derive(Clone, Debug, PartialEq)]
pub struct BenchmarkInput {
    pub industry: String,
    pub industry_name: [String; 2],
    pub indicator: String,
    /// The taxpayers it was measured on; `None`: any.
    pub taxpayer_type: Option<TaxpayerType>,
    pub average: Option<Decimal>,
    pub tolerance: Option<Decimal>,
    pub low: Option<Decimal>,
    pub high: Option<Decimal>,
    pub source: String,
    pub indicative: bool,
    pub effective_from: String,
    pub effective_to: Option<String>,
}

pub const FIELDS: [&str; 12] = [
    "industry",
    "industry_name",
    "indicator",
    "taxpayer_type",
    "average",
    "tolerance",
    "low",
    "high",
    "source",
    "indicative",
    "effective_from",
    "effective_to",
];

impl BenchmarkInput {
    pub fn json(&self, id: &str, version: i64, updated_at: &str, updated_by: &str) -> Value {
        let s = |d: Option<Decimal>| d.map(|d| d.to_string());
        json!({
            "id": id, "version": version, "industry": self.industry,
            "industry_name": {"zh-CN": self.industry_name[0], "en": self.industry_name[1]},
            "indicator": self.indicator,
            "taxpayer_type": self.taxpayer_type.map(TaxpayerType::as_str), "average": s(self.average), "tolerance": s(self.tolerance),
            "low": s(self.low), "high": s(self.high), "source": self.source, "indicative": self.indicative,
            "effective_from": self.effective_from, "effective_to": self.effective_to,
            "updated_at": updated_at, "updated_by": updated_by,
        })
    }

    /// The band the self-check compares with: explicit low/high, else average ± tolerance.
    pub fn engine(&self) -> Benchmark {
        let around = |sign: i64| match (self.average, self.tolerance) {
            (Some(a), Some(t)) => Some((a * (Decimal::ONE + Decimal::from(sign) * t)).round_dp(4)),
            _ => None,
        };
        let label = if self.indicative {
            format!("{}（参考值 indicative）", self.source)
        } else {
            self.source.clone()
        };
        Benchmark {
            low: self.low.or_else(|| around(-1)),
            high: self.high.or_else(|| around(1)),
            average: self.average,
            source: label,
            taxpayer_type: self.taxpayer_type,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BenchmarkError {
    /// Problems with the benchmark's fields, each on its field.
    #[error("invalid benchmark")]
    Invalid(Vec<FieldError>),
    /// Publishers only.
    #[error("not allowed for this role")]
    Forbidden,
    #[error("no such benchmark")]
    NotFound,
    #[error(transparent)]
    Store(#[from] sqlx::Error),
}

const COLUMNS: &str = "id, version, industry, industry_name_zh, industry_name_en, indicator, average, tolerance, low, high, source, indicative, effective_from, effective_to, updated_at, updated_by, taxpayer_type";

fn from_row(
    r: &sqlx::any::AnyRow,
) -> Result<(String, i64, BenchmarkInput, String, String), sqlx::Error> {
    let d = |i: usize| -> Result<Option<Decimal>, sqlx::Error> {
        Ok(r.try_get::<Option<String>, _>(i)?
            .and_then(|s| s.parse().ok()))
    };
    Ok((
        r.try_get(0)?,
        r.try_get(1)?,
        BenchmarkInput {
            industry: r.try_get(2)?,
            industry_name: [r.try_get(3)?, r.try_get(4)?],
            indicator: r.try_get(5)?,
            average: d(6)?,
            tolerance: d(7)?,
            low: d(8)?,
            high: d(9)?,
            source: r.try_get(10)?,
            indicative: r.try_get::<i64, _>(11)? != 0,
            effective_from: r.try_get(12)?,
            effective_to: r.try_get(13)?,
            taxpayer_type: r
                .try_get::<Option<String>, _>(16)?
                .as_deref()
                .and_then(TaxpayerType::parse),
        },
        r.try_get(14)?,
        r.try_get(15)?,
    ))
}

pub type Stored = (String, i64, BenchmarkInput, String, String);

pub fn stored_json(s: &Stored) -> Value {
    s.2.json(&s.0, s.1, &s.3, &s.4)
}

async fn write(
    db: &Database,
    conn: &mut AnyConnection,
    id: &str,
    version: i64,
    b: &BenchmarkInput,
    by: &str,
) -> Result<(), sqlx::Error> {
    let now = now_rfc3339();
    let s = |d: Option<Decimal>| d.map(|d| d.to_string());
    let sql = if version == 1 {
        format!("INSERT INTO benchmarks ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
    } else {
        "UPDATE benchmarks SET id = ?, version = ?, industry = ?, industry_name_zh = ?, industry_name_en = ?, indicator = ?, average = ?, tolerance = ?, low = ?, high = ?, source = ?, indicative = ?, effective_from = ?, effective_to = ?, updated_at = ?, updated_by = ?, taxpayer_type = ? WHERE id = ? AND version = ?".to_string()
    };
    let sql = db.sql(&sql);
    let mut q = sqlx::query(&sql)
        .bind(id)
        .bind(version)
        .bind(&b.industry)
        .bind(&b.industry_name[0])
        .bind(&b.industry_name[1])
        .bind(&b.indicator)
        .bind(s(b.average))
        .bind(s(b.tolerance))
        .bind(s(b.low))
        .bind(s(b.high))
        .bind(&b.source)
        .bind(i64::from(b.indicative))
        .bind(&b.effective_from)
        .bind(b.effective_to.as_deref())
        .bind(&now)
        .bind(by)
        .bind(b.taxpayer_type.map(TaxpayerType::as_str));
    if version > 1 {
        q = q.bind(id).bind(version - 1);
    }
    q.execute(&mut *conn).await?;
    sqlx::query(&db.sql("INSERT INTO benchmark_versions (id, version, data, changed_by, changed_at) VALUES (?, ?, ?, ?, ?)"))
        .bind(id)
        .bind(version)
        .bind(b.json(id, version, &now, by).to_string())
        .bind(by)
        .bind(&now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A new benchmark (version 1), written on the caller's connection (its transaction).
pub async fn create(
    db: &Database,
    conn: &mut AnyConnection,
    b: &BenchmarkInput,
    by: &str,
) -> Result<Stored, BenchmarkError> {
    let id = random::id();
    write(db, conn, &id, 1, b, by).await?;
    get_on(db, conn, &id).await?.ok_or(BenchmarkError::NotFound)
}

/// The next version of a benchmark, written on the caller's connection.
pub async fn update(
    db: &Database,
    conn: &mut AnyConnection,
    id: &str,
    b: &BenchmarkInput,
    by: &str,
) -> Result<Stored, BenchmarkError> {
    let current = get_on(db, conn, id)
        .await?
        .ok_or(BenchmarkError::NotFound)?;
    write(db, conn, id, current.1 + 1, b, by).await?;
    get_on(db, conn, id).await?.ok_or(BenchmarkError::NotFound)
}

pub async fn get(db: &Database, id: &str) -> Result<Option<Stored>, sqlx::Error> {
    let mut conn = db.pool.acquire().await?;
    get_on(db, &mut conn, id).await
}

async fn get_on(
    db: &Database,
    conn: &mut AnyConnection,
    id: &str,
) -> Result<Option<Stored>, sqlx::Error> {
    let row = sqlx::query(&db.sql(&format!("SELECT {COLUMNS} FROM benchmarks WHERE id = ?")))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn list(db: &Database) -> Result<Vec<Stored>, sqlx::Error> {
    let rows = sqlx::query(&db.sql(&format!(
        "SELECT {COLUMNS} FROM benchmarks ORDER BY industry, indicator, effective_from DESC"
    )))
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(from_row).collect()
}

/// The benchmark of each indicator for an industry and taxpayer type on `day`: one measured on
/// that type or on any first, then the most specific code that matches (C3411 → C341 → C34 →
/// C), then one kept for the type rather than for any, then the latest effective one. Where
/// only the other type has one, that one is given: the self-check does not compare with it (a
/// benchmark knows its type) and says that none applies to this taxpayer.
pub async fn for_industry(
    db: &Database,
    industry: &str,
    taxpayer: TaxpayerType,
    day: &str,
) -> Result<HashMap<String, Benchmark>, sqlx::Error> {
    // (applies to this type, code length, kept for a type, effective from): larger is better.
    type Rank = (bool, usize, bool, String);
    let mut found: HashMap<String, (Rank, Benchmark)> = HashMap::new();
    for (_, _, b, _, _) in list(db).await? {
        let in_force = industry.starts_with(&b.industry)
            && b.effective_from.as_str() <= day
            && b.effective_to.as_deref().is_none_or(|to| to >= day);
        if !in_force {
            continue;
        }
        let engine = b.engine();
        let rank = (
            engine.applies_to(taxpayer),
            b.industry.len(),
            b.taxpayer_type.is_some(),
            b.effective_from.clone(),
        );
        if found.get(&b.indicator).is_none_or(|(best, _)| rank > *best) {
            found.insert(b.indicator.clone(), (rank, engine));
        }
    }
    Ok(found.into_iter().map(|(k, (_, b))| (k, b)).collect())
}

/// The indicative industry VAT-burden table (§9; ~2010, unofficial): (code, 中文, English, burden).
pub const INDICATIVE_VAT_BURDEN: [(&str, &str, &str, &str); 19] = [
    (
        "C13",
        "农副食品加工业",
        "Agricultural and sideline food processing",
        "0.0350",
    ),
    ("C14", "食品制造业", "Food manufacturing", "0.0450"),
    (
        "C15",
        "酒、饮料和精制茶制造业",
        "Liquor, beverages and refined tea",
        "0.0450",
    ),
    ("C16", "烟草制品业", "Tobacco products", "0.1250"),
    ("C17", "纺织业", "Textiles", "0.0225"),
    (
        "C18",
        "纺织服装、服饰业",
        "Textile garments and apparel",
        "0.0291",
    ),
    (
        "C22",
        "造纸和纸制品业",
        "Paper and paper products",
        "0.0500",
    ),
    (
        "C26",
        "化学原料和化学制品制造业",
        "Chemical raw materials and products",
        "0.0335",
    ),
    ("C27", "医药制造业", "Pharmaceuticals", "0.0850"),
    (
        "C29",
        "橡胶和塑料制品业",
        "Rubber and plastic products",
        "0.0350",
    ),
    (
        "C30",
        "非金属矿物制品业",
        "Non-metallic mineral products",
        "0.0550",
    ),
    ("C33", "金属制品业", "Metal products", "0.0220"),
    (
        "C34",
        "通用设备制造业",
        "General-purpose machinery",
        "0.0370",
    ),
    (
        "C38",
        "电气机械和器材制造业",
        "Electrical machinery and equipment",
        "0.0370",
    ),
    (
        "C39",
        "计算机、通信和其他电子设备制造业",
        "Computers, communication and other electronic equipment",
        "0.0265",
    ),
    ("C41", "其他制造业", "Other manufacturing", "0.0350"),
    (
        "D44",
        "电力、热力生产和供应业",
        "Electricity and heat production and supply",
        "0.0495",
    ),
    ("F51", "批发业", "Wholesale", "0.0090"),
    ("F52", "零售业", "Retail", "0.0250"),
];

/// Adds the indicative table when there are no benchmarks at all.
pub async fn seed(db: &Database) -> Result<usize, BenchmarkError> {
    let existing: i64 = sqlx::query_scalar(&db.sql("SELECT COUNT(*) FROM benchmarks"))
        .fetch_one(&db.pool)
        .await?;
    if existing > 0 {
        return Ok(0);
    }
    let mut tx = db.write_transaction().await?;
    for (code, zh, en, burden) in INDICATIVE_VAT_BURDEN {
        let b = BenchmarkInput {
            industry: code.into(),
            industry_name: [zh.into(), en.into()],
            indicator: "vat_burden".into(),
            // Industry VAT burdens are those of general taxpayers.
            taxpayer_type: Some(TaxpayerType::General),
            average: burden.parse().ok(),
            tolerance: "0.30".parse().ok(),
            low: None,
            high: None,
            source: "行业增值税平均税负率参考表（约2010年，非官方）/ Indicative industry VAT burden table (c. 2010, unofficial)".into(),
            indicative: true,
            effective_from: "2026-01-01".into(),
            effective_to: None,
        };
        create(db, &mut tx, &b, "system").await?;
    }
    tx.commit().await?;
    Ok(INDICATIVE_VAT_BURDEN.len())
}
