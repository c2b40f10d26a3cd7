use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use leptos_router::{lazy_route, LazyRoute};

use super::{history::amount_text, kind_title, stored::StoredLines, LoadFailed, SignInPrompt};
use crate::{
    components::format::group_thousands,
    i18n::{t_args, tr, use_lang},
    pages::NotFound,
    portal::{load_filing, FilingDetail},
};

/// One filing: after submitting, the confirmation (receipt number, amount, deadline, what
/// happens next); later, the same page as the filing's record, with its explanation and history.
#[component]
pub fn FilingDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").unwrap_or_default());
    let next = format!("/filings/{id}");
    let data = Resource::new_blocking(move || id.clone(), load_filing);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let next = next.clone();
                data.get().map(|r| match r {
                    Ok(Some(filing)) => view! { <Detail filing/> }.into_any(),
                    // Not signed in, or not theirs: the same answer as for a filing that does not exist.
                    Ok(None) => view! { <SignInOrMissing next/> }.into_any(),
                    Err(_) => view! { <LoadFailed/> }.into_any(),
                })
            }}
        </Suspense>
    }
}

#[component]
fn SignInOrMissing(next: String) -> impl IntoView {
    let me = Resource::new_blocking(|| (), |_| crate::portal::load_me());
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let next = next.clone();
                me.get().map(|r| match r {
                    Ok(Some(_)) => view! { <NotFound/> }.into_any(),
                    _ => view! { <SignInPrompt next/> }.into_any(),
                })
            }}
        </Suspense>
    }
}

#[component]
fn Detail(filing: FilingDetail) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let just_submitted = query.with_untracked(|q| q.get("submitted")).is_some();
    let f = filing.summary.clone();
    let kind = kind_title(&f.kind);
    let title = if just_submitted {
        tr("confirmation-title")
    } else {
        t_args(
            lang,
            "filing-detail-title",
            &[("kind", kind.clone()), ("period", f.period.clone())],
        )
    };
    let is_current = filing.superseded_by.is_none();
    let owes = f.amount_due != "0.00";
    let refund = f.refund_due != "0.00";
    let outcome = if owes {
        t_args(
            lang,
            "confirmation-pay",
            &[
                ("amount", group_thousands(&f.amount_due)),
                ("deadline", filing.payment_deadline.clone()),
            ],
        )
    } else if refund {
        t_args(
            lang,
            "confirmation-refund",
            &[("amount", group_thousands(&f.refund_due))],
        )
    } else {
        tr("confirmation-nothing-due")
    };
    let rows = vec![
        (tr("receipt-number"), f.receipt_number.clone()),
        (tr("receipt-kind"), kind.clone()),
        (tr("receipt-period"), f.period.clone()),
        (
            tr("receipt-submitted"),
            f.submitted_at.replace('T', " ").replace('Z', ""),
        ),
        (tr("filings-amount"), amount_text(&f)),
        (tr("receipt-deadline"), filing.payment_deadline.clone()),
    ]
    .into_iter()
    .chain(
        filing
            .payment_reference
            .clone()
            .map(|r| (tr("receipt-payment-reference"), r)),
    )
    .chain(std::iter::once((
        tr("receipt-sha256"),
        filing.content_sha256.clone(),
    )));
    view! {
        <Title text=title.clone()/>
        {just_submitted.then(|| view! {
            <div class="panel panel--confirmation" data-testid="confirmation">
                <h1 class="panel__title">{tr("confirmation-title")}</h1>
                <div class="panel__body">
                    {tr("confirmation-receipt")}<br/>
                    <strong data-testid="receipt-number">{f.receipt_number.clone()}</strong>
                </div>
            </div>
        })}
        {(!just_submitted).then(|| view! { <h1 class="heading-xl">{title.clone()}</h1> })}
        {filing.superseded_by.clone().map(|by| view! {
            <div class="notification-banner" role="region" aria-label=tr("status-superseded") data-testid="superseded-banner">
                <p>{tr("filing-superseded-text")}" "<a href=format!("/filings/{by}") rel="external">{tr("filing-see-correction")}</a></p>
            </div>
        })}
        <p class="lead" data-testid="outcome">{outcome}</p>
        <dl class="summary-list">
            {rows.map(|(k, v)| view! {
                <div class="summary-list__row">
                    <dt class="summary-list__key">{k}</dt>
                    <dd class="summary-list__value">{v}</dd>
                </div>
            }).collect_view()}
        </dl>
        {just_submitted.then(|| view! {
            <h2 class="heading-m">{tr("confirmation-next-title")}</h2>
            <p>{tr("confirmation-next-text")}</p>
        })}
        <p class="button-group">
            <a class="button button--secondary" href=format!("/api/v1/filings/{}/receipt", f.id) rel="external" data-testid="print-receipt">{tr("filing-print-receipt")}</a>
            <a href="/filings">{tr("filings-link")}</a>
        </p>
        {is_current.then(|| view! {
            <form method="post" action=format!("/filings/{}/correct", f.id)>
                <h2 class="heading-m">{tr("correct-title")}</h2>
                <p>{tr("correct-text")}</p>
                <button type="submit" class="button button--warning">{tr("correct-button")}</button>
            </form>
        })}
        <h2 class="heading-m">{tr("filing-explanation-title")}</h2>
        <StoredLines result=filing.result.clone()/>
        <super::indicators::StoredExplanations list=filing.explanations.clone()/>
        <h2 class="heading-m">{tr("filing-history-title")}</h2>
        <ul class="list" data-testid="events">
            {filing.events.iter().map(|e| {
                let key = format!("event-{}", e.kind);
                view! { <li>{e.at.replace('T', " ").replace('Z', " UTC")}" — "{tr(&key)}{e.receipt_number.clone().map(|n| format!(" ({n})"))}</li> }
            }).collect_view()}
        </ul>
    }
}

/// A lazy route: this page's code (and the server-function client) loads with the page.
#[derive(Clone, Copy, Debug)]
pub struct FilingDetailRoute;

#[lazy_route]
impl LazyRoute for FilingDetailRoute {
    fn data() -> Self {
        FilingDetailRoute
    }

    fn view(this: Self) -> AnyView {
        let _ = this;
        view! { <FilingDetailPage/> }.into_any()
    }
}
