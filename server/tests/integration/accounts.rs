//! Accounts, sessions, CSRF, throttling and API tokens, against `portal-api.md`.
use serde_json::{json, Value};

use crate::helpers::{new_uscc, spawn_all, spawn_sqlite, TestApp, PASSWORD};

async fn post_json(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    body: &Value,
) -> (u16, Value) {
    let r = client.post(app.url(path)).json(body).send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

fn codes(body: &Value) -> Vec<(String, String)> {
    body["errors"]
        .as_array()
        .map(|errs| {
            errs.iter()
                .map(|e| {
                    (
                        e["field"].as_str().unwrap_or("").to_string(),
                        e["code"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn registration_validates_and_refuses_duplicates() {
    for app in spawn_all().await {
        let c = app.browser();
        let id = new_uscc();
        let (s, v) = post_json(
            &app,
            &c,
            "/api/v1/accounts",
            &json!({"taxpayer_id": id.to_lowercase(), "name": " 闽清茶业 ", "password": PASSWORD}),
        )
        .await;
        assert_eq!(s, 201, "{}: {v}", app.backend);
        assert_eq!(
            v,
            json!({"taxpayer_id": id, "name": "闽清茶业", "kind": "uscc"})
        );

        let (s, v) = post_json(
            &app,
            &c,
            "/api/v1/accounts",
            &json!({"taxpayer_id": "11010519491231002x", "name": "张三", "password": PASSWORD}),
        )
        .await;
        assert_eq!(
            (s, &v["kind"], &v["taxpayer_id"]),
            (201, &json!("resident_id"), &json!("11010519491231002X"))
        );

        let (s, v) = post_json(
            &app,
            &c,
            "/api/v1/accounts",
            &json!({"taxpayer_id": id, "name": "again", "password": PASSWORD}),
        )
        .await;
        assert_eq!(
            (s, codes(&v)),
            (409, vec![("taxpayer_id".into(), "taken".into())])
        );

        let (s, v) = post_json(
            &app,
            &c,
            "/api/v1/accounts",
            &json!({"taxpayer_id": "91350200M000000510", "name": "x", "password": PASSWORD}),
        )
        .await;
        assert_eq!(
            (s, codes(&v)),
            (
                422,
                vec![("taxpayer_id".into(), "bad_check_character".into())]
            )
        );

        let (s, v) = post_json(
            &app,
            &c,
            "/api/v1/accounts",
            &json!({"taxpayer_id": new_uscc(), "name": "x", "password": "short1"}),
        )
        .await;
        assert_eq!(
            (s, codes(&v)),
            (422, vec![("password".into(), "password_too_short".into())])
        );
        for common in ["1234567890", "password123", "Qwertyuiop"] {
            let (s, v) = post_json(
                &app,
                &c,
                "/api/v1/accounts",
                &json!({"taxpayer_id": new_uscc(), "name": "x", "password": common}),
            )
            .await;
            assert_eq!(
                (s, codes(&v)),
                (422, vec![("password".into(), "password_too_common".into())]),
                "{common}"
            );
        }
        let (s, v) = post_json(
            &app,
            &c,
            "/api/v1/accounts",
            &json!({"taxpayer_id": new_uscc(), "name": "", "password": PASSWORD, "role": "admin"}),
        )
        .await;
        assert_eq!(s, 422);
        let mut got = codes(&v);
        got.sort();
        assert_eq!(
            got,
            vec![
                ("name".into(), "required".into()),
                ("role".into(), "unknown_field".into())
            ]
        );
        // Messages are translated.
        let r = c
            .post(app.url("/api/v1/accounts"))
            .header("Accept-Language", "en")
            .json(&json!({"taxpayer_id": new_uscc(), "name": "x", "password": "short"}))
            .send()
            .await
            .unwrap();
        let v: Value = r.json().await.unwrap();
        assert_eq!(
            v["errors"][0]["message"],
            "Enter a password of at least 10 characters."
        );
    }
}

#[tokio::test]
async fn sessions_rotate_expire_on_sign_out_and_give_one_generic_error() {
    for app in spawn_all().await {
        let c = app.browser();
        let id = new_uscc();
        app.taxpayer(&c, &id).await;
        let me: Value = c
            .get(app.url("/api/v1/me"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            (&me["taxpayer_id"], &me["name"], &me["kind"]),
            (&json!(id), &json!("测试纳税人"), &json!("uscc"))
        );

        // The cookie: HttpOnly, SameSite, new value at every sign-in; the old one dies.
        let sign_in = |client: reqwest::Client| {
            let app = &app;
            let id = id.clone();
            async move {
                client
                    .post(app.url("/api/v1/session"))
                    .json(&json!({"taxpayer_id": id, "password": PASSWORD}))
                    .send()
                    .await
                    .unwrap()
            }
        };
        let plain = reqwest::Client::new();
        let first = sign_in(plain.clone()).await;
        let cookie1 = first.headers()["set-cookie"].to_str().unwrap().to_string();
        assert!(
            cookie1.contains("HttpOnly")
                && cookie1.contains("SameSite=Lax")
                && cookie1.contains("Path=/"),
            "{cookie1}"
        );
        let value1 = cookie1.split(';').next().unwrap().to_string();
        let second = plain
            .post(app.url("/api/v1/session"))
            .header("Cookie", &value1)
            .json(&json!({"taxpayer_id": id, "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        let value2 = second.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_string();
        assert_ne!(value1, value2, "sign-in issues a new session id");
        let old = plain
            .get(app.url("/api/v1/me"))
            .header("Cookie", &value1)
            .send()
            .await
            .unwrap();
        assert_eq!(
            old.status(),
            401,
            "the session presented at sign-in was ended"
        );
        let new = plain
            .get(app.url("/api/v1/me"))
            .header("Cookie", &value2)
            .send()
            .await
            .unwrap();
        assert_eq!(new.status(), 200);

        // Wrong password and unknown account: the same 401 and message.
        let (s1, v1) = post_json(
            &app,
            &plain,
            "/api/v1/session",
            &json!({"taxpayer_id": id, "password": "wrong password!"}),
        )
        .await;
        let (s2, v2) = post_json(
            &app,
            &plain,
            "/api/v1/session",
            &json!({"taxpayer_id": new_uscc(), "password": "wrong password!"}),
        )
        .await;
        assert_eq!((s1, s2), (401, 401));
        assert_eq!(v1, v2);
        assert_eq!(codes(&v1), vec![("".into(), "invalid_credentials".into())]);

        // Sign out.
        let r = c.delete(app.url("/api/v1/session")).send().await.unwrap();
        assert_eq!(r.status(), 204);
        assert_eq!(
            c.get(app.url("/api/v1/me")).send().await.unwrap().status(),
            401
        );
        assert_eq!(
            reqwest::Client::new()
                .get(app.url("/api/v1/me"))
                .send()
                .await
                .unwrap()
                .status(),
            401
        );
    }
}

#[tokio::test]
async fn failed_sign_ins_are_throttled_per_account() {
    for app in spawn_all().await {
        let c = app.browser();
        let id = new_uscc();
        app.taxpayer(&c, &id).await;
        let other = reqwest::Client::new();
        for _ in 0..5 {
            let (s, _) = post_json(
                &app,
                &other,
                "/api/v1/session",
                &json!({"taxpayer_id": id, "password": "not the password"}),
            )
            .await;
            assert_eq!(s, 401);
        }
        let r = other
            .post(app.url("/api/v1/session"))
            .json(&json!({"taxpayer_id": id, "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 429, "even the right password waits");
        let retry: u64 = r.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=900).contains(&retry), "{retry}");
        let v: Value = r.json().await.unwrap();
        assert_eq!(codes(&v), vec![("".into(), "too_many_attempts".into())]);
        // Another account from the same address is not blocked by this one.
        let c2 = app.browser();
        app.taxpayer(&c2, &new_uscc()).await;
    }
}

/// Wrong passwords sent all at once: the limit holds (at most 5 are checked, the rest wait),
/// for taxpayers and for staff.
#[tokio::test]
async fn parallel_wrong_passwords_cannot_pass_the_limit() {
    for app in spawn_all().await {
        let c = app.browser();
        let id = new_uscc();
        app.taxpayer(&c, &id).await;
        app.staff(&app.browser(), "zhao.lei", "editor").await;
        for (path, body) in [
            (
                "/api/v1/session",
                json!({"taxpayer_id": id, "password": "not the password"}),
            ),
            (
                "/api/v1/staff/session",
                json!({"username": "zhao.lei", "password": "not the password"}),
            ),
        ] {
            let mut attempts = tokio::task::JoinSet::new();
            for _ in 0..15 {
                let client = reqwest::Client::new();
                let (url, body) = (app.url(path), body.clone());
                attempts.spawn(async move {
                    client
                        .post(url)
                        .json(&body)
                        .send()
                        .await
                        .unwrap()
                        .status()
                        .as_u16()
                });
            }
            let statuses = attempts.join_all().await;
            let checked = statuses.iter().filter(|s| **s == 401).count();
            let waited = statuses.iter().filter(|s| **s == 429).count();
            assert!(checked <= 5, "{path}: {statuses:?}");
            assert_eq!(checked + waited, 15, "{path}: {statuses:?}");
        }
    }
}

#[tokio::test]
async fn cross_site_requests_with_the_cookie_are_refused() {
    let app = spawn_sqlite().await;
    let c = app.browser();
    app.taxpayer(&c, &new_uscc()).await;
    let put = |origin: Option<&'static str>, site: Option<&'static str>| {
        let mut r = c
            .put(app.url("/api/v1/drafts/iit-annual/2025"))
            .json(&json!({"data": {"tax_year": 2025}}));
        if let Some(o) = origin {
            r = r.header("Origin", o);
        }
        if let Some(s) = site {
            r = r.header("Sec-Fetch-Site", s);
        }
        async move { r.send().await.unwrap().status().as_u16() }
    };
    assert_eq!(put(Some("https://evil.example"), None).await, 403);
    assert_eq!(put(None, Some("cross-site")).await, 403);
    assert_eq!(put(None, Some("same-site")).await, 403);
    assert_eq!(put(Some("null"), None).await, 403);
    let own = format!("http://{}", app.addr);
    let own: &'static str = Box::leak(own.into_boxed_str());
    assert_eq!(put(Some(own), Some("same-origin")).await, 200);
    assert_eq!(
        put(None, None).await,
        200,
        "not a browser: nothing to forge"
    );
    // A cross-site sign-in attempt is refused too (login CSRF).
    let r = c
        .post(app.url("/api/v1/session"))
        .header("Origin", "https://evil.example")
        .json(&json!({"taxpayer_id": "x", "password": "y"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let v: Value = r.json().await.unwrap();
    assert_eq!(codes(&v), vec![("".into(), "cross_site_request".into())]);
}

#[tokio::test]
async fn api_tokens_are_shown_once_work_as_bearer_and_can_be_revoked() {
    for app in spawn_all().await {
        let c = app.browser();
        let id = app.taxpayer(&c, &new_uscc()).await;
        let (s, created) = post_json(
            &app,
            &c,
            "/api/v1/tokens",
            &json!({"label": "用友 accounting"}),
        )
        .await;
        assert_eq!(s, 201);
        let token = created["token"].as_str().unwrap().to_string();
        let token_id = created["id"].as_str().unwrap().to_string();
        assert!(token.len() > 40);

        let listed: Value = c
            .get(app.url("/api/v1/tokens"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(listed["items"].as_array().unwrap().len(), 1);
        assert_eq!(listed["items"][0]["label"], "用友 accounting");
        assert!(
            listed["items"][0].get("token").is_none(),
            "never shown again"
        );
        assert_eq!(listed["next_cursor"], Value::Null);

        // A program: bearer token, no cookie, no CSRF headers needed even with a foreign Origin.
        let program = reqwest::Client::new();
        let me: Value = program
            .get(app.url("/api/v1/me"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(me["taxpayer_id"], json!(id));
        let r = program
            .put(app.url("/api/v1/drafts/iit-annual/2025"))
            .bearer_auth(&token)
            .header("Origin", "https://erp.example")
            .json(&json!({"data": {}}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let bad = program
            .get(app.url("/api/v1/me"))
            .bearer_auth("bsk_not-a-token")
            .send()
            .await
            .unwrap();
        assert_eq!(bad.status(), 401);

        // Another taxpayer cannot see or revoke it.
        let other = app.browser();
        app.taxpayer(&other, &new_uscc()).await;
        let r = other
            .delete(app.url(&format!("/api/v1/tokens/{token_id}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404);
        let theirs: Value = other
            .get(app.url("/api/v1/tokens"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(theirs["items"], json!([]));

        let r = c
            .delete(app.url(&format!("/api/v1/tokens/{token_id}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 204);
        let after = program
            .get(app.url("/api/v1/me"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(after.status(), 401);
        // Anonymous.
        assert_eq!(
            reqwest::Client::new()
                .get(app.url("/api/v1/tokens"))
                .send()
                .await
                .unwrap()
                .status(),
            401
        );
    }
}

/// A bearer header does not exempt a request from the cross-site check while a session cookie
/// rides along; without a cookie there is no ambient credential to forge.
#[tokio::test]
async fn a_bearer_header_beside_a_session_cookie_is_still_checked() {
    let app = spawn_sqlite().await;
    let staff = app.browser();
    app.staff(&staff, "qian.yu", "publisher").await;
    let article = json!({
        "slug": "forged-by-evil", "kind": "guide", "tax_types": ["vat"],
        "title": {"zh-CN": "伪造", "en": "Forged"},
        "body_markdown": {"zh-CN": "正文", "en": "Body"},
        "effective_from": "2026-01-01", "references": [], "change_note": "x",
    });
    let r = staff
        .post(app.url("/api/v1/staff/articles"))
        .header("Origin", "https://evil.example")
        .header("Sec-Fetch-Site", "cross-site")
        .header("Authorization", "Bearer junk")
        .json(&article)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403, "the staff cookie still counts");
    // The same request with no cookie passes the check and meets authentication instead.
    let r = reqwest::Client::new()
        .post(app.url("/api/v1/tokens"))
        .header("Origin", "https://evil.example")
        .header("Authorization", "Bearer junk")
        .json(&json!({"name": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

/// What a signed-in caller gets is never kept by a shared or back-forward cache.
#[tokio::test]
async fn authenticated_answers_are_not_stored_by_caches() {
    let app = spawn_sqlite().await;
    let c = app.browser();
    app.taxpayer(&c, &new_uscc()).await;
    for path in ["/api/v1/me", "/api/v1/filings", "/filing", "/filings", "/"] {
        let r = c.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 200, "{path}");
        assert_eq!(r.headers()["cache-control"], "private, no-store", "{path}");
    }
    let staff = app.browser();
    app.staff(&staff, "sun.li", "admin").await;
    for path in ["/api/v1/staff/me", "/staff", "/staff/audit"] {
        let r = staff.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 200, "{path}");
        assert_eq!(r.headers()["cache-control"], "private, no-store", "{path}");
    }
    // Signed out, the public pages may be cached as the browser likes.
    let r = reqwest::Client::new()
        .get(app.url("/guidance"))
        .send()
        .await
        .unwrap();
    assert!(r.headers().get("cache-control").is_none());
}

/// A refused staff sign-in is in the audit log: who was tried, from where, and whether the
/// password was wrong or the limit was reached.
#[tokio::test]
async fn refused_staff_sign_ins_are_audited() {
    let app = spawn_sqlite().await;
    let admin = app.browser();
    app.staff(&admin, "zhou.min", "admin").await;
    let other = reqwest::Client::new();
    for _ in 0..6 {
        post_json(
            &app,
            &other,
            "/api/v1/staff/session",
            &json!({"username": "zhou.min", "password": "not the password"}),
        )
        .await;
    }
    let log: Value = admin
        .get(app.url("/api/v1/staff/audit?limit=100"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let refused: Vec<(&str, &str, &str)> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"].as_str().unwrap().starts_with("sign_in_"))
        .map(|e| {
            (
                e["action"].as_str().unwrap(),
                e["object"].as_str().unwrap(),
                e["address"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(refused.len(), 6, "{log}");
    assert_eq!(
        refused[0],
        ("sign_in_throttled", "staff:zhou.min", "127.0.0.1")
    );
    assert_eq!(
        refused.iter().filter(|r| r.0 == "sign_in_failed").count(),
        5,
        "{refused:?}"
    );
}

/// Tokens are managed by the person (session cookie), expire, and may be read-only.
/// What a program holding `token` gets for `method path` (a JSON body on writes).
async fn with_token(app: &TestApp, method: &str, path: &str, token: &str) -> u16 {
    let c = reqwest::Client::new();
    let r = match method {
        "POST" => c
            .post(app.url(path))
            .json(&json!({"label": "minted by a token"})),
        "PUT" => c.put(app.url(path)).json(&json!({"data": {}})),
        _ => c.get(app.url(path)),
    };
    r.bearer_auth(token).send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn tokens_are_made_by_the_person_expire_and_may_only_read() {
    for app in spawn_all().await {
        let c = app.browser();
        app.taxpayer(&c, &new_uscc()).await;
        let (s, full) = post_json(&app, &c, "/api/v1/tokens", &json!({"label": "ERP"})).await;
        assert_eq!(s, 201, "{full}");
        assert_eq!(full["scope"], "write");
        let expires = full["expires_at"].as_str().unwrap().to_string();
        assert!(expires.as_str() > "2026-", "{expires}");
        let token = full["token"].as_str().unwrap().to_string();
        // A token cannot mint, list or revoke tokens.
        assert_eq!(
            with_token(&app, "POST", "/api/v1/tokens", &token).await,
            403
        );
        assert_eq!(with_token(&app, "GET", "/api/v1/tokens", &token).await, 403);
        // Read-only: reads, never writes.
        let (s, read) = post_json(
            &app,
            &c,
            "/api/v1/tokens",
            &json!({"label": "报表", "scope": "read", "expires_in_days": 7}),
        )
        .await;
        assert_eq!((s, read["scope"].as_str()), (201, Some("read")), "{read}");
        let reader = read["token"].as_str().unwrap();
        assert_eq!(
            with_token(&app, "GET", "/api/v1/filings", reader).await,
            200
        );
        let put = with_token(&app, "PUT", "/api/v1/drafts/iit-annual/2025", reader).await;
        assert_eq!(put, 403);
        // Bad choices are refused on their field.
        let (s, v) = post_json(
            &app,
            &c,
            "/api/v1/tokens",
            &json!({"label": "x", "scope": "admin", "expires_in_days": 0}),
        )
        .await;
        assert_eq!(s, 422);
        assert_eq!(
            codes(&v),
            vec![
                ("expires_in_days".into(), "out_of_range".into()),
                ("scope".into(), "invalid_choice".into())
            ]
        );
        // An expired token is no credential.
        let url: banshui_server::db::DatabaseUrl = app.database_url.parse().unwrap();
        let db = banshui_server::db::Database::connect(&url).await.unwrap();
        sqlx::query(&db.sql("UPDATE api_tokens SET expires_at = ? WHERE id = ?"))
            .bind("2026-01-01T00:00:00Z")
            .bind(full["id"].as_str().unwrap())
            .execute(&db.pool)
            .await
            .unwrap();
        assert_eq!(with_token(&app, "GET", "/api/v1/me", &token).await, 401);
    }
}
