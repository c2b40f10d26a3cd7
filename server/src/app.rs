//! The router and its middleware, assembled in one place.
use std::{path::PathBuf, time::Duration};

use axum::{
    extract::Request,
    handler::Handler,
    http::{header, HeaderValue, StatusCode},
    middleware::{from_fn_with_state, map_response},
    response::{IntoResponse, Response},
    routing::{get, post},
    Router,
};
use banshui_app::{shell, App};
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::CompressionLayer,
    limit::RequestBodyLimitLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer},
    services::ServeDir,
    timeout::TimeoutLayer,
    trace::TraceLayer,
};

use crate::{
    api,
    auth::csrf,
    error_page::panic_response,
    routes::{health, language, translations},
    security_headers::security_headers,
    state::AppState,
    ui,
};

/// Largest request body accepted anywhere (a filing is a few KiB).
/// A request that takes longer than this gets 503 instead of tying up a connection.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

pub fn router(state: AppState) -> Router {
    let options = state.leptos_options.clone();
    let routes = generate_route_list(App);
    let pkg_dir = PathBuf::from(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    // Names under /pkg carry a content hash (cargo-leptos `hash-files`), so they never change.
    let pkg = Router::new()
        .fallback_service(ServeDir::new(pkg_dir))
        .layer(map_response(immutable_when_ok));

    let pages = {
        let options = options.clone();
        move || shell(options.clone())
    };
    // The pages' data (server functions) and server-side rendering both reach storage
    // through this backend.
    let portal = ui::backend::Portal::handle(state.clone());
    let context = {
        let portal = portal.clone();
        move || provide_context(portal.clone())
    };

    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/lang/{code}", get(language::switch_language))
        .route("/i18n/{file}", get(translations::fluent_file))
        .nest("/api/v1", api::router())
        .nest_service("/pkg", pkg)
        .route(
            "/sfn/{*name}",
            post(move |request: Request| {
                let portal = portal.clone();
                async move {
                    leptos_axum::handle_server_fns_with_context(
                        move || provide_context(portal.clone()),
                        request,
                    )
                    .await
                }
            }),
        )
        .merge(ui::router())
        .leptos_routes_with_context(&state, routes, context, pages)
        // Public files (favicon, robots.txt, …) straight from the site root; anything else is
        // the translated 404 page.
        .fallback_service(ServeDir::new(options.site_root.as_ref()).not_found_service(
            leptos_axum::file_and_error_handler::<AppState, _>(shell).with_state(state.clone()),
        ))
        // 11. The client's address, from the peer or the trusted proxies' X-Forwarded-For.
        .layer(from_fn_with_state(
            state.trusted_proxies.clone(),
            crate::http::resolve_client,
        ))
        // 10. A server function's malformed arguments are the caller's mistake (400, not 500).
        .layer(axum::middleware::from_fn(server_fn_caller_errors))
        // 9. Cross-site state-changing requests are refused (403) before any handler runs.
        .layer(from_fn_with_state(state.auth.clone(), csrf::check))
        // An API error a handler, an extractor or the CSRF check returned is rendered in the
        // language of the request's Accept-Language.
        // A body is read whole, within the client timeout (408) and the size limit (413).
        .layer(from_fn_with_state(
            state.limits.client_timeout,
            crate::http::read_body_in_time,
        ))
        .layer(axum::middleware::from_fn(crate::http::localize_errors))
        .with_state(state.clone())
        // Middleware, innermost first: each `.layer` wraps everything above it, so a request
        // meets these bottom to top and a response leaves top to bottom.
        // 8. Refuse oversized bodies before anything reads them (413).
        .layer(RequestBodyLimitLayer::new(crate::http::BODY_LIMIT_BYTES))
        // 7. Bound the time a handler may take (503 after REQUEST_TIMEOUT).
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            REQUEST_TIMEOUT,
        ))
        // 6. A panic becomes a 500 page without internals; the cause goes to the log.
        .layer(CatchPanicLayer::custom(panic_response))
        // 5. Compress (brotli or gzip by Accept-Encoding) HTML, JSON, CSS, JS and WASM.
        .layer(CompressionLayer::new())
        // 4. Security headers go on every response, including panics, timeouts and 404s.
        .layer(from_fn_with_state(state.security.clone(), security_headers))
        // 3. Echo the request id to the client (support can quote it).
        .layer(PropagateRequestIdLayer::x_request_id())
        // 2. One span per request, tagged with that id.
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request| {
            let id = req
                .extensions()
                .get::<RequestId>()
                .and_then(|id| id.header_value().to_str().ok())
                .unwrap_or("-");
            tracing::info_span!("request", id, method = %req.method(), uri = %req.uri())
        }))
        // 1. Every request gets an id first, so the span and the response carry it.
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
}

/// Leptos answers a server function's malformed or missing arguments with 500 (`Args|…`):
/// the caller's mistake is a 400, never a server error.
async fn server_fn_caller_errors(request: Request, next: axum::middleware::Next) -> Response {
    let server_fn = request.uri().path().starts_with("/sfn/");
    let response = next.run(request).await;
    if !server_fn || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    const CALLER: [&[u8]; 3] = [b"Args|", b"MissingArg|", b"Deserialization|"];
    if CALLER.iter().any(|prefix| bytes.starts_with(prefix)) {
        parts.status = StatusCode::BAD_REQUEST;
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

async fn immutable_when_ok(mut response: Response) -> Response {
    if response.status().is_success() {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        );
    }
    response
}
