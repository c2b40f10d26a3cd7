//! Banshui's user interface: the Leptos components rendered on the server (feature `ssr`)
//! and hydrated in the browser (feature `hydrate`). No tax rules live here: those are in the
//! engine crate; no storage or HTTP either: those are in `server/`.
mod account;
mod calculators;
mod components;
mod consultations;
pub mod filing;
mod guidance;
pub mod i18n;
mod layout;
mod pages;
pub mod portal;
mod routes;
mod self_check;
#[cfg(feature = "ssr")]
mod shell;
mod staff;

pub use i18n::Lang;
pub use routes::App;
#[cfg(feature = "ssr")]
pub use shell::{shell, CspNonce};
