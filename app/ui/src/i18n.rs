//! The page's language on top of the translations crate (`banshui_i18n`): the Fluent files, the
//! language negotiation and the message lookup live there, shared with the server.
use leptos::prelude::*;

pub use banshui_i18n::{has, t, t_args, t_static, Lang};

/// The language of the page being rendered (provided by [`crate::App`]).
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or(Lang::ZhCn)
}

/// The message `key` in the language of the page being rendered.
pub fn tr(key: &str) -> String {
    t(use_lang(), key)
}
