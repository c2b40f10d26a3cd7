//! What a refused form held, field by field as it was posted, to fill the form again after the
//! post/redirect/get (never a password, a token or the CSRF field).
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormStash(pub Vec<(String, String)>);

impl FormStash {
    /// The fields of a posted form, without the ones never kept.
    pub fn of_form(fields: &[(String, String)]) -> Self {
        const NEVER_KEPT: [&str; 5] = [
            "csrf",
            "password",
            "new-password",
            "current-password",
            "idempotency_key",
        ];
        FormStash(
            fields
                .iter()
                .filter(|(name, _)| !NEVER_KEPT.contains(&name.as_str()))
                .cloned()
                .collect(),
        )
    }

    /// The first value posted under `name` ("" when there was none).
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Every value posted under `name` (checkboxes sharing a name).
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::FormStash;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn keeps_what_was_typed_but_never_secrets() {
        let stash = FormStash::of_form(&pairs(&[
            ("csrf", "t0k3n"),
            ("new-username", "li.si"),
            ("new-password", "hunter2hunter2"),
            ("tax_types", "vat"),
            ("tax_types", "cit"),
        ]));
        assert_eq!(stash.get("new-username"), "li.si");
        assert_eq!(stash.get("new-password"), "");
        assert_eq!(stash.get("csrf"), "");
        assert_eq!(stash.all("tax_types"), vec!["vat", "cit"]);
        assert_eq!(stash.get("missing"), "");
    }
}
