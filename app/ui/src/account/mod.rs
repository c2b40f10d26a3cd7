//! Signing in, registering and the session-timeout warning.
mod register;
pub mod security;
mod session_timeout;
mod sign_in;

pub use register::RegisterRoute;
pub use security::AccountSecurityRoute;
pub use session_timeout::SessionTimeout;
pub use sign_in::SignInRoute;

use banshui_engine::{Conflict, ErrorCode};

use crate::i18n::{t_args, Lang};

/// Errors carried back to a form page in its query string after a no-JavaScript POST:
/// `field:code[:limit]` joined by commas (codes are the API's).
/// A limit as the server writes it: a number (`120`, `999999999999.99`), a range of numbers
/// (`1–100`) or a period (`2026-Q2`, `2026-03`).
fn plain_limit(limit: &str) -> bool {
    let number = |n: &str| {
        let (whole, cents) = n.split_once('.').unwrap_or((n, "0"));
        !whole.is_empty()
            && whole.len() <= 15
            && whole.bytes().all(|b| b.is_ascii_digit())
            && !cents.is_empty()
            && cents.len() <= 2
            && cents.bytes().all(|b| b.is_ascii_digit())
    };
    let period = |p: &str| {
        let b = p.as_bytes();
        b.len() == 7
            && b[..4].iter().all(u8::is_ascii_digit)
            && b[4] == b'-'
            && (b[5] == b'Q' && (b'1'..=b'4').contains(&b[6])
                || b[5..].iter().all(u8::is_ascii_digit))
    };
    match limit.split_once('–') {
        Some((from, to)) => number(from) && number(to),
        None => number(limit) || period(limit),
    }
}

pub fn decode_errors(lang: Lang, encoded: &str) -> Vec<(String, String)> {
    encoded
        .split(',')
        .filter(|s| !s.is_empty())
        .filter_map(|item| {
            let mut parts = item.splitn(3, ':');
            let field = parts.next()?.to_string();
            let code = parts.next()?;
            // A limit is a number, a range or a period ("120", "1–100", "2026-Q2"): the
            // address is anyone's to write, so no other text reaches the message.
            let limit = parts
                .next()
                .filter(|l| plain_limit(l))
                .unwrap_or("")
                .to_string();
            // Field errors and conflicts come from the engine's lists; the rest are the
            // refusals of a request as a whole.
            let known = ErrorCode::ALL.iter().any(|c| c.as_str() == code)
                || Conflict::parse(code).is_some()
                || matches!(
                    code,
                    "invalid_credentials"
                        | "invalid_staff_credentials"
                        | "too_many_attempts"
                        | "too_many_registrations"
                        | "second_factor_required"
                        | "unavailable"
                        | "forbidden"
                        | "not_found"
                        | "idempotency_key_invalid"
                );
            if !known {
                return None;
            }
            let key = format!("error-{}", code.replace('_', "-"));
            Some((field, t_args(lang, &key, &[("limit", limit)])))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_known_codes_and_plain_limits_reach_the_page() {
        let shown = decode_errors(
            Lang::En,
            "body:too_long:5000,x:made_up_code:,subject:too_long:请致电 400-000-0000 退税,subject:too_long:400-000-0000",
        );
        assert_eq!(shown.len(), 3, "{shown:?}");
        assert!(shown[0].1.contains("5000"), "{shown:?}");
        assert!(!shown[1].1.contains("400-000-0000"), "{shown:?}");
        assert!(!shown[2].1.contains("400"), "{shown:?}");
        for ok in [
            "120",
            "1–100",
            "999999999999.99",
            "2026-Q2",
            "2026-03",
            "0–1000000",
        ] {
            assert!(plain_limit(ok), "{ok}");
        }
    }
}
