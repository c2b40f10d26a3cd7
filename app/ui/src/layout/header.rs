use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::language_switch::LanguageSwitch;
use crate::i18n::tr;

/// The sections of the service, in the order the header lists them.
const NAV: [(&str, &str); 5] = [
    ("/filing", "nav-filing"),
    ("/self-check", "nav-self-check"),
    ("/guidance", "nav-guidance"),
    ("/calculators", "nav-calculators"),
    ("/sign-in", "nav-sign-in"),
];

#[component]
pub fn Header() -> impl IntoView {
    // Without JavaScript the menu is always open; once hydrated, narrow screens fold it
    // behind the menu button. `hydrated` only becomes true in the browser.
    let hydrated = RwSignal::new(false);
    let open = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let location = use_location();
    // Close the menu after navigating.
    Effect::new(move |_| {
        location.pathname.track();
        open.set(false);
    });

    view! {
        <header class="header">
            <div class="header__inner width-container">
                <a href="/" class="header__service">
                    <span class="header__logo" aria-hidden="true">"税"</span>
                    <span class="header__name">{tr("service-name")}</span>
                </a>
                <LanguageSwitch/>
                <button
                    type="button"
                    class="header__menu-button"
                    aria-controls="site-navigation"
                    aria-expanded=move || if open.get() { "true" } else { "false" }
                    hidden=move || !hydrated.get()
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    {tr("nav-menu")}
                </button>
            </div>
            <nav
                id="site-navigation"
                class="header__nav"
                class:header__nav--folded=move || hydrated.get() && !open.get()
                aria-label=tr("nav-label")
            >
                <ul class="header__nav-list width-container">
                    {NAV
                        .into_iter()
                        .map(|(href, key)| {
                            let current = move || {
                                let path = location.pathname.get();
                                (path == href || path.starts_with(&format!("{href}/")))
                                    .then_some("page")
                            };
                            if href == "/sign-in" {
                                return view! { <li><AccountLink current/></li> }.into_any();
                            }
                            view! {
                                <li>
                                    <a href=href class="header__nav-link" aria-current=current>{tr(key)}</a>
                                </li>
                            }
                            .into_any()
                        })
                        .collect_view()}
                </ul>
            </nav>
        </header>
    }
}

/// "Sign in", or for a signed-in taxpayer "My filings" and a sign-out button (a form: signing
/// out changes state, so it is a POST).
#[component]
fn AccountLink<C>(current: C) -> impl IntoView
where
    C: Fn() -> Option<&'static str> + Send + Sync + Copy + 'static,
{
    let signed_in = use_context::<crate::routes::SignedIn>();
    view! {
        <Suspense fallback=move || view! { <a href="/sign-in" class="header__nav-link" aria-current=current>{tr("nav-sign-in")}</a> }>
            {move || {
                let me = signed_in.and_then(|s| s.0.get()).and_then(Result::ok).flatten();
                match me {
                    Some(_) => view! {
                        <a href="/filings" class="header__nav-link">{tr("filings-link")}</a>
                        <a href="/account/security" class="header__nav-link">{tr("security-title")}</a>
                        <form method="post" action="/sign-out" class="header__sign-out">
                            <button type="submit" class="header__nav-link header__nav-button" data-testid="sign-out">{tr("nav-sign-out")}</button>
                        </form>
                    }.into_any(),
                    None => view! { <a href="/sign-in" class="header__nav-link" aria-current=current>{tr("nav-sign-in")}</a> }.into_any(),
                }
            }}
        </Suspense>
    }
}
