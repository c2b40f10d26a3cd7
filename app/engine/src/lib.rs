//! 办税 tax engine. Pure: no I/O, no UI, no HTTP. Every computation returns explanation lines
//! with their legal basis; every failure is a typed error carrying a stable code and the Fluent
//! key of its message.
pub mod calculation;
pub mod conflict;
pub mod error;
pub mod explain;
pub mod filing;
pub mod ids;
pub mod input;
pub mod kinds;
pub mod money;
pub mod policy;
pub mod rates;
pub mod self_check;

pub use conflict::Conflict;
pub use error::{ErrorCode, FieldError};
pub use money::Money;

/// The engine's version, stored with every filing snapshot.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");
