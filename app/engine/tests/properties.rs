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

fn s(v: &serde_json::Map<String, serde_json::Value>, k: &str) -> Decimal {
    get(v, k)
}

proptest! {
    /// The bonus: "best" never costs more than either method, and reports both totals.
    #[test]
    fn best_bonus_method_never_costs_more(
        wages in 0i64..100_000_000, bonus in 1i64..200_000_000, special in 0i64..5_000_000,
    ) {
        let body = |method: &str| json!({"tax_year": 2025, "income": {"wages": money(wages).to_string()},
            "special_deductions": money(special).to_string(), "annual_bonus": money(bonus).to_string(),
            "bonus_method": method});
        let best = calculate(Kind::IitAnnual, &body("best")).unwrap().result;
        let separate = calculate(Kind::IitAnnual, &body("separate")).unwrap().result;
        let merged = calculate(Kind::IitAnnual, &body("merged")).unwrap().result;
        prop_assert!(s(&best, "tax") <= s(&separate, "tax"));
        prop_assert!(s(&best, "tax") <= s(&merged, "tax"));
        prop_assert_eq!(&best["bonus_comparison"]["separate"], &separate["tax"]);
        prop_assert_eq!(&best["bonus_comparison"]["merged"], &merged["tax"]);
        prop_assert_eq!(s(&best, "tax"), s(&best, "comprehensive_tax") + s(&best, "bonus_tax"));
    }

    /// VAT by line: an exempt line never carries VAT, a 专票 line is never exempt, and the
    /// totals are the sums of the lines.
    #[test]
    fn vat_lines_exempt_and_special_rules(
        quarterly in any::<bool>(), year in 2024i64..=2027,
        lines in proptest::collection::vec((0usize..5, any::<bool>(), 0i64..40_000_000), 1..6),
    ) {
        let rates = ["0.01", "0.03", "0.02", "0.05", "0.015"];
        let body_lines: Vec<_> = lines.iter().map(|(r, special, cents)| json!({
            "rate": rates[*r], "invoice": if *special { "special" } else { "other" },
            "sales": money(*cents).to_string()})).collect();
        let index = if quarterly { 2 } else { 5 };
        let kind = if quarterly { "quarter" } else { "month" };
        let result = calculate(Kind::VatSmallScale, &json!({"period": {"kind": kind, "year": year, "index": index},
            "lines": body_lines, "location": "city"})).unwrap().result;
        let out = result["sales_lines"].as_array().unwrap();
        prop_assert_eq!(out.len(), lines.len());
        let mut vat = Decimal::ZERO;
        let mut exempt_sales = Decimal::ZERO;
        for (line, (_, special, _)) in out.iter().zip(&lines) {
            let line = line.as_object().unwrap();
            let exempt = line["exempt"].as_bool().unwrap();
            if exempt {
                prop_assert_eq!(s(line, "vat"), Decimal::ZERO);
                exempt_sales += s(line, "sales");
            }
            if *special {
                prop_assert!(!exempt);
            }
            vat += s(line, "vat");
        }
        prop_assert_eq!(s(&result, "vat"), vat);
        prop_assert_eq!(s(&result, "exempt_sales"), exempt_sales);
        prop_assert!(s(&result, "total_due") >= Decimal::ZERO);
    }

    /// Four quarters prepaid on the year's own figures give the annual return's tax: the Q4
    /// cumulative prepayment with nothing prepaid equals the annual tax_payable.
    #[test]
    fn fourth_quarter_prepayment_equals_the_annual_tax(
        revenue in 0i64..500_000_000, costs in 0i64..300_000_000, special in 0i64..3_000_000,
        comprehensive in any::<bool>(), entity in 0usize..3,
    ) {
        let entity = ["individual_business", "sole_proprietorship", "partnership"][entity];
        let q4 = calculate(Kind::IitBusinessPrepayment, &json!({"tax_year": 2026,
            "period": {"kind": "quarter", "index": 4}, "entity": entity,
            "has_comprehensive_income": comprehensive, "revenue": money(revenue).to_string(),
            "costs": money(costs).to_string(), "special_deductions": money(special).to_string()})).unwrap().result;
        let annual = calculate(Kind::IitBusiness, &json!({"tax_year": 2026, "entity": entity,
            "has_comprehensive_income": comprehensive, "revenue": money(revenue).to_string(),
            "costs": money(costs).to_string(), "special_deductions": money(special).to_string()})).unwrap().result;
        prop_assert_eq!(s(&q4, "taxable_income"), s(&annual, "taxable_income"));
        prop_assert_eq!(s(&q4, "payable"), s(&annual, "tax_payable"));
        // Each quarter's cumulative tax, less what the earlier quarters paid, adds up to it.
        let mut paid = Decimal::ZERO;
        for q in 1..=4i64 {
            let share = |x: i64| money(x * q / 4).to_string();
            let r = calculate(Kind::IitBusinessPrepayment, &json!({"tax_year": 2026,
                "period": {"kind": "quarter", "index": q}, "entity": entity,
                "has_comprehensive_income": comprehensive, "revenue": if q == 4 { money(revenue).to_string() } else { share(revenue) },
                "costs": if q == 4 { money(costs).to_string() } else { share(costs) },
                "special_deductions": if q == 4 { money(special).to_string() } else { share(special) },
                "prepaid_tax": paid.to_string()})).unwrap().result;
            paid += s(&r, "payable");
        }
        prop_assert!(paid >= s(&annual, "tax_payable"));
    }
}

/// Removing any required field from a valid request gives 422 `missing_field` on that field.
#[test]
fn removing_a_required_field_is_missing_field() {
    let cases = [
        (Kind::IitAnnual, json!({"tax_year": 2025}), vec!["tax_year"]),
        (
            Kind::IitBusiness,
            json!({"tax_year": 2025, "entity": "individual_business", "has_comprehensive_income": false}),
            vec!["tax_year", "entity", "has_comprehensive_income"],
        ),
        (
            Kind::IitBusinessPrepayment,
            json!({"tax_year": 2026, "period": {"kind": "quarter", "index": 1},
                   "entity": "individual_business", "has_comprehensive_income": false}),
            vec!["tax_year", "period", "entity", "has_comprehensive_income"],
        ),
        (
            Kind::VatSmallScale,
            json!({"period": {"kind": "month", "year": 2026, "index": 1}, "sales": "1", "location": "city"}),
            vec!["period", "location"],
        ),
        (
            Kind::CitPrepayment,
            json!({"tax_year": 2026, "quarter": 1, "employees_avg": 10, "total_assets_avg": "100"}),
            vec!["tax_year", "quarter", "employees_avg", "total_assets_avg"],
        ),
        (
            Kind::StampDuty,
            json!({"items": [{"item": "sales_contract", "amount": "1"}]}),
            vec!["items"],
        ),
    ];
    for (kind, valid, required) in cases {
        assert!(calculate(kind, &valid).is_ok(), "{} valid", kind.slug());
        for field in required {
            let mut body = valid.clone();
            body.as_object_mut().unwrap().remove(field);
            let errors = calculate(kind, &body).unwrap_err();
            assert!(
                errors
                    .iter()
                    .any(|e| e.field == field && e.code.as_str() == "missing_field"),
                "{} without {field}: {errors:?}",
                kind.slug()
            );
        }
    }
    // Nested: each part of a period, and each part of a VAT line.
    let errors = calculate(
        Kind::VatSmallScale,
        &json!({"period": {"kind": "month", "year": 2026},
        "lines": [{"rate": "0.01", "sales": "5"}], "location": "city"}),
    )
    .unwrap_err();
    let fields: Vec<_> = errors
        .iter()
        .map(|e| (e.field.as_str(), e.code.as_str()))
        .collect();
    assert!(
        fields.contains(&("period.index", "missing_field")),
        "{fields:?}"
    );
    assert!(
        fields.contains(&("lines[0].invoice", "missing_field")),
        "{fields:?}"
    );
}
