//! Health, readiness, security headers, compression, static assets.
use crate::helpers::spawn_all;

#[tokio::test]
async fn healthz_and_readyz_report_ok_with_migrations_applied() {
    for app in spawn_all().await {
        let health = app.get("/healthz").await;
        assert_eq!(health.status(), 200, "{}", app.backend);
        let body: serde_json::Value = health.json().await.unwrap();
        assert_eq!(body["status"], "ok");

        let ready = app.get("/readyz").await;
        assert_eq!(ready.status(), 200, "{}", app.backend);
        let body: serde_json::Value = ready.json().await.unwrap();
        assert_eq!(body["status"], "ready", "{}", app.backend);
        assert!(body["migrations_applied"].as_u64().unwrap() >= 1);
    }
}

#[tokio::test]
async fn every_response_carries_security_headers_with_a_fresh_nonce() {
    for app in spawn_all().await {
        let mut nonces = Vec::new();
        for path in ["/", "/healthz", "/no-such-page"] {
            let res = app.get(path).await;
            let h = res.headers();
            let csp = h["content-security-policy"].to_str().unwrap().to_string();
            assert!(csp.contains("'wasm-unsafe-eval'"), "{path}: {csp}");
            assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
            assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
            assert_eq!(h["x-content-type-options"], "nosniff");
            assert!(h.contains_key("referrer-policy"));
            assert!(h.contains_key("permissions-policy"));
            assert!(h.contains_key("x-request-id"));
            assert!(
                !h.contains_key("strict-transport-security"),
                "no HSTS over plain http"
            );
            let nonce = csp
                .split("'nonce-")
                .nth(1)
                .and_then(|s| s.split('\'').next())
                .unwrap()
                .to_string();
            nonces.push(nonce);
        }
        nonces.sort();
        nonces.dedup();
        assert_eq!(nonces.len(), 3, "a nonce is never reused");
    }
}

#[tokio::test]
async fn the_page_script_carries_the_header_nonce() {
    let app = crate::helpers::spawn_sqlite().await;
    let res = app.get("/").await;
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap()
        .to_string();
    let html = res.text().await.unwrap();
    assert!(
        html.contains(&format!("<script type=\"module\" nonce=\"{nonce}\">")),
        "{html}"
    );
    // No script element without the nonce.
    for script in html.split("<script").skip(1) {
        let tag = script.split('>').next().unwrap();
        assert!(
            tag.contains(&format!("nonce=\"{nonce}\"")),
            "script without nonce: <script{tag}>"
        );
    }
}

#[tokio::test]
async fn html_is_compressed_with_brotli_or_gzip() {
    let app = crate::helpers::spawn_sqlite().await;
    for (accept, expected) in [("br", "br"), ("gzip", "gzip"), ("gzip, br", "br")] {
        let res = app
            .client
            .get(app.url("/"))
            .header("accept-encoding", accept)
            .send()
            .await
            .unwrap();
        assert_eq!(
            res.headers()["content-encoding"],
            expected,
            "Accept-Encoding: {accept}"
        );
    }
}

#[tokio::test]
async fn missing_static_asset_is_404_and_not_cached_forever() {
    let app = crate::helpers::spawn_sqlite().await;
    let res = app.get("/pkg/banshui.nope.js").await;
    assert_eq!(res.status(), 404);
    let cache = res
        .headers()
        .get("cache-control")
        .map(|v| v.to_str().unwrap().to_string());
    assert!(!cache.unwrap_or_default().contains("immutable"));
}

/// The SQLite database is the taxpayers' records: its directory (when the server makes it) and
/// its files are the service user's alone.
#[cfg(unix)]
#[tokio::test]
async fn the_database_files_are_readable_by_the_service_alone() {
    use std::os::unix::fs::PermissionsExt;
    let app = crate::helpers::spawn_sqlite().await;
    let c = app.browser();
    app.taxpayer(&c, &crate::helpers::new_uscc()).await;
    let path = app
        .database_url
        .strip_prefix("sqlite://")
        .expect("a sqlite url");
    let path = std::path::Path::new(path.split('?').next().unwrap_or(path));
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(path.parent().unwrap()), 0o700, "{}", path.display());
    assert_eq!(mode(path), 0o600, "{}", path.display());
    let wal = path.with_extension("db-wal");
    if wal.exists() {
        assert_eq!(mode(&wal), 0o600, "{}", wal.display());
    }
}
