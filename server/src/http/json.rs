//! Reading a JSON request body. The body is taken as bytes and parsed here, so that a syntax
//! error is the contract's 400 `malformed_json` and every other problem is a 422 on its field.
use banshui_engine::{ErrorCode, FieldError};
use serde_json::Value;

use super::ApiError;

/// Parses a request body as JSON; any syntax error (or an empty body) is a 400. Text holding a
/// control character other than a line break or a tab (a NUL, say, which PostgreSQL cannot
/// store) is a 422 `control_character` on its field, wherever it is in the body.
pub fn parse_json(body: &[u8]) -> Result<Value, ApiError> {
    let value: Value = serde_json::from_slice(body).map_err(|_| ApiError::MalformedJson)?;
    let mut errors = Vec::new();
    control_characters(&value, "", &mut errors);
    if errors.is_empty() {
        Ok(value)
    } else {
        Err(ApiError::Invalid(errors))
    }
}

/// A character no text input may hold: a control character other than a line break or a tab.
pub fn unwanted_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\r' | '\t')
}

fn forbidden(text: &str) -> bool {
    text.chars().any(unwanted_control)
}

fn control_characters(value: &Value, path: &str, errors: &mut Vec<FieldError>) {
    match value {
        Value::String(text) if forbidden(text) => {
            errors.push(FieldError::new(path, ErrorCode::ControlCharacter));
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                control_characters(item, &format!("{path}[{i}]"), errors);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                let at = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                if forbidden(key) {
                    errors.push(FieldError::new(at, ErrorCode::ControlCharacter));
                } else {
                    control_characters(item, &at, errors);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(body: &str) -> Vec<(String, &'static str)> {
        match parse_json(body.as_bytes()) {
            Err(ApiError::Invalid(errors)) => errors
                .into_iter()
                .map(|e| (e.field, e.code.as_str()))
                .collect(),
            Err(e) => panic!("{e:?}"),
            Ok(_) => Vec::new(),
        }
    }

    #[test]
    fn control_characters_are_refused_on_their_field() {
        assert_eq!(
            fields(r#"{"supersedes": "a\u0000b", "data": {"items": [{"item": "x\u0007"}]}}"#),
            vec![
                ("data.items[0].item".to_string(), "control_character"),
                ("supersedes".to_string(), "control_character"),
            ]
        );
        assert!(fields("{\"body\": \"第一行\\n第二行\\r\\n\\t缩进\"}").is_empty());
        assert!(matches!(parse_json(b"{"), Err(ApiError::MalformedJson)));
    }
}
