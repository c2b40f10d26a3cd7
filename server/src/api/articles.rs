//! Guidance articles: the public read endpoints (`/api/v1/articles`) and the staff workflow
//! (`/api/v1/staff/articles`: create, edit, submit, publish, archive, versions, diff).
use std::collections::HashMap;

use axum::{
    body::Bytes,
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use banshui_engine::Conflict;
use banshui_engine::{ErrorCode, FieldError};
use serde_json::{json, Map, Value};

use super::pagination::{self, paginate};
use crate::http::{parse_json, ApiError};
use crate::{
    auth::StaffMember,
    guidance::{
        articles::{self, ArticleError, Step},
        diff,
        draft::ArticleDraft,
        input::{self, ARTICLE_FIELDS, LANGS},
        service,
    },
    staff::Role,
    state::AppState,
};

impl From<ArticleError> for ApiError {
    fn from(e: ArticleError) -> Self {
        match e {
            ArticleError::Invalid(errors) => ApiError::Invalid(errors),
            ArticleError::Forbidden => ApiError::Forbidden,
            ArticleError::NotFound => ApiError::NotFound,
            ArticleError::SlugTaken => ApiError::Conflict(Conflict::SlugTaken),
            ArticleError::InvalidTransition(_) => ApiError::Conflict(Conflict::InvalidTransition),
            ArticleError::Store(e) => e.into(),
        }
    }
}

/// A filter value that must be one of `allowed` (422 on the parameter otherwise).
pub fn choice(
    query: &HashMap<String, String>,
    name: &str,
    allowed: &[&str],
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    let value = query
        .get(name)
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())?;
    if allowed.contains(&value) {
        Some(value.to_string())
    } else {
        errors.push(FieldError::new(name, ErrorCode::InvalidChoice));
        None
    }
}

pub async fn list(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let mut errors = Vec::new();
    let tax_type = choice(&query, "tax_type", &input::TAX_TYPES, &mut errors);
    let kind = choice(&query, "kind", &input::KINDS, &mut errors);
    choice(&query, "lang", &input::LANGS, &mut errors);
    let page = pagination::page(&query).map_err(|e| errors.extend(e)).ok();
    let Some(page) = page.filter(|_| errors.is_empty()) else {
        return ApiError::Invalid(errors).into_response();
    };
    match articles::published(&state.db).await {
        Ok(all) => {
            let items: Vec<Value> = all
                .iter()
                .filter(|(v, _)| tax_type.as_ref().is_none_or(|t| v.tax_types.contains(t)))
                .filter(|(v, _)| kind.as_ref().is_none_or(|k| &v.kind == k))
                .map(|(v, at)| v.public_json(Some(at)))
                .collect();
            Json(paginate(items, &page)).into_response()
        }
        Err(e) => ApiError::from(e).into_response(),
    }
}

pub async fn get(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    match articles::published_one(&state.db, &slug).await {
        Ok(Some((v, at))) => Json(v.public_json(Some(&at))).into_response(),
        Ok(None) => ApiError::NotFound.into_response(),
        Err(e) => ApiError::from(e).into_response(),
    }
}

async fn staff_view(state: &AppState, slug: &str) -> Result<Value, ApiError> {
    let (v, s) = articles::latest(&state.db, slug)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(v.staff_json(&s))
}

pub async fn staff_list(
    State(state): State<AppState>,
    _member: StaffMember,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let mut errors = Vec::new();
    let status = choice(
        &query,
        "status",
        &["draft", "in_review", "published", "archived"],
        &mut errors,
    );
    let page = pagination::page(&query).map_err(|e| errors.extend(e)).ok();
    let Some(page) = page.filter(|_| errors.is_empty()) else {
        return ApiError::Invalid(errors).into_response();
    };
    match articles::latest_all(&state.db).await {
        Ok(all) => {
            let items: Vec<Value> = all
                .iter()
                .filter(|(_, s)| status.as_ref().is_none_or(|st| &s.status == st))
                .map(|(v, s)| v.staff_json(s))
                .collect();
            Json(paginate(items, &page)).into_response()
        }
        Err(e) => ApiError::from(e).into_response(),
    }
}

pub async fn staff_get(
    State(state): State<AppState>,
    _member: StaffMember,
    Path(slug): Path<String>,
) -> Response {
    match staff_view(&state, &slug).await {
        Ok(v) => Json(v).into_response(),
        Err(e) => e.into_response(),
    }
}

/// A text field of a body: `None` when absent; `wrong_type` (and `None`) for any other JSON
/// type, `null` included.
fn json_text(
    map: &Map<String, Value>,
    field: &str,
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    match map.get(field)? {
        Value::String(s) => Some(s.clone()),
        _ => {
            errors.push(FieldError::new(field, ErrorCode::WrongType));
            None
        }
    }
}

/// A list of strings (absent or `null`: empty); items of another type are `wrong_type`.
fn json_strings(
    map: &Map<String, Value>,
    field: &str,
    errors: &mut Vec<FieldError>,
) -> Vec<String> {
    match map.get(field) {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => {
            let mut out = Vec::new();
            for (i, item) in items.iter().enumerate() {
                match item {
                    Value::String(s) => out.push(s.clone()),
                    _ => {
                        errors.push(FieldError::new(
                            format!("{field}[{i}]"),
                            ErrorCode::WrongType,
                        ));
                        // Kept as an empty string: the other items stay at their indices.
                        out.push(String::new());
                    }
                }
            }
            out
        }
        Some(_) => {
            errors.push(FieldError::new(field, ErrorCode::WrongType));
            Vec::new()
        }
    }
}

/// `{"zh-CN": …, "en": …}`; a missing object is `required` as a whole.
fn json_bilingual(
    map: &Map<String, Value>,
    field: &str,
    errors: &mut Vec<FieldError>,
) -> [String; 2] {
    match map.get(field) {
        Some(Value::Object(inner)) => LANGS.map(|lang| {
            let path = format!("{field}.{lang}");
            match inner.get(lang) {
                None => String::new(),
                Some(Value::String(s)) => s.clone(),
                Some(_) => {
                    errors.push(FieldError::new(path, ErrorCode::WrongType));
                    String::new()
                }
            }
        }),
        Some(_) => {
            errors.push(FieldError::new(field, ErrorCode::WrongType));
            Default::default()
        }
        None => {
            errors.push(FieldError::new(field, ErrorCode::Required));
            Default::default()
        }
    }
}

/// An article body as an [`ArticleDraft`], with the problems of its shape (unknown fields,
/// values of the wrong JSON type). `path_slug`: an edit's slug, which a body slug that is not
/// a string cannot be.
fn draft_from_json(
    map: &Map<String, Value>,
    path_slug: Option<&str>,
) -> (ArticleDraft, Vec<FieldError>) {
    let mut errors: Vec<FieldError> = map
        .keys()
        .filter(|k| !ARTICLE_FIELDS.contains(&k.as_str()))
        .map(|k| FieldError::new(k.clone(), ErrorCode::UnknownField))
        .collect();
    let slug = match (map.get("slug"), path_slug) {
        (Some(v), Some(p)) if !v.is_string() => {
            errors.push(FieldError::new("slug", ErrorCode::InvalidChoice).with_limit(p));
            None
        }
        _ => json_text(map, "slug", &mut errors),
    };
    let kind = json_text(map, "kind", &mut errors);
    let tax_types = json_strings(map, "tax_types", &mut errors);
    let title = json_bilingual(map, "title", &mut errors);
    let markdown = json_bilingual(map, "body_markdown", &mut errors);
    let effective_from = match map.get("effective_from") {
        None | Some(Value::Null) => None,
        _ => json_text(map, "effective_from", &mut errors),
    };
    let effective_to = match map.get("effective_to") {
        None | Some(Value::Null) => None,
        _ => json_text(map, "effective_to", &mut errors),
    };
    let references = json_strings(map, "references", &mut errors);
    let change_note = json_text(map, "change_note", &mut errors);
    let draft = ArticleDraft {
        slug,
        kind,
        tax_types,
        title,
        markdown,
        effective_from,
        effective_to,
        references,
        change_note,
    };
    (draft, errors)
}

/// The request body as a JSON object (400 when it is not JSON, 422 when not an object).
pub fn object(body: &[u8]) -> Result<Map<String, Value>, ApiError> {
    match parse_json(body)? {
        Value::Object(map) => Ok(map),
        _ => Err(ApiError::Invalid(vec![FieldError::new(
            "",
            ErrorCode::WrongType,
        )])),
    }
}

pub async fn create(
    State(state): State<AppState>,
    member: StaffMember,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    member.require(Role::Editor)?;
    let (draft, shape) = draft_from_json(&object(&body)?, None);
    let (v, s) = service::create(&state.db, &member, &draft, shape).await?;
    Ok((StatusCode::CREATED, Json(v.staff_json(&s))))
}

pub async fn update(
    State(state): State<AppState>,
    member: StaffMember,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    member.require(Role::Editor)?;
    if articles::latest(&state.db, &slug).await?.is_none() {
        return Err(ApiError::NotFound);
    }
    let (draft, shape) = draft_from_json(&object(&body)?, Some(&slug));
    let (v, s) = service::edit(&state.db, &member, &slug, &draft, shape).await?;
    Ok(Json(v.staff_json(&s)))
}

async fn respond_step(
    state: AppState,
    member: StaffMember,
    slug: String,
    step: Step,
) -> Result<Json<Value>, ApiError> {
    let (v, s) = service::take_step(&state.db, &state.search, &member, &slug, step).await?;
    Ok(Json(v.staff_json(&s)))
}

pub async fn submit(
    State(state): State<AppState>,
    member: StaffMember,
    Path(slug): Path<String>,
) -> Result<Json<Value>, ApiError> {
    respond_step(state, member, slug, Step::Submit).await
}

pub async fn publish(
    State(state): State<AppState>,
    member: StaffMember,
    Path(slug): Path<String>,
) -> Result<Json<Value>, ApiError> {
    respond_step(state, member, slug, Step::Publish).await
}

pub async fn archive(
    State(state): State<AppState>,
    member: StaffMember,
    Path(slug): Path<String>,
) -> Result<Json<Value>, ApiError> {
    respond_step(state, member, slug, Step::Archive).await
}

pub async fn versions(
    State(state): State<AppState>,
    _member: StaffMember,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let page = match pagination::page(&query) {
        Ok(p) => p,
        Err(errors) => return ApiError::Invalid(errors).into_response(),
    };
    match articles::versions(&state.db, &slug).await {
        Ok(list) if list.is_empty() => ApiError::NotFound.into_response(),
        Ok(list) => {
            let items: Vec<Value> = list
                .iter()
                .map(|v| {
                    json!({
                        "version": v.version, "change_note": v.change_note, "author": v.author,
                        "created_at": v.created_at, "title": {"zh-CN": v.title[0], "en": v.title[1]},
                    })
                })
                .collect();
            Json(paginate(items, &page)).into_response()
        }
        Err(e) => ApiError::from(e).into_response(),
    }
}

/// `GET /api/v1/staff/articles/{slug}/diff?from=1&to=2` → the fields that changed, line by line.
pub async fn version_diff(
    State(state): State<AppState>,
    _member: StaffMember,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let list = match articles::versions(&state.db, &slug).await {
        Ok(list) if list.is_empty() => return ApiError::NotFound.into_response(),
        Ok(list) => list,
        Err(e) => return ApiError::from(e).into_response(),
    };
    let mut errors = Vec::new();
    let mut pick = |name: &'static str| {
        let found = query
            .get(name)
            .and_then(|n| n.trim().parse::<i64>().ok())
            .and_then(|n| list.iter().find(|v| v.version == n));
        if found.is_none() {
            errors.push(
                FieldError::new(name, ErrorCode::InvalidChoice)
                    .with_limit(format!("1–{}", list.len())),
            );
        }
        found
    };
    let (from, to) = (pick("from"), pick("to"));
    let (Some(from), Some(to)) = (from, to) else {
        return ApiError::Invalid(errors).into_response();
    };
    Json(json!({"slug": slug, "from": from.version, "to": to.version, "fields": diff::between(from, to)})).into_response()
}
