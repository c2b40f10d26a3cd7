use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{lazy_route, LazyRoute};

use super::{kind_title, LoadFailed, SignInPrompt};
use crate::{
    components::format::group_thousands,
    i18n::tr,
    portal::{load_filings, FilingSummary},
};

/// 我的申报: every filing, newest first, corrections and the filings they replaced alike.
#[component]
pub fn FilingsPage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| load_filings());
    view! {
        <Title text=tr("filings-title")/>
        <Suspense fallback=|| ()>
            {move || data.get().map(|r| match r {
                Ok(Some(items)) => view! { <FilingTable items/> }.into_any(),
                Ok(None) => view! { <SignInPrompt next="/filings".to_string()/> }.into_any(),
                Err(_) => view! { <LoadFailed/> }.into_any(),
            })}
        </Suspense>
    }
}

pub fn amount_text(f: &FilingSummary) -> String {
    if f.refund_due != "0.00" {
        format!(
            "{} {}",
            tr("filings-refund"),
            group_thousands(&f.refund_due)
        )
    } else {
        group_thousands(&f.amount_due)
    }
}

#[component]
fn FilingTable(items: Vec<FilingSummary>) -> impl IntoView {
    let empty = items.is_empty();
    view! {
        <h1 class="heading-xl">{tr("filings-title")}</h1>
        {empty.then(|| view! { <p>{tr("filings-none")}</p> })}
        {(!empty).then(|| view! {
            <div class="table-wrapper">
                <table class="table" data-testid="filings">
                    <caption class="visually-hidden">{tr("filings-title")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{tr("receipt-number")}</th>
                            <th scope="col">{tr("receipt-kind")}</th>
                            <th scope="col">{tr("receipt-period")}</th>
                            <th scope="col">{tr("filings-submitted")}</th>
                            <th scope="col" class="num">{tr("filings-amount")}</th>
                            <th scope="col">{tr("filings-status")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {items.into_iter().map(|f| {
                            let superseded = f.status == "superseded";
                            view! {
                                <tr>
                                    <th scope="row"><a href=format!("/filings/{}", f.id) rel="external">{f.receipt_number.clone()}</a></th>
                                    <td>{kind_title(&f.kind)}</td>
                                    <td>{f.period.clone()}</td>
                                    <td>{f.submitted_at.replace('T', " ").replace('Z', " UTC")}</td>
                                    <td class="num">{amount_text(&f)}</td>
                                    <td>
                                        <strong class=if superseded { "tag tag--grey" } else { "tag tag--green" }>
                                            {if superseded { tr("status-superseded") } else if f.supersedes.is_some() { tr("status-corrected") } else { tr("status-filed") }}
                                        </strong>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
        <p><a href="/filing">{tr("section-filing-title")}</a></p>
    }
}

/// A lazy route: this page's code (and the server-function client) loads with the page.
#[derive(Clone, Copy, Debug)]
pub struct FilingsRoute;

#[lazy_route]
impl LazyRoute for FilingsRoute {
    fn data() -> Self {
        FilingsRoute
    }

    fn view(this: Self) -> AnyView {
        let _ = this;
        view! { <FilingsPage/> }.into_any()
    }
}
