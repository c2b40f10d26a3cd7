//! Properties that must hold for every input, not only the worked examples.
#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot read its own data should fail loudly"
)]
use banshui_engine::{
    calculation::{calculate, Kind},
    ids::{resident_id, uscc, ResidentId, TaxpayerId, Uscc},
    money::Money,
    rates::{BUSINESS, COMPREHENSIVE},
};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::json;

fn money(cents: i64) -> Money {
    Money::round(Decimal::new(cents, 2))
}

fn get(v: &serde_json::Map<String, serde_json::Value>, k: &str) -> Decimal {
    v[k].as_str().unwrap().parse().unwrap()
}

proptest! {
    #[test]
    fn tax_is_never_negative_and_more_income_never_means_less_tax(
        wages in 0i64..300_000_000, extra in 0i64..10_000_000, special in 0i64..10_000_000,
    ) {
        let a = calculate(Kind::IitAnnual, &json!({"tax_year": 2025, "income": {"wages": money(wages).to_string()},
            "special_deductions": money(special).to_string()})).unwrap();
        let b = calculate(Kind::IitAnnual, &json!({"tax_year": 2025, "income": {"wages": money(wages + extra).to_string()},
            "special_deductions": money(special).to_string()})).unwrap();
        prop_assert!(get(&a.result, "tax") >= Decimal::ZERO);
        prop_assert!(get(&b.result, "tax") >= get(&a.result, "tax"));
    }

    #[test]
    fn business_tax_is_monotone_and_never_negative(rev in 0i64..1_000_000_000, extra in 0i64..10_000_000, relief in 0i64..1_000_000) {
        let body = |r: i64| json!({"tax_year": 2025, "entity": "individual_business", "revenue": money(r).to_string(),
            "has_comprehensive_income": true});
        let a = calculate(Kind::IitBusiness, &body(rev)).unwrap();
        let b = calculate(Kind::IitBusiness, &body(rev + extra)).unwrap();
        prop_assert!(get(&b.result, "tax") >= get(&a.result, "tax"));
        prop_assert!(get(&b.result, "tax_payable") >= get(&a.result, "tax_payable"));
        let with_relief = calculate(Kind::IitBusiness, &json!({"tax_year": 2025, "entity": "individual_business",
            "revenue": money(rev).to_string(), "has_comprehensive_income": true, "other_relief": money(relief).to_string()})).unwrap();
        prop_assert!(get(&with_relief.result, "tax_payable") >= Decimal::ZERO);
        prop_assert!(get(&with_relief.result, "half_relief") >= Decimal::ZERO);
    }

    #[test]
    fn inclusive_and_exclusive_sales_agree(sales in 0i64..10_000_000_000, rate in prop::sample::select(vec!["0.01", "0.03"])) {
        let r: Decimal = rate.parse().unwrap();
        let exclusive = money(sales);
        let inclusive = Money::round(exclusive.amount() * (Decimal::ONE + r));
        let period = json!({"kind": "month", "year": 2026, "index": 6});
        let a = calculate(Kind::VatSmallScale, &json!({"period": period, "sales": exclusive.to_string(), "levy_rate": rate, "location": "city"})).unwrap();
        let b = calculate(Kind::VatSmallScale, &json!({"period": period, "sales_inclusive": inclusive.to_string(), "levy_rate": rate, "location": "city"})).unwrap();
        // Converting back recovers the exclusive amount, so every figure agrees.
        prop_assert_eq!(&a.result, &b.result);
    }

    #[test]
    fn cit_payable_never_negative_and_monotone(profit in -1_000_000_000i64..100_000_000_000, extra in 0i64..100_000_000) {
        let body = |p: i64| json!({"tax_year": 2026, "quarter": 2, "total_profit": money(p).to_string(), "employees_avg": 10, "total_assets_avg": "1000000"});
        let a = calculate(Kind::CitPrepayment, &body(profit)).unwrap();
        prop_assert!(get(&a.result, "payable") >= Decimal::ZERO);
        let b = calculate(Kind::CitPrepayment, &body(profit + extra)).unwrap();
        prop_assert!(get(&b.result, "tax") >= get(&a.result, "tax"));
    }

    #[test]
    fn generated_usccs_pass_and_every_single_change_fails(body in proptest::collection::vec(0usize..31, 17), pos in 0usize..18, delta in 1usize..31) {
        let alphabet = Uscc::alphabet();
        let mut code: Vec<u8> = body.iter().map(|&i| alphabet[i]).collect();
        code.push(uscc::check_character(&code).unwrap());
        let valid = String::from_utf8(code.clone()).unwrap();
        prop_assert!(Uscc::parse(&valid).is_ok(), "{}", valid);
        let old = alphabet.iter().position(|&c| c == code[pos]).unwrap();
        code[pos] = alphabet[(old + delta) % 31];
        let changed = String::from_utf8(code).unwrap();
        prop_assert!(Uscc::parse(&changed).is_err(), "{} accepted after changing position {}", changed, pos);
    }

    #[test]
    fn generated_resident_ids_pass_and_every_single_change_fails(
        area in 110000u32..659999, year in 1900u32..2026, month in 1u32..=12, day in 1u32..=28, seq in 0u32..999,
        pos in 0usize..18, delta in 1u8..11,
    ) {
        let mut id = format!("{area:06}{year:04}{month:02}{day:02}{seq:03}").into_bytes();
        id.push(resident_id::check_character(&id).unwrap());
        let valid = String::from_utf8(id.clone()).unwrap();
        prop_assert!(ResidentId::parse(&valid).is_ok(), "{}", valid);
        prop_assert_eq!(TaxpayerId::parse(&valid).unwrap().kind().as_str(), "resident_id");
        // Change one character to another allowed at that place (digits; X also last).
        let chars: &[u8] = if pos == 17 { b"0123456789X" } else { b"0123456789" };
        let old = chars.iter().position(|&c| c == id[pos]).unwrap();
        let step = 1 + (delta as usize - 1) % (chars.len() - 1);
        id[pos] = chars[(old + step) % chars.len()];
        let changed = String::from_utf8(id).unwrap();
        prop_assert!(ResidentId::parse(&changed).is_err(), "{} accepted after changing position {}", changed, pos);
    }
}

/// At every bracket boundary the tax is continuous: one fen more income never adds more than
/// one fen of tax beyond the marginal rate.
#[test]
fn tax_is_continuous_at_every_bracket_boundary() {
    for table in [&COMPREHENSIVE, &BUSINESS] {
        for br in table.brackets {
            let Some(upper) = br.upper else { continue };
            let at = Money::round(upper);
            let above = at + money(1);
            let (_, t0) = table.tax(at);
            let (next, t1) = table.tax(above);
            let jump = t1.amount() - t0.amount();
            assert!(jump >= Decimal::ZERO, "{upper}: tax fell");
            assert!(
                jump <= next.rate * Decimal::new(1, 2) + Decimal::new(1, 2),
                "{upper}: jump {jump}"
            );
        }
    }
}
