//! Durable submissions per second, with p50/p99 latency, at 1, 16 and 64 concurrent clients,
//! on SQLite (and PostgreSQL when `BENCH_DATABASE_URL` names a server), and beside it the raw
//! ceiling: the writer's own transaction (`write_in_one_transaction`) called straight by this
//! program on a fresh SQLite file with the same durability (WAL, synchronous=FULL), without
//! HTTP, the engine or the queue: one transaction per filing and one per 64 filings.
//!
//!   cargo bench -p banshui --bench filings                 # 10 s per level
//!   BENCH_SECONDS=5 BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test cargo bench -p banshui --bench filings
//!
//! With `BENCH_DATABASE_URL`, the same levels also run against one and then two real `banshui`
//! processes (the release binary) on one PostgreSQL database, clients spread over them: how
//! the portal scales out.
//!
//! Server and clients share the machine (and its cores), as they do in the numbers quoted.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark that cannot set up should stop loudly"
)]
use std::{
    sync::{
        atomic::{AtomicBool, AtomicU64, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

use banshui_engine::{calculation::Kind, filing::Date};
use banshui_server::{
    cli::Settings,
    db::DatabaseUrl,
    filings::{prepare, writer::write_in_one_transaction, IdempotencyKey, SubmitFiling},
};
use serde_json::{json, Value};
use sqlx::Executor;
use tokio::net::TcpListener;

const PASSWORD: &str = "bench password 2026";
const LEVELS: [usize; 3] = [1, 16, 64];

fn valid_id(first17: &str) -> String {
    "0123456789ABCDEFGHJKLMNPQRTUWXY"
        .chars()
        .map(|c| format!("{first17}{c}"))
        .find(|id| banshui_engine::ids::TaxpayerId::parse(id).is_ok())
        .unwrap()
}

fn body(day: u32, amount: u64) -> Value {
    let date = Date {
        year: 2000,
        month: 1,
        day: 1,
    }
    .add_days(day);
    json!({
        "kind": "stamp-duty", "period": date.to_string(), "declaration": true,
        "data": {"items": [{"item": "sales_contract", "amount": format!("{amount}.00")}], "six_taxes_two_fees_halving": false}
    })
}

async fn spawn(url: &str) -> (String, tokio::sync::oneshot::Sender<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let settings = Settings {
        site_addr: addr,
        site_root: "target/site".into(),
        database_url: url.parse::<DatabaseUrl>().unwrap(),
        public_origin: format!("http://{addr}"),
        log: "error".into(),
        session_idle_secs: 900,
        session_max_secs: 43_200,
        trusted_proxies: Vec::new(),
        registrations_per_address: 1_000_000,
        max_connections: 1024,
        client_timeout_secs: 15,
        second_factor_required_from: banshui_server::cli::SecondFactorFrom::Publisher,
    };
    let state = banshui_server::prepare(&settings).await.unwrap();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        let _ = banshui_server::serve_on(listener, state, async {
            let _ = rx.await;
        })
        .await;
    });
    (format!("http://{addr}"), tx)
}

/// One taxpayer and API token per client.
async fn tokens(base: &str, n: usize, tag: &str) -> Vec<String> {
    let client = reqwest::Client::new();
    let mut out = Vec::new();
    for i in 0..n {
        let id = valid_id(&format!("9135010M{tag}{i:08}"));
        client
            .post(format!("{base}/api/v1/accounts"))
            .json(&json!({"taxpayer_id": id, "name": "bench", "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        let jar = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap();
        let r = jar
            .post(format!("{base}/api/v1/session"))
            .json(&json!({"taxpayer_id": id, "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let t: Value = jar
            .post(format!("{base}/api/v1/tokens"))
            .json(&json!({"label": "bench"}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        out.push(t["token"].as_str().unwrap().to_string());
    }
    out
}

struct Level {
    clients: usize,
    filings: u64,
    per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
    errors: u64,
}

async fn run_level(
    bases: &[String],
    tokens: &[String],
    clients: usize,
    seconds: u64,
    day0: &Arc<Vec<AtomicU64>>,
) -> Level {
    let stop = Arc::new(AtomicBool::new(false));
    let errors = Arc::new(AtomicU64::new(0));
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(128)
        .build()
        .unwrap();
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (i, token) in tokens.iter().take(clients).enumerate() {
        let (client, base, token, stop, errors, days) = (
            client.clone(),
            bases[i % bases.len()].clone(),
            token.clone(),
            stop.clone(),
            errors.clone(),
            day0.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                let day = days[i].fetch_add(1, Ordering::Relaxed) as u32;
                let t = Instant::now();
                let r = client
                    .post(format!("{base}/api/v1/filings"))
                    .bearer_auth(&token)
                    .header("Idempotency-Key", format!("bench-{i}-{day}"))
                    .json(&body(day, u64::from(day) + 1000))
                    .send()
                    .await;
                match r {
                    Ok(r) if r.status() == 201 => {
                        let _ = r.bytes().await;
                        latencies.push(t.elapsed());
                    }
                    _ => {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
            latencies
        }));
    }
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    stop.store(true, Ordering::Relaxed);
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    let elapsed = started.elapsed().as_secs_f64();
    all.sort();
    let pct = |p: f64| {
        all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    Level {
        clients,
        filings: all.len() as u64,
        per_second: all.len() as f64 / elapsed,
        p50_ms: pct(0.50),
        p99_ms: pct(0.99),
        errors: errors.load(Ordering::Relaxed),
    }
}

async fn bench_backend(name: &str, url: &str, seconds: u64) {
    let (base, _stop) = spawn(url).await;
    bench_on(name, &[base], seconds).await;
}

async fn bench_on(name: &str, bases: &[String], seconds: u64) {
    let toks = tokens(&bases[0], 64, &format!("{:01}", name.len() % 10)).await;
    let days = Arc::new((0..64).map(|_| AtomicU64::new(0)).collect::<Vec<_>>());
    for clients in LEVELS {
        let l = run_level(bases, &toks, clients, seconds, &days).await;
        println!(
            "{name:<10} clients={:<3} filings={:<7} per_second={:>8.0} p50_ms={:>7.2} p99_ms={:>7.2} errors={}",
            l.clients, l.filings, l.per_second, l.p50_ms, l.p99_ms, l.errors
        );
    }
}

/// A real `banshui` process on `url`, killed when dropped.
struct Process(std::process::Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn start_process(url: &str) -> (Process, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let origin = format!("http://127.0.0.1:{port}");
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_banshui"))
        .env("DATABASE_URL", url)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("BANSHUI_PUBLIC_ORIGIN", &origin)
        .env("BANSHUI_REGISTRATIONS_PER_ADDRESS", "1000000")
        .env("RUST_LOG", "error")
        .arg("serve")
        .spawn()
        .unwrap();
    let process = Process(child);
    let client = reqwest::Client::new();
    for _ in 0..600 {
        if let Ok(r) = client.get(format!("{origin}/readyz")).send().await {
            if r.status() == 200 {
                return (process, origin);
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("banshui on {origin} did not become ready");
}

/// One and then two processes on fresh databases of the PostgreSQL server at `url_of(name)`.
async fn bench_processes<F, Fut>(url_of: F, seconds: u64)
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = String>,
{
    for n in [1usize, 2] {
        let url = url_of(format!("banshui_bench_p{n}_{}", std::process::id())).await;
        let mut processes = Vec::new();
        for _ in 0..n {
            processes.push(start_process(&url).await);
        }
        let bases: Vec<String> = processes.iter().map(|(_, b)| b.clone()).collect();
        bench_on(&format!("pg-{n}proc"), &bases, seconds).await;
    }
}

/// The ceiling: the writer's inserts for `n` prepared filings, straight into a fresh SQLite
/// file with the same pragmas, `batch` filings per transaction.
async fn raw_ceiling(n: usize, batch: usize) -> f64 {
    let dir = tempfile::tempdir().unwrap();
    let url: DatabaseUrl = format!("sqlite://{}", dir.path().join("raw.db").display())
        .parse()
        .unwrap();
    let db = banshui_server::db::Database::connect(&url).await.unwrap();
    db.migrate().await.unwrap();
    db.pool
        .execute("INSERT INTO taxpayers (id, kind, name, password_hash, created_at) VALUES ('RAW', 'uscc', 'raw', 'x', 'now')")
        .await
        .unwrap();
    let prepared: Vec<_> = (0..n)
        .map(|i| {
            let b = body(i as u32, i as u64 + 1000);
            let map = b.as_object().unwrap();
            prepare(&SubmitFiling {
                taxpayer_id: "RAW".into(),
                kind: Kind::from_slug(map["kind"].as_str().unwrap()).unwrap(),
                period: map["period"].as_str().unwrap().into(),
                answers: map["data"].clone(),
                declaration: true,
                supersedes: None,
                explanations: Vec::new(),
                idempotency_key: IdempotencyKey::parse(&format!("raw-{i}")).unwrap(),
                fingerprint: None,
            })
            .unwrap()
        })
        .collect();
    let mut conn = db.pool.acquire().await.unwrap();
    let started = Instant::now();
    for chunk in prepared.chunks(batch) {
        let chunk: Vec<_> = chunk.iter().collect();
        let results = write_in_one_transaction(&db, &mut conn, &chunk)
            .await
            .unwrap();
        assert!(results.iter().all(Result::is_ok), "every filing is new");
    }
    n as f64 / started.elapsed().as_secs_f64()
}

fn main() {
    let seconds: u64 = std::env::var("BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let sqlite = format!("sqlite://{}", dir.path().join("bench.db").display());
        bench_backend("sqlite", &sqlite, seconds).await;
        if let Ok(base) = std::env::var("BENCH_DATABASE_URL") {
            sqlx::any::install_default_drivers();
            let admin = sqlx::AnyPool::connect(&base).await.unwrap();
            let fresh = |name: String| {
                let (admin, base) = (admin.clone(), base.clone());
                async move {
                    for sql in [
                        format!("DROP DATABASE IF EXISTS {name}"),
                        format!("CREATE DATABASE {name}"),
                    ] {
                        admin.execute(sql.as_str()).await.unwrap();
                    }
                    let (prefix, _) = base.rsplit_once('/').unwrap();
                    format!("{prefix}/{name}")
                }
            };
            let url = fresh(format!("banshui_bench_{}", std::process::id())).await;
            bench_backend("postgres", &url, seconds).await;
            bench_processes(fresh, seconds).await;
        }
        for batch in [1, 64] {
            let n = if batch == 1 { 2_000 } else { 30_000 };
            println!(
                "raw-sqlite batch={batch:<3} per_second={:>8.0}",
                raw_ceiling(n, batch).await
            );
        }
    });
}
