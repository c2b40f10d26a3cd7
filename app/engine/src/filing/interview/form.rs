//! The calculator form's values (what was typed, by field path) → the engine's JSON input.
use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::fields::{fields, Field, Input, STAMP_ROWS};
use crate::calculation::Kind;

/// What the user typed or chose, keyed by field path (also the form's input names).
pub type Values = BTreeMap<String, String>;

/// The value a field shows when nothing was typed yet.
pub fn default_value(field: &Field) -> String {
    match field.input {
        Input::Money => String::new(),
        Input::Select(options) | Input::Radios(options) => options
            .first()
            .map(|(v, _)| v.to_string())
            .unwrap_or_default(),
        Input::YesNo(default) => if default { "true" } else { "false" }.to_string(),
    }
}

/// How a first-revision value becomes a row's value.
pub type LegacyMap = fn(&str) -> String;

/// Where the first revision's form kept what is now a row's field, and how its value maps:
/// the VAT return's one line (`sales`, `sales_inclusive`, `levy_rate` 0.03 = a 专票) and one
/// person's serious-illness cost.
pub fn legacy_path(path: &str) -> Option<(&'static str, LegacyMap)> {
    fn same(v: &str) -> String {
        v.to_string()
    }
    fn invoice(levy_rate: &str) -> String {
        if levy_rate.trim() == "0.03" {
            "special".into()
        } else {
            "other".into()
        }
    }
    match path {
        "lines[0].sales" => Some(("sales", same)),
        "lines[0].sales_inclusive" => Some(("sales_inclusive", same)),
        "lines[0].rate" => Some(("levy_rate", same)),
        "lines[0].invoice" => Some(("levy_rate", invoice)),
        "additional_deductions.serious_illness_expense[0]" => {
            Some(("additional_deductions.serious_illness_expense", same))
        }
        _ => None,
    }
}

/// The form's initial values: defaults, overridden by what the URL query holds.
pub fn initial_values(kind: Kind, query: impl Fn(&str) -> Option<String>) -> Values {
    let mut values = Values::new();
    for field in fields(kind) {
        let given = query(field.path)
            .or_else(|| legacy_path(field.path).and_then(|(old, map)| query(old).map(|v| map(&v))));
        values.insert(
            field.path.to_string(),
            given.unwrap_or_else(|| default_value(field)),
        );
    }
    if kind == Kind::StampDuty {
        for i in 0..STAMP_ROWS {
            for part in ["item", "amount"] {
                let path = format!("items[{i}].{part}");
                let default = if part == "item" && i == 0 {
                    "sales_contract".to_string()
                } else {
                    String::new()
                };
                values.insert(path.clone(), query(&path).unwrap_or(default));
            }
        }
    }
    values
}

/// One step of a path: `wages`, or `lines[2]` (a name and an index).
fn split_index(segment: &str) -> (&str, Option<usize>) {
    match segment.strip_suffix(']').and_then(|s| s.split_once('[')) {
        Some((name, index)) => (name, index.parse().ok()),
        None => (segment, None),
    }
}

/// Sets `value` at `path` (`income.wages`, `lines[1].sales`, `x.list[3]`), creating objects
/// and arrays on the way (array gaps are `null`, removed by [`compact`]).
fn insert_path(root: &mut Map<String, Value>, path: &str, value: Value) {
    let (head, rest) = match path.split_once('.') {
        Some((head, rest)) => (head, Some(rest)),
        None => (path, None),
    };
    let (name, index) = split_index(head);
    let Some(i) = index else {
        match rest {
            Some(rest) => {
                let child = root
                    .entry(name.to_string())
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(map) = child {
                    insert_path(map, rest, value);
                }
            }
            None => {
                root.insert(name.to_string(), value);
            }
        }
        return;
    };
    let list = root
        .entry(name.to_string())
        .or_insert_with(|| Value::Array(Vec::new()));
    let Value::Array(items) = list else {
        return;
    };
    if items.len() <= i {
        items.resize(i + 1, Value::Null);
    }
    match rest {
        Some(rest) => {
            if !items[i].is_object() {
                items[i] = Value::Object(Map::new());
            }
            if let Value::Object(map) = &mut items[i] {
                insert_path(map, rest, value);
            }
        }
        None => items[i] = value,
    }
}

/// Removes the gaps (`null`) that rows left empty leave in arrays.
fn compact(value: &mut Value) {
    match value {
        Value::Array(items) => {
            items.retain(|v| !v.is_null());
            items.iter_mut().for_each(compact);
        }
        Value::Object(map) => map.values_mut().for_each(compact),
        _ => {}
    }
}

/// A row of a list (`lines[2].rate` → `Some(("lines", 2))`).
fn row_of(path: &str) -> Option<(&str, usize)> {
    let (head, rest) = path.split_once('.')?;
    let _ = rest;
    match split_index(head) {
        (name, Some(i)) => Some((name, i)),
        _ => None,
    }
}

/// Whether a row of objects is sent: the first always, the others when an amount is typed.
fn row_is_sent(kind: Kind, values: &Values, list: &str, i: usize) -> bool {
    i == 0
        || fields(kind).iter().any(|f| {
            f.input == Input::Money
                && row_of(f.path) == Some((list, i))
                && values.get(f.path).is_some_and(|v| !v.trim().is_empty())
        })
}

/// Builds the engine input: empty money fields are left out (the contract reads them as 0),
/// years and indexes become numbers, yes/no become booleans.
pub fn to_input(kind: Kind, values: &Values) -> Value {
    let mut root = Map::new();
    for field in fields(kind) {
        let raw = values.get(field.path).map(|s| s.trim()).unwrap_or_default();
        if let Some((list, i)) = row_of(field.path) {
            if !row_is_sent(kind, values, list, i) {
                continue;
            }
        }
        let value = match field.input {
            Input::Money if raw.is_empty() => continue,
            Input::Money => Value::String(raw.to_string()),
            // A select's blank choice ("none") sends nothing.
            Input::Select(_) if raw.is_empty() => continue,
            Input::Select(_) => raw
                .parse::<i64>()
                .map(Value::from)
                .unwrap_or_else(|_| Value::String(raw.to_string())),
            Input::YesNo(_) => Value::Bool(raw == "true"),
            Input::Radios(_) => Value::String(raw.to_string()),
        };
        insert_path(&mut root, field.path, value);
    }
    if kind == Kind::StampDuty {
        let mut items = Vec::new();
        for i in 0..STAMP_ROWS {
            let item = values
                .get(&format!("items[{i}].item"))
                .map(|s| s.trim())
                .unwrap_or_default();
            let amount = values
                .get(&format!("items[{i}].amount"))
                .map(|s| s.trim())
                .unwrap_or_default();
            if item.is_empty() || (amount.is_empty() && i > 0) {
                continue;
            }
            let mut row = Map::new();
            row.insert("item".into(), Value::String(item.to_string()));
            if !amount.is_empty() {
                row.insert("amount".into(), Value::String(amount.to_string()));
            }
            items.push(Value::Object(row));
        }
        root.insert("items".into(), Value::Array(items));
    }
    let mut input = Value::Object(root);
    compact(&mut input);
    input
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The interview asks the year of the oldest loss carried forward: none by default (no
    /// warning), and a loss more than five years old is warned about.
    #[test]
    fn the_oldest_loss_year_reaches_the_engine() {
        for kind in [Kind::IitBusiness, Kind::IitBusinessPrepayment] {
            let answers = |year: Option<&str>| {
                let values = initial_values(kind, |p| match p {
                    "tax_year" => Some("2025".into()),
                    "revenue" => Some("300000".into()),
                    "loss_carryforward" => Some("20000".into()),
                    "oldest_loss_year" => year.map(str::to_string),
                    _ => None,
                });
                let input = to_input(kind, &values);
                let warned = crate::calculation::calculate(kind, &input)
                    .unwrap_or_else(|e| panic!("{kind:?} {e:?}"))
                    .warnings
                    .iter()
                    .any(|w| w.code == "loss_older_than_five_years");
                (input["oldest_loss_year"].clone(), warned)
            };
            assert_eq!(answers(None), (Value::Null, false), "{kind:?}");
            assert_eq!(
                answers(Some("2020")),
                (Value::from(2020), false),
                "{kind:?}"
            );
            assert_eq!(answers(Some("2019")), (Value::from(2019), true), "{kind:?}");
        }
    }

    #[test]
    fn builds_nested_input_without_empty_money() {
        let values = initial_values(Kind::IitAnnual, |p| {
            (p == "income.wages").then(|| "200,000".to_string())
        });
        let input = to_input(Kind::IitAnnual, &values);
        assert_eq!(input["tax_year"], 2025);
        assert_eq!(input["income"]["wages"], "200,000");
        assert!(input["income"].get("labor").is_none());
    }

    #[test]
    fn stamp_rows_skip_empty_ones() {
        let values = initial_values(Kind::StampDuty, |p| {
            (p == "items[0].amount").then(|| "1234567".to_string())
        });
        let input = to_input(Kind::StampDuty, &values);
        assert_eq!(input["items"].as_array().map(Vec::len), Some(1));
        assert_eq!(input["six_taxes_two_fees_halving"], false);
    }

    #[test]
    fn vat_rows_send_the_first_and_the_filled_ones_and_read_the_first_revision() {
        // The first revision's query (one line, 0.03 = a 专票) fills row 1.
        let values = initial_values(Kind::VatSmallScale, |p| match p {
            "sales_inclusive" => Some("51500".into()),
            "levy_rate" => Some("0.03".into()),
            "lines[2].sales" => Some("1000".into()),
            "lines[2].rate" => Some("0.05".into()),
            _ => None,
        });
        let input = to_input(Kind::VatSmallScale, &values);
        assert_eq!(
            input["lines"],
            serde_json::json!([
                {"rate": "0.03", "invoice": "special", "sales_inclusive": "51500"},
                {"rate": "0.05", "invoice": "other", "sales": "1000"},
            ])
        );
        assert!(input.get("sales").is_none() && input.get("levy_rate").is_none());
        // Nothing typed: the first row is still sent, so the error names it.
        let empty = to_input(
            Kind::VatSmallScale,
            &initial_values(Kind::VatSmallScale, |_| None),
        );
        assert_eq!(
            empty["lines"],
            serde_json::json!([{"rate": "0.01", "invoice": "other"}])
        );
    }

    #[test]
    fn serious_illness_per_person() {
        let values = initial_values(Kind::IitAnnual, |p| match p {
            "additional_deductions.serious_illness_expense" => Some("60000".into()),
            "additional_deductions.serious_illness_expense[2]" => Some("20000".into()),
            _ => None,
        });
        let input = to_input(Kind::IitAnnual, &values);
        assert_eq!(
            input["additional_deductions"]["serious_illness_expense"],
            serde_json::json!(["60000", "20000"])
        );
    }
}
