//! Arbitrary bytes and arbitrary JSON thrown at every reader of outside input: the engine's
//! input reader (each kind), the self-check figures and CSV import, the receipt-number and period
//! parsers. None may panic; every refusal names a field (or, for the CSV, a row and column) with
//! a known code.
#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot read its own data should fail loudly"
)]
use banshui_engine::{
    calculation::{calculate, Kind},
    filing::{receipt::ReceiptNumber, Date, Period},
    self_check::{csv, Request},
    ErrorCode, FieldError,
};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// Any JSON value, a few levels deep, with the names the readers look for among random ones.
fn any_json() -> impl Strategy<Value = Value> {
    let names = prop_oneof![
        Just("tax_year".to_string()),
        Just("income".to_string()),
        Just("wages".to_string()),
        Just("items".to_string()),
        Just("amount".to_string()),
        Just("item".to_string()),
        Just("revenue".to_string()),
        Just("current".to_string()),
        Just("industry".to_string()),
        Just("sales_inclusive".to_string()),
        Just("period".to_string()),
        "[a-z_]{1,12}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        "[0-9.,\\- ]{0,20}".prop_map(Value::String),
        ".{0,24}".prop_map(Value::String),
        Just(json!("2025")),
        Just(json!("999999999999999999999999.99")),
    ];
    leaf.prop_recursive(4, 48, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((names.clone(), inner), 0..8)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn refusals_are_named(errors: &[FieldError]) -> Result<(), TestCaseError> {
    prop_assert!(!errors.is_empty(), "a refusal says why");
    for e in errors {
        prop_assert!(ErrorCode::ALL.contains(&e.code), "{:?}", e);
        prop_assert!(
            !e.field.contains(char::is_control),
            "field names are printable: {:?}",
            e.field
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn every_kind_reads_any_json_without_panicking(input in any_json()) {
        for kind in Kind::ALL {
            if let Err(errors) = calculate(kind, &input) {
                refusals_are_named(&errors)?;
            }
        }
    }

    #[test]
    fn every_kind_reads_near_valid_json_without_panicking(
        year in prop_oneof![Just(json!(2025)), Just(json!("2025")), any::<i64>().prop_map(|n| json!(n))],
        amount in prop_oneof![".{0,16}", "[0-9]{1,20}(\\.[0-9]{0,4})?", "-[0-9]{1,6}"],
    ) {
        let bodies = [
            json!({"tax_year": year, "income": {"wages": amount}}),
            json!({"items": [{"item": "sales_contract", "amount": amount}], "six_taxes_two_fees_halving": false}),
            json!({"tax_year": year, "entity": "individual_business", "revenue": amount, "has_comprehensive_income": true}),
            json!({"period": "2026-Q1", "sales_inclusive": amount}),
        ];
        for kind in Kind::ALL {
            for body in &bodies {
                if let Err(errors) = calculate(kind, body) {
                    refusals_are_named(&errors)?;
                }
            }
        }
    }

    #[test]
    fn self_check_figures_read_any_json(input in any_json()) {
        if let Err(errors) = Request::parse(&input) {
            refusals_are_named(&errors)?;
        }
    }

    #[test]
    fn the_csv_import_reads_any_text(text in ".{0,400}", lines in prop::collection::vec("[^\\n]{0,40}", 0..12)) {
        for candidate in [text.clone(), lines.join("\n"), format!("figure,current,base\n{}", lines.join("\n"))] {
            if let Err(errors) = csv::parse(&candidate) {
                prop_assert!(!errors.is_empty());
                for e in errors {
                    prop_assert!(!e.code.is_empty());
                    prop_assert!(e.value.chars().count() <= candidate.chars().count());
                }
            }
        }
    }

    #[test]
    fn receipt_numbers_and_periods_parse_any_text(text in ".{0,40}", bytes in prop::collection::vec(any::<u8>(), 0..40)) {
        let lossy = String::from_utf8_lossy(&bytes).into_owned();
        for t in [&text, &lossy] {
            // A parsed receipt number prints back as itself, and so does a date.
            if let Some(r) = ReceiptNumber::parse(t) {
                prop_assert_eq!(ReceiptNumber::parse(&r.to_string()), Some(r));
            }
            if let Some(p) = Period::parse(t) {
                prop_assert_eq!(Period::parse(&p.to_string()), Some(p));
            }
            if let Some(d) = Date::parse(t) {
                prop_assert_eq!(d.to_string(), t.to_string());
            }
        }
    }
}

/// Found by schemathesis driving the OpenAPI document: a whole number written as a float is
/// the same JSON number and is read as one; a null item is missing, not silently dropped.
#[test]
fn whole_numbers_written_as_floats_and_null_items() {
    let as_int = calculate(
        Kind::IitAnnual,
        &json!({"tax_year": 2025, "income": {"wages": "200000"}}),
    );
    let as_float = calculate(
        Kind::IitAnnual,
        &json!({"tax_year": 2025.0, "income": {"wages": "200000"}}),
    );
    assert!(as_int.is_ok());
    assert_eq!(format!("{as_int:?}"), format!("{as_float:?}"));
    let half = calculate(Kind::IitAnnual, &json!({"tax_year": 2025.5})).unwrap_err();
    assert!(half.iter().any(|e| e.field == "tax_year"), "{half:?}");
    let null_item = calculate(
        Kind::StampDuty,
        &json!({"items": [{"item": null, "amount": "5000000"}, {"item": "sales_contract", "amount": "1000"}]}),
    )
    .unwrap_err();
    assert_eq!(null_item.len(), 1, "{null_item:?}");
    assert_eq!(null_item[0].field, "items[0].item");
    // A null (or absent) item is a required field that is missing (the contract's rev 2).
    assert_eq!(null_item[0].code.as_str(), "missing_field");
    let no_items = calculate(Kind::StampDuty, &json!({})).unwrap_err();
    assert_eq!(
        (no_items[0].field.as_str(), no_items[0].code.as_str()),
        ("items", "missing_field")
    );
    let empty = calculate(Kind::StampDuty, &json!({"items": []})).unwrap_err();
    assert_eq!(
        (empty[0].field.as_str(), empty[0].code.as_str()),
        ("items", "required")
    );
}
