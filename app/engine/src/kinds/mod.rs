//! One module per return kind.
pub mod cit_prepayment;
pub mod iit_annual;
pub mod iit_business;
pub mod iit_business_prepayment;
pub mod stamp_duty;
pub mod vat_small_scale;
