//! Self-checks (申报前自查): the indicators of a set of figures against the industry benchmarks
//! in force; `service` runs and saves them for the API and the self-check page alike, `store`
//! keeps the ones a signed-in taxpayer saved (scoped to the taxpayer).
pub mod service;
pub mod store;

pub use store::*;
