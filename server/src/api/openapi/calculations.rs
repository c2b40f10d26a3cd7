//! The calculation kinds: each kind's request body (what `app/engine/src/kinds/*` read), its
//! result (the shape of the engine's answer to the kind's worked example), the periods a kind is
//! filed for, and which periods go with which answers (`filing::check_period`).
use banshui_engine::{
    calculation::{calculate, Kind},
    filing::Period,
    kinds::{iit_annual, iit_business, iit_business_prepayment, stamp_duty, vat_small_scale},
};
use serde_json::{json, Map, Value};

use super::schema::{
    boolean_or_null, choice, integer, integer_const, money, money_field, money_up_to, nullable,
    object, period_day_regex, quarter_regex, signed_money, zero_money, MONTHS, PERIOD_YEARS,
};

/// The worked examples the engine's tests use; the first of each file is the example here.
fn scenarios(kind: Kind) -> &'static str {
    match kind {
        Kind::IitAnnual => include_str!("../../../../app/engine/scenarios/iit-annual.json"),
        Kind::IitBusiness => include_str!("../../../../app/engine/scenarios/iit-business.json"),
        Kind::IitBusinessPrepayment => {
            include_str!("../../../../app/engine/scenarios/iit-business-prepayment.json")
        }
        Kind::VatSmallScale => {
            include_str!("../../../../app/engine/scenarios/vat-small-scale.json")
        }
        Kind::CitPrepayment => {
            include_str!("../../../../app/engine/scenarios/cit-prepayment.json")
        }
        Kind::StampDuty => include_str!("../../../../app/engine/scenarios/stamp-duty.json"),
    }
}

pub fn example(kind: Kind) -> Value {
    serde_json::from_str::<Value>(scenarios(kind))
        .ok()
        .and_then(|cases| cases.get(0).map(|c| c["input"].clone()))
        .unwrap_or(Value::Null)
}

/// Every worked example of a kind, as OpenAPI `examples` (name → summary and value): one for
/// each shape the request may take (the bonus, the VAT lines, each period kind …).
pub fn examples(kind: Kind) -> Value {
    let cases: Vec<Value> = serde_json::from_str(scenarios(kind)).unwrap_or_default();
    let named: Map<String, Value> = cases
        .iter()
        .enumerate()
        .map(|(i, c)| {
            (
                format!("example-{}", i + 1),
                json!({"summary": c["name"], "value": c["input"]}),
            )
        })
        .collect();
    Value::Object(named)
}

/// `iit-annual` → `IitAnnual`.
fn camel(kind: Kind) -> String {
    kind.slug()
        .split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// The component that holds a kind's request body.
pub fn request_name(kind: Kind) -> String {
    format!("{}Request", camel(kind))
}

pub fn request_ref(kind: Kind) -> Value {
    json!({"$ref": format!("#/components/schemas/{}", request_name(kind))})
}

/// A money field with a cap (`over_cap` above it); absent or null is 0.
fn capped(limit: u64) -> Value {
    nullable(money_up_to(Some(limit)))
}

/// The year of the oldest loss carried forward (a warning when more than 5 years old).
fn loss_year() -> Value {
    json!({"anyOf": [integer(2000, 2040), {"type": "null"}],
           "description": "Year of the oldest loss carried forward (optional): more than 5 years before tax_year gives the warning `loss_older_than_five_years`"})
}

fn years(range: &std::ops::RangeInclusive<i64>) -> Value {
    integer(*range.start(), *range.end())
}

/// The years a VAT period may name (`vat_small_scale::VatInput::parse`).
const VAT_YEARS: std::ops::RangeInclusive<i64> = vat_small_scale::YEARS;
/// The years a CIT prepayment may be for (`cit_prepayment::CitInput::parse`).
const CIT_YEARS: std::ops::RangeInclusive<i64> = 2023..=2026;

pub fn request_schema(kind: Kind) -> Value {
    let m = money_field;
    match kind {
        Kind::IitAnnual => {
            let mut additional = object(
                &[
                    ("child_education", m()),
                    ("infant_care", m()),
                    ("continuing_education", capped(8_400)),
                    (
                        "serious_illness_expense",
                        json!({"anyOf": [m(), {"type": "array", "minItems": 0,
                                "maxItems": iit_annual::MAX_ILLNESS_PERSONS, "items": money()}],
                               "description": "Self-paid medical cost, or one per person (self, spouse, minor children; at most 5, else 422 `too_many_items`); the deduction is min(max(x − 15000, 0), 80000) for each"}),
                    ),
                    ("housing_loan_interest", capped(12_000)),
                    ("housing_rent", capped(18_000)),
                    ("elderly_support", capped(36_000)),
                ],
                &[],
            );
            // housing_loan_interest and housing_rent both above zero → 422
            // `housing_deductions_exclusive`.
            let not_given = |field: &str| json!([{"not": {"required": [field]}}, {"properties": {field: zero_money()}}]);
            let mut either = not_given("housing_loan_interest")
                .as_array()
                .cloned()
                .unwrap_or_default();
            either.extend(
                not_given("housing_rent")
                    .as_array()
                    .cloned()
                    .unwrap_or_default(),
            );
            additional["anyOf"] = Value::Array(either);
            object(
                &[
                    ("tax_year", years(&iit_annual::TAX_YEARS)),
                    (
                        "income",
                        nullable(object(
                            &[
                                ("wages", m()),
                                ("labor", m()),
                                ("authorship", m()),
                                ("royalties", m()),
                            ],
                            &[],
                        )),
                    ),
                    ("special_deductions", m()),
                    ("additional_deductions", nullable(additional)),
                    (
                        "other_deductions",
                        nullable(object(
                            &[
                                ("private_pension", capped(12_000)),
                                ("commercial_health_insurance", capped(2_400)),
                                ("enterprise_annuity", m()),
                                ("other", m()),
                            ],
                            &[],
                        )),
                    ),
                    ("prepaid_tax", m()),
                    ("annual_bonus", m()),
                    (
                        "bonus_method",
                        nullable(choice(&["separate", "merged", "best"])),
                    ),
                    ("charitable_donations", m()),
                ],
                &["tax_year"],
            )
        }
        Kind::IitBusiness => object(
            &[
                ("tax_year", years(&iit_business::TAX_YEARS)),
                (
                    "entity",
                    choice(&["individual_business", "sole_proprietorship", "partnership"]),
                ),
                ("revenue", m()),
                ("costs", m()),
                ("loss_carryforward", m()),
                ("has_comprehensive_income", json!({"type": "boolean"})),
                ("special_deductions", m()),
                ("additional_deductions", m()),
                ("other_deductions", m()),
                ("other_relief", m()),
                ("prepaid_tax", m()),
                ("oldest_loss_year", loss_year()),
            ],
            &["tax_year", "entity", "has_comprehensive_income"],
        ),
        Kind::IitBusinessPrepayment => {
            let mut period = object(
                &[
                    ("kind", choice(&["month", "quarter"])),
                    ("index", integer(1, 12)),
                ],
                &["kind", "index"],
            );
            period["oneOf"] = json!([
                {"properties": {"kind": {"const": "month"}, "index": integer(1, 12)}},
                {"properties": {"kind": {"const": "quarter"}, "index": integer(1, 4)}},
            ]);
            object(
                &[
                    ("tax_year", years(&iit_business_prepayment::TAX_YEARS)),
                    ("period", period),
                    (
                        "entity",
                        choice(&["individual_business", "sole_proprietorship", "partnership"]),
                    ),
                    ("has_comprehensive_income", json!({"type": "boolean"})),
                    ("revenue", m()),
                    ("costs", m()),
                    ("loss_carryforward", m()),
                    ("special_deductions", m()),
                    ("other_deductions", m()),
                    ("other_relief", m()),
                    ("prepaid_tax", m()),
                    ("oldest_loss_year", loss_year()),
                ],
                &["tax_year", "period", "entity", "has_comprehensive_income"],
            )
        }
        Kind::VatSmallScale => {
            let mut period = object(
                &[
                    ("kind", choice(&["month", "quarter"])),
                    ("year", years(&VAT_YEARS)),
                    ("index", integer(1, 12)),
                ],
                &["kind", "year", "index"],
            );
            period["oneOf"] = json!([
                {"properties": {"kind": {"const": "month"}, "index": integer(1, 12)}},
                {"properties": {"kind": {"const": "quarter"}, "index": integer(1, 4)}},
            ]);
            let money_given = money_up_to(None);
            let rates: Vec<&str> = vat_small_scale::RATES.iter().map(|(k, _)| *k).collect();
            let mut line = object(
                &[
                    ("rate", choice(&rates)),
                    ("invoice", choice(&["special", "other"])),
                    ("sales", m()),
                    ("sales_inclusive", m()),
                ],
                &["rate", "invoice"],
            );
            line["oneOf"] = json!([
                {"required": ["sales"], "properties": {"sales": money_given, "sales_inclusive": {"type": "null"}}},
                {"required": ["sales_inclusive"], "properties": {"sales_inclusive": money_given, "sales": {"type": "null"}}},
            ]);
            let mut schema = object(
                &[
                    ("period", period),
                    ("sales", m()),
                    ("sales_inclusive", m()),
                    ("levy_rate", nullable(choice(&["0.01", "0.03"]))),
                    (
                        "lines",
                        json!({"type": "array", "minItems": 1,
                               "maxItems": vat_small_scale::MAX_LINES, "items": line}),
                    ),
                    ("location", choice(&["city", "county_town", "other"])),
                    ("six_taxes_two_fees_halving", boolean_or_null()),
                    ("prepaid_vat", m()),
                    ("prepaid_surcharges", m()),
                ],
                &["period", "location"],
            );
            // Exactly one of `sales`, `sales_inclusive` and `lines` (else 422
            // `exactly_one_sales_field`); `null` counts as not given; `levy_rate` only without
            // `lines`.
            let absent = json!({"type": "null"});
            schema["oneOf"] = json!([
                {"required": ["sales"], "properties": {"sales": money_given, "sales_inclusive": absent, "lines": absent}},
                {"required": ["sales_inclusive"], "properties": {"sales_inclusive": money_given, "sales": absent, "lines": absent}},
                {"required": ["lines"], "properties": {"sales": absent, "sales_inclusive": absent, "levy_rate": absent}},
            ]);
            schema["description"] = json!(
                "Exactly one of `sales` (不含税), `sales_inclusive` (含税) or `lines` (one per rate and invoice type)"
            );
            schema
        }
        Kind::CitPrepayment => object(
            &[
                ("tax_year", years(&CIT_YEARS)),
                ("quarter", integer(1, 4)),
                ("total_profit", nullable(signed_money())),
                ("specific_business_income", m()),
                ("non_taxable_income", m()),
                ("accelerated_depreciation", m()),
                ("exempt_income", m()),
                ("income_reduction", m()),
                ("loss_carryforward", m()),
                ("employees_avg", money_up_to(None)),
                ("total_assets_avg", money_up_to(None)),
                ("restricted_industry", boolean_or_null()),
                ("high_tech", boolean_or_null()),
                ("prepaid_tax", m()),
                ("specific_prepaid", m()),
            ],
            &["tax_year", "quarter", "employees_avg", "total_assets_avg"],
        ),
        Kind::StampDuty => {
            let items: Vec<&str> = stamp_duty::ITEMS.iter().map(|(k, _)| *k).collect();
            object(
                &[
                    (
                        "items",
                        json!({"type": "array", "minItems": 1,
                               "items": object(&[("item", choice(&items)), ("amount", m())], &["item"])}),
                    ),
                    ("six_taxes_two_fees_halving", boolean_or_null()),
                ],
                &["items"],
            )
        }
    }
}

/// The JSON Schema of a value's shape: its types and (objects) every key it has.
fn shape_of(value: &Value) -> Value {
    match value {
        Value::Null => json!({}),
        Value::Bool(_) => json!({"type": "boolean"}),
        Value::Number(_) => json!({"type": "number"}),
        Value::String(_) => json!({"type": "string"}),
        Value::Array(items) => {
            json!({"type": "array", "items": items.first().map(shape_of).unwrap_or(json!({}))})
        }
        Value::Object(map) => {
            let properties: Map<String, Value> =
                map.iter().map(|(k, v)| (k.clone(), shape_of(v))).collect();
            let required: Vec<&String> = map.keys().collect();
            json!({"type": "object", "required": required, "properties": properties})
        }
    }
}

/// A kind's `result`: the figures of the engine's answer to the example, plus lines and
/// warnings.
pub fn result_schema(kind: Kind) -> Value {
    let figures = calculate(kind, &example(kind))
        .map(|c| Value::Object(c.result))
        .unwrap_or_else(|_| json!({}));
    let mut schema = shape_of(&figures);
    schema["properties"]["lines"] =
        json!({"type": "array", "items": {"$ref": "#/components/schemas/Line"}});
    schema["properties"]["warnings"] =
        json!({"type": "array", "items": {"$ref": "#/components/schemas/Warning"}});
    if let Some(required) = schema["required"].as_array_mut() {
        required.extend([json!("lines"), json!("warnings")]);
    }
    schema
}

/// The calculation's answer for a kind.
pub fn calculation_schema(kind: Kind) -> Value {
    json!({"type": "object", "required": ["kind", "engine_version", "result", "lines", "warnings"], "properties": {
        "kind": {"const": kind.slug()},
        "engine_version": {"type": "string"},
        "result": result_schema(kind),
        "lines": {"type": "array", "items": {"$ref": "#/components/schemas/Line"}},
        "warnings": {"type": "array", "items": {"$ref": "#/components/schemas/Warning"}},
    }})
}

/// The shapes of period, a sample of each for asking the engine which fit a kind.
const SHAPES: [(&str, &str); 4] = [
    ("2026", "year"),
    ("2026-Q2", "quarter"),
    ("2026-03", "month"),
    ("2026-03-15", "day"),
];

/// The regular expression of the periods (2000–2099) of `shape`.
fn shape_regex(shape: &str) -> String {
    match shape {
        "year" => PERIOD_YEARS.to_string(),
        "quarter" => quarter_regex(PERIOD_YEARS, "[1-4]"),
        "month" => format!("{PERIOD_YEARS}-(?:{MONTHS})"),
        _ => period_day_regex(),
    }
}

/// The shapes of period `kind` is filed for (`Period::fits`).
pub fn shapes(kind: Kind) -> Vec<&'static str> {
    SHAPES
        .iter()
        .filter(|(sample, _)| Period::parse(sample).is_some_and(|p| p.fits(kind)))
        .map(|(_, shape)| *shape)
        .collect()
}

/// The periods `kind` is filed for, as one regular expression (trim aside).
pub fn period_regex(kind: Kind) -> String {
    shapes(kind)
        .iter()
        .map(|s| format!("(?:{})", shape_regex(s)))
        .collect::<Vec<_>>()
        .join("|")
}

pub fn period_description(kind: Kind) -> String {
    let names: Vec<String> = shapes(kind)
        .iter()
        .filter_map(|s| SHAPES.iter().find(|(_, shape)| shape == s))
        .map(|(sample, shape)| format!("{shape} `{sample}`"))
        .collect();
    format!(
        "The period of a {} return: {}",
        kind.slug(),
        names.join(", ")
    )
}

fn trimmed_period(regex: &str) -> Value {
    json!({"type": "string", "pattern": super::schema::trimmed(regex)})
}

/// The filing bodies of `kind` whose period agrees with the answers (`check_period`): the
/// tax year of an annual return, the CIT quarter, the VAT month or quarter. Each is
/// `{"kind", "period", "data"}`; the rest of the body is common.
pub fn filing_branches(kind: Kind) -> Vec<Value> {
    let branch = |period: Value, data: Value| {
        json!({"properties": {"kind": {"const": kind.slug()}, "period": period,
               "data": {"allOf": [request_ref(kind), data]}}})
    };
    match kind {
        Kind::IitAnnual | Kind::IitBusiness => {
            let range = if kind == Kind::IitAnnual {
                iit_annual::TAX_YEARS
            } else {
                iit_business::TAX_YEARS
            };
            range
                .map(|y| {
                    branch(
                        trimmed_period(&y.to_string()),
                        json!({"properties": {"tax_year": integer_const(y)}}),
                    )
                })
                .collect()
        }
        Kind::CitPrepayment => CIT_YEARS
            .flat_map(|y| {
                (1..=4).map(move |q| {
                    branch(
                        trimmed_period(&quarter_regex(&y.to_string(), &q.to_string())),
                        json!({"properties": {"tax_year": integer_const(y), "quarter": integer_const(q)}}),
                    )
                })
            })
            .collect(),
        Kind::IitBusinessPrepayment => iit_business_prepayment::TAX_YEARS
            .flat_map(|y| {
                let months = (1..=12).map(move |m| (format!("{y}-{m:02}"), "month", y, m));
                let quarters = (1..=4)
                    .map(move |q| (quarter_regex(&y.to_string(), &q.to_string()), "quarter", y, q));
                months.chain(quarters)
            })
            .map(|(period, named, y, i)| {
                branch(
                    trimmed_period(&period),
                    json!({"properties": {"tax_year": integer_const(y), "period": {"properties": {
                        "kind": {"const": named}, "index": integer_const(i)}}}}),
                )
            })
            .collect(),
        Kind::VatSmallScale => VAT_YEARS
            .flat_map(|y| {
                let months = (1..=12).map(move |m| {
                    (
                        format!("{y}-{m:02}"),
                        json!({"const": "month"}),
                        y,
                        m,
                    )
                });
                let quarters = (1..=4).map(move |q| {
                    (
                        quarter_regex(&y.to_string(), &q.to_string()),
                        json!({"const": "quarter"}),
                        y,
                        q,
                    )
                });
                months.chain(quarters)
            })
            .map(|(period, named, y, i)| {
                branch(
                    trimmed_period(&period),
                    json!({"properties": {"period": {"properties": {
                        "kind": named, "year": integer_const(y), "index": integer_const(i)}}}}),
                )
            })
            .collect(),
        Kind::StampDuty => vec![branch(trimmed_period(&period_regex(kind)), json!({}))],
    }
}
