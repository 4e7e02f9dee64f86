//! `crt-admin protected-class …`: the seed's first task ("change protected
//! class options") as commands. Each change can be previewed with
//! `--dry-run`, runs in one transaction, keeps the catalog's invariants and
//! is recorded in the audit trail (`history`). Stored values never change,
//! so reports filed before keep what they said.

use std::{process::ExitCode, sync::Arc};

use anyhow::anyhow;
use chrono::Utc;
use crt_domain::{
    catalog_change::CatalogChange,
    ports::{ProtectedClassRepository, SystemClock},
    service::ChangeCatalog,
};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
    /// Show what would change (rows and report counts) and change nothing.
    #[arg(long, global = true)]
    dry_run: bool,
    /// Who is making the change (recorded in the audit trail).
    #[arg(long, global = true, env = "USER", default_value = "crt-admin")]
    actor: String,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Every option: value, code, label, position, active/retired, report count.
    List {
        /// Show the labels in this language (es, zh-hant, zh-hans, vi, ko,
        /// tl); an option without one shows "(English: …)".
        #[arg(long = "lang")]
        language: Option<String>,
    },
    /// Set what the public reads for an option in another language (the
    /// English label is changed with `rename`).
    Translate {
        /// Which option.
        value: String,
        /// The language: es, zh-hant, zh-hans, vi, ko or tl.
        #[arg(long = "lang")]
        language: String,
        /// The label in that language.
        #[arg(long)]
        label: String,
    },
    /// Add an option.
    Add {
        /// Stored value (lower case, digits, underscores); never changes later.
        value: String,
        /// Short name for staff views.
        #[arg(long)]
        code: String,
        /// What the public reads.
        #[arg(long)]
        label: String,
        /// Offer it after this value (default: just before "Other reason").
        #[arg(long)]
        after: Option<String>,
    },
    /// Change a label and/or code (the stored value stays).
    Rename {
        /// Which option.
        value: String,
        /// New label.
        #[arg(long)]
        label: Option<String>,
        /// New code.
        #[arg(long)]
        code: Option<String>,
    },
    /// Move an option to a position on the form (1 = first).
    Reorder {
        /// Which option.
        value: String,
        /// 1-based position; "Other reason" always stays last.
        #[arg(long)]
        position: usize,
    },
    /// Stop offering an option; reports filed with it keep it.
    Retire {
        /// Which option.
        value: String,
    },
    /// Offer a retired option again.
    Restore {
        /// Which option.
        value: String,
    },
    /// Move every report of a duplicate option to the kept one, then delete the duplicate.
    Merge {
        /// The duplicate to remove.
        duplicate: String,
        /// The option to keep.
        #[arg(long)]
        into: String,
    },
    /// The audit trail of changes, newest first.
    History,
    /// Write the changes made here (the catalog compared with what the
    /// migrations give) as a data migration in migrations/src, for review in code.
    ExportMigration {
        /// The migration's name (lower case, digits, underscores), e.g. `add_citizenship`.
        name: String,
        /// The migrations' source directory (holding lib.rs).
        #[arg(long, default_value = "migrations/src")]
        dir: std::path::PathBuf,
    },
}

pub async fn run(url: &str, args: Args) -> anyhow::Result<ExitCode> {
    let db = super::open(url).await?;
    let catalog = db.catalog().await?;
    let counts =
        crt_domain::service::CatalogAdminRepository::protected_class_report_counts(&db).await?;
    let change = match args.command {
        Command::Translate {
            value,
            language,
            label,
        } => {
            let service = ChangeCatalog {
                repo: Arc::new(db.clone()),
                clock: Arc::new(SystemClock),
            };
            if args.dry_run {
                let line = service
                    .preview_translation(&value, &language, &label)
                    .await?;
                println!("would {line}");
                println!("dry run: nothing changed");
            } else {
                let line = service
                    .translate(&value, &language, &label, &args.actor)
                    .await?;
                println!("{line}");
                println!("done; running servers pick the change up within a minute");
            }
            return Ok(ExitCode::SUCCESS);
        }
        Command::List { language } => {
            if let Some(l) = &language
                && !crt_domain::report::is_language(l)
            {
                return Err(anyhow!(
                    "{l:?} is not one of the public's languages ({})",
                    crt_domain::report::LANGUAGES.join(", ")
                ));
            }
            println!("position\tvalue\tcode\tlabel\tstate\treports");
            let mut rows: Vec<_> = catalog.form_choices().into_iter().cloned().collect();
            let mut retired: Vec<_> = catalog
                .all()
                .iter()
                .filter(|o| !o.is_active())
                .cloned()
                .collect();
            retired.sort_by(|a, b| a.value.cmp(&b.value));
            rows.extend(retired);
            for (i, o) in rows.iter().enumerate() {
                let position = if o.is_active() {
                    (i + 1).to_string()
                } else {
                    "-".into()
                };
                let state = if o.is_active() { "active" } else { "retired" };
                let label = match language.as_deref() {
                    None | Some("en") => o.label.clone(),
                    Some(l) => {
                        let shown = catalog.label_in(&o.value, l);
                        if catalog.untranslated(l).iter().any(|u| u.value == o.value)
                            || (!o.is_active() && shown == o.label)
                        {
                            format!("(English: {})", o.label)
                        } else {
                            shown.to_owned()
                        }
                    }
                };
                println!(
                    "{position}\t{}\t{}\t{}\t{state}\t{}",
                    o.value,
                    o.code,
                    label,
                    counts.get(&o.value).copied().unwrap_or(0)
                );
            }
            return Ok(ExitCode::SUCCESS);
        }
        Command::History => {
            for e in db.protected_class_history().await? {
                println!(
                    "{}\t{}\t{}\t{}",
                    e.at.format("%Y-%m-%d %H:%M:%S UTC"),
                    e.actor,
                    e.action,
                    e.detail
                );
            }
            return Ok(ExitCode::SUCCESS);
        }
        Command::ExportMigration { name, dir } => {
            return export_migration(&db, &catalog, &name, &dir, args.dry_run).await;
        }
        Command::Add {
            value,
            code,
            label,
            after,
        } => CatalogChange::Add {
            value,
            code,
            label,
            after,
        },
        Command::Rename { value, label, code } => CatalogChange::Rename { value, label, code },
        Command::Reorder { value, position } => CatalogChange::Reorder { value, position },
        Command::Retire { value } => CatalogChange::Retire { value },
        Command::Restore { value } => CatalogChange::Restore { value },
        Command::Merge { duplicate, into } => CatalogChange::Merge { duplicate, into },
    };
    let service = ChangeCatalog {
        repo: Arc::new(db.clone()),
        clock: Arc::new(SystemClock),
    };
    let preview = service.preview(&change).await?;
    for l in &preview.lines {
        println!("{}{l}", if args.dry_run { "would " } else { "" });
    }
    if args.dry_run {
        println!("dry run: nothing changed");
        return Ok(ExitCode::SUCCESS);
    }
    service.apply(&change, &args.actor).await?;
    println!("done; running servers pick the change up within a minute");
    Ok(ExitCode::SUCCESS)
}

/// One line of text for a generated comment (no control characters).
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

async fn export_migration(
    db: &crt_persistence::Db,
    catalog: &crt_domain::protected_class::ProtectedClassCatalog,
    name: &str,
    dir: &std::path::Path,
    dry_run: bool,
) -> anyhow::Result<ExitCode> {
    if name.is_empty()
        || name.len() > 60
        || !name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return Err(anyhow!(
            "the name must be lower case letters, digits and underscores (e.g. add_citizenship)"
        ));
    }
    let baseline = crt_persistence::baseline_catalog().await?;
    let merges = db.recorded_merges().await?;
    let mut statements = crt_persistence::catalog_sync_sql(baseline.all(), catalog.all(), &merges)
        .map_err(|e| anyhow!("{e}"))?;
    // Labels in the other languages given with `translate`.
    statements.extend(crt_persistence::label_sync_sql(
        &baseline.labels(),
        &catalog.labels(),
    ));
    if statements.is_empty() {
        println!("the catalog here is what the migrations give: nothing to export");
        return Ok(ExitCode::SUCCESS);
    }
    let now = Utc::now();
    let module = format!("m{}_{name}", now.format("%Y%m%d_%H%M%S"));
    let history: Vec<String> = db
        .protected_class_history()
        .await?
        .into_iter()
        .rev()
        .map(|e| {
            format!(
                "//! - {} {}: {}",
                e.at.format("%Y-%m-%d"),
                one_line(&e.actor),
                one_line(&e.detail)
            )
        })
        .collect();
    let list: Vec<String> = statements.iter().map(|s| format!("    {s:?},")).collect();
    let text = format!(
        "//! Protected-class changes made with `crt-admin protected-class …` and\n\
         //! exported by `crt-admin protected-class export-migration {name}` on\n\
         //! {date}. Every statement is idempotent: on the database where the\n\
         //! changes were made it changes nothing; everywhere else it makes them.\n\
         //!\n\
         //! The changes, as recorded in the audit trail:\n\
         {history}\n\
         \n\
         use sea_orm_migration::prelude::*;\n\
         \n\
         #[derive(DeriveMigrationName)]\n\
         pub struct Migration;\n\
         \n\
         const STATEMENTS: &[&str] = &[\n\
         {list}\n\
         ];\n\
         \n\
         #[async_trait::async_trait]\n\
         impl MigrationTrait for Migration {{\n\
         \x20   async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {{\n\
         \x20       let db = manager.get_connection();\n\
         \x20       for sql in STATEMENTS {{\n\
         \x20           db.execute_unprepared(sql).await?;\n\
         \x20       }}\n\
         \x20       Ok(())\n\
         \x20   }}\n\
         \n\
         \x20   async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {{\n\
         \x20       // Catalog changes are undone by a new change, not by a rollback:\n\
         \x20       // reports may already use what this added.\n\
         \x20       Ok(())\n\
         \x20   }}\n\
         }}\n",
        date = now.format("%Y-%m-%d"),
        history = history.join("\n"),
        list = list.join("\n"),
    );
    if dry_run {
        print!("{text}");
        println!(
            "dry run: would write {}/{module}.rs and register it in lib.rs",
            dir.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let lib = dir.join("lib.rs");
    let lib_text = std::fs::read_to_string(&lib).map_err(|e| {
        anyhow!(
            "cannot read {}: {e} (run from the repository root or pass --dir)",
            lib.display()
        )
    })?;
    let mut lines: Vec<String> = lib_text.lines().map(str::to_owned).collect();
    let last_mod = lines
        .iter()
        .rposition(|l| l.starts_with("mod m") && l.ends_with(';'))
        .ok_or_else(|| anyhow!("{} has no `mod m…;` line to follow", lib.display()))?;
    lines.insert(last_mod + 1, format!("mod {module};"));
    let last_box = lines
        .iter()
        .rposition(|l| l.trim_start().starts_with("Box::new(m"))
        .ok_or_else(|| anyhow!("{} has no `Box::new(m…)` line to follow", lib.display()))?;
    let indent: String = lines[last_box]
        .chars()
        .take_while(|c| c.is_whitespace())
        .collect();
    lines.insert(
        last_box + 1,
        format!("{indent}Box::new({module}::Migration),"),
    );
    let file = dir.join(format!("{module}.rs"));
    std::fs::write(&file, text)?;
    std::fs::write(&lib, lines.join("\n") + "\n")?;
    println!(
        "wrote {} ({} statements) and registered it in {}",
        file.display(),
        statements.len(),
        lib.display()
    );
    println!(
        "next: cargo fmt --all, cargo test -p crt-persistence, review, commit; deployed, it changes nothing where the changes were made"
    );
    Ok(ExitCode::SUCCESS)
}
