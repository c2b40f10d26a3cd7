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
        input::{self, change_note, parse_article, ARTICLE_FIELDS},
    },
    staff::{audit, Role},
    state::AppState,
};

impl From<ArticleError> for ApiError {
    fn from(e: ArticleError) -> Self {
        match e {
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

async fn record(
    state: &AppState,
    member: &StaffMember,
    action: &str,
    slug: &str,
    detail: String,
) -> Result<(), ApiError> {
    audit::record(
        &state.db,
        audit::Action {
            actor: &member.username,
            action,
            object: format!("article:{slug}"),
            detail,
            address: &member.address,
        },
    )
    .await
    .map_err(ApiError::from)
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

/// Creates a draft from an article object (the API's body, or the staff form's fields).
pub async fn create_from(
    state: &AppState,
    member: &StaffMember,
    map: &Map<String, Value>,
) -> Result<Value, ApiError> {
    member.require(Role::Editor)?;
    let mut errors = unknown_fields(map);
    let input = parse_article(map, None, &mut errors);
    let note = change_note(map, false, &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::Invalid(errors));
    }
    let note = note.unwrap_or_else(|| "创建 / Created".into());
    articles::create(&state.db, &input, &note, &member.username, None).await?;
    record(state, member, "create", &input.slug, note).await?;
    staff_view(state, &input.slug).await
}

/// A new version of an article from an article object with a change note.
pub async fn update_from(
    state: &AppState,
    member: &StaffMember,
    slug: &str,
    map: &Map<String, Value>,
) -> Result<Value, ApiError> {
    member.require(Role::Editor)?;
    if articles::latest(&state.db, slug).await?.is_none() {
        return Err(ApiError::NotFound);
    }
    let mut errors = unknown_fields(map);
    let input = parse_article(map, Some(slug), &mut errors);
    let note = change_note(map, true, &mut errors);
    let (Some(note), true) = (note, errors.is_empty()) else {
        return Err(ApiError::Invalid(errors));
    };
    let version = articles::update(&state.db, &input, &note, &member.username).await?;
    record(
        state,
        member,
        "edit",
        slug,
        format!("version {version}: {note}"),
    )
    .await?;
    staff_view(state, slug).await
}

fn unknown_fields(map: &Map<String, Value>) -> Vec<FieldError> {
    map.keys()
        .filter(|k| !ARTICLE_FIELDS.contains(&k.as_str()))
        .map(|k| FieldError::new(k.clone(), ErrorCode::UnknownField))
        .collect()
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

pub async fn create(State(state): State<AppState>, member: StaffMember, body: Bytes) -> Response {
    let result = async {
        member.require(Role::Editor)?;
        create_from(&state, &member, &object(&body)?).await
    }
    .await;
    match result {
        Ok(v) => (StatusCode::CREATED, Json(v)).into_response(),
        Err(e) => e.into_response(),
    }
}

pub async fn update(
    State(state): State<AppState>,
    member: StaffMember,
    Path(slug): Path<String>,
    body: Bytes,
) -> Response {
    let result = async {
        member.require(Role::Editor)?;
        if articles::latest(&state.db, &slug).await?.is_none() {
            return Err(ApiError::NotFound);
        }
        update_from(&state, &member, &slug, &object(&body)?).await
    }
    .await;
    match result {
        Ok(v) => Json(v).into_response(),
        Err(e) => e.into_response(),
    }
}

/// Submit (editor), publish or archive (publisher); keeps the search index in step.
pub async fn step(
    state: &AppState,
    member: &StaffMember,
    slug: &str,
    step: Step,
) -> Result<Value, ApiError> {
    member.require(if step == Step::Submit {
        Role::Editor
    } else {
        Role::Publisher
    })?;
    let after = articles::step(&state.db, slug, step).await?;
    let detail = format!("version {}", after.current_version);
    match step {
        Step::Publish => {
            let published = articles::published_one(&state.db, slug)
                .await?
                .map(|(v, _)| v);
            if let Err(e) = state
                .search
                .changed(&state.db, slug, published.as_ref())
                .await
            {
                tracing::error!(error = %e, slug, "search index update failed");
            }
        }
        Step::Archive => {
            if let Err(e) = state.search.changed(&state.db, slug, None).await {
                tracing::error!(error = %e, slug, "search index update failed");
            }
        }
        Step::Submit => {}
    }
    record(state, member, step.as_str(), slug, detail).await?;
    staff_view(state, slug).await
}

async fn respond_step(state: AppState, member: StaffMember, slug: String, s: Step) -> Response {
    match step(&state, &member, &slug, s).await {
        Ok(v) => Json(v).into_response(),
        Err(e) => e.into_response(),
    }
}

pub async fn submit(
    State(state): State<AppState>,
    member: StaffMember,
    Path(slug): Path<String>,
) -> Response {
    respond_step(state, member, slug, Step::Submit).await
}

pub async fn publish(
    State(state): State<AppState>,
    member: StaffMember,
    Path(slug): Path<String>,
) -> Response {
    respond_step(state, member, slug, Step::Publish).await
}

pub async fn archive(
    State(state): State<AppState>,
    member: StaffMember,
    Path(slug): Path<String>,
) -> Response {
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
