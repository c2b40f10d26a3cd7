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

/// The form's initial values: defaults, overridden by what the URL query holds.
pub fn initial_values(kind: Kind, query: impl Fn(&str) -> Option<String>) -> Values {
    let mut values = Values::new();
    for field in fields(kind) {
        values.insert(
            field.path.to_string(),
            query(field.path).unwrap_or_else(|| default_value(field)),
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

fn insert_path(root: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        Some((head, rest)) => {
            let child = root
                .entry(head.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(map) = child {
                insert_path(map, rest, value);
            }
        }
        None => {
            root.insert(path.to_string(), value);
        }
    }
}

/// Builds the engine input: empty money fields are left out (the contract reads them as 0),
/// years and indexes become numbers, yes/no become booleans.
pub fn to_input(kind: Kind, values: &Values) -> Value {
    let mut root = Map::new();
    for field in fields(kind) {
        let raw = values.get(field.path).map(|s| s.trim()).unwrap_or_default();
        let value = match field.input {
            Input::Money if raw.is_empty() => continue,
            Input::Money => Value::String(raw.to_string()),
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
    Value::Object(root)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
