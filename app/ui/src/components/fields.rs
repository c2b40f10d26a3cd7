//! Form controls besides the text input: a multi-line text area and a select, each with its
//! label, hint and error tied to the control (GOV.UK patterns).
use leptos::prelude::*;

fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("{id}-hint"));
    }
    if error {
        ids.push(format!("{id}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

#[component]
pub fn TextArea(
    id: &'static str,
    label: String,
    #[prop(optional)] hint: Option<String>,
    #[prop(default = None)] error: Option<String>,
    #[prop(optional)] value: String,
    #[prop(default = 5)] rows: u32,
    #[prop(optional)] lang: Option<&'static str>,
) -> impl IntoView {
    let described = described_by(id, hint.is_some(), error.is_some());
    let invalid = error.is_some();
    view! {
        <div class="form-group" class:form-group--error=invalid>
            <label class="label" for=id>{label}</label>
            {hint.map(|h| view! { <div class="hint" id=format!("{id}-hint")>{h}</div> })}
            {error.map(|e| view! { <p class="error-message" id=format!("{id}-error")>{e}</p> })}
            <textarea class="textarea" class:input--error=invalid id=id name=id rows=rows lang=lang
                aria-describedby=described aria-invalid=invalid.then_some("true")>{value}</textarea>
        </div>
    }
}

#[component]
pub fn SelectField(
    id: &'static str,
    label: String,
    /// (value, text)
    options: Vec<(String, String)>,
    #[prop(optional)] selected: String,
    #[prop(optional)] hint: Option<String>,
    #[prop(default = None)] error: Option<String>,
) -> impl IntoView {
    let described = described_by(id, hint.is_some(), error.is_some());
    let invalid = error.is_some();
    view! {
        <div class="form-group" class:form-group--error=invalid>
            <label class="label" for=id>{label}</label>
            {hint.map(|h| view! { <div class="hint" id=format!("{id}-hint")>{h}</div> })}
            {error.map(|e| view! { <p class="error-message" id=format!("{id}-error")>{e}</p> })}
            <select class="select" id=id name=id aria-describedby=described aria-invalid=invalid.then_some("true")>
                {options.into_iter().map(|(v, text)| {
                    let chosen = v == selected;
                    view! { <option value=v selected=chosen>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
