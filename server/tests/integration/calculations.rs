//! The calculation API against its contract (`shared/spec/calculations-api.md`): the shared
//! worked examples over HTTP, error shapes and codes, languages, identifiers, OpenAPI examples.
use serde_json::{json, Value};

use crate::helpers::{spawn_sqlite, TestApp};

async fn post(app: &TestApp, path: &str, body: &Value, lang: &str) -> (u16, Value) {
    let res = app
        .client
        .post(app.url(path))
        .header("accept-language", lang)
        .json(body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap())
}

async fn post_raw(app: &TestApp, path: &str, body: &str) -> (u16, Value) {
    let res = app
        .client
        .post(app.url(path))
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

fn subset(actual: &Value, expected: &Value) -> bool {
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => e
            .iter()
            .all(|(k, v)| a.get(k).is_some_and(|av| subset(av, v))),
        (Value::Array(a), Value::Array(e)) => {
            a.len() == e.len() && a.iter().zip(e).all(|(x, y)| subset(x, y))
        }
        _ => actual == expected,
    }
}

#[tokio::test]
async fn every_worked_example_over_http() {
    let app = spawn_sqlite().await;
    let mut count = 0;
    for kind in [
        "iit-annual",
        "iit-business",
        "iit-business-prepayment",
        "vat-small-scale",
        "cit-prepayment",
        "stamp-duty",
    ] {
        let path = format!(
            "{}/../app/engine/scenarios/{kind}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let cases: Vec<Value> =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        for case in cases {
            let (status, body) = post(
                &app,
                &format!("/api/v1/calculations/{kind}"),
                &case["input"],
                "zh-CN",
            )
            .await;
            assert_eq!(status, 200, "{kind} {}: {body}", case["name"]);
            assert!(
                subset(&body["result"], &case["expect"]),
                "{kind} {}: {}\nexpected {}",
                case["name"],
                body["result"],
                case["expect"]
            );
            assert_eq!(body["kind"], kind);
            count += 1;
        }
    }
    assert!(count >= 40, "only {count} scenarios");
}

#[tokio::test]
async fn lines_explain_with_labels_and_legal_basis_in_both_languages() {
    let app = spawn_sqlite().await;
    let body = json!({"tax_year": 2025, "income": {"wages": "200000"}, "special_deductions": "24000",
        "additional_deductions": {"child_education": "24000", "elderly_support": "18000", "housing_loan_interest": "12000"}});
    let (_, zh) = post(&app, "/api/v1/calculations/iit-annual", &body, "zh-CN").await;
    let line = zh["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["key"] == "taxable_income")
        .unwrap();
    assert_eq!(line["amount"], "62000.00");
    assert_eq!(line["label"], "应纳税所得额");
    assert_eq!(line["basis"], "个人所得税法 第六条");
    let (_, en) = post(
        &app,
        "/api/v1/calculations/iit-annual",
        &body,
        "en-US,en;q=0.9",
    )
    .await;
    let line = en["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["key"] == "taxable_income")
        .unwrap();
    assert_eq!(line["label"], "Taxable income");
    assert_eq!(line["basis"], "Individual Income Tax Law, art. 6");
    // Every line has all four parts, and no label fell back to its key.
    for l in en["lines"].as_array().unwrap() {
        assert!(!l["label"].as_str().unwrap().starts_with("line-"), "{l}");
        assert!(!l["basis"].as_str().unwrap().starts_with("basis-"), "{l}");
        assert!(l["amount"].as_str().unwrap().contains('.'));
    }
}

#[tokio::test]
async fn exemption_warning_is_translated() {
    let app = spawn_sqlite().await;
    let body = json!({"tax_year": 2025, "income": {"wages": "110000"}, "prepaid_tax": "1280"});
    let (status, res) = post(&app, "/api/v1/calculations/iit-annual", &body, "en").await;
    assert_eq!(status, 200);
    assert_eq!(res["result"]["outcome"], "exempt");
    let w = &res["warnings"][0];
    assert_eq!(w["code"], "reconciliation_may_be_skipped");
    assert!(w["message"].as_str().unwrap().contains("1200.00"), "{w}");
}

async fn error_of(
    app: &TestApp,
    kind: &str,
    body: Value,
    lang: &str,
) -> (u16, Vec<(String, String, String)>) {
    let (status, res) = post(app, &format!("/api/v1/calculations/{kind}"), &body, lang).await;
    let errors = res["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no errors array: {res}"))
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap().to_string(),
                e["code"].as_str().unwrap().to_string(),
                e["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (status, errors)
}

#[tokio::test]
async fn bad_input_gets_422_with_field_code_and_message_never_500() {
    let app = spawn_sqlite().await;
    let cases: Vec<(&str, Value, &str, &str)> = vec![
        (
            "iit-annual",
            json!({"tax_year": 2025, "income": {"wagez": "1"}}),
            "income.wagez",
            "unknown_field",
        ),
        (
            "iit-annual",
            json!({"tax_year": 2025, "income": {"wages": "-5"}}),
            "income.wages",
            "negative_amount",
        ),
        (
            "iit-annual",
            json!({"tax_year": 2025, "income": {"wages": "1.005"}}),
            "income.wages",
            "too_many_decimals",
        ),
        (
            "iit-annual",
            json!({"tax_year": 2025, "income": {"wages": 1e300}}),
            "income.wages",
            "amount_too_large",
        ),
        (
            "iit-annual",
            json!({"tax_year": 2025, "income": {"wages": "1000000000000"}}),
            "income.wages",
            "amount_too_large",
        ),
        (
            "iit-annual",
            json!({"tax_year": 2025, "income": {"wages": "abc"}}),
            "income.wages",
            "not_a_number",
        ),
        (
            "iit-annual",
            json!({"tax_year": 2025, "income": {"wages": true}}),
            "income.wages",
            "wrong_type",
        ),
        (
            "iit-annual",
            json!({"tax_year": 2025, "income": []}),
            "income",
            "wrong_type",
        ),
        (
            "iit-annual",
            json!({"tax_year": 2022}),
            "tax_year",
            "unsupported_tax_year",
        ),
        (
            "iit-annual",
            json!({"tax_year": 2025, "additional_deductions": {"housing_loan_interest": "12001"}}),
            "additional_deductions.housing_loan_interest",
            "over_cap",
        ),
        (
            "iit-annual",
            json!({"tax_year": 2025, "additional_deductions": {"housing_loan_interest": "1000", "housing_rent": "1000"}}),
            "additional_deductions.housing_rent",
            "housing_deductions_exclusive",
        ),
        (
            "iit-annual",
            json!({"tax_year": 2025, "other_deductions": {"private_pension": "12000.01"}}),
            "other_deductions.private_pension",
            "over_cap",
        ),
        (
            "iit-business",
            json!({"tax_year": 2025, "entity": "company"}),
            "entity",
            "invalid_choice",
        ),
        (
            "iit-business",
            json!({"tax_year": 2025}),
            "entity",
            "missing_field",
        ),
        (
            "vat-small-scale",
            json!({"period": {"kind": "month", "year": 2026, "index": 1}, "location": "city"}),
            "sales",
            "exactly_one_sales_field",
        ),
        (
            "vat-small-scale",
            json!({"period": {"kind": "month", "year": 2026, "index": 1}, "location": "city", "sales": "1", "sales_inclusive": "1"}),
            "sales",
            "exactly_one_sales_field",
        ),
        (
            "vat-small-scale",
            json!({"period": {"kind": "quarter", "year": 2026, "index": 5}, "location": "city", "sales": "1"}),
            "period.index",
            "out_of_range",
        ),
        (
            "vat-small-scale",
            json!({"period": {"kind": "month", "year": 2026, "index": 1}, "location": "city", "sales": "1", "levy_rate": "0.05"}),
            "levy_rate",
            "invalid_choice",
        ),
        (
            "stamp-duty",
            json!({"items": [{"item": "sales_contract", "amount": "1", "note": "x"}]}),
            "items[0].note",
            "unknown_field",
        ),
        (
            "stamp-duty",
            json!({"items": [{"item": "gift", "amount": "1"}]}),
            "items[0].item",
            "invalid_choice",
        ),
        (
            "cit-prepayment",
            json!({"tax_year": 2026, "quarter": 1, "total_profit": "-1.001"}),
            "total_profit",
            "too_many_decimals",
        ),
    ];
    for (kind, body, field, code) in cases {
        let (status, errors) = error_of(&app, kind, body.clone(), "zh-CN").await;
        assert_eq!(status, 422, "{kind} {body}");
        assert!(
            errors.iter().any(|(f, c, m)| f == field
                && c == code
                && !m.is_empty()
                && !m.starts_with("error-")),
            "{kind} {body}: expected {field}/{code}, got {errors:?}"
        );
    }
}

#[tokio::test]
async fn error_messages_follow_accept_language() {
    let app = spawn_sqlite().await;
    let body = json!({"tax_year": 2025, "additional_deductions": {"housing_rent": "18001"}});
    let (_, zh) = error_of(&app, "iit-annual", body.clone(), "zh-CN").await;
    assert_eq!(zh[0].2, "超过政策规定的扣除上限 18000.00 元。");
    let (_, en) = error_of(&app, "iit-annual", body, "en").await;
    assert_eq!(en[0].2, "This is above the legal limit of 18000.00 yuan.");
}

#[tokio::test]
async fn malformed_json_and_unknown_kinds() {
    let app = spawn_sqlite().await;
    for raw in ["{", "", "not json", "{\"tax_year\": 2025,}"] {
        let (status, body) = post_raw(&app, "/api/v1/calculations/iit-annual", raw).await;
        assert_eq!(status, 400, "{raw:?}");
        assert_eq!(body["errors"][0]["code"], "malformed_json");
    }
    let (status, body) = post_raw(&app, "/api/v1/calculations/iit-annual", "[1, 2]").await;
    assert_eq!(status, 422);
    assert_eq!(body["errors"][0]["code"], "wrong_type");
    let (status, body) = post_raw(&app, "/api/v1/calculations/land-tax", "{}").await;
    assert_eq!(status, 404);
    assert_eq!(body["errors"][0]["code"], "not_found");
    // A body over the limit is refused before it is read.
    let huge = format!(
        "{{\"tax_year\": 2025, \"x\": \"{}\"}}",
        "a".repeat(2 * 1024 * 1024)
    );
    let (status, _) = post_raw(&app, "/api/v1/calculations/iit-annual", &huge).await;
    assert_eq!(status, 413);
}

#[tokio::test]
async fn taxpayer_ids_validate_as_the_contract_says() {
    let app = spawn_sqlite().await;
    let check = |id: &'static str| {
        let app = &app;
        async move {
            post(
                app,
                "/api/v1/taxpayer-ids/validate",
                &json!({"id": id}),
                "zh-CN",
            )
            .await
        }
    };
    let (s, v) = check("91350100M000100Y43").await;
    assert_eq!(
        (s, &v["valid"], &v["kind"], &v["normalized"]),
        (
            200,
            &json!(true),
            &json!("uscc"),
            &json!("91350100M000100Y43")
        )
    );
    let (_, v) = check("11010519491231002x").await;
    assert_eq!(
        (&v["valid"], &v["kind"], &v["normalized"]),
        (
            &json!(true),
            &json!("resident_id"),
            &json!("11010519491231002X")
        )
    );
    let (_, v) = check("91350200M000000510").await;
    assert_eq!(
        (&v["valid"], &v["kind"], &v["code"]),
        (&json!(false), &json!("uscc"), &json!("bad_check_character"))
    );
    let (_, v) = check("11010219840506970X").await;
    assert_eq!(
        (&v["valid"], &v["kind"], &v["code"]),
        (
            &json!(false),
            &json!("resident_id"),
            &json!("bad_check_character")
        )
    );
    let (_, v) = check("9135010").await;
    assert_eq!(
        (&v["valid"], &v["kind"], &v["code"]),
        (&json!(false), &Value::Null, &json!("bad_length"))
    );
    let (_, v) = check("91350100I000100Y43").await;
    assert_eq!(
        (&v["valid"], &v["code"]),
        (&json!(false), &json!("bad_character"))
    );
    assert!(!v["message"].as_str().unwrap().is_empty());
    let (s, v) = post(
        &app,
        "/api/v1/taxpayer-ids/validate",
        &json!({"code": "x"}),
        "en",
    )
    .await;
    assert_eq!(s, 422);
    assert_eq!(v["errors"][0]["code"], "unknown_field");
}

#[tokio::test]
async fn openapi_examples_all_succeed() {
    let app = spawn_sqlite().await;
    let doc: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    // The calculation operations (the document covers every endpoint; these seven have
    // examples: every worked example of each kind, and the identifier check's one).
    let paths: Vec<(&String, &Value)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(p, _)| p.contains("/calculations/") || p.contains("/taxpayer-ids/"))
        .collect();
    assert_eq!(paths.len(), 7, "{paths:?}");
    let mut tried = 0;
    for (path, item) in paths {
        let media = &item["post"]["requestBody"]["content"]["application/json"];
        let examples: Vec<&Value> = match media["examples"].as_object() {
            Some(named) => named.values().map(|e| &e["value"]).collect(),
            None => vec![&media["example"]],
        };
        assert!(!examples.is_empty(), "{path} has no example");
        for example in examples {
            assert!(example.is_object(), "{path} has no example");
            let (status, body) = post(&app, path, example, "zh-CN").await;
            assert_eq!(status, 200, "{path}: {example} → {body}");
            tried += 1;
        }
    }
    assert!(tried > 60, "only {tried} examples");
}

/// Revision 2 of the contract over HTTP: required fields, the VAT lines' errors, the years and
/// the legal bases a taxpayer is shown.
#[tokio::test]
async fn revision_2_errors_and_legal_bases() {
    let app = spawn_sqlite().await;
    let field_code = |v: &Value| -> Vec<(String, String)> {
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
    };
    let cases = [
        (
            "cit-prepayment",
            json!({"tax_year": 2026, "quarter": 1, "total_profit": "100"}),
            "employees_avg",
            "missing_field",
        ),
        (
            "cit-prepayment",
            json!({"tax_year": 2026, "quarter": 1, "employees_avg": 3}),
            "total_assets_avg",
            "missing_field",
        ),
        (
            "iit-business",
            json!({"tax_year": 2025, "entity": "partnership"}),
            "has_comprehensive_income",
            "missing_field",
        ),
        (
            "iit-business-prepayment",
            json!({"tax_year": 2026, "entity": "partnership", "has_comprehensive_income": true}),
            "period",
            "missing_field",
        ),
        (
            "iit-business-prepayment",
            json!({"tax_year": 2023, "period": {"kind": "month", "index": 1}, "entity": "partnership", "has_comprehensive_income": true}),
            "tax_year",
            "unsupported_tax_year",
        ),
        (
            "iit-business-prepayment",
            json!({"tax_year": 2026, "period": {"kind": "quarter", "index": 5}, "entity": "partnership", "has_comprehensive_income": true}),
            "period.index",
            "out_of_range",
        ),
        (
            "vat-small-scale",
            json!({"period": {"kind": "month", "year": 2023, "index": 1}, "sales": "1", "location": "city"}),
            "period.year",
            "unsupported_tax_year",
        ),
        (
            "vat-small-scale",
            json!({"period": {"kind": "month", "year": 2026, "index": 1}, "location": "city",
            "lines": [{"rate": "0.01", "invoice": "other", "sales": "1", "sales_inclusive": "1"}]}),
            "lines[0]",
            "exactly_one_sales_field",
        ),
        (
            "vat-small-scale",
            json!({"period": {"kind": "month", "year": 2026, "index": 1}, "location": "city", "sales": "1",
            "lines": [{"rate": "0.01", "invoice": "other", "sales": "1"}]}),
            "lines",
            "exactly_one_sales_field",
        ),
        (
            "vat-small-scale",
            json!({"period": {"kind": "month", "year": 2026, "index": 1}, "location": "city",
            "lines": [{"rate": "0.04", "invoice": "other", "sales": "1"}]}),
            "lines[0].rate",
            "invalid_choice",
        ),
        (
            "iit-annual",
            json!({"tax_year": 2025, "additional_deductions": {"serious_illness_expense": ["1", "2", "3", "4", "5", "6"]}}),
            "additional_deductions.serious_illness_expense",
            "too_many_items",
        ),
        (
            "iit-annual",
            json!({"tax_year": 2025, "bonus_method": "sometimes"}),
            "bonus_method",
            "invalid_choice",
        ),
    ];
    for (kind, body, field, code) in cases {
        let (status, v) = post(
            &app,
            &format!("/api/v1/calculations/{kind}"),
            &body,
            "zh-CN",
        )
        .await;
        assert_eq!(status, 422, "{kind} {body}: {v}");
        assert!(
            field_code(&v).contains(&(field.to_string(), code.to_string())),
            "{kind} {body}: {v}"
        );
        for e in v["errors"].as_array().unwrap() {
            assert!(!e["message"].as_str().unwrap().starts_with("error-"), "{e}");
        }
    }
    let lines = |v: &Value| v["lines"].as_array().unwrap().clone();
    let basis_of = |v: &Value, key: &str| -> String {
        lines(v)
            .iter()
            .find(|l| l["key"] == key)
            .map(|l| l["basis"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("no line {key} in {v}"))
    };
    // VAT-4: the 3% 专票 line cites the VAT Law's article 11.
    let (_, v) = post(
        &app,
        "/api/v1/calculations/vat-small-scale",
        &json!({"period": {"kind": "month", "year": 2026, "index": 5}, "sales_inclusive": "51500",
                "levy_rate": "0.03", "location": "other"}),
        "zh-CN",
    )
    .await;
    assert_eq!(v["result"]["vat"], "1500.00");
    assert!(
        basis_of(&v, "vat_at_3_special").contains("增值税法 第十一条"),
        "{v}"
    );
    // Securities stamp duty cites 2023年第39号.
    let (_, v) = post(
        &app,
        "/api/v1/calculations/stamp-duty",
        &json!({"items": [{"item": "securities_sale", "amount": "1000000"}]}),
        "zh-CN",
    )
    .await;
    assert!(
        basis_of(&v, "securities_sale").contains("2023年第39号"),
        "{v}"
    );
    // The bonus cites 2023年第30号; the exemption line 2023年第32号; infant care 国发〔2022〕8号.
    let (_, v) = post(
        &app,
        "/api/v1/calculations/iit-annual",
        &json!({"tax_year": 2025, "income": {"wages": "100000"}, "annual_bonus": "30000",
                "bonus_method": "separate", "additional_deductions": {"infant_care": "24000"},
                "prepaid_tax": "0"}),
        "zh-CN",
    )
    .await;
    assert!(basis_of(&v, "bonus_tax").contains("2023年第30号"), "{v}");
    assert!(
        basis_of(&v, "infant_care").contains("国发〔2022〕8号"),
        "{v}"
    );
    assert_eq!(v["result"]["outcome"], "exempt", "{v}");
    assert!(
        basis_of(&v, "reconciliation_exempt").contains("2023年第32号"),
        "{v}"
    );
    // A business loss cites 国家税务总局令第35号, and an old one is warned about.
    let (_, v) = post(&app, "/api/v1/calculations/iit-business",
        &json!({"tax_year": 2025, "entity": "individual_business", "revenue": "100000",
                "loss_carryforward": "1000", "oldest_loss_year": 2019, "has_comprehensive_income": true}), "en").await;
    assert!(
        basis_of(&v, "loss_carryforward").contains("SAT Order No. 35"),
        "{v}"
    );
    assert!(
        v["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["code"] == "loss_older_than_five_years"),
        "{v}"
    );
    // Without halving, surcharges_total does not cite 六税两费.
    let (_, v) = post(
        &app,
        "/api/v1/calculations/vat-small-scale",
        &json!({"period": {"kind": "month", "year": 2026, "index": 5}, "sales": "200000",
                "location": "city", "six_taxes_two_fees_halving": false}),
        "zh-CN",
    )
    .await;
    assert!(
        !basis_of(&v, "surcharges_total").contains("六税两费"),
        "{v}"
    );
}
