//! Consultations: taxpayers ask and follow (`/api/v1/consultations`), staff take them up and
//! reply (`/api/v1/staff/consultations`); a publisher can turn one into a draft FAQ.
use std::collections::HashMap;

use axum::{
    body::Bytes,
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use banshui_engine::{ErrorCode, FieldError};
use serde_json::{Map, Value};

use super::{
    accounts::{object_with, text_field},
    articles::{choice, object},
    error::{api_lang, parse_json, ApiError},
    pagination::{self, paginate_with},
};
use crate::{
    accounts,
    auth::{Principal, StaffMember},
    consultations::{self as store, privacy, ConsultationError},
    guidance::{
        articles,
        input::{ArticleInput, TAX_TYPES},
    },
    staff::{audit, Role},
    state::AppState,
};

impl From<ConsultationError> for ApiError {
    fn from(e: ConsultationError) -> Self {
        match e {
            ConsultationError::NotFound => ApiError::NotFound,
            ConsultationError::InvalidTransition(_) => ApiError::Conflict {
                field: "status",
                code: "invalid_transition",
            },
            ConsultationError::Store(e) => e.into(),
        }
    }
}

fn bounded(
    map: &Map<String, Value>,
    name: &str,
    max: usize,
    errors: &mut Vec<FieldError>,
) -> String {
    let value = text_field(map, name, errors).trim().to_string();
    if value.is_empty() {
        if map.get(name).is_some_and(Value::is_string) {
            errors.push(FieldError::new(name, ErrorCode::Required));
        }
    } else if value.chars().count() > max {
        errors.push(FieldError::new(name, ErrorCode::TooLong).with_limit(max.to_string()));
    }
    value
}

/// A taxpayer's new question from a consultation object (the API's body or the form's fields).
pub async fn ask(
    state: &AppState,
    taxpayer_id: &str,
    map: &Map<String, Value>,
) -> Result<Value, ApiError> {
    let mut errors: Vec<FieldError> = map
        .keys()
        .filter(|k| !["subject", "body", "tax_type", "filing_id"].contains(&k.as_str()))
        .map(|k| FieldError::new(k.clone(), ErrorCode::UnknownField))
        .collect();
    let subject = bounded(map, "subject", store::SUBJECT_MAX, &mut errors);
    let text = bounded(map, "body", store::BODY_MAX, &mut errors);
    let tax_type = text_field(map, "tax_type", &mut errors).trim().to_string();
    if !tax_type.is_empty() && !TAX_TYPES.contains(&tax_type.as_str()) {
        errors.push(FieldError::new("tax_type", ErrorCode::InvalidChoice));
    }
    let filing_id = match map.get("filing_id") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.trim().is_empty() => None,
        Some(Value::String(s)) => {
            // Another taxpayer's filing is refused like one that does not exist.
            if !store::owns_filing(&state.db, taxpayer_id, s.trim()).await? {
                errors.push(FieldError::new("filing_id", ErrorCode::InvalidChoice));
            }
            Some(s.trim().to_string())
        }
        Some(_) => {
            errors.push(FieldError::new("filing_id", ErrorCode::WrongType));
            None
        }
    };
    if !errors.is_empty() {
        return Err(ApiError::Invalid(errors));
    }
    let c = store::create(
        &state.db,
        taxpayer_id,
        &subject,
        &text,
        &tax_type,
        filing_id.as_deref(),
    )
    .await?;
    Ok(c.taxpayer_json())
}

pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    who: Principal,
    body: Bytes,
) -> Response {
    let lang = api_lang(&headers);
    let result = async { ask(&state, &who.taxpayer_id, &object(&body)?).await }.await;
    match result {
        Ok(v) => (StatusCode::CREATED, Json(v)).into_response(),
        Err(e) => e.into_response_in(lang),
    }
}

pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    who: Principal,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    pagination::respond(
        api_lang(&headers),
        &query,
        store::list(&state.db, Some(&who.taxpayer_id), None, None),
        |c| c.taxpayer_json(),
    )
    .await
}

pub async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    who: Principal,
    Path(id): Path<String>,
) -> Response {
    let lang = api_lang(&headers);
    match store::get(&state.db, &id, Some(&who.taxpayer_id)).await {
        Ok(Some(c)) => Json(c.taxpayer_json()).into_response(),
        Ok(None) => ApiError::NotFound.into_response_in(lang),
        Err(e) => ApiError::from(e).into_response_in(lang),
    }
}

pub async fn close(
    State(state): State<AppState>,
    headers: HeaderMap,
    who: Principal,
    Path(id): Path<String>,
) -> Response {
    let lang = api_lang(&headers);
    let result = async {
        store::get(&state.db, &id, Some(&who.taxpayer_id))
            .await?
            .ok_or(ApiError::NotFound)?;
        store::close(&state.db, &id).await?;
        let c = store::get(&state.db, &id, Some(&who.taxpayer_id))
            .await?
            .ok_or(ApiError::NotFound)?;
        Ok::<_, ApiError>(c.taxpayer_json())
    }
    .await;
    match result {
        Ok(v) => Json(v).into_response(),
        Err(e) => e.into_response_in(lang),
    }
}

pub async fn staff_list(
    State(state): State<AppState>,
    headers: HeaderMap,
    _member: StaffMember,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let lang = api_lang(&headers);
    let mut errors = Vec::new();
    let status = choice(&query, "status", &store::STATUSES, &mut errors);
    let tax_type = choice(&query, "tax_type", &TAX_TYPES, &mut errors);
    let page = pagination::page(&query).map_err(|e| errors.extend(e)).ok();
    let Some(page) = page.filter(|_| errors.is_empty()) else {
        return ApiError::Invalid(errors).into_response_in(lang);
    };
    match store::list(&state.db, None, status.as_deref(), tax_type.as_deref()).await {
        Ok(items) => Json(paginate_with(&items, &page, |c| c.staff_json())).into_response(),
        Err(e) => ApiError::from(e).into_response_in(lang),
    }
}

pub async fn staff_get(
    State(state): State<AppState>,
    headers: HeaderMap,
    _member: StaffMember,
    Path(id): Path<String>,
) -> Response {
    let lang = api_lang(&headers);
    match store::get(&state.db, &id, None).await {
        Ok(Some(c)) => Json(c.staff_json()).into_response(),
        Ok(None) => ApiError::NotFound.into_response_in(lang),
        Err(e) => ApiError::from(e).into_response_in(lang),
    }
}

async fn record(
    state: &AppState,
    member: &StaffMember,
    action: &str,
    id: &str,
    detail: String,
) -> Result<(), ApiError> {
    audit::record(
        &state.db,
        audit::Action {
            actor: &member.username,
            action,
            object: format!("consultation:{id}"),
            detail,
            address: &member.address,
        },
    )
    .await
    .map_err(ApiError::from)
}

/// 承办 (any staff role).
pub async fn assign_to(
    state: &AppState,
    member: &StaffMember,
    id: &str,
) -> Result<Value, ApiError> {
    store::assign(&state.db, id, &member.username).await?;
    record(state, member, "assign", id, String::new()).await?;
    Ok(store::get(&state.db, id, None)
        .await?
        .ok_or(ApiError::NotFound)?
        .staff_json())
}

/// 回复 (any staff role); the body is checked like a question's.
pub async fn reply_to(
    state: &AppState,
    member: &StaffMember,
    id: &str,
    text: &str,
) -> Result<Value, ApiError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ApiError::Invalid(vec![FieldError::new(
            "body",
            ErrorCode::Required,
        )]));
    }
    if text.chars().count() > store::BODY_MAX {
        return Err(ApiError::Invalid(vec![FieldError::new(
            "body",
            ErrorCode::TooLong,
        )
        .with_limit(store::BODY_MAX.to_string())]));
    }
    store::reply(&state.db, id, &member.username, text).await?;
    record(
        state,
        member,
        "reply",
        id,
        format!("{} characters", text.chars().count()),
    )
    .await?;
    Ok(store::get(&state.db, id, None)
        .await?
        .ok_or(ApiError::NotFound)?
        .staff_json())
}

pub async fn assign(
    State(state): State<AppState>,
    headers: HeaderMap,
    member: StaffMember,
    Path(id): Path<String>,
) -> Response {
    match assign_to(&state, &member, &id).await {
        Ok(v) => Json(v).into_response(),
        Err(e) => e.into_response_in(api_lang(&headers)),
    }
}

pub async fn reply(
    State(state): State<AppState>,
    headers: HeaderMap,
    member: StaffMember,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let lang = api_lang(&headers);
    let result = async {
        store::get(&state.db, &id, None)
            .await?
            .ok_or(ApiError::NotFound)?;
        let body = parse_json(&body)?;
        let mut errors = Vec::new();
        let map = object_with(&body, &["body"], &mut errors)
            .ok_or_else(|| ApiError::Invalid(errors.clone()))?;
        let text = text_field(map, "body", &mut errors).to_string();
        if !errors.is_empty() {
            return Err(ApiError::Invalid(errors));
        }
        reply_to(&state, &member, &id, &text).await
    }
    .await;
    match result {
        Ok(v) => (StatusCode::CREATED, Json(v)).into_response(),
        Err(e) => e.into_response_in(lang),
    }
}

/// The draft FAQ made from a consultation, personal data removed.
pub async fn make_faq(state: &AppState, member: &StaffMember, id: &str) -> Result<Value, ApiError> {
    member.require(Role::Publisher)?;
    let c = store::get(&state.db, id, None)
        .await?
        .ok_or(ApiError::NotFound)?;
    if c.replies.is_empty() {
        return Err(ApiError::Conflict {
            field: "status",
            code: "not_answered",
        });
    }
    let name = accounts::find(&state.db, &c.taxpayer_id)
        .await?
        .map(|a| a.name)
        .unwrap_or_default();
    let known = [name.as_str(), c.taxpayer_id.as_str()];
    let clean = |t: &str| privacy::scrub(t, &known);
    let question = clean(&c.body);
    let answer = c
        .replies
        .iter()
        .map(|r| clean(&r.body))
        .collect::<Vec<_>>()
        .join("\n\n");
    let subject = clean(&c.subject);
    let input = ArticleInput {
        slug: format!("faq-{}", &c.id[..c.id.len().min(12)]),
        kind: "faq".into(),
        tax_types: vec![c.tax_type.clone()],
        title: [subject.clone(), subject],
        markdown: [
            format!("**问：** {question}\n\n**答：** {answer}"),
            format!("*(Translation needed before publishing.)*\n\n**Question:** {question}\n\n**Answer:** {answer}"),
        ],
        effective_from: c.created_at.get(..10).unwrap_or("2026-01-01").to_string(),
        effective_to: None,
        references: Vec::new(),
    };
    articles::create(
        &state.db,
        &input,
        "由咨询整理 / Made from a consultation",
        &member.username,
        Some(&c.id),
    )
    .await?;
    record(
        state,
        member,
        "publish_faq",
        id,
        format!("draft article {}", input.slug),
    )
    .await?;
    audit::record(
        &state.db,
        audit::Action {
            actor: &member.username,
            action: "create",
            object: format!("article:{}", input.slug),
            detail: format!("FAQ draft from consultation {id}"),
            address: &member.address,
        },
    )
    .await?;
    let (v, s) = articles::latest(&state.db, &input.slug)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(v.staff_json(&s))
}

pub async fn publish_faq(
    State(state): State<AppState>,
    headers: HeaderMap,
    member: StaffMember,
    Path(id): Path<String>,
) -> Response {
    match make_faq(&state, &member, &id).await {
        Ok(v) => (StatusCode::CREATED, Json(v)).into_response(),
        Err(e) => e.into_response_in(api_lang(&headers)),
    }
}
