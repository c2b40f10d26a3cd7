//! Every worked example of the reference (`scenarios/*.json`, shared with the API and browser
//! tests) computed by the engine.
#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot read its own data should fail loudly"
)]
use banshui_engine::calculation::{calculate, Kind};
use serde_json::Value;

fn run(kind: Kind) -> usize {
    let path = format!(
        "{}/scenarios/{}.json",
        env!("CARGO_MANIFEST_DIR"),
        kind.slug()
    );
    let cases: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let calc = calculate(kind, &case["input"]).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        for (field, expected) in case["expect"].as_object().unwrap() {
            assert_eq!(calc.result.get(field), Some(expected), "{name}: {field}");
        }
    }
    cases.len()
}

#[test]
fn iit_annual_worked_examples() {
    assert!(run(Kind::IitAnnual) >= 15);
}

#[test]
fn iit_business_worked_examples() {
    assert!(run(Kind::IitBusiness) >= 7);
}

#[test]
fn vat_small_scale_worked_examples() {
    assert!(run(Kind::VatSmallScale) >= 8);
}

#[test]
fn cit_prepayment_worked_examples() {
    assert!(run(Kind::CitPrepayment) >= 9);
}

#[test]
fn stamp_duty_worked_examples() {
    assert!(run(Kind::StampDuty) >= 10);
}

#[test]
fn iit_business_prepayment_worked_examples() {
    assert!(run(Kind::IitBusinessPrepayment) >= 6);
}
