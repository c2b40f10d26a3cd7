//! Who is calling: taxpayer accounts, server-side sessions, API tokens, sign-in throttling and
//! the cross-site request check.
pub mod csrf;
pub mod password;
pub mod principal;
pub mod second_factor;
pub mod security;
pub mod sessions;
pub mod staff_principal;
pub mod throttle;
pub mod tokens;

pub use principal::{Principal, SessionPrincipal, Via};
pub use staff_principal::{Forbidden, StaffMember};

/// Session lifetimes and cookie attributes.
#[derive(Clone, Debug)]
pub struct AuthConfig {
    /// A session unused for this long ends (15 minutes by default).
    pub idle_secs: i64,
    /// A session ends this long after sign-in whatever happens (12 hours).
    pub max_secs: i64,
    /// Mark the cookie `Secure` (the public origin is https).
    pub secure_cookie: bool,
    /// The origin browsers reach us at, for the cross-site check.
    pub public_origin: String,
    /// Staff roles from this one up must use two-step sign-in (`None`: nobody must).
    pub second_factor_from: Option<crate::staff::Role>,
}

pub const SESSION_COOKIE: &str = "banshui_session";
pub const STAFF_SESSION_COOKIE: &str = "banshui_staff";
