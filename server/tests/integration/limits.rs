//! What one client may use: registrations per address, the time to send headers and a body,
//! and the number of connections served at once.
use std::time::Duration;

use serde_json::json;
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

use crate::helpers::{form, location, new_uscc, spawn_sqlite_tuned, TestApp, PASSWORD};

async fn register(app: &TestApp) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/accounts"))
        .header("Accept-Language", "en")
        .json(&json!({"taxpayer_id": new_uscc(), "name": "茶山商行", "password": PASSWORD}))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn registrations_from_one_address_are_limited() {
    let app = spawn_sqlite_tuned(|s| s.registrations_per_address = 3).await;
    for _ in 0..3 {
        assert_eq!(register(&app).await.status(), 201);
    }
    let refused = register(&app).await;
    assert_eq!(refused.status(), 429);
    let wait: u64 = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=900).contains(&wait), "{wait}");
    let body: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(body["errors"][0]["code"], "too_many_registrations");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("minutes"),
        "{body}"
    );
    // The form is refused the same way, with the message on the page, and no account made.
    let id = new_uscc();
    let r = form(
        &app,
        &app.browser(),
        "/register",
        &[
            ("taxpayer_id", &id),
            ("name", "茶山商行"),
            ("password", PASSWORD),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    let to = location(&r);
    assert!(to.contains("too_many_registrations"), "{to}");
    let page = app
        .browser()
        .get(app.url(&to))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("此网络注册账户次数过多"), "{page}");
    let signed_in = app
        .client
        .post(app.url("/api/v1/session"))
        .json(&json!({"taxpayer_id": id, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 401);
}

async fn read_all(stream: &mut TcpStream) -> String {
    let mut out = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut out)).await;
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test]
async fn a_trickling_body_gets_408_and_slow_headers_are_cut_off() {
    let app = spawn_sqlite_tuned(|s| s.client_timeout_secs = 1).await;
    let mut slow_body = TcpStream::connect(app.addr).await.unwrap();
    let head = format!(
        "POST /api/v1/calculations/stamp-duty HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: 100\r\nAccept-Language: en\r\n\r\n{{\"items\"",
        app.addr
    );
    slow_body.write_all(head.as_bytes()).await.unwrap();
    let response = read_all(&mut slow_body).await;
    assert!(response.starts_with("HTTP/1.1 408"), "{response}");
    assert!(response.contains("request_timeout"), "{response}");

    // Headers that never finish: the connection is closed without a request being served.
    let mut slow_head = TcpStream::connect(app.addr).await.unwrap();
    slow_head
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let started = std::time::Instant::now();
    let response = read_all(&mut slow_head).await;
    assert!(!response.contains("200 OK"), "{response}");
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "{:?}",
        started.elapsed()
    );

    // A body sent in time is served as usual.
    let ok = app
        .client
        .post(app.url("/api/v1/calculations/stamp-duty"))
        .json(&json!({"items": [{"item": "sales_contract", "amount": "10000"}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
}

#[tokio::test]
async fn connections_beyond_the_cap_wait_for_a_free_one() {
    let app = spawn_sqlite_tuned(|s| {
        s.max_connections = 2;
        s.client_timeout_secs = 30;
    })
    .await;
    let idle_a = TcpStream::connect(app.addr).await.unwrap();
    let idle_b = TcpStream::connect(app.addr).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let blocked = app
        .browser()
        .get(app.url("/healthz"))
        .timeout(Duration::from_millis(800))
        .send()
        .await;
    assert!(
        blocked.is_err(),
        "a third connection was served: {blocked:?}"
    );
    drop(idle_a);
    let served = app
        .browser()
        .get(app.url("/healthz"))
        .timeout(Duration::from_secs(5))
        .send()
        .await
        .unwrap();
    assert_eq!(served.status(), 200);
    drop(idle_b);
}
