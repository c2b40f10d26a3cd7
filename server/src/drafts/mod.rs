//! Drafts: a taxpayer's unfinished return for one kind and period, saved as typed (possibly
//! incomplete or invalid) and validated on every save so the answer says what is missing.
//!
//! `service` holds the use cases (save, answer an interview step, start a correction, read,
//! delete) that the API, the forms and the pages share; `store` the SQL.
pub mod service;
pub mod store;

pub use service::{DraftError, SaveDraft};
pub use store::{Answers, Draft};
