//! A person's own security settings (ASVS L2 V2/V3): changing the password ends the other
//! sessions, sessions are listed and ended one by one or everywhere, two-step sign-in (TOTP,
//! with one-time recovery codes) is offered to taxpayers and required of publishers and
//! administrators.
use serde_json::{json, Value};

use crate::helpers::{
    enrol_second_factor, new_uscc, spawn_all, spawn_sqlite, totp, TestApp, PASSWORD,
};

async fn send(
    app: &TestApp,
    c: &reqwest::Client,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut r = c
        .request(method, app.url(path))
        .header("Origin", format!("http://{}", app.addr))
        .header("Accept-Language", "en");
    if let Some(body) = body {
        r = r.json(&body);
    }
    let r = r.send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn sign_in(
    app: &TestApp,
    c: &reqwest::Client,
    id: &str,
    password: &str,
    code: Option<&str>,
) -> (u16, Value) {
    let mut body = json!({"taxpayer_id": id, "password": password});
    if let Some(code) = code {
        body["code"] = json!(code);
    }
    send(app, c, reqwest::Method::POST, "/api/v1/session", Some(body)).await
}

use reqwest::Method;

#[tokio::test]
async fn a_password_change_ends_every_other_session() {
    for app in spawn_all().await {
        let (here, there) = (app.browser(), app.browser());
        let id = app.taxpayer(&here, &new_uscc()).await;
        assert_eq!(sign_in(&app, &there, &id, PASSWORD, None).await.0, 200);

        let (status, list) = send(&app, &here, Method::GET, "/api/v1/me/sessions", None).await;
        assert_eq!(status, 200);
        let items = list["items"].as_array().unwrap();
        assert_eq!(items.len(), 2, "{list}");
        assert_eq!(items.iter().filter(|s| s["current"] == true).count(), 1);
        assert!(items.iter().all(|s| s["id"].as_str().unwrap().len() == 16));

        // The current password is checked, and the new one follows the rules.
        let (status, body) = send(&app, &here, Method::PUT, "/api/v1/me/password",
            Some(json!({"current_password": "wrong password 1", "new_password": "新的密码 blue river 7"}))).await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["errors"][0]["field"], "current_password");
        assert_eq!(body["errors"][0]["code"], "wrong_password");
        let (status, body) = send(
            &app,
            &here,
            Method::PUT,
            "/api/v1/me/password",
            Some(json!({"current_password": PASSWORD, "new_password": "short"})),
        )
        .await;
        assert_eq!(status, 422);
        assert_eq!(body["errors"][0]["field"], "new_password");

        let (status, body) = send(
            &app,
            &here,
            Method::PUT,
            "/api/v1/me/password",
            Some(json!({"current_password": PASSWORD, "new_password": "新的密码 blue river 7"})),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["other_sessions_ended"], 1);
        assert_eq!(
            send(&app, &there, Method::GET, "/api/v1/me", None).await.0,
            401,
            "{}",
            app.backend
        );
        assert_eq!(
            send(&app, &here, Method::GET, "/api/v1/me", None).await.0,
            200
        );
        assert_eq!(
            sign_in(&app, &app.browser(), &id, PASSWORD, None).await.0,
            401
        );
        assert_eq!(
            sign_in(&app, &there, &id, "新的密码 blue river 7", None)
                .await
                .0,
            200
        );
    }
}

#[tokio::test]
async fn sessions_end_one_by_one_or_everywhere() {
    let app = spawn_sqlite().await;
    let (here, there, third) = (app.browser(), app.browser(), app.browser());
    let id = app.taxpayer(&here, &new_uscc()).await;
    assert_eq!(sign_in(&app, &there, &id, PASSWORD, None).await.0, 200);
    assert_eq!(sign_in(&app, &third, &id, PASSWORD, None).await.0, 200);
    let (_, list) = send(&app, &there, Method::GET, "/api/v1/me/sessions", None).await;
    let current = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["current"] == true)
        .unwrap();
    let there_id = current["id"].as_str().unwrap().to_string();

    // Another taxpayer cannot end it (404, as if it did not exist).
    let stranger = app.browser();
    app.taxpayer(&stranger, &new_uscc()).await;
    let path = format!("/api/v1/me/sessions/{there_id}");
    assert_eq!(
        send(&app, &stranger, Method::DELETE, &path, None).await.0,
        404
    );
    assert_eq!(
        send(&app, &there, Method::GET, "/api/v1/me", None).await.0,
        200
    );

    assert_eq!(send(&app, &here, Method::DELETE, &path, None).await.0, 204);
    assert_eq!(
        send(&app, &there, Method::GET, "/api/v1/me", None).await.0,
        401
    );
    assert_eq!(
        send(&app, &third, Method::GET, "/api/v1/me", None).await.0,
        200
    );

    // Everywhere: this session too.
    assert_eq!(
        send(&app, &here, Method::DELETE, "/api/v1/me/sessions", None)
            .await
            .0,
        204
    );
    assert_eq!(
        send(&app, &here, Method::GET, "/api/v1/me", None).await.0,
        401
    );
    assert_eq!(
        send(&app, &third, Method::GET, "/api/v1/me", None).await.0,
        401
    );
}

#[tokio::test]
async fn an_api_token_cannot_change_how_its_owner_signs_in() {
    let app = spawn_sqlite().await;
    let c = app.browser();
    app.taxpayer(&c, &new_uscc()).await;
    let (_, token) = send(
        &app,
        &c,
        Method::POST,
        "/api/v1/tokens",
        Some(json!({"label": "erp"})),
    )
    .await;
    let token = token["token"].as_str().unwrap();
    for (method, path) in [
        (Method::GET, "/api/v1/me/sessions"),
        (Method::DELETE, "/api/v1/me/sessions"),
        (Method::POST, "/api/v1/me/second-factor"),
        (Method::PUT, "/api/v1/me/password"),
    ] {
        let r = reqwest::Client::new()
            .request(method.clone(), app.url(path))
            .bearer_auth(token)
            .json(&json!({"current_password": PASSWORD, "new_password": "whatever it is 12"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "{method} {path}");
    }
}

#[tokio::test]
async fn two_step_sign_in_for_a_taxpayer() {
    for app in spawn_all().await {
        let c = app.browser();
        let id = app.taxpayer(&c, &new_uscc()).await;
        let (_, status) = send(&app, &c, Method::GET, "/api/v1/me/second-factor", None).await;
        assert_eq!(status["status"], "off");
        assert_eq!(status["required"], false);

        // A wrong first code does not turn it on.
        let (_, begun) = send(&app, &c, Method::POST, "/api/v1/me/second-factor", None).await;
        let key = begun["secret"].as_str().unwrap().to_string();
        assert!(begun["otpauth_uri"].as_str().unwrap().contains(&key));
        let wrong = if totp(&key, 0) == "000000" {
            "111111"
        } else {
            "000000"
        };
        let (status, body) = send(
            &app,
            &c,
            Method::POST,
            "/api/v1/me/second-factor/confirm",
            Some(json!({"code": wrong})),
        )
        .await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["errors"][0]["code"], "invalid_second_factor");
        let (_, status) = send(&app, &c, Method::GET, "/api/v1/me/second-factor", None).await;
        assert_eq!(status["status"], "pending");

        let (key, recovery) = enrol_second_factor(&app, &c, "/api/v1/me").await;
        assert_eq!(recovery.len(), 10);
        let (_, status) = send(&app, &c, Method::GET, "/api/v1/me/second-factor", None).await;
        assert_eq!(status["status"], "on");
        assert_eq!(status["recovery_codes_left"], 10);
        // On already: a new key needs turning it off first.
        assert_eq!(
            send(&app, &c, Method::POST, "/api/v1/me/second-factor", None)
                .await
                .0,
            409
        );

        // The password alone no longer signs in; a wrong code does not either.
        let other = app.browser();
        let (status, body) = sign_in(&app, &other, &id, PASSWORD, None).await;
        assert_eq!(
            (status, body["errors"][0]["code"].as_str()),
            (401, Some("second_factor_required"))
        );
        assert_eq!(body["errors"][0]["field"], "code");
        let (status, body) = sign_in(&app, &other, &id, PASSWORD, Some(wrong)).await;
        assert_eq!(
            (status, body["errors"][0]["code"].as_str()),
            (401, Some("invalid_second_factor"))
        );
        // The code the enrolment used is spent; the next step's code works, once.
        let next = totp(&key, 1);
        assert_eq!(
            sign_in(&app, &other, &id, PASSWORD, Some(&next)).await.0,
            200
        );
        // A recovery code works once (typed in lower case with spaces, as people do).
        let typed = recovery[3].to_lowercase().replace('-', " ");
        assert_eq!(
            sign_in(&app, &app.browser(), &id, PASSWORD, Some(&typed))
                .await
                .0,
            200
        );
        assert_eq!(
            sign_in(&app, &app.browser(), &id, PASSWORD, Some(&recovery[3]))
                .await
                .0,
            401
        );
        let (_, status) = send(&app, &c, Method::GET, "/api/v1/me/second-factor", None).await;
        assert_eq!(status["recovery_codes_left"], 9);

        // Turning it off needs the password and a code.
        let (status, body) = send(
            &app,
            &c,
            Method::POST,
            "/api/v1/me/second-factor/disable",
            Some(json!({"password": "not my password 9", "code": recovery[5]})),
        )
        .await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["errors"][0]["field"], "password");
        let (status, body) = send(
            &app,
            &c,
            Method::POST,
            "/api/v1/me/second-factor/disable",
            Some(json!({"password": PASSWORD, "code": recovery[5]})),
        )
        .await;
        assert_eq!(status, 204, "{body}");
        assert_eq!(
            sign_in(&app, &app.browser(), &id, PASSWORD, None).await.0,
            200,
            "{}",
            app.backend
        );
    }
}

#[tokio::test]
async fn publishers_must_turn_on_two_step_sign_in_first() {
    let app = spawn_sqlite().await;
    let c = app.browser();
    let url = app
        .database_url
        .parse::<banshui_server::db::DatabaseUrl>()
        .unwrap();
    let db = banshui_server::db::Database::connect(&url).await.unwrap();
    banshui_server::staff::create(
        &db,
        "wang.fang",
        banshui_server::staff::Role::Publisher,
        PASSWORD,
    )
    .await
    .unwrap();
    let (status, _) = send(
        &app,
        &c,
        Method::POST,
        "/api/v1/staff/session",
        Some(json!({"username": "wang.fang", "password": PASSWORD})),
    )
    .await;
    assert_eq!(status, 200);

    // Nothing but the security settings answers until it is on — API, pages and forms.
    let (status, body) = send(&app, &c, Method::GET, "/api/v1/staff/articles", None).await;
    assert_eq!(status, 403);
    assert_eq!(
        body["errors"][0]["code"],
        "second_factor_enrolment_required"
    );
    let page = c
        .get(app.url("/staff/articles"))
        .header("Accept-Language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 403);
    assert!(page
        .text()
        .await
        .unwrap()
        .contains("href=\"/staff/security\""));
    let (_, status) = send(
        &app,
        &c,
        Method::GET,
        "/api/v1/staff/me/second-factor",
        None,
    )
    .await;
    assert_eq!(status["required"], true);
    assert_eq!(status["status"], "off");
    let form = crate::helpers::form(&app, &c, "/staff/articles", &[("slug", "x-y")]).await;
    assert_eq!(form.status(), 303);
    assert_eq!(crate::helpers::location(&form), "/staff/security");
    // The security page's own form works: it makes the key to enrol with, shown as a QR code.
    let begun = crate::helpers::form(&app, &c, "/staff/security/begin", &[]).await;
    assert!(crate::helpers::location(&begun).starts_with("/staff/security?done=begun"));
    let page = c.get(app.url("/staff/security")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("data-testid=\"totp-key\""), "{html}");
    assert!(html.contains("<svg"), "the QR code is on the page");

    let (key, _) = enrol_second_factor(&app, &c, "/api/v1/staff/me").await;
    assert_eq!(
        send(&app, &c, Method::GET, "/api/v1/staff/articles", None)
            .await
            .0,
        200
    );
    // The role requires it: it cannot be turned off.
    let (status, body) = send(
        &app,
        &c,
        Method::POST,
        "/api/v1/staff/me/second-factor/disable",
        Some(json!({"password": PASSWORD, "code": totp(&key, 1)})),
    )
    .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["errors"][0]["code"], "second_factor_required_for_role");

    // A wrong code at sign-in is audited; the enrolment and the sign-in are too.
    let other = app.browser();
    let (status, _) = send(
        &app,
        &other,
        Method::POST,
        "/api/v1/staff/session",
        Some(json!({"username": "wang.fang", "password": PASSWORD, "code": "12345x"})),
    )
    .await;
    assert_eq!(status, 401);
    let admin = app.browser();
    app.staff(&admin, "li.admin", "admin").await;
    let (_, audit) = send(
        &app,
        &admin,
        Method::GET,
        "/api/v1/staff/audit?limit=100",
        None,
    )
    .await;
    let actions: Vec<&str> = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    for expected in [
        "second_factor_on",
        "sign_in_second_factor_failed",
        "sign_in",
    ] {
        assert!(actions.contains(&expected), "{expected} in {actions:?}");
    }
}
