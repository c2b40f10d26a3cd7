//! The staff side: sign-in, members, the article workflow, benchmarks and consultations.
use banshui_engine::self_check::CODES;
use serde_json::{json, Map, Value};

use super::{
    op::{add, Auth, Op},
    portal::{filter, id_param, page_of, password, schema_ref},
    schema::{any_date_regex, json_value, nullable, object, required_text, text, trimmed},
};
use crate::{
    benchmarks::FIELDS as BENCHMARK_FIELDS,
    consultations::{BODY_MAX, STATUSES},
    guidance::input::{
        ARTICLE_FIELDS, BODY_MAX as ARTICLE_BODY_MAX, KINDS, NOTE_MAX, REFERENCE_MAX, TAX_TYPES,
        TITLE_MAX,
    },
    staff::Role,
};

/// The staff roles, lowest first (each as `Role::parse` reads it).
fn roles() -> Vec<&'static str> {
    ["editor", "publisher", "admin"]
        .into_iter()
        .filter(|r| Role::parse(r).is_some())
        .collect()
}

/// A `YYYY-MM-DD` date once trimmed.
fn date() -> Value {
    json!({"type": "string", "pattern": trimmed(&any_date_regex()), "format": "date"})
}

/// A date, or blank/null for none.
fn optional_date() -> Value {
    nullable(
        json!({"type": "string", "pattern": format!("^{ws}(?:{})?{ws}$", any_date_regex(), ws = super::schema::ws())}),
    )
}

/// `{"zh-CN", "en"}`, both required (other keys are ignored).
fn bilingual(max: usize) -> Value {
    json!({"type": "object", "required": ["zh-CN", "en"], "properties": {
        "zh-CN": required_text(max), "en": required_text(max)},
        "propertyNames": text(), "additionalProperties": {"$ref": "#/components/schemas/JsonValue"}})
}

/// A list of strings; blank items are skipped.
fn strings(max: usize) -> Value {
    nullable(json!({"type": "array", "items": {"allOf": [text()], "maxLength": max}}))
}

/// An article as staff send it (`guidance::draft`); `edit`: the body of an edit, whose slug
/// (if sent) must be the address's and whose change note is required.
fn article_body(edit: bool) -> Value {
    let slug = if edit {
        json!({"type": "string", "description": "If sent, the article's own slug (422 otherwise)"})
    } else {
        json!({"type": "string", "minLength": 3, "maxLength": 80, "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$",
               "description": "3–80 characters: a-z, 0-9 and single hyphens inside"})
    };
    let tax_type = json!({"type": "string", "pattern": trimmed(&TAX_TYPES.join("|"))});
    let note = if edit {
        required_text(NOTE_MAX)
    } else {
        json!({"type": "string", "maxLength": NOTE_MAX, "allOf": [text()]})
    };
    let props: Vec<(&str, Value)> = ARTICLE_FIELDS
        .iter()
        .map(|field| {
            let schema = match *field {
                "slug" => slug.clone(),
                "kind" => json!({"enum": KINDS}),
                "tax_types" => json!({"type": "array", "minItems": 1,
                    "items": {"anyOf": [tax_type.clone(), {"type": "string", "pattern": format!("^{}$", super::schema::ws())}]},
                    "contains": tax_type.clone(),
                    "description": "Tax types (blank items are skipped; at least one)"}),
                "title" => bilingual(TITLE_MAX),
                "body_markdown" => bilingual(ARTICLE_BODY_MAX),
                "effective_from" => date(),
                "effective_to" => json!({"allOf": [optional_date()], "description": "Not before effective_from (422 `end_before_start`)"}),
                "references" => strings(REFERENCE_MAX),
                "change_note" => note.clone(),
                // Read back from a staff view and ignored: the workflow steps change it.
                _ => json!({"allOf": [{"$ref": "#/components/schemas/JsonValue"}], "description": "Ignored"}),
            };
            (*field, schema)
        })
        .collect();
    let required: &[&str] = if edit {
        &[
            "kind",
            "tax_types",
            "title",
            "body_markdown",
            "effective_from",
            "change_note",
        ]
    } else {
        &[
            "slug",
            "kind",
            "tax_types",
            "title",
            "body_markdown",
            "effective_from",
        ]
    };
    object(&props, required)
}

/// A benchmark as a publisher sends it (`benchmarks::draft`).
fn benchmark_body() -> Value {
    // `rust_decimal` text: digits with an optional fraction, 0 … 1000000.
    let decimal = format!(
        "^{ws}0*(?:[0-9]{{1,6}}(?:\\.[0-9]{{1,20}})?|1000000(?:\\.0{{1,20}})?){ws}$",
        ws = super::schema::ws()
    );
    let given_number = json!({"oneOf": [
        {"type": "number", "minimum": 0, "maximum": 1_000_000},
        {"type": "string", "pattern": decimal},
    ]});
    let blank = json!({"type": "string", "pattern": format!("^{}$", super::schema::ws())});
    let number = || {
        json!({"anyOf": [given_number.clone(), blank.clone(), {"type": "null"}],
               "description": "0 … 1000000, a JSON number or a decimal string; blank or null: not given"})
    };
    let given =
        |field: &str| json!({"required": [field], "properties": {field: given_number.clone()}});
    let mut props: Vec<(&str, Value)> = BENCHMARK_FIELDS
        .iter()
        .map(|field| {
            let schema = match *field {
                "industry" => json!({"type": "string", "maxLength": 5, "pattern": trimmed("[A-Ta-t][0-9]{0,4}")}),
                "industry_name" => bilingual(100),
                "indicator" => json!({"type": "string", "maxLength": 40, "pattern": trimmed(&CODES.join("|"))}),
                "taxpayer_type" => json!({"anyOf": [
                    {"type": "string", "pattern": trimmed("general|small_scale")}, blank.clone(), {"type": "null"}],
                    "description": "The taxpayers the benchmark was measured on: general (一般纳税人) or small_scale (小规模纳税人); blank or null: any"}),
                "average" | "tolerance" | "low" | "high" => number(),
                "source" => required_text(300),
                "indicative" => json!({"type": ["boolean", "null"]}),
                "effective_from" => date(),
                _ => optional_date(),
            };
            (*field, schema)
        })
        .collect();
    // Read back from a stored benchmark and ignored.
    props.push(("id", json_value()));
    props.push(("version", json_value()));
    let mut schema = object(
        &props,
        &[
            "industry",
            "industry_name",
            "indicator",
            "source",
            "effective_from",
        ],
    );
    // `average` is required unless `low` or `high` is given without `tolerance`.
    schema["anyOf"] = json!([
        given("average"),
        {"anyOf": [given("low"), given("high")], "not": given("tolerance")},
    ]);
    schema["description"] = json!("`average` (with an optional `tolerance`), or `low` and/or `high` (high ≥ low, 422 otherwise)");
    schema
}

pub fn paths(paths: &mut Map<String, Value>) {
    let staff_cookie = json!({"description": format!("`{}=…; Path=/; HttpOnly; SameSite=Lax`", crate::auth::STAFF_SESSION_COOKIE),
                              "schema": {"type": "string"}});
    add(
        paths,
        "/api/v1/staff/session",
        Op::new("post", "staff_sign_in", "Staff sign-in (sets the staff session cookie)", Auth::Public)
            .tag("staff")
            .store()
            .body(
                object(
                    &[("username", text()), ("password", text()), ("code", super::portal::sign_in_code())],
                    &["username", "password"],
                ),
                None,
            )
            .response(200, json!({"description": "Signed in", "headers": {"Set-Cookie": staff_cookie.clone()},
                "content": {"application/json": {"schema": {"type": "object", "required": ["username", "role", "session_idle_seconds"],
                    "properties": {"username": {"type": "string"}, "role": {"enum": roles()}, "session_idle_seconds": {"type": "integer"}}}}}}))
            .response(401, json!({"$ref": "#/components/responses/InvalidCredentials"}))
            .refusals(&[422, 429]),
    );
    add(
        paths,
        "/api/v1/staff/session",
        Op::new(
            "delete",
            "staff_sign_out",
            "Staff sign-out (ends the session of the cookie sent, if any)",
            Auth::Public,
        )
        .tag("staff")
        .store()
        .response(
            204,
            json!({"description": "Signed out", "headers": {"Set-Cookie": staff_cookie}}),
        ),
    );
    add(
        paths,
        "/api/v1/staff/me",
        Op::new("get", "staff_me", "The signed-in staff member", Auth::Staff)
            .tag("staff")
            .answer(
                200,
                "Who is signed in",
                json!({"type": "object", "required": ["username", "role"],
                "properties": {"username": {"type": "string"}, "role": {"enum": roles()}}}),
            ),
    );
    add(
        paths,
        "/api/v1/staff/audit",
        Op::new("get", "audit_log", "The audit log, newest first", Auth::Staff)
            .tag("staff")
            .role("admin")
            .paginated()
            .answer(200, "A page of entries", page_of(json!({"type": "object",
                "required": ["at", "actor", "action", "object", "detail", "address"],
                "properties": {"at": {"type": "string"}, "actor": {"type": "string"}, "action": {"type": "string"},
                    "object": {"type": "string"}, "detail": {"type": "string"}, "address": {"type": "string"}}})))
            .refusals(&[422]),
    );
    add(
        paths,
        "/api/v1/staff/members",
        Op::new("get", "list_staff", "Staff accounts", Auth::Staff)
            .tag("staff")
            .role("admin")
            .paginated()
            .answer(
                200,
                "A page of staff accounts",
                page_of(schema_ref("StaffMember")),
            )
            .refusals(&[422]),
    );
    add(
        paths,
        "/api/v1/staff/members",
        Op::new("post", "add_staff", "Create a staff account", Auth::Staff)
            .tag("staff")
            .role("admin")
            .body(
                object(
                    &[
                        ("username", json!({"type": "string", "pattern": trimmed("[A-Za-z0-9._-]{3,40}")})),
                        ("role", json!({"enum": roles()})),
                        ("password", password()),
                    ],
                    &["username", "role", "password"],
                ),
                Some(json!({"username": "li.editor", "role": "editor", "password": "Gulou office 7 keys"})),
            )
            .answer(201, "The account", schema_ref("StaffMember"))
            .describe("A username taken is 409 `username_taken`.")
            .refusals(&[409, 422]),
    );
    add(
        paths,
        "/api/v1/staff/members/{username}",
        Op::new(
            "put",
            "change_staff",
            "Change a staff account's role or disable it",
            Auth::Staff,
        )
        .tag("staff")
        .role("admin")
        .path_param("username", id_param(), "The account's username")
        .body(
            object(
                &[
                    ("role", nullable(json!({"enum": roles()}))),
                    ("active", json!({"type": ["boolean", "null"]})),
                ],
                &[],
            ),
            Some(json!({"role": "publisher"})),
        )
        .answer(200, "The account", schema_ref("StaffMember"))
        .describe("An administrator changing their own account is 409 `cannot_change_self`.")
        .refusals(&[404, 409, 422]),
    );
    articles(paths);
    benchmarks(paths);
    consultations(paths);
}

fn articles(paths: &mut Map<String, Value>) {
    let sample = json!({"slug": "vat-small-scale-2026", "kind": "guide", "tax_types": ["vat"],
        "title": {"zh-CN": "小规模纳税人增值税", "en": "Small-scale VAT"},
        "body_markdown": {"zh-CN": "正文", "en": "Body"}, "effective_from": "2026-01-01",
        "effective_to": null, "references": ["增值税法 第二十三条"]});
    let slug = || id_param();
    add(
        paths,
        "/api/v1/staff/articles",
        Op::new(
            "post",
            "create_article",
            "Create an article (a draft)",
            Auth::Staff,
        )
        .tag("staff")
        .body(article_body(false), Some(sample.clone()))
        .answer(201, "The article", schema_ref("StaffArticle"))
        .describe("A slug taken is 409 `slug_taken`.")
        .refusals(&[409, 422]),
    );
    add(
        paths,
        "/api/v1/staff/articles",
        Op::new(
            "get",
            "list_staff_articles",
            "Every article's latest version",
            Auth::Staff,
        )
        .tag("staff")
        .query(
            "status",
            filter(&["draft", "in_review", "published", "archived"]),
            "Only articles in this status",
        )
        .paginated()
        .answer(
            200,
            "A page of articles",
            page_of(schema_ref("StaffArticle")),
        )
        .refusals(&[422]),
    );
    let mut edit = sample;
    edit["change_note"] = json!("Typo");
    add(
        paths,
        "/api/v1/staff/articles/{slug}",
        Op::new(
            "put",
            "edit_article",
            "Save a new version of an article",
            Auth::Staff,
        )
        .tag("staff")
        .path_param("slug", slug(), "The article's slug")
        .body(article_body(true), Some(edit))
        .answer(200, "The article", schema_ref("StaffArticle"))
        .refusals(&[404, 409, 422]),
    );
    add(
        paths,
        "/api/v1/staff/articles/{slug}",
        Op::new(
            "get",
            "get_staff_article",
            "An article's latest version",
            Auth::Staff,
        )
        .tag("staff")
        .path_param("slug", slug(), "The article's slug")
        .answer(200, "The article", schema_ref("StaffArticle"))
        .refusals(&[404]),
    );
    for (step, role, summary) in [
        ("submit", None, "Submit a draft for review"),
        ("publish", Some("publisher"), "Publish an article in review"),
        ("archive", Some("publisher"), "Archive a published article"),
    ] {
        let mut op = Op::new("post", &format!("{step}_article"), summary, Auth::Staff)
            .tag("staff")
            .path_param("slug", slug(), "The article's slug")
            .answer(200, "The article", schema_ref("StaffArticle"))
            .describe("A step its status does not allow is 409 `invalid_transition`.")
            .refusals(&[404, 409]);
        if let Some(role) = role {
            op = op.role(role);
        }
        add(
            paths,
            &format!("/api/v1/staff/articles/{{slug}}/{step}"),
            op,
        );
    }
    add(
        paths,
        "/api/v1/staff/articles/{slug}/versions",
        Op::new("get", "article_versions", "An article's versions", Auth::Staff)
            .tag("staff")
            .path_param("slug", slug(), "The article's slug")
            .paginated()
            .answer(200, "A page of versions", page_of(json!({"type": "object",
                "required": ["version", "change_note", "author", "created_at", "title"],
                "properties": {"version": {"type": "integer"}, "change_note": {"type": ["string", "null"]},
                    "author": {"type": "string"}, "created_at": {"type": "string"},
                    "title": {"type": "object", "required": ["zh-CN", "en"]}}})))
            .refusals(&[404, 422]),
    );
    let version = json!({"type": "integer", "minimum": 1});
    add(
        paths,
        "/api/v1/staff/articles/{slug}/diff",
        Op::new("get", "article_diff", "What changed between two versions", Auth::Staff)
            .tag("staff")
            .path_param("slug", slug(), "The article's slug")
            .param(json!({"name": "from", "in": "query", "required": true, "schema": version.clone(), "description": "A version of the article (422 otherwise)"}))
            .param(json!({"name": "to", "in": "query", "required": true, "schema": version, "description": "A version of the article (422 otherwise)"}))
            .answer(200, "The fields that changed, line by line", json!({"type": "object", "required": ["slug", "from", "to", "fields"],
                "properties": {"slug": {"type": "string"}, "from": {"type": "integer"}, "to": {"type": "integer"},
                    "fields": {"type": "array", "items": {"type": "object", "required": ["field", "changes"], "properties": {
                        "field": {"type": "string"},
                        "changes": {"type": "array", "items": {"type": "object", "required": ["op", "text"], "properties": {
                            "op": {"enum": ["equal", "insert", "delete"]}, "text": {"type": "string"}}}}}}}}}))
            .refusals(&[404, 422]),
    );
}

fn benchmarks(paths: &mut Map<String, Value>) {
    let sample = json!({"industry": "F52", "industry_name": {"zh-CN": "零售业", "en": "Retail"},
        "indicator": "vat_burden", "average": "0.0180", "tolerance": "0.3", "source": "示例 Example",
        "effective_from": "2026-01-01"});
    add(
        paths,
        "/api/v1/staff/benchmarks",
        Op::new("get", "list_benchmarks", "Industry benchmarks", Auth::Staff)
            .tag("staff")
            .paginated()
            .answer(
                200,
                "A page of benchmarks",
                page_of(schema_ref("Benchmark")),
            )
            .refusals(&[422]),
    );
    add(
        paths,
        "/api/v1/staff/benchmarks",
        Op::new("post", "create_benchmark", "Add a benchmark", Auth::Staff)
            .tag("staff")
            .role("publisher")
            .body(benchmark_body(), Some(sample.clone()))
            .answer(201, "The benchmark", schema_ref("Benchmark"))
            .refusals(&[422]),
    );
    add(
        paths,
        "/api/v1/staff/benchmarks/{id}",
        Op::new(
            "put",
            "update_benchmark",
            "Save a new version of a benchmark",
            Auth::Staff,
        )
        .tag("staff")
        .role("publisher")
        .path_param("id", id_param(), "The benchmark's id")
        .body(benchmark_body(), Some(sample))
        .answer(200, "The benchmark", schema_ref("Benchmark"))
        .refusals(&[404, 422]),
    );
}

fn consultations(paths: &mut Map<String, Value>) {
    add(
        paths,
        "/api/v1/staff/consultations",
        Op::new(
            "get",
            "staff_list_consultations",
            "All consultations",
            Auth::Staff,
        )
        .tag("staff")
        .query(
            "status",
            filter(&STATUSES),
            "Only consultations in this status",
        )
        .query(
            "tax_type",
            filter(&TAX_TYPES),
            "Only consultations about this tax",
        )
        .paginated()
        .answer(
            200,
            "A page of consultations",
            page_of(schema_ref("StaffConsultation")),
        )
        .refusals(&[422]),
    );
    let id = || id_param();
    add(
        paths,
        "/api/v1/staff/consultations/{id}",
        Op::new(
            "get",
            "staff_get_consultation",
            "One consultation",
            Auth::Staff,
        )
        .tag("staff")
        .path_param("id", id(), "The consultation's id")
        .answer(200, "The consultation", schema_ref("StaffConsultation"))
        .refusals(&[404]),
    );
    add(
        paths,
        "/api/v1/staff/consultations/{id}/assign",
        Op::new(
            "post",
            "assign_consultation",
            "Take a consultation up (承办)",
            Auth::Staff,
        )
        .tag("staff")
        .path_param("id", id(), "The consultation's id")
        .answer(
            200,
            "The consultation, status `in_progress`",
            schema_ref("StaffConsultation"),
        )
        .refusals(&[404, 409]),
    );
    add(
        paths,
        "/api/v1/staff/consultations/{id}/replies",
        Op::new(
            "post",
            "reply_consultation",
            "Reply (status → answered)",
            Auth::Staff,
        )
        .tag("staff")
        .path_param("id", id(), "The consultation's id")
        .body(
            object(&[("body", required_text(BODY_MAX))], &["body"]),
            Some(json!({"body": "季度销售额未超过 30 万元的，免征增值税。"})),
        )
        .answer(
            201,
            "The consultation with the reply",
            schema_ref("StaffConsultation"),
        )
        .refusals(&[404, 409, 422]),
    );
    add(
        paths,
        "/api/v1/staff/consultations/{id}/publish-faq",
        Op::new("post", "publish_faq", "Make a draft FAQ article of an answered consultation (personal data removed)", Auth::Staff)
            .tag("staff")
            .role("publisher")
            .path_param("id", id(), "The consultation's id")
            .answer(201, "The draft article", schema_ref("StaffArticle"))
            .describe("A consultation without a reply is 409 `not_answered`; a FAQ already made from it is 409 `slug_taken`.")
            .refusals(&[404, 409]),
    );
}

pub fn components(schemas: &mut Map<String, Value>) {
    let string = || json!({"type": "string"});
    let opt = || json!({"type": ["string", "null"]});
    schemas.insert("StaffMember".into(), json!({"type": "object", "required": ["username", "role", "created_at", "active", "disabled_at"],
        "properties": {"username": string(), "role": {"enum": roles()}, "created_at": string(),
            "active": {"type": "boolean"}, "disabled_at": opt()}}));
    schemas.insert("StaffArticle".into(), json!({"allOf": [schema_ref("Article"), {"type": "object",
        "required": ["body_markdown", "author", "status", "published_version", "current_version"],
        "properties": {"body_markdown": {"type": "object", "required": ["zh-CN", "en"]}, "author": string(),
            "status": {"enum": ["draft", "in_review", "published", "archived"]},
            "published_version": {"type": ["integer", "null"]}, "current_version": {"type": "integer"}}}]}));
    schemas.insert("StaffConsultation".into(), json!({"allOf": [schema_ref("Consultation"), {"type": "object",
        "required": ["taxpayer_id", "assignee"], "properties": {"taxpayer_id": string(), "assignee": opt(),
            "replies": {"type": "array", "items": {"type": "object", "required": ["at", "body", "author"]}}}}]}));
    schemas.insert("Benchmark".into(), json!({"type": "object",
        "required": ["id", "version", "industry", "industry_name", "indicator", "taxpayer_type", "average", "tolerance", "low", "high",
                     "source", "indicative", "effective_from", "effective_to", "updated_at", "updated_by"],
        "properties": {"id": string(), "version": {"type": "integer"}, "industry": string(),
            "industry_name": {"type": "object", "required": ["zh-CN", "en"]}, "indicator": {"enum": CODES},
            "taxpayer_type": {"enum": ["general", "small_scale", null]},
            "average": opt(), "tolerance": opt(), "low": opt(), "high": opt(), "source": string(),
            "indicative": {"type": "boolean"}, "effective_from": string(), "effective_to": opt(),
            "updated_at": string(), "updated_by": string()}}));
}
