//! `crt-admin mail …`: the outbox from the command line.
//!
//! - `send-pending`: one run of the worker that `crt-portal` runs in the
//!   background (same settings, same rules); for cron, a Cloud Foundry task,
//!   or instances started with `EMAIL_WORKER=off`. Safe beside running
//!   instances: rows are claimed, never sent twice by two workers.
//! - `status`: mails by status, and the latest failures with their errors.
//! - `requeue`: failed mails back in the queue (after a long outage).
//! - `suppress ADDRESS`: add to the do-not-email list (a request by phone).
//! - `catch`: a local SMTP catcher printing what arrives (instead of MailHog).

use std::{process::ExitCode, sync::Arc};

use anyhow::Context as _;
use chrono::Utc;
use crt_domain::{
    email::{OutboxRepository, RequeueScope},
    ports::SystemClock,
    values::Email,
};
use crt_mail::{MailBackend, letters::LetterBook, worker::Worker};
use crt_settings::Settings;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Send every mail that is due now (with the server's e-mail settings), then exit.
    SendPending,
    /// Count mails by status and list the latest failures.
    Status {
        /// How many failures to list.
        #[arg(long, default_value_t = 10)]
        failures: u64,
    },
    /// Put failed mails back in the queue with fresh attempts (default: those that ran out of retries).
    Requeue {
        /// Only this mail (its id from `mail status`).
        #[arg(long, conflicts_with = "all")]
        id: Option<i64>,
        /// Every failed mail, including those the provider refused (4xx).
        #[arg(long)]
        all: bool,
    },
    /// Never e-mail this address again (the do-not-email list).
    Suppress {
        /// The address.
        address: String,
    },
    /// Run a local SMTP catcher that prints every message it receives (Ctrl-C stops it).
    Catch {
        /// Address to listen on (EMAIL_HOST/EMAIL_PORT of the portal should point here).
        #[arg(long, default_value = "127.0.0.1:1025")]
        listen: String,
        /// Share of messages answered with a temporary 451 (0 to 1), to
        /// see the outbox retry.
        #[arg(long, default_value_t = 0.0)]
        reject_rate: f64,
        /// Share of messages whose connection is dropped before it is
        /// answered (0 to 1).
        #[arg(long, default_value_t = 0.0)]
        disconnect_rate: f64,
        /// Milliseconds to wait before each reply.
        #[arg(long, default_value_t = 0)]
        delay_ms: u64,
        /// Seed of the injected faults (the same seed repeats a run).
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

/// Runs `cmd`; `url` gives the database URL to the commands that need one.
pub async fn run(
    url: impl FnOnce() -> anyhow::Result<String>,
    cmd: Command,
) -> anyhow::Result<ExitCode> {
    match cmd {
        Command::SendPending => send_pending(&url()?).await,
        Command::Status { failures } => status(&url()?, failures).await,
        Command::Requeue { id, all } => {
            let db = super::open(&url()?).await?;
            let scope = match (id, all) {
                (Some(id), _) => RequeueScope::One(id),
                (None, true) => RequeueScope::AllFailed,
                (None, false) => RequeueScope::OutOfRetries,
            };
            let n = db.requeue_failed(scope, Utc::now()).await?;
            println!("requeued {n} failed mail(s); they go out at the next worker pass");
            Ok(ExitCode::SUCCESS)
        }
        Command::Suppress { address } => {
            let email = Email::parse(&address).map_err(|e| anyhow::anyhow!("{address:?}: {e}"))?;
            let db = super::open(&url()?).await?;
            db.suppress(&email, "crt-admin", Utc::now()).await?;
            println!("{email} is on the do-not-email list");
            Ok(ExitCode::SUCCESS)
        }
        Command::Catch {
            listen,
            reject_rate,
            disconnect_rate,
            delay_ms,
            seed,
        } => {
            for (name, rate) in [
                ("--reject-rate", reject_rate),
                ("--disconnect-rate", disconnect_rate),
            ] {
                if !(0.0..=1.0).contains(&rate) {
                    eprintln!("error: {name} is a share from 0 to 1, not {rate}");
                    return Ok(ExitCode::from(2));
                }
            }
            if reject_rate + disconnect_rate > 1.0 {
                eprintln!("error: --reject-rate and --disconnect-rate add up to more than 1");
                return Ok(ExitCode::from(2));
            }
            let faults = crt_mail::catcher::Faults {
                reject_rate,
                disconnect_rate,
                delay: std::time::Duration::from_millis(delay_ms),
                seed,
            };
            catch(&listen, faults).await
        }
    }
}

async fn send_pending(url: &str) -> anyhow::Result<ExitCode> {
    let settings = Settings::from_env().map_err(|e| anyhow::anyhow!("settings: {e}"))?;
    let config = crt_web::compose::mail_config(&settings);
    let Some(sender) = crt_mail::sender_for(&config).map_err(|e| anyhow::anyhow!(e))? else {
        let missing = match &config.backend {
            MailBackend::Off { missing } => missing.join(", "),
            _ => String::new(),
        };
        let db = super::open(url).await?;
        let waiting = db.outbox_counts().await?.get("new").copied().unwrap_or(0);
        eprintln!("e-mail is off (missing {missing}); {waiting} mail(s) wait in the outbox");
        return Ok(ExitCode::from(2));
    };
    let db = super::open(url).await?;
    let messages = crt_i18n::Messages::load().context("loading the message files")?;
    let letters = LetterBook::embedded(std::sync::Arc::new(messages)).context("loading letters")?;
    let worker = Worker::from_settings(
        Arc::new(db.clone()),
        Arc::new(db.clone()),
        sender.clone(),
        Arc::new(letters),
        &config,
    );
    println!("sending due mail with {}", sender.name());
    let s = worker.drain(&SystemClock).await?;
    println!(
        "claimed {}: {} handed over, {} to retry, {} failed, {} skipped",
        s.claimed, s.sent, s.retrying, s.failed, s.skipped
    );
    // Failures are recorded on each mail; the run itself worked.
    Ok(ExitCode::SUCCESS)
}

async fn status(url: &str, failures: u64) -> anyhow::Result<ExitCode> {
    let db = super::open(url).await?;
    let counts = db.outbox_counts().await?;
    if counts.is_empty() {
        println!("the outbox is empty");
    }
    for (status, n) in &counts {
        println!("{status}\t{n}");
    }
    let failed = db.failed_emails(failures).await?;
    if !failed.is_empty() {
        println!(
            "\nlatest failures (crt-admin mail requeue sends those out of retries again; --id ID or --all for others):"
        );
        for f in failed {
            println!(
                "{}\t{}\t{}\t{}\t{}",
                f.id,
                f.completed_at
                    .map(|d| d.format("%Y-%m-%d %H:%M").to_string())
                    .unwrap_or_default(),
                f.template,
                f.recipient,
                f.error_message.unwrap_or_default()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn catch(listen: &str, faults: crt_mail::catcher::Faults) -> anyhow::Result<ExitCode> {
    let catcher = crt_mail::catcher::SmtpCatcher::start_with(listen, faults)
        .await
        .with_context(|| format!("cannot listen on {listen}"))?;
    println!(
        "catching mail on {} (start crt-portal with EMAIL_HOST={} EMAIL_PORT={}); Ctrl-C stops",
        catcher.addr(),
        catcher.addr().ip(),
        catcher.addr().port()
    );
    if faults != crt_mail::catcher::Faults::default() {
        println!(
            "injecting faults: {:.0}% answered 451, {:.0}% disconnected, {} ms before each reply (seed {})",
            faults.reject_rate * 100.0,
            faults.disconnect_rate * 100.0,
            faults.delay.as_millis(),
            faults.seed
        );
    }
    let printing = catcher.for_each(|m| {
        println!("---- {} -> {}", m.from, m.to.join(", "));
        println!("Subject: {}", m.header("Subject").unwrap_or_default());
        println!("Message-ID: {}", m.header("Message-ID").unwrap_or_default());
        println!("{}", m.body());
    });
    tokio::select! {
        _ = printing => {}
        _ = tokio::signal::ctrl_c() => {}
    }
    Ok(ExitCode::SUCCESS)
}
