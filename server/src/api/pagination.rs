//! `?limit=` (default 20, at most 100) and `?cursor=` (opaque: the offset into the caller's
//! ordered list, so it stays valid however items look) → `{"items", "next_cursor"}`.
use std::{collections::HashMap, future::Future};

use axum::Json;
use banshui_engine::{ErrorCode, FieldError};
use serde_json::{json, Value};

use crate::http::ApiError;

pub const DEFAULT_LIMIT: usize = 20;
pub const MAX_LIMIT: usize = 100;

pub struct Page {
    pub limit: usize,
    pub offset: usize,
}

pub fn page(query: &HashMap<String, String>) -> Result<Page, Vec<FieldError>> {
    let mut errors = Vec::new();
    let limit = match query.get("limit") {
        None => DEFAULT_LIMIT,
        Some(raw) => match raw.trim().parse::<usize>() {
            Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
            _ => {
                errors.push(
                    FieldError::new("limit", ErrorCode::OutOfRange)
                        .with_limit(format!("1–{MAX_LIMIT}")),
                );
                DEFAULT_LIMIT
            }
        },
    };
    let offset = match query.get("cursor").filter(|c| !c.is_empty()) {
        None => 0,
        Some(raw) => match raw.strip_prefix('o').and_then(|n| n.parse::<usize>().ok()) {
            Some(n) => n,
            None => {
                errors.push(FieldError::new("cursor", ErrorCode::InvalidChoice));
                0
            }
        },
    };
    if errors.is_empty() {
        Ok(Page { limit, offset })
    } else {
        Err(errors)
    }
}

/// Cuts one page out of the full, ordered list.
pub fn paginate(items: Vec<Value>, page: &Page) -> Value {
    paginate_with(&items, page, Clone::clone)
}

/// Cuts one page out of the full, ordered list, rendering only the items on it.
pub fn paginate_with<T>(items: &[T], page: &Page, render: impl Fn(&T) -> Value) -> Value {
    let total = items.len();
    let end = (page.offset + page.limit).min(total);
    let items: Vec<Value> = items
        .iter()
        .skip(page.offset)
        .take(page.limit)
        .map(render)
        .collect();
    let next = (end < total).then(|| format!("o{end}"));
    json!({"items": items, "next_cursor": next})
}

/// A paginated list answer: the query's page of what `load` gives (422 on bad paging, before
/// anything is loaded), each item rendered.
pub async fn respond<T>(
    query: &HashMap<String, String>,
    load: impl Future<Output = Result<Vec<T>, sqlx::Error>>,
    render: impl Fn(&T) -> Value,
) -> Result<Json<Value>, ApiError> {
    let page = page(query).map_err(ApiError::Invalid)?;
    let items = load.await?;
    Ok(Json(paginate_with(&items, &page, render)))
}
