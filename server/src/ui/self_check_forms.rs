//! The self-check page's forms (they work without JavaScript): save, CSV import, the template.
use axum::{
    extract::{Multipart, State},
    http::{header, request::Parts},
    response::{IntoResponse, Response},
};
use banshui_engine::self_check::csv;
use serde_json::{json, Map, Value};

use super::forms::{enc, see_other, value, Fields};
use crate::ui::posted::Posted;
use crate::{
    auth::Principal,
    self_check::{
        service::{save_self_check, SaveSelfCheck},
        TypedFigures,
    },
    state::AppState,
};

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

/// Whether a posted name is one of the page's own: `industry`, `taxpayer_type`,
/// `current.<figure>` or `base.<figure>` (a figure name is a short snake_case word).
fn page_field(name: &str) -> bool {
    let figure = |f: &str| {
        !f.is_empty() && f.len() <= 32 && f.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
    };
    name == "industry"
        || name == "taxpayer_type"
        || name.strip_prefix("current.").is_some_and(figure)
        || name.strip_prefix("base.").is_some_and(figure)
}

/// The page's own query string: what was typed comes back — the page's fields only, each
/// value cut to a figure's length, so a forged post cannot make the redirect huge.
fn typed_query(fields: &Fields) -> String {
    const MAX_FIELDS: usize = 24;
    const MAX_CHARS: usize = 40;
    fields
        .iter()
        .filter(|(k, v)| page_field(k) && !v.trim().is_empty())
        .take(MAX_FIELDS)
        .map(|(k, v)| {
            let v: String = v.trim().chars().take(MAX_CHARS).collect();
            format!("{}={}", enc(k), enc(&v))
        })
        .collect::<Vec<_>>()
        .join("&")
}

pub async fn save(State(state): State<AppState>, parts: Parts, Posted(fields): Posted) -> Response {
    let Ok(Some(who)) = Principal::from_headers(&parts.headers, &state).await else {
        return see_other("/sign-in?next=/self-check");
    };
    let base = group(&fields, "base");
    // The figures as the engine reads them (blank ones left out).
    let taxpayer_type = value(&fields, "taxpayer_type").trim();
    let figures = TypedFigures {
        industry: value(&fields, "industry").trim().to_string(),
        taxpayer_type: (!taxpayer_type.is_empty()).then(|| taxpayer_type.to_string()),
        current: group(&fields, "current"),
        base: (!base.is_empty()).then_some(base),
    }
    .to_json();
    let command = SaveSelfCheck {
        taxpayer_id: who.taxpayer_id.clone(),
        label: value(&fields, "label").to_string(),
        figures,
    };
    let typed = typed_query(&fields);
    match save_self_check(&state.db, &command).await {
        Ok(saved) => see_other(&format!("/self-check?{typed}&saved={}#saved", saved.id)),
        // The page shows the engine's own field errors for what was typed.
        Err(_) => see_other(&format!("/self-check?{typed}&unsaved=1")).into_response(),
    }
}

/// `GET /self-check/template.csv`: the import template (UTF-8 with a byte-order mark, so that
/// spreadsheet programs read the Chinese descriptions right).
pub async fn template() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"banshui-self-check-template.csv\"",
            ),
        ],
        format!("\u{feff}{}", csv::template()),
    )
        .into_response()
}

/// Largest CSV file accepted (bytes).
const CSV_MAX_BYTES: usize = 64 * 1024;
/// How many import errors are sent back to the page.
const CSV_ERRORS_SHOWN: usize = 20;

/// `POST /self-check/import` (multipart: the page's fields and the file `csv`): the figures in
/// the file replace those typed; with any error nothing is imported, what was typed comes back
/// and the errors name row, column and problem.
pub async fn import(mut multipart: Multipart) -> Response {
    let mut typed: Fields = Vec::new();
    let mut file: Option<Vec<u8>> = None;
    while let Ok(Some(field)) = multipart.next_field().await {
        let name = field.name().unwrap_or_default().to_string();
        if name == "csv" {
            match field.bytes().await {
                Ok(b) => file = Some(b.to_vec()),
                Err(_) => break,
            }
        } else if let Ok(text) = field.text().await {
            typed.push((name, text));
        }
    }
    let problem = |code: &'static str| {
        vec![csv::CsvError {
            row: 0,
            column: String::new(),
            code,
            value: String::new(),
        }]
    };
    let outcome = match file.filter(|b| !b.is_empty()) {
        None => Err(problem("no-file")),
        Some(b) if b.len() > CSV_MAX_BYTES => Err(problem("too-large")),
        Some(b) => match String::from_utf8(b) {
            Ok(text) => csv::parse(&text),
            Err(_) => Err(problem("not-utf8")),
        },
    };
    match outcome {
        Ok(imported) => {
            for (name, v) in imported {
                typed.retain(|(k, _)| *k != name);
                typed.push((name, v));
            }
            see_other(&format!("/self-check?{}&imported=1", typed_query(&typed)))
        }
        Err(errors) => {
            // The first errors are enough to act on, and keep the address short.
            let list: Vec<Value> = errors
                .iter()
                .take(CSV_ERRORS_SHOWN)
                .map(|e| {
                    let value: String = e.value.chars().take(40).collect();
                    json!([e.row, e.column, e.code, value])
                })
                .collect();
            see_other(&format!(
                "/self-check?{}&csv_errors={}#csv",
                typed_query(&typed),
                enc(&Value::Array(list).to_string())
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_page_fields_come_back_and_briefly() {
        let mut fields: Fields = vec![
            ("industry".into(), "F52".into()),
            ("current.revenue".into(), "1000".into()),
            ("base.revenue".into(), "9".repeat(500)),
            ("evil".into(), "x".into()),
            ("current.Revenue<script>".into(), "1".into()),
        ];
        fields.extend((0..5_000).map(|_| ("current.spam".to_string(), "1".to_string())));
        let q = typed_query(&fields);
        assert!(
            q.starts_with("industry=F52&current.revenue=1000&base.revenue=9999"),
            "{q}"
        );
        assert!(!q.contains("evil") && !q.contains("script"), "{q}");
        assert_eq!(q.matches("current.spam=1").count(), 21, "{q}");
        assert!(q.len() < 2_048, "{}", q.len());
    }
}
