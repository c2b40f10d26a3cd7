//! 工作人员后台: staff sign in, write and publish guidance, answer consultations and read the
//! audit log. Each page has its own loader (one lazy route serves the console); the server decides what the
//! signed-in member may see.
mod article;
mod articles;
mod audit;
mod benchmarks;
mod editor;
mod members;
mod pages;
mod queue;
mod sign_in;

pub use pages::StaffRoute;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    account::decode_errors,
    components::FieldProblem,
    i18n::{tr, use_lang},
    portal::StaffMe,
};

pub fn status_key(status: &str) -> &'static str {
    match status {
        "in_review" => "article-status-in-review",
        "published" => "article-status-published",
        "archived" => "article-status-archived",
        _ => "article-status-draft",
    }
}

pub fn role_key(role: &str) -> &'static str {
    match role {
        "admin" => "staff-role-admin",
        "publisher" => "staff-role-publisher",
        _ => "staff-role-editor",
    }
}

/// A staff form's refused fields mapped to its inputs: the error summary's entries and each
/// input's own message.
pub struct FormErrors(Vec<FieldProblem>);

impl FormErrors {
    pub fn new(errors: &[(String, String)], dom_id: impl Fn(&str) -> &'static str) -> Self {
        FormErrors(
            errors
                .iter()
                .map(|(field, message)| FieldProblem {
                    dom_id: dom_id(field).into(),
                    message: message.clone(),
                })
                .collect(),
        )
    }

    pub fn problems(&self) -> Vec<FieldProblem> {
        self.0.clone()
    }

    /// Every message for one input, joined.
    pub fn of(&self, id: &str) -> Option<String> {
        let found: Vec<&str> = self
            .0
            .iter()
            .filter(|p| p.dom_id == id)
            .map(|p| p.message.as_str())
            .collect();
        (!found.is_empty()).then(|| found.join(" "))
    }
}

/// Problems and the confirmation of the last action, from the query string.
pub fn outcome() -> (Vec<(String, String)>, String) {
    let query = use_query_map();
    let lang = use_lang();
    query.with_untracked(|q| {
        (
            decode_errors(lang, &q.get("errors").unwrap_or_default()),
            q.get("done").unwrap_or_default(),
        )
    })
}

/// Who is signed in, the console's sections and sign-out.
#[component]
pub(super) fn StaffBar(me: StaffMe) -> impl IntoView {
    let admin = me.at_least("admin");
    view! {
        <nav class="staff-bar" aria-label=tr("staff-nav-label")>
            <p class="staff-bar__who" data-testid="staff-who">{me.username.clone()}" · "{tr(role_key(&me.role))}</p>
            <ul class="staff-bar__links">
                <li><a href="/staff" rel="external">{tr("staff-home")}</a></li>
                <li><a href="/staff/articles" rel="external">{tr("staff-articles")}</a></li>
                <li><a href="/staff/consultations" rel="external">{tr("staff-consultations")}</a></li>
                <li><a href="/staff/benchmarks" rel="external">{tr("staff-benchmarks")}</a></li>
                {admin.then(|| view! { <li><a href="/staff/audit" rel="external">{tr("staff-audit")}</a></li> })}
                {admin.then(|| view! { <li><a href="/staff/members" rel="external">{tr("staff-members")}</a></li> })}
                <li><a href="/staff/security" rel="external">{tr("security-title")}</a></li>
            </ul>
            <form method="post" action="/staff/sign-out" class="staff-bar__out">
                <button type="submit" class="button button--secondary">{tr("nav-sign-out")}</button>
            </form>
        </nav>
    }
}

#[component]
pub(super) fn Home(me: StaffMe) -> impl IntoView {
    view! {
        <Title text=tr("staff-title")/>
        <h1 class="heading-xl">{tr("staff-title")}</h1>
        <p class="lead">{tr(role_key(&me.role))}{" — "}{tr(match me.role.as_str() {
            "admin" => "staff-role-admin-can",
            "publisher" => "staff-role-publisher-can",
            _ => "staff-role-editor-can",
        })}</p>
        <ul class="list">
            <li><a href="/staff/articles/new" rel="external">{tr("staff-new-article")}</a></li>
            <li><a href="/staff/consultations?status=received" rel="external">{tr("staff-queue-received")}</a></li>
        </ul>
    }
}
