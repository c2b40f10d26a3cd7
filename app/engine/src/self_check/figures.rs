//! The figures a self-check reads: one period's books, and optionally the base period's.
use rust_decimal::Decimal;
use serde_json::Value;

use crate::{
    error::{ErrorCode, FieldError},
    input::{Errors, Reader},
    money::Money,
};

/// One period's figures (`portal-api.md`, self-check). Only `total_profit` may be negative.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Figures {
    pub revenue: Money,
    pub cost_of_sales: Money,
    pub operating_expenses: Money,
    pub total_profit: Money,
    pub vat_payable: Money,
    pub output_vat: Money,
    pub input_vat: Money,
    /// Inventory at the start and the end of the period: `None` when not given (one blank end
    /// is not an inventory of 0).
    pub inventory_open: Option<Money>,
    pub inventory_close: Option<Money>,
    pub invoiced_sales: Money,
    pub cit_payable: Money,
    /// 应纳税所得额 (annual taxable income), which the 小型微利 limit is on; `None` when not given.
    pub taxable_income: Option<Money>,
    pub zero_filing_months: i64,
    pub loss_years: i64,
}

/// 一般纳税人 or 小规模纳税人: VAT figures are compared only with benchmarks of the same type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TaxpayerType {
    General,
    SmallScale,
}

impl TaxpayerType {
    pub const ALL: [TaxpayerType; 2] = [TaxpayerType::General, TaxpayerType::SmallScale];

    pub fn as_str(self) -> &'static str {
        match self {
            TaxpayerType::General => "general",
            TaxpayerType::SmallScale => "small_scale",
        }
    }

    pub fn parse(text: &str) -> Option<TaxpayerType> {
        Self::ALL.into_iter().find(|t| t.as_str() == text.trim())
    }
}

/// A self-check request: the industry (GB/T 4754-2017 code), the taxpayer type and the figures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub industry: String,
    /// `None`: not said; the indicators then treat the business as a general taxpayer.
    pub taxpayer_type: Option<TaxpayerType>,
    pub current: Figures,
    pub base: Option<Figures>,
}

fn whole(r: &mut Reader<'_>, name: &'static str) -> i64 {
    // Missing means 0; present must be a whole number 0–1200.
    r.integer_or_zero(name, 0..=1200, ErrorCode::OutOfRange)
}

fn figures(mut r: Reader<'_>) -> Figures {
    let f = Figures {
        revenue: r.money("revenue"),
        cost_of_sales: r.money("cost_of_sales"),
        operating_expenses: r.money("operating_expenses"),
        total_profit: r.money_signed("total_profit", true),
        vat_payable: r.money("vat_payable"),
        output_vat: r.money("output_vat"),
        input_vat: r.money("input_vat"),
        inventory_open: r.money_opt("inventory_open"),
        inventory_close: r.money_opt("inventory_close"),
        invoiced_sales: r.money("invoiced_sales"),
        cit_payable: r.money("cit_payable"),
        taxable_income: r.money_opt("taxable_income"),
        zero_filing_months: whole(&mut r, "zero_filing_months"),
        loss_years: whole(&mut r, "loss_years"),
    };
    r.finish();
    f
}

/// Industry codes: a GB/T 4754-2017 section letter with up to four digits (`C`, `C34`, `F5212`).
pub fn valid_industry(code: &str) -> bool {
    let mut chars = code.chars();
    matches!(chars.next(), Some('A'..='T')) && code.len() <= 5 && chars.all(|c| c.is_ascii_digit())
}

impl Request {
    pub fn parse(value: &Value) -> Result<Request, Vec<FieldError>> {
        let errors = Errors::default();
        let mut root = errors.root(value);
        let industry = root
            .text("industry")
            .unwrap_or_default()
            .trim()
            .to_uppercase();
        if !industry.is_empty() && !valid_industry(&industry) {
            errors.push(FieldError::new("industry", ErrorCode::InvalidChoice));
        }
        let taxpayer_type =
            root.choice("taxpayer_type", &TaxpayerType::ALL.map(|t| (t.as_str(), t)));
        let current = figures(root.object("current"));
        let base = root.nullable_object("base").map(figures);
        root.finish();
        errors.into_result(Request {
            industry,
            taxpayer_type,
            current,
            base,
        })
    }
}

impl Request {
    /// The type the indicators go by: a business that did not say is taken as general.
    pub fn taxpayer(&self) -> TaxpayerType {
        self.taxpayer_type.unwrap_or(TaxpayerType::General)
    }
}

impl Figures {
    /// The period's average inventory, when both ends are given.
    pub fn average_inventory(&self) -> Option<Decimal> {
        let (open, close) = (self.inventory_open?, self.inventory_close?);
        Some((open.amount() + close.amount()) / Decimal::TWO)
    }
}
