//! Staff accounts managed by administrators, by role; disabling ends sessions and sign-ins;
//! every change audited; an admin cannot change their own account.
use serde_json::{json, Value};

use crate::helpers::{spawn_all, PASSWORD};

#[tokio::test]
async fn admins_manage_staff_accounts() {
    for app in spawn_all().await {
        let admin = app.browser();
        app.staff(&admin, "members.admin", "admin").await;
        let publisher = app.browser();
        app.staff(&publisher, "members.publisher", "publisher")
            .await;

        // Not an admin: 403; not staff at all: 401.
        let r = publisher
            .get(app.url("/api/v1/staff/members"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "{}", app.backend);
        let r = app
            .browser()
            .post(app.url("/api/v1/staff/members"))
            .json(&json!({"username": "x.y", "role": "editor", "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401);

        // Field errors, translated, on the fields concerned.
        let r = admin
            .post(app.url("/api/v1/staff/members"))
            .header("Accept-Language", "en")
            .json(&json!({"username": "No Spaces", "role": "boss", "password": "short"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422);
        let v: Value = r.json().await.unwrap();
        let got: Vec<(&str, &str)> = v["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
            .collect();
        assert_eq!(
            got,
            [
                ("username", "invalid_username"),
                ("role", "invalid_choice"),
                ("password", "password_too_short")
            ],
            "{v}"
        );

        let r = admin
            .post(app.url("/api/v1/staff/members"))
            .json(&json!({"username": "New.Editor", "role": "editor", "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201);
        let created: Value = r.json().await.unwrap();
        assert_eq!(
            (&created["username"], &created["role"], &created["active"]),
            (&json!("new.editor"), &json!("editor"), &json!(true))
        );
        let r = admin
            .post(app.url("/api/v1/staff/members"))
            .json(&json!({"username": "new.editor", "role": "admin", "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 409);
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["errors"][0]["code"], "username_taken");

        // The new editor signs in; promoted, they may publish-level things at once.
        let editor = app.browser();
        let r = editor
            .post(app.url("/api/v1/staff/session"))
            .json(&json!({"username": "new.editor", "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let r = admin
            .put(app.url("/api/v1/staff/members/new.editor"))
            .json(&json!({"role": "publisher"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let me: Value = editor
            .get(app.url("/api/v1/staff/me"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(me["role"], "publisher");

        // Disabled: the open session ends and signing in fails with the generic message.
        let r = admin
            .put(app.url("/api/v1/staff/members/new.editor"))
            .json(&json!({"active": false}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["active"], false);
        let r = editor
            .get(app.url("/api/v1/staff/me"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401);
        let r = editor
            .post(app.url("/api/v1/staff/session"))
            .json(&json!({"username": "new.editor", "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401);

        // An admin cannot change themselves; unknown accounts are 404; bad fields 422.
        let r = admin
            .put(app.url("/api/v1/staff/members/members.admin"))
            .json(&json!({"active": false}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 409);
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["errors"][0]["code"], "cannot_change_self");
        let r = admin
            .put(app.url("/api/v1/staff/members/nobody.here"))
            .json(&json!({"active": false}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404);
        let r = admin
            .put(app.url("/api/v1/staff/members/members.publisher"))
            .json(&json!({"active": "no", "extra": 1}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422);

        let list: Value = admin
            .get(app.url("/api/v1/staff/members"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let names: Vec<&str> = list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["username"].as_str().unwrap())
            .collect();
        assert!(names.contains(&"new.editor") && names.contains(&"members.publisher"));

        let audit: Value = admin
            .get(app.url("/api/v1/staff/audit?limit=50"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let actions: Vec<(&str, &str)> = audit["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["object"] == "staff:new.editor" && e["actor"] == "members.admin")
            .map(|e| (e["action"].as_str().unwrap(), e["detail"].as_str().unwrap()))
            .collect();
        assert_eq!(
            actions,
            [
                (
                    "change_staff",
                    "role publisher → publisher; active true → false"
                ),
                (
                    "change_staff",
                    "role editor → publisher; active true → true"
                ),
                ("create_staff", "role editor"),
            ],
            "{audit}"
        );
    }
}

/// The console's admin pages answer an editor with the forbidden page and status 403.
#[tokio::test]
async fn admin_pages_are_403_for_an_editor() {
    let app = crate::helpers::spawn_sqlite().await;
    let editor = app.browser();
    app.staff(&editor, "lin.editor", "editor").await;
    for path in ["/staff/members", "/staff/audit"] {
        let r = editor.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 403, "{path}");
        let html = r.text().await.unwrap();
        assert!(html.contains("无权访问"), "{path}");
        assert!(!html.contains("lin.editor</th>"), "{path}: no account rows");
    }
    let r = editor.get(app.url("/staff/articles")).send().await.unwrap();
    assert_eq!(r.status(), 200);
}
