use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::outcome;
use crate::{
    components::{ErrorSummary, FieldProblem, TextField},
    i18n::tr,
};

/// The staff sign-in form (posts to `/staff`; problems come back in the query string).
#[component]
pub fn StaffSignIn() -> impl IntoView {
    let (errors, _) = outcome();
    let query = use_query_map();
    let (username, signed_out) = query.with_untracked(|q| {
        (
            q.get("username").unwrap_or_default(),
            q.get("signed_out").is_some(),
        )
    });
    let error_of = |field: &str| {
        errors
            .iter()
            .find(|(f, _)| f == field || (f.is_empty() && field == "username"))
            .map(|(_, m)| m.clone())
    };
    let problems: Vec<FieldProblem> = errors
        .iter()
        .map(|(f, m)| FieldProblem {
            dom_id: if f.is_empty() {
                "username".into()
            } else {
                f.clone()
            },
            message: m.clone(),
        })
        .collect();
    let has_errors = !problems.is_empty();
    let title = if has_errors {
        format!("{}{}", tr("error-title-prefix"), tr("staff-sign-in-title"))
    } else {
        tr("staff-sign-in-title")
    };
    view! {
        <Title text=title/>
        <ErrorSummary problems=Signal::stored(problems) focus_on_load=has_errors/>
        {signed_out.then(|| view! { <div class="notification-banner" role="status"><p>{tr("sign-in-signed-out")}</p></div> })}
        <h1 class="heading-xl">{tr("staff-sign-in-title")}</h1>
        <p>{tr("staff-sign-in-lead")}</p>
        <form method="post" action="/staff" novalidate class="narrow-form">
            <TextField id="username" label=tr("staff-username") error=Signal::stored(error_of("username")) value=username autocomplete="username"/>
            <TextField id="password" label=tr("field-password") error=Signal::stored(error_of("password")) kind="password" autocomplete="current-password"/>
            <TextField id="code" label=tr("field-second-factor-code") hint=tr("hint-second-factor-code") error=Signal::stored(error_of("code")) autocomplete="one-time-code"/>
            <button type="submit" class="button" data-testid="staff-sign-in">{tr("sign-in-submit")}</button>
        </form>
    }
}
