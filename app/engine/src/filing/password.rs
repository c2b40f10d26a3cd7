//! The password rule, the same in the browser and on the server: at least 10 characters, at
//! most 200, not one of the passwords that leaked lists show people choose most often, and not
//! the taxpayer's own identifier.
use crate::{ErrorCode, FieldError};

pub const MIN_CHARS: usize = 10;
pub const MAX_CHARS: usize = 200;

/// The most common passwords of 10 or more characters (shorter ones fail the length rule
/// anyway), from published breach-frequency lists, lower-cased. Compared case-insensitively
/// and ignoring repeated trailing digits variants listed explicitly.
const COMMON: &str = include_str!("common_passwords.txt");

fn is_common(password: &str) -> bool {
    let lower = password.to_lowercase();
    if COMMON.lines().any(|line| line.trim() == lower) {
        return true;
    }
    // One character repeated, or a run of consecutive keyboard digits/letters.
    let first = lower.chars().next();
    if lower.chars().all(|c| Some(c) == first) {
        return true;
    }
    const RUNS: [&str; 4] = [
        "01234567890123456789",
        "98765432109876543210",
        "abcdefghijklmnopqrstuvwxyz",
        "qwertyuiopasdfghjklzxcvbnm",
    ];
    RUNS.iter().any(|run| run.contains(lower.as_str()))
}

/// Checks a new password; the error is on the field `password`.
pub fn check_password(password: &str, taxpayer_id: &str) -> Result<(), FieldError> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err(FieldError::new("password", ErrorCode::PasswordTooShort)
            .with_limit(MIN_CHARS.to_string()));
    }
    if chars > MAX_CHARS {
        return Err(
            FieldError::new("password", ErrorCode::TooLong).with_limit(MAX_CHARS.to_string())
        );
    }
    let id = taxpayer_id.trim().to_lowercase();
    if is_common(password) || (!id.is_empty() && password.to_lowercase().contains(&id)) {
        return Err(FieldError::new("password", ErrorCode::PasswordTooCommon));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_and_common_lists() {
        let code = |p: &str| {
            check_password(p, "91350100M000100Y43")
                .err()
                .map(|e| e.code)
        };
        assert_eq!(code("short"), Some(ErrorCode::PasswordTooShort));
        assert_eq!(
            code("密码密码密码密码密"),
            Some(ErrorCode::PasswordTooShort)
        );
        assert_eq!(code("1234567890"), Some(ErrorCode::PasswordTooCommon));
        assert_eq!(code("Password123"), Some(ErrorCode::PasswordTooCommon));
        assert_eq!(code("qwertyuiop"), Some(ErrorCode::PasswordTooCommon));
        assert_eq!(code("aaaaaaaaaaaa"), Some(ErrorCode::PasswordTooCommon));
        assert_eq!(
            code("x91350100m000100y43"),
            Some(ErrorCode::PasswordTooCommon)
        );
        assert_eq!(code(&"a1".repeat(101)), Some(ErrorCode::TooLong));
        assert_eq!(code("茶山 steep hill 42"), None);
        assert_eq!(code("correct horse battery"), None);
    }
}
