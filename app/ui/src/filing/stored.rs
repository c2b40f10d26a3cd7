//! A filed return's stored figures, shown as they were computed when it was filed.
use leptos::prelude::*;
use serde_json::Value;

use crate::{
    components::{format::group_thousands, Explanation, ExplanationLine},
    i18n::{t, t_args, use_lang},
};

#[component]
pub fn StoredLines(result: Value) -> impl IntoView {
    let lang = use_lang();
    let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let lines = result
        .get("lines")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|l| ExplanationLine {
            label: t(lang, &format!("line-{}", s(&l, "key"))),
            amount: group_thousands(&s(&l, "amount")),
            basis: t(lang, &s(&l, "basis")),
            topic: s(&l, "topic"),
        })
        .collect();
    let warnings: Vec<String> = result
        .get("warnings")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|w| {
            let code = s(&w, "code");
            let args: Vec<(&'static str, String)> = banshui_engine::explain::ARG_NAMES
                .into_iter()
                .filter_map(|k| {
                    w.get("args")
                        .and_then(|a| a.get(k))
                        .and_then(Value::as_str)
                        .map(|v| (k, v.to_string()))
                })
                .collect();
            t_args(lang, &format!("warning-{}", code.replace('_', "-")), &args)
        })
        .collect();
    view! { <Explanation warnings lines/> }
}
