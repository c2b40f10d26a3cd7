use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use leptos_router::{lazy_route, LazyRoute};

use super::{kind_title, LoadFailed, SignInPrompt};
use crate::{
    i18n::{t_args, tr, use_lang},
    portal::{load_filing_home, FilingHome, TaskStatus},
};

/// 我要办税: what the taxpayer can file, with periods, deadlines and status.
#[component]
pub fn FilingHomePage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| load_filing_home());
    view! {
        <Title text=tr("section-filing-title")/>
        <Suspense fallback=|| ()>
            {move || data.get().map(|r| match r {
                Ok(Some(home)) => view! { <TaskList home/> }.into_any(),
                Ok(None) => view! { <SignInPrompt next="/filing".to_string()/> }.into_any(),
                Err(_) => view! { <LoadFailed/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn TaskList(home: FilingHome) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let saved = query.with_untracked(|q| q.get("saved")).map(|s| {
        let (kind, period) = s.split_once(':').unwrap_or((s.as_str(), ""));
        t_args(
            lang,
            "task-name",
            &[("kind", kind_title(kind)), ("period", period.to_string())],
        )
    });
    let start_error = query.with_untracked(|q| q.get("start_error")).is_some();
    view! {
        {saved.map(|what| view! {
            <div class="notification-banner" role="status" data-testid="saved-banner">
                <p>{t_args(lang, "filing-saved-for-later", &[("what", what)])}</p>
            </div>
        })}
        <span class="caption">{t_args(lang, "filing-signed-in-as", &[("name", home.me.name.clone()), ("id", home.me.taxpayer_id.clone())])}</span>
        <h1 class="heading-xl">{tr("section-filing-title")}</h1>
        <p class="lead">{tr("filing-lead")}</p>
        <ul class="task-list" data-testid="task-list">
            {home.tasks.into_iter().map(|task| {
                let href = match (&task.filing_id, task.status) {
                    (Some(id), TaskStatus::Filed | TaskStatus::Corrected) if !task.correcting => format!("/filings/{id}"),
                    _ => format!("/filing/{}/{}/1", task.kind, task.period),
                };
                let tag_class = match task.status {
                    TaskStatus::NotStarted => "tag tag--grey",
                    TaskStatus::Draft => "tag tag--blue",
                    TaskStatus::Filed => "tag tag--green",
                    TaskStatus::Corrected => "tag tag--purple",
                };
                let status = if task.correcting { tr("status-correcting") } else { tr(task.status.label_key()) };
                let name = t_args(lang, "task-name", &[("kind", kind_title(&task.kind)), ("period", task.period.clone())]);
                view! {
                    <li class="task-list__item">
                        <span class="task-list__name">
                            <a href=href rel="external">{name}</a>
                            <span class="hint">{t_args(lang, "task-window", &[("opens", task.opens.clone()), ("deadline", task.deadline.clone())])}</span>
                        </span>
                        <strong class=tag_class>{status}</strong>
                    </li>
                }
            }).collect_view()}
        </ul>
        <h2 class="heading-m">{tr("filing-other-period-title")}</h2>
        <form method="get" action="/filing/start" class="narrow-form" novalidate>
            {start_error.then(|| view! { <p class="error-message" id="start-error">{tr("error-invalid-period")}</p> })}
            <div class="form-group">
                <label class="label" for="start-kind">{tr("filing-other-kind")}</label>
                <select class="select" id="start-kind" name="kind">
                    {banshui_engine::calculation::Kind::ALL.into_iter().map(|k| view! {
                        <option value=k.slug()>{kind_title(k.slug())}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="form-group">
                <label class="label" for="start-period">{tr("filing-other-period")}</label>
                <div class="hint" id="start-period-hint">{tr("filing-other-period-hint")}</div>
                <input class="input input--short" id="start-period" name="period" type="text" autocomplete="off"
                    aria-describedby=if start_error { "start-period-hint start-error" } else { "start-period-hint" }/>
            </div>
            <button type="submit" class="button button--secondary">{tr("filing-other-start")}</button>
        </form>
        <p><a href="/filings">{tr("filings-link")}</a></p>
    }
}

/// A lazy route: this page's code (and the server-function client) loads with the page.
#[derive(Clone, Copy, Debug)]
pub struct FilingHomeRoute;

#[lazy_route]
impl LazyRoute for FilingHomeRoute {
    fn data() -> Self {
        FilingHomeRoute
    }

    fn view(this: Self) -> AnyView {
        let _ = this;
        view! { <FilingHomePage/> }.into_any()
    }
}
