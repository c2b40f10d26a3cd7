//! Translations: one Fluent file per language under `app/i18n/locales/{lang}/banshui.ftl`,
//! embedded in the server (feature `embedded`). The browser's WASM does not carry them: the page
//! names its language's file ([`bundle_path`], served by the server with a content hash) and the
//! hydration entry fetches it and hands it to [`install`] before hydrating. zh-CN is the default
//! language. No Leptos here: the server uses this crate directly; the UI adds the page's language
//! on top (`banshui_app::i18n`).
use std::{
    borrow::Cow,
    collections::HashMap,
    sync::{LazyLock, OnceLock, RwLock},
};

use i18n_embed::{fluent::FluentLanguageLoader, I18nAssets, LanguageLoader};
use unic_langid::{langid, LanguageIdentifier};

#[cfg(feature = "embedded")]
#[derive(rust_embed::RustEmbed)]
#[folder = "locales/"]
struct Localizations;

/// One language's Fluent file given as text (the browser fetched it).
struct Given {
    path: String,
    text: Vec<u8>,
}

impl I18nAssets for Given {
    fn get_files(&self, file_path: &str) -> Vec<Cow<'_, [u8]>> {
        if file_path == self.path {
            vec![Cow::Borrowed(self.text.as_slice())]
        } else {
            Vec::new()
        }
    }

    fn filenames_iter(&self) -> Box<dyn Iterator<Item = String> + '_> {
        Box::new(std::iter::once(self.path.clone()))
    }
}

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

fn load_from(lang: Lang, assets: &dyn I18nAssets) -> FluentLanguageLoader {
    // The fallback language is the loaded one itself: a loader never needs the other file.
    let id: LanguageIdentifier = lang.code().parse().unwrap_or(langid!("zh-CN"));
    let loader = FluentLanguageLoader::new("banshui", id.clone());
    // The files are checked by tests, so a failure here is a build defect; the loader then
    // falls back to the message keys rather than crashing.
    let _ = loader.load_languages(assets, &[id]);
    loader.set_use_isolating(false);
    loader
}

static LOADERS: [OnceLock<FluentLanguageLoader>; 2] = [OnceLock::new(), OnceLock::new()];

fn loader(lang: Lang) -> &'static FluentLanguageLoader {
    LOADERS[lang as usize].get_or_init(|| {
        #[cfg(feature = "embedded")]
        {
            load_from(lang, &Localizations)
        }
        #[cfg(not(feature = "embedded"))]
        {
            // Not installed (the browser before `install`): every message is missing.
            load_from(
                lang,
                &Given {
                    path: String::new(),
                    text: Vec::new(),
                },
            )
        }
    })
}

/// Where a language's Fluent file lives: `{code}/banshui.ftl`.
fn file_path(lang: Lang) -> String {
    format!("{}/banshui.ftl", lang.code())
}

/// Hands in a language's Fluent file (the browser, before anything is translated). `false` when
/// the language was already loaded.
pub fn install(lang: Lang, text: &str) -> bool {
    let given = Given {
        path: file_path(lang),
        text: text.as_bytes().to_vec(),
    };
    LOADERS[lang as usize].set(load_from(lang, &given)).is_ok()
}

/// A language's Fluent file as compiled in.
#[cfg(feature = "embedded")]
pub fn bundle(lang: Lang) -> Option<Cow<'static, [u8]>> {
    Localizations::get(&file_path(lang)).map(|f| f.data)
}

/// The address the server gives a language's Fluent file at: its code and a hash of its
/// content (FNV-1a, 64 bits), so it can be cached for good (`/i18n/zh-CN.0123456789abcdef.ftl`).
#[cfg(feature = "embedded")]
pub fn bundle_path(lang: Lang) -> &'static str {
    static PATHS: LazyLock<[String; 2]> = LazyLock::new(|| {
        Lang::ALL.map(|lang| {
            let hash = bundle(lang).map_or(0, |b| {
                b.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, byte| {
                    (h ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
                })
            });
            format!("/i18n/{}.{hash:016x}.ftl", lang.code())
        })
    });
    &PATHS[lang as usize]
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

#[cfg(test)]
mod given_tests {
    use super::*;

    /// What the browser does: a language file handed in as text translates, arguments and all.
    #[test]
    fn a_language_file_given_as_text_translates() {
        let text = "greeting = 您好，{ $name }\n";
        let given = Given {
            path: file_path(Lang::ZhCn),
            text: text.as_bytes().to_vec(),
        };
        let loader = load_from(Lang::ZhCn, &given);
        let args = HashMap::from([("name", "纳税人".to_string())]);
        assert_eq!(loader.get_args("greeting", args), "您好，纳税人");
        assert!(!loader.has("absent"));
    }

    #[cfg(feature = "embedded")]
    #[test]
    fn the_bundle_path_names_the_language_and_a_hash() {
        let zh = bundle_path(Lang::ZhCn);
        let en = bundle_path(Lang::En);
        assert!(
            zh.starts_with("/i18n/zh-CN.") && zh.ends_with(".ftl"),
            "{zh}"
        );
        assert!(en.starts_with("/i18n/en.") && en != zh, "{en}");
        assert_eq!(zh.len(), "/i18n/zh-CN.".len() + 16 + ".ftl".len());
    }
}
