//! The check page's submit form: every refusal of the filing service comes back to the page
//! with its message, linked to its field (the declaration, an explanation's box) or to the
//! form, and nothing typed is lost.
use serde_json::{json, Value};

use crate::helpers::{form, location, new_uscc, page, spawn_sqlite, TestApp};

const CHECK: &str = "/filing/vat-small-scale/2026-Q2/check";
const SUBMIT: &str = "/filing/vat-small-scale/2026-Q2/submit";

fn vat(index: i64, sales: &str) -> Value {
    json!({"period": {"kind": "quarter", "year": 2026, "index": index}, "sales": sales,
           "levy_rate": "0.01", "location": "city", "six_taxes_two_fees_halving": true})
}

async fn put_draft(app: &TestApp, c: &reqwest::Client, data: Value) {
    let r = c
        .put(app.url("/api/v1/drafts/vat-small-scale/2026-Q2"))
        .json(&json!({ "data": data }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

/// The key the check page put in its form.
async fn key_of_check_page(app: &TestApp, c: &reqwest::Client) -> String {
    let html = page(app, c, CHECK).await;
    html.split("name=\"idempotency_key\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(str::to_string)
        .unwrap_or_else(|| panic!("no submit form: {html}"))
}

/// Posts the form; returns where it sends the taxpayer, and the error summary found there.
async fn refused(app: &TestApp, c: &reqwest::Client, fields: &[(&str, &str)]) -> (String, String) {
    let back = location(&form(app, c, SUBMIT, fields).await);
    assert!(back.starts_with(CHECK), "back to the check page: {back}");
    let html = page(app, c, &back).await;
    let summary = html
        .split("data-testid=\"error-summary\"")
        .nth(1)
        .and_then(|rest| rest.split("</ul>").next())
        .unwrap_or_else(|| panic!("no error summary after {back}: {html}"))
        .to_string();
    (back, summary)
}

#[tokio::test]
async fn every_refusal_of_a_submission_reaches_the_check_page() {
    let app = spawn_sqlite().await;
    let c = app.browser();
    app.taxpayer(&c, &new_uscc()).await;
    put_draft(&app, &c, vat(2, "300000")).await;
    let key = key_of_check_page(&app, &c).await;

    // No declaration and an explanation of an indicator that does not exist: both, at once.
    let (back, summary) = refused(
        &app,
        &c,
        &[
            ("idempotency_key", &key),
            ("explanation.no_such_indicator", "x"),
        ],
    )
    .await;
    assert!(back.contains("errors="), "{back}");
    assert!(
        summary.contains("Confirm the declaration to submit the return."),
        "{summary}"
    );
    assert!(summary.contains("href=\"#declaration\""), "{summary}");
    assert!(
        summary.contains("Choose one of the options given."),
        "{summary}"
    );
    assert!(
        summary.contains("href=\"#explanation-no-such-indicator\""),
        "{summary}"
    );

    // An explanation over 2,000 characters.
    let long = "说".repeat(2001);
    let (_, summary) = refused(
        &app,
        &c,
        &[
            ("idempotency_key", &key),
            ("declaration", "true"),
            ("explanation.vat_burden_change", &long),
        ],
    )
    .await;
    assert!(
        summary.contains("This is too long: at most 2000 characters."),
        "{summary}"
    );
    assert!(
        summary.contains("href=\"#explanation-vat-burden-change\""),
        "{summary}"
    );

    // A key that is not 1–255 characters.
    let (_, summary) = refused(
        &app,
        &c,
        &[
            ("idempotency_key", &"k".repeat(256)),
            ("declaration", "true"),
        ],
    )
    .await;
    assert!(
        summary.contains("The Idempotency-Key header must have 1 to 255 characters."),
        "{summary}"
    );

    // Answers that name another quarter than the return's period.
    put_draft(&app, &c, vat(3, "300000")).await;
    let (_, summary) = refused(
        &app,
        &c,
        &[("idempotency_key", &key), ("declaration", "true")],
    )
    .await;
    assert!(
        summary.contains("The period does not match the period in the return&#x27;s answers.")
            || summary.contains("The period does not match the period in the return's answers."),
        "{summary}"
    );

    // Filed once; a second original for the same period is refused with the conflict.
    put_draft(&app, &c, vat(2, "300000")).await;
    let done = location(
        &form(
            &app,
            &c,
            SUBMIT,
            &[("idempotency_key", &key), ("declaration", "true")],
        )
        .await,
    );
    assert!(done.starts_with("/filings/"), "{done}");
    put_draft(&app, &c, vat(2, "310000")).await;
    let (_, summary) = refused(
        &app,
        &c,
        &[("idempotency_key", "another key"), ("declaration", "true")],
    )
    .await;
    assert!(
        summary.contains("A return for this period has already been filed."),
        "{summary}"
    );
    assert!(summary.contains("href=\"#submit-form\""), "{summary}");

    // The same key with other answers: the key is not reused for a different return.
    let (_, summary) = refused(
        &app,
        &c,
        &[("idempotency_key", &key), ("declaration", "true")],
    )
    .await;
    assert!(
        summary.contains("This Idempotency-Key was already used for a different submission."),
        "{summary}"
    );
}
