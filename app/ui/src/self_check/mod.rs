//! 申报前自查: a business types its figures and sees, as it types, what a tax office's risk
//! analysis would flag — computed by the same engine as the API, against the industry
//! benchmarks staff maintain. Without JavaScript the form is sent and the server renders the
//! same results.
mod chart;
mod extras;

use banshui_engine::self_check::{
    check, has_inputs, Benchmark, Indicator, Request, Status, TaxpayerType,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{hooks::use_query_map, lazy_route, LazyRoute};
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

use crate::{
    account::decode_errors,
    components::{ErrorSummary, FieldProblem},
    i18n::{t_args, tr, use_lang},
    portal::{load_benchmarks, load_self_checks, BenchmarkRow},
    Lang,
};

const MONEY_FIELDS: [&str; 12] = [
    "revenue",
    "cost_of_sales",
    "operating_expenses",
    "total_profit",
    "taxable_income",
    "vat_payable",
    "output_vat",
    "input_vat",
    "inventory_open",
    "inventory_close",
    "invoiced_sales",
    "cit_payable",
];
const COUNT_FIELDS: [&str; 2] = ["zero_filing_months", "loss_years"];
const BASE_FIELDS: [&str; 5] = [
    "revenue",
    "vat_payable",
    "output_vat",
    "input_vat",
    "cit_payable",
];

fn label_key(field: &str) -> &'static str {
    match field {
        "revenue" => "selfcheck-revenue",
        "cost_of_sales" => "selfcheck-cost-of-sales",
        "operating_expenses" => "selfcheck-operating-expenses",
        "total_profit" => "selfcheck-total-profit",
        "taxable_income" => "selfcheck-taxable-income",
        "vat_payable" => "selfcheck-vat-payable",
        "output_vat" => "selfcheck-output-vat",
        "input_vat" => "selfcheck-input-vat",
        "inventory_open" => "selfcheck-inventory-open",
        "inventory_close" => "selfcheck-inventory-close",
        "invoiced_sales" => "selfcheck-invoiced-sales",
        "cit_payable" => "selfcheck-cit-payable",
        "zero_filing_months" => "selfcheck-zero-filing-months",
        _ => "selfcheck-loss-years",
    }
}

pub(crate) fn name_key(code: &str) -> String {
    format!("indicator-{}-name", code.replace('_', "-"))
}

fn benchmark_of(row: &BenchmarkRow) -> Benchmark {
    let d = |s: &Option<String>| s.as_deref().and_then(|s| s.parse::<Decimal>().ok());
    Benchmark {
        low: d(&row.low),
        high: d(&row.high),
        average: d(&row.average),
        source: row.source.clone(),
        taxpayer_type: row.taxpayer_type.as_deref().and_then(TaxpayerType::parse),
    }
}

/// Ratios shown as percentages; counts and money as they are.
pub fn shown(code: &str, v: Decimal) -> String {
    match code {
        "vat_elasticity" | "inventory_turnover" => format!("{:.2}", v),
        "zero_filing_streak" | "loss_streak" => v.to_string(),
        "small_low_profit_cliff" => crate::components::format::group_thousands(&format!("{v:.2}")),
        _ => format!("{:.2}%", v * Decimal::ONE_HUNDRED),
    }
}

pub(crate) fn status_view(status: Status) -> (&'static str, &'static str) {
    match status {
        Status::Ok => ("tag tag--green", "selfcheck-status-ok"),
        Status::Attention => ("tag tag--yellow", "selfcheck-status-attention"),
        Status::High => ("tag tag--red", "selfcheck-status-high"),
    }
}

/// The request the engine reads, from what is typed (empty fields are left out).
fn request_json(values: &Map<String, Value>) -> Value {
    let group = |prefix: &str, fields: &[&str]| {
        let mut m = Map::new();
        for f in fields {
            if let Some(v) = values
                .get(&format!("{prefix}.{f}"))
                .and_then(Value::as_str)
                .filter(|v| !v.trim().is_empty())
            {
                m.insert((*f).to_string(), json!(v));
            }
        }
        m
    };
    let mut current_fields: Vec<&str> = MONEY_FIELDS.to_vec();
    current_fields.extend(COUNT_FIELDS);
    let base = group("base", &BASE_FIELDS);
    let mut request = json!({
        "industry": values.get("industry").and_then(Value::as_str).unwrap_or_default(),
        "current": group("current", &current_fields),
        "base": if base.is_empty() { Value::Null } else { Value::Object(base) },
    });
    if let Some(t) = taxpayer_type_of(values) {
        request["taxpayer_type"] = json!(t);
    }
    request
}

/// The taxpayer type chosen (`general`, `small_scale`, or something else to be refused), if any.
fn taxpayer_type_of(values: &Map<String, Value>) -> Option<String> {
    values
        .get("taxpayer_type")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

pub(crate) fn taxpayer_type_key(t: TaxpayerType) -> &'static str {
    match t {
        TaxpayerType::General => "selfcheck-taxpayer-type-general",
        TaxpayerType::SmallScale => "selfcheck-taxpayer-type-small-scale",
    }
}

/// 一般纳税人 or 小规模纳税人, as radios (none chosen until the business says; not chosen is
/// taken as general, which the hint says).
#[component]
fn TaxpayerTypeField(
    values: RwSignal<Map<String, Value>>,
    touched: RwSignal<bool>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let chosen = values.with_untracked(taxpayer_type_of);
    let described = move || {
        if error.get().is_some() {
            "taxpayer_type-hint taxpayer_type-error"
        } else {
            "taxpayer_type-hint"
        }
    };
    view! {
        <div class="form-group" class:form-group--error=move || error.get().is_some()>
            <fieldset class="fieldset" aria-describedby=described>
                <legend class="fieldset__legend">{tr("selfcheck-taxpayer-type")}</legend>
                <div class="hint" id="taxpayer_type-hint">{tr("selfcheck-taxpayer-type-hint")}</div>
                {move || error.get().map(|e| view! { <p class="error-message" id="taxpayer_type-error">{e}</p> })}
                <div class="radios">
                    {TaxpayerType::ALL.into_iter().enumerate().map(|(i, t)| {
                        let id = if i == 0 { "taxpayer_type".to_string() } else { format!("taxpayer_type-{i}") };
                        let checked = chosen.as_deref() == Some(t.as_str());
                        view! {
                            <div class="radios__item">
                                <input type="radio" id=id.clone() name="taxpayer_type" value=t.as_str() checked=checked
                                    on:change=move |_| { touched.set(true); values.update(|m| { m.insert("taxpayer_type".into(), json!(t.as_str())); }); }/>
                                <label for=id>{tr(taxpayer_type_key(t))}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        </div>
    }
}

pub(crate) fn render_text(lang: Lang, t: &banshui_engine::self_check::Text) -> String {
    let args: Vec<(&str, String)> = t.args.iter().map(|(k, v)| (*k, v.clone())).collect();
    t_args(lang, &t.key, &args)
}

#[component]
pub fn SelfCheckPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let initial: Map<String, Value> = query.with_untracked(|q| {
        let mut m = Map::new();
        let mut names = vec!["industry".to_string(), "taxpayer_type".to_string()];
        names.extend(
            MONEY_FIELDS
                .iter()
                .chain(COUNT_FIELDS.iter())
                .map(|f| format!("current.{f}")),
        );
        names.extend(BASE_FIELDS.iter().map(|f| format!("base.{f}")));
        for n in names {
            if let Some(v) = q.get(&n) {
                m.insert(n, json!(v));
            }
        }
        m
    });
    let submitted = !initial.is_empty();
    let (csv_raw, saved_now, imported, unsaved) = query.with_untracked(|q| {
        (
            q.get("csv_errors"),
            q.get("saved").is_some(),
            q.get("imported").is_some(),
            q.get("unsaved").is_some(),
        )
    });
    let csv_errors = extras::csv_problems(lang, csv_raw);
    let saved = Resource::new_blocking(|| (), |_| load_self_checks());
    let mut printed = initial.clone();
    // The type as words, not its code.
    if let Some(t) = taxpayer_type_of(&initial)
        .as_deref()
        .and_then(TaxpayerType::parse)
    {
        printed.insert("taxpayer_type".into(), json!(tr(taxpayer_type_key(t))));
    }
    let printed_labels: Vec<(String, String)> = [
        ("industry".to_string(), tr("selfcheck-industry")),
        ("taxpayer_type".to_string(), tr("selfcheck-taxpayer-type")),
    ]
    .into_iter()
    .chain(MONEY_FIELDS.iter().chain(COUNT_FIELDS.iter()).map(|f| {
        (
            format!("current.{f}"),
            format!("{} — {}", tr("selfcheck-current"), tr(label_key(f))),
        )
    }))
    .chain(BASE_FIELDS.iter().map(|f| {
        (
            format!("base.{f}"),
            format!("{} — {}", tr("selfcheck-base"), tr(label_key(f))),
        )
    }))
    .collect();
    let values = RwSignal::new(initial);
    let industry = Memo::new(move |_| {
        values.with(|v| {
            v.get("industry")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .trim()
                .to_uppercase()
        })
    });
    let taxpayer_type = Memo::new(move |_| values.with(taxpayer_type_of).unwrap_or_default());
    let benchmarks = Resource::new_blocking(
        move || (industry.get(), taxpayer_type.get()),
        |(industry, taxpayer_type)| load_benchmarks(industry, taxpayer_type),
    );
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    // Problems are shown once the form was sent or something was typed.
    let touched = RwSignal::new(submitted);
    let parsed = Memo::new(move |_| Request::parse(&values.with(request_json)));
    let csv_listed = csv_errors.clone();
    // The file's problems first, then those of the figures on the page.
    let problems = Signal::derive(move || {
        let typed: Vec<FieldProblem> = match parsed.get() {
            Err(errors) if touched.get() => errors
                .iter()
                .map(|e| {
                    let message = decode_errors(
                        lang,
                        &format!(
                            "{}:{}:{}",
                            e.field,
                            e.code.as_str(),
                            e.limit.clone().unwrap_or_default()
                        ),
                    )
                    .into_iter()
                    .next()
                    .map(|(_, m)| m)
                    .unwrap_or_default();
                    FieldProblem {
                        dom_id: e.field.replace('.', "-"),
                        message,
                    }
                })
                .collect(),
            _ => Vec::new(),
        };
        csv_listed.iter().cloned().chain(typed).collect::<Vec<_>>()
    });
    let field = move |name: String, label: String, hint: Option<String>| {
        let id = name.replace('.', "-");
        let value = values.with_untracked(|v| {
            v.get(&name)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        });
        let error = {
            let id = id.clone();
            move || problems.with(|p| p.iter().find(|x| x.dom_id == id).map(|x| x.message.clone()))
        };
        let has_error = {
            let error = error.clone();
            move || error().is_some()
        };
        let hint_id = format!("{id}-hint");
        let error_id = format!("{id}-error");
        let described = {
            let (hint_id, error_id, has_hint) = (hint_id.clone(), error_id.clone(), hint.is_some());
            let has_error = has_error.clone();
            move || {
                let mut ids = Vec::new();
                if has_hint {
                    ids.push(hint_id.clone());
                }
                if has_error() {
                    ids.push(error_id.clone());
                }
                (!ids.is_empty()).then(|| ids.join(" "))
            }
        };
        let key = name.clone();
        view! {
            <div class="form-group" class:form-group--error=has_error.clone()>
                <label class="label" for=id.clone()>{label}</label>
                {hint.map(|h| view! { <div class="hint" id=hint_id.clone()>{h}</div> })}
                {move || error().map(|e| view! { <p class="error-message" id=error_id.clone()>{e}</p> })}
                <input class="input input--width-10" type="text" inputmode="decimal" id=id name=name value=value
                    aria-describedby=described spellcheck="false" autocomplete="off"
                    on:input=move |ev| { let v = event_target_value(&ev); touched.set(true); values.update(|m| { m.insert(key.clone(), json!(v)); }); }/>
            </div>
        }
    };
    let current_fields = MONEY_FIELDS
        .iter()
        .chain(COUNT_FIELDS.iter())
        .map(|f| {
            let hint = (*f == "taxable_income").then(|| tr("selfcheck-taxable-income-hint"));
            field(format!("current.{f}"), tr(label_key(f)), hint)
        })
        .collect_view();
    let type_error = Signal::derive(move || {
        problems.with(|p| {
            p.iter()
                .find(|x| x.dom_id == "taxpayer_type")
                .map(|x| x.message.clone())
        })
    });
    let base_fields = BASE_FIELDS
        .iter()
        .map(|f| field(format!("base.{f}"), tr(label_key(f)), None))
        .collect_view();
    let industry_field = field(
        "industry".into(),
        tr("selfcheck-industry"),
        Some(tr("selfcheck-industry-hint")),
    );
    let form = view! {
            <form method="get" action="/self-check" novalidate class="selfcheck__form">
                {industry_field}
                <TaxpayerTypeField values touched error=type_error/>
                <fieldset class="fieldset">
                    <legend class="heading-m">{tr("selfcheck-current")}</legend>
                    {current_fields}
                </fieldset>
                <fieldset class="fieldset">
                    <legend class="heading-m">{tr("selfcheck-base")}</legend>
                    <p class="hint">{tr("selfcheck-base-hint")}</p>
                    {base_fields}
                </fieldset>
                <div class="button-group">
                    <button type="submit" class="button" data-testid="selfcheck-submit">{tr("selfcheck-submit")}</button>
                    <Show when=move || hydrated.get()><extras::PrintButton/></Show>
                </div>
                <Suspense fallback=|| ()>
                    {move || saved.get().map(|list| view! { <extras::SaveControls signed_in=matches!(list, Ok(Some(_)))/> })}
                </Suspense>
                <extras::CsvImport errors=csv_errors.clone()/>
            </form>
    }
    .into_any();
    let results = view! {
            <section class="selfcheck__results" aria-labelledby="results-title" aria-live="polite">
                <h2 class="heading-l" id="results-title">{tr("selfcheck-results")}</h2>
                <p class="hint">{tr("selfcheck-indicative-note")}</p>
                {saved_now.then(|| view! {
                    <div class="notification-banner notification-banner--success no-print" role="status" data-testid="saved-banner">
                        <p>{tr("selfcheck-saved-done")}" "<a href="#saved" rel="external">{tr("selfcheck-saved-title")}</a></p>
                    </div>
                })}
                {imported.then(|| view! {
                    <div class="notification-banner notification-banner--success no-print" role="status" data-testid="imported-banner">
                        <p>{tr("selfcheck-csv-done")}</p>
                    </div>
                })}
                {unsaved.then(|| view! { <p class="error-message no-print">{tr("selfcheck-save-failed")}</p> })}
                <extras::PrintedFigures values=printed labels=printed_labels/>
                <Suspense fallback=|| ()>
                    {move || benchmarks.get().map(|rows| {
                        let found: Vec<(String, Benchmark)> = rows.unwrap_or_default().iter().map(|r| (r.indicator.clone(), benchmark_of(r))).collect();
                        parsed.get().ok().map(|req| {
                            let filled = |f: &str| values.with(|v| v.get(f).and_then(Value::as_str).is_some_and(|t| !t.trim().is_empty()));
                            let (list, waiting): (Vec<Indicator>, Vec<Indicator>) = check(&req, &|code| found.iter().find(|(c, _)| c == code).map(|(_, b)| b.clone()))
                                .into_iter()
                                .partition(|i| has_inputs(i.code, &filled));
                            let waiting: Vec<String> = waiting.iter().map(|i| tr(&name_key(i.code))).collect();
                            view! {
                                <Results list lang/>
                                {(!waiting.is_empty()).then(|| view! {
                                    <p class="hint" data-testid="indicators-waiting">{t_args(lang, "selfcheck-waiting", &[("indicators", waiting.join(tr("list-separator").as_str()))])}</p>
                                })}
                            }
                        })
                    })}
                </Suspense>
            </section>
    }
    .into_any();
    view! {
        <Title text=tr("section-self-check-title")/>
        <ErrorSummary problems=problems focus_on_load=submitted/>
        <h1 class="heading-xl">{tr("section-self-check-title")}</h1>
        <p class="lead">{tr("selfcheck-lead")}</p>
        <div class="calculator selfcheck" data-hydrated=move || hydrated.get().then_some("true")>
            {form}
            {results}
        </div>
        <Suspense fallback=|| ()>
            {move || saved.get().and_then(|r| r.ok().flatten()).map(|list| view! { <extras::SavedList list lang/> })}
        </Suspense>
    }
}

#[component]
fn Results(list: Vec<Indicator>, lang: Lang) -> impl IntoView {
    view! {
        <ol class="indicators" data-testid="indicators">
            {list.into_iter().map(|i| {
                let (class, key) = status_view(i.status);
                let code = i.code;
                view! {
                    <li class="indicator" data-code=code data-status=i.status.as_str()>
                        <h3 class="heading-s">{tr(&name_key(code))}" "<strong class=class>{tr(key)}</strong></h3>
                        <p class="indicator__value">{i.value.map(|v| shown(code, v)).unwrap_or_else(|| "—".into())}</p>
                        <p class="indicator__formula"><code>{render_text(lang, &i.formula)}</code></p>
                        <p>{render_text(lang, &i.message)}</p>
                        {i.benchmark.clone().zip(i.value).map(|(b, v)| view! { <chart::BandChart code value=v benchmark=b lang/> })}
                        <ul class="indicator__links">
                            {i.guidance.iter().map(|g| view! { <li><a href=format!("/guidance/{g}") rel="external">{tr(&format!("selfcheck-guidance-{g}"))}</a></li> }).collect_view()}
                        </ul>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

#[derive(Clone, Copy, Debug)]
pub struct SelfCheckRoute;

#[lazy_route]
impl LazyRoute for SelfCheckRoute {
    fn data() -> Self {
        SelfCheckRoute
    }

    fn view(this: Self) -> AnyView {
        let _ = this;
        view! { <SelfCheckPage/> }.into_any()
    }
}
