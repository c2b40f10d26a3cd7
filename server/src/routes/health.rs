//! `GET /healthz`: the process is alive. `GET /readyz`: the database answers and every
//! migration is applied — a load balancer sends traffic only when this is 200.
use axum::{extract::State, http::StatusCode, response::IntoResponse, Json};
use serde_json::json;

use crate::state::AppState;

pub async fn healthz() -> impl IntoResponse {
    (
        [(http::header::CACHE_CONTROL, "no-store")],
        Json(json!({ "status": "ok" })),
    )
}

pub async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    let headers = [(http::header::CACHE_CONTROL, "no-store")];
    match state.db.readiness().await {
        Ok(r) if r.pending.is_empty() => (
            StatusCode::OK,
            headers,
            Json(json!({ "status": "ready", "migrations_applied": r.applied })),
        ),
        Ok(r) => (
            StatusCode::SERVICE_UNAVAILABLE,
            headers,
            Json(json!({ "status": "migrations_pending", "pending": r.pending })),
        ),
        Err(err) => {
            tracing::warn!(error = %err, "readiness check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                headers,
                Json(json!({ "status": "database_unavailable" })),
            )
        }
    }
}
