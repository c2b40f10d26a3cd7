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

/// Issue 12's self-check corrections, through the API: a VAT burden is measured only against
/// benchmarks of the business's own taxpayer type; input VAT outpacing output VAT is flagged
/// beyond a tolerance staff keep; the 小型微利 cliff is on taxable income; one blank end of the
/// inventory waits.
#[tokio::test]
async fn taxpayer_types_tolerances_and_taxable_income() {
    for app in spawn_all().await {
        let (anon, publisher) = (app.browser(), app.browser());
        app.staff(&publisher, "type.publisher", "publisher").await;
        let vat = json!({"revenue": "10000000", "vat_payable": "180000",
            "input_vat": "121000", "output_vat": "110000"});
        let base = json!({"revenue": "10000000", "vat_payable": "180000",
            "input_vat": "100000", "output_vat": "100000"});
        // The seeded C34 table is of general taxpayers: a small-scale business is not measured
        // against it, and has no input-VAT indicator.
        let small = json!({"industry": "C34", "taxpayer_type": "small_scale", "current": vat, "base": base});
        let (s, v) = post(&app, &anon, "/api/v1/self-check", &small, "en").await;
        assert_eq!(s, 200, "{v}");
        let burden = indicator(&v, "vat_burden");
        assert_eq!(
            (burden["benchmark"].clone(), burden["status"].as_str()),
            (Value::Null, Some("ok")),
            "{burden}"
        );
        // The industry has a benchmark, for the other type: said as such.
        assert!(
            burden["message"]
                .as_str()
                .unwrap()
                .contains("applies to your type of taxpayer"),
            "{burden}"
        );
        assert!(v["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["code"] != "input_output_vat_change"));
        // A general taxpayer (or one that does not say) is; input +21% against output +10% is
        // beyond the default 10 points.
        for t in [json!("general"), Value::Null] {
            let general =
                json!({"industry": "C34", "taxpayer_type": t, "current": vat, "base": base});
            let (_, v) = post(&app, &anon, "/api/v1/self-check", &general, "en").await;
            assert_eq!(
                indicator(&v, "vat_burden")["benchmark"]["average"],
                "0.0370"
            );
            let io = indicator(&v, "input_output_vat_change");
            assert_eq!(
                (io["value"].as_str(), io["status"].as_str()),
                (Some("0.1100"), Some("attention")),
                "{io}"
            );
        }
        // Staff keep a small-scale VAT burden for C34 and a 15-point tolerance.
        for body in [
            json!({"industry": "C34", "industry_name": {"zh-CN": "通用设备制造业", "en": "Machinery"},
                "indicator": "vat_burden", "taxpayer_type": "small_scale", "average": "0.0180", "tolerance": "0.30",
                "source": "某市税务局 2026", "effective_from": "2026-01-01"}),
            json!({"industry": "C", "industry_name": {"zh-CN": "制造业", "en": "Manufacturing"},
                "indicator": "input_output_vat_change", "high": "0.15",
                "source": "某市税务局 2026", "effective_from": "2026-01-01"}),
        ] {
            let (s, created) =
                post(&app, &publisher, "/api/v1/staff/benchmarks", &body, "en").await;
            assert_eq!(s, 201, "{created}");
            assert_eq!(
                created["taxpayer_type"],
                body.get("taxpayer_type").cloned().unwrap_or(Value::Null)
            );
        }
        let (_, v) = post(&app, &anon, "/api/v1/self-check", &small, "en").await;
        let burden = indicator(&v, "vat_burden");
        assert_eq!(
            (
                burden["benchmark"]["average"].as_str(),
                burden["status"].as_str()
            ),
            (Some("0.0180"), Some("ok")),
            "{burden}"
        );
        let general = json!({"industry": "C34", "current": vat, "base": base});
        let (_, v) = post(&app, &anon, "/api/v1/self-check", &general, "en").await;
        assert_eq!(
            indicator(&v, "vat_burden")["benchmark"]["average"],
            "0.0370"
        );
        assert_eq!(indicator(&v, "input_output_vat_change")["status"], "ok");
        // A taxpayer type that is neither is refused on its field.
        let mut bad = general.clone();
        bad["taxpayer_type"] = json!("individual");
        let (s, v) = post(&app, &anon, "/api/v1/self-check", &bad, "en").await;
        assert_eq!(
            (s, v["errors"][0]["field"].as_str()),
            (422, Some("taxpayer_type"))
        );
        let mut bad = json!({"industry": "C34", "indicator": "vat_burden", "taxpayer_type": "individual",
            "industry_name": {"zh-CN": "通用设备制造业", "en": "Machinery"}, "average": "0.03",
            "source": "x", "effective_from": "2026-01-01"});
        let (s, v) = post(&app, &publisher, "/api/v1/staff/benchmarks", &bad, "en").await;
        assert_eq!(
            (s, v["errors"][0]["field"].as_str()),
            (422, Some("taxpayer_type"))
        );
        bad["taxpayer_type"] = json!(7);
        let (s, v) = post(&app, &publisher, "/api/v1/staff/benchmarks", &bad, "en").await;
        assert_eq!(
            (s, v["errors"][0]["code"].as_str()),
            (422, Some("wrong_type"))
        );
        // Taxable income just under 3,000,000 though profit is over it; one end of inventory.
        let cliff = json!({"industry": "C34", "current": {"total_profit": "3200000",
            "taxable_income": "2950000", "cost_of_sales": "800000", "inventory_close": "250000"}});
        let (_, v) = post(&app, &anon, "/api/v1/self-check", &cliff, "zh-CN").await;
        let c = indicator(&v, "small_low_profit_cliff");
        assert_eq!(c["status"], "attention", "{c}");
        assert!(
            c["formula"]
                .as_str()
                .unwrap()
                .contains("应纳税所得额 2950000.00"),
            "{c}"
        );
        let turnover = indicator(&v, "inventory_turnover");
        assert_eq!(turnover["value"], Value::Null, "{turnover}");
        assert!(
            turnover["message"].as_str().unwrap().contains("期初和期末"),
            "{turnover}"
        );
    }
}
