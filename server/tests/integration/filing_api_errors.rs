//! `POST /api/v1/filings` with several problems at once: every one is reported, each on its
//! field, in the order of the body's fields (the shape's and the contents' problems together).
use serde_json::{json, Value};

use crate::helpers::{new_uscc, spawn_sqlite};

async fn refused(body: Value) -> Vec<(String, String)> {
    let app = spawn_sqlite().await;
    let c = app.browser();
    app.taxpayer(&c, &new_uscc()).await;
    let r = c
        .post(app.url("/api/v1/filings"))
        .header("Idempotency-Key", "mixed-1")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let v: Value = r.json().await.unwrap();
    v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap().to_string(),
                e["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(f, c)| (f.to_string(), c.to_string()))
        .collect()
}

#[tokio::test]
async fn an_unreadable_kind_still_reports_the_declaration_and_the_explanations() {
    let errors = refused(json!({
        "kind": "bogus", "period": "2026", "data": {}, "declaration": false,
        "explanations": [{"indicator": "bogus", "text": 5}, "not an object", {"text": "x"}]
    }))
    .await;
    assert_eq!(
        errors,
        pairs(&[
            ("kind", "invalid_choice"),
            ("declaration", "declaration_required"),
            ("explanations[0].text", "wrong_type"),
            ("explanations[0].indicator", "invalid_choice"),
            ("explanations[1]", "wrong_type"),
            ("explanations[2].indicator", "required"),
        ])
    );
}

#[tokio::test]
async fn a_type_error_beside_content_errors_keeps_every_index() {
    let errors = refused(json!({
        "kind": "vat-small-scale", "period": "2026-Q1", "declaration": true, "surprise": 1,
        "data": {"period": {"kind": "quarter", "year": 2026, "index": 1}, "sales": "1000",
                 "levy_rate": "0.01", "location": "city", "six_taxes_two_fees_halving": true},
        "explanations": [7, {"indicator": "vat_burden", "text": "  "}]
    }))
    .await;
    assert_eq!(
        errors,
        pairs(&[
            ("surprise", "unknown_field"),
            ("explanations[0]", "wrong_type"),
            ("explanations[1].text", "required"),
        ])
    );
}
