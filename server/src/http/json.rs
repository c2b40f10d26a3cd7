//! Reading a JSON request body. The body is taken as bytes and parsed here, so that a syntax
//! error is the contract's 400 `malformed_json` and every other problem is a 422 on its field.
use super::ApiError;

/// Parses a request body as JSON; any syntax error (or an empty body) is a 400.
pub fn parse_json(body: &[u8]) -> Result<serde_json::Value, ApiError> {
    serde_json::from_slice(body).map_err(|_| ApiError::MalformedJson)
}
