//! The server side of the page data: a trait the server implements over its storage.
use std::{future::Future, pin::Pin, sync::Arc};

use leptos::prelude::*;

use super::data::{Request, Response};

pub type Answer = Pin<Box<dyn Future<Output = Result<Response, String>> + Send>>;

/// Answers a page's data request for the caller of this HTTP request (cookie in `parts`).
pub trait PortalBackend: Send + Sync {
    fn answer(&self, parts: http::request::Parts, request: Request) -> Answer;
}

/// The backend as the server puts it in the Leptos context.
#[derive(Clone)]
pub struct Backend(pub Arc<dyn PortalBackend>);

pub async fn ask(request: Request) -> Result<Response, ServerFnError> {
    let backend = use_context::<Backend>()
        .ok_or_else(|| ServerFnError::new("no portal backend in the context"))?;
    let parts = use_context::<http::request::Parts>()
        .ok_or_else(|| ServerFnError::new("no request in the context"))?;
    backend
        .0
        .answer(parts, request)
        .await
        .map_err(ServerFnError::new)
}
