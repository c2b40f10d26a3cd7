//! 账户安全 / Account security, for taxpayers (`/account/security`) and staff
//! (`/staff/security`): change the password, turn two-step sign-in on or off, see and end
//! sessions. Every action is a form (works without JavaScript); the page says what happened.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use leptos_router::{lazy_route, LazyRoute};

use super::decode_errors;
use crate::{
    components::{ErrorSummary, FieldProblem, TextField},
    filing::{LoadFailed, SignInPrompt},
    i18n::{t_args, tr, use_lang},
    portal::{load_account_security, Enrolment, SecurityPage, SessionRow},
};

/// The inputs of the page's forms (the server names refused fields after them).
const INPUTS: [&str; 5] = [
    "current_password",
    "new_password",
    "confirm_code",
    "disable_password",
    "disable_code",
];

fn when(rfc3339: &str) -> String {
    rfc3339.replace('T', " ").replace('Z', " UTC")
}

/// The key in groups of four, as authenticator apps show typed keys.
fn grouped(secret: &str) -> String {
    secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

#[component]
pub fn SecuritySettings(
    /// `/account/security` or `/staff/security`: where the forms post.
    base: &'static str,
    page: SecurityPage,
) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let q = move |k: &str| query.with_untracked(|q| q.get(k)).unwrap_or_default();
    let errors = decode_errors(lang, &q("errors"));
    let problems: Vec<FieldProblem> = errors
        .iter()
        .map(|(field, message)| FieldProblem {
            dom_id: INPUTS
                .iter()
                .find(|i| **i == field)
                .map_or("current_password", |i| i)
                .to_string(),
            message: message.clone(),
        })
        .collect();
    let error_of = |id: &str| errors.iter().find(|(f, _)| f == id).map(|(_, m)| m.clone());
    let has_errors = !problems.is_empty();
    let title = if has_errors {
        format!("{}{}", tr("error-title-prefix"), tr("security-title"))
    } else {
        tr("security-title")
    };
    let done = match q("done").as_str() {
        "password" => Some(t_args(
            lang,
            "security-done-password",
            &[("count", q("ended"))],
        )),
        "session_ended" => Some(tr("security-done-session-ended")),
        "second_factor_on" => Some(tr("security-done-second-factor-on")),
        "second_factor_off" => Some(tr("security-done-second-factor-off")),
        _ => None,
    };
    let SecurityPage {
        sessions,
        second_factor,
        required,
        recovery_codes_left,
        enrolment,
        new_recovery_codes,
    } = page;
    view! {
        <Title text=title/>
        <ErrorSummary problems=Signal::stored(problems) focus_on_load=has_errors/>
        {done.map(|d| view! { <div class="notification-banner notification-banner--success" role="status" data-testid="done"><p>{d}</p></div> })}
        <h1 class="heading-xl">{tr("security-title")}</h1>

        <h2 class="heading-l" id="second-factor">{tr("security-second-factor")}</h2>
        <SecondFactor base second_factor required recovery_codes_left enrolment new_recovery_codes
            confirm_error=error_of("confirm_code") disable_password_error=error_of("disable_password")
            disable_code_error=error_of("disable_code")/>

        <h2 class="heading-l" id="password-title">{tr("security-password")}</h2>
        <p>{tr("security-password-intro")}</p>
        <form method="post" action=format!("{base}/password") novalidate class="narrow-form" aria-labelledby="password-title">
            <TextField id="current_password" kind="password" autocomplete="current-password"
                label=tr("security-current-password") error=Signal::stored(error_of("current_password"))/>
            <TextField id="new_password" kind="password" autocomplete="new-password"
                label=tr("security-new-password") hint=tr("hint-new-password") error=Signal::stored(error_of("new_password"))/>
            <button type="submit" class="button">{tr("security-change-password")}</button>
        </form>

        <h2 class="heading-l" id="sessions-title">{tr("security-sessions")}</h2>
        <p>{tr("security-sessions-intro")}</p>
        <Sessions base sessions/>
        <form method="post" action=format!("{base}/end-all")>
            <button type="submit" class="button button--warning" data-testid="end-all">{tr("security-end-all")}</button>
        </form>
    }
}

#[component]
fn Sessions(base: &'static str, sessions: Vec<SessionRow>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="table-wrapper">
            <table class="table" data-testid="sessions">
                <caption class="visually-hidden">{tr("security-sessions")}</caption>
                <thead><tr>
                    <th scope="col">{tr("security-session-device")}</th>
                    <th scope="col">{tr("security-session-address")}</th>
                    <th scope="col">{tr("security-session-started")}</th>
                    <th scope="col">{tr("security-session-seen")}</th>
                    <th scope="col"><span class="visually-hidden">{tr("security-session-end")}</span></th>
                </tr></thead>
                <tbody>
                    {sessions.into_iter().map(|s| {
                        let device = if s.user_agent.is_empty() { tr("security-session-unknown") } else { s.user_agent.clone() };
                        let label = t_args(lang, "security-session-end-label", &[("started", when(&s.created_at))]);
                        view! {
                            <tr>
                                <th scope="row" class="session-device">{device}</th>
                                <td>{s.address.clone()}</td>
                                <td>{when(&s.created_at)}</td>
                                <td>{when(&s.last_seen_at)}</td>
                                <td>
                                    {if s.current {
                                        view! { <strong class="tag tag--green">{tr("security-session-current")}</strong> }.into_any()
                                    } else {
                                        view! {
                                            <form method="post" action=format!("{base}/end-session") class="inline-form">
                                                <input type="hidden" name="id" value=s.id.clone()/>
                                                <button type="submit" class="button button--secondary" aria-label=label>{tr("security-session-end")}</button>
                                            </form>
                                        }.into_any()
                                    }}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
#[allow(
    clippy::too_many_arguments,
    reason = "one component per state of the setting"
)]
fn SecondFactor(
    base: &'static str,
    second_factor: String,
    required: bool,
    recovery_codes_left: i64,
    enrolment: Option<Enrolment>,
    new_recovery_codes: Vec<String>,
    confirm_error: Option<String>,
    disable_password_error: Option<String>,
    disable_code_error: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let intro = if required {
        tr("security-second-factor-required")
    } else {
        tr("security-second-factor-intro")
    };
    match (second_factor.as_str(), enrolment) {
        ("pending", Some(e)) => view! {
            <p>{intro}</p>
            <ol class="list list--number">
                <li>
                    <p>{tr("security-enrol-scan")}</p>
                    <div class="qr-code" role="img" aria-label=tr("security-enrol-qr-label") inner_html=e.qr_svg></div>
                    <p>{tr("security-enrol-key")}" "<code class="secret-key" data-testid="totp-key" data-key=e.secret.clone()>{grouped(&e.secret)}</code></p>
                </li>
                <li>
                    <form method="post" action=format!("{base}/confirm") novalidate class="narrow-form">
                        <TextField id="confirm_code" label=tr("security-code") hint=tr("security-code-hint")
                            autocomplete="one-time-code" error=Signal::stored(confirm_error)/>
                        <button type="submit" class="button">{tr("security-enrol-confirm")}</button>
                    </form>
                </li>
            </ol>
        }.into_any(),
        ("on", _) => view! {
            <p><strong class="tag tag--green">{tr("security-second-factor-on")}</strong></p>
            <p>{t_args(lang, "security-recovery-left", &[("count", recovery_codes_left.to_string())])}</p>
            {(!new_recovery_codes.is_empty()).then(|| view! {
                <div class="warning-panel" data-testid="recovery-codes">
                    <h3 class="heading-m">{tr("security-recovery-title")}</h3>
                    <p>{tr("security-recovery-save")}</p>
                    <ul class="recovery-codes">
                        {new_recovery_codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
                    </ul>
                </div>
            })}
            {if required {
                view! { <p>{tr("security-second-factor-required-on")}</p> }.into_any()
            } else {
                view! {
                    <details class="details">
                        <summary class="details__summary">{tr("security-disable")}</summary>
                        <form method="post" action=format!("{base}/disable") novalidate class="narrow-form details__text">
                            <TextField id="disable_password" kind="password" autocomplete="current-password"
                                label=tr("field-password") error=Signal::stored(disable_password_error)/>
                            <TextField id="disable_code" label=tr("security-code") hint=tr("security-code-or-recovery")
                                autocomplete="one-time-code" error=Signal::stored(disable_code_error)/>
                            <button type="submit" class="button button--warning">{tr("security-disable")}</button>
                        </form>
                    </details>
                }.into_any()
            }}
        }.into_any(),
        _ => view! {
            <p>{intro}</p>
            <p><strong class="tag tag--grey">{tr("security-second-factor-off")}</strong></p>
            <form method="post" action=format!("{base}/begin")>
                <button type="submit" class="button" data-testid="begin-second-factor">{tr("security-enrol-start")}</button>
            </form>
        }.into_any(),
    }
}

/// The taxpayer's page.
#[component]
pub fn AccountSecurityPage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| load_account_security());
    view! {
        <Suspense fallback=|| ()>
            {move || data.get().map(|r| match r {
                Ok(Some(page)) => view! { <SecuritySettings base="/account/security" page/> }.into_any(),
                Ok(None) => view! { <Title text=tr("security-title")/> <SignInPrompt next="/account/security".to_string()/> }.into_any(),
                Err(_) => view! { <LoadFailed/> }.into_any(),
            })}
        </Suspense>
    }
}

#[derive(Clone, Copy, Debug)]
pub struct AccountSecurityRoute;

#[lazy_route]
impl LazyRoute for AccountSecurityRoute {
    fn data() -> Self {
        AccountSecurityRoute
    }

    fn view(this: Self) -> AnyView {
        let _ = this;
        view! { <AccountSecurityPage/> }.into_any()
    }
}
