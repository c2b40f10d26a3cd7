//! Filings: a submission is checked and computed on the request's task ([`prepare`]), written
//! by the one group-commit writer ([`writer`]) and read back as receipts ([`store`]).
pub mod canonical;
pub mod prepare;
pub mod service;
pub mod store;
pub mod writer;

pub use prepare::{check_explanations, prepare, Prepared};
pub use service::{submit_filing, Explanation, IdempotencyKey, SubmitFiling, SubmitFilingError};
pub use store::FilingRow;
pub use writer::{FilingWriter, Outcome, SubmitError};
