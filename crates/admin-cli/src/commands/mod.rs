//! The command tree. One module per command group; each returns the exit
//! code (errors are printed by `main`).

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use crt_persistence::Db;

mod attachments;
mod check_config;
mod db;
mod mail;
mod migrate;
mod notifications;
mod protected_class;
mod purge;
mod report;
mod retention;
mod route;
mod saved_searches;
mod seed;
mod token;
mod trends;
mod triage;
mod user;

/// Operators' tools for the civil-rights reporting portal.
#[derive(Debug, Parser)]
#[command(name = "crt-admin", version, about)]
pub struct Cli {
    /// Database URL (sqlite://… or postgres://…); default: read as crt-portal reads it (DATABASE_URL, else the database in VCAP_SERVICES, else the SQLite file under ./data/).
    #[arg(long, global = true)]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Apply pending database migrations (or list them with --status).
    Migrate(migrate::Args),
    /// Show which section a report with these answers is routed to (no database needed).
    Route(route::Args),
    /// Look at stored reports.
    #[command(subcommand)]
    Report(report::Command),
    /// Manage staff accounts.
    #[command(subcommand)]
    User(user::Command),
    /// Personal API tokens: create (shown once), list, revoke.
    #[command(subcommand)]
    Token(token::Command),
    /// Create realistic fake reports (demonstrations, load tests).
    Seed(seed::Args),
    /// Wizard drafts (periodic clean-up).
    #[command(subcommand)]
    Drafts(PurgeOnly),
    /// Staff sessions and failed sign-ins (periodic clean-up).
    #[command(subcommand)]
    Sessions(PurgeOnly),
    /// Recompute the staff trends page (top words of report descriptions).
    RefreshTrends,
    /// Check the settings crt-portal would start with (environment and VCAP_SERVICES); secrets are never shown.
    CheckConfig {
        /// Also fetch the single sign-on provider's discovery document and
        /// keys (proves it is reachable and its TLS trusted).
        #[arg(long)]
        probe: bool,
    },
    /// Move the data between databases: export, import, verify (SQLite and PostgreSQL).
    #[command(subcommand)]
    Db(db::Command),
    /// E-mail: send what is due, see the outbox, requeue failures, catch mail locally.
    #[command(subcommand)]
    Mail(mail::Command),
    /// Change the protected-class options (list, add, rename, reorder, retire, restore, merge, history).
    ProtectedClass(protected_class::Args),
    /// Staff attachments: verify that every stored file is there and unchanged.
    #[command(subcommand)]
    Attachments(attachments::Command),
    /// Retention schedules and disposal batches: schedules, defaults, propose, dispose.
    #[command(subcommand)]
    Retention(retention::Command),
    /// A section's tags: list, add, retire.
    #[command(subcommand)]
    Tag(triage::TagCommand),
    /// Flag repeat writers' reports (refresh after changing REPEAT_WRITER_* or for old data).
    #[command(subcommand)]
    RepeatWriters(triage::RepeatCommand),
    /// Staff notifications: apply the shared saved searches' automatic actions, then queue the "Assigned to you" e-mails and the digests that are due.
    #[command(subcommand)]
    Notifications(notifications::Command),
    /// Shared saved searches' automatic actions: list them, switch one off.
    #[command(subcommand)]
    SavedSearches(saved_searches::Command),
}

/// A group whose only command is `purge`.
#[derive(Debug, Subcommand)]
enum PurgeOnly {
    /// Delete what has expired.
    Purge,
}

pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    // Resolved only by the commands that use a database, so that `route`
    // or `mail catch` work whatever VCAP_SERVICES holds.
    let flag = cli.database_url;
    let url = move || database_url(flag.as_deref());
    match cli.command {
        Command::Migrate(args) => migrate::run(&url()?, args).await,
        Command::Route(args) => route::run(args),
        Command::Report(cmd) => report::run(&url()?, cmd).await,
        Command::User(cmd) => user::run(&url()?, cmd).await,
        Command::Token(cmd) => token::run(&url()?, cmd).await,
        Command::Seed(args) => seed::run(&url()?, args).await,
        Command::Drafts(PurgeOnly::Purge) => purge::drafts(&url()?).await,
        Command::Sessions(PurgeOnly::Purge) => purge::sessions(&url()?).await,
        Command::CheckConfig { probe } => check_config::run(probe).await,
        Command::RefreshTrends => trends::refresh(&url()?).await,
        Command::Db(cmd) => db::run(&url()?, cmd).await,
        Command::Mail(cmd) => mail::run(url, cmd).await,
        Command::ProtectedClass(args) => protected_class::run(&url()?, args).await,
        Command::Attachments(cmd) => attachments::run(&url()?, cmd).await,
        Command::Retention(cmd) => retention::run(&url()?, cmd).await,
        Command::Tag(cmd) => triage::tag(&url()?, cmd).await,
        Command::RepeatWriters(cmd) => triage::repeat_writers(&url()?, cmd).await,
        Command::Notifications(cmd) => notifications::run(&url()?, cmd).await,
        Command::SavedSearches(cmd) => saved_searches::run(&url()?, cmd).await,
    }
}

/// The database URL: `--database-url` when given, else resolved exactly as
/// `crt-portal` resolves it (`DATABASE_URL`, then `VCAP_SERVICES`, then the
/// SQLite file under ./data/), whatever the other settings say.
///
/// Errors: `VCAP_SERVICES` is malformed.
fn database_url(flag: Option<&str>) -> anyhow::Result<String> {
    match flag {
        Some(url) => Ok(url.to_owned()),
        None => crt_settings::database_url_from_env()
            .map(|url| url.expose().to_owned())
            .map_err(|e| anyhow::anyhow!("settings: {e}")),
    }
}

/// Opens (and migrates) the database, with the URL's password kept out of errors.
pub async fn open(url: &str) -> anyhow::Result<Db> {
    Db::connect(url).await.map_err(|e| anyhow::anyhow!("{e}"))
}
