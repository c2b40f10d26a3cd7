//! Several `banshui` processes on one PostgreSQL database (how the portal scales out): what
//! one process does, the other sees — sessions, published guidance, idempotency keys and the
//! sign-in limits. Runs when `TEST_DATABASE_URL` is set.
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::process::{Child, Command};

use crate::helpers::{fresh_postgres_url, new_uscc, PASSWORD};

struct Process {
    child: Child,
    origin: String,
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn start(database_url: &str) -> Process {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_banshui"))
        .env("DATABASE_URL", database_url)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("BANSHUI_PUBLIC_ORIGIN", format!("http://127.0.0.1:{port}"))
        .env("BANSHUI_REGISTRATIONS_PER_ADDRESS", "1000")
        // This test is about sharing one database; two-step sign-in is tested in security.rs.
        .env("BANSHUI_SECOND_FACTOR_REQUIRED_FROM", "none")
        .env("RUST_LOG", "warn")
        .arg("serve")
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let origin = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(60) {
        if let Ok(r) = client.get(format!("{origin}/readyz")).send().await {
            if r.status() == 200 {
                return Process { child, origin };
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("banshui on {origin} did not become ready");
}

fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn post(c: &reqwest::Client, url: String, body: &Value) -> (u16, Value) {
    let r = c.post(url).json(body).send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn two_processes_on_one_postgresql_act_as_one_portal() {
    let Some(url) = fresh_postgres_url().await else {
        return;
    };
    // The first process migrates; the second starts on the migrated database.
    let a = start(&url).await;
    let b = start(&url).await;

    // A session made on A works on B (the cookie is the host's, whatever the port).
    let taxpayer = browser();
    let id = new_uscc();
    let (s, v) = post(
        &taxpayer,
        format!("{}/api/v1/accounts", a.origin),
        &json!({"taxpayer_id": id, "name": "双进程测试有限公司", "password": PASSWORD}),
    )
    .await;
    assert_eq!(s, 201, "{v}");
    let (s, v) = post(
        &taxpayer,
        format!("{}/api/v1/session", a.origin),
        &json!({"taxpayer_id": id, "password": PASSWORD}),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    let me = taxpayer
        .get(format!("{}/api/v1/me", b.origin))
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);

    // The same Idempotency-Key sent to A and B at once gives one filing.
    let filing = json!({
        "kind": "stamp-duty", "period": "2026-04-01", "declaration": true,
        "data": {"items": [{"item": "sales_contract", "amount": "50000.00"}], "six_taxes_two_fees_halving": false}
    });
    let send = |origin: String| {
        let (c, filing) = (taxpayer.clone(), filing.clone());
        tokio::spawn(async move {
            let r = c
                .post(format!("{origin}/api/v1/filings"))
                .header("Idempotency-Key", "two-processes-one-key")
                .json(&filing)
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            (status, r.json::<Value>().await.unwrap())
        })
    };
    let (on_a, on_b) = (send(a.origin.clone()), send(b.origin.clone()));
    let ((sa, fa), (sb, fb)) = (on_a.await.unwrap(), on_b.await.unwrap());
    assert!(
        [200, 201].contains(&sa) && [200, 201].contains(&sb),
        "{sa} {fa} / {sb} {fb}"
    );
    assert_eq!(fa["id"], fb["id"], "one filing");
    assert_eq!(fa["receipt_number"], fb["receipt_number"]);
    let listed: Value = taxpayer
        .get(format!("{}/api/v1/filings", b.origin))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed["items"].as_array().unwrap().len(), 1, "{listed}");

    // An article published on A is found by search on B within 5 seconds.
    let staff_password = "双进程 staff password 2026";
    let created = std::process::Command::new(env!("CARGO_BIN_EXE_banshui"))
        .env("DATABASE_URL", &url)
        .env("BANSHUI_STAFF_PASSWORD", staff_password)
        .env("RUST_LOG", "warn")
        .args([
            "staff",
            "create",
            "--username",
            "scale.out",
            "--role",
            "publisher",
        ])
        .status()
        .unwrap();
    assert!(created.success());
    let staff = browser();
    let (s, v) = post(
        &staff,
        format!("{}/api/v1/staff/session", a.origin),
        &json!({"username": "scale.out", "password": staff_password}),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    let article = json!({
        "slug": "scale-out-kiwifruit", "kind": "guide", "tax_types": ["vat"],
        "title": {"zh-CN": "猕猴桃专用指引", "en": "Kiwifruit guidance"},
        "body_markdown": {"zh-CN": "猕猴桃种植户的增值税。", "en": "VAT for kiwifruit growers."},
        "effective_from": "2026-01-01", "references": [], "change_note": "首次发布",
    });
    let (s, v) = post(
        &staff,
        format!("{}/api/v1/staff/articles", a.origin),
        &article,
    )
    .await;
    assert_eq!(s, 201, "{v}");
    let (s, v) = post(
        &staff,
        format!(
            "{}/api/v1/staff/articles/scale-out-kiwifruit/publish",
            a.origin
        ),
        &json!({}),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    let published = Instant::now();
    let found = loop {
        let hits: Value = reqwest::get(format!("{}/api/v1/search?q=kiwifruit&lang=en", b.origin))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let found = hits["items"]
            .as_array()
            .is_some_and(|items| items.iter().any(|h| h["slug"] == "scale-out-kiwifruit"));
        if found || published.elapsed() > Duration::from_secs(5) {
            break found;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert!(found, "not found on B within 5 s");

    // Failed sign-ins on A count on B.
    let stranger = reqwest::Client::new();
    for _ in 0..5 {
        let (s, _) = post(
            &stranger,
            format!("{}/api/v1/session", a.origin),
            &json!({"taxpayer_id": id, "password": "not the password"}),
        )
        .await;
        assert_eq!(s, 401);
    }
    let (s, _) = post(
        &stranger,
        format!("{}/api/v1/session", b.origin),
        &json!({"taxpayer_id": id, "password": PASSWORD}),
    )
    .await;
    assert_eq!(s, 429, "the limit reached on A holds on B");
}
