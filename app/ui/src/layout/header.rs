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
                            view! {
                                <li>
                                    <a href=href class="header__nav-link" aria-current=current>{tr(key)}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
        </header>
    }
}
