//! The JSON API under `/api/v1` (contract: `../shared/spec/calculations-api.md`).
mod calculations;
mod error;
pub mod openapi;
mod taxpayer_ids;

use axum::{
    routing::{get, post},
    Router,
};

pub use error::ApiError;

use crate::state::AppState;

/// Mounted at `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/calculations/{kind}", post(calculations::calculate))
        .route("/taxpayer-ids/validate", post(taxpayer_ids::validate))
        .route("/openapi.json", get(openapi::document))
        .fallback(error::not_found)
}
