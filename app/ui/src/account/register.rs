use banshui_engine::{filing::password::check_password, ids::TaxpayerId};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use leptos_router::{lazy_route, LazyRoute};

use super::decode_errors;
use crate::{
    calculators::error_message,
    components::{ErrorSummary, FieldProblem, TextField},
    i18n::{tr, use_lang},
};

/// 注册: the identifier and the password are checked by the engine as the user leaves each
/// field, and again by the server.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let q = move |k: &str| query.with_untracked(|q| q.get(k)).unwrap_or_default();
    let server_errors = decode_errors(lang, &q("errors"));
    // A refusal of the whole form (too many registrations, storage down) is shown at the first
    // field, so the summary links somewhere.
    let initial = |field: &str| {
        server_errors
            .iter()
            .find(|(f, _)| f == field || (f.is_empty() && field == "taxpayer_id"))
            .map(|(_, m)| m.clone())
    };
    let id_error = RwSignal::new(initial("taxpayer_id"));
    let name_error = RwSignal::new(initial("name"));
    let password_error = RwSignal::new(initial("password"));
    let typed_id = RwSignal::new(q("id"));
    let problems = Signal::derive(move || {
        [
            ("taxpayer_id", id_error.get()),
            ("name", name_error.get()),
            ("password", password_error.get()),
        ]
        .into_iter()
        .filter_map(|(f, e)| {
            e.map(|message| FieldProblem {
                dom_id: f.to_string(),
                message,
            })
        })
        .collect::<Vec<_>>()
    });
    let has_errors = !server_errors.is_empty();
    let title = if has_errors {
        format!("{}{}", tr("error-title-prefix"), tr("register-title"))
    } else {
        tr("register-title")
    };
    let check_id = Callback::new(move |value: String| {
        typed_id.set(value.clone());
        id_error.set(
            TaxpayerId::parse(&value)
                .err()
                .map(|e| error_message(lang, &e.into_field_error("taxpayer_id"))),
        );
    });
    let check_pw = Callback::new(move |value: String| {
        password_error.set(
            check_password(&value, &typed_id.get_untracked())
                .err()
                .map(|e| error_message(lang, &e)),
        );
    });
    let check_name = Callback::new(move |value: String| {
        if !value.trim().is_empty() {
            name_error.set(None);
        }
    });
    view! {
        <Title text=title/>
        <ErrorSummary problems=problems focus_on_load=has_errors/>
        <h1 class="heading-xl">{tr("register-title")}</h1>
        <p class="lead">{tr("register-lead")}</p>
        <form method="post" action="/register" novalidate class="narrow-form">
            <TextField id="taxpayer_id" label=tr("field-taxpayer-id") hint=tr("hint-taxpayer-id")
                error=id_error value=q("id") autocomplete="username" on_change=check_id/>
            <TextField id="name" label=tr("field-name") hint=tr("hint-name") error=name_error
                value=q("name") autocomplete="name" on_change=check_name/>
            <TextField id="password" label=tr("field-password") hint=tr("hint-new-password")
                error=password_error kind="password" autocomplete="new-password" on_change=check_pw/>
            <button type="submit" class="button">{tr("register-submit")}</button>
        </form>
        <p><a href="/sign-in">{tr("register-have-account")}</a></p>
    }
}

/// A lazy route: the form's code (and the validators it runs) loads with the page.
#[derive(Clone, Copy, Debug)]
pub struct RegisterRoute;

#[lazy_route]
impl LazyRoute for RegisterRoute {
    fn data() -> Self {
        RegisterRoute
    }

    fn view(this: Self) -> AnyView {
        let _ = this;
        view! { <RegisterPage/> }.into_any()
    }
}
