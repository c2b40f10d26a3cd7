//! Tax-office staff: accounts made by an operator (`banshui staff create`), their roles, and
//! the append-only audit log of what they do.
pub mod audit;
pub mod service;
pub mod store;

pub use store::*;
