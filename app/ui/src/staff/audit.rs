use leptos::prelude::*;
use leptos_meta::Title;

use crate::{i18n::tr, portal::AuditEntry};

/// 审计日志 (admin): who did what to which object, when and from where; newest first.
#[component]
pub fn AuditLog(items: Vec<AuditEntry>, next: Option<String>) -> impl IntoView {
    view! {
        <Title text=tr("staff-audit")/>
        <h1 class="heading-xl">{tr("staff-audit")}</h1>
        <div class="table-wrapper">
            <table class="table" data-testid="audit">
                <caption class="visually-hidden">{tr("staff-audit")}</caption>
                <thead><tr>
                    <th scope="col">{tr("audit-at")}</th>
                    <th scope="col">{tr("audit-actor")}</th>
                    <th scope="col">{tr("audit-action")}</th>
                    <th scope="col">{tr("audit-object")}</th>
                    <th scope="col">{tr("audit-detail")}</th>
                    <th scope="col">{tr("audit-address")}</th>
                </tr></thead>
                <tbody>
                    {items.into_iter().map(|e| view! {
                        <tr>
                            <td>{e.at.replace('T', " ").replace('Z', " UTC")}</td>
                            <td>{e.actor}</td>
                            <td><code>{e.action}</code></td>
                            <td><code>{e.object}</code></td>
                            <td>{e.detail}</td>
                            <td>{e.address}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {next.map(|n| view! { <p><a href=format!("/staff/audit?cursor={n}") rel="external">{tr("audit-older")}</a></p> })}
    }
}
