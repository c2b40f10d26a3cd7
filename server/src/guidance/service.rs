//! The article use cases the staff API, the staff editor's forms and the pages share: create a
//! draft, edit it into a new version, and move it through its workflow. Each checks the
//! member's role, writes the change and its audit entry in one transaction, and answers with
//! the article as it now is.
use super::{
    articles::{self, ArticleError, State, Step, Version},
    draft::{check, ArticleDraft},
    search::SearchIndex,
};
use crate::{
    auth::StaffMember,
    db::Database,
    staff::{audit::Action, Role},
};
use banshui_engine::FieldError;

/// An article as staff see it: its latest version and its workflow state.
pub type StaffArticle = (Version, State);

fn action<'a>(member: &'a StaffMember, action: &'a str, slug: &str, detail: String) -> Action<'a> {
    Action {
        actor: &member.username,
        action,
        object: format!("article:{slug}"),
        detail,
        address: &member.address,
    }
}

async fn latest(db: &Database, slug: &str) -> Result<StaffArticle, ArticleError> {
    articles::latest(db, slug)
        .await?
        .ok_or(ArticleError::NotFound)
}

/// A new article as a draft (editor). `shape` holds problems the JSON edge already found.
pub async fn create(
    db: &Database,
    member: &StaffMember,
    draft: &ArticleDraft,
    shape: Vec<FieldError>,
) -> Result<StaffArticle, ArticleError> {
    member.require(Role::Editor)?;
    let checked = check(draft, None, false, shape).map_err(ArticleError::Invalid)?;
    let note = checked
        .change_note
        .unwrap_or_else(|| "创建 / Created".into());
    let slug = checked.input.slug.clone();
    let audit = action(member, "create", &slug, note.clone());
    articles::create(
        db,
        &checked.input,
        &note,
        &member.username,
        None,
        vec![audit],
    )
    .await?;
    latest(db, &slug).await
}

/// A new version of an article (editor); the change note is required.
pub async fn edit(
    db: &Database,
    member: &StaffMember,
    slug: &str,
    draft: &ArticleDraft,
    shape: Vec<FieldError>,
) -> Result<StaffArticle, ArticleError> {
    member.require(Role::Editor)?;
    latest(db, slug).await?;
    let checked = check(draft, Some(slug), true, shape).map_err(ArticleError::Invalid)?;
    let note = checked.change_note.unwrap_or_default();
    articles::update(db, &checked.input, &note, &member.username, |version| {
        action(member, "edit", slug, format!("version {version}: {note}"))
    })
    .await?;
    latest(db, slug).await
}

/// Submit (editor), publish or archive (publisher); keeps the search index in step.
pub async fn take_step(
    db: &Database,
    search: &SearchIndex,
    member: &StaffMember,
    slug: &str,
    step: Step,
) -> Result<StaffArticle, ArticleError> {
    member.require(if step == Step::Submit {
        Role::Editor
    } else {
        Role::Publisher
    })?;
    articles::step(db, slug, step, |state| {
        action(
            member,
            step.as_str(),
            slug,
            format!("version {}", state.current_version),
        )
    })
    .await?;
    let published = match step {
        Step::Submit => None,
        Step::Publish => articles::published_one(db, slug).await?.map(|(v, _)| v),
        Step::Archive => None,
    };
    if step != Step::Submit {
        // The index follows the database; a failure here is repaired by the periodic refresh.
        if let Err(e) = search.changed(db, slug, published.as_ref()).await {
            tracing::error!(error = %e, slug, "search index update failed");
        }
    }
    latest(db, slug).await
}
