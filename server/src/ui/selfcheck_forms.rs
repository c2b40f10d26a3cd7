//! `POST /self-check/save`: the self-check page's "save" button (works without JavaScript).
use axum::{
    extract::State,
    http::request::Parts,
    response::{IntoResponse, Response},
    Form,
};
use serde_json::{json, Map, Value};

use super::forms::{enc, see_other, value, Fields};
use crate::{api::self_check::save_for, auth::Principal, state::AppState};

/// The figures the page sends: `current.<name>` and `base.<name>`, blanks left out.
fn group(fields: &Fields, prefix: &str) -> Map<String, Value> {
    fields
        .iter()
        .filter_map(|(k, v)| {
            let name = k.strip_prefix(prefix)?.strip_prefix('.')?;
            (!v.trim().is_empty()).then(|| (name.to_string(), json!(v.trim())))
        })
        .collect()
}

/// The page's own query string: what was typed comes back.
fn typed_query(fields: &Fields) -> String {
    fields
        .iter()
        .filter(|(k, v)| k != "label" && !v.trim().is_empty())
        .map(|(k, v)| format!("{}={}", enc(k), enc(v.trim())))
        .collect::<Vec<_>>()
        .join("&")
}

pub async fn save(
    State(state): State<AppState>,
    parts: Parts,
    Form(fields): Form<Fields>,
) -> Response {
    let Ok(Some(who)) = Principal::from_headers(&parts, &state).await else {
        return see_other("/sign-in?next=/self-check");
    };
    let base = group(&fields, "base");
    let mut body = Map::new();
    body.insert("industry".into(), json!(value(&fields, "industry").trim()));
    body.insert("current".into(), Value::Object(group(&fields, "current")));
    body.insert(
        "base".into(),
        if base.is_empty() {
            Value::Null
        } else {
            Value::Object(base)
        },
    );
    body.insert("label".into(), json!(value(&fields, "label")));
    let typed = typed_query(&fields);
    match save_for(&state, &who.taxpayer_id, body).await {
        Ok(saved) => see_other(&format!("/self-check?{typed}&saved={}#saved", saved.id)),
        // The page shows the engine's own field errors for what was typed.
        Err(_) => see_other(&format!("/self-check?{typed}&unsaved=1")).into_response(),
    }
}
