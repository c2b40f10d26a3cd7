use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::outcome;
use crate::{
    components::TextArea,
    consultations::{status_class, status_key},
    guidance::{day, tax_type_key, TAX_TYPES},
    i18n::tr,
    portal::{Consultation, StaffMe},
};

const STATUSES: [&str; 4] = ["received", "in_progress", "answered", "closed"];

/// 咨询受理: the queue, filtered by status and tax type.
#[component]
pub fn Queue(items: Vec<Consultation>) -> impl IntoView {
    let query = use_query_map();
    let (status, tax_type) = query.with_untracked(|q| {
        (
            q.get("status").unwrap_or_default(),
            q.get("tax_type").unwrap_or_default(),
        )
    });
    let option = |value: &str, label: String, chosen: &str| {
        let selected = value == chosen;
        view! { <option value=value.to_string() selected=selected>{label}</option> }
    };
    view! {
        <Title text=tr("staff-consultations")/>
        <h1 class="heading-xl">{tr("staff-consultations")}</h1>
        <form method="get" action="/staff/consultations" class="diff-form">
            <div class="form-group">
                <label class="label" for="status">{tr("consultation-status")}</label>
                <select class="select" id="status" name="status">
                    {option("", tr("guidance-all"), &status)}
                    {STATUSES.iter().map(|s| option(s, tr(status_key(s)), &status)).collect_view()}
                </select>
            </div>
            <div class="form-group">
                <label class="label" for="tax_type">{tr("consultation-tax-type")}</label>
                <select class="select" id="tax_type" name="tax_type">
                    {option("", tr("guidance-all"), &tax_type)}
                    {TAX_TYPES.iter().map(|t| option(t, tr(tax_type_key(t)), &tax_type)).collect_view()}
                </select>
            </div>
            <button type="submit" class="button button--secondary">{tr("staff-filter")}</button>
        </form>
        {items.is_empty().then(|| view! { <p>{tr("staff-queue-empty")}</p> })}
        {(!items.is_empty()).then(|| view! {
            <div class="table-wrapper">
                <table class="table" data-testid="queue">
                    <caption class="visually-hidden">{tr("staff-consultations")}</caption>
                    <thead><tr>
                        <th scope="col">{tr("consultation-subject")}</th>
                        <th scope="col">{tr("consultation-tax-type")}</th>
                        <th scope="col">{tr("consultation-asked")}</th>
                        <th scope="col">{tr("consultation-status")}</th>
                        <th scope="col">{tr("staff-assignee")}</th>
                    </tr></thead>
                    <tbody>
                        {items.iter().map(|c| view! {
                            <tr>
                                <th scope="row"><a href=format!("/staff/consultations/{}", c.id) rel="external">{c.subject.clone()}</a></th>
                                <td>{tr(tax_type_key(&c.tax_type))}</td>
                                <td>{day(&c.created_at)}</td>
                                <td><strong class=status_class(&c.status)>{tr(status_key(&c.status))}</strong></td>
                                <td>{c.assignee.clone().unwrap_or_else(|| "—".into())}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
    }
}

/// One consultation for staff: take it up, reply, turn it into a FAQ (publisher).
#[component]
pub fn StaffConsultation(me: StaffMe, c: Consultation) -> impl IntoView {
    let (errors, done) = outcome();
    let reply_error = errors
        .iter()
        .find(|(f, _)| f == "body")
        .map(|(_, m)| m.clone());
    let other_errors: Vec<String> = errors
        .iter()
        .filter(|(f, _)| f != "body")
        .map(|(_, m)| m.clone())
        .collect();
    let closed = c.status == "closed";
    let mine = c.assignee.as_deref() == Some(me.username.as_str());
    let id = c.id.clone();
    view! {
        <Title text=c.subject.clone()/>
        {(!done.is_empty()).then(|| view! { <div class="notification-banner notification-banner--success" role="status" data-testid="done"><p>{tr("staff-done")}</p></div> })}
        {(!other_errors.is_empty()).then(|| view! { <div class="notification-banner" role="alert">{other_errors.iter().map(|m| view! { <p>{m.clone()}</p> }).collect_view()}</div> })}
        <p><a class="back-link" href="/staff/consultations" rel="external">{tr("staff-consultations")}</a></p>
        <span class="caption">{tr(tax_type_key(&c.tax_type))}" · "{c.taxpayer_id.clone().unwrap_or_default()}</span>
        <h1 class="heading-xl">{c.subject.clone()}</h1>
        <p>
            <strong class=status_class(&c.status) data-testid="status">{tr(status_key(&c.status))}</strong>" "
            {tr("staff-assignee")}": "{c.assignee.clone().unwrap_or_else(|| "—".into())}
        </p>
        <div class="message">{c.body.clone()}</div>
        <h2 class="heading-m">{tr("consultation-replies")}</h2>
        {c.replies.is_empty().then(|| view! { <p>{tr("consultation-no-reply")}</p> })}
        <ol class="replies">
            {c.replies.iter().map(|r| view! {
                <li class="message message--reply"><p class="caption">{r.author.clone().unwrap_or_default()}" · "{day(&r.at)}</p><div>{r.body.clone()}</div></li>
            }).collect_view()}
        </ol>
        {(!closed && !mine).then(|| view! {
            <form method="post" action=format!("/staff/consultations/{id}/assign")>
                <button type="submit" class="button button--secondary" data-testid="assign">{tr("staff-assign")}</button>
            </form>
        })}
        {(!closed).then(|| view! {
            <form method="post" action=format!("/staff/consultations/{id}/reply") novalidate class="narrow-form">
                <TextArea id="body" label=tr("staff-reply") error=reply_error.clone() rows=6/>
                <button type="submit" class="button" data-testid="reply">{tr("staff-send-reply")}</button>
            </form>
        })}
        {(me.at_least("publisher") && !c.replies.is_empty()).then(|| view! {
            <form method="post" action=format!("/staff/consultations/{id}/publish-faq")>
                <p class="hint">{tr("staff-make-faq-hint")}</p>
                <button type="submit" class="button button--secondary" data-testid="make-faq">{tr("staff-make-faq")}</button>
            </form>
        })}
    }
}
