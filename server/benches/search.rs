//! Search over 10,000 generated bilingual articles: the time to build the index, then p50 and
//! p99 latency of Chinese and English queries (each with highlights), measured in-process on the
//! same `SearchIndex` the server uses.
//!
//!   cargo bench -p banshui --bench search              # 10,000 articles, 2,000 queries
//!   BENCH_ARTICLES=50000 BENCH_QUERIES=5000 cargo bench -p banshui --bench search
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark that cannot set up should stop loudly"
)]
use std::time::{Duration, Instant};

use banshui_server::guidance::{
    articles::Version,
    search::{Filters, SearchIndex},
    seed,
};

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A small deterministic generator (the same corpus every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let count = env("BENCH_ARTICLES", 10_000);
    let queries = env("BENCH_QUERIES", 2_000);
    // The starter articles' sentences are the vocabulary: real Chinese and English tax text.
    let starters: Vec<_> = seed::ARTICLES
        .iter()
        .map(|s| seed::parse(s).unwrap())
        .collect();
    let sentences = |lang: usize| -> Vec<String> {
        starters
            .iter()
            .flat_map(|a| {
                a.markdown[lang]
                    .split(['。', '.', '\n'])
                    .map(|s| s.trim().to_string())
                    .collect::<Vec<_>>()
            })
            .filter(|s| s.chars().count() > 8)
            .collect()
    };
    let (zh, en) = (sentences(0), sentences(1));
    let mut rng = Lcg(2026);
    let kinds = ["interpretation", "guide", "faq", "notice"];
    let taxes = ["iit", "vat", "cit", "stamp_duty", "surcharges", "general"];
    let articles: Vec<Version> = (0..count)
        .map(|i| {
            let pick = |rng: &mut Lcg, from: &[String], n: usize| {
                (0..n)
                    .map(|_| from[rng.next() % from.len()].clone())
                    .collect::<Vec<_>>()
                    .join("。\n\n")
            };
            let body_zh = pick(&mut rng, &zh, 12);
            let body_en = pick(&mut rng, &en, 12);
            let title_zh = zh[rng.next() % zh.len()].chars().take(30).collect();
            let title_en = en[rng.next() % en.len()].chars().take(80).collect();
            Version {
                slug: format!("bench-{i}"),
                version: 1,
                kind: kinds[i % 4].into(),
                tax_types: vec![taxes[i % 6].into()],
                title: [title_zh, title_en],
                markdown: [body_zh, body_en],
                html: [String::new(), String::new()],
                effective_from: "2026-01-01".into(),
                effective_to: None,
                references: Vec::new(),
                change_note: "bench".into(),
                author: "bench".into(),
                created_at: "2026-11-30T00:00:00Z".into(),
            }
        })
        .collect();
    let bytes: usize = articles
        .iter()
        .map(|a| a.markdown[0].len() + a.markdown[1].len())
        .sum();

    let index = SearchIndex::default();
    let start = Instant::now();
    index.rebuild_from(&articles).unwrap();
    let build = start.elapsed();
    println!(
        "indexed {count} bilingual articles ({:.1} MiB of Markdown) in {:.2} s ({:.0} articles/s)",
        bytes as f64 / 1048576.0,
        build.as_secs_f64(),
        count as f64 / build.as_secs_f64()
    );

    let zh_queries = [
        "小规模纳税人",
        "住房租金",
        "起征点",
        "个体工商户 减半",
        "印花税 税率",
        "年度汇算",
        "专项附加扣除",
        "小型微利企业",
    ];
    let en_queries = [
        "small-scale taxpayer",
        "housing rent",
        "threshold",
        "individual business relief",
        "stamp duty rates",
        "annual reconciliation",
        "deductions",
        "low-profit enterprises",
    ];
    for (lang, list) in [("zh-CN", &zh_queries), ("en", &en_queries)] {
        let mut times = Vec::with_capacity(queries);
        let mut hits = 0usize;
        for i in 0..queries {
            let q = list[i % list.len()];
            let filters = if i % 4 == 3 {
                Filters {
                    tax_type: Some(taxes[i % 6].into()),
                    kind: None,
                }
            } else {
                Filters::default()
            };
            let t = Instant::now();
            let found = index.search(q, lang, &filters, 10).unwrap();
            times.push(t.elapsed());
            hits += found.len();
        }
        times.sort();
        println!(
            "{lang}: {queries} queries (top 10 with highlighted snippets): p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms, {:.1} hits per query",
            percentile(&times, 0.50).as_secs_f64() * 1000.0,
            percentile(&times, 0.99).as_secs_f64() * 1000.0,
            times.last().unwrap().as_secs_f64() * 1000.0,
            hits as f64 / queries as f64
        );
    }
}
