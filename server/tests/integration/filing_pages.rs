//! The filing pages without JavaScript: forms post, the server redirects, pages render with
//! the data in place. (The browser tests drive the same flow with JavaScript.)
use serde_json::Value;

use crate::helpers::{form, location, new_uscc, page, spawn_sqlite, PASSWORD};

#[tokio::test]
async fn register_file_and_correct_with_forms_only() {
    let app = spawn_sqlite().await;
    let c = app.browser();
    // Anonymous: the task list asks to sign in.
    let html = page(&app, &c, "/filing").await;
    assert!(html.contains("Sign in to continue"), "{html}");

    // Registration errors come back to the form, with what was typed (never the password).
    let r = form(
        &app,
        &c,
        "/register",
        &[
            ("taxpayer_id", "91350200M000000510"),
            ("name", "闽清茶业"),
            ("password", "short"),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    let back = location(&r);
    assert!(
        back.starts_with("/register?errors=") && !back.contains("password="),
        "{back}"
    );
    let html = page(&app, &c, &back).await;
    assert!(
        html.contains("The check character is wrong") && html.contains("at least 10 characters"),
        "{html}"
    );
    assert!(
        html.contains("href=\"#taxpayer_id\""),
        "the summary links to the field"
    );

    let id = new_uscc();
    let r = form(
        &app,
        &c,
        "/register",
        &[
            ("taxpayer_id", &id),
            ("name", "闽清茶业"),
            ("password", PASSWORD),
        ],
    )
    .await;
    assert_eq!(
        (r.status().as_u16(), location(&r).as_str()),
        (303, "/filing")
    );
    let html = page(&app, &c, "/filing").await;
    assert!(
        html.contains("闽清茶业") && html.contains("Not started"),
        "{html}"
    );

    // The interview: step 1 saves a draft and moves on; an error stays on the step.
    let r = form(
        &app,
        &c,
        "/filing/iit-annual/2025/1",
        &[("income.wages", "-1"), ("_action", "next")],
    )
    .await;
    assert_eq!(location(&r), "/filing/iit-annual/2025/1?invalid=1");
    let html = page(&app, &c, "/filing/iit-annual/2025/1?invalid=1").await;
    assert!(
        html.contains("Error: ") && html.contains("cannot be negative"),
        "{html}"
    );
    let r = form(
        &app,
        &c,
        "/filing/iit-annual/2025/1",
        &[("income.wages", "200,000"), ("_action", "next")],
    )
    .await;
    assert_eq!(location(&r), "/filing/iit-annual/2025/2");
    form(
        &app,
        &c,
        "/filing/iit-annual/2025/2",
        &[("special_deductions", "24000"), ("_action", "next")],
    )
    .await;
    let r = form(
        &app,
        &c,
        "/filing/iit-annual/2025/3",
        &[
            ("additional_deductions.child_education", "24000"),
            ("additional_deductions.housing_loan_interest", "12000"),
            ("additional_deductions.elderly_support", "18000"),
            ("_action", "save"),
        ],
    )
    .await;
    assert_eq!(location(&r), "/filing?saved=iit-annual%3A2025");
    let html = page(&app, &c, "/filing").await;
    assert!(html.contains("Draft saved"), "{html}");
    let html = page(&app, &c, "/filing/iit-annual/2025/3").await;
    assert!(
        html.contains("value=\"18000\""),
        "the draft survives: {html}"
    );

    // Check your answers: the computed return, then the declaration is required.
    let html = page(&app, &c, "/filing/iit-annual/2025/check").await;
    assert!(
        html.contains("62,000.00") && html.contains("3,680.00"),
        "{html}"
    );
    let key = html
        .split("name=\"idempotency_key\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let r = form(
        &app,
        &c,
        "/filing/iit-annual/2025/submit",
        &[("idempotency_key", &key)],
    )
    .await;
    assert_eq!(location(&r), "/filing/iit-annual/2025/check?declaration=1");
    let r = form(
        &app,
        &c,
        "/filing/iit-annual/2025/submit",
        &[("idempotency_key", &key), ("declaration", "true")],
    )
    .await;
    let confirmation = location(&r);
    assert!(
        confirmation.starts_with("/filings/") && confirmation.ends_with("?submitted=1"),
        "{confirmation}"
    );
    // A second click on the same form files nothing new.
    let again = form(
        &app,
        &c,
        "/filing/iit-annual/2025/submit",
        &[("idempotency_key", &key), ("declaration", "true")],
    )
    .await;
    assert_eq!(location(&again), confirmation);
    let html = page(&app, &c, &confirmation).await;
    assert!(
        html.contains("Return filed") && html.contains("Pay 3,680.00 yuan by 2026-06-30"),
        "{html}"
    );
    let list: Value = c
        .get(app.url("/api/v1/filings"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), 1);

    // Correct it: starts from the filed answers, shows the difference and the change in tax.
    let id_path = confirmation.trim_end_matches("?submitted=1");
    let r = form(&app, &c, &format!("{id_path}/correct"), &[]).await;
    assert_eq!(location(&r), "/filing/iit-annual/2025/1");
    form(
        &app,
        &c,
        "/filing/iit-annual/2025/1",
        &[
            ("income.wages", "150000"),
            ("_return", "check"),
            ("_action", "next"),
        ],
    )
    .await;
    let html = page(&app, &c, "/filing/iit-annual/2025/check").await;
    assert!(
        html.contains("What you changed") && html.contains("200,000") && html.contains("150000"),
        "{html}"
    );
    assert!(html.contains("a change of -3,680.00 yuan"), "{html}");
    let key = html
        .split("name=\"idempotency_key\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let r = form(
        &app,
        &c,
        "/filing/iit-annual/2025/submit",
        &[("idempotency_key", &key), ("declaration", "true")],
    )
    .await;
    assert!(location(&r).starts_with("/filings/"));
    let html = page(&app, &c, id_path).await;
    assert!(html.contains("replaced by a correction"), "{html}");

    // Forms refuse cross-site posts; sign out ends the session.
    let r = c
        .post(app.url("/filing/iit-annual/2025/1"))
        .header("Origin", "https://evil.example")
        .form(&[("income.wages", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = form(&app, &c, "/sign-out", &[]).await;
    assert_eq!(location(&r), "/sign-in?signed_out=1");
    assert_eq!(
        c.get(app.url("/api/v1/me")).send().await.unwrap().status(),
        401
    );
    // Sign in again through the form; a wrong password comes back with one generic message.
    let r = form(
        &app,
        &c,
        "/sign-in",
        &[
            ("taxpayer_id", &id),
            ("password", "wrong password"),
            ("next", "/filings"),
        ],
    )
    .await;
    let html = page(&app, &c, &location(&r)).await;
    assert!(
        html.contains("The taxpayer identification number or the password is not correct."),
        "{html}"
    );
    let r = form(
        &app,
        &c,
        "/sign-in",
        &[
            ("taxpayer_id", &id),
            ("password", PASSWORD),
            ("next", "https://evil.example/"),
        ],
    )
    .await;
    assert_eq!(location(&r), "/filing", "no open redirect");
    let html = page(&app, &c, "/filings").await;
    assert!(
        html.contains("Superseded") && html.contains("Corrected"),
        "{html}"
    );
}
