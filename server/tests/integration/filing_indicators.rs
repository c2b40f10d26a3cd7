//! Risk indicators on the check page of a VAT return, with the previous filing as the base
//! period, and the 合理性说明 stored with the filing and shown on its receipt.
use serde_json::{json, Value};

use crate::helpers::{form, location, new_uscc, page, spawn_all, spawn_sqlite, TestApp};

fn vat(quarter: i64, sales: &str, levy_rate: &str) -> Value {
    json!({"period": {"kind": "quarter", "year": 2026, "index": quarter}, "sales": sales,
           "levy_rate": levy_rate, "location": "city", "six_taxes_two_fees_halving": true})
}

fn filing(period: &str, data: Value, explanations: Value) -> Value {
    json!({"kind": "vat-small-scale", "period": period, "data": data, "declaration": true,
           "supersedes": null, "explanations": explanations})
}

async fn submit(app: &TestApp, c: &reqwest::Client, key: &str, body: &Value) -> (u16, Value) {
    let r = c
        .post(app.url("/api/v1/filings"))
        .header("Idempotency-Key", key)
        .json(body)
        .send()
        .await
        .unwrap();
    let s = r.status().as_u16();
    (s, r.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn explanations_are_validated_stored_and_on_the_receipt() {
    for app in spawn_all().await {
        let c = app.browser();
        app.taxpayer(&c, &new_uscc()).await;
        let (s, v) = submit(
            &app,
            &c,
            "k1",
            &filing(
                "2026-Q1",
                vat(1, "500000", "0.01"),
                json!([{"indicator": "no_such_indicator", "text": "x"}]),
            ),
        )
        .await;
        assert_eq!(s, 422, "{} {v}", app.backend);
        assert_eq!(v["errors"][0]["field"], "explanations[0].indicator");
        assert_eq!(v["errors"][0]["code"], "invalid_choice");

        let text = "一季度有一笔 <b>免税</b> 出口销售 & 季节性波动";
        let (s, v) = submit(
            &app,
            &c,
            "k2",
            &filing(
                "2026-Q1",
                vat(1, "500000", "0.01"),
                json!([{"indicator": "vat_burden_change", "text": text}]),
            ),
        )
        .await;
        assert_eq!(s, 201, "{} {v}", app.backend);
        let id = v["id"].as_str().unwrap().to_string();
        let detail: Value = c
            .get(app.url(&format!("/api/v1/filings/{id}")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            detail["explanations"],
            json!([{"indicator": "vat_burden_change", "text": text}])
        );
        let receipt = c
            .get(app.url(&format!("/api/v1/filings/{id}/receipt")))
            .header("Accept-Language", "en")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(receipt.contains("Explanations (合理性说明)"), "{receipt}");
        assert!(
            receipt.contains("一季度有一笔 &lt;b&gt;免税&lt;/b&gt; 出口销售 &amp; 季节性波动"),
            "escaped on the receipt: {receipt}"
        );
    }
}

async fn form_to(
    app: &TestApp,
    c: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> String {
    let r = form(app, c, path, fields).await;
    assert_eq!(r.status(), 303, "{path}");
    location(&r)
}

#[tokio::test]
async fn the_check_page_compares_with_the_previous_quarter_and_keeps_explanations() {
    let app = spawn_sqlite().await;
    let c = app.browser();
    app.taxpayer(&c, &new_uscc()).await;
    // Q1 filed: 500,000 at 1% → VAT 5,000, burden 1.00%.
    let (s, v) = submit(
        &app,
        &c,
        "q1",
        &filing("2026-Q1", vat(1, "500000", "0.01"), json!([])),
    )
    .await;
    assert_eq!(s, 201, "{v}");
    // Q2 drafted: 400,000 at 3% → VAT 12,000, burden 3.00%: +200% against Q1.
    let r = c
        .put(app.url("/api/v1/drafts/vat-small-scale/2026-Q2"))
        .json(&json!({"data": vat(2, "400000", "0.03")}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let check = "/filing/vat-small-scale/2026-Q2/check";
    let html = page(&app, &c, check).await;
    assert!(
        html.contains("The base period is your filed return for 2026-Q1."),
        "{html}"
    );
    assert!(
        html.contains(r#"data-code="vat_burden_change" data-status="attention""#),
        "{html}"
    );
    assert!(
        html.contains("+200.00%") || html.contains("200.00%"),
        "{html}"
    );
    assert!(
        html.contains(r#"name="explanation.vat_burden_change""#),
        "{html}"
    );
    // An indicator that is fine gets no box.
    assert!(
        html.contains(r#"data-code="zero_filing_streak" data-status="ok""#),
        "{html}"
    );
    assert!(!html.contains(r#"name="explanation.zero_filing_streak""#));

    // Submitted without the declaration: refused, and the explanation typed is still there.
    let key_start = html.find(r#"name="idempotency_key" value=""#).unwrap() + 33;
    let key = &html[key_start..key_start + html[key_start..].find('"').unwrap()];
    let why = "二季度改按3%征收率开具专票";
    let back = form_to(
        &app,
        &c,
        "/filing/vat-small-scale/2026-Q2/submit",
        &[
            ("idempotency_key", key),
            ("explanation.vat_burden_change", why),
        ],
    )
    .await;
    assert_eq!(back, format!("{check}?declaration=1"));
    let html = page(&app, &c, &back).await;
    assert!(html.contains(why), "kept after the refusal: {html}");

    let done = form_to(
        &app,
        &c,
        "/filing/vat-small-scale/2026-Q2/submit",
        &[
            ("idempotency_key", key),
            ("explanation.vat_burden_change", why),
            ("explanation.vat_elasticity", "  "),
            ("declaration", "true"),
        ],
    )
    .await;
    assert!(
        done.starts_with("/filings/") && done.ends_with("?submitted=1"),
        "{done}"
    );
    let id = done
        .trim_start_matches("/filings/")
        .trim_end_matches("?submitted=1");
    let detail: Value = c
        .get(app.url(&format!("/api/v1/filings/{id}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        detail["explanations"],
        json!([{"indicator": "vat_burden_change", "text": why}]),
        "blank boxes are left out"
    );
    let html = page(&app, &c, &format!("/filings/{id}")).await;
    assert!(
        html.contains("Explanations (合理性说明)") && html.contains(why),
        "{html}"
    );
}
