//! 我要办税: the task list, the interview, check your answers, the confirmation, my filings.
mod check;
mod detail;
mod history;
mod home;
mod indicators;
mod step;
mod stored;
mod vat_lines;

pub use detail::FilingDetailRoute;
pub use history::FilingsRoute;
pub use home::FilingHomeRoute;
pub use step::FilingRoute;

use banshui_engine::calculation::Kind;
use leptos::prelude::*;

use crate::i18n::tr;

/// The name of a return kind (the calculator's title).
pub fn kind_title(kind: &str) -> String {
    match Kind::from_slug(kind) {
        Some(k) => tr(&crate::calculators::title_key(k)),
        None => kind.to_string(),
    }
}

/// Shown instead of a signed-in page to someone who is not (or no longer) signed in.
#[component]
pub fn SignInPrompt(next: String) -> impl IntoView {
    let href = format!("/sign-in?next={}", urlencode(&next));
    view! {
        <h1 class="heading-xl">{tr("sign-in-needed-title")}</h1>
        <p class="lead">{tr("sign-in-needed-text")}</p>
        <p><a class="button" href=href rel="external">{tr("nav-sign-in")}</a></p>
        <p><a href="/register">{tr("sign-in-register-link")}</a></p>
    }
}

/// Percent-encodes a local path for a query string.
pub fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A page whose data could not be loaded (the server was unreachable).
#[component]
pub fn LoadFailed() -> impl IntoView {
    view! {
        <h1 class="heading-xl">{tr("error-title")}</h1>
        <p>{tr("error-body")}</p>
    }
}
