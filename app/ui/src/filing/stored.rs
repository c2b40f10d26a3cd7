//! A filed return's stored figures, shown as they were computed when it was filed.
use leptos::prelude::*;
use serde_json::Value;

use crate::{
    components::format::group_thousands,
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
        .map(|l| {
            let key = s(&l, "key");
            view! {
                <tr>
                    <th scope="row">{t(lang, &format!("line-{key}"))}</th>
                    <td class="num">{group_thousands(&s(&l, "amount"))}</td>
                    <td><a href=format!("/guidance#{}", s(&l, "topic"))>{t(lang, &s(&l, "basis"))}</a></td>
                </tr>
            }
        })
        .collect_view();
    let warnings: Vec<String> = result
        .get("warnings")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|w| {
            let code = s(&w, "code");
            let args: Vec<(&'static str, String)> =
                ["amount", "cap", "date", "limit", "threshold", "until"]
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
    view! {
        {(!warnings.is_empty()).then(|| view! {
            <div class="inset-text">
                <h3 class="heading-s">{t(lang, "result-warnings-title")}</h3>
                <ul>{warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
            </div>
        })}
        <div class="table-wrapper">
            <table class="table" data-testid="explanation">
                <caption>{t(lang, "result-explanation-caption")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(lang, "result-col-item")}</th>
                        <th scope="col" class="num">{t(lang, "result-col-amount")}</th>
                        <th scope="col">{t(lang, "result-col-basis")}</th>
                    </tr>
                </thead>
                <tbody>{lines}</tbody>
            </table>
        </div>
    }
}
