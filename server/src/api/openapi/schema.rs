//! JSON Schema building blocks that say exactly what the server's readers accept: text without
//! control characters, money as the engine parses it, whole numbers as JSON numbers or numeric
//! strings, periods, dates. A value a schema allows is accepted; one it refuses is refused.
use serde_json::{json, Map, Value};

/// Control characters other than tab and line breaks: refused in every JSON string
/// (`http::json::unwanted_control`).
const CONTROL: &str = r"\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F";
/// What Rust's `str::trim` removes (Unicode White_Space), as a character-class body.
const SPACE: &str =
    r"\t\n\u000B\u000C\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000";
/// Characters `Money::parse` drops anywhere (thousands separators and spaces).
const SEPARATORS: &str = r"[,， \u3000_\u00A0]*";
/// The largest amount any money input accepts.
pub const MONEY_MAX: f64 = 999_999_999_999.99;

/// The whitespace a JSON string may hold (`SPACE` less the control characters).
pub const TEXT_SPACE: &str = r"\t\n\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000";

/// Optional whitespace (what `trim` removes, as a JSON string may hold it) before or after a
/// value.
pub fn ws() -> String {
    format!("[{TEXT_SPACE}]*")
}

/// A string matching `body` once surrounding whitespace is trimmed.
pub fn trimmed(body: &str) -> String {
    format!("^{ws}(?:{body}){ws}$", ws = ws())
}

/// Any text a JSON body may hold (no control characters).
pub fn text() -> Value {
    json!({"type": "string", "pattern": format!("^[^{CONTROL}]*$")})
}

/// Text that is not blank once trimmed, at most `max` characters as sent.
pub fn required_text(max: usize) -> Value {
    json!({"type": "string", "maxLength": max,
           "pattern": format!("^[^{CONTROL}]*[^{SPACE}{CONTROL}][^{CONTROL}]*$")})
}

/// Text that is not blank once trimmed.
pub fn nonblank_text() -> Value {
    json!({"type": "string", "pattern": format!("^[^{CONTROL}]*[^{SPACE}{CONTROL}][^{CONTROL}]*$")})
}

/// One of `options`, exactly as listed.
pub fn choice(options: &[&str]) -> Value {
    json!({"type": "string", "enum": options})
}

/// `schema` or JSON `null` (the reader treats `null` as absent).
pub fn nullable(schema: Value) -> Value {
    json!({"anyOf": [schema, {"type": "null"}]})
}

pub fn boolean_or_null() -> Value {
    json!({"type": ["boolean", "null"]})
}

/// An object with exactly these properties (unknown ones are refused).
pub fn object(props: &[(&str, Value)], required: &[&str]) -> Value {
    let properties: Map<String, Value> = props
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    json!({"type": "object", "additionalProperties": false, "properties": properties, "required": required})
}

/// Any JSON object whose strings and keys hold no control characters.
pub fn any_object() -> Value {
    json!({"type": "object", "propertyNames": text(),
           "additionalProperties": {"$ref": "#/components/schemas/JsonValue"}})
}

/// Any JSON value whose strings hold no control characters (a component: it refers to itself).
pub fn json_value() -> Value {
    json!({"anyOf": [
        {"type": "null"}, {"type": "boolean"}, {"type": "number"}, text(),
        {"type": "array", "items": {"$ref": "#/components/schemas/JsonValue"}},
        any_object(),
    ]})
}

/// `[lo-hi]` over ASCII and full-width digits.
fn digits(lo: u32, hi: u32) -> String {
    let wide = |d: u32| char::from_u32('０' as u32 + d).unwrap_or('０');
    let ascii = |d: u32| char::from_digit(d, 10).unwrap_or('0');
    if lo == hi {
        format!("[{}{}]", ascii(lo), wide(lo))
    } else {
        format!("[{}-{}{}-{}]", ascii(lo), ascii(hi), wide(lo), wide(hi))
    }
}

fn digit() -> String {
    digits(0, 9)
}

/// One digit followed by separators.
fn d(class: &str) -> String {
    format!("{class}{SEPARATORS}")
}

/// The integer parts (leading zeros already taken) that are below `limit`.
fn below(limit: u64) -> String {
    let text = limit.to_string();
    let len = text.len();
    let any = d(&digit());
    let mut alternatives = Vec::new();
    if len > 1 {
        alternatives.push(format!("(?:{any}){{1,{}}}", len - 1));
    }
    for (i, c) in text.char_indices() {
        let n = c.to_digit(10).unwrap_or(0);
        if n == 0 {
            continue;
        }
        let prefix: String = text[..i]
            .chars()
            .map(|p| {
                let p = p.to_digit(10).unwrap_or(0);
                d(&digits(p, p))
            })
            .collect();
        let rest = len - i - 1;
        let tail = if rest > 0 {
            format!("(?:{any}){{{rest}}}")
        } else {
            String::new()
        };
        alternatives.push(format!("{prefix}{}{tail}", d(&digits(0, n - 1))));
    }
    alternatives.join("|")
}

/// A money string as `Money::parse` reads it: separators anywhere, full-width digits, at most
/// two decimals, at most `limit` yuan (or any size up to 999999999999.99), signed when `signed`.
/// `-0` is zero and accepted everywhere.
fn money_pattern(limit: Option<u64>, signed: bool) -> String {
    let s = SEPARATORS;
    let any = d(&digit());
    let zero = d(&digits(0, 0));
    let dot = format!("[.．。]{s}");
    let plus = format!("[+＋]{s}");
    let sign = if signed {
        format!("[-－−+＋]{s}")
    } else {
        plus
    };
    let fraction = format!("(?:{dot}(?:{any}){{1,2}})?");
    let zero_fraction = format!("(?:{dot}(?:{zero}){{1,2}})?");
    let amount = match limit {
        None => format!("(?:{zero})*(?:{any}){{1,12}}{fraction}"),
        Some(limit) => {
            let exact: String = limit
                .to_string()
                .chars()
                .map(|c| {
                    let n = c.to_digit(10).unwrap_or(0);
                    d(&digits(n, n))
                })
                .collect();
            format!(
                "(?:{zero})*(?:(?:{}){fraction}|{exact}{zero_fraction})",
                below(limit)
            )
        }
    };
    let negative_zero = format!("[-－−]{s}(?:{zero})+{zero_fraction}");
    format!("^{s}(?:(?:{sign})?{amount}|{negative_zero})$")
}

/// A money amount in a request: a string as people type it or a JSON number, at most two
/// decimals, 0 … `limit` (999999999999.99 without one).
pub fn money_up_to(limit: Option<u64>) -> Value {
    let max = limit.map_or(MONEY_MAX, |l| l as f64);
    let description = match limit {
        Some(l) => format!("Yuan, at most two decimals, 0 … {l}.00 (over it: 422 `over_cap`)"),
        None => "Yuan, at most two decimals, 0 … 999999999999.99; missing or null means 0.00. \
                 A string may use thousands separators and full-width digits (`12,345.60`, `１２３`)."
            .to_string(),
    };
    json!({"oneOf": [
        {"type": "string", "pattern": money_pattern(limit, false)},
        {"type": "number", "minimum": 0, "maximum": max, "multipleOf": 0.01},
    ], "description": description})
}

pub fn money() -> Value {
    money_up_to(None)
}

/// Money that may be negative (利润总额 can be a loss).
pub fn signed_money() -> Value {
    json!({"oneOf": [
        {"type": "string", "pattern": money_pattern(None, true)},
        {"type": "number", "minimum": -MONEY_MAX, "maximum": MONEY_MAX, "multipleOf": 0.01},
    ], "description": "Yuan, may be negative, at most two decimals, |x| ≤ 999999999999.99"})
}

/// A money field of a calculation input: absent or `null` means 0.00.
pub fn money_field() -> Value {
    nullable(money())
}

/// Zero (any spelling), `null`: what makes a money field count as not given.
pub fn zero_money() -> Value {
    let s = SEPARATORS;
    let zero = d(&digits(0, 0));
    let dot = format!("[.．。]{s}");
    json!({"anyOf": [
        {"type": "null"},
        {"type": "number", "minimum": 0, "maximum": 0},
        {"type": "string", "pattern": format!("^{s}(?:[-－−+＋]{s})?(?:{zero})+(?:{dot}(?:{zero}){{1,2}})?$")},
    ]})
}

/// A regular expression for the whole numbers `lo..=hi` (small ranges: an alternation).
pub fn int_regex(lo: i64, hi: i64) -> String {
    if hi - lo > 50 {
        // 0–1200, the only large range read this way.
        assert_eq!((lo, hi), (0, 1200), "int_regex: add the range");
        return "[0-9]|[1-9][0-9]|[1-9][0-9]{2}|1[01][0-9]{2}|1200".into();
    }
    (lo..=hi)
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join("|")
}

/// A whole number as the engine's reader takes it: a JSON integer or a numeric string
/// (`"2025"`, ` +02025 `), within `lo..=hi`.
pub fn integer(lo: i64, hi: i64) -> Value {
    // `-0` parses as 0.
    let negative_zero = if lo <= 0 { "|-0+" } else { "" };
    let pattern = format!(
        "^{ws}(?:\\+?0*(?:{}){negative_zero}){ws}$",
        int_regex(lo.max(0), hi),
        ws = ws()
    );
    json!({"oneOf": [
        {"type": "integer", "minimum": lo, "maximum": hi},
        {"type": "string", "pattern": pattern},
    ]})
}

/// Exactly this whole number, as a JSON integer or numeric string.
pub fn integer_const(n: i64) -> Value {
    integer(n, n)
}

/// A valid `YYYY-MM-DD` date of the years `years` (a regular expression for the year digits,
/// each year in it being one of the leap-year rules' cases below).
fn date_regex(years: &str, leap_years: &str) -> String {
    format!(
        "(?:{years})-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))|(?:{leap_years})-02-29"
    )
}

/// Any valid date of the years 0000–9999 (`Date::parse`).
pub fn any_date_regex() -> String {
    date_regex(
        "[0-9]{4}",
        "[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00",
    )
}

/// The years a filing period may name (`Period::parse`: 2000–2099).
pub const PERIOD_YEARS: &str = "20[0-9]{2}";

/// A day of 2000–2099 (stamp duty per transaction).
pub fn period_day_regex() -> String {
    date_regex("20[0-9]{2}", "20(?:0[048]|[2468][048]|[13579][26])")
}

/// `year` as a period, `YYYY-Qn` and `YYYY-MM` of it.
pub fn quarter_regex(year: &str, quarter: &str) -> String {
    format!("{year}-[Qq]{quarter}")
}

/// Any month 01–12.
pub const MONTHS: &str = "0[1-9]|1[0-2]";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn below_limits() {
        assert!(below(12000).starts_with("(?:"));
        assert!(int_regex(2023, 2026).contains("2024"));
    }
}
