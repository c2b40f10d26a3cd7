//! 工作人员账号 (admin): the accounts, their roles and whether they are active; a form to
//! create one and, per account, to change its role or disable it.
use leptos::prelude::*;
use leptos_meta::Title;

use super::{outcome, FormErrors};
use crate::{
    components::{ErrorSummary, SelectField, TextField},
    i18n::{t_args, tr, use_lang},
    portal::{MembersPage, StaffMemberRow},
};

const ROLES: [&str; 3] = ["editor", "publisher", "admin"];

fn roles() -> Vec<(String, String)> {
    ROLES
        .iter()
        .map(|r| (r.to_string(), tr(&format!("staff-role-{r}"))))
        .collect()
}

/// API field → the create form's input.
const INPUTS: [(&str, &str); 3] = [
    ("username", "new-username"),
    ("role", "new-role"),
    ("password", "new-password"),
];

fn dom_id(field: &str) -> &'static str {
    INPUTS
        .iter()
        .find(|(f, _)| *f == field)
        .map_or("new-username", |(_, id)| id)
}

#[component]
pub fn Members(me: String, page: MembersPage) -> impl IntoView {
    let MembersPage { items, stash } = page;
    let (errors, done) = outcome();
    let lang = use_lang();
    let form_errors = FormErrors::new(&errors, dom_id);
    let problems = form_errors.problems();
    let error_of = |id: &str| form_errors.of(id);
    let has_errors = !problems.is_empty();
    let typed = |id: &str| {
        stash
            .as_ref()
            .map(|s| s.get(id).to_string())
            .unwrap_or_default()
    };
    let title = if has_errors {
        format!("{}{}", tr("error-title-prefix"), tr("staff-members"))
    } else {
        tr("staff-members")
    };
    let rows = items
        .into_iter()
        .map(|m| {
            let StaffMemberRow {
                username,
                role,
                active,
                created_at,
            } = m;
            let is_me = username == me;
            let slug = username.replace('.', "-");
            let label = t_args(
                lang,
                "staff-member-change-label",
                &[("username", username.clone())],
            );
            view! {
                <tr data-username=username.clone()>
                    <th scope="row">{username.clone()}</th>
                    <td>{tr(&format!("staff-role-{role}"))}</td>
                    <td>{if active { tr("staff-member-active") } else { tr("staff-member-disabled") }}</td>
                    <td>{created_at.replace('T', " ").replace('Z', " UTC")}</td>
                    <td>
                        {(!is_me).then(|| view! {
                            <form method="post" action=format!("/staff/members/{username}") class="inline-form" aria-label=label>
                                <label class="visually-hidden" for=format!("role-{slug}")>{tr("staff-member-role")}</label>
                                <select class="select" id=format!("role-{slug}") name="role">
                                    {ROLES.iter().map(|r| view! { <option value=*r selected=*r == role>{tr(&format!("staff-role-{r}"))}</option> }).collect_view()}
                                </select>
                                <div class="checkboxes__item">
                                    <input class="checkboxes__input" type="checkbox" id=format!("active-{slug}") name="active" value="true" checked=active/>
                                    <label class="label checkboxes__label" for=format!("active-{slug}")>{tr("staff-member-active-label")}</label>
                                </div>
                                <button type="submit" class="button button--secondary">{tr("staff-member-change")}</button>
                            </form>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view()
        .into_any();
    let form = view! {
        <h2 class="heading-l" id="new-member-title">{tr("staff-member-new")}</h2>
        <form method="post" action="/staff/members" novalidate aria-labelledby="new-member-title" data-testid="new-member">
            <TextField id="new-username" label=tr("staff-member-username") error=Signal::stored(error_of("new-username")) value=typed("new-username")/>
            <SelectField id="new-role" label=tr("staff-member-role") options=roles() selected=typed("new-role") error=error_of("new-role")/>
            <TextField id="new-password" kind="password" autocomplete="new-password" label=tr("staff-member-password") hint=tr("staff-member-password-hint") error=Signal::stored(error_of("new-password"))/>
            <button type="submit" class="button">{tr("staff-member-create")}</button>
        </form>
    }
    .into_any();
    view! {
        <Title text=title/>
        <ErrorSummary problems=Signal::stored(problems) focus_on_load=has_errors/>
        <h1 class="heading-xl">{tr("staff-members")}</h1>
        {(done == "saved").then(|| view! {
            <div class="notification-banner notification-banner--success" role="status"><p>{tr("staff-member-saved")}</p></div>
        })}
        <p>{tr("staff-members-intro")}</p>
        <div class="table-wrapper">
            <table class="table" data-testid="members">
                <caption class="visually-hidden">{tr("staff-members")}</caption>
                <thead><tr>
                    <th scope="col">{tr("staff-member-username")}</th>
                    <th scope="col">{tr("staff-member-role")}</th>
                    <th scope="col">{tr("staff-member-status")}</th>
                    <th scope="col">{tr("staff-member-created")}</th>
                    <th scope="col"><span class="visually-hidden">{tr("staff-member-change")}</span></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {form}
    }
}
