//! Reusable pieces of the design system.
mod error_summary;
pub mod format;

pub use error_summary::{ErrorSummary, FieldProblem};
