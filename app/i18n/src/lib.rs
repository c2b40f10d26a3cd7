//! Translations: one Fluent file per language under `app/i18n/locales/{lang}/banshui.ftl`,
//! embedded in the binary and in the WASM. zh-CN is the default language. No Leptos here: the
//! server uses this crate directly; the UI adds the page's language on top (`banshui_app::i18n`).
use std::{
    collections::HashMap,
    sync::{LazyLock, RwLock},
};

use i18n_embed::{fluent::FluentLanguageLoader, LanguageLoader};
use rust_embed::RustEmbed;
use unic_langid::{langid, LanguageIdentifier};

#[derive(RustEmbed)]
#[folder = "locales/"]
struct Localizations;

/// A language the portal is translated into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// 简体中文 — the default.
    ZhCn,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::ZhCn, Lang::En];

    /// The BCP 47 tag used in `<html lang>`, in the cookie and in file names.
    pub fn code(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The language's own name, as shown in the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::ZhCn => "中文",
            Lang::En => "English",
        }
    }

    /// Parses a tag such as `zh-CN`, `zh`, `zh-Hans-CN`, `en-GB` (case-insensitive).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Lang::ZhCn),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Chooses the language: the `lang` cookie if it names a supported language, else the
    /// best supported entry of `Accept-Language` (by q-value), else zh-CN.
    pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Lang {
        if let Some(lang) = cookie.and_then(Lang::from_tag) {
            return lang;
        }
        accept_language
            .and_then(best_from_accept_language)
            .unwrap_or(Lang::ZhCn)
    }
}

/// Picks the supported language with the highest q-value; ties keep header order.
fn best_from_accept_language(header: &str) -> Option<Lang> {
    let mut best: Option<(Lang, f32)> = None;
    for entry in header.split(',') {
        let mut parts = entry.split(';');
        let Some(tag) = parts.next() else { continue };
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .filter_map(|q| q.trim().parse::<f32>().ok())
            .next()
            .unwrap_or(1.0);
        if q <= 0.0 {
            continue;
        }
        if let Some(lang) = Lang::from_tag(tag) {
            if best.is_none_or(|(_, best_q)| q > best_q) {
                best = Some((lang, q));
            }
        }
    }
    best.map(|(lang, _)| lang)
}

fn load(lang: Lang) -> FluentLanguageLoader {
    let fallback: LanguageIdentifier = langid!("zh-CN");
    let loader = FluentLanguageLoader::new("banshui", fallback.clone());
    let id: LanguageIdentifier = lang.code().parse().unwrap_or(fallback);
    // The files are embedded at compile time and checked by tests, so a failure here is a
    // build defect; the loader then falls back to the message keys rather than crashing.
    let _ = loader.load_languages(&Localizations, &[id]);
    loader.set_use_isolating(false);
    loader
}

static ZH_CN: LazyLock<FluentLanguageLoader> = LazyLock::new(|| load(Lang::ZhCn));
static EN: LazyLock<FluentLanguageLoader> = LazyLock::new(|| load(Lang::En));

fn loader(lang: Lang) -> &'static FluentLanguageLoader {
    match lang {
        Lang::ZhCn => &ZH_CN,
        Lang::En => &EN,
    }
}

/// Messages without arguments, formatted once: Fluent formatting costs about a microsecond per
/// message, and an API response or a page uses dozens of them.
static CACHE: LazyLock<[RwLock<HashMap<String, String>>; 2]> =
    LazyLock::new(|| [RwLock::new(HashMap::new()), RwLock::new(HashMap::new())]);

/// The message `key` in `lang`.
pub fn t(lang: Lang, key: &str) -> String {
    let cache = &CACHE[lang as usize];
    if let Some(hit) = cache.read().ok().and_then(|c| c.get(key).cloned()) {
        return hit;
    }
    let message = loader(lang).get(key);
    if let Ok(mut c) = cache.write() {
        c.insert(key.to_string(), message.clone());
    }
    message
}

static STATIC_CACHE: LazyLock<[RwLock<HashMap<String, &'static str>>; 2]> =
    LazyLock::new(|| [RwLock::new(HashMap::new()), RwLock::new(HashMap::new())]);

/// Like [`t`], without allocating on a hit: each message is formatted and kept once for the
/// life of the process (the set of keys is fixed, so this is bounded). For hot paths.
pub fn t_static(lang: Lang, key: &str) -> &'static str {
    let cache = &STATIC_CACHE[lang as usize];
    if let Some(hit) = cache.read().ok().and_then(|c| c.get(key).copied()) {
        return hit;
    }
    let message: &'static str = Box::leak(loader(lang).get(key).into_boxed_str());
    if let Ok(mut c) = cache.write() {
        c.insert(key.to_string(), message);
    }
    message
}

/// The message `key` in `lang` with Fluent arguments.
pub fn t_args(lang: Lang, key: &str, args: &[(&'static str, String)]) -> String {
    let map: HashMap<&'static str, String> = args.iter().cloned().collect();
    loader(lang).get_args(key, map)
}

/// Whether `key` exists in `lang` (used by tests and by the server's error pages).
pub fn has(lang: Lang, key: &str) -> bool {
    loader(lang).has(key)
}
