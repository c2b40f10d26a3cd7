//! One question of a calculator form: label, hint, inline error, input.
use banshui_engine::filing::interview::{
    fields::{Field, Input},
    form::Values,
};
use leptos::prelude::*;

use super::dom_id;
use crate::i18n::tr;

/// Renders `field`; every change is written to `values`. `error` is the field's message, if any.
#[component]
pub fn FieldView(
    field: Field,
    values: RwSignal<Values>,
    touched: RwSignal<bool>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let id = dom_id(field.path);
    let initial = values.with_untracked(|v| v.get(field.path).cloned().unwrap_or_default());
    let set = move |value: String| {
        values.update(|v| {
            v.insert(field.path.to_string(), value);
        });
        touched.set(true);
    };
    // Text typed before the page hydrated is in the input but not yet in `values`: read it once.
    let input_ref = NodeRef::<leptos::html::Input>::new();
    {
        let initial = initial.clone();
        Effect::new(move |_| {
            if let Some(el) = input_ref.get() {
                let typed = el.value();
                if typed != initial {
                    set(typed);
                }
            }
        });
    }
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if field.hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let hint = field
        .hint
        .map(|h| view! { <div class="hint" id=hint_id.clone()>{tr(h)}</div> });
    let error_view = move || {
        error
            .get()
            .map(|e| view! { <p class="error-message" id=error_id.clone()>{e}</p> })
    };
    let group_class = move || {
        if error.with(Option::is_some) {
            "form-group form-group--error"
        } else {
            "form-group"
        }
    };

    match field.input {
        Input::Money => view! {
            <div class=group_class>
                <label class="label" for=id.clone()>{tr(field.label)}</label>
                {hint}
                {error_view}
                <input class="input input--money" class:input--error=move || error.with(Option::is_some)
                    type="text" inputmode="decimal" autocomplete="off" spellcheck="false"
                    id=id.clone() name=field.path value=initial node_ref=input_ref
                    aria-describedby=described aria-invalid=move || error.with(Option::is_some).then_some("true")
                    on:input=move |ev| set(event_target_value(&ev))/>
            </div>
        }
        .into_any(),
        Input::Select(options) => view! {
            <div class=group_class>
                <label class="label" for=id.clone()>{tr(field.label)}</label>
                {hint}
                {error_view}
                <select class="select" id=id.clone() name=field.path aria-describedby=described
                    on:change=move |ev| set(event_target_value(&ev))>
                    {options.iter().map(|(value, label)| {
                        let selected = initial == *value;
                        // Years and numbers are shown as they are; other labels are message keys.
                        let text = if label.contains('-') { tr(label) } else { label.to_string() };
                        view! { <option value=*value selected=selected>{text}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
        .into_any(),
        Input::Radios(options) => radios(field, &id, initial, options.iter().map(|(v, k)| (*v, tr(k))).collect(), set, hint, described),
        Input::YesNo(_) => radios(field, &id, initial, vec![("true", tr("answer-yes")), ("false", tr("answer-no"))], set, hint, described),
    }
}

fn radios<H: IntoView + 'static, D: Fn() -> Option<String> + Send + Sync + 'static>(
    field: Field,
    id: &str,
    initial: String,
    options: Vec<(&'static str, String)>,
    set: impl Fn(String) + Copy + Send + Sync + 'static,
    hint: H,
    described: D,
) -> AnyView {
    let legend_id = format!("{id}-legend");
    view! {
        <div class="form-group">
            <fieldset class="fieldset" aria-describedby=described>
                <legend class="fieldset__legend" id=legend_id>{tr(field.label)}</legend>
                {hint}
                <div class="radios">
                    {options.into_iter().enumerate().map(|(i, (value, label))| {
                        // The first radio carries the field's id, so error links land on it.
                        let rid = if i == 0 { id.to_string() } else { format!("{id}-{i}") };
                        let checked = initial == value;
                        view! {
                            <div class="radios__item">
                                <input type="radio" id=rid.clone() name=field.path value=value checked=checked
                                    on:change=move |_| set(value.to_string())/>
                                <label for=rid>{label}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        </div>
    }
    .into_any()
}
