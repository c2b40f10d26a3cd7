//! Taxpayer accounts: `store` registers and looks up, `service` signs a taxpayer in.
pub mod service;
pub mod store;

pub use store::*;
