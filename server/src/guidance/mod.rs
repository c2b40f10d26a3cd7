//! Guidance: articles staff write and publish in both languages, their versions, Markdown
//! rendering and sanitizing, full-text search, and the starter set every new portal gets.
//! `service` holds the staff use cases (create, edit, submit/publish/archive), `draft` the
//! check of an article as sent, `articles` the SQL.
pub mod articles;
pub mod diff;
pub mod draft;
pub mod input;
pub mod markdown;
pub mod search;
pub mod seed;
pub mod service;
