//! What every HTTP entry point shares: the API's error type and its rendering in the caller's
//! language, the language and client-address extractors, reading a JSON body, and the check of
//! every `next=` redirect.
mod body;
mod client;
mod error;
mod json;
mod lang;
mod local_path;

pub use body::{read_body_in_time, BODY_LIMIT_BYTES};
pub use client::{client_address, resolve_client, ClientAddress, TrustedProxies};
pub use error::{error_entry, localize_errors, not_found, ApiError};
pub use json::{parse_json, unwanted_control};
pub use lang::{accept_lang, AcceptLang};
pub use local_path::local_path;
