//! The taxpayer's side of the portal: calculations, identifiers, accounts, sessions, tokens,
//! drafts, filings, guidance, consultations and the self-check.
use banshui_engine::{calculation::Kind, self_check::CODES};
use serde_json::{json, Map, Value};

use super::{
    calculations::{
        calculation_schema, example, examples, filing_branches, period_description, period_regex,
        request_ref,
    },
    op::{add, Auth, Op},
    schema::{
        any_object, choice, integer, money_field, nonblank_text, nullable, object, required_text,
        signed_money, text, trimmed, ws,
    },
};
use crate::{
    accounts::NAME_MAX_CHARS,
    auth::tokens::MAX_DAYS,
    consultations::{BODY_MAX, STATUSES, SUBJECT_MAX},
    filings::{
        prepare::{EXPLANATION_MAX_CHARS, MAX_EXPLANATIONS},
        service::IDEMPOTENCY_KEY_MAX,
    },
    guidance::input::{KINDS, LANGS, TAX_TYPES},
    self_check::LABEL_MAX as SELF_CHECK_LABEL_MAX,
};

/// `tokens::LABEL_MAX`.
const TOKEN_LABEL_MAX: usize = 100;
/// The password rule (`filing::password`).
const PASSWORD: (usize, usize) = (10, 200);

pub fn schema_ref(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

/// `{"items": [...], "next_cursor": null|"…"}`.
pub fn page_of(item: Value) -> Value {
    json!({"type": "object", "required": ["items", "next_cursor"], "properties": {
        "items": {"type": "array", "items": item},
        "next_cursor": {"type": ["string", "null"]},
    }})
}

/// A filter of a list: one of `options` once trimmed, or blank (no filter).
pub fn filter(options: &[&str]) -> Value {
    json!({"type": "string", "pattern": format!("^{ws}(?:{})?{ws}$", options.join("|"), ws = ws()),
           "description": format!("One of {} (blank: no filter)", options.join(", "))})
}

/// An id in the path (any text; an unknown one is 404).
pub fn id_param() -> Value {
    json!({"type": "string", "minLength": 1})
}

pub fn password() -> Value {
    json!({"type": "string", "minLength": PASSWORD.0, "maxLength": PASSWORD.1,
           "pattern": "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$",
           "description": "10–200 characters, not a common password nor containing the identifier (422 otherwise)"})
}

/// The two-step sign-in code of a sign-in: required once two-step sign-in is on (401
/// `second_factor_required` without it, `invalid_second_factor` when wrong).
pub fn sign_in_code() -> Value {
    json!({"allOf": [text()], "description": "The authenticator app's 6-digit code or a recovery code, once two-step sign-in is on"})
}

/// A session cookie set by a sign-in.
fn set_cookie(name: &str) -> Value {
    json!({"description": format!("`{name}=…; Path=/; HttpOnly; SameSite=Lax` (and `Secure` behind https)"),
           "schema": {"type": "string"}})
}

pub fn calculations(paths: &mut Map<String, Value>) {
    for kind in Kind::ALL {
        let slug = kind.slug();
        add(
            paths,
            &format!("/api/v1/calculations/{slug}"),
            Op::new(
                "post",
                &format!("calculate_{}", slug.replace('-', "_")),
                &format!("Compute a {slug} return with its explanation"),
                Auth::Public,
            )
            .tag("calculations")
            .body_examples(request_ref(kind), examples(kind))
            .answer(200, "The computed return", calculation_schema(kind))
            .refusals(&[422]),
        );
    }
    add(
        paths,
        "/api/v1/taxpayer-ids/validate",
        Op::new(
            "post",
            "validate_taxpayer_id",
            "Validate a 统一社会信用代码 (GB 32100-2015) or 居民身份证号码 (GB 11643-1999)",
            Auth::Public,
        )
        .tag("calculations")
        .body(
            object(&[("id", text())], &["id"]),
            Some(json!({"id": "91350100M000100Y43"})),
        )
        .answer(
            200,
            "Whether the identifier is valid",
            schema_ref("ValidationResult"),
        )
        .refusals(&[422]),
    );
    add(
        paths,
        "/api/v1/openapi.json",
        Op::new("get", "openapi", "This document", Auth::Public)
            .tag("calculations")
            .answer(200, "OpenAPI 3.1", json!({"type": "object"})),
    );
}

pub fn accounts(paths: &mut Map<String, Value>) {
    let gap = format!("[-{}]*", super::schema::TEXT_SPACE);
    let taxpayer_id = json!({"type": "string", "pattern": format!("^{gap}(?:[0-9A-Za-z]{gap}){{18}}$"),
        "description": "18 characters once spaces and hyphens are removed; the check character must be right (422 otherwise)"});
    add(
        paths,
        "/api/v1/accounts",
        Op::new("post", "register", "Register a taxpayer account", Auth::Public)
            .tag("accounts")
            .store()
            .body(
                object(
                    &[
                        ("taxpayer_id", taxpayer_id),
                        ("name", required_text(NAME_MAX_CHARS)),
                        ("password", password()),
                    ],
                    &["taxpayer_id", "name", "password"],
                ),
                Some(
                    json!({"taxpayer_id": "91350100M000100Y43", "name": "福州示例有限公司", "password": "Min-river 2026 ledger"}),
                ),
            )
            .answer(201, "The account", schema_ref("Account"))
            .describe("An identifier already registered is 409 `taken`; too many registrations from one address is 429.")
            .refusals(&[409, 422, 429]),
    );
    add(
        paths,
        "/api/v1/session",
        Op::new("post", "sign_in", "Sign in (sets the session cookie)", Auth::Public)
            .tag("accounts")
            .store()
            .body(
                object(
                    &[("taxpayer_id", text()), ("password", text()), ("code", sign_in_code())],
                    &["taxpayer_id", "password"],
                ),
                None,
            )
            .response(200, json!({"description": "Signed in", "headers": {"Set-Cookie": set_cookie(crate::auth::SESSION_COOKIE)},
                "content": {"application/json": {"schema": schema_ref("Session")}}}))
            .response(401, json!({"$ref": "#/components/responses/InvalidCredentials"}))
            .refusals(&[422, 429]),
    );
    add(
        paths,
        "/api/v1/session",
        Op::new(
            "delete",
            "sign_out",
            "Sign out (ends the session of the cookie sent, if any)",
            Auth::Public,
        )
        .tag("accounts")
        .store()
        .response(
            204,
            json!({"description": "Signed out; the cookie is cleared",
                "headers": {"Set-Cookie": set_cookie(crate::auth::SESSION_COOKIE)}}),
        ),
    );
    add(
        paths,
        "/api/v1/me",
        Op::new("get", "me", "The signed-in taxpayer", Auth::Taxpayer)
            .tag("accounts")
            .answer(200, "The account", schema_ref("Me")),
    );
    add(
        paths,
        "/api/v1/tokens",
        Op::new("post", "create_token", "Create an API token (shown once)", Auth::Session)
            .tag("accounts")
            .body(
                object(
                    &[
                        ("label", required_text(TOKEN_LABEL_MAX)),
                        (
                            "expires_in_days",
                            nullable(json!({"type": "integer", "minimum": 1, "maximum": MAX_DAYS, "default": 90})),
                        ),
                        ("scope", nullable(json!({"enum": ["write", "read"], "default": "write"}))),
                    ],
                    &["label"],
                ),
                Some(json!({"label": "Accounting software", "expires_in_days": 30, "scope": "read"})),
            )
            .answer(201, "The token: its secret is shown only now", schema_ref("NewToken"))
            .refusals(&[422]),
    );
    add(
        paths,
        "/api/v1/tokens",
        Op::new(
            "get",
            "list_tokens",
            "The caller's API tokens, newest first",
            Auth::Session,
        )
        .tag("accounts")
        .paginated()
        .answer(200, "A page of tokens", page_of(schema_ref("Token")))
        .refusals(&[422]),
    );
    add(
        paths,
        "/api/v1/tokens/{id}",
        Op::new(
            "delete",
            "revoke_token",
            "Revoke one of the caller's tokens",
            Auth::Session,
        )
        .tag("accounts")
        .path_param("id", id_param(), "The token's id")
        .no_content("Revoked")
        .refusals(&[404]),
    );
}

/// A person's own security settings under `base` (`/api/v1/me` or `/api/v1/staff/me`):
/// sessions, password, two-step sign-in (`api::security`).
pub fn own_security(paths: &mut Map<String, Value>, base: &str, auth: Auth, id: &str) {
    let who = if auth == Auth::Staff {
        "staff member"
    } else {
        "taxpayer (session cookie; an API token gets 403)"
    };
    let tag = if auth == Auth::Staff {
        "staff"
    } else {
        "accounts"
    };
    let op = |method: &'static str, name: &str, summary: &str| {
        Op::new(
            method,
            &format!("{id}_{name}"),
            &format!("{summary} (the signed-in {who})"),
            auth,
        )
        .tag(tag)
    };
    let cookie = if auth == Auth::Staff {
        crate::auth::STAFF_SESSION_COOKIE
    } else {
        crate::auth::SESSION_COOKIE
    };
    add(
        paths,
        &format!("{base}/sessions"),
        op(
            "get",
            "sessions",
            "The account's live sessions, the current one marked",
        )
        .answer(200, "The sessions", page_of(schema_ref("SessionInfo"))),
    );
    add(
        paths,
        &format!("{base}/sessions"),
        op(
            "delete",
            "end_all_sessions",
            "Sign out everywhere, this session too",
        )
        .response(
            204,
            json!({"description": "Every session ended; the cookie is cleared",
                "headers": {"Set-Cookie": set_cookie(cookie)}}),
        ),
    );
    add(
        paths,
        &format!("{base}/sessions/{{id}}"),
        op("delete", "end_session", "End one of the account's sessions")
            .path_param("id", id_param(), "The session's id (from the list)")
            .no_content("Ended")
            .refusals(&[404]),
    );
    add(
        paths,
        &format!("{base}/password"),
        op("put", "change_password", "Change the password; every other session ends")
            .body(
                object(&[("current_password", text()), ("new_password", password())], &["current_password", "new_password"]),
                None,
            )
            .answer(200, "Changed", json!({"type": "object", "required": ["other_sessions_ended"],
                "properties": {"other_sessions_ended": {"type": "integer", "minimum": 0}}}))
            .describe("A wrong current password is 422 `wrong_password` on `current_password` (counted by the sign-in throttle: 429).")
            .refusals(&[422, 429]),
    );
    add(
        paths,
        &format!("{base}/second-factor"),
        op("get", "second_factor", "Whether two-step sign-in is on").answer(
            200,
            "The status",
            schema_ref("SecondFactorStatus"),
        ),
    );
    add(
        paths,
        &format!("{base}/second-factor"),
        op(
            "post",
            "begin_second_factor",
            "Start turning two-step sign-in on: a new key for the authenticator app",
        )
        .answer(
            201,
            "The key, shown once",
            json!({"type": "object", "required": ["status", "secret", "otpauth_uri"],
                "properties": {"status": {"const": "pending"}, "secret": {"type": "string"},
                    "otpauth_uri": {"type": "string", "pattern": "^otpauth://totp/"}}}),
        )
        .describe("Already on: 409 `second_factor_on`.")
        .refusals(&[409]),
    );
    add(
        paths,
        &format!("{base}/second-factor/confirm"),
        op("post", "confirm_second_factor", "Turn two-step sign-in on with the app's first code")
            .body(object(&[("code", text())], &["code"]), None)
            .answer(200, "On, with ten recovery codes shown this once", json!({"type": "object",
                "required": ["status", "recovery_codes"], "properties": {"status": {"const": "on"},
                    "recovery_codes": {"type": "array", "items": {"type": "string"}}}}))
            .describe("No key waiting for its first code: 409 `second_factor_not_pending`; a wrong code: 422 `invalid_second_factor`.")
            .refusals(&[409, 422, 429]),
    );
    add(
        paths,
        &format!("{base}/second-factor/disable"),
        op("post", "disable_second_factor", "Turn two-step sign-in off (password and a current code)")
            .body(object(&[("password", text()), ("code", text())], &["password", "code"]), None)
            .no_content("Off")
            .describe("Required for the role: 409 `second_factor_required_for_role`; not on: 409 `second_factor_not_pending`; a wrong password or code: 422.")
            .refusals(&[409, 422, 429]),
    );
}

pub fn drafts(paths: &mut Map<String, Value>) {
    add(
        paths,
        "/api/v1/drafts",
        Op::new(
            "get",
            "list_drafts",
            "The caller's drafts, most recently changed first",
            Auth::Taxpayer,
        )
        .tag("filings")
        .paginated()
        .answer(200, "A page of drafts", page_of(schema_ref("Draft")))
        .refusals(&[422]),
    );
    for kind in Kind::ALL {
        let slug = kind.slug();
        let id = slug.replace('-', "_");
        let path = format!("/api/v1/drafts/{slug}/{{period}}");
        let period = json!({"type": "string", "pattern": trimmed(&period_regex(kind))});
        let description = period_description(kind);
        add(
            paths,
            &path,
            Op::new("put", &format!("save_draft_{id}"), &format!("Save a {slug} draft as is (it may be incomplete)"), Auth::Taxpayer)
                .tag("filings")
                .path_param("period", period.clone(), &description)
                .body(
                    object(
                        &[
                            ("data", json!({"allOf": [any_object()], "description": format!("The {slug} calculation input so far (saved as is; `validation` says what is missing)")})),
                            ("supersedes", nullable(text())),
                        ],
                        &["data"],
                    ),
                    Some(json!({"data": example(kind)})),
                )
                .answer(200, "The draft with its validation", schema_ref("Draft"))
                .refusals(&[422]),
        );
        add(
            paths,
            &path,
            Op::new(
                "get",
                &format!("get_draft_{id}"),
                &format!("One {slug} draft"),
                Auth::Taxpayer,
            )
            .tag("filings")
            .path_param("period", period.clone(), &description)
            .answer(200, "The draft with its validation", schema_ref("Draft"))
            .refusals(&[404]),
        );
        add(
            paths,
            &path,
            Op::new(
                "delete",
                &format!("delete_draft_{id}"),
                &format!("Delete a {slug} draft"),
                Auth::Taxpayer,
            )
            .tag("filings")
            .path_param("period", period, &description)
            .no_content("Deleted")
            .refusals(&[404]),
        );
    }
}

/// The body of `POST /api/v1/filings`: the common fields, and one branch per kind and period
/// whose answers agree with the period.
pub fn filing_request() -> Value {
    let explanation = object(
        &[
            (
                "indicator",
                json!({"type": "string", "maxLength": 64, "pattern": trimmed(&CODES.join("|")),
                       "description": "A self-check indicator code"}),
            ),
            ("text", required_text(EXPLANATION_MAX_CHARS)),
        ],
        &["indicator", "text"],
    );
    let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.slug()).collect();
    let mut body = object(
        &[
            ("kind", choice(&kinds)),
            (
                "period",
                json!({"type": "string", "description": "`2025`, `2026-Q2`, `2026-03` or `2026-03-15`, as the kind is filed; the answers' year, quarter or month must agree (422 `period_mismatch`)"}),
            ),
            (
                "data",
                json!({"type": "object", "description": "Exactly the calculation request body of `kind`"}),
            ),
            (
                "declaration",
                json!({"const": true, "description": "Must be true (422 `declaration_required`)"}),
            ),
            (
                "supersedes",
                nullable(json!({"allOf": [nonblank_text()],
                    "description": "The caller's filing of the same kind and period that this corrects (409 `cannot_supersede` otherwise)"})),
            ),
            (
                "explanations",
                nullable(
                    json!({"type": "array", "maxItems": MAX_EXPLANATIONS, "items": explanation}),
                ),
            ),
        ],
        &["kind", "period", "data", "declaration"],
    );
    let branches: Vec<Value> = Kind::ALL.into_iter().flat_map(filing_branches).collect();
    body["oneOf"] = Value::Array(branches);
    body
}

pub fn filings(paths: &mut Map<String, Value>) {
    let key = json!({"name": "Idempotency-Key", "in": "header", "required": true,
        "schema": {"type": "string", "minLength": 1, "maxLength": IDEMPOTENCY_KEY_MAX, "pattern": "^[!-~](?:[ -~]*[!-~])?$"},
        "description": "1–255 visible ASCII characters (400 `idempotency_key_required` without, `idempotency_key_invalid` otherwise). The same key with the same body gives the first receipt again (200); with another body, 409."});
    let mut sample = json!({"kind": "iit-annual", "period": "2025", "data": example(Kind::IitAnnual), "declaration": true});
    if let Some(year) = sample["data"]["tax_year"].as_i64() {
        sample["period"] = json!(year.to_string());
    }
    add(
        paths,
        "/api/v1/filings",
        Op::new("post", "file_return", "File a return, or a correction of one (`supersedes`)", Auth::Taxpayer)
            .tag("filings")
            .param(key)
            .body(filing_request(), Some(sample))
            .answer(201, "Filed: the receipt", schema_ref("Receipt"))
            .answer(200, "The same key and body again: the first receipt", schema_ref("Receipt"))
            .describe("A second original filing for the same kind and period is 409 `already_filed`; a key reused with another body is 409 `idempotency_key_reused`.")
            .refusals(&[400, 409, 422]),
    );
    add(
        paths,
        "/api/v1/filings",
        Op::new(
            "get",
            "list_filings",
            "The caller's filings, superseded ones included, newest first",
            Auth::Taxpayer,
        )
        .tag("filings")
        .paginated()
        .answer(200, "A page of filings", page_of(schema_ref("Filing")))
        .refusals(&[422]),
    );
    add(
        paths,
        "/api/v1/filings/{id}",
        Op::new(
            "get",
            "get_filing",
            "One of the caller's filings with its data and events",
            Auth::Taxpayer,
        )
        .tag("filings")
        .path_param("id", id_param(), "The filing's id")
        .answer(200, "The filing", schema_ref("FilingDetail"))
        .refusals(&[404]),
    );
    add(
        paths,
        "/api/v1/filings/{id}/receipt",
        Op::new("get", "filing_receipt", "The printable receipt (HTML)", Auth::Taxpayer)
            .tag("filings")
            .path_param("id", id_param(), "The filing's id")
            .response(200, json!({"description": "The receipt page", "content": {"text/html": {"schema": {"type": "string"}}}}))
            .refusals(&[404]),
    );
}

pub fn guidance(paths: &mut Map<String, Value>) {
    add(
        paths,
        "/api/v1/articles",
        Op::new(
            "get",
            "list_articles",
            "Published guidance articles",
            Auth::Public,
        )
        .tag("guidance")
        .store()
        .query(
            "tax_type",
            filter(&TAX_TYPES),
            "Only articles about this tax",
        )
        .query("kind", filter(&KINDS), "Only articles of this kind")
        .query(
            "lang",
            filter(&LANGS),
            "Accepted for symmetry with search; both languages are returned",
        )
        .paginated()
        .answer(200, "A page of articles", page_of(schema_ref("Article")))
        .refusals(&[422]),
    );
    add(
        paths,
        "/api/v1/articles/{slug}",
        Op::new("get", "get_article", "One published article", Auth::Public)
            .tag("guidance")
            .store()
            .path_param("slug", id_param(), "The article's slug")
            .answer(200, "The article", schema_ref("Article"))
            .refusals(&[404]),
    );
    add(
        paths,
        "/api/v1/search",
        Op::new("get", "search", "Search published guidance (Chinese queries are segmented into words)", Auth::Public)
            .tag("guidance")
            .store()
            .param(json!({"name": "q", "in": "query", "required": true, "schema": required_text(crate::api::search::QUERY_MAX), "description": "The query (1–200 characters once trimmed)"}))
            .query("lang", filter(&LANGS), "The language searched (default: the negotiated one)")
            .query("tax_type", filter(&TAX_TYPES), "Only articles about this tax")
            .query("kind", filter(&KINDS), "Only articles of this kind")
            .query("limit", json!({"type": "integer", "minimum": 1, "maximum": 100, "default": crate::api::search::DEFAULT_LIMIT}), "At most this many hits")
            .answer(200, "The hits, best first", schema_ref("SearchResult"))
            .refusals(&[422]),
    );
}

pub fn consultation_question() -> Value {
    object(
        &[
            ("subject", required_text(SUBJECT_MAX)),
            ("body", required_text(BODY_MAX)),
            ("tax_type", filter(&TAX_TYPES)),
            (
                "filing_id",
                nullable(
                    json!({"allOf": [text()], "description": "One of the caller's filings (422 `invalid_choice` otherwise); blank: none"}),
                ),
            ),
        ],
        &["subject", "body", "tax_type"],
    )
}

pub fn consultations(paths: &mut Map<String, Value>) {
    add(
        paths,
        "/api/v1/consultations",
        Op::new("post", "ask", "Ask a question (受理)", Auth::Taxpayer)
            .tag("consultations")
            .body(
                consultation_question(),
                Some(json!({"subject": "小规模纳税人季度申报", "body": "季度销售额 28 万元是否免征增值税？", "tax_type": "vat", "filing_id": null})),
            )
            .answer(201, "The consultation, status `received`", schema_ref("Consultation"))
            .refusals(&[422]),
    );
    add(
        paths,
        "/api/v1/consultations",
        Op::new(
            "get",
            "list_consultations",
            "The caller's consultations",
            Auth::Taxpayer,
        )
        .tag("consultations")
        .paginated()
        .answer(
            200,
            "A page of consultations",
            page_of(schema_ref("Consultation")),
        )
        .refusals(&[422]),
    );
    add(
        paths,
        "/api/v1/consultations/{id}",
        Op::new(
            "get",
            "get_consultation",
            "One of the caller's consultations with its replies",
            Auth::Taxpayer,
        )
        .tag("consultations")
        .path_param("id", id_param(), "The consultation's id")
        .answer(200, "The consultation", schema_ref("Consultation"))
        .refusals(&[404]),
    );
    add(
        paths,
        "/api/v1/consultations/{id}/close",
        Op::new(
            "post",
            "close_consultation",
            "Close one of the caller's consultations",
            Auth::Taxpayer,
        )
        .tag("consultations")
        .path_param("id", id_param(), "The consultation's id")
        .answer(
            200,
            "The consultation, status `closed`",
            schema_ref("Consultation"),
        )
        .describe("A consultation already closed is 409 `invalid_transition`.")
        .refusals(&[404, 409]),
    );
}

/// One period's figures of a self-check.
fn figures() -> Value {
    let m = money_field;
    let whole = || nullable(integer(0, 1200));
    object(
        &[
            ("revenue", m()),
            ("cost_of_sales", m()),
            ("operating_expenses", m()),
            ("total_profit", nullable(signed_money())),
            ("vat_payable", m()),
            ("output_vat", m()),
            ("input_vat", m()),
            ("inventory_open", m()),
            ("inventory_close", m()),
            ("invoiced_sales", m()),
            ("cit_payable", m()),
            (
                "taxable_income",
                json!({"allOf": [m()], "description": "应纳税所得额 for the year, which the 小型微利 limit is on; without it total profit stands in"}),
            ),
            ("zero_filing_months", whole()),
            ("loss_years", whole()),
        ],
        &[],
    )
}

/// The properties of a self-check request (and, with `label`, of a saved one).
fn self_check_props() -> Vec<(&'static str, Value)> {
    vec![
        (
            "industry",
            json!({"type": "string", "pattern": trimmed("[A-Ta-t][0-9]{0,4}"),
                   "description": "A GB/T 4754-2017 code (`C34`, `F52`); one without a benchmark is not an error"}),
        ),
        (
            "taxpayer_type",
            nullable(
                json!({"type": "string", "pattern": trimmed("general|small_scale"),
                "description": "`general` (一般纳税人) or `small_scale` (小规模纳税人); not given: general. A VAT burden is compared only with benchmarks of the same type; `input_output_vat_change` is left out for small-scale taxpayers"}),
            ),
        ),
        ("current", nullable(schema_ref("Figures"))),
        ("base", nullable(schema_ref("Figures"))),
    ]
}

pub fn self_check_request() -> Value {
    object(&self_check_props(), &["industry"])
}

pub fn self_check_components(schemas: &mut Map<String, Value>) {
    schemas.insert("Figures".into(), figures());
    schemas.insert("SelfCheckRequest".into(), self_check_request());
    let mut saved = self_check_props();
    saved.push((
        "label",
        nullable(json!({"allOf": [text()], "maxLength": SELF_CHECK_LABEL_MAX})),
    ));
    schemas.insert("SaveSelfCheckRequest".into(), object(&saved, &["industry"]));
}

pub fn self_check(paths: &mut Map<String, Value>) {
    let sample = json!({"industry": "F52", "current": {"revenue": "1200000", "vat_payable": "12000", "cost_of_sales": "900000"}, "base": null});
    add(
        paths,
        "/api/v1/self-check",
        Op::new(
            "post",
            "self_check",
            "Run the pre-filing risk indicators (nothing is stored)",
            Auth::Public,
        )
        .tag("self-check")
        .store()
        .body(schema_ref("SelfCheckRequest"), Some(sample.clone()))
        .answer(200, "The indicators", schema_ref("SelfCheckResult"))
        .refusals(&[422]),
    );
    let mut labelled = sample;
    labelled["label"] = json!("2026 Q1");
    add(
        paths,
        "/api/v1/self-checks",
        Op::new(
            "post",
            "save_self_check",
            "Run and keep a self-check",
            Auth::Taxpayer,
        )
        .tag("self-check")
        .body(schema_ref("SaveSelfCheckRequest"), Some(labelled))
        .answer(201, "The saved self-check", schema_ref("SavedSelfCheck"))
        .refusals(&[422]),
    );
    add(
        paths,
        "/api/v1/self-checks",
        Op::new(
            "get",
            "list_self_checks",
            "The caller's saved self-checks, newest first",
            Auth::Taxpayer,
        )
        .tag("self-check")
        .paginated()
        .answer(
            200,
            "A page of saved self-checks",
            page_of(schema_ref("SavedSelfCheckSummary")),
        )
        .refusals(&[422]),
    );
    add(
        paths,
        "/api/v1/self-checks/{id}",
        Op::new(
            "get",
            "get_self_check",
            "One of the caller's saved self-checks",
            Auth::Taxpayer,
        )
        .tag("self-check")
        .path_param("id", id_param(), "The saved self-check's id")
        .answer(200, "The saved self-check", schema_ref("SavedSelfCheck"))
        .refusals(&[404]),
    );
}

/// Response shapes of the taxpayer's side.
pub fn components(schemas: &mut Map<String, Value>) {
    let string = || json!({"type": "string"});
    let opt = || json!({"type": ["string", "null"]});
    let id_kind = json!({"enum": ["uscc", "resident_id"]});
    schemas.insert("ValidationResult".into(), json!({"oneOf": [
        {"type": "object", "required": ["valid", "kind", "normalized"], "properties": {
            "valid": {"const": true}, "kind": id_kind, "normalized": string()}},
        {"type": "object", "required": ["valid", "kind", "code", "message"], "properties": {
            "valid": {"const": false}, "kind": {"enum": ["uscc", "resident_id", null]},
            "code": {"enum": ["bad_check_character", "bad_length", "bad_character", "bad_birth_date"]},
            "message": string()}},
    ]}));
    schemas.insert(
        "Account".into(),
        json!({"type": "object", "required": ["taxpayer_id", "name", "kind"],
        "properties": {"taxpayer_id": string(), "name": string(), "kind": id_kind}}),
    );
    schemas.insert("Me".into(), json!({"type": "object", "required": ["taxpayer_id", "name", "kind"],
        "properties": {"taxpayer_id": string(), "name": string(), "kind": id_kind,
                       "session_idle_seconds": {"type": "integer", "description": "With the session cookie: seconds until the idle timeout"}}}));
    schemas.insert("Session".into(), json!({"type": "object", "required": ["taxpayer_id", "name", "kind", "session_idle_seconds"],
        "properties": {"taxpayer_id": string(), "name": opt(), "kind": {"enum": ["uscc", "resident_id", null]},
                       "session_idle_seconds": {"type": "integer"}}}));
    schemas.insert("NewToken".into(), json!({"type": "object", "required": ["id", "token", "label", "expires_at", "scope"],
        "properties": {"id": string(), "token": {"type": "string", "pattern": "^bsk_"}, "label": string(),
                       "expires_at": string(), "scope": {"enum": ["read", "write"]}}}));
    schemas.insert("Token".into(), json!({"type": "object", "required": ["id", "label", "created_at", "expires_at", "scope", "revoked_at"],
        "properties": {"id": string(), "label": string(), "created_at": string(), "expires_at": opt(),
                       "scope": {"enum": ["read", "write"]}, "revoked_at": opt()}}));
    let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.slug()).collect();
    schemas.insert("Draft".into(), json!({"type": "object", "required": ["kind", "period", "data", "supersedes", "updated_at", "validation"],
        "properties": {"kind": {"enum": kinds}, "period": string(), "data": {"type": "object"}, "supersedes": opt(),
            "updated_at": string(),
            "validation": {"type": "object", "required": ["errors", "warnings"], "properties": {
                "errors": {"type": "array", "items": schema_ref("Error")},
                "warnings": {"type": "array", "items": schema_ref("Warning")}}}}}));
    let receipt_props = json!({
        "id": string(), "receipt_number": string(), "kind": {"enum": kinds}, "period": string(),
        "submitted_at": string(), "status": {"enum": ["filed", "superseded"]},
        "result": {"type": "object", "required": ["lines", "warnings"], "description": "The kind's figures with lines and warnings",
                   "properties": {"lines": {"type": "array", "items": schema_ref("Line")}, "warnings": {"type": "array", "items": schema_ref("Warning")}}},
        "amount_due": string(), "refund_due": string(), "payment_deadline": string(), "payment_reference": opt(),
        "content_sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"}, "engine_version": string(), "supersedes": opt(),
        "explanations": {"type": "array", "items": {"type": "object", "required": ["indicator", "text"],
            "properties": {"indicator": string(), "text": string()}}},
    });
    let receipt_required = json!([
        "id",
        "receipt_number",
        "kind",
        "period",
        "submitted_at",
        "status",
        "result",
        "amount_due",
        "refund_due",
        "payment_deadline",
        "content_sha256",
        "engine_version"
    ]);
    schemas.insert(
        "Receipt".into(),
        json!({"type": "object", "required": receipt_required, "properties": receipt_props}),
    );
    schemas.insert("Filing".into(), json!({"allOf": [schema_ref("Receipt"),
        {"type": "object", "required": ["superseded_by"], "properties": {"superseded_by": opt()}}]}));
    schemas.insert("FilingDetail".into(), json!({"allOf": [schema_ref("Filing"),
        {"type": "object", "required": ["data", "events"], "properties": {
            "data": {"type": "object"},
            "events": {"type": "array", "items": {"type": "object", "required": ["at", "type"], "properties": {
                "at": string(), "type": string(), "detail": {}}}}}}]}));
    let bilingual = || json!({"type": "object", "required": ["zh-CN", "en"], "properties": {"zh-CN": string(), "en": string()}});
    schemas.insert("Article".into(), json!({"type": "object",
        "required": ["slug", "kind", "tax_types", "title", "body_html", "effective_from", "effective_to", "published_at", "version", "change_note", "references"],
        "properties": {"slug": string(), "kind": {"enum": KINDS}, "tax_types": {"type": "array", "items": string()},
            "title": bilingual(), "body_html": bilingual(), "effective_from": string(), "effective_to": opt(),
            "published_at": opt(), "changed_at": string(), "version": {"type": "integer"}, "change_note": opt(),
            "references": {"type": "array", "items": string()}}}));
    schemas.insert("SearchResult".into(), json!({"type": "object", "required": ["items", "took_ms"], "properties": {
        "items": {"type": "array", "items": {"type": "object", "required": ["slug", "title", "snippet_html", "score"], "properties": {
            "slug": string(), "title": string(), "snippet_html": string(), "score": {"type": "number"},
            "kind": string(), "tax_types": {"type": "array", "items": string()}}}},
        "took_ms": {"type": "number"}}}));
    schemas.insert("Consultation".into(), json!({"type": "object",
        "required": ["id", "subject", "body", "tax_type", "filing_id", "status", "created_at", "updated_at", "replies"],
        "properties": {"id": string(), "subject": string(), "body": string(), "tax_type": string(), "filing_id": opt(),
            "status": {"enum": STATUSES}, "created_at": string(), "updated_at": string(),
            "replies": {"type": "array", "items": {"type": "object", "required": ["at", "body"], "properties": {
                "at": string(), "body": string(), "author": string()}}}}}));
    let ratio = || json!({"type": ["string", "null"]});
    let benchmark = json!({"type": ["object", "null"], "required": ["low", "high", "average", "source"], "properties": {
        "low": ratio(), "high": ratio(), "average": ratio(), "source": string()}});
    let status = json!({"enum": ["ok", "attention", "high"]});
    schemas.insert("Indicator".into(), json!({"type": "object",
        "required": ["code", "value", "benchmark", "deviation", "status", "formula", "message", "guidance"],
        "properties": {"code": {"enum": CODES}, "value": ratio(), "benchmark": benchmark.clone(), "deviation": ratio(),
            "status": status.clone(), "formula": string(), "message": string(),
            "guidance": {"type": "array", "items": string()}}}));
    schemas.insert(
        "SelfCheckResult".into(),
        json!({"type": "object", "required": ["indicators"], "properties": {
        "indicators": {"type": "array", "items": schema_ref("Indicator")}}}),
    );
    let summary = json!({"id": string(), "label": string(), "industry": string(), "flagged": {"type": "integer"}, "created_at": string()});
    schemas.insert(
        "SavedSelfCheckSummary".into(),
        json!({"type": "object",
        "required": ["id", "label", "industry", "flagged", "created_at"], "properties": summary}),
    );
    schemas.insert("SavedSelfCheck".into(), json!({"allOf": [schema_ref("SavedSelfCheckSummary"),
        {"type": "object", "required": ["request", "indicators"], "properties": {
            "request": {"type": "object"},
            "indicators": {"type": "array", "items": {"type": "object", "required": ["code", "value", "status", "deviation", "benchmark"],
                "properties": {"code": {"enum": CODES}, "value": ratio(), "status": status, "deviation": ratio(), "benchmark": benchmark}}}}}]}));
    self_check_components(schemas);
    schemas.insert("SessionInfo".into(), json!({"type": "object",
        "required": ["id", "created_at", "last_seen_at", "user_agent", "address", "current"],
        "properties": {"id": string(), "created_at": string(), "last_seen_at": string(), "user_agent": string(),
            "address": string(), "current": {"type": "boolean"}}}));
    schemas.insert("SecondFactorStatus".into(), json!({"type": "object",
        "required": ["status", "required", "recovery_codes_left"],
        "properties": {"status": {"enum": ["off", "pending", "on"]}, "required": {"type": "boolean"},
            "recovery_codes_left": {"type": ["integer", "null"]}}}));
}
