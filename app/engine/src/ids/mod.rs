//! Taxpayer identifiers: 统一社会信用代码 (GB 32100-2015) and 居民身份证号码 (GB 11643-1999).
pub mod resident_id;
pub mod uscc;

pub use resident_id::ResidentId;
pub use uscc::Uscc;

use crate::error::{ErrorCode, FieldError};

/// Which kind of identifier a string is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdKind {
    Uscc,
    ResidentId,
}

impl IdKind {
    pub fn as_str(self) -> &'static str {
        match self {
            IdKind::Uscc => "uscc",
            IdKind::ResidentId => "resident_id",
        }
    }
}

/// A validated taxpayer identifier, normalised (upper case, no spaces).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TaxpayerId {
    Uscc(Uscc),
    ResidentId(ResidentId),
}

/// Why an identifier is refused, and what it looked like.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdError {
    /// The kind it appears to be, when that can be told.
    pub kind: Option<IdKind>,
    pub code: ErrorCode,
}

impl IdError {
    pub fn into_field_error(self, field: &str) -> FieldError {
        FieldError::new(field, self.code)
    }
}

impl TaxpayerId {
    pub fn kind(&self) -> IdKind {
        match self {
            TaxpayerId::Uscc(_) => IdKind::Uscc,
            TaxpayerId::ResidentId(_) => IdKind::ResidentId,
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            TaxpayerId::Uscc(u) => u.as_str(),
            TaxpayerId::ResidentId(r) => r.as_str(),
        }
    }

    /// Tells the kind apart by shape (see [`looks_like_resident_id`]), then validates it as
    /// that kind: a wrong check character is reported for the kind the number looks like.
    pub fn parse(raw: &str) -> Result<TaxpayerId, IdError> {
        let s = normalized_18(raw, None)?;
        if looks_like_resident_id(&s) {
            ResidentId::parse(&s).map(TaxpayerId::ResidentId)
        } else {
            Uscc::parse(&s).map(TaxpayerId::Uscc)
        }
    }
}

/// Normalises `raw` and checks what every identifier shares: present, and 18 characters long.
/// `kind` is what a length error reports the number as.
fn normalized_18(raw: &str, kind: Option<IdKind>) -> Result<String, IdError> {
    let s = normalize(raw);
    if s.is_empty() {
        return Err(IdError {
            kind: None,
            code: ErrorCode::Required,
        });
    }
    if s.chars().count() != 18 {
        return Err(IdError {
            kind,
            code: ErrorCode::BadLength,
        });
    }
    Ok(s)
}

/// Upper case, without spaces or hyphens people type for readability.
pub fn normalize(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Resident ids are 17 digits then a digit or X, and their address code cannot start with 0
/// or 9 (no province code does); USCCs issued by 工商 start with 9, 民政 with 5, and 1 is shared.
/// A leading `1` is ambiguous: decided by whether positions 7–14 are a real date in 18xx–20xx.
fn looks_like_resident_id(s: &str) -> bool {
    let b = s.as_bytes();
    let digits17 = b[..17].iter().all(u8::is_ascii_digit);
    let last_ok = b[17].is_ascii_digit() || b[17] == b'X';
    if !(digits17 && last_ok) {
        return false;
    }
    match b[0] {
        b'1' => resident_id::birth_date_plausible(&s[6..14]),
        b'2'..=b'8' => true,
        _ => false,
    }
}
