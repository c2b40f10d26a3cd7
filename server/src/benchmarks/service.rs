//! Saving a benchmark (publishers): the use case the staff API and the console's form share.
//! The new version and its audit entry are written in one transaction.
use banshui_engine::FieldError;

use super::{
    create,
    draft::{check, BenchmarkDraft},
    get, update, BenchmarkError, Stored,
};
use crate::{
    auth::{Forbidden, StaffMember},
    db::Database,
    staff::{
        audit::{self, Action},
        Role,
    },
};

impl From<Forbidden> for BenchmarkError {
    fn from(_: Forbidden) -> Self {
        BenchmarkError::Forbidden
    }
}

/// Creates a benchmark (`id` none) or its next version. `shape`: problems the JSON edge found.
pub async fn save(
    db: &Database,
    member: &StaffMember,
    id: Option<&str>,
    draft: &BenchmarkDraft,
    shape: Vec<FieldError>,
) -> Result<Stored, BenchmarkError> {
    member.require(Role::Publisher)?;
    if let Some(id) = id {
        get(db, id).await?.ok_or(BenchmarkError::NotFound)?;
    }
    let input = check(draft, shape).map_err(BenchmarkError::Invalid)?;
    let mut tx = db.write_transaction().await?;
    let stored = match id {
        Some(id) => update(db, &mut tx, id, &input, &member.username).await?,
        None => create(db, &mut tx, &input, &member.username).await?,
    };
    let entry = Action {
        actor: &member.username,
        action: if id.is_some() {
            "edit_benchmark"
        } else {
            "create_benchmark"
        },
        object: format!("benchmark:{}", stored.0),
        detail: format!(
            "version {}: {} {}",
            stored.1, input.industry, input.indicator
        ),
        address: &member.address,
    };
    audit::record_on(db, &mut tx, entry).await?;
    tx.commit().await?;
    Ok(stored)
}
