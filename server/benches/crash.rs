//! Crash test: 64 clients submit filings to a real `banshui` process on SQLite; the process is
//! killed with SIGKILL in the middle of the load, restarted on the same file, the clients
//! retry whatever got no answer (same Idempotency-Key), and every receipt a client ever
//! received is checked: present exactly once, nothing half-written. Ten rounds.
//!
//!   cargo bench -p banshui --bench crash            # CRASH_ROUNDS=10 by default
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test harness that cannot set up should stop loudly"
)]
use std::{
    collections::{HashMap, HashSet},
    process::{Child, Command, Stdio},
    sync::{
        atomic::{AtomicBool, AtomicU64, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use banshui_engine::filing::Date;
use serde_json::{json, Value};
use sqlx::Row;

const CLIENTS: usize = 64;
const PASSWORD: &str = "crash password 2026";

fn valid_id(first17: &str) -> String {
    "0123456789ABCDEFGHJKLMNPQRTUWXY"
        .chars()
        .map(|c| format!("{first17}{c}"))
        .find(|id| banshui_engine::ids::TaxpayerId::parse(id).is_ok())
        .unwrap()
}

fn body(day: u32) -> Value {
    let date = Date {
        year: 2000,
        month: 1,
        day: 1,
    }
    .add_days(day);
    json!({"kind": "stamp-duty", "period": date.to_string(), "declaration": true,
        "data": {"items": [{"item": "sales_contract", "amount": format!("{}.00", 1000 + day)}]}})
}

fn start(db: &str, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_banshui"))
        .arg("serve")
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("DATABASE_URL", db)
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("banshui starts")
}

async fn wait_healthy(base: &str) {
    let client = reqwest::Client::new();
    for _ in 0..200 {
        if client
            .get(format!("{base}/healthz"))
            .send()
            .await
            .is_ok_and(|r| r.status() == 200)
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("server did not come up");
}

/// (client, key) → the filing id a client was given.
type Receipts = Arc<Mutex<HashMap<(usize, String), String>>>;

async fn submit(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    key: &str,
    day: u32,
) -> Option<String> {
    let r = client
        .post(format!("{base}/api/v1/filings"))
        .bearer_auth(token)
        .header("Idempotency-Key", key)
        .json(&body(day))
        .timeout(Duration::from_secs(10))
        .send()
        .await
        .ok()?;
    if r.status() != 201 && r.status() != 200 {
        return None;
    }
    let v: Value = r.json().await.ok()?;
    v["id"].as_str().map(str::to_string)
}

fn main() {
    let rounds: usize = std::env::var("CRASH_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let dir = tempfile::tempdir().unwrap();
        let db = format!("sqlite://{}", dir.path().join("crash.db").display());
        let port = 3000 + (std::process::id() % 20000) as u16 + 10000;
        let base = format!("http://127.0.0.1:{port}");
        let mut child = start(&db, port);
        wait_healthy(&base).await;

        let mut tokens = Vec::new();
        for i in 0..CLIENTS {
            let id = valid_id(&format!("9135010MC{i:08}"));
            let jar = reqwest::Client::builder().cookie_store(true).build().unwrap();
            jar.post(format!("{base}/api/v1/accounts")).json(&json!({"taxpayer_id": id, "name": "crash", "password": PASSWORD})).send().await.unwrap();
            jar.post(format!("{base}/api/v1/session")).json(&json!({"taxpayer_id": id, "password": PASSWORD})).send().await.unwrap();
            let t: Value = jar.post(format!("{base}/api/v1/tokens")).json(&json!({"label": "crash"})).send().await.unwrap().json().await.unwrap();
            tokens.push(t["token"].as_str().unwrap().to_string());
        }
        let tokens = Arc::new(tokens);
        let receipts: Receipts = Arc::new(Mutex::new(HashMap::new()));
        let days: Arc<Vec<AtomicU64>> = Arc::new((0..CLIENTS).map(|_| AtomicU64::new(0)).collect());
        let (mut total_lost, mut total_dupes, mut total_half) = (0usize, 0usize, 0i64);

        for round in 1..=rounds {
            let stop = Arc::new(AtomicBool::new(false));
            let pending: Arc<Mutex<Vec<(usize, String, u32)>>> = Arc::new(Mutex::new(Vec::new()));
            let client = reqwest::Client::builder().pool_max_idle_per_host(128).build().unwrap();
            let mut tasks = Vec::new();
            for i in 0..CLIENTS {
                let (client, base, tokens, stop, pending, receipts, days) =
                    (client.clone(), base.clone(), tokens.clone(), stop.clone(), pending.clone(), receipts.clone(), days.clone());
                tasks.push(tokio::spawn(async move {
                    while !stop.load(Ordering::Relaxed) {
                        let day = days[i].fetch_add(1, Ordering::Relaxed) as u32;
                        let key = format!("crash-{i}-{day}");
                        match submit(&client, &base, &tokens[i], &key, day).await {
                            Some(id) => {
                                receipts.lock().unwrap().insert((i, key), id);
                            }
                            None => pending.lock().unwrap().push((i, key, day)),
                        }
                    }
                }));
            }
            let before = receipts.lock().unwrap().len();
            tokio::time::sleep(Duration::from_millis(1000 + (round as u64 * 137) % 1500)).await;
            child.kill().unwrap(); // SIGKILL
            let _ = child.wait();
            stop.store(true, Ordering::Relaxed);
            for t in tasks {
                t.await.unwrap();
            }
            let during = receipts.lock().unwrap().len() - before;
            child = start(&db, port);
            wait_healthy(&base).await;
            // Retry everything that got no answer, with its key: each must now have a receipt.
            let retries: Vec<_> = std::mem::take(&mut *pending.lock().unwrap());
            let client = reqwest::Client::new();
            for (i, key, day) in &retries {
                let id = submit(&client, &base, &tokens[*i], key, *day).await.expect("a retry succeeds after restart");
                receipts.lock().unwrap().insert((*i, key.clone()), id);
            }
            // Every receipt ever given is there, exactly once.
            let started = Instant::now();
            let all = receipts.lock().unwrap().clone();
            let mut lost = 0;
            let mut by_client: HashMap<usize, HashSet<String>> = HashMap::new();
            for ((i, _), id) in &all {
                by_client.entry(*i).or_default().insert(id.clone());
            }
            let mut dupes = 0;
            for (i, ids) in &by_client {
                let mut stored: Vec<String> = Vec::new();
                let mut cursor: Option<String> = None;
                loop {
                    let url = match &cursor {
                        Some(c) => format!("{base}/api/v1/filings?limit=100&cursor={c}"),
                        None => format!("{base}/api/v1/filings?limit=100"),
                    };
                    let page: Value = client.get(url).bearer_auth(&tokens[*i]).send().await.unwrap().json().await.unwrap();
                    stored.extend(page["items"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap().to_string()));
                    match page["next_cursor"].as_str() {
                        Some(c) => cursor = Some(c.to_string()),
                        None => break,
                    }
                }
                let stored_set: HashSet<&String> = stored.iter().collect();
                lost += ids.iter().filter(|id| !stored_set.contains(id)).count();
                // A filing nobody got a receipt for is a duplicate or an orphan of a retry.
                dupes += stored.len().saturating_sub(ids.len());
            }
            // Nothing half-written: each filing has its event and its key; each key its filing.
            let pool = sqlx::SqlitePool::connect(&db).await.unwrap();
            let half: i64 = sqlx::query(
                "SELECT (SELECT COUNT(*) FROM filings f WHERE NOT EXISTS (SELECT 1 FROM filing_events e WHERE e.filing_id = f.id)) \
                      + (SELECT COUNT(*) FROM idempotency_keys k WHERE NOT EXISTS (SELECT 1 FROM filings f WHERE f.id = k.filing_id)) \
                      + (SELECT COUNT(*) FROM filings f WHERE NOT EXISTS (SELECT 1 FROM idempotency_keys k WHERE k.filing_id = f.id))",
            )
            .fetch_one(&pool)
            .await
            .unwrap()
            .get(0);
            pool.close().await;
            println!(
                "round {round:>2}: receipts so far {:>6} (+{during} before the kill, {} retried after it) lost {lost} duplicates {dupes} half-written {half} (checked in {:.1} s)",
                all.len(),
                retries.len(),
                started.elapsed().as_secs_f64()
            );
            total_lost += lost;
            total_dupes += dupes;
            total_half += half;
        }
        let _ = child.kill();
        let issued = receipts.lock().unwrap().len();
        println!("TOTAL: rounds {rounds}, receipts issued {issued}, lost {total_lost}, duplicates {total_dupes}, half-written {total_half}");
        assert_eq!((total_lost, total_dupes, total_half), (0, 0, 0));
    });
}
