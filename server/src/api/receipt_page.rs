//! The printable receipt (`GET /api/v1/filings/{id}/receipt`): one standalone HTML document
//! with its own print stylesheet, every value escaped, in the reader's language.
use banshui_i18n::{t, Lang};
use serde_json::Value;

use crate::filings::{store::render_result, FilingRow};

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn row(label: &str, value: &str) -> String {
    format!(
        "<div class=\"row\"><dt>{}</dt><dd>{}</dd></div>",
        escape(label),
        escape(value)
    )
}

pub fn render(filing: &FilingRow, superseded_by: Option<&str>, lang: Lang) -> String {
    let kind_name = t(lang, &format!("calc-{}-title", filing.kind.slug()));
    let mut rows = vec![
        row(
            &t(lang, "receipt-number"),
            &filing.receipt_number.to_string(),
        ),
        row(&t(lang, "receipt-taxpayer"), &filing.taxpayer_id),
        row(&t(lang, "receipt-kind"), &kind_name),
        row(&t(lang, "receipt-period"), &filing.period.to_string()),
        row(&t(lang, "receipt-submitted"), &filing.submitted_at),
        row(
            &t(lang, "receipt-amount-due"),
            &filing.amount_due.to_string(),
        ),
        row(
            &t(lang, "receipt-refund-due"),
            &filing.refund_due.to_string(),
        ),
        row(&t(lang, "receipt-deadline"), &filing.payment_deadline),
    ];
    if let Some(reference) = filing.payment_reference() {
        rows.push(row(&t(lang, "receipt-payment-reference"), &reference));
    }
    rows.push(row(&t(lang, "receipt-sha256"), &filing.content_sha256));
    rows.push(row(&t(lang, "receipt-engine"), &filing.engine_version));
    let result = render_result(&filing.stored_result(), lang);
    let lines: String = result
        .get("lines")
        .and_then(Value::as_array)
        .map(|lines| {
            lines
                .iter()
                .map(|l| {
                    let s = |k: &str| l.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                    format!(
                        "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td>{}</td></tr>",
                        escape(&s("label")),
                        escape(&s("amount")),
                        escape(&s("basis"))
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let explanations: String = filing
        .explanation_pairs()
        .iter()
        .map(|(code, text)| {
            row(
                &t(lang, &format!("indicator-{}-name", code.replace('_', "-"))),
                text,
            )
        })
        .collect();
    let explanations = if explanations.is_empty() {
        String::new()
    } else {
        format!(
            "<h2>{}</h2><dl class=\"explanations\">{explanations}</dl>",
            escape(&t(lang, "receipt-explanations-title"))
        )
    };
    let status = match superseded_by {
        Some(_) => format!(
            "<p class=\"superseded\"><strong>{}</strong></p>",
            escape(&t(lang, "receipt-superseded"))
        ),
        None => String::new(),
    };
    format!(
        "<!DOCTYPE html><html lang=\"{lang_tag}\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{title} {number}</title><link rel=\"stylesheet\" href=\"/receipt.css\"></head>\
<body><main><h1>{title}</h1>{status}<dl>{rows}</dl>\
<h2>{lines_title}</h2><table><thead><tr><th scope=\"col\">{col_line}</th><th scope=\"col\" class=\"num\">{col_amount}</th><th scope=\"col\">{col_basis}</th></tr></thead><tbody>{lines}</tbody></table>\
{explanations}<p class=\"note\">{note}</p></main></body></html>",
        lang_tag = lang.code(),
        title = escape(&t(lang, "receipt-title")),
        number = escape(&filing.receipt_number.to_string()),
        rows = rows.concat(),
        lines_title = escape(&t(lang, "receipt-lines-title")),
        col_line = escape(&t(lang, "receipt-col-line")),
        col_amount = escape(&t(lang, "receipt-col-amount")),
        col_basis = escape(&t(lang, "receipt-col-basis")),
        note = escape(&t(lang, "receipt-note")),
    )
}
