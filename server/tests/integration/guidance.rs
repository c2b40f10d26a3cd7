//! Guidance: role boundaries, the article workflow and its versions, the audit log, search and
//! sanitizing, against `portal-api.md`.
use serde_json::{json, Value};

use crate::helpers::{new_uscc, spawn_all, TestApp};

async fn call(
    c: &reqwest::Client,
    method: &str,
    url: String,
    body: Option<&Value>,
) -> (u16, Value) {
    let mut req = match method {
        "POST" => c.post(url),
        "PUT" => c.put(url),
        _ => c.get(url),
    };
    if let Some(b) = body {
        req = req.json(b);
    }
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

fn article(slug: &str, zh: &str, en: &str) -> Value {
    json!({
        "slug": slug, "kind": "guide", "tax_types": ["vat"],
        "title": {"zh-CN": format!("标题 {slug}"), "en": format!("Title {slug}")},
        "body_markdown": {"zh-CN": zh, "en": en},
        "effective_from": "2026-01-01", "effective_to": null,
        "references": ["《中华人民共和国增值税法》第二十三条"]
    })
}

fn codes(body: &Value) -> Vec<(String, String)> {
    body["errors"]
        .as_array()
        .map(|errs| {
            errs.iter()
                .map(|e| {
                    (
                        e["field"].as_str().unwrap_or("").into(),
                        e["code"].as_str().unwrap_or("").into(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

struct Cast {
    anonymous: reqwest::Client,
    taxpayer: reqwest::Client,
    editor: reqwest::Client,
    publisher: reqwest::Client,
    admin: reqwest::Client,
}

async fn cast(app: &TestApp) -> Cast {
    let cast = Cast {
        anonymous: app.browser(),
        taxpayer: app.browser(),
        editor: app.browser(),
        publisher: app.browser(),
        admin: app.browser(),
    };
    app.taxpayer(&cast.taxpayer, &new_uscc()).await;
    app.staff(&cast.editor, "editor.li", "editor").await;
    app.staff(&cast.publisher, "publisher.wang", "publisher")
        .await;
    app.staff(&cast.admin, "admin.zhao", "admin").await;
    cast
}

#[tokio::test]
async fn every_role_boundary_holds() {
    for app in spawn_all().await {
        let c = cast(&app).await;
        let all = [
            ("anonymous", &c.anonymous),
            ("taxpayer", &c.taxpayer),
            ("editor", &c.editor),
            ("publisher", &c.publisher),
            ("admin", &c.admin),
        ];
        // Creating drafts: any staff member; never a taxpayer or an anonymous caller.
        for (i, (who, client)) in all.iter().enumerate() {
            let (s, v) = call(
                client,
                "POST",
                app.url("/api/v1/staff/articles"),
                Some(&article(&format!("role-test-{i}"), "正文", "Body")),
            )
            .await;
            let expected = match *who {
                "anonymous" | "taxpayer" => 401,
                _ => 201,
            };
            assert_eq!(s, expected, "{} create as {who}: {v}", app.backend);
        }
        // Submitting: editor and up.
        let (s, _) = call(
            &c.editor,
            "POST",
            app.url("/api/v1/staff/articles/role-test-2/submit"),
            None,
        )
        .await;
        assert_eq!(s, 200);
        // Publishing and archiving: publisher and up (the editor gets 403, others 401).
        for (who, client, expected) in [
            ("anonymous", &c.anonymous, 401),
            ("taxpayer", &c.taxpayer, 401),
            ("editor", &c.editor, 403),
        ] {
            for action in ["publish", "archive"] {
                let (s, v) = call(
                    client,
                    "POST",
                    app.url(&format!("/api/v1/staff/articles/role-test-2/{action}")),
                    None,
                )
                .await;
                assert_eq!(s, expected, "{} {action} as {who}: {v}", app.backend);
                if expected == 403 {
                    assert_eq!(codes(&v), [(String::new(), "forbidden".to_string())]);
                }
            }
        }
        let (s, v) = call(
            &c.publisher,
            "POST",
            app.url("/api/v1/staff/articles/role-test-2/publish"),
            None,
        )
        .await;
        assert_eq!((s, v["status"].as_str()), (200, Some("published")), "{v}");
        let (s, _) = call(
            &c.admin,
            "POST",
            app.url("/api/v1/staff/articles/role-test-3/publish"),
            None,
        )
        .await;
        assert_eq!(s, 200);
        // The audit log: admin only.
        for (who, client, expected) in [
            ("anonymous", &c.anonymous, 401),
            ("taxpayer", &c.taxpayer, 401),
            ("editor", &c.editor, 403),
            ("publisher", &c.publisher, 403),
            ("admin", &c.admin, 200),
        ] {
            let (s, _) = call(client, "GET", app.url("/api/v1/staff/audit"), None).await;
            assert_eq!(s, expected, "{} audit as {who}", app.backend);
        }
        // The consultation queue: staff only.
        for (who, client, expected) in [
            ("anonymous", &c.anonymous, 401),
            ("taxpayer", &c.taxpayer, 401),
            ("editor", &c.editor, 200),
            ("publisher", &c.publisher, 200),
            ("admin", &c.admin, 200),
        ] {
            let (s, _) = call(client, "GET", app.url("/api/v1/staff/consultations"), None).await;
            assert_eq!(s, expected, "{} queue as {who}", app.backend);
        }
        // Staff endpoints never accept a taxpayer's bearer token either.
        let (s, v) = call(
            &c.taxpayer,
            "POST",
            app.url("/api/v1/tokens"),
            Some(&json!({"label": "x"})),
        )
        .await;
        assert_eq!(s, 201);
        let r = reqwest::Client::new()
            .get(app.url("/api/v1/staff/articles"))
            .bearer_auth(v["token"].as_str().unwrap())
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401);
    }
}

#[tokio::test]
async fn staff_sign_in_is_generic_throttled_and_audited() {
    for app in spawn_all().await {
        let c = cast(&app).await;
        let (s, v) = call(
            &c.anonymous,
            "POST",
            app.url("/api/v1/staff/session"),
            Some(&json!({"username": "editor.li", "password": "wrong password 123"})),
        )
        .await;
        assert_eq!(s, 401);
        let (s2, v2) = call(
            &c.anonymous,
            "POST",
            app.url("/api/v1/staff/session"),
            Some(&json!({"username": "nobody", "password": "wrong password 123"})),
        )
        .await;
        assert_eq!(
            (s2, v2["errors"][0]["message"].clone()),
            (401, v["errors"][0]["message"].clone())
        );
        for _ in 0..5 {
            call(
                &c.anonymous,
                "POST",
                app.url("/api/v1/staff/session"),
                Some(&json!({"username": "publisher.wang", "password": "wrong password 123"})),
            )
            .await;
        }
        let r = c
            .anonymous
            .post(app.url("/api/v1/staff/session"))
            .json(&json!({"username": "publisher.wang", "password": crate::helpers::PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 429);
        assert!(r.headers().get("retry-after").is_some());
        // A staff session cookie is HttpOnly and SameSite, and the sign-ins are in the log.
        let r = app
            .browser()
            .post(app.url("/api/v1/staff/session"))
            // (an editor: an administrator's sign-in also needs the authenticator code)
            .json(&json!({"username": "editor.li", "password": crate::helpers::PASSWORD}))
            .send()
            .await
            .unwrap();
        let cookie = r
            .headers()
            .get("set-cookie")
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        assert!(
            cookie.starts_with("banshui_staff=")
                && cookie.contains("HttpOnly")
                && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
        let (_, log) = call(
            &c.admin,
            "GET",
            app.url("/api/v1/staff/audit?limit=100"),
            None,
        )
        .await;
        let sign_ins = log["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["action"] == "sign_in")
            .count();
        assert!(sign_ins >= 4, "{log}");
        assert_eq!(log["items"][0]["address"], "127.0.0.1");
    }
}

#[tokio::test]
async fn the_article_workflow_keeps_every_version() {
    for app in spawn_all().await {
        let c = cast(&app).await;
        let slug = "workflow-test";
        let (s, v) = call(
            &c.editor,
            "POST",
            app.url("/api/v1/staff/articles"),
            Some(&article(slug, "第一版", "First")),
        )
        .await;
        assert_eq!(s, 201, "{v}");
        assert_eq!(
            (v["status"].as_str(), v["version"].as_i64()),
            (Some("draft"), Some(1))
        );
        // A draft is not public, not even by its slug.
        assert_eq!(
            call(
                &c.anonymous,
                "GET",
                app.url(&format!("/api/v1/articles/{slug}")),
                None
            )
            .await
            .0,
            404
        );
        // The same slug again is a conflict.
        let (s, v) = call(
            &c.editor,
            "POST",
            app.url("/api/v1/staff/articles"),
            Some(&article(slug, "x", "y")),
        )
        .await;
        assert_eq!(
            (s, codes(&v)),
            (409, vec![("slug".into(), "slug_taken".into())])
        );
        // Submit, then submit again (409), publish.
        assert_eq!(
            call(
                &c.editor,
                "POST",
                app.url(&format!("/api/v1/staff/articles/{slug}/submit")),
                None
            )
            .await
            .0,
            200
        );
        let (s, v) = call(
            &c.editor,
            "POST",
            app.url(&format!("/api/v1/staff/articles/{slug}/submit")),
            None,
        )
        .await;
        assert_eq!(
            (s, codes(&v)),
            (409, vec![("status".into(), "invalid_transition".into())])
        );
        assert_eq!(
            call(
                &c.publisher,
                "POST",
                app.url(&format!("/api/v1/staff/articles/{slug}/publish")),
                None
            )
            .await
            .0,
            200
        );
        let (s, public) = call(
            &c.anonymous,
            "GET",
            app.url(&format!("/api/v1/articles/{slug}")),
            None,
        )
        .await;
        assert_eq!(s, 200);
        assert_eq!(public["body_html"]["zh-CN"], "<p>第一版</p>\n");
        assert_eq!(public["version"], 1);
        assert!(public["published_at"].as_str().is_some());
        assert_eq!(
            public["references"],
            json!(["《中华人民共和国增值税法》第二十三条"])
        );
        // An edit needs a change note.
        let (s, v) = call(
            &c.editor,
            "PUT",
            app.url(&format!("/api/v1/staff/articles/{slug}")),
            Some(&article(slug, "第二版", "Second")),
        )
        .await;
        assert_eq!(
            (s, codes(&v)),
            (422, vec![("change_note".into(), "required".into())])
        );
        let mut edit = article(slug, "第一版\n\n第二版新增", "First");
        edit["change_note"] = json!("补充第二段");
        let (s, v) = call(
            &c.editor,
            "PUT",
            app.url(&format!("/api/v1/staff/articles/{slug}")),
            Some(&edit),
        )
        .await;
        assert_eq!(
            (s, v["version"].as_i64(), v["status"].as_str()),
            (200, Some(2), Some("draft")),
            "{v}"
        );
        // The public still sees version 1 until version 2 is published.
        assert_eq!(
            call(
                &c.anonymous,
                "GET",
                app.url(&format!("/api/v1/articles/{slug}")),
                None
            )
            .await
            .1["version"],
            1
        );
        let (_, versions) = call(
            &c.editor,
            "GET",
            app.url(&format!("/api/v1/staff/articles/{slug}/versions")),
            None,
        )
        .await;
        let notes: Vec<_> = versions["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                (
                    v["version"].as_i64().unwrap(),
                    v["change_note"].as_str().unwrap().to_string(),
                    v["author"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(
            notes,
            [
                (2, "补充第二段".to_string(), "editor.li".to_string()),
                (1, "创建 / Created".to_string(), "editor.li".to_string())
            ]
        );
        let (s, diff) = call(
            &c.editor,
            "GET",
            app.url(&format!("/api/v1/staff/articles/{slug}/diff?from=1&to=2")),
            None,
        )
        .await;
        assert_eq!(s, 200);
        assert_eq!(diff["fields"].as_array().unwrap().len(), 1, "{diff}");
        assert_eq!(diff["fields"][0]["field"], "body_markdown.zh-CN");
        let inserted: Vec<_> = diff["fields"][0]["changes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["op"] == "insert")
            .map(|c| c["text"].as_str().unwrap())
            .collect();
        assert!(inserted.contains(&"第二版新增"), "{diff}");
        assert_eq!(
            call(
                &c.editor,
                "GET",
                app.url(&format!("/api/v1/staff/articles/{slug}/diff?from=1&to=9")),
                None
            )
            .await
            .0,
            422
        );
        // Publish version 2: public shows it with its change note; archive: gone.
        assert_eq!(
            call(
                &c.publisher,
                "POST",
                app.url(&format!("/api/v1/staff/articles/{slug}/publish")),
                None
            )
            .await
            .0,
            200
        );
        let (_, public) = call(
            &c.anonymous,
            "GET",
            app.url(&format!("/api/v1/articles/{slug}")),
            None,
        )
        .await;
        assert_eq!(
            (public["version"].as_i64(), public["change_note"].as_str()),
            (Some(2), Some("补充第二段"))
        );
        assert_eq!(
            call(
                &c.publisher,
                "POST",
                app.url(&format!("/api/v1/staff/articles/{slug}/archive")),
                None
            )
            .await
            .0,
            200
        );
        assert_eq!(
            call(
                &c.anonymous,
                "GET",
                app.url(&format!("/api/v1/articles/{slug}")),
                None
            )
            .await
            .0,
            404
        );
        let (_, list) = call(
            &c.anonymous,
            "GET",
            app.url("/api/v1/articles?limit=100"),
            None,
        )
        .await;
        assert!(list["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["slug"] != slug));
        // Every step is in the audit log, newest first, with who and from where.
        let (_, log) = call(
            &c.admin,
            "GET",
            app.url("/api/v1/staff/audit?limit=100"),
            None,
        )
        .await;
        let mine: Vec<_> = log["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["object"] == format!("article:{slug}"))
            .map(|e| (e["actor"].as_str().unwrap(), e["action"].as_str().unwrap()))
            .collect();
        assert_eq!(
            mine,
            [
                ("publisher.wang", "archive"),
                ("publisher.wang", "publish"),
                ("editor.li", "edit"),
                ("publisher.wang", "publish"),
                ("editor.li", "submit"),
                ("editor.li", "create"),
            ]
        );
    }
}

#[tokio::test]
async fn bad_articles_are_refused_field_by_field() {
    for app in spawn_all().await {
        let c = cast(&app).await;
        let mut bad = article("Bad Slug", "x", "");
        bad["kind"] = json!("blog");
        bad["effective_from"] = json!("2026-13-01");
        let (s, v) = call(
            &c.editor,
            "POST",
            app.url("/api/v1/staff/articles"),
            Some(&bad),
        )
        .await;
        assert_eq!(s, 422);
        assert_eq!(
            codes(&v),
            [
                ("slug".to_string(), "invalid_slug".to_string()),
                ("kind".into(), "invalid_choice".into()),
                ("body_markdown.en".into(), "required".into()),
                ("effective_from".into(), "invalid_date".into()),
            ]
        );
        assert!(v["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("vat-threshold-2026"));
        let r = c
            .editor
            .post(app.url("/api/v1/staff/articles"))
            .header("content-type", "application/json")
            .body("{")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400);
        assert_eq!(
            call(
                &c.editor,
                "PUT",
                app.url("/api/v1/staff/articles/no-such-article"),
                Some(&article("no-such-article", "x", "y"))
            )
            .await
            .0,
            404
        );
        let (s, _) = call(
            &c.anonymous,
            "GET",
            app.url("/api/v1/articles?kind=blog"),
            None,
        )
        .await;
        assert_eq!(s, 422);
    }
}

#[tokio::test]
async fn markdown_is_sanitized() {
    for app in spawn_all().await {
        let c = cast(&app).await;
        let evil = "[x](javascript:alert(1)) <script>alert(2)</script> <img src=x onerror=alert(3)> [d](data:text/html,<script>alert(4)</script>) <a href=\"https://example.com\" onclick=\"alert(5)\">e</a> <svg onload=alert(6)></svg> <iframe src=\"https://evil\"></iframe>";
        call(
            &c.editor,
            "POST",
            app.url("/api/v1/staff/articles"),
            Some(&article("xss-test", evil, evil)),
        )
        .await;
        let (_, v) = call(
            &c.publisher,
            "POST",
            app.url("/api/v1/staff/articles/xss-test/publish"),
            None,
        )
        .await;
        assert_eq!(v["status"], "published");
        let (_, public) = call(
            &c.anonymous,
            "GET",
            app.url("/api/v1/articles/xss-test"),
            None,
        )
        .await;
        let html = public["body_html"]["en"].as_str().unwrap().to_lowercase();
        for bad in [
            "<script",
            "javascript:",
            "onerror",
            "onclick",
            "onload",
            "data:",
            "<svg",
            "<iframe",
            "<img",
        ] {
            assert!(!html.contains(bad), "{bad} survived: {html}");
        }
        assert!(
            html.contains(r#"<a href="https://example.com" rel="noopener noreferrer">e</a>"#),
            "{html}"
        );
    }
}

#[tokio::test]
async fn search_segments_chinese_stems_english_and_follows_publishing() {
    for app in spawn_all().await {
        let c = cast(&app).await;
        let hits = |v: &Value| {
            v["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["slug"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        };
        // 小规模纳税人 is segmented: articles with 小规模 and 纳税人 match; snippets highlight.
        let (s, v) = call(&c.anonymous, "GET", app.url("/api/v1/search?q=%E5%B0%8F%E8%A7%84%E6%A8%A1%E7%BA%B3%E7%A8%8E%E4%BA%BA&lang=zh-CN"), None).await;
        assert_eq!(s, 200);
        assert!(hits(&v).contains(&"vat-small-scale".to_string()), "{v}");
        assert!(
            v["items"][0]["snippet_html"]
                .as_str()
                .unwrap()
                .contains("<mark>"),
            "{v}"
        );
        assert!(v["items"][0]["title"].as_str().unwrap().contains("小规模"));
        assert!(v["took_ms"].as_f64().is_some());
        // A one-character query (税) finds articles through the per-character fields, and the
        // snippet marks the character.
        let (s, v) = call(
            &c.anonymous,
            "GET",
            app.url("/api/v1/search?q=%E7%A8%8E&lang=zh-CN&limit=50"),
            None,
        )
        .await;
        assert_eq!(s, 200);
        assert!(hits(&v).len() >= 10, "{v}");
        assert!(
            v["items"][0]["snippet_html"]
                .as_str()
                .unwrap()
                .contains("<mark>税</mark>"),
            "{v}"
        );
        // English is stemmed: "renting" finds the article that says "Rent".
        let (_, v) = call(
            &c.anonymous,
            "GET",
            app.url("/api/v1/search?q=renting&lang=en"),
            None,
        )
        .await;
        assert_eq!(
            hits(&v).first().map(String::as_str),
            Some("iit-housing-rent"),
            "{v}"
        );
        assert!(v["items"][0]["title"]
            .as_str()
            .unwrap()
            .starts_with("Special additional deduction"));
        // Filters.
        let (_, v) = call(
            &c.anonymous,
            "GET",
            app.url(
                "/api/v1/search?q=%E6%89%80%E5%BE%97%E7%A8%8E&lang=zh-CN&tax_type=cit&limit=50",
            ),
            None,
        )
        .await;
        assert!(!hits(&v).is_empty());
        assert!(
            v["items"]
                .as_array()
                .unwrap()
                .iter()
                .all(|i| i["tax_types"].as_array().unwrap().contains(&json!("cit"))),
            "{v}"
        );
        // Bad requests.
        assert_eq!(
            call(
                &c.anonymous,
                "GET",
                app.url("/api/v1/search?q=&lang=en"),
                None
            )
            .await
            .0,
            422
        );
        assert_eq!(
            call(
                &c.anonymous,
                "GET",
                app.url("/api/v1/search?q=x&lang=fr"),
                None
            )
            .await
            .0,
            422
        );
        assert_eq!(
            call(
                &c.anonymous,
                "GET",
                app.url("/api/v1/search?q=x&limit=0"),
                None
            )
            .await
            .0,
            422
        );
        // A newly published article is found at once; archived, it is gone.
        let word = "蓝鲸测试词";
        call(
            &c.editor,
            "POST",
            app.url("/api/v1/staff/articles"),
            Some(&article(
                "search-follow",
                &format!("{word}出现在这里"),
                "zebra crossing",
            )),
        )
        .await;
        let q = "/api/v1/search?q=zebras&lang=en";
        assert!(hits(&call(&c.anonymous, "GET", app.url(q), None).await.1).is_empty());
        call(
            &c.publisher,
            "POST",
            app.url("/api/v1/staff/articles/search-follow/publish"),
            None,
        )
        .await;
        assert_eq!(
            hits(&call(&c.anonymous, "GET", app.url(q), None).await.1),
            ["search-follow"]
        );
        call(
            &c.publisher,
            "POST",
            app.url("/api/v1/staff/articles/search-follow/archive"),
            None,
        )
        .await;
        assert!(hits(&call(&c.anonymous, "GET", app.url(q), None).await.1).is_empty());
    }
}

#[tokio::test]
async fn the_starter_set_is_published_in_both_languages() {
    for app in spawn_all().await {
        let (s, v) = call(
            &app.client,
            "GET",
            app.url("/api/v1/articles?limit=100"),
            None,
        )
        .await;
        assert_eq!(s, 200);
        let items = v["items"].as_array().unwrap();
        assert!(items.len() >= 12, "{}", items.len());
        for a in items {
            assert!(
                !a["title"]["zh-CN"].as_str().unwrap().is_empty()
                    && !a["title"]["en"].as_str().unwrap().is_empty()
            );
            assert!(a["body_html"]["en"].as_str().unwrap().contains("<p>"));
        }
        let (_, v) = call(
            &app.client,
            "GET",
            app.url("/api/v1/articles?kind=notice&tax_type=vat"),
            None,
        )
        .await;
        assert_eq!(v["items"][0]["slug"], "notice-vat-law-2026");
        assert_eq!(v["items"].as_array().unwrap().len(), 1);
    }
}
