//! The consultation use cases, one for the API, the forms and the pages alike. Each takes a
//! typed command and answers with the consultation as it now is, or a [`ConsultationError`];
//! what a staff member changes is stored with its audit entry in one transaction.
use banshui_engine::{ErrorCode, FieldError};

use super::{store, Consultation, ConsultationError, BODY_MAX, SUBJECT_MAX};
use crate::{
    auth::StaffMember,
    db::Database,
    guidance::input::TAX_TYPES,
    staff::audit::{self, Action},
};

/// A taxpayer's new question.
#[derive(Clone, Debug, Default)]
pub struct AskQuestion {
    pub taxpayer_id: String,
    pub subject: String,
    pub body: String,
    /// One of the tax types, or empty for "not sure".
    pub tax_type: String,
    /// One of the taxpayer's own filings the question is about.
    pub filing_id: Option<String>,
}

/// Trimmed `text`; `required` when empty, `too_long` beyond `max` characters (unless the
/// field was already refused for its shape).
fn bounded(name: &str, text: &str, max: usize, errors: &mut Vec<FieldError>) -> String {
    let text = text.trim();
    if errors.iter().any(|e| e.field == name) {
        return text.to_string();
    }
    if text.is_empty() {
        errors.push(FieldError::new(name, ErrorCode::Required));
    } else if text.chars().count() > max {
        errors.push(FieldError::new(name, ErrorCode::TooLong).with_limit(max.to_string()));
    }
    text.to_string()
}

/// The fields of a question, in the order their problems are reported (unknown fields first).
const FIELD_ORDER: [&str; 4] = ["subject", "body", "tax_type", "filing_id"];

fn invalid(mut errors: Vec<FieldError>) -> ConsultationError {
    errors.sort_by_key(|e| {
        FIELD_ORDER
            .iter()
            .position(|f| *f == e.field)
            .map_or(0, |i| i + 1)
    });
    ConsultationError::Invalid(errors)
}

/// 受理: records a taxpayer's question (status `received`).
pub async fn ask(db: &Database, cmd: &AskQuestion) -> Result<Consultation, ConsultationError> {
    ask_with(db, cmd, Vec::new()).await
}

/// [`ask`], reporting `errors` found before (the shape of an API body) with the command's own.
pub async fn ask_with(
    db: &Database,
    cmd: &AskQuestion,
    mut errors: Vec<FieldError>,
) -> Result<Consultation, ConsultationError> {
    let subject = bounded("subject", &cmd.subject, SUBJECT_MAX, &mut errors);
    let body = bounded("body", &cmd.body, BODY_MAX, &mut errors);
    let tax_type = cmd.tax_type.trim();
    if !tax_type.is_empty() && !TAX_TYPES.contains(&tax_type) {
        errors.push(FieldError::new("tax_type", ErrorCode::InvalidChoice));
    }
    let filing_id = cmd
        .filing_id
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty());
    if filing_id.is_none() && !errors.is_empty() {
        return Err(invalid(errors));
    }
    let mut tx = db.write_transaction().await?;
    // Another taxpayer's filing is refused like one that does not exist.
    if let Some(f) = filing_id {
        if !store::owns_filing(db, &mut tx, &cmd.taxpayer_id, f).await? {
            errors.push(FieldError::new("filing_id", ErrorCode::InvalidChoice));
        }
    }
    if !errors.is_empty() {
        return Err(invalid(errors));
    }
    let c = store::create(
        db,
        &mut tx,
        &cmd.taxpayer_id,
        &subject,
        &body,
        tax_type,
        filing_id,
    )
    .await?;
    tx.commit().await?;
    Ok(c)
}

/// The taxpayer closes their own question.
pub async fn close(
    db: &Database,
    taxpayer_id: &str,
    id: &str,
) -> Result<Consultation, ConsultationError> {
    let mut tx = db.write_transaction().await?;
    store::get_on(db, &mut tx, id, Some(taxpayer_id))
        .await?
        .ok_or(ConsultationError::NotFound)?;
    store::close(db, &mut tx, id).await?;
    let c = store::get_on(db, &mut tx, id, Some(taxpayer_id))
        .await?
        .ok_or(ConsultationError::NotFound)?;
    tx.commit().await?;
    Ok(c)
}

fn audited<'a>(member: &'a StaffMember, action: &'a str, id: &str, detail: String) -> Action<'a> {
    Action {
        actor: &member.username,
        action,
        object: format!("consultation:{id}"),
        detail,
        address: &member.address,
    }
}

/// 承办: a staff member (any role) takes the question up.
pub async fn take_up(
    db: &Database,
    member: &StaffMember,
    id: &str,
) -> Result<Consultation, ConsultationError> {
    let mut tx = db.write_transaction().await?;
    store::assign(db, &mut tx, id, &member.username).await?;
    audit::record_on(db, &mut tx, audited(member, "assign", id, String::new())).await?;
    let c = store::get_on(db, &mut tx, id, None)
        .await?
        .ok_or(ConsultationError::NotFound)?;
    tx.commit().await?;
    Ok(c)
}

/// 回复: a staff member (any role) answers; the reply is checked like a question's body.
pub async fn reply(
    db: &Database,
    member: &StaffMember,
    id: &str,
    text: &str,
) -> Result<Consultation, ConsultationError> {
    let mut errors = Vec::new();
    let text = bounded("body", text, BODY_MAX, &mut errors);
    let mut tx = db.write_transaction().await?;
    store::get_on(db, &mut tx, id, None)
        .await?
        .ok_or(ConsultationError::NotFound)?;
    if !errors.is_empty() {
        return Err(ConsultationError::Invalid(errors));
    }
    store::reply(db, &mut tx, id, &member.username, &text).await?;
    let detail = format!("{} characters", text.chars().count());
    audit::record_on(db, &mut tx, audited(member, "reply", id, detail)).await?;
    let c = store::get_on(db, &mut tx, id, None)
        .await?
        .ok_or(ConsultationError::NotFound)?;
    tx.commit().await?;
    Ok(c)
}
