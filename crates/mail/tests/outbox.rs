//! The outbox worker against real databases (SQLite always, PostgreSQL when
//! `TEST_DATABASE_URL` is set): sending and recording, rendering queued
//! auto-responses, retries with backoff, permanent failures, the recipient
//! policy and do-not-email list, recovery after a crash between claim and
//! record, TMS down then back with its webhook, and two workers sharing
//! 1,000 mails without sending one twice.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;

use std::{collections::HashSet, sync::Arc, time::Duration};

use chrono::{DateTime, Utc};
use common::{FakeTms, TmsMode, at};
use crt_domain::{
    email::{
        EmailSender, EmailStatus, NewLetter, OutboxRepository, RecipientPolicy, SendError,
        WebhookOutcome,
    },
    ports::{FixedClock, ReportRepository},
    protected_class::current_catalog,
    report::ReportId,
    values::Email,
};
use crt_mail::{
    UnsubscribeLinks, letters::LetterBook, memory::MemorySender, tms::TmsSender, worker::Worker,
};
use crt_migrations::{Expr, Query};
use crt_persistence::{
    Db,
    testing::{TestDb, count_rows, execute},
};

fn worker(db: &Db, sender: Arc<dyn EmailSender>) -> Worker {
    Worker::new(
        Arc::new(db.clone()),
        Arc::new(db.clone()),
        sender,
        Arc::new(
            LetterBook::embedded(std::sync::Arc::new(crt_i18n::Messages::load().unwrap())).unwrap(),
        ),
        RecipientPolicy::default(),
        UnsubscribeLinks::new("https://portal.example", "k".repeat(40).as_str()),
    )
}

async fn file_report(db: &Db, language: &str) -> ReportId {
    let mut report = common::report(&current_catalog(), &[]);
    report.language = language.into();
    let staff = common::staff_for(&report);
    db.create(&report, &staff, at(3, 15)).await.unwrap().id
}

fn letter(to: &str) -> NewLetter {
    NewLetter {
        recipient: Email::parse(to).unwrap(),
        template: "more_information".into(),
        title: "Request for more information".into(),
        subject: "Subject".into(),
        body: "<p>Body</p>".into(),
        request_key: None,
    }
}

/// A filed report with one staff letter queued to `to` (at 20 Nov, 09:00).
async fn report_with_letter(db: &Db, to: &str) -> ReportId {
    let report = file_report(db, "en").await;
    db.queue_letter(report, &letter(to), "jdoe", at(20, 9))
        .await
        .unwrap();
    report
}

/// Queues an auto-response the way a submission does: no subject or body.
async fn queue_auto(db: &Db, report: ReportId, to: &str, now: DateTime<Utc>) {
    let mut insert = Query::insert();
    insert
        .into_table("email_outbox")
        .columns([
            "report_id",
            "recipient",
            "purpose",
            "template",
            "status",
            "attempts",
            "created_at",
            "next_attempt_at",
        ])
        .values_panic([
            report.0.into(),
            to.into(),
            "auto".into(),
            "autoresponse".into(),
            "new".into(),
            0.into(),
            Expr::value(now),
            Expr::value(now),
        ]);
    execute(db, &insert).await;
}

async fn the_mail(db: &Db, report: ReportId) -> crt_domain::email::OutboxEmail {
    let mut mails = db.emails_for_report(report).await.unwrap();
    assert_eq!(mails.len(), 1);
    mails.remove(0)
}

async fn a_staff_letter_is_sent_and_logged(
    TestDb { backend, db, .. }: crt_persistence::testing::TestDb,
) {
    let report = report_with_letter(&db, "ana.lopez@example.org").await;
    let activity = db.activity(report).await.unwrap();
    assert!(
        activity.iter().any(|a| a.verb == "Contacted complainant:"
            && a.actor == "jdoe"
            && a.new_value.as_deref()
                == Some("Request for more information (ana.lopez@example.org)")),
        "{backend}: {activity:?}"
    );
    let sender = Arc::new(MemorySender::default());
    let w = worker(&db, sender.clone());
    let s = w.run_once(at(20, 9)).await.unwrap();
    assert_eq!((s.claimed, s.sent), (1, 1), "{backend}");
    assert_eq!(sender.sent()[0].subject, "Subject");
    let mail = the_mail(&db, report).await;
    assert_eq!(mail.status, EmailStatus::Sent, "{backend}");
    assert_eq!(mail.completed_at, Some(at(20, 9)));
    assert_eq!(mail.attempts, 1);
    // Nothing is due any more.
    assert_eq!(w.run_once(at(21, 9)).await.unwrap().claimed, 0, "{backend}");
    // A letter for a report that does not exist is refused, and nothing stays.
    assert!(
        db.queue_letter(
            ReportId(999_999),
            &letter("a@example.org"),
            "jdoe",
            at(20, 9)
        )
        .await
        .is_err()
    );
    assert_eq!(count_rows(&db, "email_outbox").await, 1, "{backend}");
    // The same request key twice (a double click): queued once, logged once.
    let keyed = NewLetter {
        request_key: Some("k".repeat(32)),
        ..letter("ana.lopez@example.org")
    };
    db.queue_letter(report, &keyed, "jdoe", at(20, 10))
        .await
        .unwrap();
    assert!(matches!(
        db.queue_letter(report, &keyed, "jdoe", at(20, 10)).await,
        Err(crt_domain::ports::RepositoryError::Duplicate(_))
    ));
    assert_eq!(count_rows(&db, "email_outbox").await, 2, "{backend}");
    let contacted = db
        .activity(report)
        .await
        .unwrap()
        .into_iter()
        .filter(|a| a.verb == "Contacted complainant:")
        .count();
    assert_eq!(contacted, 2, "{backend}");
}
crt_persistence::per_backend!(a_staff_letter_is_sent_and_logged);

async fn auto_responses_are_rendered_in_the_reports_language_when_sent(
    TestDb { backend, db, .. }: crt_persistence::testing::TestDb,
) {
    let es = file_report(&db, "es").await;
    let vi = file_report(&db, "vi").await;
    queue_auto(&db, es, "ana.lopez@example.org", at(20, 9)).await;
    queue_auto(&db, vi, "ana.lopez@example.org", at(20, 9)).await;
    let sender = Arc::new(MemorySender::default());
    worker(&db, sender.clone())
        .run_once(at(20, 9))
        .await
        .unwrap();
    let sent = sender.sent();
    assert_eq!(sent.len(), 2, "{backend}");
    assert!(
        sent[0].subject.starts_with("Recibimos su reporte"),
        "{backend}"
    );
    // Vietnamese has its own letter now (every letter exists in every
    // language): no English subject.
    let vi_subject = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../templates/email/autoresponse.vi/subject.txt"
    ))
    .unwrap();
    let vi_start = vi_subject.split("{{").next().unwrap().trim();
    assert!(
        sent[1].subject.starts_with(vi_start),
        "{backend}: {}",
        sent[1].subject
    );
    assert!(
        sent[1].html_body.contains("<html lang=\"vi\">"),
        "{backend}"
    );
    assert!(
        sent[1]
            .html_body
            .contains("unsubscribe&#x2F;?address=ana.lopez%40example.org")
    );
    // What was sent is kept with the mail.
    let stored = the_mail(&db, es).await;
    assert_eq!(stored.subject.as_deref(), Some(sent[0].subject.as_str()));
    assert_eq!(stored.body.as_deref(), Some(sent[0].html_body.as_str()));
}
crt_persistence::per_backend!(auto_responses_are_rendered_in_the_reports_language_when_sent);

async fn transient_failures_back_off_then_fail_visibly(
    TestDb { backend, db, .. }: crt_persistence::testing::TestDb,
) {
    let report = report_with_letter(&db, "ana.lopez@example.org").await;
    let sender = Arc::new(MemorySender::default());
    sender.fail_with(Some(SendError::Transient("TMS 503".into())));
    let mut w = worker(&db, sender.clone());
    w.retry.max_attempts = 3;
    let t0 = at(20, 9);
    assert_eq!(w.run_once(t0).await.unwrap().retrying, 1, "{backend}");
    let mail = the_mail(&db, report).await;
    assert_eq!(mail.status, EmailStatus::New);
    assert_eq!(mail.error_message.as_deref(), Some("TMS 503"));
    assert_eq!(mail.next_attempt_at, t0 + chrono::Duration::minutes(1));
    // Not due before the backoff.
    let t = t0 + chrono::Duration::seconds(30);
    assert_eq!(w.run_once(t).await.unwrap().claimed, 0, "{backend}");
    let t = t0 + chrono::Duration::minutes(1);
    assert_eq!(w.run_once(t).await.unwrap().retrying, 1);
    assert_eq!(
        the_mail(&db, report).await.next_attempt_at,
        t + chrono::Duration::minutes(2),
        "the wait doubles"
    );
    let t = t + chrono::Duration::minutes(2);
    assert_eq!(w.run_once(t).await.unwrap().failed, 1, "{backend}");
    let mail = the_mail(&db, report).await;
    assert_eq!(mail.status, EmailStatus::Failed);
    assert_eq!(mail.attempts, 3);
    assert!(
        mail.error_message
            .unwrap()
            .contains("gave up after 3 attempts")
    );
    assert!(sender.sent().is_empty());
}
crt_persistence::per_backend!(transient_failures_back_off_then_fail_visibly);

async fn permanent_failures_fail_at_once(
    TestDb { backend, db, .. }: crt_persistence::testing::TestDb,
) {
    let report = report_with_letter(&db, "ana.lopez@example.org").await;
    let sender = Arc::new(MemorySender::default());
    sender.fail_with(Some(SendError::Permanent("TMS 422: bad recipient".into())));
    let s = worker(&db, sender).run_once(at(20, 9)).await.unwrap();
    assert_eq!(s.failed, 1, "{backend}");
    let mail = the_mail(&db, report).await;
    assert_eq!(mail.status, EmailStatus::Failed);
    assert_eq!(
        mail.error_message.as_deref(),
        Some("TMS 422: bad recipient")
    );
}
crt_persistence::per_backend!(permanent_failures_fail_at_once);

async fn restricted_and_unsubscribed_recipients_are_skipped_and_recorded(
    TestDb { backend, db, .. }: crt_persistence::testing::TestDb,
) {
    let a = file_report(&db, "en").await;
    let b = file_report(&db, "en").await;
    let c = file_report(&db, "en").await;
    db.queue_letter(a, &letter("ana.lopez@example.org"), "jdoe", at(20, 9))
        .await
        .unwrap();
    db.queue_letter(b, &letter("Dev@Example.org"), "jdoe", at(20, 9))
        .await
        .unwrap();
    db.queue_letter(c, &letter("left@example.org"), "jdoe", at(20, 9))
        .await
        .unwrap();
    let left = Email::parse("LEFT@example.org").unwrap();
    db.suppress(&left, "unsubscribe link", at(19, 9))
        .await
        .unwrap();
    // Twice is fine.
    db.suppress(&left, "unsubscribe link", at(19, 10))
        .await
        .unwrap();
    assert!(db.is_suppressed("left@EXAMPLE.org").await.unwrap());
    let sender = Arc::new(MemorySender::default());
    let mut w = worker(&db, sender.clone());
    w.policy = RecipientPolicy::parse("dev@example.org;left@example.org");
    let s = w.run_once(at(20, 9)).await.unwrap();
    assert_eq!((s.sent, s.skipped), (1, 2), "{backend}");
    assert_eq!(sender.sent()[0].recipient.as_str(), "Dev@Example.org");
    let skipped = the_mail(&db, a).await;
    assert_eq!(skipped.status, EmailStatus::Skipped);
    assert_eq!(
        skipped.error_message.as_deref(),
        Some("not in RESTRICT_EMAIL_RECIPIENTS_TO")
    );
    let unsubscribed = the_mail(&db, c).await;
    assert_eq!(unsubscribed.status, EmailStatus::Skipped);
    assert!(
        unsubscribed
            .error_message
            .unwrap()
            .contains("asked not to be e-mailed")
    );
    let counts = db.outbox_counts().await.unwrap();
    assert_eq!(counts.get("skipped"), Some(&2), "{backend}");
    assert_eq!(counts.get("sent"), Some(&1));
}
crt_persistence::per_backend!(restricted_and_unsubscribed_recipients_are_skipped_and_recorded);

async fn a_crash_between_claim_and_record_loses_nothing(
    TestDb { backend, db, .. }: crt_persistence::testing::TestDb,
) {
    let report = report_with_letter(&db, "ana.lopez@example.org").await;
    // A worker claims the mail, then dies before recording anything.
    let t0 = at(20, 9);
    let claimed = db
        .claim_due(t0, 10, Duration::from_secs(300))
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1, "{backend}");
    let sender = Arc::new(MemorySender::default());
    let w = worker(&db, sender.clone());
    // While the lease runs, nobody else takes it.
    let during = t0 + chrono::Duration::minutes(4);
    assert_eq!(w.run_once(during).await.unwrap().claimed, 0, "{backend}");
    // After it, the mail goes out, and the interruption is on record.
    let after = t0 + chrono::Duration::minutes(5);
    assert_eq!(w.run_once(after).await.unwrap().sent, 1, "{backend}");
    let mail = the_mail(&db, report).await;
    assert_eq!(mail.status, EmailStatus::Sent);
    assert_eq!((mail.attempts, mail.interrupted), (2, 1), "{backend}");
    assert_eq!(sender.sent().len(), 1);
    // The resend carries the mail's own reference (its SMTP Message-ID),
    // the one a send cut short by the crash had.
    assert_eq!(
        sender.sent()[0].reference,
        format!(
            "crt-outbox-{}-{}",
            mail.id,
            mail.created_at.timestamp_micros()
        )
    );
}
crt_persistence::per_backend!(a_crash_between_claim_and_record_loses_nothing);

async fn with_tms_down_mail_waits_and_goes_out_once_when_it_returns(
    TestDb { backend, db, .. }: crt_persistence::testing::TestDb,
) {
    let tms = FakeTms::start().await;
    let report = file_report(&db, "en").await;
    queue_auto(&db, report, "ana.lopez@example.org", at(20, 9)).await;
    let sender = Arc::new(TmsSender::new(&tms.endpoint(), "test-token").unwrap());
    let w = worker(&db, sender);
    tms.set_mode(TmsMode::Down);
    let before = tms.received().len();
    let t0 = at(20, 9);
    assert_eq!(w.run_once(t0).await.unwrap().retrying, 1, "{backend}");
    tms.set_mode(TmsMode::Ok);
    let t1 = t0 + chrono::Duration::minutes(1);
    assert_eq!(w.run_once(t1).await.unwrap().sent, 1, "{backend}");
    assert_eq!(
        w.run_once(t1 + chrono::Duration::hours(2))
            .await
            .unwrap()
            .claimed,
        0
    );
    assert_eq!(
        tms.received().len() - before,
        2,
        "one refused, one accepted"
    );
    let mail = the_mail(&db, report).await;
    assert_eq!(
        mail.status,
        EmailStatus::Sending,
        "{backend}: waits for the webhook"
    );
    let tms_id = mail.tms_id.clone().unwrap();
    // The delivery callback, then replays and late callbacks.
    let done = Some(at(20, 10));
    assert_eq!(
        db.apply_webhook(&tms_id, EmailStatus::Sent, done, None)
            .await
            .unwrap(),
        WebhookOutcome::Updated(EmailStatus::Sent)
    );
    assert_eq!(
        db.apply_webhook(&tms_id, EmailStatus::Sent, done, None)
            .await
            .unwrap(),
        WebhookOutcome::Unchanged(EmailStatus::Sent)
    );
    assert_eq!(
        db.apply_webhook(&tms_id, EmailStatus::Sending, None, None)
            .await
            .unwrap(),
        WebhookOutcome::Unchanged(EmailStatus::Sent)
    );
    let mail = the_mail(&db, report).await;
    assert_eq!(mail.status, EmailStatus::Sent);
    assert_eq!(mail.completed_at, done);
    assert!(matches!(
        db.apply_webhook("no-such-id", EmailStatus::Sent, None, None)
            .await,
        Err(crt_domain::ports::RepositoryError::NotFound)
    ));
}
crt_persistence::per_backend!(with_tms_down_mail_waits_and_goes_out_once_when_it_returns);

async fn a_batch_that_runs_long_gives_back_what_it_has_not_sent(
    TestDb { backend, db, .. }: crt_persistence::testing::TestDb,
) {
    let report = file_report(&db, "en").await;
    for to in ["a@example.org", "b@example.org", "c@example.org"] {
        db.queue_letter(report, &letter(to), "jdoe", at(20, 9))
            .await
            .unwrap();
    }
    // A slow provider: each send takes longer than half the lease.
    let sender = Arc::new(MemorySender::with_delay(Duration::from_millis(1100)));
    let mut w = worker(&db, sender.clone());
    w.lease = Duration::from_secs(2);
    let s = w.run_once(at(20, 9)).await.unwrap();
    assert_eq!((s.claimed, s.sent), (1, 1), "{backend}");
    let mails = db.emails_for_report(report).await.unwrap();
    let waiting: Vec<_> = mails
        .iter()
        .filter(|m| m.status == EmailStatus::New)
        .collect();
    assert_eq!(waiting.len(), 2, "{backend}");
    for m in waiting {
        // Due again at once, the claim not counted as an attempt or an interruption.
        assert_eq!((m.attempts, m.interrupted), (0, 0), "{backend}");
        assert!(m.next_attempt_at <= at(20, 9) + chrono::Duration::seconds(2));
    }
    w.lease = Duration::from_secs(300);
    let s = w
        .run_once(at(20, 9) + chrono::Duration::seconds(5))
        .await
        .unwrap();
    assert_eq!(s.sent, 2, "{backend}");
    assert_eq!(sender.sent().len(), 3);
}
crt_persistence::per_backend!(a_batch_that_runs_long_gives_back_what_it_has_not_sent);

async fn requeue_after_a_long_outage_and_late_callbacks(
    TestDb { backend, db, .. }: crt_persistence::testing::TestDb,
) {
    use crt_domain::email::RequeueScope;
    let tms = FakeTms::start().await;
    let outage = file_report(&db, "en").await;
    let refused = file_report(&db, "en").await;
    db.queue_letter(outage, &letter("a@example.org"), "jdoe", at(20, 9))
        .await
        .unwrap();
    let sender = Arc::new(MemorySender::default());
    let mut w = worker(&db, sender.clone());
    w.retry.max_attempts = 1;
    sender.fail_with(Some(SendError::Transient("TMS 503".into())));
    assert_eq!(w.run_once(at(20, 9)).await.unwrap().failed, 1);
    db.queue_letter(refused, &letter("b@example.org"), "jdoe", at(20, 9))
        .await
        .unwrap();
    sender.fail_with(Some(SendError::Permanent("TMS 422".into())));
    assert_eq!(w.run_once(at(20, 9)).await.unwrap().failed, 1);
    assert_eq!(db.failed_emails(10).await.unwrap().len(), 2, "{backend}");
    // By default only the outage's victim goes back.
    let n = db
        .requeue_failed(RequeueScope::OutOfRetries, at(20, 12))
        .await
        .unwrap();
    assert_eq!(n, 1, "{backend}");
    assert_eq!(the_mail(&db, outage).await.status, EmailStatus::New);
    assert_eq!(the_mail(&db, refused).await.status, EmailStatus::Failed);
    // A requeued mail forgets its old TMS id, and a late callback about
    // an old send does not mark a waiting mail done.
    let tms_sender = Arc::new(TmsSender::new(&tms.endpoint(), "test-token").unwrap());
    let w = worker(&db, tms_sender);
    assert_eq!(w.run_once(at(20, 12)).await.unwrap().sent, 1);
    let old_id = the_mail(&db, outage).await.tms_id.unwrap();
    db.apply_webhook(&old_id, EmailStatus::Failed, None, Some("bounced"))
        .await
        .unwrap();
    let n = db
        .requeue_failed(
            RequeueScope::One(the_mail(&db, outage).await.id),
            at(20, 13),
        )
        .await
        .unwrap();
    assert_eq!(n, 1);
    assert_eq!(the_mail(&db, outage).await.tms_id, None, "{backend}");
    assert!(matches!(
        db.apply_webhook(&old_id, EmailStatus::Sent, None, None)
            .await,
        Err(crt_domain::ports::RepositoryError::NotFound)
    ));
    assert_eq!(
        db.requeue_failed(RequeueScope::AllFailed, at(20, 13))
            .await
            .unwrap(),
        1,
        "{backend}: the refused one, on request"
    );
}
crt_persistence::per_backend!(requeue_after_a_long_outage_and_late_callbacks);

async fn two_workers_never_send_the_same_mail_twice(
    TestDb { backend, db, url }: crt_persistence::testing::TestDb,
) {
    let now = at(20, 9);
    let mut insert = Query::insert();
    insert.into_table("email_outbox").columns([
        "recipient",
        "purpose",
        "template",
        "subject",
        "body",
        "status",
        "attempts",
        "created_at",
        "next_attempt_at",
    ]);
    for i in 0..1000 {
        insert.values_panic([
            format!("m{i}@example.org").into(),
            "internal".into(),
            "notice".into(),
            "S".into(),
            "<p>B</p>".into(),
            "new".into(),
            0.into(),
            Expr::value(now),
            Expr::value(now),
        ]);
    }
    execute(&db, &insert).await;
    // Two instances: on PostgreSQL each with its own pool, as two
    // processes would be; SQLite in memory is one database per pool.
    let other = if backend == "postgres" {
        Db::connect(&url).await.unwrap()
    } else {
        db.clone()
    };
    let (s1, s2) = (
        Arc::new(MemorySender::with_delay(Duration::from_millis(1))),
        Arc::new(MemorySender::with_delay(Duration::from_millis(1))),
    );
    let (w1, w2) = (worker(&db, s1.clone()), worker(&other, s2.clone()));
    let clock = FixedClock(now);
    let (r1, r2) = tokio::join!(w1.drain(&clock), w2.drain(&clock));
    let (r1, r2) = (r1.unwrap(), r2.unwrap());
    assert_eq!(r1.sent + r2.sent, 1000, "{backend}");
    let mut seen = HashSet::new();
    for m in s1.sent().into_iter().chain(s2.sent()) {
        assert!(
            seen.insert(m.recipient.to_string()),
            "{backend}: {} twice",
            m.recipient
        );
    }
    assert_eq!(seen.len(), 1000);
    assert!(
        r1.sent > 0 && r2.sent > 0,
        "{backend}: both worked ({r1:?} {r2:?})"
    );
    assert_eq!(db.outbox_counts().await.unwrap().get("sent"), Some(&1000));
}
crt_persistence::per_backend!(
    two_workers_never_send_the_same_mail_twice,
    migrated_database,
    tokio::test(flavor = "multi_thread", worker_threads = 2)
);

/// Through an SMTP server that refuses half the messages with 451 and drops
/// a tenth of the connections (seeded), every mail still arrives, once.
async fn every_mail_arrives_exactly_once_through_a_faulty_smtp_server(
    TestDb { backend, db, .. }: crt_persistence::testing::TestDb,
) {
    use crt_mail::{
        catcher::{Faults, SmtpCatcher},
        smtp::SmtpSender,
    };
    let faults = Faults {
        reject_rate: 0.5,
        disconnect_rate: 0.1,
        delay: Duration::from_millis(1),
        seed: 7,
    };
    let catcher = SmtpCatcher::start_with("127.0.0.1:0", faults)
        .await
        .unwrap();
    let sender = Arc::new(
        SmtpSender::new(
            "127.0.0.1",
            catcher.addr().port(),
            "no-reply@crt-portal.localhost",
        )
        .unwrap(),
    );
    let mut reports = Vec::new();
    for i in 0..12 {
        reports.push(report_with_letter(&db, &format!("person{i}@example.org")).await);
    }
    let mut w = worker(&db, sender);
    w.retry.max_attempts = 40;
    // Simulated time: each round a day later, so every backoff is over.
    let mut t = at(20, 9);
    for _ in 0..40 {
        w.run_once(t).await.unwrap();
        let mut pending = 0;
        for r in &reports {
            if the_mail(&db, *r).await.status != EmailStatus::Sent {
                pending += 1;
            }
        }
        if pending == 0 {
            break;
        }
        t += chrono::Duration::days(1);
    }
    for r in &reports {
        let mail = the_mail(&db, *r).await;
        assert_eq!(mail.status, EmailStatus::Sent, "{backend}: {mail:?}");
    }
    let got = catcher.wait_for(12, Duration::from_secs(5)).await;
    let mut to: Vec<String> = got.iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    let unique: HashSet<&String> = to.iter().collect();
    assert_eq!(to.len(), 12, "{backend}: {to:?}");
    assert_eq!(unique.len(), 12, "each person once");
    let (refused, dropped) = catcher.faults_injected();
    assert!(
        refused > 0 && dropped > 0,
        "faults were injected: {refused} refused, {dropped} dropped"
    );
    eprintln!(
        "{backend}: 12 mails delivered once each through {refused} refusals and {dropped} dropped connections"
    );
}
crt_persistence::per_backend!(every_mail_arrives_exactly_once_through_a_faulty_smtp_server);
