//! Self-check indicators and the staff-maintained benchmarks, against `portal-api.md`.
use serde_json::{json, Value};

use crate::helpers::{new_uscc, spawn_all, TestApp};

async fn post(
    app: &TestApp,
    c: &reqwest::Client,
    path: &str,
    body: &Value,
    lang: &str,
) -> (u16, Value) {
    let r = c
        .post(app.url(path))
        .header("accept-language", lang)
        .json(body)
        .send()
        .await
        .unwrap();
    let s = r.status().as_u16();
    (s, r.json().await.unwrap_or(Value::Null))
}

fn indicator<'a>(v: &'a Value, code: &str) -> &'a Value {
    v["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {v}"))
}

#[tokio::test]
async fn the_worked_examples_against_the_indicative_industry_table() {
    for app in spawn_all().await {
        let c = app.browser();
        // RISK-1, RISK-2 and RISK-3 of the reference, for a machinery maker (C34, indicative 3.70%).
        let body = json!({"industry": "C3411",
            "current": {"revenue": "10000000", "vat_payable": "180000", "total_profit": "1000000", "cit_payable": "50000"},
            "base": {"revenue": "10000000", "vat_payable": "280000"}});
        let (s, v) = post(&app, &c, "/api/v1/self-check", &body, "en").await;
        assert_eq!(s, 200, "{}: {v}", app.backend);
        let burden = indicator(&v, "vat_burden");
        assert_eq!(burden["value"], "0.0180");
        assert_eq!(burden["benchmark"]["average"], "0.0370");
        assert_eq!(burden["deviation"], "-0.5135");
        assert_eq!(burden["status"], "high");
        assert!(burden["benchmark"]["source"]
            .as_str()
            .unwrap()
            .contains("indicative"));
        assert!(
            burden["formula"].as_str().unwrap().contains("180000.00"),
            "{burden}"
        );
        assert!(
            burden["message"]
                .as_str()
                .unwrap()
                .contains("industry average"),
            "{burden}"
        );
        assert!(burden["guidance"]
            .as_array()
            .unwrap()
            .contains(&json!("vat-small-scale")));
        let change = indicator(&v, "vat_burden_change");
        assert_eq!(
            (change["value"].as_str(), change["status"].as_str()),
            (Some("-0.3571"), Some("attention"))
        );
        assert_eq!(indicator(&v, "cit_contribution")["value"], "0.0050");
        assert_eq!(indicator(&v, "cit_burden")["value"], "0.0500");
        assert_eq!(indicator(&v, "cit_burden")["benchmark"], Value::Null);
        assert_eq!(v["indicators"].as_array().unwrap().len(), 14);
        // The same in Chinese.
        let (_, zh) = post(&app, &c, "/api/v1/self-check", &body, "zh-CN").await;
        assert!(indicator(&zh, "vat_burden")["message"]
            .as_str()
            .unwrap()
            .contains("行业平均值"));
    }
}

#[tokio::test]
async fn zero_denominators_unknown_industries_and_bad_input() {
    for app in spawn_all().await {
        let c = app.browser();
        let (s, v) = post(
            &app,
            &c,
            "/api/v1/self-check",
            &json!({"industry": "A01", "current": {}}),
            "zh-CN",
        )
        .await;
        assert_eq!(s, 200);
        assert_eq!(
            v["indicators"].as_array().unwrap().len(),
            11,
            "no base: the change indicators are left out"
        );
        let burden = indicator(&v, "vat_burden");
        assert_eq!(
            (
                burden["value"].clone(),
                burden["benchmark"].clone(),
                burden["status"].as_str()
            ),
            (Value::Null, Value::Null, Some("ok"))
        );
        assert!(burden["message"].as_str().unwrap().contains("为零"));
        let (s, v) = post(&app, &c, "/api/v1/self-check", &json!({"industry": "99", "current": {"revenue": "-5", "total_profit": "-5", "loss_years": "x"}, "base": null}), "en").await;
        assert_eq!(s, 422);
        let fields: Vec<_> = v["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(
            fields,
            ["industry", "current.revenue", "current.loss_years"]
        );
        let r = c
            .post(app.url("/api/v1/self-check"))
            .header("content-type", "application/json")
            .body("{")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400);
    }
}

#[tokio::test]
async fn benchmarks_are_edited_by_publishers_versioned_and_used() {
    for app in spawn_all().await {
        let (anon, taxpayer, editor, publisher, admin) = (
            app.browser(),
            app.browser(),
            app.browser(),
            app.browser(),
            app.browser(),
        );
        app.taxpayer(&taxpayer, &new_uscc()).await;
        app.staff(&editor, "bench.editor", "editor").await;
        app.staff(&publisher, "bench.publisher", "publisher").await;
        app.staff(&admin, "bench.admin", "admin").await;
        let band = json!({"industry": "F5212", "industry_name": {"zh-CN": "百货零售", "en": "Department stores"},
            "indicator": "gross_margin", "low": "0.15", "high": "0.30", "source": "某市税务局 2026", "effective_from": "2026-01-01"});
        for (c, expected) in [(&anon, 401), (&taxpayer, 401), (&editor, 403)] {
            assert_eq!(
                post(&app, c, "/api/v1/staff/benchmarks", &band, "en")
                    .await
                    .0,
                expected
            );
        }
        let (s, created) = post(&app, &publisher, "/api/v1/staff/benchmarks", &band, "en").await;
        assert_eq!(
            (s, created["version"].as_i64()),
            (201, Some(1)),
            "{created}"
        );
        let id = created["id"].as_str().unwrap().to_string();
        // Editors can read them; the indicative seed is there.
        let r = editor
            .get(app.url("/api/v1/staff/benchmarks?limit=100"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let list: Value = r.json().await.unwrap();
        assert!(list["items"].as_array().unwrap().len() >= 20);
        // The self-check for a more specific code uses it, and still the F52 VAT burden.
        let figures = json!({"industry": "F5212", "current": {"revenue": "1000000", "cost_of_sales": "900000", "vat_payable": "25000"}});
        let (_, v) = post(&app, &anon, "/api/v1/self-check", &figures, "en").await;
        let margin = indicator(&v, "gross_margin");
        assert_eq!(
            (margin["value"].as_str(), margin["status"].as_str()),
            (Some("0.1000"), Some("attention"))
        );
        assert_eq!(margin["benchmark"]["low"], "0.1500");
        assert_eq!(
            indicator(&v, "vat_burden")["benchmark"]["average"],
            "0.0250"
        );
        // A new version; bad input named by field; unknown id 404.
        let mut wider = band.clone();
        wider["low"] = json!("0.05");
        let r = publisher
            .put(app.url(&format!("/api/v1/staff/benchmarks/{id}")))
            .json(&wider)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert_eq!(r.json::<Value>().await.unwrap()["version"], 2);
        let (_, v) = post(&app, &anon, "/api/v1/self-check", &figures, "en").await;
        assert_eq!(indicator(&v, "gross_margin")["status"], "ok");
        let mut bad = band.clone();
        bad["indicator"] = json!("luck");
        bad["high"] = json!("0.01");
        let (s, v) = post(&app, &publisher, "/api/v1/staff/benchmarks", &bad, "en").await;
        assert_eq!(s, 422);
        let fields: Vec<_> = v["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, ["indicator", "high"]);
        let r = publisher
            .put(app.url("/api/v1/staff/benchmarks/nope"))
            .json(&band)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404);
        // Audited.
        let log: Value = admin
            .get(app.url("/api/v1/staff/audit?limit=100"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let actions: Vec<_> = log["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["object"] == format!("benchmark:{id}"))
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        assert_eq!(actions, ["edit_benchmark", "create_benchmark"]);
    }
}
