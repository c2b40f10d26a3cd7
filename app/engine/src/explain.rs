//! What every computation returns besides its figures: explanation lines (each with the legal
//! basis) and warnings that do not block filing.
use crate::money::Money;

/// A legal source, as a Fluent key (`basis-…`) so that it reads naturally in each language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Basis(pub &'static str);

/// One line of "how this number was computed".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// Stable key, also the Fluent key `line-{key}` of its label.
    pub key: &'static str,
    pub amount: Money,
    pub basis: Basis,
    /// The guidance topic that explains this rule (a stable anchor).
    pub topic: &'static str,
}

impl Line {
    pub fn new(key: &'static str, amount: Money, basis: Basis, topic: &'static str) -> Line {
        Line {
            key,
            amount,
            basis,
            topic,
        }
    }
}

/// Every argument name a warning may quote (stored filings keep them by name).
pub const ARG_NAMES: [&str; 6] = ["amount", "cap", "date", "limit", "threshold", "until"];

/// Something the taxpayer should know that does not stop the filing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// Stable code, also the Fluent key `warning-{code}` (with `_` as `-`).
    pub code: &'static str,
    /// Named values the message quotes (already formatted).
    pub args: Vec<(&'static str, String)>,
}

impl Warning {
    pub fn new(code: &'static str) -> Warning {
        Warning {
            code,
            args: Vec::new(),
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Warning {
        self.args.push((name, value.to_string()));
        self
    }

    pub fn fluent_key(&self) -> String {
        format!("warning-{}", self.code.replace('_', "-"))
    }
}
