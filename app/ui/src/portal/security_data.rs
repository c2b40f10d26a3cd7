//! The account security page's data, the same for taxpayers and staff.
use serde::{Deserialize, Serialize};

/// One live session of the account.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionRow {
    pub id: String,
    pub created_at: String,
    pub last_seen_at: String,
    pub user_agent: String,
    pub address: String,
    pub current: bool,
}

/// A key waiting for its first code: what the authenticator app needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Enrolment {
    /// Base32, for typing by hand.
    pub secret: String,
    pub uri: String,
    /// The URI as a QR code (SVG made by the server from the URI alone).
    pub qr_svg: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SecurityPage {
    pub sessions: Vec<SessionRow>,
    /// `off`, `pending` or `on`.
    pub second_factor: String,
    /// The role requires two-step sign-in (publishers and administrators).
    pub required: bool,
    pub recovery_codes_left: i64,
    pub enrolment: Option<Enrolment>,
    /// Recovery codes made in this session, shown this once.
    pub new_recovery_codes: Vec<String>,
}
