//! One integration-test binary. Each test starts the real server on port 0 against a fresh
//! SQLite file, and again against a fresh PostgreSQL database when `TEST_DATABASE_URL` is set.
#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot read its own data should fail loudly"
)]
mod accounts;
mod business_prepayment;
mod calculations;
mod cli;
mod consultations;
mod filing_api_errors;
mod filing_form_errors;
mod filing_indicators;
mod filing_pages;
mod filings;
mod guidance;
mod helpers;
mod limits;
mod pages;
mod platform;
mod saved_self_checks;
mod scale_out;
mod security;
mod self_check;
mod staff_members;
