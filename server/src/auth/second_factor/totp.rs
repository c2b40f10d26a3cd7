//! Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP, HMAC-SHA-1, 6 digits, 30-second
//! steps — what every authenticator app does by default), keys in base32 (RFC 4648), and the
//! `otpauth://` URI that apps read from a QR code.
use hmac::{Hmac, Mac};
use sha1::Sha1;

pub const STEP_SECS: i64 = 30;
const DIGITS: u32 = 6;
const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// RFC 4648 base32 without padding.
pub fn base32(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(5) * 8);
    for chunk in data.chunks(5) {
        let mut buf = [0u8; 5];
        buf[..chunk.len()].copy_from_slice(chunk);
        let bits = buf.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
        let chars = (chunk.len() * 8).div_ceil(5);
        for i in 0..chars {
            let index = (bits >> (35 - i * 5)) & 31;
            out.push(char::from(BASE32[index as usize]));
        }
    }
    out
}

/// The bytes of a base32 key (upper case, no padding); `None` when it is not one.
pub fn from_base32(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 5 / 8);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let value = BASE32.iter().position(|b| *b == c)? as u32;
        acc = (acc << 5) | value;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// The 30-second step `unix` seconds fall in.
pub fn step_of(unix: i64) -> i64 {
    unix.div_euclid(STEP_SECS)
}

/// The code for `key` at `step` (RFC 4226 dynamic truncation).
pub fn code_at(key: &[u8], step: i64) -> u32 {
    #[allow(
        clippy::expect_used,
        reason = "HMAC accepts a key of any length; this cannot fail"
    )]
    let mut mac = Hmac::<Sha1>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(&step.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[19] & 0x0f);
    let binary = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    binary % 10u32.pow(DIGITS)
}

/// The step whose code `typed` is, among the current step and one either side (clocks drift),
/// when that step is later than `after` (a code works once); `None` otherwise.
pub fn matching_step(key: &[u8], typed: &str, now_unix: i64, after: i64) -> Option<i64> {
    let typed = normalize(typed);
    if typed.len() != DIGITS as usize || !typed.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let now = step_of(now_unix);
    (now - 1..=now + 1)
        .filter(|step| *step > after)
        .find(|step| format!("{:06}", code_at(key, *step)) == typed)
}

/// A code as typed, without spaces or dashes (apps show "123 456").
pub fn normalize(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The URI an authenticator app reads (Key Uri Format): issuer, account and key.
pub fn otpauth_uri(issuer: &str, account: &str, key_base32: &str) -> String {
    let label = format!("{issuer}:{account}");
    format!(
        "otpauth://totp/{}?secret={key_base32}&issuer={}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECS}",
        percent(&label),
        percent(issuer)
    )
}

fn percent(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1 rows (the key is "12345678901234567890"; the RFC's codes
    /// have 8 digits, these are their last 6).
    #[test]
    fn rfc_6238_test_vectors() {
        let key = b"12345678901234567890";
        for (time, code) in [
            (59, "287082"),
            (1_111_111_109, "081804"),
            (1_111_111_111, "050471"),
            (1_234_567_890, "005924"),
            (2_000_000_000, "279037"),
            (20_000_000_000, "353130"),
        ] {
            assert_eq!(
                format!("{:06}", code_at(key, step_of(time))),
                code,
                "{time}"
            );
        }
    }

    #[test]
    fn base32_round_trips_and_matches_rfc_4648() {
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI");
        assert_eq!(
            base32(b"12345678901234567890"),
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
        );
        for n in 0..40u8 {
            let data: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37)).collect();
            assert_eq!(from_base32(&base32(&data)).unwrap(), data);
        }
        assert_eq!(from_base32("abc"), None);
    }

    #[test]
    fn a_code_matches_its_step_and_neighbours_once() {
        let key = b"12345678901234567890";
        let now = 1_234_567_890;
        let code = format!("{:06}", code_at(key, step_of(now)));
        let spaced = format!("{} {}", &code[..3], &code[3..]);
        assert_eq!(matching_step(key, &spaced, now, 0), Some(step_of(now)));
        assert_eq!(matching_step(key, &code, now + 30, 0), Some(step_of(now)));
        // Used already, or too old, or not six digits: refused.
        assert_eq!(matching_step(key, &code, now, step_of(now)), None);
        assert_eq!(matching_step(key, &code, now + 90, 0), None);
        assert_eq!(matching_step(key, "12345", now, 0), None);
        assert_eq!(matching_step(key, "abcdef", now, 0), None);
    }

    #[test]
    fn the_uri_names_issuer_and_account() {
        assert_eq!(
            otpauth_uri("Banshui 办税", "zhang.wei", "JBSWY3DPEHPK3PXP"),
            "otpauth://totp/Banshui%20%E5%8A%9E%E7%A8%8E%3Azhang.wei?secret=JBSWY3DPEHPK3PXP&issuer=Banshui%20%E5%8A%9E%E7%A8%8E&algorithm=SHA1&digits=6&period=30"
        );
    }
}
