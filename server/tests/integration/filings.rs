//! Drafts and filings against `portal-api.md`: authorization, validation, idempotency
//! (including concurrent retries), one original per period, corrections, receipts.
use banshui_engine::filing::ReceiptNumber;
use serde_json::{json, Value};

use crate::helpers::{new_uscc, spawn_all, TestApp};

fn iit_data(wages: &str) -> Value {
    json!({
        "tax_year": 2025,
        "income": {"wages": wages},
        "special_deductions": "24000",
        "additional_deductions": {"child_education": "24000", "housing_loan_interest": "12000", "elderly_support": "18000"},
        "prepaid_tax": "0"
    })
}

fn filing(data: Value) -> Value {
    json!({"kind": "iit-annual", "period": "2025", "data": data, "declaration": true, "supersedes": null, "explanations": []})
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

fn first_code(v: &Value) -> (String, String) {
    (
        v["errors"][0]["field"].as_str().unwrap_or("").to_string(),
        v["errors"][0]["code"].as_str().unwrap_or("").to_string(),
    )
}

#[tokio::test]
async fn drafts_save_anything_and_say_what_is_missing() {
    for app in spawn_all().await {
        let c = app.browser();
        app.taxpayer(&c, &new_uscc()).await;
        let r = c
            .put(app.url("/api/v1/drafts/iit-annual/2025"))
            .json(&json!({"data": {"tax_year": 2025, "income": {"wages": "12,000.5x"}}}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{}", app.backend);
        let v: Value = r.json().await.unwrap();
        assert_eq!(
            (&v["kind"], &v["period"]),
            (&json!("iit-annual"), &json!("2025"))
        );
        assert_eq!(v["data"]["income"]["wages"], "12,000.5x", "saved as typed");
        assert!(v["updated_at"].as_str().unwrap().ends_with('Z'));
        let errors = v["validation"]["errors"].as_array().unwrap();
        assert!(
            errors
                .iter()
                .any(|e| e["field"] == "income.wages" && e["code"] == "not_a_number"),
            "{v}"
        );

        let v: Value = c
            .get(app.url("/api/v1/drafts/iit-annual/2025"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(v["data"]["income"]["wages"], "12,000.5x");
        let r = c.put(app.url("/api/v1/drafts/vat-small-scale/2026-Q2")).json(&json!({"data": {"period": {"kind": "quarter", "year": 2026, "index": 2}, "sales": "250000", "location": "city"}})).send().await.unwrap();
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["validation"]["errors"], json!([]));
        assert_eq!(
            v["validation"]["warnings"][0]["code"],
            "below_vat_threshold"
        );
        let list: Value = c
            .get(app.url("/api/v1/drafts?limit=1"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(list["items"].as_array().unwrap().len(), 1);
        let next = list["next_cursor"].as_str().unwrap().to_string();
        let list2: Value = c
            .get(app.url(&format!("/api/v1/drafts?limit=1&cursor={next}")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(list2["items"].as_array().unwrap().len(), 1);
        assert_eq!(list2["next_cursor"], Value::Null);
        assert_ne!(list["items"][0]["kind"], list2["items"][0]["kind"]);
        assert_eq!(
            c.get(app.url("/api/v1/drafts?limit=101"))
                .send()
                .await
                .unwrap()
                .status(),
            422
        );

        // Periods that do not fit the kind, unknown kinds.
        let r = c
            .put(app.url("/api/v1/drafts/iit-annual/2025-Q1"))
            .json(&json!({"data": {}}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422);
        assert_eq!(
            first_code(&r.json().await.unwrap()),
            ("period".into(), "invalid_period".into())
        );
        let r = c
            .put(app.url("/api/v1/drafts/income-tax/2025"))
            .json(&json!({"data": {}}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404);
        let r = c
            .put(app.url("/api/v1/drafts/iit-annual/2025"))
            .json(&json!({"data": [1]}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422);

        // Another taxpayer sees nothing; anonymous is 401.
        let other = app.browser();
        app.taxpayer(&other, &new_uscc()).await;
        assert_eq!(
            other
                .get(app.url("/api/v1/drafts/iit-annual/2025"))
                .send()
                .await
                .unwrap()
                .status(),
            404
        );
        assert_eq!(
            other
                .delete(app.url("/api/v1/drafts/iit-annual/2025"))
                .send()
                .await
                .unwrap()
                .status(),
            404
        );
        let theirs: Value = other
            .get(app.url("/api/v1/drafts"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(theirs["items"], json!([]));
        assert_eq!(
            reqwest::Client::new()
                .get(app.url("/api/v1/drafts"))
                .send()
                .await
                .unwrap()
                .status(),
            401
        );

        assert_eq!(
            c.delete(app.url("/api/v1/drafts/iit-annual/2025"))
                .send()
                .await
                .unwrap()
                .status(),
            204
        );
        assert_eq!(
            c.get(app.url("/api/v1/drafts/iit-annual/2025"))
                .send()
                .await
                .unwrap()
                .status(),
            404
        );
    }
}

#[tokio::test]
async fn a_filing_is_recomputed_stored_once_and_replayed_by_its_key() {
    for app in spawn_all().await {
        let c = app.browser();
        let id = app.taxpayer(&c, &new_uscc()).await;
        c.put(app.url("/api/v1/drafts/iit-annual/2025"))
            .json(&json!({"data": iit_data("200000")}))
            .send()
            .await
            .unwrap();

        // Without a key; without the declaration; with bad data: refused, nothing stored.
        let r = c
            .post(app.url("/api/v1/filings"))
            .json(&filing(iit_data("200000")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400);
        let mut undeclared = filing(iit_data("200000"));
        undeclared["declaration"] = json!(false);
        let (s, v) = submit(&app, &c, "k-0", &undeclared).await;
        assert_eq!(
            (s, first_code(&v)),
            (422, ("declaration".into(), "declaration_required".into()))
        );
        let (s, v) = submit(&app, &c, "k-0", &filing(iit_data("-5"))).await;
        assert_eq!(
            (s, first_code(&v)),
            (422, ("data.income.wages".into(), "negative_amount".into()))
        );
        let mut wrong_period = filing(iit_data("200000"));
        wrong_period["period"] = json!("2024");
        let (s, v) = submit(&app, &c, "k-0", &wrong_period).await;
        assert_eq!(
            (s, first_code(&v)),
            (422, ("period".into(), "period_mismatch".into()))
        );
        let list: Value = c
            .get(app.url("/api/v1/filings"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(list["items"], json!([]));

        let (s, receipt) = submit(&app, &c, "k-1", &filing(iit_data("200000"))).await;
        assert_eq!(s, 201, "{}: {receipt}", app.backend);
        assert_eq!(receipt["status"], "filed");
        assert_eq!(
            (&receipt["kind"], &receipt["period"]),
            (&json!("iit-annual"), &json!("2025"))
        );
        // 200000 − 60000 − 24000 − 54000 = 62000 → 10% − 2520 = 3680.00 to pay by 2026-06-30.
        assert_eq!(receipt["result"]["taxable_income"], "62000.00");
        assert_eq!(receipt["result"]["tax"], "3680.00");
        assert_eq!(receipt["result"]["outcome"], "pay");
        assert_eq!(
            (&receipt["amount_due"], &receipt["refund_due"]),
            (&json!("3680.00"), &json!("0.00"))
        );
        assert_eq!(receipt["payment_deadline"], "2026-06-30");
        assert!(receipt["result"]["lines"].as_array().unwrap().len() > 3);
        assert_eq!(receipt["content_sha256"].as_str().unwrap().len(), 64);
        assert!(receipt["engine_version"].is_string() && receipt["submitted_at"].is_string());
        let number = receipt["receipt_number"].as_str().unwrap();
        assert_eq!(
            ReceiptNumber::parse(number)
                .map(|n| n.to_string())
                .as_deref(),
            Some(number)
        );
        // The draft became the filing.
        assert_eq!(
            c.get(app.url("/api/v1/drafts/iit-annual/2025"))
                .send()
                .await
                .unwrap()
                .status(),
            404
        );

        // Same key, same body (keys in another order): the same receipt, 200.
        let reordered: Value = serde_json::from_str(&format!(
            r#"{{"explanations":[],"supersedes":null,"declaration":true,"data":{},"period":"2025","kind":"iit-annual"}}"#,
            iit_data("200000")
        ))
        .unwrap();
        let (s, again) = submit(&app, &c, "k-1", &reordered).await;
        assert_eq!(
            (s, &again["id"], &again["receipt_number"]),
            (200, &receipt["id"], &receipt["receipt_number"])
        );
        // Same key, another body: 409. A new key for the same period: 409 already_filed.
        let (s, v) = submit(&app, &c, "k-1", &filing(iit_data("210000"))).await;
        assert_eq!(
            (s, first_code(&v).1.as_str()),
            (409, "idempotency_key_reused")
        );
        let (s, v) = submit(&app, &c, "k-2", &filing(iit_data("210000"))).await;
        assert_eq!((s, first_code(&v).1.as_str()), (409, "already_filed"));

        // Detail, events and the printable receipt; others get 404, anonymous 401.
        let fid = receipt["id"].as_str().unwrap();
        let detail: Value = c
            .get(app.url(&format!("/api/v1/filings/{fid}")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(detail["data"], iit_data("200000"));
        assert_eq!(detail["events"][0]["type"], "submitted");
        assert_eq!(detail["superseded_by"], Value::Null);
        let html = c
            .get(app.url(&format!("/api/v1/filings/{fid}/receipt")))
            .header("Accept-Language", "en")
            .send()
            .await
            .unwrap();
        assert!(html.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        let html = html.text().await.unwrap();
        assert!(
            html.contains(number) && html.contains("3680.00") && html.contains("Filing receipt"),
            "{html}"
        );
        let other = app.browser();
        let other_id = app.taxpayer(&other, &new_uscc()).await;
        assert_ne!(other_id, id);
        for path in [
            format!("/api/v1/filings/{fid}"),
            format!("/api/v1/filings/{fid}/receipt"),
        ] {
            assert_eq!(
                other.get(app.url(&path)).send().await.unwrap().status(),
                404
            );
            assert_eq!(
                reqwest::Client::new()
                    .get(app.url(&path))
                    .send()
                    .await
                    .unwrap()
                    .status(),
                401
            );
        }
        // The other taxpayer's own key space is separate: "k-1" is fresh for them.
        let (s, _) = submit(&app, &other, "k-1", &filing(iit_data("100000"))).await;
        assert_eq!(s, 201);
        // …and they cannot supersede the first taxpayer's filing.
        let mut steal = filing(iit_data("100000"));
        steal["supersedes"] = json!(fid);
        let (s, v) = submit(&app, &other, "k-9", &steal).await;
        assert_eq!((s, first_code(&v).1.as_str()), (409, "cannot_supersede"));
    }
}

#[tokio::test]
async fn a_correction_supersedes_the_filing_which_stays_viewable() {
    for app in spawn_all().await {
        let c = app.browser();
        app.taxpayer(&c, &new_uscc()).await;
        let (_, first) = submit(&app, &c, "a", &filing(iit_data("200000"))).await;
        let first_id = first["id"].as_str().unwrap().to_string();
        let mut correction = filing(iit_data("150000"));
        correction["supersedes"] = json!(first_id);
        let (s, second) = submit(&app, &c, "b", &correction).await;
        assert_eq!(s, 201, "{second}");
        assert_eq!(second["supersedes"], json!(first_id));
        // 150000 − 138000 = 12000 → 3% = 360.00; income over 120000 but balance ≤ 400: exempt.
        assert_eq!(second["result"]["tax"], "360.00");
        assert_eq!(second["result"]["outcome"], "exempt");
        assert_eq!(second["amount_due"], "0.00");

        let old: Value = c
            .get(app.url(&format!("/api/v1/filings/{first_id}")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(old["status"], "superseded");
        assert_eq!(old["superseded_by"], second["id"]);
        assert_eq!(old["events"][1]["type"], "superseded");
        assert_eq!(
            old["result"]["tax"], "3680.00",
            "the old snapshot is unchanged"
        );

        // The superseded one cannot be corrected again; the current one can.
        let (s, v) = submit(&app, &c, "c", &correction).await;
        assert_eq!((s, first_code(&v).1.as_str()), (409, "cannot_supersede"));
        let mut third = filing(iit_data("160000"));
        third["supersedes"] = second["id"].clone();
        let (s, _) = submit(&app, &c, "d", &third).await;
        assert_eq!(s, 201);

        let list: Value = c
            .get(app.url("/api/v1/filings"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let items = list["items"].as_array().unwrap();
        assert_eq!(items.len(), 3, "superseded filings are listed too");
        assert_eq!(items[2]["id"], json!(first_id), "newest first");
        assert_eq!(items[0]["status"], "filed");
        assert_eq!(items[2]["status"], "superseded");
        // Pages: 2 + 1, the cursor leads from one to the next.
        let first: Value = c
            .get(app.url("/api/v1/filings?limit=2"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(first["items"].as_array().unwrap().len(), 2);
        assert_eq!(first["items"][0]["id"], items[0]["id"]);
        let cursor = first["next_cursor"].as_str().unwrap().to_string();
        let second: Value = c
            .get(app.url(&format!("/api/v1/filings?limit=2&cursor={cursor}")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(second["items"].as_array().unwrap().len(), 1);
        assert_eq!(second["items"][0]["id"], json!(first_id));
        assert_eq!(second["next_cursor"], Value::Null);
        assert_eq!(
            c.get(app.url("/api/v1/filings?limit=0"))
                .send()
                .await
                .unwrap()
                .status(),
            422
        );
        assert_eq!(
            c.get(app.url("/api/v1/filings?cursor=bogus"))
                .send()
                .await
                .unwrap()
                .status(),
            422
        );
    }
}

#[tokio::test]
async fn concurrent_retries_of_one_key_create_exactly_one_filing() {
    for app in spawn_all().await {
        let c = app.browser();
        app.taxpayer(&c, &new_uscc()).await;
        let body = filing(iit_data("300000"));
        let mut tasks = Vec::new();
        for _ in 0..24 {
            let (c, url, body) = (c.clone(), app.url("/api/v1/filings"), body.clone());
            tasks.push(tokio::spawn(async move {
                let r = c
                    .post(url)
                    .header("Idempotency-Key", "retry-me")
                    .json(&body)
                    .send()
                    .await
                    .unwrap();
                let s = r.status().as_u16();
                let v: Value = r.json().await.unwrap();
                (s, v["id"].as_str().unwrap_or("").to_string())
            }));
        }
        let mut results = Vec::new();
        for t in tasks {
            results.push(t.await.unwrap());
        }
        let created = results.iter().filter(|(s, _)| *s == 201).count();
        let replayed = results.iter().filter(|(s, _)| *s == 200).count();
        assert_eq!((created, replayed), (1, 23), "{}: {results:?}", app.backend);
        assert!(results.iter().all(|(_, id)| *id == results[0].1));
        let list: Value = c
            .get(app.url("/api/v1/filings"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(list["items"].as_array().unwrap().len(), 1);

        // Concurrent originals for one period with different keys: one wins, the rest 409.
        let vat = json!({"kind": "vat-small-scale", "period": "2026-03", "declaration": true,
            "data": {"period": {"kind": "month", "year": 2026, "index": 3}, "sales": "150000", "location": "city"}});
        let mut tasks = Vec::new();
        for i in 0..12 {
            let (c, url, body) = (c.clone(), app.url("/api/v1/filings"), vat.clone());
            tasks.push(tokio::spawn(async move {
                c.post(url)
                    .header("Idempotency-Key", format!("vat-{i}"))
                    .json(&body)
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            }));
        }
        let mut statuses = Vec::new();
        for t in tasks {
            statuses.push(t.await.unwrap());
        }
        statuses.sort_unstable();
        assert_eq!(statuses, [vec![201], vec![409; 11]].concat());
    }
}

/// One filing whose statement fails (a NUL in text, which PostgreSQL refuses) is rolled back
/// alone: the other filings of its batch are written.
#[tokio::test]
async fn one_bad_filing_cannot_fail_its_batch() {
    use banshui_engine::calculation::Kind;
    use banshui_server::{
        db::{Database, DatabaseUrl},
        filings::{
            prepare, writer::write_in_one_transaction, IdempotencyKey, Outcome, SubmitError,
            SubmitFiling,
        },
    };
    for app in spawn_all().await {
        let c = app.browser();
        let id = app.taxpayer(&c, &new_uscc()).await;
        let url: DatabaseUrl = app.database_url.parse().unwrap();
        let db = Database::connect(&url).await.unwrap();
        let filing = |key: &str, day: &str| {
            prepare(&SubmitFiling {
                taxpayer_id: id.clone(),
                kind: Kind::from_slug("stamp-duty").unwrap(),
                period: day.into(),
                answers: json!({"items": [{"item": "sales_contract", "amount": "10000.00"}], "six_taxes_two_fees_halving": false}),
                declaration: true,
                supersedes: None,
                explanations: Vec::new(),
                idempotency_key: IdempotencyKey::parse(key).unwrap(),
                fingerprint: None,
            })
            .unwrap()
        };
        let mut bad = filing("bad-batch-neighbour", "2026-03-02");
        let good = filing("good-batch-neighbour", "2026-03-03");
        let mut conn = db.pool.acquire().await.unwrap();
        if app.backend == "postgres" {
            // PostgreSQL refuses a NUL in text: the INSERT of this filing fails.
            bad.explanations = "[\"\u{0}\"]".into();
        } else {
            // SQLite stores a NUL; a trigger on this connection makes the INSERT fail instead.
            sqlx::query(
                "CREATE TEMP TRIGGER fail_marked BEFORE INSERT ON filings \
                 WHEN NEW.explanations = 'fail' BEGIN SELECT RAISE(ABORT, 'marked'); END",
            )
            .execute(&mut *conn)
            .await
            .unwrap();
            bad.explanations = "fail".into();
        }
        // Without a savepoint per filing the failed statement fails the whole batch (the call
        // returns an error, or PostgreSQL refuses every later statement of the transaction).
        let results = write_in_one_transaction(&db, &mut conn, &[&bad, &good])
            .await
            .unwrap();
        assert!(
            matches!(results[0], Err(SubmitError::Unavailable)),
            "{}",
            app.backend
        );
        assert!(
            matches!(results[1], Ok(Outcome::Created(_))),
            "{}: {:?}",
            app.backend,
            results[1].as_ref().err()
        );
        let r = c.get(app.url("/api/v1/filings")).send().await.unwrap();
        let v: Value = r.json().await.unwrap();
        let periods: Vec<&str> = v["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| f["period"].as_str())
            .collect();
        assert_eq!(periods, vec!["2026-03-03"], "{}", app.backend);
    }
}

/// A NUL (or another control character) anywhere in a JSON body is refused on its field,
/// before any storage sees it, on both databases.
#[tokio::test]
async fn control_characters_are_refused_on_their_field() {
    for app in spawn_all().await {
        let c = app.browser();
        app.taxpayer(&c, &new_uscc()).await;
        let filing = json!({
            "kind": "stamp-duty", "period": "2026-03-04", "declaration": true,
            "supersedes": "x\u{0}y",
            "data": {"items": [{"item": "sales_contract", "amount": "1000.00"}], "six_taxes_two_fees_halving": false}
        });
        for (method, path, body) in [
            ("POST", "/api/v1/filings", filing),
            (
                "PUT",
                "/api/v1/drafts/iit-annual/2025",
                json!({"data": {"tax_year": 2025, "income": {"wages": "1\u{0}"}}}),
            ),
            (
                "POST",
                "/api/v1/consultations",
                json!({"subject": "a\u{7}", "body": "第一行\n第二行", "tax_type": "vat", "filing_id": null}),
            ),
        ] {
            let r = if method == "PUT" {
                c.put(app.url(path))
            } else {
                c.post(app.url(path))
            }
            .header("Idempotency-Key", "control-characters")
            .json(&body)
            .send()
            .await
            .unwrap();
            assert_eq!(r.status(), 422, "{} {path}", app.backend);
            let v: Value = r.json().await.unwrap();
            let codes: Vec<(&str, &str)> = v["errors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
                .collect();
            let field = match path {
                "/api/v1/filings" => "supersedes",
                "/api/v1/consultations" => "subject",
                _ => "data.income.wages",
            };
            assert_eq!(codes, vec![(field, "control_character")], "{path}");
        }
    }
}

/// The permanent records refuse to be emptied: DELETE on both databases, TRUNCATE (even with
/// CASCADE) on PostgreSQL.
#[tokio::test]
async fn permanent_records_cannot_be_emptied() {
    use banshui_server::db::{Database, DatabaseUrl};
    use sqlx::Executor;
    for app in spawn_all().await {
        let c = app.browser();
        app.taxpayer(&c, &new_uscc()).await;
        let r = c
            .post(app.url("/api/v1/filings"))
            .header("Idempotency-Key", "records-1")
            .json(&json!({
                "kind": "stamp-duty", "period": "2026-03-05", "declaration": true,
                "data": {"items": [{"item": "sales_contract", "amount": "1000.00"}], "six_taxes_two_fees_halving": false}
            }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201);
        // A staff sign-in is audited: the audit log has a row to protect.
        app.staff(&app.browser(), "records.keeper", "editor").await;
        let url: DatabaseUrl = app.database_url.parse().unwrap();
        let db = Database::connect(&url).await.unwrap();
        for table in ["filings", "filing_events", "audit_log"] {
            let deleted = db
                .pool
                .execute(format!("DELETE FROM {table}").as_str())
                .await;
            assert!(deleted.is_err(), "{}: DELETE FROM {table}", app.backend);
            if app.backend == "postgres" {
                for sql in [
                    format!("TRUNCATE {table}"),
                    format!("TRUNCATE {table} CASCADE"),
                ] {
                    let truncated = db.pool.execute(sql.as_str()).await;
                    assert!(truncated.is_err(), "{sql}");
                }
            }
        }
        let count: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM filings")
            .fetch_one(&db.pool)
            .await
            .unwrap();
        assert_eq!(count.0, 1, "{}", app.backend);
    }
}
