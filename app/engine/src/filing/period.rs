//! Filing periods (`2025`, `2026-Q2`, `2026-03`, `2026-03-15`), which kinds accept which, and
//! the statutory filing and payment deadline of each.
use std::fmt;

use serde_json::Value;

use crate::{calculation::Kind, ErrorCode, FieldError};

/// A calendar date (proleptic Gregorian), enough for deadlines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let year = digits(&text[0..4])?;
        let month = digits(&text[5..7])?;
        let day = digits(&text[8..10])?;
        Date::new(year as i32, month as u8, day as u8)
    }

    pub fn add_days(self, days: u32) -> Date {
        let mut d = self;
        for _ in 0..days {
            if d.day < days_in_month(d.year, d.month) {
                d.day += 1;
            } else if d.month < 12 {
                d.month += 1;
                d.day = 1;
            } else {
                d = Date {
                    year: d.year + 1,
                    month: 1,
                    day: 1,
                };
            }
        }
        d
    }

    /// The 15th of the month after `month` of `year`.
    fn fifteenth_after(year: i32, month: u8) -> Date {
        if month >= 12 {
            Date {
                year: year + 1,
                month: 1,
                day: 15,
            }
        } else {
            Date {
                year,
                month: month + 1,
                day: 15,
            }
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn digits(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// The time a return covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Period {
    Year(i32),
    Quarter(i32, u8),
    Month(i32, u8),
    /// One transaction (stamp duty 按次).
    Day(Date),
}

/// Years a period may name: the engine's tables cover 2023–2027; a little slack either side
/// lets the period be refused with the engine's own, clearer, tax-year message.
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2099;

impl Period {
    pub fn parse(text: &str) -> Option<Period> {
        let upper = text.trim().to_ascii_uppercase();
        let text = upper.as_str();
        let period = match text.len() {
            4 => Period::Year(digits(text)? as i32),
            7 if text.as_bytes()[4] == b'-' && text.as_bytes()[5] == b'Q' => {
                let q = digits(&text[6..7])? as u8;
                if !(1..=4).contains(&q) {
                    return None;
                }
                Period::Quarter(digits(&text[0..4])? as i32, q)
            }
            7 if text.as_bytes()[4] == b'-' => {
                let m = digits(&text[5..7])? as u8;
                if !(1..=12).contains(&m) {
                    return None;
                }
                Period::Month(digits(&text[0..4])? as i32, m)
            }
            10 => Period::Day(Date::parse(text)?),
            _ => return None,
        };
        YEARS.contains(&period.year()).then_some(period)
    }

    pub fn year(self) -> i32 {
        match self {
            Period::Year(y) | Period::Quarter(y, _) | Period::Month(y, _) => y,
            Period::Day(d) => d.year,
        }
    }

    /// The last day the return may be filed and the tax paid (statutory; a deadline that
    /// falls on a public holiday moves to the next working day, which this does not model).
    pub fn deadline(self, kind: Kind) -> Date {
        match (kind, self) {
            // 个人所得税法 第十条 / 实施条例: annual reconciliation 1 March – 30 June.
            (Kind::IitAnnual, p) => Date {
                year: p.year() + 1,
                month: 6,
                day: 30,
            },
            // 个人所得税法 第十二条: business income, by 31 March of the following year.
            (Kind::IitBusiness, p) => Date {
                year: p.year() + 1,
                month: 3,
                day: 31,
            },
            // 印花税法 第十五条: within 15 days of the obligation (按次) or of the period's end.
            (Kind::StampDuty, Period::Day(d)) => d.add_days(15),
            (_, Period::Year(y)) => Date::fifteenth_after(y, 12),
            (_, Period::Quarter(y, q)) => Date::fifteenth_after(y, q * 3),
            (_, Period::Month(y, m)) => Date::fifteenth_after(y, m),
            (_, Period::Day(d)) => d.add_days(15),
        }
    }

    /// The first day the return may be filed (the annual IIT reconciliation opens on 1 March).
    pub fn opens(self, kind: Kind) -> Date {
        match (kind, self) {
            (Kind::IitAnnual, p) => Date {
                year: p.year() + 1,
                month: 3,
                day: 1,
            },
            (Kind::IitBusiness, p) | (Kind::StampDuty, p @ Period::Year(_)) => Date {
                year: p.year() + 1,
                month: 1,
                day: 1,
            },
            (_, Period::Quarter(y, q)) => Date::fifteenth_after(y, q * 3).with_day(1),
            (_, Period::Month(y, m)) => Date::fifteenth_after(y, m).with_day(1),
            (_, Period::Year(y)) => Date {
                year: y + 1,
                month: 1,
                day: 1,
            },
            (_, Period::Day(d)) => d,
        }
    }

    /// Whether `kind` is filed for this shape of period.
    pub fn fits(self, kind: Kind) -> bool {
        matches!(
            (kind, self),
            (Kind::IitAnnual | Kind::IitBusiness, Period::Year(_))
                | (
                    Kind::VatSmallScale | Kind::IitBusinessPrepayment,
                    Period::Month(..) | Period::Quarter(..)
                )
                | (Kind::CitPrepayment, Period::Quarter(..))
                | (
                    Kind::StampDuty,
                    Period::Year(_) | Period::Quarter(..) | Period::Day(_)
                )
        )
    }
}

impl Date {
    fn with_day(mut self, day: u8) -> Date {
        self.day = day;
        self
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y:04}"),
            Period::Quarter(y, q) => write!(f, "{y:04}-Q{q}"),
            Period::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            Period::Day(d) => write!(f, "{d}"),
        }
    }
}

fn number_at(data: &Value, path: &[&str]) -> Option<i64> {
    let mut v = data;
    for key in path {
        v = v.get(key)?;
    }
    v.as_i64()
        .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
}

/// Checks a period for a kind and against the period the data itself names (the tax year,
/// the VAT period, the CIT quarter). Errors are on the field `period`.
pub fn check_period(kind: Kind, text: &str, data: &Value) -> Result<Period, FieldError> {
    let period = Period::parse(text)
        .filter(|p| p.fits(kind))
        .ok_or_else(|| FieldError::new("period", ErrorCode::InvalidPeriod))?;
    let mismatch = || FieldError::new("period", ErrorCode::PeriodMismatch);
    let year = i64::from(period.year());
    let differs =
        |path: &[&str], expected: i64| number_at(data, path).is_some_and(|n| n != expected);
    let mismatched = match (kind, period) {
        (Kind::IitAnnual | Kind::IitBusiness, _) => differs(&["tax_year"], year),
        (Kind::CitPrepayment, Period::Quarter(_, q)) => {
            differs(&["tax_year"], year) || differs(&["quarter"], i64::from(q))
        }
        (Kind::IitBusinessPrepayment, Period::Month(_, i) | Period::Quarter(_, i)) => {
            let expected = if matches!(period, Period::Month(..)) {
                "month"
            } else {
                "quarter"
            };
            let named_kind = data
                .get("period")
                .and_then(|p| p.get("kind"))
                .and_then(Value::as_str);
            named_kind.is_some_and(|k| k != expected)
                || differs(&["tax_year"], year)
                || differs(&["period", "index"], i64::from(i))
        }
        (Kind::VatSmallScale, Period::Month(_, i) | Period::Quarter(_, i)) => {
            let expected = if matches!(period, Period::Month(..)) {
                "month"
            } else {
                "quarter"
            };
            let named_kind = data
                .get("period")
                .and_then(|p| p.get("kind"))
                .and_then(Value::as_str);
            named_kind.is_some_and(|k| k != expected)
                || differs(&["period", "year"], year)
                || differs(&["period", "index"], i64::from(i))
        }
        _ => false,
    };
    if mismatched {
        return Err(mismatch());
    }
    Ok(period)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn parses_every_shape_and_refuses_nonsense() {
        assert_eq!(Period::parse("2025"), Some(Period::Year(2025)));
        assert_eq!(Period::parse("2026-Q2"), Some(Period::Quarter(2026, 2)));
        assert_eq!(Period::parse(" 2026-q2 "), Some(Period::Quarter(2026, 2)));
        assert_eq!(Period::parse("2026-03"), Some(Period::Month(2026, 3)));
        assert_eq!(
            Period::parse("2026-03-15").map(|p| p.to_string()),
            Some("2026-03-15".to_string())
        );
        for bad in [
            "",
            "25",
            "2026-Q5",
            "2026-Q0",
            "2026-13",
            "2026-00",
            "2026-02-30",
            "abcd",
            "2026-3",
        ] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
        assert_eq!(Period::parse("2024-02-29").map(|p| p.year()), Some(2024));
        assert_eq!(Period::parse("2025-02-29"), None);
    }

    #[test]
    fn deadlines_follow_the_law() {
        let d = |k, p: &str| Period::parse(p).map(|p| p.deadline(k).to_string());
        assert_eq!(d(Kind::IitAnnual, "2025").as_deref(), Some("2026-06-30"));
        assert_eq!(d(Kind::IitBusiness, "2025").as_deref(), Some("2026-03-31"));
        assert_eq!(
            d(Kind::VatSmallScale, "2026-03").as_deref(),
            Some("2026-04-15")
        );
        assert_eq!(
            d(Kind::VatSmallScale, "2026-12").as_deref(),
            Some("2027-01-15")
        );
        assert_eq!(
            d(Kind::VatSmallScale, "2026-Q2").as_deref(),
            Some("2026-07-15")
        );
        assert_eq!(
            d(Kind::CitPrepayment, "2026-Q4").as_deref(),
            Some("2027-01-15")
        );
        assert_eq!(
            d(Kind::StampDuty, "2026-03-20").as_deref(),
            Some("2026-04-04")
        );
        assert_eq!(
            d(Kind::StampDuty, "2026-12-25").as_deref(),
            Some("2027-01-09")
        );
    }

    #[test]
    fn period_must_fit_the_kind_and_the_data() {
        let ok = check_period(Kind::IitAnnual, "2025", &json!({"tax_year": 2025}));
        assert_eq!(ok, Ok(Period::Year(2025)));
        let err = |r: Result<Period, FieldError>| r.err().map(|e| e.code);
        assert_eq!(
            err(check_period(
                Kind::IitAnnual,
                "2025",
                &json!({"tax_year": 2024})
            )),
            Some(ErrorCode::PeriodMismatch)
        );
        assert_eq!(
            err(check_period(Kind::IitAnnual, "2026-Q1", &json!({}))),
            Some(ErrorCode::InvalidPeriod)
        );
        assert_eq!(
            err(check_period(
                Kind::VatSmallScale,
                "2026-Q2",
                &json!({"period": {"kind": "month", "year": 2026, "index": 2}})
            )),
            Some(ErrorCode::PeriodMismatch)
        );
        assert!(check_period(
            Kind::VatSmallScale,
            "2026-Q2",
            &json!({"period": {"kind": "quarter", "year": 2026, "index": 2}})
        )
        .is_ok());
        assert_eq!(
            err(check_period(
                Kind::CitPrepayment,
                "2026-Q2",
                &json!({"tax_year": 2026, "quarter": 3})
            )),
            Some(ErrorCode::PeriodMismatch)
        );
        assert!(check_period(Kind::StampDuty, "2026-03-15", &json!({})).is_ok());
        assert_eq!(
            err(check_period(Kind::StampDuty, "2026-03", &json!({}))),
            Some(ErrorCode::InvalidPeriod)
        );
    }
}
