//! 居民身份证号码, GB 11643-1999: 6-digit address, 8-digit birth date, 3-digit sequence and an
//! ISO 7064 MOD 11-2 check character ("10X98765432"[Σ aᵢ·Wᵢ mod 11]).
#![allow(
    clippy::inconsistent_digit_grouping,
    reason = "20261231 is a date, YYYYMMDD"
)]
use super::{normalized_18, IdError, IdKind};
use crate::error::ErrorCode;

/// Wᵢ = 2^(18−i) mod 11.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: &[u8; 11] = b"10X98765432";
/// Birth dates after this are in the future. The engine has no clock (it is pure), so this is
/// the last day of the newest tax year it knows; the server checks against today as well.
pub const LATEST_BIRTH_DATE: u32 = 20261231;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResidentId(String);

pub fn check_character(first17: &[u8]) -> Option<u8> {
    let mut sum = 0u32;
    for (c, w) in first17.iter().zip(WEIGHTS) {
        if !c.is_ascii_digit() {
            return None;
        }
        sum += u32::from(c - b'0') * w;
    }
    Some(CHECK[(sum % 11) as usize])
}

fn is_leap(y: u32) -> bool {
    (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400)
}

/// `YYYYMMDD` is a real calendar date from 1800-01-01 up to [`LATEST_BIRTH_DATE`].
pub fn birth_date_plausible(yyyymmdd: &str) -> bool {
    if yyyymmdd.len() != 8 || !yyyymmdd.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let Ok(n) = yyyymmdd.parse::<u32>() else {
        return false;
    };
    let (y, m, d) = (n / 10000, n / 100 % 100, n % 100);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => return false,
    };
    (1800..=9999).contains(&y) && (1..=days).contains(&d) && n <= LATEST_BIRTH_DATE
}

impl ResidentId {
    pub fn parse(raw: &str) -> Result<ResidentId, IdError> {
        let s = normalized_18(raw, Some(IdKind::ResidentId))?;
        let err = |code| IdError {
            kind: Some(IdKind::ResidentId),
            code,
        };
        let b = s.as_bytes();
        if !(b[..17].iter().all(u8::is_ascii_digit) && (b[17].is_ascii_digit() || b[17] == b'X')) {
            return Err(err(ErrorCode::BadCharacter));
        }
        if !birth_date_plausible(&s[6..14]) {
            return Err(err(ErrorCode::BadBirthDate));
        }
        if check_character(&b[..17]) != Some(b[17]) {
            return Err(err(ErrorCode::BadCheckCharacter));
        }
        Ok(ResidentId(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `YYYYMMDD`.
    pub fn birth_date(&self) -> &str {
        &self.0[6..14]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_examples() {
        assert!(ResidentId::parse("11010519491231002X").is_ok());
        assert!(ResidentId::parse("440524188001010014").is_ok());
        assert!(ResidentId::parse("11010219840406970X").is_ok());
        assert_eq!(
            ResidentId::parse("11010219840506970X").unwrap_err().code,
            ErrorCode::BadCheckCharacter
        );
    }

    #[test]
    fn lower_case_x_is_normalised() {
        assert_eq!(
            ResidentId::parse("11010519491231002x").unwrap().as_str(),
            "11010519491231002X"
        );
    }

    #[test]
    fn impossible_or_future_birth_dates_are_refused() {
        // Same digits with 1949-02-30; check character recomputed so only the date is wrong.
        let mut id = b"11010519490230002".to_vec();
        id.push(check_character(&id).unwrap());
        let id = String::from_utf8(id).unwrap();
        assert_eq!(
            ResidentId::parse(&id).unwrap_err().code,
            ErrorCode::BadBirthDate
        );
        let mut future = b"11010520990101002".to_vec();
        future.push(check_character(&future).unwrap());
        let future = String::from_utf8(future).unwrap();
        assert_eq!(
            ResidentId::parse(&future).unwrap_err().code,
            ErrorCode::BadBirthDate
        );
        assert!(birth_date_plausible("20000229"));
        assert!(!birth_date_plausible("19000229"));
    }
}
