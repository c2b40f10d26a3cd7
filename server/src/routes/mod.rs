//! HTTP handlers that are not Leptos pages.
pub mod health;
pub mod language;
pub mod translations;
