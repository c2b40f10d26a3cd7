//! 工作人员后台: staff sign in, write and publish guidance, answer consultations and read the
//! audit log. One lazy route serves every `/staff/…` address; the server decides what the
//! signed-in member may see.
mod article;
mod articles;
mod audit;
mod benchmarks;
mod editor;
mod members;
mod queue;
mod sign_in;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    hooks::{use_location, use_query_map},
    lazy_route, LazyRoute,
};

use crate::{
    account::decode_errors,
    components::FieldProblem,
    filing::LoadFailed,
    i18n::{tr, use_lang},
    pages::NotFound,
    portal::{load_staff, StaffMe, StaffPage, StaffView},
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

#[component]
pub fn StaffConsole() -> impl IntoView {
    let location = use_location();
    let at = move || {
        (
            location
                .pathname
                .get()
                .trim_start_matches("/staff")
                .to_string(),
            location.search.get(),
        )
    };
    let data = Resource::new_blocking(at, |(path, query)| load_staff(path, query));
    view! {
        <Suspense fallback=|| ()>
            {move || data.get().map(|r| match r {
                Ok(page) => view! { <Console page/> }.into_any(),
                Err(_) => view! { <LoadFailed/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Console(page: StaffPage) -> impl IntoView {
    let StaffPage { me, view } = page;
    let Some(me) = me else {
        return view! { <sign_in::StaffSignIn/> }.into_any();
    };
    let body = match view {
        StaffView::SignIn | StaffView::Home => view! { <Home me=me.clone()/> }.into_any(),
        StaffView::Articles(items) => view! { <articles::ArticleTable items/> }.into_any(),
        StaffView::Article {
            article,
            versions,
            diff,
        } => view! { <article::StaffArticle me=me.clone() article versions diff/> }.into_any(),
        StaffView::Editor { article, stash } => {
            view! { <editor::Editor article stash/> }.into_any()
        }
        StaffView::Queue(items) => view! { <queue::Queue items/> }.into_any(),
        StaffView::Consultation(c) => {
            view! { <queue::StaffConsultation me=me.clone() c/> }.into_any()
        }
        StaffView::Audit { items, next } => view! { <audit::AuditLog items next/> }.into_any(),
        StaffView::Members { items, stash } => {
            view! { <members::Members me=me.username.clone() items stash/> }.into_any()
        }
        StaffView::Benchmarks {
            items,
            editing,
            stash,
            can_edit,
        } => view! { <benchmarks::Benchmarks items editing stash can_edit/> }.into_any(),
        StaffView::Forbidden => view! {
            <Title text=tr("staff-forbidden-title")/>
            <h1 class="heading-xl">{tr("staff-forbidden-title")}</h1>
            <p>{tr("error-forbidden")}</p>
        }
        .into_any(),
        StaffView::NotFound => view! { <NotFound/> }.into_any(),
    };
    view! {
        <StaffBar me/>
        {body}
    }
    .into_any()
}

/// Who is signed in, the console's sections and sign-out.
#[component]
fn StaffBar(me: StaffMe) -> impl IntoView {
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
            </ul>
            <form method="post" action="/staff/sign-out" class="staff-bar__out">
                <button type="submit" class="button button--secondary">{tr("nav-sign-out")}</button>
            </form>
        </nav>
    }
}

#[component]
fn Home(me: StaffMe) -> impl IntoView {
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

#[derive(Clone, Copy, Debug)]
pub struct StaffRoute;

#[lazy_route]
impl LazyRoute for StaffRoute {
    fn data() -> Self {
        StaffRoute
    }

    fn view(this: Self) -> AnyView {
        let _ = this;
        view! { <StaffConsole/> }.into_any()
    }
}
