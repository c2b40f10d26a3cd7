//! The operator's commands besides serving: seed, reindex, staff create.
use std::{
    io::{BufRead, IsTerminal},
    time::Instant,
};

use crate::{
    cli::{Settings, StaffCommand},
    db::Database,
    guidance::{search::SearchIndex, seed},
    staff::{self, Role},
};

async fn database(settings: &Settings) -> anyhow::Result<Database> {
    let db = Database::connect(&settings.database_url).await?;
    db.migrate().await?;
    Ok(db)
}

pub async fn seed(settings: &Settings) -> anyhow::Result<()> {
    let db = database(settings).await?;
    let added = seed::seed(&db).await?;
    println!(
        "{added} starter articles published ({} in the set)",
        seed::ARTICLES.len()
    );
    // Running processes pick the new articles up on their next refresh.
    SearchIndex::default().changed(&db, "", None).await?;
    Ok(())
}

pub async fn reindex(settings: &Settings) -> anyhow::Result<()> {
    let db = database(settings).await?;
    let index = SearchIndex::default();
    let start = Instant::now();
    let count = index.rebuild(&db).await?;
    // Raising the generation makes every running process rebuild its own index.
    index.changed(&db, "", None).await?;
    println!(
        "search index rebuilt: {count} published articles in {} ms",
        start.elapsed().as_millis()
    );
    Ok(())
}

fn read_password() -> anyhow::Result<String> {
    if let Ok(p) = std::env::var("BANSHUI_STAFF_PASSWORD") {
        return Ok(p);
    }
    eprint!("password for the new staff account: ");
    // At a terminal the password is not echoed; piped in, there is no echo to hide.
    if std::io::stdin().is_terminal() {
        return Ok(rpassword::read_password()?);
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

pub async fn staff(settings: &Settings, command: StaffCommand) -> anyhow::Result<()> {
    match command {
        StaffCommand::Create { username, role } => {
            let role = Role::parse(&role).ok_or_else(|| anyhow::anyhow!("unknown role {role}"))?;
            let password = read_password()?;
            let db = database(settings).await?;
            let username = staff::create(&db, &username, role, &password).await?;
            println!(
                "staff account {username} created with role {}",
                role.as_str()
            );
            Ok(())
        }
    }
}
