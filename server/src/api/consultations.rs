//! Consultations: taxpayers ask and follow (`/api/v1/consultations`), staff take them up and
//! reply (`/api/v1/staff/consultations`); a publisher can turn one into a draft FAQ.
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
use serde_json::{Map, Value};

use super::{
    accounts::{object_with, text_field},
    articles::{choice, object},
    pagination::{self, paginate_with},
};
use crate::http::{parse_json, ApiError};
use crate::{
    accounts,
    auth::{Principal, StaffMember},
    consultations::{
        privacy,
        service::{self, AskQuestion},
        store, ConsultationError,
    },
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
            ConsultationError::Invalid(errors) => ApiError::Invalid(errors),
            ConsultationError::NotFound => ApiError::NotFound,
            ConsultationError::InvalidTransition(_) => {
                ApiError::Conflict(Conflict::InvalidTransition)
            }
            ConsultationError::Store(e) => e.into(),
        }
    }
}

/// The body of `POST /api/v1/consultations` as the command, with the problems of its shape.
fn question(map: &Map<String, Value>, taxpayer_id: &str) -> (AskQuestion, Vec<FieldError>) {
    let mut errors: Vec<FieldError> = map
        .keys()
        .filter(|k| !["subject", "body", "tax_type", "filing_id"].contains(&k.as_str()))
        .map(|k| FieldError::new(k.clone(), ErrorCode::UnknownField))
        .collect();
    let subject = text_field(map, "subject", &mut errors).to_string();
    let body = text_field(map, "body", &mut errors).to_string();
    let tax_type = text_field(map, "tax_type", &mut errors).to_string();
    let filing_id = match map.get("filing_id") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            errors.push(FieldError::new("filing_id", ErrorCode::WrongType));
            None
        }
    };
    let command = AskQuestion {
        taxpayer_id: taxpayer_id.to_string(),
        subject,
        body,
        tax_type,
        filing_id,
    };
    (command, errors)
}

pub async fn create(
    State(state): State<AppState>,
    who: Principal,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let (command, errors) = question(&object(&body)?, &who.taxpayer_id);
    let c = service::ask_with(&state.db, &command, errors).await?;
    Ok((StatusCode::CREATED, Json(c.taxpayer_json())))
}

pub async fn list(
    State(state): State<AppState>,
    who: Principal,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    pagination::respond(
        &query,
        store::list(&state.db, Some(&who.taxpayer_id), None, None),
        |c| c.taxpayer_json(),
    )
    .await
    .into_response()
}

pub async fn get(
    State(state): State<AppState>,
    who: Principal,
    Path(id): Path<String>,
) -> Response {
    match store::get(&state.db, &id, Some(&who.taxpayer_id)).await {
        Ok(Some(c)) => Json(c.taxpayer_json()).into_response(),
        Ok(None) => ApiError::NotFound.into_response(),
        Err(e) => ApiError::from(e).into_response(),
    }
}

pub async fn close(
    State(state): State<AppState>,
    who: Principal,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let c = service::close(&state.db, &who.taxpayer_id, &id).await?;
    Ok(Json(c.taxpayer_json()))
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
        &crate::consultations::STATUSES,
        &mut errors,
    );
    let tax_type = choice(&query, "tax_type", &TAX_TYPES, &mut errors);
    let page = pagination::page(&query).map_err(|e| errors.extend(e)).ok();
    let Some(page) = page.filter(|_| errors.is_empty()) else {
        return ApiError::Invalid(errors).into_response();
    };
    match store::list(&state.db, None, status.as_deref(), tax_type.as_deref()).await {
        Ok(items) => Json(paginate_with(&items, &page, |c| c.staff_json())).into_response(),
        Err(e) => ApiError::from(e).into_response(),
    }
}

pub async fn staff_get(
    State(state): State<AppState>,
    _member: StaffMember,
    Path(id): Path<String>,
) -> Response {
    match store::get(&state.db, &id, None).await {
        Ok(Some(c)) => Json(c.staff_json()).into_response(),
        Ok(None) => ApiError::NotFound.into_response(),
        Err(e) => ApiError::from(e).into_response(),
    }
}

pub async fn assign(
    State(state): State<AppState>,
    member: StaffMember,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    Ok(Json(
        service::take_up(&state.db, &member, &id)
            .await?
            .staff_json(),
    ))
}

pub async fn reply(
    State(state): State<AppState>,
    member: StaffMember,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    // An unknown consultation is a 404 whatever the body.
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
    let c = service::reply(&state.db, &member, &id, &text).await?;
    Ok((StatusCode::CREATED, Json(c.staff_json())))
}

/// The draft FAQ made from a consultation, personal data removed.
pub async fn make_faq(state: &AppState, member: &StaffMember, id: &str) -> Result<Value, ApiError> {
    member.require(Role::Publisher)?;
    let c = store::get(&state.db, id, None)
        .await?
        .ok_or(ApiError::NotFound)?;
    if c.replies.is_empty() {
        return Err(ApiError::Conflict(Conflict::NotAnswered));
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
    // The consultation's entry, then the article's: both with the article, or neither.
    let entries = vec![
        audit::Action {
            actor: &member.username,
            action: "publish_faq",
            object: format!("consultation:{id}"),
            detail: format!("draft article {}", input.slug),
            address: &member.address,
        },
        audit::Action {
            actor: &member.username,
            action: "create",
            object: format!("article:{}", input.slug),
            detail: format!("FAQ draft from consultation {id}"),
            address: &member.address,
        },
    ];
    articles::create(
        &state.db,
        &input,
        "由咨询整理 / Made from a consultation",
        &member.username,
        Some(&c.id),
        entries,
    )
    .await?;
    let (v, s) = articles::latest(&state.db, &input.slug)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(v.staff_json(&s))
}

pub async fn publish_faq(
    State(state): State<AppState>,
    member: StaffMember,
    Path(id): Path<String>,
) -> Response {
    match make_faq(&state, &member, &id).await {
        Ok(v) => (StatusCode::CREATED, Json(v)).into_response(),
        Err(e) => e.into_response(),
    }
}
