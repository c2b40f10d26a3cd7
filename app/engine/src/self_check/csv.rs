//! The self-check's CSV import: one figure per row, the current period and the base period in
//! their own columns. Errors name the row (as a spreadsheet numbers it), the column and what is
//! wrong; nothing is imported from a file with errors.
//!
//! ```text
//! figure,description,current,base
//! industry,行业代码 Industry code (GB/T 4754-2017),C34,
//! revenue,营业收入 Revenue,10000000.00,9000000.00
//! ```
use rust_decimal::Decimal;

/// Money figures of the current period, and which of them also have a base-period value.
const MONEY: [(&str, bool); 12] = [
    ("revenue", true),
    ("cost_of_sales", false),
    ("operating_expenses", false),
    ("total_profit", false),
    ("vat_payable", true),
    ("output_vat", true),
    ("input_vat", true),
    ("inventory_open", false),
    ("inventory_close", false),
    ("invoiced_sales", false),
    ("cit_payable", true),
    ("taxable_income", false),
];
const COUNTS: [&str; 2] = ["zero_filing_months", "loss_years"];

/// What is wrong with one cell (or the file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvError {
    /// 1-based line of the file (the header is row 1); 0 for the file as a whole.
    pub row: usize,
    /// The column's header name (`current`, `base`, `figure`), empty for the file.
    pub column: String,
    /// `unknown-figure`, `not-a-number`, `negative`, `not-whole`, `no-base-period`,
    /// `duplicate-figure`, `missing-column`, `empty`, `too-many-rows`, `invalid-industry`,
    /// `invalid-taxpayer-type`.
    pub code: &'static str,
    /// The offending text, as found.
    pub value: String,
}

const MAX_ROWS: usize = 200;

/// Splits one CSV line: commas, double-quoted cells (`"1,000"`), `""` for a quote.
fn cells(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if cell.trim().is_empty() => {
                cell.clear();
                quoted = true;
            }
            (',', false) => out.push(std::mem::take(&mut cell)),
            (c, _) => cell.push(c),
        }
    }
    out.push(cell);
    out.into_iter().map(|c| c.trim().to_string()).collect()
}

fn number(text: &str) -> Option<Decimal> {
    let plain: String = text
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' ' | '¥' | '￥'))
        .collect();
    plain.parse::<Decimal>().ok()
}

/// Checks one value cell; `None` when it is fine.
fn problem(figure: &str, text: &str) -> Option<&'static str> {
    let Some(n) = number(text) else {
        return Some("not-a-number");
    };
    if COUNTS.contains(&figure) {
        return (n.fract() != Decimal::ZERO || n.is_sign_negative()).then_some("not-whole");
    }
    (n.is_sign_negative() && figure != "total_profit").then_some("negative")
}

/// Reads a CSV file into the page's field names and values (`industry`, `current.revenue`,
/// `base.vat_payable`, …). Blank cells are left out.
pub fn parse(text: &str) -> Result<Vec<(String, String)>, Vec<CsvError>> {
    let file_error = |code| {
        Err(vec![CsvError {
            row: 0,
            column: String::new(),
            code,
            value: String::new(),
        }])
    };
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((header_at, header)) = lines.next() else {
        return file_error("empty");
    };
    let raw_header = cells(header);
    let header: Vec<String> = raw_header.iter().map(|h| h.to_lowercase()).collect();
    let col = |name: &str| header.iter().position(|h| h == name);
    let (Some(figure_col), Some(current_col)) = (col("figure"), col("current")) else {
        return Err(vec![CsvError {
            row: header_at + 1,
            column: "figure".into(),
            code: "missing-column",
            // As found: lower-casing can lengthen text (İ → i̇).
            value: raw_header.join(","),
        }]);
    };
    let base_col = col("base");
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for (count, (at, line)) in lines.enumerate() {
        let row = at + 1;
        if count >= MAX_ROWS {
            errors.push(CsvError {
                row,
                column: String::new(),
                code: "too-many-rows",
                value: String::new(),
            });
            break;
        }
        let cells = cells(line);
        let get = |i: Option<usize>| i.and_then(|i| cells.get(i)).cloned().unwrap_or_default();
        let figure = get(Some(figure_col)).to_lowercase();
        let (current, base) = (get(Some(current_col)), get(base_col));
        let mut push = |column: &str, code, value: &str| {
            errors.push(CsvError {
                row,
                column: column.to_string(),
                code,
                value: value.to_string(),
            })
        };
        let has_base = MONEY.iter().any(|(f, b)| *f == figure && *b);
        let known = figure == "industry"
            || figure == "taxpayer_type"
            || MONEY.iter().any(|(f, _)| *f == figure)
            || COUNTS.contains(&figure.as_str());
        if !known {
            push("figure", "unknown-figure", &figure);
            continue;
        }
        if seen.contains(&figure) {
            push("figure", "duplicate-figure", &figure);
            continue;
        }
        seen.push(figure.clone());
        if figure == "taxpayer_type" {
            match super::TaxpayerType::parse(&current.to_lowercase()) {
                Some(t) => out.push(("taxpayer_type".to_string(), t.as_str().to_string())),
                None if current.is_empty() => {}
                None => push("current", "invalid-taxpayer-type", &current),
            }
            if !base.is_empty() {
                push("base", "no-base-period", &base);
            }
            continue;
        }
        if figure == "industry" {
            let code = current.to_uppercase();
            if !code.is_empty() && !super::valid_industry(&code) {
                push("current", "invalid-industry", &current);
            } else if !code.is_empty() {
                out.push(("industry".to_string(), code));
            }
            if !base.is_empty() {
                push("base", "no-base-period", &base);
            }
            continue;
        }
        if !current.is_empty() {
            match problem(&figure, &current) {
                Some(code) => push("current", code, &current),
                None => out.push((format!("current.{figure}"), current.clone())),
            }
        }
        if !base.is_empty() {
            if !has_base {
                push("base", "no-base-period", &base);
            } else {
                match problem(&figure, &base) {
                    Some(code) => push("base", code, &base),
                    None => out.push((format!("base.{figure}"), base.clone())),
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// The template the page offers: every figure with a bilingual description and an example.
pub fn template() -> String {
    let rows: [(&str, &str, &str, &str); 16] = [
        (
            "industry",
            "行业代码 Industry code (GB/T 4754-2017)",
            "C34",
            "",
        ),
        (
            "taxpayer_type",
            "纳税人类型 Taxpayer type (general 一般纳税人 / small_scale 小规模纳税人)",
            "general",
            "",
        ),
        ("revenue", "营业收入 Revenue", "10000000.00", "9000000.00"),
        ("cost_of_sales", "营业成本 Cost of sales", "7500000.00", ""),
        (
            "operating_expenses",
            "期间费用 Operating expenses",
            "1200000.00",
            "",
        ),
        ("total_profit", "利润总额 Total profit", "1000000.00", ""),
        (
            "taxable_income",
            "应纳税所得额 Taxable income",
            "950000.00",
            "",
        ),
        (
            "vat_payable",
            "应纳增值税 VAT payable",
            "180000.00",
            "280000.00",
        ),
        (
            "output_vat",
            "销项税额 Output VAT",
            "1300000.00",
            "1170000.00",
        ),
        ("input_vat", "进项税额 Input VAT", "1120000.00", "890000.00"),
        (
            "inventory_open",
            "期初存货 Inventory at start",
            "2000000.00",
            "",
        ),
        (
            "inventory_close",
            "期末存货 Inventory at end",
            "2400000.00",
            "",
        ),
        (
            "invoiced_sales",
            "开票销售额 Invoiced sales",
            "10000000.00",
            "",
        ),
        (
            "cit_payable",
            "应纳企业所得税 CIT payable",
            "50000.00",
            "45000.00",
        ),
        (
            "zero_filing_months",
            "连续零申报月数 Months of zero returns in a row",
            "0",
            "",
        ),
        ("loss_years", "连续亏损年数 Loss years in a row", "0", ""),
    ];
    let mut out = String::from("figure,description,current,base\r\n");
    for (figure, description, current, base) in rows {
        out.push_str(&format!("{figure},{description},{current},{base}\r\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value<'a>(all: &'a [(String, String)], name: &str) -> Option<&'a str> {
        all.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    #[test]
    fn the_template_imports_cleanly() {
        let all = parse(&template()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(value(&all, "industry"), Some("C34"));
        assert_eq!(value(&all, "current.revenue"), Some("10000000.00"));
        assert_eq!(value(&all, "base.vat_payable"), Some("280000.00"));
        assert_eq!(value(&all, "current.loss_years"), Some("0"));
        assert_eq!(value(&all, "taxpayer_type"), Some("general"));
        assert_eq!(value(&all, "current.taxable_income"), Some("950000.00"));
        // The industry, the taxpayer type, 14 figures of the current period and 5 of the base.
        assert_eq!(all.len(), 21);
    }

    #[test]
    fn excel_habits_are_accepted() {
        // A byte-order mark, CRLF, quoted thousands separators, another column order.
        let text = "\u{feff}current,figure,base\r\n\"1,250,000.50\",revenue,\"1,000,000\"\r\n,cost_of_sales,\r\n";
        let all = parse(text).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            all,
            vec![
                ("current.revenue".to_string(), "1,250,000.50".to_string()),
                ("base.revenue".to_string(), "1,000,000".to_string()),
            ]
        );
    }

    #[test]
    fn errors_name_the_row_and_the_column() {
        let text = "figure,description,current,base\n\
                    revenue,营业收入,12O000,\n\
                    cost_of_sales,,-5,\n\
                    total_profit,,-300000,\n\
                    zero_filing_months,,2.5,\n\
                    gross_profit,,1,\n\
                    cost_of_sales,,1,\n\
                    inventory_open,,1,7\n\
                    industry,,C3X,\n\
                    taxpayer_type,,individual,\n";
        let errors = parse(text).err().unwrap_or_default();
        let got: Vec<(usize, &str, &str)> = errors
            .iter()
            .map(|e| (e.row, e.column.as_str(), e.code))
            .collect();
        assert_eq!(
            got,
            vec![
                (2, "current", "not-a-number"),
                (3, "current", "negative"),
                (5, "current", "not-whole"),
                (6, "figure", "unknown-figure"),
                (7, "figure", "duplicate-figure"),
                (8, "base", "no-base-period"),
                (9, "current", "invalid-industry"),
                (10, "current", "invalid-taxpayer-type"),
            ]
        );
        assert_eq!(errors[0].value, "12O000");
    }

    #[test]
    fn a_file_without_the_columns_is_refused() {
        let errors = parse("name,amount\nrevenue,1\n").err().unwrap_or_default();
        assert_eq!((errors[0].row, errors[0].code), (1, "missing-column"));
        assert_eq!(parse("\n\n").err().unwrap_or_default()[0].code, "empty");
    }
}
