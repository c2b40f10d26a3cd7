//! Reading raw input (a JSON value, from the API or built by a browser form) into typed values,
//! collecting every problem with the JSON path of its field. Unknown fields are refused: a typo
//! must not silently become zero.
use std::collections::BTreeSet;

use serde_json::Value;

use crate::{
    error::{ErrorCode, FieldError},
    money::Money,
};

/// Walks one JSON object; records errors instead of stopping at the first.
pub struct Reader<'a> {
    path: String,
    object: Option<&'a serde_json::Map<String, Value>>,
    seen: BTreeSet<&'static str>,
    errors: &'a std::cell::RefCell<Vec<FieldError>>,
}

/// Owns the error list that every [`Reader`] of one document writes to.
#[derive(Default)]
pub struct Errors(std::cell::RefCell<Vec<FieldError>>);

impl Errors {
    pub fn root<'a>(&'a self, value: &'a Value) -> Reader<'a> {
        Reader::new(String::new(), value, &self.0)
    }

    pub fn push(&self, error: FieldError) {
        self.0.borrow_mut().push(error);
    }

    pub fn into_result<T>(self, value: T) -> Result<T, Vec<FieldError>> {
        let errors = self.0.into_inner();
        if errors.is_empty() {
            Ok(value)
        } else {
            Err(errors)
        }
    }

    /// Keeps only the errors `keep` accepts.
    pub fn retain(&self, keep: impl FnMut(&FieldError) -> bool) {
        self.0.borrow_mut().retain(keep);
    }

    pub fn is_empty(&self) -> bool {
        self.0.borrow().is_empty()
    }
}

impl<'a> Reader<'a> {
    fn new(
        path: String,
        value: &'a Value,
        errors: &'a std::cell::RefCell<Vec<FieldError>>,
    ) -> Self {
        let object = match value {
            Value::Object(map) => Some(map),
            _ => {
                errors
                    .borrow_mut()
                    .push(FieldError::new(path.clone(), ErrorCode::WrongType));
                None
            }
        };
        Reader {
            path,
            object,
            seen: BTreeSet::new(),
            errors,
        }
    }

    fn field_path(&self, name: &str) -> String {
        if self.path.is_empty() {
            name.to_string()
        } else {
            format!("{}.{name}", self.path)
        }
    }

    fn error(&self, name: &str, code: ErrorCode) {
        self.errors
            .borrow_mut()
            .push(FieldError::new(self.field_path(name), code));
    }

    pub fn push(&self, error: FieldError) {
        self.errors.borrow_mut().push(error);
    }

    fn get(&mut self, name: &'static str) -> Option<&'a Value> {
        self.seen.insert(name);
        self.object?.get(name).filter(|v| !v.is_null())
    }

    /// A money field; missing means 0.00. Strings and numbers are accepted.
    pub fn money(&mut self, name: &'static str) -> Money {
        self.money_signed(name, false)
    }

    /// A money field that may be negative (利润总额 can be a loss).
    pub fn money_signed(&mut self, name: &'static str, allow_negative: bool) -> Money {
        let path = self.field_path(name);
        match self.get(name) {
            None => Money::ZERO,
            Some(Value::String(s)) => Money::parse(s, &path, allow_negative).unwrap_or_else(|e| {
                self.push(e);
                Money::ZERO
            }),
            Some(Value::Number(n)) => Money::parse(&number_text(n), &path, allow_negative)
                .unwrap_or_else(|e| {
                    self.push(e);
                    Money::ZERO
                }),
            Some(_) => {
                self.error(name, ErrorCode::WrongType);
                Money::ZERO
            }
        }
    }

    /// An optional money field: `None` when absent or null.
    pub fn money_opt(&mut self, name: &'static str) -> Option<Money> {
        let present = self
            .object
            .is_some_and(|o| o.get(name).is_some_and(|v| !v.is_null()));
        let value = self.money(name);
        present.then_some(value)
    }

    /// A required whole number (a JSON number or a numeric string) within `range`; outside it,
    /// `code` with the range as the message's limit.
    pub fn integer(
        &mut self,
        name: &'static str,
        range: std::ops::RangeInclusive<i64>,
        code: ErrorCode,
    ) -> Option<i64> {
        let parsed = match self.get(name) {
            None => {
                self.error(name, ErrorCode::MissingField);
                return None;
            }
            Some(Value::Number(n)) => whole_number(n),
            Some(Value::String(s)) => s.trim().parse::<i64>().ok(),
            Some(_) => None,
        };
        match parsed {
            Some(v) if range.contains(&v) => Some(v),
            Some(_) => {
                let limit = format!("{}–{}", range.start(), range.end());
                self.push(FieldError::new(self.field_path(name), code).with_limit(limit));
                None
            }
            None => {
                self.error(name, ErrorCode::WrongType);
                None
            }
        }
    }

    pub fn boolean(&mut self, name: &'static str, default: bool) -> bool {
        match self.get(name) {
            None => default,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                self.error(name, ErrorCode::WrongType);
                default
            }
        }
    }

    /// One of a fixed set of strings; `None` when absent (the caller picks the default).
    pub fn choice<T: Copy>(&mut self, name: &'static str, options: &[(&str, T)]) -> Option<T> {
        match self.get(name) {
            None => None,
            Some(Value::String(s)) => {
                let found = options
                    .iter()
                    .find(|(k, _)| *k == s.trim())
                    .map(|(_, v)| *v);
                if found.is_none() {
                    self.error(name, ErrorCode::InvalidChoice);
                }
                found
            }
            Some(_) => {
                self.error(name, ErrorCode::WrongType);
                None
            }
        }
    }

    /// One of a fixed set of strings that must be given: absence is `required`.
    pub fn required_choice<T: Copy>(
        &mut self,
        name: &'static str,
        options: &[(&str, T)],
    ) -> Option<T> {
        let present = self
            .object
            .is_some_and(|o| o.get(name).is_some_and(|v| !v.is_null()));
        if !present {
            self.seen.insert(name);
            self.error(name, ErrorCode::MissingField);
            return None;
        }
        self.choice(name, options)
    }

    /// Whether this value is a JSON object at all.
    pub fn is_object(&self) -> bool {
        self.object.is_some()
    }

    /// The JSON path of this object (`lines[2]`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Whether the field is given (and not null).
    pub fn has(&self, name: &str) -> bool {
        self.present(name)
    }

    fn present(&self, name: &str) -> bool {
        self.object
            .is_some_and(|o| o.get(name).is_some_and(|v| !v.is_null()))
    }

    /// A money field the contract requires: absence is `missing_field`.
    pub fn required_money(&mut self, name: &'static str) -> Money {
        if !self.present(name) {
            self.seen.insert(name);
            self.error(name, ErrorCode::MissingField);
            return Money::ZERO;
        }
        self.money(name)
    }

    /// A yes/no the contract requires: absence is `missing_field`.
    pub fn required_boolean(&mut self, name: &'static str) -> bool {
        if !self.present(name) {
            self.seen.insert(name);
            self.error(name, ErrorCode::MissingField);
            return false;
        }
        self.boolean(name, false)
    }

    /// A money field that may instead be an array of at most `max` amounts (one per person):
    /// `None` when absent, else the amounts (one for a single amount).
    pub fn money_or_list(&mut self, name: &'static str, max: usize) -> Vec<Money> {
        let path = self.field_path(name);
        match self.object.and_then(|o| o.get(name)) {
            Some(Value::Array(items)) => {
                self.seen.insert(name);
                if items.len() > max {
                    self.push(
                        FieldError::new(path, ErrorCode::TooManyItems).with_limit(max.to_string()),
                    );
                    return Vec::new();
                }
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| {
                        let at = format!("{path}[{i}]");
                        let parsed = match item {
                            Value::String(s) => Money::parse(s, &at, false),
                            Value::Number(n) => Money::parse(&number_text(n), &at, false),
                            _ => Err(FieldError::new(at, ErrorCode::WrongType)),
                        };
                        parsed.unwrap_or_else(|e| {
                            self.push(e);
                            Money::ZERO
                        })
                    })
                    .collect()
            }
            _ => vec![self.money(name)],
        }
    }

    /// A nested object; absent means every field takes its default.
    pub fn object(&mut self, name: &'static str) -> Reader<'a> {
        static EMPTY: std::sync::LazyLock<Value> =
            std::sync::LazyLock::new(|| Value::Object(Default::default()));
        let path = self.field_path(name);
        let value = self.get(name).unwrap_or(&EMPTY);
        Reader::new(path, value, self.errors)
    }

    /// A required text field.
    pub fn text(&mut self, name: &'static str) -> Option<String> {
        match self.get(name) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            Some(Value::String(_)) | None => {
                self.error(name, ErrorCode::Required);
                None
            }
            Some(_) => {
                self.error(name, ErrorCode::WrongType);
                None
            }
        }
    }

    /// An optional nested object: `None` when absent or null.
    pub fn nullable_object(&mut self, name: &'static str) -> Option<Reader<'a>> {
        let path = self.field_path(name);
        let value = self.get(name)?;
        Some(Reader::new(path, value, self.errors))
    }

    /// An optional whole number within `range`; absent or null is 0.
    pub fn integer_or_zero(
        &mut self,
        name: &'static str,
        range: std::ops::RangeInclusive<i64>,
        code: ErrorCode,
    ) -> i64 {
        let present = self
            .object
            .is_some_and(|o| o.get(name).is_some_and(|v| !v.is_null()));
        if !present {
            self.seen.insert(name);
            return 0;
        }
        self.integer(name, range, code).unwrap_or(0)
    }

    /// An array of objects; each element read by `each`.
    pub fn array<T>(
        &mut self,
        name: &'static str,
        mut each: impl FnMut(Reader<'a>) -> T,
    ) -> Vec<T> {
        let path = self.field_path(name);
        match self.get(name) {
            None => {
                self.error(name, ErrorCode::MissingField);
                Vec::new()
            }
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, item)| each(Reader::new(format!("{path}[{i}]"), item, self.errors)))
                .collect(),
            Some(_) => {
                self.error(name, ErrorCode::WrongType);
                Vec::new()
            }
        }
    }

    /// Refuses every field of this object that was not read.
    pub fn finish(self) {
        if let Some(object) = self.object {
            for key in object.keys() {
                if !self.seen.contains(key.as_str()) {
                    let path = self.field_path(key);
                    self.errors
                        .borrow_mut()
                        .push(FieldError::new(path, ErrorCode::UnknownField));
                }
            }
        }
    }
}

/// A JSON number that is a whole number: `2026`, and also `2026.0` (JSON does not tell the two
/// apart, and many clients write every number as a float). `None` for `2026.5`.
pub fn whole_number(n: &serde_json::Number) -> Option<i64> {
    n.as_i64().or_else(|| {
        n.as_f64()
            .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
            .map(|f| f as i64)
    })
}

/// A JSON number as decimal text without exponent notation (`1e300` → `1000…0`), so that money
/// parsing sees the digits. Integers are exact; other numbers are the shortest text that
/// round-trips, which equals what was sent for anything with at most 15 significant digits.
fn number_text(n: &serde_json::Number) -> String {
    if let Some(u) = n.as_u64() {
        u.to_string()
    } else if let Some(i) = n.as_i64() {
        i.to_string()
    } else {
        n.as_f64().map(|f| format!("{f}")).unwrap_or_default()
    }
}
