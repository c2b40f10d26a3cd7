//! The filing use case, one for every way a submission comes in (the JSON API, the check
//! page's form): a typed [`SubmitFiling`] in, the receipt's row or a [`SubmitFilingError`] out.
//! The command is checked and computed on the caller's task ([`super::prepare`]), then written
//! by the group-commit writer, durably, before the answer.
use banshui_engine::{calculation::Kind, Conflict, FieldError};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{
    canonical::canonical,
    prepare::prepare,
    writer::{FilingWriter, Outcome, SubmitError},
};
use crate::random::sha256_hex;

/// The longest idempotency key accepted (the contract: 1–255 characters).
pub const IDEMPOTENCY_KEY_MAX: usize = 255;

/// A client's idempotency key: 1–255 bytes. Only [`IdempotencyKey::parse`] makes one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub fn parse(text: &str) -> Option<IdempotencyKey> {
        (!text.is_empty() && text.len() <= IDEMPOTENCY_KEY_MAX)
            .then(|| IdempotencyKey(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A 合理性说明: the taxpayer's explanation of a flagged risk indicator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    /// The indicator's code (checked against the engine's list).
    pub indicator: String,
    pub text: String,
}

/// File a return, or a correction of one (`supersedes`).
#[derive(Clone, Debug)]
pub struct SubmitFiling {
    pub taxpayer_id: String,
    pub kind: Kind,
    /// The period as given (`2025`, `2026-Q2`, `2026-03`, `2026-03-15`); checked against the
    /// kind and the answers.
    pub period: String,
    /// The answers: the calculation input of the kind.
    pub answers: Value,
    pub declaration: bool,
    pub supersedes: Option<String>,
    pub explanations: Vec<Explanation>,
    pub idempotency_key: IdempotencyKey,
    /// What makes two submissions with one key "the same": the SHA-256 of the request as the
    /// client sent it, or (`None`) of the command's own contents. A retry with the same key
    /// and fingerprint gets the first receipt; a different one is refused.
    pub fingerprint: Option<String>,
}

impl SubmitFiling {
    /// The fingerprint of the command's contents (key and taxpayer aside).
    pub fn content_fingerprint(&self) -> String {
        let contents = json!({
            "kind": self.kind.slug(),
            "period": self.period,
            "data": self.answers,
            "declaration": self.declaration,
            "supersedes": self.supersedes,
            "explanations": self.explanations,
        });
        sha256_hex(canonical(&contents).as_bytes())
    }
}

/// Why a submission was not filed. Nothing is stored in any of these cases.
#[derive(Debug)]
pub enum SubmitFilingError {
    /// Problems with the command's fields, all of them, each on its field.
    Invalid(Vec<FieldError>),
    /// The command conflicts with what is filed (key reused, already filed, cannot supersede).
    Conflict(Conflict),
    /// Storage did not answer; the client may retry with the same key.
    Unavailable,
}

impl From<SubmitError> for SubmitFilingError {
    fn from(e: SubmitError) -> Self {
        match e {
            SubmitError::KeyReused => SubmitFilingError::Conflict(Conflict::IdempotencyKeyReused),
            SubmitError::AlreadyFiled => SubmitFilingError::Conflict(Conflict::AlreadyFiled),
            SubmitError::CannotSupersede => SubmitFilingError::Conflict(Conflict::CannotSupersede),
            SubmitError::Unavailable => SubmitFilingError::Unavailable,
        }
    }
}

/// Checks, computes and durably files `command`.
pub async fn submit_filing(
    writer: &FilingWriter,
    command: &SubmitFiling,
) -> Result<Outcome, SubmitFilingError> {
    let prepared = prepare(command).map_err(SubmitFilingError::Invalid)?;
    Ok(writer.submit(prepared).await?)
}
