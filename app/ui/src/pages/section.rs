/// The sections of the portal, as the home page lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Filing,
    SelfCheck,
    Guidance,
    Calculators,
    SignIn,
}

impl Section {
    pub const ALL: [Section; 5] = [
        Section::Filing,
        Section::SelfCheck,
        Section::Guidance,
        Section::Calculators,
        Section::SignIn,
    ];

    pub fn href(self) -> &'static str {
        match self {
            Section::Filing => "/filing",
            Section::SelfCheck => "/self-check",
            Section::Guidance => "/guidance",
            Section::Calculators => "/calculators",
            Section::SignIn => "/sign-in",
        }
    }

    pub fn title_key(self) -> &'static str {
        match self {
            Section::Filing => "section-filing-title",
            Section::SelfCheck => "section-self-check-title",
            Section::Guidance => "section-guidance-title",
            Section::Calculators => "section-calculators-title",
            Section::SignIn => "section-sign-in-title",
        }
    }

    pub fn summary_key(self) -> &'static str {
        match self {
            Section::Filing => "section-filing-summary",
            Section::SelfCheck => "section-self-check-summary",
            Section::Guidance => "section-guidance-summary",
            Section::Calculators => "section-calculators-summary",
            Section::SignIn => "section-sign-in-summary",
        }
    }
}
