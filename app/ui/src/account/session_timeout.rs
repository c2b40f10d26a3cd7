use leptos::prelude::*;

use crate::i18n::tr;

/// Seconds before the idle timeout at which the warning appears (two minutes, or half the
/// timeout when that is shorter, as in tests).
pub fn warn_before(idle_seconds: i64) -> i64 {
    120.min(idle_seconds / 2)
}

/// The idle-timeout warning: a modal dialog that appears before the session ends and offers
/// to stay signed in (one request to the server renews the session) or to sign out now.
/// Nothing of this exists without JavaScript (the server still ends idle sessions).
#[component]
pub fn SessionTimeout(idle_seconds: i64) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    // Timers from before a renewal must not fire: each schedule has a generation.
    let generation = StoredValue::new(0u32);
    let schedule = move |idle: i64| {
        let mine = generation.get_value().wrapping_add(1);
        generation.set_value(mine);
        #[cfg(feature = "hydrate")]
        {
            use std::time::Duration;
            let warn_at = (idle - warn_before(idle)).max(0) as u64;
            set_timeout(
                move || {
                    if generation.get_value() == mine {
                        if let Some(d) = dialog.get_untracked() {
                            let _ = d.show_modal();
                        }
                    }
                },
                Duration::from_secs(warn_at),
            );
            set_timeout(
                move || {
                    if generation.get_value() == mine {
                        // End the session on the server too, then say why on the sign-in page.
                        leptos::task::spawn_local(async move {
                            crate::portal::session::end().await;
                            if let Some(w) = web_sys::window() {
                                let _ = w.location().set_href("/sign-in?timeout=1");
                            }
                        });
                    }
                },
                Duration::from_secs(idle.max(1) as u64),
            );
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (idle, mine, dialog);
    };
    Effect::new(move |_| schedule(idle_seconds));
    let stay = move |_| {
        leptos::task::spawn_local(async move {
            if let Some(idle) = crate::portal::session::renew().await {
                if let Some(d) = dialog.get_untracked() {
                    d.close();
                }
                schedule(idle);
            } else {
                // The session is gone: say so on the sign-in page.
                #[cfg(feature = "hydrate")]
                if let Some(w) = web_sys::window() {
                    let _ = w.location().set_href("/sign-in?timeout=1");
                }
            }
        });
    };
    let minutes = (warn_before(idle_seconds) + 59) / 60;
    view! {
        <dialog node_ref=dialog class="timeout-dialog" aria-labelledby="timeout-title" aria-describedby="timeout-text" data-testid="timeout-dialog">
            <h2 class="heading-m" id="timeout-title">{tr("timeout-title")}</h2>
            <p id="timeout-text">{crate::i18n::t_args(crate::i18n::use_lang(), "timeout-text", &[("minutes", minutes.to_string())])}</p>
            <div class="button-group">
                <button type="button" class="button" autofocus on:click=stay>{tr("timeout-stay")}</button>
                <form method="post" action="/sign-out">
                    <button type="submit" class="button button--secondary">{tr("timeout-sign-out")}</button>
                </form>
            </div>
        </dialog>
    }
}
