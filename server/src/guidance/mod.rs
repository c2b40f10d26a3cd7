//! Guidance: articles staff write and publish in both languages, their versions, Markdown
//! rendering and sanitizing, full-text search, and the starter set every new portal gets.
pub mod articles;
pub mod diff;
pub mod input;
pub mod markdown;
pub mod search;
pub mod seed;
