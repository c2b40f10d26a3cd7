//! `GET /api/v1/openapi.json`: OpenAPI 3.1, generated from the engine's list of kinds and the
//! shared scenario files (the first worked example of each kind is the endpoint's example).
use axum::Json;
use banshui_engine::calculation::Kind;
use serde_json::{json, Map, Value};

/// The worked examples the engine's tests use; the first of each file is the example here.
fn scenarios(kind: Kind) -> &'static str {
    match kind {
        Kind::IitAnnual => include_str!("../../../app/engine/scenarios/iit-annual.json"),
        Kind::IitBusiness => include_str!("../../../app/engine/scenarios/iit-business.json"),
        Kind::VatSmallScale => include_str!("../../../app/engine/scenarios/vat-small-scale.json"),
        Kind::CitPrepayment => include_str!("../../../app/engine/scenarios/cit-prepayment.json"),
        Kind::StampDuty => include_str!("../../../app/engine/scenarios/stamp-duty.json"),
    }
}

pub fn example(kind: Kind) -> Value {
    serde_json::from_str::<Value>(scenarios(kind))
        .ok()
        .and_then(|cases| cases.get(0).map(|c| c["input"].clone()))
        .unwrap_or(Value::Null)
}

fn money() -> Value {
    json!({"oneOf": [{"type": "string", "pattern": "^[0-9,，０-９]+([.．][0-9０-９]{1,2})?$"}, {"type": "number", "minimum": 0}],
           "description": "Yuan, at most two decimals, 0 … 999999999999.99; missing means 0.00"})
}

fn object(props: &[(&str, Value)], required: &[&str]) -> Value {
    let properties: Map<String, Value> = props
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    json!({"type": "object", "additionalProperties": false, "properties": properties, "required": required})
}

fn request_schema(kind: Kind) -> Value {
    let m = money;
    let year = |min: i64, max: i64| json!({"type": "integer", "minimum": min, "maximum": max});
    let boolean = || json!({"type": "boolean"});
    match kind {
        Kind::IitAnnual => object(
            &[
                ("tax_year", year(2023, 2026)),
                (
                    "income",
                    object(
                        &[
                            ("wages", m()),
                            ("labor", m()),
                            ("authorship", m()),
                            ("royalties", m()),
                        ],
                        &[],
                    ),
                ),
                ("special_deductions", m()),
                (
                    "additional_deductions",
                    object(
                        &[
                            ("child_education", m()),
                            ("infant_care", m()),
                            ("continuing_education", m()),
                            ("serious_illness_expense", m()),
                            ("housing_loan_interest", m()),
                            ("housing_rent", m()),
                            ("elderly_support", m()),
                        ],
                        &[],
                    ),
                ),
                (
                    "other_deductions",
                    object(
                        &[
                            ("private_pension", m()),
                            ("commercial_health_insurance", m()),
                            ("enterprise_annuity", m()),
                            ("other", m()),
                        ],
                        &[],
                    ),
                ),
                ("prepaid_tax", m()),
            ],
            &["tax_year"],
        ),
        Kind::IitBusiness => object(
            &[
                ("tax_year", year(2023, 2026)),
                (
                    "entity",
                    json!({"enum": ["individual_business", "sole_proprietorship", "partnership"]}),
                ),
                ("revenue", m()),
                ("costs", m()),
                ("loss_carryforward", m()),
                ("has_comprehensive_income", boolean()),
                ("special_deductions", m()),
                ("additional_deductions", m()),
                ("other_deductions", m()),
                ("other_relief", m()),
                ("prepaid_tax", m()),
            ],
            &["tax_year", "entity"],
        ),
        Kind::VatSmallScale => object(
            &[
                (
                    "period",
                    object(
                        &[
                            ("kind", json!({"enum": ["month", "quarter"]})),
                            ("year", year(2026, 2027)),
                            (
                                "index",
                                json!({"type": "integer", "minimum": 1, "maximum": 12}),
                            ),
                        ],
                        &["kind", "year", "index"],
                    ),
                ),
                ("sales", m()),
                ("sales_inclusive", m()),
                (
                    "levy_rate",
                    json!({"enum": ["0.01", "0.03"], "default": "0.01"}),
                ),
                (
                    "location",
                    json!({"enum": ["city", "county_town", "other"]}),
                ),
                (
                    "six_taxes_two_fees_halving",
                    json!({"type": "boolean", "default": true}),
                ),
                ("prepaid_vat", m()),
            ],
            &["period", "location"],
        ),
        Kind::CitPrepayment => object(
            &[
                ("tax_year", year(2023, 2026)),
                (
                    "quarter",
                    json!({"type": "integer", "minimum": 1, "maximum": 4}),
                ),
                (
                    "total_profit",
                    json!({"oneOf": [{"type": "string"}, {"type": "number"}], "description": "May be negative"}),
                ),
                ("specific_business_income", m()),
                ("non_taxable_income", m()),
                ("accelerated_depreciation", m()),
                ("exempt_income", m()),
                ("income_reduction", m()),
                ("loss_carryforward", m()),
                ("employees_avg", m()),
                ("total_assets_avg", m()),
                ("restricted_industry", boolean()),
                ("high_tech", boolean()),
                ("prepaid_tax", m()),
                ("specific_prepaid", m()),
            ],
            &["tax_year", "quarter"],
        ),
        Kind::StampDuty => object(
            &[
                (
                    "items",
                    json!({"type": "array", "minItems": 1, "items": object(&[
                    ("item", json!({"enum": banshui_engine::kinds::stamp_duty::ITEMS.iter().map(|(k, _)| *k).collect::<Vec<_>>()})),
                    ("amount", m())], &["item"])}),
                ),
                ("six_taxes_two_fees_halving", boolean()),
            ],
            &["items"],
        ),
    }
}

fn errors_response(description: &str) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}}})
}

pub fn build() -> Value {
    let mut paths = Map::new();
    for kind in Kind::ALL {
        paths.insert(
            format!("/api/v1/calculations/{}", kind.slug()),
            json!({"post": {
                "operationId": format!("calculate_{}", kind.slug().replace('-', "_")),
                "summary": format!("Compute a {} return with its explanation", kind.slug()),
                "parameters": [{"$ref": "#/components/parameters/AcceptLanguage"}],
                "requestBody": {"required": true, "content": {"application/json": {
                    "schema": request_schema(kind), "example": example(kind)}}},
                "responses": {
                    "200": {"description": "The computed return", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Calculation"}}}},
                    "400": errors_response("Malformed JSON"),
                    "422": errors_response("Invalid fields"),
                }
            }}),
        );
    }
    paths.insert(
        "/api/v1/taxpayer-ids/validate".into(),
        json!({"post": {
            "operationId": "validate_taxpayer_id",
            "summary": "Validate a 统一社会信用代码 (GB 32100-2015) or 居民身份证号码 (GB 11643-1999)",
            "parameters": [{"$ref": "#/components/parameters/AcceptLanguage"}],
            "requestBody": {"required": true, "content": {"application/json": {
                "schema": object(&[("id", json!({"type": "string"}))], &["id"]),
                "example": {"id": "91350100M000100Y43"}}}},
            "responses": {"200": {"description": "Whether the identifier is valid", "content": {"application/json": {"schema": {
                "type": "object", "properties": {"valid": {"type": "boolean"}, "kind": {"enum": ["uscc", "resident_id", null]},
                "normalized": {"type": "string"}, "code": {"type": "string"}, "message": {"type": "string"}}}}}},
                "400": errors_response("Malformed JSON"), "422": errors_response("Invalid fields")}
        }}),
    );
    json!({
        "openapi": "3.1.0",
        "info": {"title": "Banshui 办税 API", "version": env!("CARGO_PKG_VERSION"),
                 "description": "The Banshui tax engine over HTTP. Money is a decimal string with two decimals; rounding is half up at each return line."},
        "paths": paths,
        "components": {
            "parameters": {"AcceptLanguage": {"name": "Accept-Language", "in": "header", "required": false,
                "schema": {"type": "string", "default": "zh-CN"}, "description": "zh-CN (default) or en"}},
            "schemas": {
                "Errors": {"type": "object", "required": ["errors"], "properties": {"errors": {"type": "array", "items": {
                    "type": "object", "required": ["field", "code", "message"],
                    "properties": {"field": {"type": "string"}, "code": {"type": "string"}, "message": {"type": "string"}}}}}},
                "Line": {"type": "object", "required": ["key", "label", "amount", "basis"], "properties": {
                    "key": {"type": "string"}, "label": {"type": "string"}, "amount": {"type": "string"},
                    "basis": {"type": "string"}, "topic": {"type": "string"}}},
                "Warning": {"type": "object", "required": ["code", "message"], "properties": {"code": {"type": "string"}, "message": {"type": "string"}}},
                "Calculation": {"type": "object", "required": ["kind", "result", "lines", "warnings"], "properties": {
                    "kind": {"type": "string"}, "engine_version": {"type": "string"},
                    "result": {"type": "object", "description": "The kind's figures (see the contract), plus lines and warnings"},
                    "lines": {"type": "array", "items": {"$ref": "#/components/schemas/Line"}},
                    "warnings": {"type": "array", "items": {"$ref": "#/components/schemas/Warning"}}}}
            }
        }
    })
}

pub async fn document() -> Json<Value> {
    Json(build())
}
