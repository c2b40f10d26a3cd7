use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use leptos_router::{lazy_route, LazyRoute};

use super::decode_errors;
use crate::{
    components::{ErrorSummary, FieldProblem, TextField},
    i18n::{tr, use_lang},
};

/// 登录: the form posts to the server (works without JavaScript); problems come back in the
/// query string and are shown in the error summary and beside the field.
#[component]
pub fn SignInPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let q = move |k: &str| query.with_untracked(|q| q.get(k)).unwrap_or_default();
    let errors = decode_errors(lang, &q("errors"));
    let field_error = |errors: &[(String, String)], field: &str| {
        errors
            .iter()
            .find(|(f, _)| f == field || (f.is_empty() && field == "taxpayer_id"))
            .map(|(_, m)| m.clone())
    };
    let id_error = field_error(&errors, "taxpayer_id");
    let password_error = field_error(&errors, "password");
    let code_error = field_error(&errors, "code");
    let problems: Vec<FieldProblem> = errors
        .iter()
        .map(|(f, m)| FieldProblem {
            dom_id: if f.is_empty() {
                "taxpayer_id".into()
            } else {
                f.clone()
            },
            message: m.clone(),
        })
        .collect();
    let has_errors = !problems.is_empty();
    let title = if has_errors {
        format!("{}{}", tr("error-title-prefix"), tr("sign-in-title"))
    } else {
        tr("sign-in-title")
    };
    let next = q("next");
    let notice = if q("timeout") == "1" {
        Some(tr("sign-in-timed-out"))
    } else if q("signed_out") == "1" {
        Some(tr("sign-in-signed-out"))
    } else if q("registered") == "1" {
        Some(tr("sign-in-registered"))
    } else {
        None
    };
    view! {
        <Title text=title/>
        <ErrorSummary problems=Signal::stored(problems) focus_on_load=has_errors/>
        {notice.map(|n| view! { <div class="notification-banner" role="status"><p>{n}</p></div> })}
        <h1 class="heading-xl">{tr("sign-in-title")}</h1>
        <form method="post" action="/sign-in" novalidate class="narrow-form">
            <input type="hidden" name="next" value=next/>
            <TextField id="taxpayer_id" label=tr("field-taxpayer-id") hint=tr("hint-taxpayer-id")
                error=Signal::stored(id_error) value=q("id") autocomplete="username"/>
            <TextField id="password" label=tr("field-password") error=Signal::stored(password_error)
                kind="password" autocomplete="current-password"/>
            <TextField id="code" label=tr("field-second-factor-code") hint=tr("hint-second-factor-code")
                error=Signal::stored(code_error) autocomplete="one-time-code"/>
            <button type="submit" class="button">{tr("sign-in-submit")}</button>
        </form>
        <h2 class="heading-m">{tr("sign-in-no-account")}</h2>
        <p><a href="/register">{tr("sign-in-register-link")}</a></p>
    }
}

/// A lazy route: the form's code (and the validators it runs) loads with the page.
#[derive(Clone, Copy, Debug)]
pub struct SignInRoute;

#[lazy_route]
impl LazyRoute for SignInRoute {
    fn data() -> Self {
        SignInRoute
    }

    fn view(this: Self) -> AnyView {
        let _ = this;
        view! { <SignInPage/> }.into_any()
    }
}
