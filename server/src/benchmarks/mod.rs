//! Industry benchmarks for the self-check: staff-maintained data (publisher role), every change
//! kept as a version and audited. Seeded with the indicative industry VAT-burden table of
//! `tax-rules-2026.md` §9, clearly marked as indicative. `draft` checks a benchmark as sent,
//! `service` saves one (publishers, audited), `store` holds the SQL.
pub mod draft;
pub mod service;
pub mod store;

pub use store::*;
