//! Money: yuan to the fen (two decimals), `rust_decimal` underneath, never binary floating point.
use std::{fmt, ops};

use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::{ErrorCode, FieldError};

/// An amount in yuan with exactly two decimals.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(Decimal);

/// The largest amount any input accepts: 999,999,999,999.99.
pub fn max_input() -> Decimal {
    Decimal::new(99_999_999_999_999, 2)
}

/// 四舍五入 to 0.01 (half away from zero; for the non-negative amounts of a return this is
/// half up).
pub fn round_fen(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// Rounds a computed value to the fen (a return line).
    pub fn round(value: Decimal) -> Money {
        let mut d = round_fen(value);
        d.rescale(2);
        Money(d)
    }

    pub fn yuan(units: i64) -> Money {
        Money::round(Decimal::from(units))
    }

    pub fn amount(self) -> Decimal {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    pub fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }

    pub fn is_positive(self) -> bool {
        self.0 > Decimal::ZERO
    }

    pub fn max(self, other: Money) -> Money {
        if self >= other {
            self
        } else {
            other
        }
    }

    pub fn min(self, other: Money) -> Money {
        if self <= other {
            self
        } else {
            other
        }
    }

    /// Parses what a person or a program typed: `12345.6`, `12,345.60`, `１２３４５．６０`,
    /// ` 300 ` — at most two decimals, not negative unless `allow_negative`, at most
    /// 999,999,999,999.99 in size.
    pub fn parse(raw: &str, field: &str, allow_negative: bool) -> Result<Money, FieldError> {
        let text = normalize(raw);
        if text.is_empty() {
            return Err(FieldError::new(field, ErrorCode::Required));
        }
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(&text)),
        };
        let (int_part, frac_part) = match digits.split_once('.') {
            Some((i, f)) => (i, f),
            None => (digits, ""),
        };
        let well_formed = !int_part.is_empty()
            && int_part.bytes().all(|b| b.is_ascii_digit())
            && frac_part.bytes().all(|b| b.is_ascii_digit())
            && !(digits.contains('.') && frac_part.is_empty());
        if !well_formed {
            return Err(FieldError::new(field, ErrorCode::NotANumber));
        }
        if frac_part.len() > 2 {
            return Err(FieldError::new(field, ErrorCode::TooManyDecimals));
        }
        // Anything longer than 12 integer digits (after leading zeros) is out of range, and
        // checking the length first keeps Decimal from overflowing on absurd input.
        if int_part.trim_start_matches('0').len() > 12 {
            return Err(
                FieldError::new(field, ErrorCode::AmountTooLarge).with_limit("999999999999.99")
            );
        }
        let mut value: Decimal = format!("{int_part}.{frac_part:0<2}")
            .parse()
            .map_err(|_| FieldError::new(field, ErrorCode::NotANumber))?;
        if negative {
            value = -value;
        }
        if value.is_sign_negative() && !value.is_zero() && !allow_negative {
            return Err(FieldError::new(field, ErrorCode::NegativeAmount));
        }
        if value.abs() > max_input() {
            return Err(
                FieldError::new(field, ErrorCode::AmountTooLarge).with_limit("999999999999.99")
            );
        }
        Ok(Money::round(value))
    }
}

/// Full-width digits and punctuation to ASCII; thousands separators and spaces removed.
fn normalize(raw: &str) -> String {
    raw.chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '．' | '。' => Some('.'),
            '－' | '−' => Some('-'),
            '＋' => Some('+'),
            ',' | '，' | ' ' | '\u{3000}' | '_' | '\u{a0}' => None,
            c => Some(c),
        })
        .collect()
}

impl fmt::Display for Money {
    /// Always two decimals: `1485.15`, `0.00`, `-220.00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = self.0;
        d.rescale(2);
        if d.is_zero() {
            d = Decimal::new(0, 2);
        }
        write!(f, "{d}")
    }
}

impl ops::Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money::round(self.0 + rhs.0)
    }
}

impl ops::Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money::round(self.0 - rhs.0)
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, |a, b| a + b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(raw: &str) -> String {
        Money::parse(raw, "f", false)
            .map(|m| m.to_string())
            .unwrap_or_else(|e| e.code.as_str().into())
    }

    #[test]
    fn parses_what_people_type() {
        assert_eq!(ok("12,345.60"), "12345.60");
        assert_eq!(ok("１２３４５．６"), "12345.60");
        assert_eq!(ok(" 300 "), "300.00");
        assert_eq!(ok("0"), "0.00");
        assert_eq!(ok("007.5"), "7.50");
        assert_eq!(ok("999999999999.99"), "999999999999.99");
    }

    #[test]
    fn refuses_what_is_not_money() {
        assert_eq!(ok(""), "required");
        assert_eq!(ok("abc"), "not_a_number");
        assert_eq!(ok("1e5"), "not_a_number");
        assert_eq!(ok("1."), "not_a_number");
        assert_eq!(ok(".5"), "not_a_number");
        assert_eq!(ok("1.005"), "too_many_decimals");
        assert_eq!(ok("-1"), "negative_amount");
        assert_eq!(ok("1000000000000"), "amount_too_large");
        assert_eq!(
            ok("99999999999999999999999999999999999"),
            "amount_too_large"
        );
        assert_eq!(
            Money::parse("-220.5", "f", true).unwrap().to_string(),
            "-220.50"
        );
    }

    #[test]
    fn rounds_half_up_to_the_fen() {
        assert_eq!(Money::round(Decimal::new(22275, 3)).to_string(), "22.28");
        assert_eq!(Money::round(Decimal::new(3703701, 4)).to_string(), "370.37");
        assert_eq!(Money::round(Decimal::new(9999, 4)).to_string(), "1.00");
    }
}
