use leptos::prelude::*;

use crate::i18n::tr;

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="footer">
            <div class="width-container">
                <p class="footer__scope">{tr("footer-scope")}</p>
                <p class="footer__licence">{tr("footer-licence")}</p>
            </div>
        </footer>
    }
}
