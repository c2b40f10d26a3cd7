//! The server side of the pages: the data the signed-in pages show ([`backend`]) and the
//! HTML form posts that change state ([`forms`]), which work without JavaScript.
pub mod backend;
pub mod forms;

use axum::{
    routing::{get, post},
    Router,
};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sign-in", post(forms::sign_in))
        .route("/register", post(forms::register))
        .route("/sign-out", post(forms::sign_out))
        .route("/filing/start", get(forms::start))
        .route("/filing/{kind}/{period}/submit", post(forms::submit))
        .route("/filing/{kind}/{period}/{step}", post(forms::save_step))
        .route("/filings/{id}/correct", post(forms::correct))
}
