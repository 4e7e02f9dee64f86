//! `crt-admin retention …`: retention schedules, their defaults per
//! section and status, proposing disposal batches and disposing of the
//! approved ones (docs/retention.md). Approving and rejecting happen on
//! the staff page `/form/retention/`, where each reviewer is signed in.

use std::{process::ExitCode, sync::Arc};

use anyhow::anyhow;
use crt_domain::{
    choice::Choice,
    ports::{RepositoryError, RetentionRepository, SystemClock},
    report::{Section, Status},
    retention::{Schedule, parse_code},
    service::{Retention, outcome_label, state_label},
};

/// Who a batch proposed from the command line is proposed by.
const CLI_ACTOR: &str = "crt-admin";

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// List the retention schedules.
    Schedules,
    /// Create or change a schedule.
    Schedule {
        /// Its code, e.g. 7-year.
        code: String,
        /// What staff read.
        #[arg(long)]
        name: Option<String>,
        /// The NARA disposition authority it follows (e.g. DAA-0060-2015-0001-0001).
        #[arg(long)]
        authority: Option<String>,
        /// Years after closing.
        #[arg(long, conflicts_with = "permanent", value_parser = clap::value_parser!(u32).range(1..=100))]
        years: Option<u32>,
        /// Never destroyed here.
        #[arg(long)]
        permanent: bool,
        /// Stop offering it for new choices (it still applies to reports that have it).
        #[arg(long, conflicts_with = "activate")]
        retire: bool,
        /// Offer it again.
        #[arg(long)]
        activate: bool,
        /// Show the change without making it.
        #[arg(long)]
        dry_run: bool,
    },
    /// List the default schedules per section and status.
    Defaults,
    /// Set the default schedule of a section (for one status, or all three).
    SetDefault {
        /// Section code (e.g. CRM).
        #[arg(long)]
        section: String,
        /// new, open or closed (default: all three).
        #[arg(long)]
        status: Option<String>,
        /// The schedule's code.
        #[arg(long, required_unless_present = "clear")]
        schedule: Option<String>,
        /// Remove the default instead.
        #[arg(long, conflicts_with = "schedule")]
        clear: bool,
        /// Show the change without making it.
        #[arg(long)]
        dry_run: bool,
    },
    /// Gather the closed reports past their schedule (not on litigation
    /// hold, in no other batch) into a batch for two reviewers.
    Propose {
        /// Days before the batch may be disposed of.
        #[arg(long, default_value_t = crt_domain::retention::DEFAULT_WAIT_DAYS, value_parser = clap::value_parser!(i64).range(0..=3650))]
        wait_days: i64,
        /// List what would be proposed; store nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// List the disposal batches.
    Batches,
    /// Show one batch and its reports.
    Batch {
        /// Its number.
        id: i64,
    },
    /// Dispose of the approved batches whose date has come (periodic; safe
    /// to run as often as you like, on any number of instances).
    Dispose {
        /// Say what would be disposed of; change nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

fn parse_section(s: &str) -> anyhow::Result<Section> {
    s.trim()
        .to_ascii_uppercase()
        .parse()
        .map_err(|e| anyhow!("--section: {e}"))
}

fn print_schedule(s: &Schedule) {
    println!(
        "{}\t{}\t{}\t{}\t{}",
        s.code,
        s.years.map_or("permanent".into(), |y| format!("{y} years")),
        if s.authority.is_empty() {
            "(none)"
        } else {
            &s.authority
        },
        if s.active { "active" } else { "retired" },
        s.name
    );
}

pub async fn run(url: &str, cmd: Command) -> anyhow::Result<ExitCode> {
    let db = Arc::new(super::open(url).await?);
    match cmd {
        Command::Schedules => {
            println!("code\tperiod\tauthority\tstate\tname");
            for s in db.schedules().await? {
                print_schedule(&s);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Schedule {
            code,
            name,
            authority,
            years,
            permanent,
            retire,
            activate,
            dry_run,
        } => {
            let code = parse_code(&code).map_err(|e| anyhow!("{e}"))?;
            let all = db.schedules().await?;
            let old = all.iter().find(|s| s.code == code).cloned();
            let mut s = match old.clone() {
                Some(s) => s,
                None => Schedule {
                    name: name
                        .clone()
                        .ok_or_else(|| anyhow!("a new schedule needs --name"))?,
                    years: match (years, permanent) {
                        (Some(y), false) => Some(y),
                        (None, true) => None,
                        _ => return Err(anyhow!("a new schedule needs --years N or --permanent")),
                    },
                    code: code.clone(),
                    authority: String::new(),
                    active: true,
                    position: all.iter().map(|s| s.position).max().unwrap_or(0) + 1,
                },
            };
            if let Some(n) = name {
                s.name = n.trim().to_owned();
            }
            if let Some(a) = authority {
                s.authority = a.trim().to_owned();
            }
            if let Some(y) = years {
                s.years = Some(y);
            }
            if permanent {
                s.years = None;
            }
            if retire {
                s.active = false;
            }
            if activate {
                s.active = true;
            }
            if s.name.is_empty()
                || s.name.chars().count() > 200
                || s.authority.chars().count() > 100
            {
                return Err(anyhow!(
                    "a name is 1 to 200 characters and an authority at most 100"
                ));
            }
            if old.as_ref() == Some(&s) {
                println!("nothing to change");
                return Ok(ExitCode::SUCCESS);
            }
            print_schedule(&s);
            if dry_run {
                println!("dry run: nothing changed");
            } else {
                db.save_schedule(&s).await?;
                println!("{}", if old.is_some() { "changed" } else { "created" });
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Defaults => {
            println!("section\tstatus\tschedule");
            for d in db.default_schedules().await? {
                println!(
                    "{}\t{}\t{}",
                    d.section.value(),
                    d.status.value(),
                    d.schedule
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::SetDefault {
            section,
            status,
            schedule,
            clear: _,
            dry_run,
        } => {
            let section = parse_section(&section)?;
            let statuses: Vec<Status> = match status {
                Some(s) => vec![s.trim().parse().map_err(|e| anyhow!("--status: {e}"))?],
                None => Status::ALL.to_vec(),
            };
            let schedule = schedule
                .map(|s| parse_code(&s).map_err(|e| anyhow!("--schedule: {e}")))
                .transpose()?;
            if let Some(code) = &schedule
                && !db.schedules().await?.iter().any(|s| &s.code == code)
            {
                return Err(anyhow!(
                    "there is no retention schedule {code:?} (crt-admin retention schedules)"
                ));
            }
            for status in statuses {
                println!(
                    "{}\t{}\t{}",
                    section.value(),
                    status.value(),
                    schedule.as_deref().unwrap_or("(no default)")
                );
                if !dry_run {
                    match db
                        .set_default_schedule(section, status, schedule.as_deref())
                        .await
                    {
                        Err(RepositoryError::Invalid(m)) => return Err(anyhow!("{m}")),
                        other => other?,
                    }
                }
            }
            if dry_run {
                println!("dry run: nothing changed");
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Propose { wait_days, dry_run } => {
            let service = service(db, None)?;
            let p = service.propose(CLI_ACTOR, Some(wait_days), dry_run).await?;
            for code in &p.without_authority {
                println!(
                    "WARNING reports past schedule {code} are left out: it cites no disposition authority (crt-admin retention schedule {code} --authority …)"
                );
            }
            for r in &p.reports {
                println!(
                    "{}\t{}\tclosed {}\t{}",
                    r.public_id,
                    r.section.value(),
                    r.closed_at.format("%Y-%m-%d"),
                    r.schedule
                );
            }
            match (p.batch, dry_run) {
                (_, true) => println!(
                    "dry run: {} report(s) would be proposed; nothing stored",
                    p.reports.len()
                ),
                (Some(id), false) => println!(
                    "proposed batch {} with {} report(s), not to be disposed of before {}; two members of the records group approve it at /form/retention/{}/",
                    id.0,
                    p.reports.len(),
                    p.dispose_after
                        .map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string()),
                    id.0
                ),
                (None, false) => println!("nothing is due for disposal"),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Batches => {
            println!("batch\tstate\treports\tproposed\tby\tapprovals\tdispose after");
            for b in db.batches().await? {
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    b.id.0,
                    b.state.value(),
                    b.report_count,
                    b.proposed_at.format("%Y-%m-%d"),
                    b.proposed_by,
                    b.approvals
                        .iter()
                        .map(|a| a.approver.as_str())
                        .collect::<Vec<_>>()
                        .join(","),
                    b.dispose_after.format("%Y-%m-%d")
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Batch { id } => {
            let b = match db.batch(crt_domain::retention::BatchId(id)).await {
                Err(RepositoryError::NotFound) => return Err(anyhow!("there is no batch {id}")),
                other => other?,
            };
            println!("batch {}: {}", b.id.0, state_label(b.state));
            println!(
                "proposed {} by {}",
                b.proposed_at.format("%Y-%m-%d %H:%M UTC"),
                b.proposed_by
            );
            println!(
                "not disposed of before {}",
                b.dispose_after.format("%Y-%m-%d %H:%M UTC")
            );
            for a in &b.approvals {
                println!(
                    "approved {} by {}",
                    a.at.format("%Y-%m-%d %H:%M UTC"),
                    a.approver
                );
            }
            if let Some(reason) = &b.rejection_reason {
                println!(
                    "rejected by {}: {reason}",
                    b.decided_by.as_deref().unwrap_or("?")
                );
            }
            for r in &b.reports {
                println!(
                    "{}\t{}\t{}\t{}",
                    r.public_id,
                    r.section.value(),
                    r.schedule,
                    outcome_label(r.outcome)
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Dispose { dry_run } => {
            let settings = crt_web::Settings::from_env().map_err(|e| anyhow!("{e}"))?;
            let (store, _scanner) = crt_web::compose::attachment_adapters(&settings)
                .map_err(|e| anyhow!("attachments: {e}"))?;
            let service = service(db, Some(store))?;
            let run = service.dispose(CLI_ACTOR, dry_run).await?;
            if run.batches.is_empty() {
                println!("no approved batch is due");
            }
            for b in &run.batches {
                let id = b.id.map_or(0, |i| i.0);
                for p in &b.disposed {
                    println!(
                        "{}\tbatch {id}\t{}",
                        p,
                        if dry_run {
                            "would be disposed of"
                        } else {
                            "disposed of"
                        }
                    );
                }
                for p in &b.skipped_hold {
                    println!("{p}\tbatch {id}\tskipped: on litigation hold");
                }
                for p in &b.skipped_open {
                    println!("{p}\tbatch {id}\tskipped: no longer closed");
                }
                for p in &b.skipped_not_due {
                    println!("{p}\tbatch {id}\tskipped: no longer past its retention schedule");
                }
                println!(
                    "batch {id}: {} {}, {} skipped (hold), {} skipped (reopened), {} skipped (no longer due), {} done before{}",
                    b.disposed.len(),
                    if dry_run {
                        "to dispose of"
                    } else {
                        "disposed of"
                    },
                    b.skipped_hold.len(),
                    b.skipped_open.len(),
                    b.skipped_not_due.len(),
                    b.already,
                    if b.finished { "; batch finished" } else { "" }
                );
            }
            if dry_run {
                println!("dry run: nothing changed");
                return Ok(ExitCode::SUCCESS);
            }
            println!("{} attachment file(s) deleted from storage", run.purged);
            for (key, why) in &run.purge_failures {
                println!("PROBLEM could not delete {key}: {why} (retried next run)");
            }
            Ok(if run.purge_failures.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
    }
}

fn service(
    db: Arc<crt_persistence::Db>,
    store: Option<Arc<dyn crt_domain::ports::AttachmentStore>>,
) -> anyhow::Result<Retention> {
    let store = match store {
        Some(s) => s,
        None => {
            let settings = crt_web::Settings::from_env().map_err(|e| anyhow!("{e}"))?;
            crt_web::compose::attachment_adapters(&settings)
                .map_err(|e| anyhow!("attachments: {e}"))?
                .0
        }
    };
    Ok(Retention {
        repo: db,
        store,
        clock: Arc::new(SystemClock),
    })
}
