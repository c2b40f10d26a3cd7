//! Reading a request's body before any handler runs: a client that trickles it gets `408`
//! once the client timeout passes (so a slow sender cannot hold a handler, a database
//! transaction or a password hash), one that sends too much gets `413`.
use std::time::Duration;

use axum::{
    body::Body,
    extract::{Request, State},
    http::Method,
    middleware::Next,
    response::{IntoResponse, Response},
};

use super::ApiError;

/// The largest body any endpoint accepts (the CSV import's file is the largest need).
pub const BODY_LIMIT_BYTES: usize = 1024 * 1024;

/// Buffers the body within `timeout`, then hands the request on with it.
pub async fn read_body_in_time(
    State(timeout): State<Duration>,
    request: Request,
    next: Next,
) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    match tokio::time::timeout(timeout, axum::body::to_bytes(body, BODY_LIMIT_BYTES)).await {
        Err(_elapsed) => ApiError::RequestTimeout.into_response(),
        Ok(Err(err)) if too_large(&err) => ApiError::TooLarge.into_response(),
        Ok(Err(_)) => ApiError::MalformedBody.into_response(),
        Ok(Ok(bytes)) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
    }
}

fn too_large(err: &axum::Error) -> bool {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = cause {
        if e.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        cause = e.source();
    }
    false
}
