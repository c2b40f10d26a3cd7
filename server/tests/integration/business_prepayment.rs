//! 经营所得 月(季)度预缴 as a return a 个体工商户 files: Q1 filed, Q2 starts from Q1's figures
//! (prefilled, marked as such), the annual return from the year's last prepayment.
use serde_json::{json, Value};

use crate::helpers::{form, new_uscc, page, spawn_sqlite};

async fn file(
    app: &crate::helpers::TestApp,
    c: &reqwest::Client,
    period: &str,
    data: Value,
) -> Value {
    let r = c
        .post(app.url("/api/v1/filings"))
        .header("Idempotency-Key", format!("prepay-{period}"))
        .header("Origin", app.url(""))
        .json(
            &json!({"kind": "iit-business-prepayment", "period": period, "data": data,
                      "declaration": true}),
        )
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let body: Value = r.json().await.unwrap();
    assert_eq!(status, 201, "{body}");
    body
}

#[tokio::test]
async fn q2_and_the_annual_return_start_from_the_earlier_prepayments() {
    let app = spawn_sqlite().await;
    let c = app.browser();
    let id = new_uscc();
    app.taxpayer(&c, &id).await;

    // Nothing filed yet: the first quarter starts empty.
    let html = page(&app, &c, "/filing/iit-business-prepayment/2026-Q1/1").await;
    assert!(!html.contains("data-testid=\"prefilled\""), "{html}");

    let q1 = file(
        &app,
        &c,
        "2026-Q1",
        json!({"tax_year": 2026, "period": {"kind": "quarter", "index": 1},
               "entity": "individual_business", "has_comprehensive_income": false,
               "revenue": "300000", "costs": "200000", "special_deductions": "6000"}),
    )
    .await;
    assert_eq!(q1["result"]["payable"], "3200.00", "{q1}");
    assert_eq!(q1["amount_due"], "3200.00", "{q1}");

    // Q2's pages start from Q1's cumulative figures and what Q1 made payable.
    let html = page(&app, &c, "/filing/iit-business-prepayment/2026-Q2/1").await;
    assert!(html.contains("data-testid=\"prefilled\""), "{html}");
    assert!(html.contains("2026-Q1"), "{html}");
    assert!(
        html.contains("value=\"300000\""),
        "revenue prefilled: {html}"
    );
    let html = page(&app, &c, "/filing/iit-business-prepayment/2026-Q2/3").await;
    assert!(
        html.contains("value=\"3200.00\""),
        "prepaid prefilled: {html}"
    );

    // Answering Q2's first page saves a draft that keeps what was prefilled on the others.
    let r = form(
        &app,
        &c,
        "/filing/iit-business-prepayment/2026-Q2/1",
        &[
            ("entity", "individual_business"),
            ("revenue", "650000"),
            ("costs", "420000"),
            ("loss_carryforward", ""),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    let draft: Value = c
        .get(app.url("/api/v1/drafts/iit-business-prepayment/2026-Q2"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(draft["data"]["prepaid_tax"], "3200.00", "{draft}");
    assert_eq!(draft["data"]["special_deductions"], "6000", "{draft}");
    assert_eq!(draft["data"]["revenue"], "650000", "{draft}");

    let q2 = file(
        &app,
        &c,
        "2026-Q2",
        json!({"tax_year": 2026, "period": {"kind": "quarter", "index": 2},
               "entity": "individual_business", "has_comprehensive_income": false,
               "revenue": "650000", "costs": "420000", "special_deductions": "12000",
               "prepaid_tax": "3200"}),
    )
    .await;
    assert_eq!(q2["result"]["payable"], "10350.00", "{q2}");

    // The annual return starts from the last prepayment: 3,200 + 10,350 already prepaid.
    let html = page(&app, &c, "/filing/iit-business/2026/1").await;
    assert!(html.contains("value=\"650000\""), "{html}");
    let html = page(&app, &c, "/filing/iit-business/2026/3").await;
    assert!(html.contains("value=\"13550.00\""), "{html}");

    // A period that does not match the answers is refused.
    let r = c
        .post(app.url("/api/v1/filings"))
        .header("Idempotency-Key", "mismatch")
        .header("Origin", app.url(""))
        .json(
            &json!({"kind": "iit-business-prepayment", "period": "2026-Q3",
            "data": {"tax_year": 2026, "period": {"kind": "quarter", "index": 2},
                     "entity": "individual_business", "has_comprehensive_income": false},
            "declaration": true}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["errors"][0]["code"], "period_mismatch", "{v}");

    // The task list offers the prepayment.
    let html = page(&app, &c, "/filing").await;
    assert!(html.contains("iit-business-prepayment"), "{html}");
}
