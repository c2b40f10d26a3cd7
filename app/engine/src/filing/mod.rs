//! What a filing adds to a calculation: the period it covers and its deadline, the amount due
//! or refunded, the receipt number, the interview that collects a return's answers, and the
//! account rules shared by browser and server.
pub mod interview;
pub mod password;
pub mod period;
pub mod prefill;
pub mod receipt;
pub mod settlement;

pub use period::{check_period, Date, Period};
pub use receipt::ReceiptNumber;
pub use settlement::{settlement, Settlement};
