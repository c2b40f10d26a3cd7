use leptos::prelude::*;

/// A labelled text input with an optional hint and inline error, tied together with
/// `aria-describedby` (GOV.UK text input).
#[component]
pub fn TextField(
    id: &'static str,
    label: String,
    #[prop(optional)] hint: Option<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional)] value: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] on_change: Option<Callback<String>>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let has_hint = hint.is_some();
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
            <label class="label" for=id>{label}</label>
            {hint.map(|h| view! { <div class="hint" id=hint_id.clone()>{h}</div> })}
            {move || error.get().map(|e| view! { <p class="error-message" id=error_id.clone()>{e}</p> })}
            <input class="input" class:input--error=move || error.with(Option::is_some)
                type=kind id=id name=id value=value autocomplete=autocomplete spellcheck="false"
                aria-describedby=described aria-invalid=move || error.with(Option::is_some).then_some("true")
                on:change=move |ev| { if let Some(cb) = on_change { cb.run(event_target_value(&ev)); } }/>
        </div>
    }
}
