//! Errors: a small, fixed set of codes, each with one message pattern (a Fluent key) so that
//! translation stays cheap. The field is the JSON path of the input concerned.

/// A stable, snake_case reason an input is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    Required,
    NotANumber,
    TooManyDecimals,
    NegativeAmount,
    AmountTooLarge,
    OverCap,
    UnsupportedTaxYear,
    OutOfRange,
    InvalidChoice,
    ExactlyOneSalesField,
    HousingDeductionsExclusive,
    BadLength,
    BadCharacter,
    BadCheckCharacter,
    BadBirthDate,
    UnknownField,
    WrongType,
    PasswordTooShort,
    PasswordTooCommon,
    TooLong,
    InvalidPeriod,
    PeriodMismatch,
    DeclarationRequired,
    InvalidSlug,
    InvalidUsername,
    InvalidDate,
    EndBeforeStart,
    /// A control character (NUL and the like) in text: never stored.
    ControlCharacter,
    /// The current password, typed to confirm a change, is not right.
    WrongPassword,
    /// The code from the authenticator app (or a recovery code) is not right.
    InvalidSecondFactor,
    /// A field the contract requires is absent (a JSON request; a blank form field is `Required`).
    MissingField,
    /// An array holds more entries than allowed.
    TooManyItems,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Required => "required",
            ErrorCode::NotANumber => "not_a_number",
            ErrorCode::TooManyDecimals => "too_many_decimals",
            ErrorCode::NegativeAmount => "negative_amount",
            ErrorCode::AmountTooLarge => "amount_too_large",
            ErrorCode::OverCap => "over_cap",
            ErrorCode::UnsupportedTaxYear => "unsupported_tax_year",
            ErrorCode::OutOfRange => "out_of_range",
            ErrorCode::InvalidChoice => "invalid_choice",
            ErrorCode::ExactlyOneSalesField => "exactly_one_sales_field",
            ErrorCode::HousingDeductionsExclusive => "housing_deductions_exclusive",
            ErrorCode::BadLength => "bad_length",
            ErrorCode::BadCharacter => "bad_character",
            ErrorCode::BadCheckCharacter => "bad_check_character",
            ErrorCode::BadBirthDate => "bad_birth_date",
            ErrorCode::UnknownField => "unknown_field",
            ErrorCode::WrongType => "wrong_type",
            ErrorCode::PasswordTooShort => "password_too_short",
            ErrorCode::PasswordTooCommon => "password_too_common",
            ErrorCode::TooLong => "too_long",
            ErrorCode::InvalidPeriod => "invalid_period",
            ErrorCode::PeriodMismatch => "period_mismatch",
            ErrorCode::DeclarationRequired => "declaration_required",
            ErrorCode::InvalidSlug => "invalid_slug",
            ErrorCode::InvalidUsername => "invalid_username",
            ErrorCode::InvalidDate => "invalid_date",
            ErrorCode::EndBeforeStart => "end_before_start",
            ErrorCode::ControlCharacter => "control_character",
            ErrorCode::WrongPassword => "wrong_password",
            ErrorCode::InvalidSecondFactor => "invalid_second_factor",
            ErrorCode::MissingField => "missing_field",
            ErrorCode::TooManyItems => "too_many_items",
        }
    }

    /// The Fluent message key: `error-` followed by the code in kebab case.
    pub fn fluent_key(self) -> String {
        format!("error-{}", self.as_str().replace('_', "-"))
    }

    pub const ALL: [ErrorCode; 32] = [
        ErrorCode::Required,
        ErrorCode::NotANumber,
        ErrorCode::TooManyDecimals,
        ErrorCode::NegativeAmount,
        ErrorCode::AmountTooLarge,
        ErrorCode::OverCap,
        ErrorCode::UnsupportedTaxYear,
        ErrorCode::OutOfRange,
        ErrorCode::InvalidChoice,
        ErrorCode::ExactlyOneSalesField,
        ErrorCode::HousingDeductionsExclusive,
        ErrorCode::BadLength,
        ErrorCode::BadCharacter,
        ErrorCode::BadCheckCharacter,
        ErrorCode::BadBirthDate,
        ErrorCode::UnknownField,
        ErrorCode::WrongType,
        ErrorCode::PasswordTooShort,
        ErrorCode::PasswordTooCommon,
        ErrorCode::TooLong,
        ErrorCode::InvalidPeriod,
        ErrorCode::PeriodMismatch,
        ErrorCode::DeclarationRequired,
        ErrorCode::InvalidSlug,
        ErrorCode::InvalidUsername,
        ErrorCode::InvalidDate,
        ErrorCode::EndBeforeStart,
        ErrorCode::ControlCharacter,
        ErrorCode::WrongPassword,
        ErrorCode::InvalidSecondFactor,
        ErrorCode::MissingField,
        ErrorCode::TooManyItems,
    ];
}

/// One refused input: which field, why, and (for caps) the limit to show in the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub code: ErrorCode,
    /// A number the message quotes (the cap, the allowed range), already formatted.
    pub limit: Option<String>,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: ErrorCode) -> Self {
        FieldError {
            field: field.into(),
            code,
            limit: None,
        }
    }

    pub fn with_limit(mut self, limit: impl Into<String>) -> Self {
        self.limit = Some(limit.into());
        self
    }
}
