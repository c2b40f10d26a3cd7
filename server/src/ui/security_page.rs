//! The account security page's data, built from the security use cases.
use banshui_app::portal::{Enrolment, SecurityPage, SessionRow};

use crate::{
    auth::{
        second_factor::{self, Status},
        security::{self, Me},
    },
    http::ApiError,
    state::AppState,
};

/// The QR code of an `otpauth://` URI, as SVG (black on white, scales with its box).
fn qr_svg(uri: &str) -> String {
    match qrcode::QrCode::new(uri.as_bytes()) {
        Ok(code) => code
            .render::<qrcode::render::svg::Color<'_>>()
            .min_dimensions(192, 192)
            .quiet_zone(true)
            .build(),
        Err(_) => String::new(),
    }
}

pub async fn page(state: &AppState, me: &Me<'_>) -> Result<SecurityPage, ApiError> {
    let sessions = security::sessions(&state.db, &state.auth, me)
        .await?
        .into_iter()
        .map(|s| SessionRow {
            id: s.id,
            created_at: s.created_at,
            last_seen_at: s.last_seen_at,
            user_agent: s.user_agent,
            address: s.address,
            current: s.current,
        })
        .collect();
    let (status, left, enrolment) = match security::second_factor(&state.db, me).await? {
        Status::Off => ("off", 0, None),
        Status::Pending { key, uri } => (
            "pending",
            0,
            Some(Enrolment {
                qr_svg: qr_svg(&uri),
                secret: key,
                uri,
            }),
        ),
        Status::On {
            recovery_codes_left,
        } => ("on", recovery_codes_left, None),
    };
    Ok(SecurityPage {
        sessions,
        second_factor: status.into(),
        required: me.second_factor_required,
        recovery_codes_left: left,
        enrolment,
        new_recovery_codes: second_factor::take_codes_to_show(&state.db, me.session).await?,
    })
}
