//! The starter set: real articles in both languages, written from the 2026 rules, loaded into
//! an empty portal on first start (and by `banshui seed`) so that a new user sees a living
//! portal. Each file holds `key: value` lines, then `=== zh-CN` and `=== en` Markdown bodies.
use super::{
    articles::{self, ArticleError, Step},
    draft::{check, ArticleDraft},
    input::ArticleInput,
};
use crate::{db::Database, staff::audit::Action};

pub const SYSTEM: &str = "system";

pub const ARTICLES: &[&str] = &[
    include_str!("../../seed/articles/cit-prepayment.md"),
    include_str!("../../seed/articles/how-to-ask-a-question.md"),
    include_str!("../../seed/articles/how-to-correct-a-return.md"),
    include_str!("../../seed/articles/iit-annual-reconciliation.md"),
    include_str!("../../seed/articles/iit-business-income.md"),
    include_str!("../../seed/articles/iit-child-education.md"),
    include_str!("../../seed/articles/iit-annual-bonus.md"),
    include_str!("../../seed/articles/iit-business-prepayment.md"),
    include_str!("../../seed/articles/iit-continuing-education.md"),
    include_str!("../../seed/articles/iit-elderly-support.md"),
    include_str!("../../seed/articles/iit-housing-loan-interest.md"),
    include_str!("../../seed/articles/iit-housing-rent.md"),
    include_str!("../../seed/articles/iit-infant-care.md"),
    include_str!("../../seed/articles/iit-serious-illness.md"),
    include_str!("../../seed/articles/individual-business-half-relief.md"),
    include_str!("../../seed/articles/notice-vat-law-2026.md"),
    include_str!("../../seed/articles/small-low-profit-cit.md"),
    include_str!("../../seed/articles/special-additional-deductions.md"),
    include_str!("../../seed/articles/stamp-duty-rates.md"),
    include_str!("../../seed/articles/surcharges-six-taxes-two-fees.md"),
    include_str!("../../seed/articles/vat-small-scale.md"),
    include_str!("../../seed/articles/vat-threshold-2026.md"),
];

/// Parses one seed file into a checked article.
pub fn parse(source: &str) -> Result<ArticleInput, String> {
    let (head, rest) = source
        .split_once("\n=== zh-CN\n")
        .ok_or("no `=== zh-CN` section")?;
    let (zh, en) = rest.split_once("\n=== en\n").ok_or("no `=== en` section")?;
    let mut draft = ArticleDraft {
        markdown: [zh.trim().to_string(), en.trim().to_string()],
        ..ArticleDraft::default()
    };
    for line in head.lines().filter(|l| !l.trim().is_empty()) {
        let (key, value) = line
            .split_once(": ")
            .ok_or_else(|| format!("not `key: value`: {line}"))?;
        let list = |v: &str, separators: &[char]| {
            v.split(separators)
                .map(|s| s.trim().to_string())
                .collect::<Vec<_>>()
        };
        let value = value.to_string();
        match key {
            "slug" => draft.slug = Some(value),
            "kind" => draft.kind = Some(value),
            "title.zh-CN" => draft.title[0] = value,
            "title.en" => draft.title[1] = value,
            "tax_types" => draft.tax_types = list(&value, &['|', ',']),
            "references" => draft.references = list(&value, &['|']),
            "effective_from" => draft.effective_from = Some(value),
            "effective_to" => draft.effective_to = Some(value),
            other => return Err(format!("unknown key `{other}`")),
        }
    }
    let slug = draft.slug.clone().unwrap_or_default();
    check(&draft, None, false, Vec::new())
        .map(|checked| checked.input)
        .map_err(|errors| format!("{slug}: {errors:?}"))
}

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("seed article does not parse: {0}")]
    Parse(String),
    #[error(transparent)]
    Article(#[from] ArticleError),
    #[error(transparent)]
    Store(#[from] sqlx::Error),
}

/// Publishes every starter article that does not exist yet; returns how many were added.
pub async fn seed(db: &Database) -> Result<usize, SeedError> {
    let mut added = 0;
    for source in ARTICLES {
        let input = parse(source).map_err(SeedError::Parse)?;
        let seeded = |action, detail: &str| Action {
            actor: SYSTEM,
            action,
            object: format!("article:{}", input.slug),
            detail: detail.to_string(),
            address: "-",
        };
        let note = "首次发布 / First publication";
        match articles::create(db, &input, note, SYSTEM, None, Vec::new()).await {
            Ok(()) => {}
            Err(ArticleError::SlugTaken) => continue,
            Err(e) => return Err(e.into()),
        }
        articles::step(db, &input.slug, Step::Publish, |_| {
            seeded("seed", "starter article published")
        })
        .await?;
        added += 1;
    }
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_seed_article_parses_in_both_languages() {
        assert!(ARTICLES.len() >= 12);
        for source in ARTICLES {
            let a = parse(source).unwrap_or_else(|e| panic!("{e}"));
            assert!(
                a.markdown.iter().all(|m| m.len() > 200),
                "{} is too short",
                a.slug
            );
            assert!(
                !a.references.is_empty(),
                "{} has no legal reference",
                a.slug
            );
        }
    }
}
