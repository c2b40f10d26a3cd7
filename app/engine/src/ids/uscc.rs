//! 统一社会信用代码, GB 32100-2015: 18 characters from a 31-character alphabet (no I, O, Z, S,
//! V); the 18th is a check character: 31 − (Σ Cᵢ·Wᵢ mod 31), 31 → 0.
use super::{normalized_18, IdError, IdKind};
use crate::error::ErrorCode;

const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Wᵢ = 3^(i−1) mod 31.
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Uscc(String);

fn value_of(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u32)
}

/// The check character for the first 17 characters (which must be in the alphabet).
pub fn check_character(first17: &[u8]) -> Option<u8> {
    let mut sum = 0u32;
    for (c, w) in first17.iter().zip(WEIGHTS) {
        sum += value_of(*c)? * w;
    }
    let check = (31 - sum % 31) % 31;
    Some(ALPHABET[check as usize])
}

impl Uscc {
    pub fn parse(raw: &str) -> Result<Uscc, IdError> {
        let s = normalized_18(raw, Some(IdKind::Uscc))?;
        let err = |code| IdError {
            kind: Some(IdKind::Uscc),
            code,
        };
        let b = s.as_bytes();
        if !b.iter().all(|c| value_of(*c).is_some()) {
            return Err(err(ErrorCode::BadCharacter));
        }
        if check_character(&b[..17]) != Some(b[17]) {
            return Err(err(ErrorCode::BadCheckCharacter));
        }
        Ok(Uscc(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn alphabet() -> &'static [u8; 31] {
        ALPHABET
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_examples_are_valid() {
        for code in [
            "91350100M000100Y43",
            "91440300708461136T",
            "91110000802100433B",
            "91110108551385082Q",
            "51610700305332460K",
            "112302070019030687",
        ] {
            assert_eq!(
                Uscc::parse(code).map(|u| u.0),
                Ok(code.to_string()),
                "{code}"
            );
        }
    }

    #[test]
    fn reference_negatives_are_refused_with_their_reason() {
        assert_eq!(
            Uscc::parse("91350200M000000510").unwrap_err().code,
            ErrorCode::BadCheckCharacter
        );
        assert_eq!(
            Uscc::parse("91350128M00000019A").unwrap_err().code,
            ErrorCode::BadCheckCharacter
        );
        assert_eq!(
            Uscc::parse("91350100I000100Y43").unwrap_err().code,
            ErrorCode::BadCharacter
        );
        assert_eq!(
            Uscc::parse("91350100M000100Y4").unwrap_err().code,
            ErrorCode::BadLength
        );
        assert_eq!(check_character(b"91350200M00000051"), Some(b'D'));
        assert_eq!(check_character(b"91350128M00000019"), Some(b'F'));
    }

    #[test]
    fn lower_case_and_spaces_are_normalised() {
        assert_eq!(
            Uscc::parse(" 91350100m000100y43 ").unwrap().as_str(),
            "91350100M000100Y43"
        );
    }
}
