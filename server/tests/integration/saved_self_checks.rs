//! Saved self-checks (`POST|GET /api/v1/self-checks`, `GET /api/v1/self-checks/{id}`) by role,
//! and the page's CSV import and template.
use serde_json::{json, Value};

use crate::helpers::{new_uscc, spawn_all, spawn_sqlite};

#[tokio::test]
async fn saved_self_checks_belong_to_their_taxpayer() {
    for app in spawn_all().await {
        let anonymous = app.browser();
        let r = anonymous
            .post(app.url("/api/v1/self-checks"))
            .json(&json!({"industry": "C34", "current": {}}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401, "{}", app.backend);
        let r = anonymous
            .get(app.url("/api/v1/self-checks"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401);

        let owner = app.browser();
        app.taxpayer(&owner, &new_uscc()).await;
        let body = json!({"label": "三季度", "industry": "c34",
            "current": {"revenue": "10000000", "vat_payable": "180000"},
            "base": {"revenue": "10000000", "vat_payable": "280000"}});
        let r = owner
            .post(app.url("/api/v1/self-checks"))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201, "{}", app.backend);
        let saved: Value = r.json().await.unwrap();
        let id = saved["id"].as_str().unwrap().to_string();
        assert_eq!(saved["label"], "三季度");
        assert_eq!(saved["industry"], "C34");
        assert_eq!(saved["request"]["current"]["vat_payable"], "180000");
        let burden = saved["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["code"] == "vat_burden")
            .unwrap();
        // RISK-1 against the seeded indicative C34 average 3.70%: high.
        assert_eq!(
            (&burden["value"], &burden["status"]),
            (&json!("0.0180"), &json!("high"))
        );
        assert!(saved["flagged"].as_i64().unwrap() >= 2, "{saved}");

        // Bad input: field errors, nothing stored.
        for (bad, field, code) in [
            (
                json!({"label": "x".repeat(101), "industry": "C34", "current": {}}),
                "label",
                "too_long",
            ),
            (
                json!({"industry": "C34", "current": {"revenue": "-1"}}),
                "current.revenue",
                "negative_amount",
            ),
            (
                json!({"industry": "C34", "current": {}, "extra": 1}),
                "extra",
                "unknown_field",
            ),
        ] {
            let r = owner
                .post(app.url("/api/v1/self-checks"))
                .json(&bad)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 422, "{bad}");
            let v: Value = r.json().await.unwrap();
            assert_eq!(
                (&v["errors"][0]["field"], &v["errors"][0]["code"]),
                (&json!(field), &json!(code)),
                "{v}"
            );
        }

        let list: Value = owner
            .get(app.url("/api/v1/self-checks"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(list["items"].as_array().unwrap().len(), 1, "{list}");
        assert_eq!(list["items"][0]["id"], id.as_str());

        let other = app.browser();
        app.taxpayer(&other, &new_uscc()).await;
        let r = other
            .get(app.url(&format!("/api/v1/self-checks/{id}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "another taxpayer's is not found");
        let theirs: Value = other
            .get(app.url("/api/v1/self-checks"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(theirs["items"], json!([]));
        let r = owner
            .get(app.url(&format!("/api/v1/self-checks/{id}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
    }
}

#[tokio::test]
async fn the_csv_import_fills_the_form_or_names_row_and_column() {
    let app = spawn_sqlite().await;
    let c = app.browser();
    let template = c
        .get(app.url("/self-check/template.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(template.status(), 200);
    assert!(template.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    let text = template.text().await.unwrap();
    assert!(text.starts_with("\u{feff}figure,description,current,base\r\n"));

    let import = |file: &'static str| {
        let form = reqwest::multipart::Form::new()
            .text("industry", "")
            .text("current.operating_expenses", "90000")
            .part(
                "csv",
                reqwest::multipart::Part::bytes(file.as_bytes().to_vec()).file_name("f.csv"),
            );
        c.post(app.url("/self-check/import"))
            .header("Origin", format!("http://{}", app.addr))
            .header("Sec-Fetch-Site", "same-origin")
            .multipart(form)
            .send()
    };
    let r = import("figure,current,base\nindustry,f52,\nrevenue,\"1,000\",900\n")
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let to = r.headers()["location"].to_str().unwrap().to_string();
    for part in [
        "current.operating_expenses=90000",
        "industry=F52",
        "current.revenue=1%2C000",
        "base.revenue=900",
        "imported=1",
    ] {
        assert!(to.contains(part), "{part} in {to}");
    }
    let r = import("figure,current\nrevenue,abc\n").await.unwrap();
    let to = r.headers()["location"].to_str().unwrap().to_string();
    assert!(to.contains("current.operating_expenses=90000"), "{to}");
    assert!(!to.contains("current.revenue"), "nothing imported: {to}");
    let page = c
        .get(app.url(&to))
        .header("Accept-Language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Row 2, column “current” (“abc”): not a number"),
        "{page}"
    );
}

#[tokio::test]
async fn the_staff_benchmark_form_is_for_publishers() {
    let app = spawn_sqlite().await;
    let post = |c: &reqwest::Client, fields: Vec<(&'static str, &'static str)>| {
        c.post(app.url("/staff/benchmarks"))
            .header("Origin", format!("http://{}", app.addr))
            .header("Sec-Fetch-Site", "same-origin")
            .form(&fields)
            .send()
    };
    let fields = vec![
        ("industry", "k7310"),
        ("industry_name_zh", "研究和试验发展"),
        ("industry_name_en", "Research and development"),
        ("indicator", "expense_ratio"),
        ("average", "0.3000"),
        ("tolerance", "0.25"),
        ("source", "form test"),
        ("effective_from", "2026-01-01"),
    ];
    let location = |r: &reqwest::Response| r.headers()["location"].to_str().unwrap().to_string();

    let anonymous = app.browser();
    let r = post(&anonymous, fields.clone()).await.unwrap();
    assert_eq!(location(&r), "/staff");

    let editor = app.browser();
    app.staff(&editor, "form.editor", "editor").await;
    let r = post(&editor, fields.clone()).await.unwrap();
    assert_eq!(location(&r), "/staff/benchmarks?errors=:forbidden:");
    let list: Value = editor
        .get(app.url("/api/v1/staff/benchmarks?limit=100"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(!list.to_string().contains("K7310"), "nothing created");

    let publisher = app.browser();
    app.staff(&publisher, "form.publisher", "publisher").await;
    let mut bad = fields.clone();
    bad.retain(|(k, _)| *k != "average");
    let r = post(&publisher, bad).await.unwrap();
    let back = location(&r);
    assert!(
        back.starts_with("/staff/benchmarks?stash=1&errors="),
        "{back}"
    );
    assert!(back.contains("average"), "{back}");
    let r = post(&publisher, fields).await.unwrap();
    assert_eq!(location(&r), "/staff/benchmarks?done=saved");
    let v: Value = anonymous
        .post(app.url("/api/v1/self-check"))
        .json(&json!({"industry": "K7310", "current": {"revenue": "1000", "operating_expenses": "300"}}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let ratio = v["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == "expense_ratio")
        .unwrap();
    assert_eq!(ratio["benchmark"]["average"], "0.3000");
    assert_eq!(ratio["status"], "ok");
    let page = publisher
        .get(app.url("/staff/benchmarks"))
        .header("Accept-Language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("K7310 Research and development"), "{page}");
}
