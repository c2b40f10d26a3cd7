//! The staff console's pages: each loads its own data through its own loader, then shows it
//! below the console's bar (or the sign-in form, or why the member may not see it).
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    hooks::{use_params_map, use_query_map},
    lazy_route, LazyRoute,
};
use serde::{de::DeserializeOwned, Serialize};

use super::{
    article, articles, audit, benchmarks, editor, members, queue, sign_in, Home, StaffBar,
};
use crate::{
    filing::LoadFailed,
    i18n::tr,
    pages::NotFound,
    portal::{
        load_staff_article, load_staff_articles, load_staff_audit, load_staff_benchmarks,
        load_staff_consultation, load_staff_editor, load_staff_home, load_staff_members,
        load_staff_queue, load_staff_security, StaffMe, Staffed,
    },
};

type Loaded<T> = Resource<Result<Staffed<T>, ServerFnError>>;

/// One staff page once its data is in: the bar and the page, or the sign-in form, or why not.
fn console<T>(
    data: Loaded<T>,
    page: impl Fn(StaffMe, T) -> AnyView + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
{
    view! {
        <Suspense fallback=|| ()>
            {move || data.get().map(|loaded| match loaded {
                Ok(Staffed::SignIn) => view! { <sign_in::StaffSignIn/> }.into_any(),
                Ok(Staffed::Shown { me, page: shown }) => {
                    view! { <StaffBar me=me.clone()/> {page(me, shown)} }.into_any()
                }
                Ok(Staffed::Forbidden { me }) => {
                    #[cfg(feature = "ssr")]
                    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                        response.set_status(http::StatusCode::FORBIDDEN);
                    }
                    view! {
                    <StaffBar me/>
                    <Title text=tr("staff-forbidden-title")/>
                    <h1 class="heading-xl">{tr("staff-forbidden-title")}</h1>
                    <p>{tr("error-forbidden")}</p>
                    }
                    .into_any()
                }
                Ok(Staffed::NotFound { me }) => view! { <StaffBar me/> <NotFound/> }.into_any(),
                Ok(Staffed::EnrolSecondFactor { me }) => {
                    #[cfg(feature = "ssr")]
                    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                        response.set_status(http::StatusCode::FORBIDDEN);
                    }
                    view! {
                    <StaffBar me/>
                    <Title text=tr("staff-enrol-title")/>
                    <h1 class="heading-xl">{tr("staff-enrol-title")}</h1>
                    <p>{tr("staff-enrol-body")}</p>
                    <p><a class="button" href="/staff/security">{tr("staff-enrol-link")}</a></p>
                    }
                    .into_any()
                }
                Err(_) => view! { <LoadFailed/> }.into_any(),
            })}
        </Suspense>
    }
}

/// A path parameter of the current route ("" when absent).
fn param(name: &'static str) -> impl Fn() -> String + Send + Sync + Copy + 'static {
    let params = use_params_map();
    move || params.with(|p| p.get(name).unwrap_or_default())
}

/// A query parameter of the current address ("" when absent).
fn query(name: &'static str) -> impl Fn() -> String + Send + Sync + Copy + 'static {
    let query = use_query_map();
    move || query.with(|q| q.get(name).unwrap_or_default())
}

/// Whether the address asks for what a refused form kept (`?stash=1`).
fn stash_wanted() -> impl Fn() -> bool + Send + Sync + Copy + 'static {
    let stash = query("stash");
    move || !stash().is_empty()
}

#[component]
fn HomePage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| load_staff_home());
    console(data, |me, ()| view! { <Home me/> }.into_any())
}

#[component]
fn ArticlesPage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| load_staff_articles());
    console(data, |_, items| {
        view! { <articles::ArticleTable items/> }.into_any()
    })
}

#[component]
fn ArticlePage() -> impl IntoView {
    let (slug, from, to) = (param("slug"), query("from"), query("to"));
    let data = Resource::new_blocking(
        move || (slug(), from().parse().ok(), to().parse().ok()),
        |(slug, from, to)| load_staff_article(slug, from, to),
    );
    console(data, |me, page| {
        view! { <article::StaffArticle me article=page.article versions=page.versions diff=page.diff/> }
            .into_any()
    })
}

#[component]
fn NewArticlePage() -> impl IntoView {
    let stash = stash_wanted();
    let data = Resource::new_blocking(stash, |stash| load_staff_editor(None, stash));
    console(data, |_, page| {
        view! { <editor::Editor article=page.article stash=page.stash/> }.into_any()
    })
}

#[component]
fn EditArticlePage() -> impl IntoView {
    let (slug, stash) = (param("slug"), stash_wanted());
    let data = Resource::new_blocking(
        move || (slug(), stash()),
        |(slug, stash)| load_staff_editor(Some(slug), stash),
    );
    console(data, |_, page| {
        view! { <editor::Editor article=page.article stash=page.stash/> }.into_any()
    })
}

#[component]
fn QueuePage() -> impl IntoView {
    let (status, tax_type) = (query("status"), query("tax_type"));
    let data = Resource::new_blocking(
        move || (status(), tax_type()),
        |(status, tax_type)| load_staff_queue(status, tax_type),
    );
    console(data, |_, items| view! { <queue::Queue items/> }.into_any())
}

#[component]
fn ConsultationPage() -> impl IntoView {
    let id = param("id");
    let data = Resource::new_blocking(id, load_staff_consultation);
    console(data, |me, c| {
        view! { <queue::StaffConsultation me c/> }.into_any()
    })
}

#[component]
fn BenchmarksPage() -> impl IntoView {
    let (id, stash) = (param("id"), stash_wanted());
    let data = Resource::new_blocking(
        move || (id(), stash()),
        |(id, stash)| load_staff_benchmarks((!id.is_empty()).then_some(id), stash),
    );
    console(data, |_, page| {
        view! { <benchmarks::Benchmarks page/> }.into_any()
    })
}

#[component]
fn MembersPage() -> impl IntoView {
    let stash = stash_wanted();
    let data = Resource::new_blocking(stash, load_staff_members);
    console(data, |me, page| {
        view! { <members::Members me=me.username page/> }.into_any()
    })
}

#[component]
fn AuditPage() -> impl IntoView {
    let cursor = query("cursor");
    let data = Resource::new_blocking(cursor, load_staff_audit);
    console(data, |_, page| {
        view! { <audit::AuditLog items=page.items next=page.next/> }.into_any()
    })
}

#[component]
fn SecurityPage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| load_staff_security());
    console(data, |_, page| {
        view! { <crate::account::security::SecuritySettings base="/staff/security" page/> }
            .into_any()
    })
}

/// Which console page the route's pattern (in `routes.rs`) names, read from the address the
/// router matched. One lazy route serves them all: ten lazy routes would each add a loader
/// stub and shared chunks to the home page's bundle (measured: +25 KiB brotli).
fn page_of(path: &str) -> fn() -> AnyView {
    let segments: Vec<&str> = path
        .trim_start_matches("/staff")
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    match segments.as_slice() {
        [] => || view! { <HomePage/> }.into_any(),
        ["articles"] => || view! { <ArticlesPage/> }.into_any(),
        ["articles", "new"] => || view! { <NewArticlePage/> }.into_any(),
        ["articles", _] => || view! { <ArticlePage/> }.into_any(),
        ["articles", _, "edit"] => || view! { <EditArticlePage/> }.into_any(),
        ["consultations"] => || view! { <QueuePage/> }.into_any(),
        ["consultations", _] => || view! { <ConsultationPage/> }.into_any(),
        ["benchmarks"] | ["benchmarks", _] => || view! { <BenchmarksPage/> }.into_any(),
        ["members"] => || view! { <MembersPage/> }.into_any(),
        ["audit"] => || view! { <AuditPage/> }.into_any(),
        ["security"] => || view! { <SecurityPage/> }.into_any(),
        _ => || view! { <NotFound/> }.into_any(),
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
        let location = leptos_router::hooks::use_location();
        let page = Memo::new(move |_| page_of(&location.pathname.get()));
        (move || page.get()()).into_any()
    }
}
