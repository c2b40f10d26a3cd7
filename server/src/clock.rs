//! Time, in the two forms storage uses: Unix seconds to compare, RFC 3339 UTC to show.
use banshui_engine::filing::Date;
use time::{format_description::well_known::Rfc3339, OffsetDateTime, UtcOffset};

pub fn now_unix() -> i64 {
    OffsetDateTime::now_utc().unix_timestamp()
}

/// `2026-11-29T23:19:21Z` (whole seconds; what the API shows).
pub fn rfc3339(unix: i64) -> String {
    OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_default()
}

/// Microseconds since the epoch: orders filings made within one second.
pub fn now_micros() -> i64 {
    (OffsetDateTime::now_utc().unix_timestamp_nanos() / 1000) as i64
}

pub fn now_rfc3339() -> String {
    rfc3339(now_unix())
}

/// Today in China Standard Time (UTC+8), the calendar deadlines are counted in.
pub fn today_in_china() -> Date {
    let offset = UtcOffset::from_hms(8, 0, 0).unwrap_or(UtcOffset::UTC);
    let now = OffsetDateTime::now_utc().to_offset(offset);
    Date {
        year: now.year(),
        month: u8::from(now.month()),
        day: now.day(),
    }
}
