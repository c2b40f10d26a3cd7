//! Every message exists in every language, and every key the code asks for exists.
#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot read its own data should fail loudly"
)]
use std::{collections::BTreeSet, fs, path::Path};

use banshui_i18n::{self as i18n, Lang};
use fluent_syntax::{ast, parser};

fn keys_of(lang: Lang) -> BTreeSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(lang.code())
        .join("banshui.ftl");
    let source = fs::read_to_string(&path).expect("translation file is readable");
    let resource = parser::parse(source)
        .unwrap_or_else(|(_, errors)| panic!("{} does not parse: {errors:?}", path.display()));
    resource
        .body
        .into_iter()
        .filter_map(|entry| match entry {
            ast::Entry::Message(m) => Some(m.id.name),
            ast::Entry::Term(t) => Some(format!("-{}", t.id.name)),
            _ => None,
        })
        .collect()
}

#[test]
fn both_languages_have_the_same_keys() {
    let zh = keys_of(Lang::ZhCn);
    let en = keys_of(Lang::En);
    let only_zh: Vec<_> = zh.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&zh).collect();
    assert!(only_zh.is_empty(), "keys missing from en: {only_zh:?}");
    assert!(only_en.is_empty(), "keys missing from zh-CN: {only_en:?}");
    assert!(zh.len() > 20, "suspiciously few messages: {}", zh.len());
}

/// Keys named in the source: `tr("…")`, `t(lang, "…")` and the `…_key()` match arms.
fn keys_used_in_source() -> BTreeSet<String> {
    let call = regex::Regex::new(r#"\bt(?:r|_args)?\((?:[a-z_]+,\s*)?"([a-z0-9-]+)""#).unwrap();
    let arm = regex::Regex::new(r#"=> "([a-z][a-z0-9]*(?:-[a-z0-9]+)+)",?$"#).unwrap();
    let nav = regex::Regex::new(r#"\("/[a-z-]*", "([a-z0-9-]+)"\)"#).unwrap();
    let mut keys = BTreeSet::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The UI's pages; the interview's questions (in the engine: only there, since the kinds'
    // slugs elsewhere read like keys; the engine's own keys are checked by running it, below);
    // this crate; and the server, which renders translated text too (API errors, the receipt).
    let mut stack = vec![
        root.join("../ui/src"),
        root.join("../engine/src/filing/interview"),
        root.join("src"),
        root.join("../../server/src"),
    ];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = fs::read_to_string(&path).unwrap();
            for line in text.lines() {
                let line = line.trim();
                for re in [&call, &arm, &nav] {
                    for cap in re.captures_iter(line) {
                        keys.insert(cap[1].to_string());
                    }
                }
            }
        }
    }
    keys
}

#[test]
fn every_key_used_in_code_exists_in_both_languages() {
    let used = keys_used_in_source();
    assert!(
        used.contains("service-name") && used.contains("nav-filing"),
        "scanner found {used:?}"
    );
    for lang in Lang::ALL {
        let defined = keys_of(lang);
        let missing: Vec<_> = used.difference(&defined).collect();
        assert!(
            missing.is_empty(),
            "{}: keys used but not defined: {missing:?}",
            lang.code()
        );
    }
}

#[test]
fn messages_load_from_the_embedded_files() {
    assert_eq!(i18n::t(Lang::ZhCn, "nav-filing"), "我要办税");
    assert_eq!(i18n::t(Lang::En, "nav-filing"), "File a return");
    assert!(i18n::has(Lang::En, "not-found-title"));
    assert!(!i18n::has(Lang::En, "no-such-key"));
}

#[test]
fn language_negotiation() {
    assert_eq!(Lang::negotiate(None, None), Lang::ZhCn);
    assert_eq!(Lang::negotiate(None, Some("en-GB,en;q=0.9")), Lang::En);
    assert_eq!(
        Lang::negotiate(None, Some("fr, en;q=0.5, zh-CN;q=0.8")),
        Lang::ZhCn
    );
    assert_eq!(Lang::negotiate(None, Some("de, fr")), Lang::ZhCn);
    assert_eq!(Lang::negotiate(None, Some("zh-TW;q=0, en;q=0.1")), Lang::En);
    assert_eq!(Lang::negotiate(Some("en"), Some("zh-CN")), Lang::En);
    assert_eq!(Lang::negotiate(Some("xx"), Some("en")), Lang::En);
}

/// Every label, legal basis, warning and error the engine can produce on the shared scenarios
/// is translated in both languages.
#[test]
fn engine_output_is_translated() {
    use banshui_engine::calculation::{calculate, Kind};
    let mut checked = 0;
    for kind in Kind::ALL {
        let path = format!(
            "{}/../engine/scenarios/{}.json",
            env!("CARGO_MANIFEST_DIR"),
            kind.slug()
        );
        let cases: Vec<serde_json::Value> =
            serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
        for case in cases {
            let calc = calculate(kind, &case["input"]).unwrap();
            for lang in Lang::ALL {
                for line in &calc.lines {
                    assert!(
                        i18n::has(lang, &format!("line-{}", line.key)),
                        "{}: line-{}",
                        lang.code(),
                        line.key
                    );
                    assert!(
                        i18n::has(lang, line.basis.0),
                        "{}: {}",
                        lang.code(),
                        line.basis.0
                    );
                    checked += 1;
                }
                for w in &calc.warnings {
                    assert!(
                        i18n::has(lang, &w.fluent_key()),
                        "{}: {}",
                        lang.code(),
                        w.fluent_key()
                    );
                }
            }
        }
    }
    for item in banshui_engine::kinds::stamp_duty::ITEMS {
        for lang in Lang::ALL {
            assert!(
                i18n::has(lang, &format!("line-{}", item.0)),
                "line-{}",
                item.0
            );
        }
    }
    for code in banshui_engine::ErrorCode::ALL {
        for lang in Lang::ALL {
            assert!(
                i18n::has(lang, &code.fluent_key()),
                "{}: {}",
                lang.code(),
                code.fluent_key()
            );
        }
    }
    assert!(checked > 300, "checked only {checked} lines");
}

/// The self-check's texts are named by the engine (`indicator-<code>-…`); each must exist.
#[test]
fn every_self_check_indicator_has_its_texts() {
    for lang in [Lang::ZhCn, Lang::En] {
        let keys = keys_of(lang);
        for code in banshui_engine::self_check::CODES {
            for part in ["name", "formula", "ok", "flag"] {
                let key = format!("indicator-{}-{part}", code.replace('_', "-"));
                assert!(keys.contains(&key), "{key} missing from {}", lang.code());
            }
        }
        assert!(keys.contains("indicator-zero-denominator"));
        assert!(keys.contains("indicator-no-benchmark"));
    }
}
