//! Consultations (受理 → 承办 → 回复) from the taxpayer's and the staff's side.
use serde_json::{json, Value};

use crate::helpers::{new_uscc, spawn_all};

async fn call(
    c: &reqwest::Client,
    method: &str,
    url: String,
    body: Option<&Value>,
) -> (u16, Value) {
    let mut req = if method == "POST" {
        c.post(url)
    } else {
        c.get(url)
    };
    if let Some(b) = body {
        req = req.json(b);
    }
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn a_question_is_received_taken_up_answered_and_becomes_a_faq() {
    for app in spawn_all().await {
        let (alice, bob, anon) = (app.browser(), app.browser(), app.browser());
        let alice_id = app.taxpayer(&alice, &new_uscc()).await;
        app.taxpayer(&bob, &new_uscc()).await;
        let (editor, publisher) = (app.browser(), app.browser());
        app.staff(&editor, "editor.chen", "editor").await;
        app.staff(&publisher, "publisher.lin", "publisher").await;

        let ask = json!({
            "subject": "季度销售额30万元要交增值税吗",
            "body": format!("我公司（{alice_id}）季度销售额正好300,000元，联系电话13812345678。需要缴纳增值税吗？"),
            "tax_type": "vat", "filing_id": null
        });
        assert_eq!(
            call(&anon, "POST", app.url("/api/v1/consultations"), Some(&ask))
                .await
                .0,
            401
        );
        let (s, q) = call(&alice, "POST", app.url("/api/v1/consultations"), Some(&ask)).await;
        assert_eq!(
            (s, q["status"].as_str()),
            (201, Some("received")),
            "{}: {q}",
            app.backend
        );
        let id = q["id"].as_str().unwrap().to_string();
        // Bad input: every field named.
        let (s, v) = call(
            &alice,
            "POST",
            app.url("/api/v1/consultations"),
            Some(&json!({"subject": " ", "body": "x", "tax_type": "wine", "filing_id": "nope"})),
        )
        .await;
        assert_eq!(s, 422);
        let fields: Vec<_> = v["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
            .collect();
        assert_eq!(
            fields,
            [
                ("subject", "required"),
                ("tax_type", "invalid_choice"),
                ("filing_id", "invalid_choice")
            ]
        );
        // Only the asker sees it.
        assert_eq!(
            call(
                &bob,
                "GET",
                app.url(&format!("/api/v1/consultations/{id}")),
                None
            )
            .await
            .0,
            404
        );
        assert_eq!(
            call(&bob, "GET", app.url("/api/v1/consultations"), None)
                .await
                .1["items"],
            json!([])
        );
        assert_eq!(
            call(&anon, "GET", app.url("/api/v1/consultations"), None)
                .await
                .0,
            401
        );
        let (_, mine) = call(&alice, "GET", app.url("/api/v1/consultations"), None).await;
        assert_eq!(mine["items"][0]["id"], id.as_str());

        // The queue, filtered; taking it up; replying.
        let (_, queue) = call(
            &editor,
            "GET",
            app.url("/api/v1/staff/consultations?status=received&tax_type=vat"),
            None,
        )
        .await;
        assert!(queue["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == id.as_str()));
        let (_, none) = call(
            &editor,
            "GET",
            app.url("/api/v1/staff/consultations?status=answered"),
            None,
        )
        .await;
        assert!(none["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["id"] != id.as_str()));
        assert_eq!(
            call(
                &editor,
                "GET",
                app.url("/api/v1/staff/consultations?status=lost"),
                None
            )
            .await
            .0,
            422
        );
        let (s, v) = call(
            &editor,
            "POST",
            app.url(&format!("/api/v1/staff/consultations/{id}/assign")),
            None,
        )
        .await;
        assert_eq!(
            (s, v["status"].as_str(), v["assignee"].as_str()),
            (200, Some("in_progress"), Some("editor.chen"))
        );
        assert_eq!(
            call(
                &alice,
                "GET",
                app.url(&format!("/api/v1/consultations/{id}")),
                None
            )
            .await
            .1["status"],
            "in_progress"
        );
        // A FAQ can only come from an answered question, and only a publisher makes one.
        assert_eq!(
            call(
                &publisher,
                "POST",
                app.url(&format!("/api/v1/staff/consultations/{id}/publish-faq")),
                None
            )
            .await
            .0,
            409
        );
        assert_eq!(
            call(
                &editor,
                "POST",
                app.url(&format!("/api/v1/staff/consultations/{id}/replies")),
                Some(&json!({"body": ""}))
            )
            .await
            .0,
            422
        );
        let answer =
            "需要。2026年起季度销售额达到30万元即全额缴纳增值税，但免征教育费附加和地方教育附加。";
        let (s, v) = call(
            &editor,
            "POST",
            app.url(&format!("/api/v1/staff/consultations/{id}/replies")),
            Some(&json!({"body": answer})),
        )
        .await;
        assert_eq!((s, v["status"].as_str()), (201, Some("answered")), "{v}");
        let (_, seen) = call(
            &alice,
            "GET",
            app.url(&format!("/api/v1/consultations/{id}")),
            None,
        )
        .await;
        assert_eq!(seen["status"], "answered");
        assert_eq!(seen["replies"][0]["body"], answer);
        assert!(
            seen["replies"][0].get("author").is_none(),
            "staff usernames stay internal: {seen}"
        );
        assert_eq!(
            call(
                &bob,
                "POST",
                app.url(&format!("/api/v1/staff/consultations/{id}/replies")),
                Some(&json!({"body": "x"}))
            )
            .await
            .0,
            401
        );

        assert_eq!(
            call(
                &editor,
                "POST",
                app.url(&format!("/api/v1/staff/consultations/{id}/publish-faq")),
                None
            )
            .await
            .0,
            403
        );
        let (s, faq) = call(
            &publisher,
            "POST",
            app.url(&format!("/api/v1/staff/consultations/{id}/publish-faq")),
            None,
        )
        .await;
        assert_eq!(
            (s, faq["status"].as_str(), faq["kind"].as_str()),
            (201, Some("draft"), Some("faq")),
            "{faq}"
        );
        let text = faq["body_markdown"]["zh-CN"].as_str().unwrap();
        assert!(text.contains(answer) && text.contains("300,000"), "{text}");
        for private in [alice_id.as_str(), "13812345678", "测试纳税人"] {
            assert!(!text.contains(private), "{private} left in the FAQ: {text}");
        }
        // A draft FAQ is not public until published.
        let slug = faq["slug"].as_str().unwrap();
        assert_eq!(
            call(
                &anon,
                "GET",
                app.url(&format!("/api/v1/articles/{slug}")),
                None
            )
            .await
            .0,
            404
        );

        // The taxpayer closes it; staff can no longer reply.
        let (s, v) = call(
            &alice,
            "POST",
            app.url(&format!("/api/v1/consultations/{id}/close")),
            None,
        )
        .await;
        assert_eq!((s, v["status"].as_str()), (200, Some("closed")));
        assert_eq!(
            call(
                &editor,
                "POST",
                app.url(&format!("/api/v1/staff/consultations/{id}/replies")),
                Some(&json!({"body": "x"}))
            )
            .await
            .0,
            409
        );
        assert_eq!(
            call(
                &bob,
                "POST",
                app.url(&format!("/api/v1/consultations/{id}/close")),
                None
            )
            .await
            .0,
            404
        );
    }
}

/// A subject that tries to close the `<title>` and add a meta refresh to a phishing site lands
/// in the `<head>` of the taxpayer's and the staff's page as text, escaped.
#[tokio::test]
async fn a_subject_cannot_add_markup_to_the_head() {
    let app = crate::helpers::spawn_sqlite().await;
    let (taxpayer, staff) = (app.browser(), app.browser());
    app.taxpayer(&taxpayer, &new_uscc()).await;
    app.staff(&staff, "editor.wu", "editor").await;
    let evil =
        r#"</title><meta http-equiv="refresh" content="0;url=https://evil.example/"><title>"#;
    let ask = json!({"subject": evil, "body": "正文", "tax_type": "vat", "filing_id": null});
    let (s, q) = call(
        &taxpayer,
        "POST",
        app.url("/api/v1/consultations"),
        Some(&ask),
    )
    .await;
    assert_eq!(s, 201, "{q}");
    let id = q["id"].as_str().unwrap();
    for (client, path) in [
        (&staff, format!("/staff/consultations/{id}")),
        (&taxpayer, format!("/consultations/{id}")),
    ] {
        let html = client
            .get(app.url(&path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let head = &html[..html.find("</head>").expect("a head")];
        assert!(!head.contains("<meta http-equiv"), "{path}: {head}");
        assert!(
            head.contains("<title>&lt;/title&gt;&lt;meta http-equiv=\"refresh\""),
            "{path}: {head}"
        );
        assert_eq!(head.matches("<title>").count(), 1, "{path}");
    }
}
