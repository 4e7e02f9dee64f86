//! Embedding the domain: the `FileReport` use case wired to a small
//! in-memory repository written here, filing a report from a set of
//! answers and printing where it was routed and why.
//!
//! ```text
//! cargo run -p crt-domain --example file_report
//! ```
//!
//! A real adapter (`crt-persistence`) implements the same ports over a
//! database; this one keeps reports in a `Vec` and supports only what
//! filing needs, answering the rest with an error that says so.

use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use crt_domain::{
    draft::Draft,
    draft::Rekey,
    ports::{
        DecideUpdate, DraftError, DraftRepository, NewOutboxEmail, Page, ProtectedClassRepository,
        RateLimitRepository, ReportQuery, ReportRepository, RepositoryError, SystemClock,
        UpdateOutcome, UpdateTarget,
    },
    protected_class::{ProtectedClassCatalog, current_catalog},
    report::{Report, ReportId, ReportRecord, StaffFields},
    service::{FileError, FileReport, Intake, NoWake, PublicLimits, RateLimits},
    staff::Activity,
    validation::Answers,
    values::PublicId,
};

/// Reports and queued e-mails, in memory.
#[derive(Default)]
struct Memory {
    reports: Mutex<Vec<ReportRecord>>,
    outbox: Mutex<Vec<NewOutboxEmail>>,
    events: Mutex<Vec<(String, DateTime<Utc>)>>,
}

fn not_kept(what: &str) -> RepositoryError {
    RepositoryError::Backend(format!("this example does not keep {what}"))
}

fn locked<T>(m: &Mutex<T>) -> Result<std::sync::MutexGuard<'_, T>, RepositoryError> {
    m.lock()
        .map_err(|e| RepositoryError::Backend(format!("lock poisoned: {e}")))
}

#[async_trait]
impl ReportRepository for Memory {
    async fn create_with_email(
        &self,
        report: &Report,
        staff: &StaffFields,
        email: Option<NewOutboxEmail>,
        _activity: &[Activity],
        now: DateTime<Utc>,
    ) -> Result<ReportRecord, RepositoryError> {
        let mut reports = locked(&self.reports)?;
        let id = i64::try_from(reports.len()).unwrap_or(i64::MAX) + 1;
        let record = ReportRecord {
            id: ReportId(id),
            public_id: PublicId::generate(id, &mut rand::rng()),
            report: report.clone(),
            staff: staff.clone(),
            create_date: now,
            modified_date: now,
            version: 1,
            repeat_writer: false,
        };
        reports.push(record.clone());
        locked(&self.outbox)?.extend(email);
        Ok(record)
    }

    async fn get(&self, id: ReportId) -> Result<ReportRecord, RepositoryError> {
        locked(&self.reports)?
            .iter()
            .find(|r| r.id == id)
            .cloned()
            .ok_or(RepositoryError::NotFound)
    }

    async fn get_by_public_id(&self, id: &PublicId) -> Result<ReportRecord, RepositoryError> {
        locked(&self.reports)?
            .iter()
            .find(|r| &r.public_id == id)
            .cloned()
            .ok_or(RepositoryError::NotFound)
    }

    async fn list(&self, _: &ReportQuery) -> Result<Page<ReportRecord>, RepositoryError> {
        Err(not_kept("a searchable list"))
    }

    async fn update_staff(
        &self,
        _: &[UpdateTarget],
        _: &DecideUpdate,
    ) -> Result<UpdateOutcome, RepositoryError> {
        Err(not_kept("staff changes"))
    }

    async fn update_answers(
        &self,
        id: ReportId,
        expected_version: i32,
        report: &Report,
        _activity: &[Activity],
        now: DateTime<Utc>,
    ) -> Result<ReportRecord, RepositoryError> {
        let mut reports = locked(&self.reports)?;
        let r = reports
            .iter_mut()
            .find(|r| r.id == id)
            .ok_or(RepositoryError::NotFound)?;
        if r.version != expected_version {
            return Err(RepositoryError::Conflict {
                current_version: r.version,
            });
        }
        r.report = report.clone();
        r.modified_date = now;
        r.version += 1;
        Ok(r.clone())
    }

    async fn related_by_email(
        &self,
        _: &str,
        _: ReportId,
        _: u64,
    ) -> Result<Vec<ReportRecord>, RepositoryError> {
        Err(not_kept("related reports"))
    }

    async fn email_counts(
        &self,
        _: &[String],
    ) -> Result<std::collections::HashMap<String, u64>, RepositoryError> {
        Err(not_kept("e-mail counts"))
    }

    async fn activity(&self, _: ReportId) -> Result<Vec<Activity>, RepositoryError> {
        Err(not_kept("activity logs"))
    }
}

/// Filing from answers needs no drafts: the public form's wizard does.
#[async_trait]
impl DraftRepository for Memory {
    async fn load_draft(&self, _: &str, _: DateTime<Utc>) -> Result<Option<Draft>, DraftError> {
        Ok(None)
    }

    async fn save_draft(
        &self,
        _: &str,
        _: &Draft,
        _: DateTime<Utc>,
        _: chrono::Duration,
    ) -> Result<i32, DraftError> {
        Err(not_kept("drafts").into())
    }

    async fn submit_draft(
        &self,
        _: &str,
        _: i32,
        _: &Rekey,
        _: &Report,
        _: &StaffFields,
        _: Option<NewOutboxEmail>,
        _: DateTime<Utc>,
    ) -> Result<ReportRecord, DraftError> {
        Err(not_kept("drafts").into())
    }

    async fn purge_expired_drafts(&self, _: DateTime<Utc>) -> Result<u64, DraftError> {
        Ok(0)
    }
}

/// The limits' counters (the auto-response limit counts per recipient).
#[async_trait]
impl RateLimitRepository for Memory {
    async fn count_event(
        &self,
        bucket: &str,
        now: DateTime<Utc>,
        since: DateTime<Utc>,
    ) -> Result<(i64, u64), RepositoryError> {
        let mut events = locked(&self.events)?;
        events.push((bucket.to_owned(), now));
        let n = events
            .iter()
            .filter(|(b, t)| b == bucket && *t >= since)
            .count();
        Ok((events.len() as i64 - 1, n as u64))
    }

    async fn forget_event(&self, _: i64) -> Result<(), RepositoryError> {
        Err(not_kept("refused events"))
    }

    async fn purge_events(&self, before: DateTime<Utc>) -> Result<u64, RepositoryError> {
        let mut events = locked(&self.events)?;
        let n = events.len();
        events.retain(|(_, t)| *t >= before);
        Ok((n - events.len()) as u64)
    }
}

/// The protected classes the portal ships with.
#[async_trait]
impl ProtectedClassRepository for Memory {
    async fn catalog(&self) -> Result<ProtectedClassCatalog, RepositoryError> {
        Ok(current_catalog())
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), FileError> {
    let store = Arc::new(Memory::default());
    let file = FileReport {
        drafts: store.clone(),
        reports: store.clone(),
        catalog: store.clone(),
        wake: Arc::new(NoWake),
        limits: RateLimits {
            events: store.clone(),
            limits: PublicLimits::default(),
            clock: Arc::new(SystemClock),
        },
        clock: Arc::new(SystemClock),
        triage: None,
    };
    let answers = Answers::from_pairs([
        ("servicemember", "no"),
        ("contact_email", "voter@example.org"),
        ("primary_complaint", "voting"),
        ("election_details", "federal"),
        ("location_name", "City Hall"),
        ("location_city_town", "Springfield"),
        ("location_state", "IL"),
        ("protected_class", "disability"),
        ("last_incident_month", "11"),
        ("last_incident_year", "2026"),
        (
            "violation_summary",
            "The polling place had no ramp and I could not get in to vote.",
        ),
    ]);

    // Missing answers come back all at once, with the step to fix first.
    let mut incomplete = answers.clone();
    incomplete.set("violation_summary", Vec::new());
    if let Err(FileError::Invalid { errors, first_step }) =
        file.from_answers(&incomplete, &Intake::public_web()).await
    {
        println!(
            "not filed: fix step {first_step:?}: {:?}",
            errors.for_field("violation_summary")
        );
    }

    let record = file
        .from_answers(&answers, &Intake::public_web())
        .await?
        .record;
    println!("filed:   {}", record.public_id);
    println!("section: {}", record.staff.assigned_section);
    println!("why:     {}", record.staff.routing_explanation);
    let queued = store.outbox.lock().map(|o| o.len()).unwrap_or(0);
    println!("auto-response queued: {}", queued == 1);
    Ok(())
}
