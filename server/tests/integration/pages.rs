//! Server-rendered pages: language negotiation, the switch, 404.
use crate::helpers::{spawn_all, spawn_sqlite};

#[tokio::test]
async fn home_page_renders_in_chinese_by_default() {
    for app in spawn_all().await {
        let res = app.get("/").await;
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        assert!(html.contains("<html lang=\"zh-CN\""), "{html}");
        assert!(html.contains("我要办税"));
        assert!(html.contains("href=\"#main-content\""), "skip link");
        assert!(html.contains("id=\"main-content\""));
    }
}

#[tokio::test]
async fn accept_language_english_gets_english() {
    let app = spawn_sqlite().await;
    let res = app
        .client
        .get(app.url("/filing"))
        .header("accept-language", "en-GB,en;q=0.9,zh;q=0.3")
        .send()
        .await
        .unwrap();
    let html = res.text().await.unwrap();
    assert!(html.contains("<html lang=\"en\""));
    assert!(
        html.contains("<h1 class=\"heading-xl\">Sign in to continue</h1>"),
        "{html}"
    );
}

#[tokio::test]
async fn language_switch_sets_cookie_and_returns_to_the_same_page() {
    let app = spawn_sqlite().await;
    let res = app.get("/lang/en?next=%2Fguidance").await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/guidance");
    let cookie = res.headers()["set-cookie"].to_str().unwrap();
    assert!(
        cookie.starts_with("lang=en;") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );

    // The cookie now outranks Accept-Language.
    let html = app
        .client
        .get(app.url("/guidance"))
        .header("accept-language", "zh-CN")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("<html lang=\"en\""));
    assert!(html.contains(">Policy and guidance</h1>"), "{html}");
    // The switch on this page offers Chinese and comes back here.
    assert!(
        html.contains("href=\"/lang/zh-CN?next=/guidance\""),
        "{html}"
    );

    let back = app.get("/lang/zh-CN?next=/guidance").await;
    assert_eq!(back.status(), 303);
    let html = app.get("/guidance").await.text().await.unwrap();
    assert!(html.contains("<html lang=\"zh-CN\""));
}

#[tokio::test]
async fn language_switch_refuses_open_redirects_and_unknown_languages() {
    let app = spawn_sqlite().await;
    let res = app.get("/lang/en?next=https://evil.example/").await;
    assert_eq!(res.headers()["location"], "/");
    let res = app.get("/lang/en?next=//evil.example/").await;
    assert_eq!(res.headers()["location"], "/");
    let res = app.get("/lang/fr?next=/").await;
    assert_eq!(res.status(), 404);
}

#[tokio::test]
async fn unknown_page_is_a_translated_404() {
    let app = spawn_sqlite().await;
    let res = app.get("/definitely/not/here").await;
    assert_eq!(res.status(), 404);
    let html = res.text().await.unwrap();
    assert!(html.contains("找不到该页面"), "{html}");
    let res = app
        .client
        .get(app.url("/definitely/not/here"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert!(res.text().await.unwrap().contains("Page not found"));
}

/// `next=` after signing in: a tab or a newline that browsers drop cannot turn a path into
/// `//host`; the sign-in always lands on a path of this site, with its cookie.
#[tokio::test]
async fn sign_in_never_redirects_off_the_site() {
    use crate::helpers::{form, location, new_uscc, PASSWORD};
    let app = spawn_sqlite().await;
    let c = app.browser();
    let id = new_uscc();
    app.taxpayer(&c, &id).await;
    for next in [
        "/\t/evil.example",
        "/\n/evil.example",
        "/\r\n/x",
        "/\\evil.example",
        "//evil.example",
    ] {
        let r = form(
            &app,
            &c,
            "/sign-in",
            &[("taxpayer_id", &id), ("password", PASSWORD), ("next", next)],
        )
        .await;
        assert_eq!(r.status(), 303, "{next:?}");
        assert_eq!(location(&r), "/filing", "{next:?}");
        assert!(r.headers().get("set-cookie").is_some(), "{next:?}");
    }
}

/// A server function called with missing or malformed arguments is the caller's mistake: 400.
#[tokio::test]
async fn server_functions_refuse_bad_arguments_with_400() {
    let app = spawn_sqlite().await;
    let c = reqwest::Client::new();
    for (path, body) in [
        ("/sfn/filing", ""),
        ("/sfn/draft", "kind=vat-small-scale"),
        ("/sfn/staff-article", "from=not-a-number"),
    ] {
        let r = c
            .post(app.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        let status = r.status();
        let text = r.text().await.unwrap();
        assert_eq!(status, 400, "{path} {body:?}: {text}");
    }
}
