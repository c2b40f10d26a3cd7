//! The JSON API under `/api/v1` (contracts: `../shared/spec/calculations-api.md` and
//! `../shared/spec/portal-api.md`).
mod accounts;
pub mod articles;
mod benchmarks;
mod calculations;
pub mod consultations;
mod drafts;
pub mod filings;
pub mod openapi;
mod pagination;
pub mod receipt_page;
pub mod search;
pub mod security;
pub mod self_check;
pub mod session;
pub mod staff;
pub mod staff_members;
mod taxpayer_ids;
mod tokens;

use axum::{
    routing::{get, post, put},
    Router,
};

pub use drafts::draft_json;

use crate::state::AppState;

/// A person's own security settings under `base` (`/me` or `/staff/me`).
fn security_routes<O: security::SelfOwner + 'static>(base: &str) -> Router<AppState> {
    use axum::routing::delete;
    Router::new()
        .route(
            &format!("{base}/sessions"),
            get(security::sessions::<O>).delete(security::end_everywhere::<O>),
        )
        .route(
            &format!("{base}/sessions/{{id}}"),
            delete(security::end_session::<O>),
        )
        .route(
            &format!("{base}/password"),
            put(security::change_password::<O>),
        )
        .route(
            &format!("{base}/second-factor"),
            get(security::second_factor::<O>).post(security::begin_second_factor::<O>),
        )
        .route(
            &format!("{base}/second-factor/confirm"),
            post(security::confirm_second_factor::<O>),
        )
        .route(
            &format!("{base}/second-factor/disable"),
            post(security::disable_second_factor::<O>),
        )
}

/// Mounted at `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/calculations/{kind}", post(calculations::calculate))
        .route("/taxpayer-ids/validate", post(taxpayer_ids::validate))
        .route("/openapi.json", get(openapi::document))
        .route("/accounts", post(accounts::register))
        .route("/session", post(session::create).delete(session::delete))
        .route("/me", get(accounts::me))
        .merge(security_routes::<security::TaxpayerSelf>("/me"))
        .merge(security_routes::<security::StaffSelf>("/staff/me"))
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
        .route("/articles", get(articles::list))
        .route("/articles/{slug}", get(articles::get))
        .route("/search", get(search::search))
        .route(
            "/consultations",
            post(consultations::create).get(consultations::list),
        )
        .route("/consultations/{id}", get(consultations::get))
        .route("/consultations/{id}/close", post(consultations::close))
        .route(
            "/staff/session",
            post(staff::create_session).delete(staff::delete_session),
        )
        .route("/staff/me", get(staff::me))
        .route("/staff/audit", get(staff::audit_log))
        .route(
            "/staff/members",
            get(staff_members::list).post(staff_members::create),
        )
        .route("/staff/members/{username}", put(staff_members::update))
        .route(
            "/staff/articles",
            post(articles::create).get(articles::staff_list),
        )
        .route(
            "/staff/articles/{slug}",
            put(articles::update).get(articles::staff_get),
        )
        .route("/staff/articles/{slug}/submit", post(articles::submit))
        .route("/staff/articles/{slug}/publish", post(articles::publish))
        .route("/staff/articles/{slug}/archive", post(articles::archive))
        .route("/staff/articles/{slug}/versions", get(articles::versions))
        .route("/staff/articles/{slug}/diff", get(articles::version_diff))
        .route("/self-check", post(self_check::self_check))
        .route(
            "/self-checks",
            get(self_check::list_saved).post(self_check::save_saved),
        )
        .route("/self-checks/{id}", get(self_check::one_saved))
        .route(
            "/staff/benchmarks",
            get(benchmarks::list).post(benchmarks::create),
        )
        .route("/staff/benchmarks/{id}", put(benchmarks::update))
        .route("/staff/consultations", get(consultations::staff_list))
        .route("/staff/consultations/{id}", get(consultations::staff_get))
        .route(
            "/staff/consultations/{id}/assign",
            post(consultations::assign),
        )
        .route(
            "/staff/consultations/{id}/replies",
            post(consultations::reply),
        )
        .route(
            "/staff/consultations/{id}/publish-faq",
            post(consultations::publish_faq),
        )
        .fallback(crate::http::not_found)
}
