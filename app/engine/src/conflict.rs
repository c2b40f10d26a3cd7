//! Refusals that are not about one input's shape but about the state of things: the account
//! exists, the period is filed, the article's status does not allow it. One enum, so that the
//! server answers them (409) and the pages decode them from the same list.

/// A stable, snake_case reason a well-formed request conflicts with what is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Conflict {
    /// An account already exists for this taxpayer identification number.
    Taken,
    /// An original return for this kind and period exists.
    AlreadyFiled,
    /// The idempotency key was used with a different body.
    IdempotencyKeyReused,
    /// `supersedes` names no current filing of the caller's for this kind and period.
    CannotSupersede,
    /// An article with this slug exists.
    SlugTaken,
    /// The article's or consultation's status does not allow this.
    InvalidTransition,
    /// Only an answered consultation can become a FAQ.
    NotAnswered,
    /// A staff member with this username exists.
    UsernameTaken,
    /// An administrator cannot change or disable their own account.
    CannotChangeSelf,
    /// Two-step sign-in is on already (turn it off first to change the key).
    SecondFactorOn,
    /// No two-step enrolment is waiting for its first code.
    SecondFactorNotPending,
    /// The staff member's role requires two-step sign-in: it cannot be turned off.
    SecondFactorRequiredForRole,
}

impl Conflict {
    pub const ALL: [Conflict; 12] = [
        Conflict::Taken,
        Conflict::AlreadyFiled,
        Conflict::IdempotencyKeyReused,
        Conflict::CannotSupersede,
        Conflict::SlugTaken,
        Conflict::InvalidTransition,
        Conflict::NotAnswered,
        Conflict::UsernameTaken,
        Conflict::CannotChangeSelf,
        Conflict::SecondFactorOn,
        Conflict::SecondFactorNotPending,
        Conflict::SecondFactorRequiredForRole,
    ];

    /// The code of the contract's `errors[].code`.
    pub fn as_str(self) -> &'static str {
        match self {
            Conflict::Taken => "taken",
            Conflict::AlreadyFiled => "already_filed",
            Conflict::IdempotencyKeyReused => "idempotency_key_reused",
            Conflict::CannotSupersede => "cannot_supersede",
            Conflict::SlugTaken => "slug_taken",
            Conflict::InvalidTransition => "invalid_transition",
            Conflict::NotAnswered => "not_answered",
            Conflict::UsernameTaken => "username_taken",
            Conflict::CannotChangeSelf => "cannot_change_self",
            Conflict::SecondFactorOn => "second_factor_on",
            Conflict::SecondFactorNotPending => "second_factor_not_pending",
            Conflict::SecondFactorRequiredForRole => "second_factor_required_for_role",
        }
    }

    /// The field (JSON path or header) the conflict concerns.
    pub fn field(self) -> &'static str {
        match self {
            Conflict::Taken => "taxpayer_id",
            Conflict::AlreadyFiled => "period",
            Conflict::IdempotencyKeyReused => "Idempotency-Key",
            Conflict::CannotSupersede => "supersedes",
            Conflict::SlugTaken => "slug",
            Conflict::InvalidTransition | Conflict::NotAnswered => "status",
            Conflict::UsernameTaken | Conflict::CannotChangeSelf => "username",
            Conflict::SecondFactorOn
            | Conflict::SecondFactorNotPending
            | Conflict::SecondFactorRequiredForRole => "second_factor",
        }
    }

    pub fn parse(code: &str) -> Option<Conflict> {
        Conflict::ALL.into_iter().find(|c| c.as_str() == code)
    }

    /// The Fluent key of the message.
    pub fn fluent_key(self) -> String {
        format!("error-{}", self.as_str().replace('_', "-"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_and_parse_back() {
        for c in Conflict::ALL {
            assert_eq!(Conflict::parse(c.as_str()), Some(c));
        }
        assert_eq!(
            Conflict::parse("already_filed"),
            Some(Conflict::AlreadyFiled)
        );
        assert_eq!(Conflict::parse("required"), None);
        assert_eq!(
            Conflict::CannotSupersede.fluent_key(),
            "error-cannot-supersede"
        );
    }
}
