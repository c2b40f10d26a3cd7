//! `GET /api/v1/openapi.json`: OpenAPI 3.1 of every `/api/v1` endpoint, generated from the
//! engine's lists (kinds, stamp-duty items, indicator codes, periods) and the server's limits;
//! the first worked example of each kind is its endpoint's example. A unit test checks that
//! every route `api::router()` mounts is documented, and nothing else is.
//!
//! The schemas say what the readers accept: a request the document allows is accepted (unless
//! it conflicts with what is stored, or names something that does not exist), one it refuses
//! is refused. `end2end/schemathesis/run.sh` checks that against a running server.
mod calculations;
mod op;
mod portal;
mod schema;
mod staff;

use axum::Json;
use banshui_engine::{calculation::Kind, ErrorCode};
use serde_json::{json, Map, Value};

use crate::auth::{SESSION_COOKIE, STAFF_SESSION_COOKIE};

pub use calculations::example;

fn errors_response(description: &str) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}}})
}

fn components() -> Value {
    let mut schemas = Map::new();
    let codes: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    schemas.insert(
        "Error".into(),
        json!({"type": "object", "required": ["field", "code", "message"], "properties": {
            "field": {"type": "string", "description": "The JSON path of the input (`income.wages`, `items[0].item`), a header or a parameter; empty for the request as a whole"},
            "code": {"type": "string", "description": format!("A stable snake_case code: {}; and the request-level ones (malformed_json, unauthorized, forbidden, not_found, taken, already_filed, too_many_attempts, …)", codes.join(", "))},
            "message": {"type": "string", "description": "In the language negotiated from Accept-Language"}}}),
    );
    schemas.insert(
        "Errors".into(),
        json!({"type": "object", "required": ["errors"], "properties": {
            "errors": {"type": "array", "minItems": 1, "items": {"$ref": "#/components/schemas/Error"}}}}),
    );
    schemas.insert(
        "Line".into(),
        json!({"type": "object", "required": ["key", "label", "amount", "basis"], "properties": {
            "key": {"type": "string"}, "label": {"type": "string"}, "amount": {"type": ["string", "null"]},
            "basis": {"type": "string"}, "topic": {"type": ["string", "null"]}}}),
    );
    schemas.insert(
        "Warning".into(),
        json!({"type": "object", "required": ["code", "message"], "properties": {
            "code": {"type": "string"}, "message": {"type": "string"}}}),
    );
    schemas.insert("JsonValue".into(), schema::json_value());
    for kind in Kind::ALL {
        let mut request = calculations::request_schema(kind);
        request["title"] = json!(format!("{} request", kind.slug()));
        schemas.insert(calculations::request_name(kind), request);
    }
    portal::components(&mut schemas);
    staff::components(&mut schemas);

    let retry_after =
        json!({"description": "Seconds to wait", "schema": {"type": "integer", "minimum": 0}});
    json!({
        "securitySchemes": {
            "cookieAuth": {"type": "apiKey", "in": "cookie", "name": SESSION_COOKIE,
                "description": "The taxpayer's session, set by POST /api/v1/session. State-changing requests made with it must be same-origin (Origin / Sec-Fetch-Site), else 403."},
            "staffCookieAuth": {"type": "apiKey", "in": "cookie", "name": STAFF_SESSION_COOKIE,
                "description": "A staff member's session, set by POST /api/v1/staff/session."},
            "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "bsk_…",
                "description": "A taxpayer's API token (POST /api/v1/tokens). A read-only token may only GET (403 otherwise). Exempt from the cross-site check."},
        },
        "parameters": {
            "AcceptLanguage": {"name": "Accept-Language", "in": "header", "required": false,
                "schema": {"type": "string", "default": "zh-CN"}, "description": "zh-CN (default) or en: the language of labels and messages"},
            "Limit": {"name": "limit", "in": "query", "required": false,
                "schema": {"type": "integer", "minimum": 1, "maximum": super::pagination::MAX_LIMIT, "default": super::pagination::DEFAULT_LIMIT},
                "description": "Items per page (1–100, 422 otherwise)"},
            "Cursor": {"name": "cursor", "in": "query", "required": false,
                "schema": {"type": "string", "pattern": "^(?:o\\+?[0-9]{1,19})?$"},
                "description": "The `next_cursor` of the previous page (422 `invalid_choice` for anything else)"},
        },
        "responses": {
            "BadRequest": errors_response("Malformed JSON (`malformed_json`), a body cut short, or a required header missing or invalid"),
            "Unauthorized": errors_response("No valid credentials (`unauthorized`)"),
            "InvalidCredentials": errors_response("Wrong identifier or password (one generic message, `invalid_credentials`); two-step sign-in is on and `code` is missing (`second_factor_required`) or wrong (`invalid_second_factor`)"),
            "NotFound": errors_response("No such object, or one the caller may not know exists (`not_found`)"),
            "Conflict": errors_response("Conflicts with what is stored (`taken`, `already_filed`, `idempotency_key_reused`, `cannot_supersede`, `slug_taken`, `invalid_transition`, `not_answered`, `username_taken`, `cannot_change_self`)"),
            "TooLarge": errors_response("The body is larger than 1 MiB (`body_too_large`)"),
            "Timeout": errors_response("The body took longer than the client timeout to arrive (`request_timeout`)"),
            "Invalid": errors_response("Invalid fields: every problem, each on its field"),
            "TooManyRequests": {"description": "Too many attempts (`too_many_attempts`, `too_many_registrations`)",
                "headers": {"Retry-After": retry_after},
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}}},
            "Unavailable": errors_response("Storage did not answer; nothing was changed, the client may retry (`unavailable`)"),
        },
        "schemas": schemas,
    })
}

pub fn build() -> Value {
    let mut paths = Map::new();
    portal::calculations(&mut paths);
    portal::accounts(&mut paths);
    portal::own_security(&mut paths, "/api/v1/me", op::Auth::Session, "my");
    portal::own_security(&mut paths, "/api/v1/staff/me", op::Auth::Staff, "staff_my");
    portal::drafts(&mut paths);
    portal::filings(&mut paths);
    portal::guidance(&mut paths);
    portal::consultations(&mut paths);
    portal::self_check(&mut paths);
    staff::paths(&mut paths);
    json!({
        "openapi": "3.1.0",
        "info": {"title": "Banshui 办税 API", "version": env!("CARGO_PKG_VERSION"),
                 "description": "The Banshui tax engine and taxpayer portal over HTTP (contracts: calculations-api.md, portal-api.md). Money in responses is a decimal string with two decimals; rounding is half up at each return line. Request bodies are JSON objects; unknown fields are refused (422 `unknown_field`); no text may hold a control character other than tab and line breaks (422 `control_character`). Lists take `?limit=` (1–100) and `?cursor=` and answer `{\"items\", \"next_cursor\"}`."},
        "tags": [
            {"name": "calculations"}, {"name": "accounts"}, {"name": "filings"}, {"name": "guidance"},
            {"name": "consultations"}, {"name": "self-check"}, {"name": "staff"},
        ],
        "paths": paths,
        "components": components(),
    })
}

pub async fn document() -> Json<Value> {
    Json(build())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// The bases `security_routes` is merged at (`.merge(security_routes::<…>("/me"))`).
    fn merged_bases(source: &str) -> Vec<String> {
        source
            .split("security_routes::<")
            .skip(1)
            .filter_map(|rest| rest.split_once(">(\"").map(|(_, r)| r))
            .filter_map(|rest| rest.split('"').next())
            .map(str::to_string)
            .collect()
    }

    /// `(path, method)` of every route in `api::router()`, read from its source: literal
    /// paths, and the `format!("{base}/…")` paths of `security_routes` at each base it is
    /// merged at.
    fn mounted() -> BTreeSet<(String, String)> {
        let source = include_str!("../mod.rs");
        let bases = merged_bases(source);
        assert!(!bases.is_empty(), "no security_routes merged");
        let mut routes = BTreeSet::new();
        let mut rest = source;
        while let Some(at) = rest.find(".route(") {
            rest = &rest[at + ".route(".len()..];
            let call = rest.trim_start();
            let paths: Vec<String> = if let Some(template) = call.strip_prefix("&format!(\"") {
                let template = template
                    .split('"')
                    .next()
                    .expect("a format! path")
                    .replace("{{", "{")
                    .replace("}}", "}");
                bases
                    .iter()
                    .map(|b| template.replace("{base}", b))
                    .collect()
            } else {
                vec![call
                    .strip_prefix('"')
                    .and_then(|p| p.split('"').next())
                    .expect("a .route( with a literal path")
                    .to_string()]
            };
            let end = rest
                .find(".route(")
                .or_else(|| rest.find(".fallback("))
                .unwrap_or(rest.len());
            let handlers = &rest[..end];
            let mut methods = BTreeSet::new();
            for method in ["get", "post", "put", "delete", "patch"] {
                let called = handlers.match_indices(&format!("{method}(")).any(|(i, _)| {
                    let before = handlers[..i].chars().last();
                    !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                });
                if called {
                    methods.insert(method);
                }
            }
            assert!(!methods.is_empty(), "no method for {paths:?}");
            for path in paths {
                // A kind in the path is documented once per kind (each has its own body or
                // periods).
                let expanded: Vec<String> = if path.contains("{kind}") {
                    Kind::ALL
                        .iter()
                        .map(|k| path.replace("{kind}", k.slug()))
                        .collect()
                } else {
                    vec![path]
                };
                for p in expanded {
                    for m in &methods {
                        routes.insert((format!("/api/v1{p}"), m.to_string()));
                    }
                }
            }
        }
        assert!(routes.len() > 40, "the route list was not read");
        routes
    }

    fn documented(doc: &Value) -> BTreeSet<(String, String)> {
        let mut out = BTreeSet::new();
        for (path, item) in doc["paths"].as_object().expect("paths") {
            for method in item.as_object().expect("path item").keys() {
                out.insert((path.clone(), method.clone()));
            }
        }
        out
    }

    #[test]
    fn every_route_is_documented_and_nothing_else() {
        let doc = build();
        let mounted = mounted();
        let documented = documented(&doc);
        let missing: Vec<_> = mounted.difference(&documented).collect();
        assert!(
            missing.is_empty(),
            "routes without documentation: {missing:?}"
        );
        let stale: Vec<_> = documented.difference(&mounted).collect();
        assert!(stale.is_empty(), "documented but not mounted: {stale:?}");
    }

    #[test]
    fn operations_are_complete() {
        let doc = build();
        let mut ids = BTreeSet::new();
        for (path, item) in doc["paths"].as_object().expect("paths") {
            for (method, op) in item.as_object().expect("item") {
                let id = op["operationId"].as_str().expect("operationId");
                assert!(ids.insert(id.to_string()), "duplicate operationId {id}");
                assert!(op["security"].is_array(), "{method} {path}: security");
                let responses = op["responses"].as_object().expect("responses");
                assert!(
                    responses.keys().any(|s| s.starts_with('2')),
                    "{method} {path}: no success"
                );
                let protected = !op["security"].as_array().expect("security").is_empty();
                assert_eq!(
                    responses.contains_key("401"),
                    protected || (path.ends_with("/session") && method == "post"),
                    "{method} {path}: 401"
                );
                if op.get("requestBody").is_some() {
                    for status in ["400", "413"] {
                        assert!(responses.contains_key(status), "{method} {path}: {status}");
                    }
                }
                // Every path parameter is declared.
                for name in path.split('{').skip(1).filter_map(|s| s.split('}').next()) {
                    assert!(
                        op["parameters"]
                            .as_array()
                            .expect("parameters")
                            .iter()
                            .any(|p| p["name"] == name && p["in"] == "path"),
                        "{method} {path}: parameter {name}"
                    );
                }
            }
        }
        let text = doc.to_string();
        // Every reference resolves.
        for part in text.split("\"$ref\":\"#/").skip(1) {
            let target = part.split('"').next().expect("ref");
            let mut at = &doc;
            for segment in target.split('/') {
                at = &at[segment];
            }
            assert!(!at.is_null(), "unresolved $ref {target}");
        }
    }

    #[test]
    fn security_matches_the_extractors() {
        let doc = build();
        let op = |path: &str, method: &str| doc["paths"][path][method].clone();
        assert_eq!(
            op("/api/v1/calculations/iit-annual", "post")["security"],
            json!([])
        );
        assert_eq!(
            op("/api/v1/filings", "post")["security"],
            json!([{"bearerAuth": []}, {"cookieAuth": []}])
        );
        assert_eq!(
            op("/api/v1/tokens", "post")["security"],
            json!([{"cookieAuth": []}])
        );
        assert_eq!(
            op("/api/v1/staff/members", "get")["security"],
            json!([{"staffCookieAuth": []}])
        );
        assert_eq!(
            doc["components"]["securitySchemes"]["cookieAuth"]["name"],
            SESSION_COOKIE
        );
        let key = op("/api/v1/filings", "post")["parameters"]
            .as_array()
            .expect("parameters")
            .iter()
            .find(|p| p["name"] == "Idempotency-Key")
            .cloned()
            .expect("Idempotency-Key");
        assert_eq!(key["required"], true);
        assert_eq!(key["schema"]["maxLength"], 255);
        assert!(
            doc["components"]["responses"]["TooManyRequests"]["headers"]["Retry-After"].is_object()
        );
    }

    #[test]
    fn examples_are_accepted_by_the_engine() {
        for kind in Kind::ALL {
            assert!(
                banshui_engine::calculation::calculate(kind, &example(kind)).is_ok(),
                "{}",
                kind.slug()
            );
            let result = calculations::result_schema(kind);
            assert!(
                result["required"].as_array().is_some_and(|r| r.len() > 2),
                "{}",
                kind.slug()
            );
        }
    }
}
