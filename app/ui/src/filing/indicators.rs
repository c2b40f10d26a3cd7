//! The check page's risk indicators (VAT and CIT returns): what a tax office's analysis would
//! look at in this return, against the taxpayer's previous filing of the same kind, with a
//! 合理性说明 box for every flagged one. The boxes belong to the submit form.
use banshui_engine::{
    calculation::{Calculation, Kind},
    self_check::{figures_of, for_return, Figures, Filed, Indicator, Status},
};
use leptos::prelude::*;

use crate::{
    i18n::{t_args, tr, Lang},
    portal::DraftPage,
    self_check::{name_key, render_text, shown, status_view},
};

/// Longest 合理性说明 the server accepts (characters).
pub const EXPLANATION_MAX_CHARS: u32 = 2000;

/// The indicators of a computed return, its previous filings as the base period.
pub fn of_return(kind: Kind, draft: &DraftPage, calc: &Calculation) -> Vec<Indicator> {
    let previous: Vec<Filed<'_>> = draft
        .previous
        .iter()
        .filter_map(|(period, figures)| {
            figures.as_object().map(|result| Filed {
                period: period.as_str(),
                result,
            })
        })
        .collect();
    let current = Filed {
        period: &draft.period,
        result: &calc.result,
    };
    for_return(kind, &current, &previous, &|_| None)
}

/// The self-check page with this return's figures (and the base period's) filled in, where the
/// industry benchmarks can be chosen.
fn self_check_href(kind: Kind, draft: &DraftPage, calc: &Calculation) -> String {
    let mut query = Vec::new();
    let mut add = |prefix: &str, f: &Figures| {
        let money = [
            ("revenue", f.revenue),
            ("vat_payable", f.vat_payable),
            ("total_profit", f.total_profit),
            ("cit_payable", f.cit_payable),
        ];
        for (name, m) in money.into_iter().filter(|(_, m)| !m.is_zero()) {
            query.push(format!("{prefix}.{name}={m}"));
        }
    };
    add("current", &figures_of(kind, &calc.result));
    if let Some(base) = draft.previous.first().and_then(|(_, v)| v.as_object()) {
        add("base", &figures_of(kind, base));
    }
    format!("/self-check?{}", query.join("&"))
}

#[component]
pub fn ReturnIndicators(
    kind: Kind,
    draft: DraftPage,
    calc: Calculation,
    lang: Lang,
) -> impl IntoView {
    let list = of_return(kind, &draft, &calc);
    if list.is_empty() {
        return ().into_any();
    }
    let href = self_check_href(kind, &draft, &calc);
    let base_note = draft.previous.first().map_or_else(
        || tr("return-indicators-no-base"),
        |(period, _)| {
            t_args(
                lang,
                "return-indicators-base",
                &[("period", period.clone())],
            )
        },
    );
    let flagged = list.iter().filter(|i| i.status != Status::Ok).count();
    let kept = draft.explanations.clone();
    view! {
        <section aria-labelledby="return-indicators-title" data-testid="return-indicators">
            <h2 class="heading-m" id="return-indicators-title">{tr("return-indicators-title")}</h2>
            <p>{tr("return-indicators-intro")}" "{base_note}</p>
            {(flagged > 0).then(|| view! { <p>{tr("return-indicators-explain")}</p> })}
            <ol class="indicators">
                {list.into_iter().map(|i| {
                    let (class, key) = status_view(i.status);
                    let code = i.code;
                    let id = format!("explanation-{}", code.replace('_', "-"));
                    let value = kept.iter().find(|(c, _)| c == code).map(|(_, t)| t.clone()).unwrap_or_default();
                    let name = tr(&name_key(code));
                    let label = t_args(lang, "return-indicators-explanation-label", &[("indicator", name.clone())]);
                    view! {
                        <li class="indicator" data-code=code data-status=i.status.as_str()>
                            <h3 class="heading-s">{name}" "<strong class=class>{tr(key)}</strong></h3>
                            <p class="indicator__value">{i.value.map(|v| shown(code, v)).unwrap_or_else(|| "—".into())}</p>
                            <p class="indicator__formula"><code>{render_text(lang, &i.formula)}</code></p>
                            <p>{render_text(lang, &i.message)}</p>
                            <ul class="indicator__links">
                                {i.guidance.iter().map(|g| view! { <li><a href=format!("/guidance/{g}") rel="external">{tr(&format!("selfcheck-guidance-{g}"))}</a></li> }).collect_view()}
                            </ul>
                            {(i.status != Status::Ok).then(|| view! {
                                <div class="form-group">
                                    <label class="label" for=id.clone()>{label}</label>
                                    <div class="hint" id=format!("{id}-hint")>{tr("return-indicators-explanation-hint")}</div>
                                    <textarea class="textarea" id=id.clone() name=format!("explanation.{code}") rows="3"
                                        maxlength=EXPLANATION_MAX_CHARS aria-describedby=format!("{id}-hint")>{value}</textarea>
                                </div>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
            <p><a href=href rel="external">{tr("return-indicators-compare")}</a></p>
        </section>
    }
    .into_any()
}

/// The explanations stored with a filing, on its detail page and receipt.
#[component]
pub fn StoredExplanations(list: Vec<(String, String)>) -> impl IntoView {
    (!list.is_empty()).then(|| {
        view! {
            <h2 class="heading-m" id="explanations-title">{tr("receipt-explanations-title")}</h2>
            <dl class="summary-list" data-testid="explanations" aria-labelledby="explanations-title">
                {list.into_iter().map(|(code, text)| view! {
                    <div class="summary-list__row">
                        <dt class="summary-list__key">{tr(&name_key(&code))}</dt>
                        <dd class="summary-list__value explanation-text">{text}</dd>
                    </div>
                }).collect_view()}
            </dl>
        }
    })
}
