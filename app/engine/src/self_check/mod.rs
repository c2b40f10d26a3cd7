//! Self-check before filing (纳税评估 risk indicators): what a tax office's analysis would flag in
//! a business's figures, against industry benchmarks where there are any. Pure: the benchmarks
//! are data handed in by the caller. Formulas and practice thresholds:
//! `tax-rules-2026.md` §9 (国税发〔2005〕43号 and published practice values).
pub mod csv;
mod figures;
mod from_return;
mod indicators;
mod inputs;

pub use figures::{valid_industry, Figures, Request, TaxpayerType};
pub use from_return::{codes_for, figures_of, for_return, Filed};
pub use indicators::{check, Benchmark, Indicator, Status, Text, CODES};
pub use inputs::{has_inputs, inputs_of};
