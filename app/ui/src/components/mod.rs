//! Reusable pieces of the design system.
mod error_summary;
pub mod format;

pub use error_summary::{ErrorSummary, FieldProblem};
mod text_field;

pub use text_field::TextField;
