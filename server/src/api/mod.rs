//! The JSON API under `/api/v1` (contracts: `../shared/spec/calculations-api.md` and
//! `../shared/spec/portal-api.md`).
mod accounts;
mod calculations;
mod drafts;
mod error;
pub mod filings;
pub mod openapi;
mod pagination;
pub mod receipt_page;
pub mod session;
mod taxpayer_ids;
mod tokens;

use axum::{
    routing::{get, post, put},
    Router,
};

pub use drafts::draft_json;
pub use error::{api_lang, error_entry, ApiError};

use crate::state::AppState;

/// Mounted at `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/calculations/{kind}", post(calculations::calculate))
        .route("/taxpayer-ids/validate", post(taxpayer_ids::validate))
        .route("/openapi.json", get(openapi::document))
        .route("/accounts", post(accounts::register))
        .route("/session", post(session::create).delete(session::delete))
        .route("/me", get(accounts::me))
        .route("/tokens", post(tokens::create).get(tokens::list))
        .route("/tokens/{id}", axum::routing::delete(tokens::revoke))
        .route("/drafts", get(drafts::list))
        .route(
            "/drafts/{kind}/{period}",
            put(drafts::put).get(drafts::get).delete(drafts::delete),
        )
        .route("/filings", post(filings::create).get(filings::list))
        .route("/filings/{id}", get(filings::detail))
        .route("/filings/{id}/receipt", get(filings::receipt))
        .fallback(error::not_found)
}
