//! What every HTTP entry point shares: the API's error type and its rendering in the caller's
//! language, the language and client-address extractors, and reading a JSON body.
mod client;
mod error;
mod json;
mod lang;

pub use client::{client_address, ClientAddress};
pub use error::{error_entry, localize_errors, not_found, ApiError};
pub use json::parse_json;
pub use lang::{accept_lang, AcceptLang};
