//! Reusable pieces of the design system.
mod error_summary;
mod explanation;
pub mod format;

pub use error_summary::{ErrorSummary, FieldProblem};
pub use explanation::{Explanation, ExplanationLine};
mod text_field;

pub use text_field::TextField;
mod fields;

pub use fields::{SelectField, TextArea};
