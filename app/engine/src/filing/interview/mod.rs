//! The interview: the questions of each return as data (their input paths, Fluent label and hint
//! keys, and types), the pages that ask them, and the conversions between a draft's JSON (the
//! engine's input) and the form's values. Shared by the browser's pages and the server's form
//! handlers, so both read and merge a draft the same way.
pub mod fields;
pub mod form;
pub mod steps;
pub mod values;
