//! Secrets and identifiers from the operating system's random source.
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use sha2::{Digest, Sha256};

/// 32 random bytes, URL-safe base64: session cookies and API tokens.
pub fn secret() -> String {
    let mut bytes = [0u8; 32];
    fill(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A 128-bit identifier, lower-case hex (filings, tokens).
pub fn id() -> String {
    let mut bytes = [0u8; 16];
    fill(&mut bytes);
    hex::encode(bytes)
}

/// `n` random bytes (TOTP keys, recovery codes).
pub fn bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    fill(&mut bytes);
    bytes
}

pub fn u64() -> u64 {
    let mut bytes = [0u8; 8];
    fill(&mut bytes);
    u64::from_le_bytes(bytes)
}

fn fill(bytes: &mut [u8]) {
    // The OS random source failing is not something to carry on from.
    #[allow(
        clippy::expect_used,
        reason = "no safe fallback exists for a broken CSPRNG"
    )]
    getrandom::fill(bytes).expect("the operating system's random source works");
}

pub fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}
