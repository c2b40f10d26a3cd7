//! Password hashing with argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane),
//! always on the blocking pool so a sign-in never stalls the async workers — and at most one
//! per core at a time, so a flood of sign-ins queues instead of taking 19 MiB each without bound.
use std::sync::OnceLock;

use tokio::sync::Semaphore;

/// Permits for concurrent argon2 runs: one per core.
fn slots() -> &'static Semaphore {
    static SLOTS: OnceLock<Semaphore> = OnceLock::new();
    SLOTS.get_or_init(|| {
        Semaphore::new(
            std::thread::available_parallelism()
                .map(usize::from)
                .unwrap_or(2),
        )
    })
}

use argon2::{
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Algorithm, Argon2, Params, Version,
};

fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn salt() -> Option<SaltString> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).ok()?;
    SaltString::encode_b64(&bytes).ok()
}

fn hash_now(password: &str) -> Option<String> {
    let salt = salt()?;
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .ok()
        .map(|h| h.to_string())
}

/// The PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`), or `None` if hashing failed.
pub async fn hash(password: String) -> Option<String> {
    let _slot = slots().acquire().await.ok()?;
    tokio::task::spawn_blocking(move || hash_now(&password))
        .await
        .ok()
        .flatten()
}

/// Checks a password against a stored hash. With no hash (unknown account) it still does the
/// same work against a dummy hash, so timing does not tell whether an account exists.
pub async fn verify(password: String, stored: Option<String>) -> bool {
    let Ok(_slot) = slots().acquire().await else {
        return false;
    };
    tokio::task::spawn_blocking(move || {
        static DUMMY: OnceLock<Option<String>> = OnceLock::new();
        let dummy = DUMMY.get_or_init(|| hash_now("not a real password, only for timing"));
        let (phc, real) = match &stored {
            Some(s) => (s.as_str(), true),
            None => (dummy.as_deref().unwrap_or(""), false),
        };
        let Ok(parsed) = PasswordHash::new(phc) else {
            return false;
        };
        argon2()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
            && real
    })
    .await
    .unwrap_or(false)
}
