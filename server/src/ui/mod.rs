//! The server side of the pages: the data the signed-in pages show ([`backend`]) and the
//! HTML form posts that change state ([`forms`]), which work without JavaScript.
pub mod backend;
pub mod benchmark_forms;
pub mod forms;
pub mod guidance_backend;
pub mod guidance_forms;
pub mod posted;
pub mod security_forms;
pub mod security_page;
pub mod self_check_forms;
pub mod staff_member_forms;
pub mod staff_pages;
pub mod stash;

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
        .route("/account/security/{action}", post(security_forms::taxpayer))
        .route("/staff/security/{action}", post(security_forms::staff))
        .route("/filing/start", get(forms::start))
        .route("/filing/{kind}/{period}/submit", post(forms::submit))
        .route("/filing/{kind}/{period}/{step}", post(forms::save_step))
        .route("/filings/{id}/correct", post(forms::correct))
        .route("/consultations", post(guidance_forms::ask_question))
        .route("/self-check/save", post(self_check_forms::save))
        .route("/self-check/import", post(self_check_forms::import))
        .route("/self-check/template.csv", get(self_check_forms::template))
        .route(
            "/consultations/{id}/close",
            post(guidance_forms::close_question),
        )
        .route("/staff", post(guidance_forms::staff_sign_in))
        .route("/staff/sign-out", post(guidance_forms::staff_sign_out))
        .route("/staff/articles", post(guidance_forms::create_article))
        .route("/staff/members", post(staff_member_forms::create))
        .route(
            "/staff/members/{username}",
            post(staff_member_forms::change),
        )
        .route("/staff/benchmarks", post(benchmark_forms::create))
        .route("/staff/benchmarks/{id}", post(benchmark_forms::update))
        .route(
            "/staff/articles/{slug}/edit",
            post(guidance_forms::update_article),
        )
        .route(
            "/staff/articles/{slug}/{action}",
            post(guidance_forms::article_action),
        )
        .route(
            "/staff/consultations/{id}/{action}",
            post(guidance_forms::consultation_action),
        )
}
