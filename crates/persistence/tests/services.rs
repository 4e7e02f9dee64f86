//! The use-case services over the real repositories, without HTTP: filing
//! (from answers and through the form's steps), changing one report and
//! many, staff sign-in, and catalog changes. One test per backend.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;

use std::sync::{
    Arc,
    atomic::{AtomicUsize, Ordering},
};

use common::{at, report, staff_for};
use crt_domain::{
    accounts::{NewUser, hash_password},
    catalog_change::CatalogChange,
    draft::Draft,
    email::OutboxRepository,
    ports::{Clock, DraftRepository, FixedClock, ReportRepository},
    report::{IntakeFormat, ReportId, Section, Status},
    service::{
        AUTO_RESPONSE_LETTER, AutoResponse, BulkChange, BulkError, BulkTarget, ChangeCatalog,
        ChangeReport, ChangeReportError, FileError, FileReport, Intake, Limit,
        MAX_ADDRESS_FAILURES, MAX_FAILURES, OutboxWake, PublicLimits, RateLimits, SaveDraftStep,
        ShowOutcome, SignIn, SignInError, StepOutcome, Visitor,
    },
    staff::{ChangeError, StaffChange},
    validation::Answers,
};
use crt_persistence::{
    Db, per_backend,
    testing::{TestDb, count_rows},
};

/// Counts wake-ups of the outbox worker.
#[derive(Default)]
struct Wakes(AtomicUsize);

impl OutboxWake for Wakes {
    fn wake(&self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

fn ip(s: &str) -> Option<std::net::IpAddr> {
    Some(s.parse().unwrap())
}

fn clock() -> Arc<dyn Clock> {
    Arc::new(FixedClock(at(25, 12)))
}

fn filing(db: &Db, wakes: &Arc<Wakes>) -> FileReport {
    filing_with(db, wakes, PublicLimits::off(), clock())
}

fn filing_with(
    db: &Db,
    wakes: &Arc<Wakes>,
    limits: PublicLimits,
    clock: Arc<dyn Clock>,
) -> FileReport {
    let db = Arc::new(db.clone());
    FileReport {
        drafts: db.clone(),
        reports: db.clone(),
        catalog: db.clone(),
        wake: wakes.clone(),
        limits: RateLimits {
            events: db.clone(),
            limits,
            clock: clock.clone(),
        },
        triage: Some(crt_domain::service::Triage {
            repo: db.clone(),
            thresholds: crt_domain::repeat_writers::Thresholds::default(),
            clock: clock.clone(),
        }),
        clock,
    }
}

/// A visitor of session `key` whose session moves to `key` + "-filed" on
/// filing, from an unknown address.
fn visitor(key: &'static str) -> Visitor<'static> {
    Visitor {
        session_key: key,
        filed_key: Box::leak(format!("{key}-filed").into_boxed_str()),
        address: None,
    }
}

/// Every answer of a complete commercial (public place) report.
fn answers() -> Vec<(&'static str, &'static str)> {
    vec![
        ("servicemember", "no"),
        ("contact_first_name", "Ana"),
        ("contact_last_name", "Lopez"),
        ("contact_email", "ana@example.org"),
        ("primary_complaint", "commercial_or_public"),
        ("commercial_or_public_place", "healthcare"),
        ("location_name", "Main Street Clinic"),
        ("location_city_town", "Springfield"),
        ("location_state", "IL"),
        ("protected_class", "disability"),
        ("last_incident_month", "10"),
        ("last_incident_year", "2026"),
        ("violation_summary", "There was no ramp at the entrance."),
    ]
}

async fn filing_from_answers_routes_records_the_intake_and_queues_the_reply(t: TestDb) {
    let wakes = Arc::new(Wakes::default());
    let file = filing(&t.db, &wakes);
    let phone = Intake {
        format: IntakeFormat::Phone,
        language: "es".into(),
        send_auto_response: true,
        recorded: None,
    };
    let filed = file
        .from_answers(&Answers::from_pairs(answers()), &phone)
        .await
        .unwrap();
    assert_eq!(filed.auto_response, AutoResponse::Queued);
    let record = filed.record;
    assert_eq!(
        record.report.intake_format,
        IntakeFormat::Phone,
        "{}",
        t.backend
    );
    assert_eq!(record.report.language, "es");
    assert_eq!(record.staff.assigned_section, Section::DisabilityRights);
    assert_eq!(record.staff.status, Status::New);
    assert!(record.staff.routing_explanation.contains("disability"));
    let mails = t.db.emails_for_report(record.id).await.unwrap();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].template, AUTO_RESPONSE_LETTER);
    assert_eq!(wakes.0.load(Ordering::SeqCst), 1, "the worker is woken");

    // Staff intake of a letter may leave the auto-response unsent.
    let quiet = Intake {
        send_auto_response: false,
        ..phone
    };
    let second = file
        .from_answers(&Answers::from_pairs(answers()), &quiet)
        .await
        .unwrap();
    assert_eq!(second.auto_response, AutoResponse::NotAsked);
    let second = second.record;
    assert!(t.db.emails_for_report(second.id).await.unwrap().is_empty());
    assert_eq!(wakes.0.load(Ordering::SeqCst), 1);

    // Incomplete answers store nothing and name the first step to fix.
    let mut missing = answers();
    missing.retain(|(k, _)| *k != "violation_summary");
    match file
        .from_answers(&Answers::from_pairs(missing), &quiet)
        .await
    {
        Err(FileError::Invalid { errors, first_step }) => {
            assert_eq!(first_step, "description");
            assert!(!errors.for_field("violation_summary").is_empty());
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(count_rows(&t.db, "report").await, 2);
}
per_backend!(filing_from_answers_routes_records_the_intake_and_queues_the_reply);

fn steps(db: &Db, wakes: &Arc<Wakes>, maintenance: bool) -> SaveDraftStep {
    let repo = Arc::new(db.clone());
    SaveDraftStep {
        drafts: repo.clone(),
        catalog: repo,
        file: filing(db, wakes),
        clock: clock(),
        maintenance,
        challenge: None,
    }
}

fn post(step: &str, action: &str, extra: &[(&'static str, &'static str)]) -> Answers {
    let mut pairs = vec![("step", step), ("action", action)];
    pairs.extend_from_slice(extra);
    Answers::from_pairs(pairs)
}

async fn the_form_step_by_step_files_exactly_once(t: TestDb) {
    let wakes = Arc::new(Wakes::default());
    let form = steps(&t.db, &wakes, false);
    let web = Intake::public_web();
    // A post for a step the draft is not on is a refreshed page.
    assert!(matches!(
        form.take(&visitor("k"), &post("date", "next", &[]), &web)
            .await
            .unwrap(),
        StepOutcome::Refreshed
    ));
    // Errors come back with the draft saved: nothing typed is lost.
    match form
        .take(
            &visitor("k"),
            &post(
                "contact",
                "next",
                &[("contact_email", "nope"), ("contact_first_name", "Ana")],
            ),
            &web,
        )
        .await
        .unwrap()
    {
        StepOutcome::Invalid { draft, errors } => {
            assert!(!errors.for_field("contact_email").is_empty());
            assert_eq!(draft.answers.get("contact_first_name"), Some("Ana"));
        }
        other => panic!("{other:?}"),
    }
    // Every step with every answer, until the review.
    let all = answers();
    let mut current = "contact".to_owned();
    for _ in 0..10 {
        if current == "review" {
            break;
        }
        let outcome = form
            .take(&visitor("k"), &post(&current, "next", &all), &web)
            .await
            .unwrap();
        assert!(
            matches!(outcome, StepOutcome::Saved),
            "{current}: {outcome:?}"
        );
        let ShowOutcome::Draft(d) = form.show(Some("k"), None).await.unwrap() else {
            panic!("no draft");
        };
        current = d.current_step;
    }
    assert_eq!(current, "review", "{}", t.backend);
    let filed = form
        .take(&visitor("k"), &post("review", "submit", &[]), &web)
        .await
        .unwrap();
    let StepOutcome::FiledNow(filed) = filed else {
        panic!("{filed:?}");
    };
    let record = filed.record;
    assert_eq!(record.staff.assigned_section, Section::DisabilityRights);
    // A second click shows the same confirmation and files nothing.
    assert!(matches!(
        form.take(&visitor("k"), &post("review", "submit", &[]), &web)
            .await
            .unwrap(),
        StepOutcome::Filed
    ));
    assert_eq!(count_rows(&t.db, "report").await, 1);
    assert_eq!(
        form.filed_report(Some("k")).await.unwrap(),
        Some(record.public_id.clone())
    );
    // The session moved at filing: the new key shows the confirmation for
    // the day, the old one only for a few minutes (a second click that
    // left before the new cookie arrived).
    assert_eq!(
        form.filed_report(Some("k-filed")).await.unwrap(),
        Some(record.public_id.clone()),
        "{}",
        t.backend
    );
    let later = SaveDraftStep {
        clock: Arc::new(FixedClock(at(25, 12) + chrono::Duration::minutes(6))),
        ..form.clone()
    };
    assert_eq!(later.filed_report(Some("k")).await.unwrap(), None);
    assert_eq!(
        later.filed_report(Some("k-filed")).await.unwrap(),
        Some(record.public_id.clone())
    );
    assert_eq!(wakes.0.load(Ordering::SeqCst), 1);

    // Maintenance closes the form to newcomers; drafts in progress carry on.
    let closed = steps(&t.db, &wakes, true);
    assert!(matches!(
        closed.show(None, None).await.unwrap(),
        ShowOutcome::Maintenance
    ));
    assert!(matches!(
        closed
            .take(&visitor("new"), &post("contact", "next", &all), &web)
            .await
            .unwrap(),
        StepOutcome::Maintenance
    ));
    let mut d = Draft::new();
    d.version =
        t.db.save_draft("busy", &d, at(25, 12), chrono::Duration::hours(1))
            .await
            .unwrap();
    assert!(matches!(
        closed.show(Some("busy"), None).await.unwrap(),
        ShowOutcome::Draft(_)
    ));
}
per_backend!(the_form_step_by_step_files_exactly_once);

async fn one_and_many_reports_change_under_the_same_rules(t: TestDb) {
    let catalog = crt_domain::ports::ProtectedClassRepository::catalog(&t.db)
        .await
        .unwrap();
    let mut ids = Vec::new();
    for _ in 0..3 {
        let r = report(&catalog, "voting", &["race_color"], &[]);
        ids.push(t.db.create(&r, &staff_for(&r), at(20, 9)).await.unwrap());
    }
    let repo = Arc::new(t.db.clone());
    let one = ChangeReport {
        reports: repo.clone(),
        clock: clock(),
    };
    let many = BulkChange {
        reports: repo,
        clock: clock(),
    };

    // Opening a report is logged but does not make another editor's save stale.
    let (viewed, problem) = one.mark_viewed(ids[0].clone(), "ana").await;
    assert!(problem.is_none());
    assert!(viewed.staff.viewed);
    assert_eq!(viewed.version, ids[0].version, "{}", t.backend);

    let hold = StaffChange {
        litigation_hold: Some(true),
        ..Default::default()
    };
    let held = one
        .change(ids[0].id, viewed.version, &hold, "ana")
        .await
        .unwrap();
    assert_eq!(held.version, viewed.version + 1);
    // A stale version is a conflict, nothing written.
    assert!(matches!(
        one.change(ids[0].id, viewed.version, &hold, "bo").await,
        Err(ChangeReportError::Conflict { current_version }) if current_version == held.version
    ));
    // The hold refuses other changes, one report or many.
    let close = StaffChange {
        status: Some(Status::Closed),
        comment: Some("Duplicate of another report.".into()),
        ..Default::default()
    };
    assert!(matches!(
        one.change(ids[0].id, held.version, &close, "ana").await,
        Err(ChangeReportError::Rule(ChangeError::LitigationHold))
    ));
    let all: Vec<ReportId> = ids.iter().map(|r| r.id).collect();
    match many
        .apply(BulkTarget::Ids(all.clone()), &close, "ana")
        .await
    {
        Err(BulkError::Rule { public_id, error }) => {
            assert_eq!(public_id, ids[0].public_id);
            assert_eq!(error, ChangeError::LitigationHold);
        }
        other => panic!("{other:?}"),
    }
    // All or nothing: the other two are untouched.
    for r in &ids[1..] {
        assert_eq!(t.db.get(r.id).await.unwrap().staff.status, Status::New);
    }
    // Without the held report, both change, each with its own activity,
    // and their versions move on as a single change's would.
    let n = many
        .apply(BulkTarget::Ids(all[1..].to_vec()), &close, "ana")
        .await
        .unwrap();
    assert_eq!(n, 2);
    for r in &ids[1..] {
        let now = t.db.get(r.id).await.unwrap();
        assert_eq!(now.staff.status, Status::Closed);
        assert_eq!(now.version, r.version + 1);
        assert_eq!(now.modified_date, at(25, 12));
        let log = t.db.activity(r.id).await.unwrap();
        assert!(log.iter().any(|a| a.verb == "Added comment:"), "{log:?}");
    }
    // A bulk change needs a comment; unknown codes are refused up front.
    let no_comment = StaffChange {
        status: Some(Status::Open),
        ..Default::default()
    };
    assert!(matches!(
        many.apply(BulkTarget::Ids(all.clone()), &no_comment, "ana")
            .await,
        Err(BulkError::CommentRequired)
    ));
    let bad_statute = StaffChange {
        primary_statute: Some(Some("99".into())),
        comment: Some("x".into()),
        ..Default::default()
    };
    assert!(matches!(
        many.apply(BulkTarget::Ids(all.clone()), &bad_statute, "ana")
            .await,
        Err(BulkError::Invalid(ChangeError::Invalid(_)))
    ));
    assert!(matches!(
        many.apply(BulkTarget::Ids(vec![ReportId(999_999)]), &close, "ana")
            .await,
        Err(BulkError::NotFound)
    ));
    assert!(matches!(
        many.apply(BulkTarget::Ids(Vec::new()), &close, "ana").await,
        Err(BulkError::NothingSelected)
    ));
}
per_backend!(one_and_many_reports_change_under_the_same_rules);

async fn sign_in_throttles_and_sessions_end(t: TestDb) {
    use crt_domain::ports::UserRepository;
    t.db.create_user(
        &NewUser {
            username: "ana".into(),
            email: None,
            display_name: "Ana".into(),
            portal_access: true,
            section: None,
            password_hash: Some(hash_password("correct horse battery").unwrap()),
            emergency_local: false,
        },
        at(25, 8),
    )
    .await
    .unwrap();
    let repo = Arc::new(t.db.clone());
    let sign_in = SignIn {
        users: repo.clone(),
        sessions: repo,
        clock: clock(),
        passwords: crt_domain::service::PasswordSignIn::Any,
    };
    let ok = sign_in
        .sign_in(" ana ", "correct horse battery", ip("10.0.0.1"))
        .await
        .unwrap();
    assert_eq!(ok.user.username, "ana");
    assert_eq!(
        sign_in
            .session_user(&ok.token)
            .await
            .unwrap()
            .map(|u| u.username),
        Some("ana".to_owned()),
        "{}",
        t.backend
    );
    sign_in.sign_out(&ok.token).await.unwrap();
    assert_eq!(sign_in.session_user(&ok.token).await.unwrap(), None);
    // A new password ends the sessions made with the old one.
    let before = sign_in
        .sign_in("ana", "correct horse battery", ip("10.0.0.1"))
        .await
        .unwrap();
    t.db.set_password("ana", &hash_password("a new long password").unwrap())
        .await
        .unwrap();
    assert_eq!(
        sign_in.session_user(&before.token).await.unwrap(),
        None,
        "{}: the old password's session ended",
        t.backend
    );
    // A session ends when it expires, and with its account.
    let live = sign_in
        .sign_in("ana", "a new long password", ip("10.0.0.1"))
        .await
        .unwrap();
    let later = SignIn {
        users: Arc::new(t.db.clone()),
        sessions: Arc::new(t.db.clone()),
        clock: Arc::new(FixedClock(at(25, 12) + chrono::Duration::days(400))),
        passwords: crt_domain::service::PasswordSignIn::Any,
    };
    assert!(sign_in.session_user(&live.token).await.unwrap().is_some());
    assert_eq!(
        later.session_user(&live.token).await.unwrap(),
        None,
        "{}: an expired session ends",
        t.backend
    );
    t.db.set_active("ana", false).await.unwrap();
    assert_eq!(
        sign_in.session_user(&live.token).await.unwrap(),
        None,
        "{}: a deactivated account's session ends",
        t.backend
    );
    t.db.set_active("ana", true).await.unwrap();
    for _ in 0..MAX_FAILURES {
        assert!(matches!(
            sign_in.sign_in("ana", "wrong", ip("10.0.0.2")).await,
            Err(SignInError::BadCredentials)
        ));
    }
    // That address is now held back for that account, even with the right
    // password...
    assert!(matches!(
        sign_in
            .sign_in("ana", "a new long password", ip("10.0.0.2"))
            .await,
        Err(SignInError::Throttled {
            by: "user and address",
            retry_after
        }) if retry_after == chrono::Duration::seconds(30)
    ));
    // ...but the account is not locked for everyone else.
    assert!(
        sign_in
            .sign_in("ana", "a new long password", ip("10.0.0.3"))
            .await
            .is_ok(),
        "{}: someone else's failures do not lock ana out",
        t.backend
    );
    // One address trying many accounts is held back too; an IPv6 address
    // counts by its /64.
    for n in 0..MAX_ADDRESS_FAILURES {
        let user = format!("guess{n}");
        let from = ip(&format!("2001:db8:1:2::{n:x}"));
        assert!(matches!(
            sign_in.sign_in(&user, "x", from).await,
            Err(SignInError::BadCredentials)
        ));
    }
    assert!(matches!(
        sign_in
            .sign_in("one-more", "x", ip("2001:db8:1:2:ffff::1"))
            .await,
        Err(SignInError::Throttled { by: "address", .. })
    ));
    // The delays grow: after the first wait one more attempt is checked,
    // and a failure then doubles the wait; the right password after the
    // wait gets in.
    let after = |secs: i64| SignIn {
        clock: Arc::new(FixedClock(at(25, 12) + chrono::Duration::seconds(secs))),
        ..sign_in.clone()
    };
    assert!(matches!(
        after(29).sign_in("ana", "wrong", ip("10.0.0.2")).await,
        Err(SignInError::Throttled { retry_after, .. }) if retry_after == chrono::Duration::seconds(1)
    ));
    assert!(matches!(
        after(31).sign_in("ana", "wrong", ip("10.0.0.2")).await,
        Err(SignInError::BadCredentials)
    ));
    assert!(matches!(
        after(31 + 59).sign_in("ana", "a new long password", ip("10.0.0.2")).await,
        Err(SignInError::Throttled { retry_after, .. }) if retry_after == chrono::Duration::seconds(1)
    ));
    assert!(
        after(31 + 60)
            .sign_in("ana", "a new long password", ip("10.0.0.2"))
            .await
            .is_ok(),
        "{}: the wait is over",
        t.backend
    );
    // The waits keep growing to 15 minutes: failures are remembered longer
    // than the waits add up to (with a 15-minute memory they shrank again).
    let mut secs = 0i64;
    for _ in 0..MAX_FAILURES {
        let _ = after(secs).sign_in("zed", "wrong", ip("10.9.9.9")).await;
    }
    for wait in [30, 60, 120, 240, 480, 900] {
        secs += wait;
        assert!(
            matches!(
                after(secs).sign_in("zed", "wrong", ip("10.9.9.9")).await,
                Err(SignInError::BadCredentials)
            ),
            "checked after waiting {wait} s"
        );
    }
    assert!(matches!(
        after(secs + 899).sign_in("zed", "wrong", ip("10.9.9.9")).await,
        Err(SignInError::Throttled { retry_after, .. }) if retry_after == chrono::Duration::seconds(1)
    ));
    // An address that cannot be read counts against the username only: it
    // is not one bucket everybody shares.
    for _ in 0..MAX_FAILURES {
        let _ = sign_in.sign_in("bo", "wrong", None).await;
    }
    assert!(matches!(
        sign_in.sign_in("cy", "wrong", None).await,
        Err(SignInError::BadCredentials)
    ));
}
per_backend!(sign_in_throttles_and_sessions_end);

/// A bot challenge that passes one answer only.
struct Passes(&'static str);

#[async_trait::async_trait]
impl crt_domain::ports::HumanCheck for Passes {
    async fn verify(&self, response: &str, _: Option<std::net::IpAddr>) -> Result<bool, String> {
        Ok(response == self.0)
    }
}

async fn the_public_limits_hold_and_keep_what_was_typed(t: TestDb) {
    let wakes = Arc::new(Wakes::default());
    let limits = PublicLimits {
        reports_per_hour: 1,
        drafts_per_hour: 2,
        auto_responses_per_day: 1,
    };
    let now = at(25, 12);
    let form_at = |when: chrono::DateTime<chrono::Utc>| {
        let clock: Arc<dyn Clock> = Arc::new(FixedClock(when));
        SaveDraftStep {
            clock: clock.clone(),
            file: filing_with(&t.db, &wakes, limits, clock),
            ..steps(&t.db, &wakes, false)
        }
    };
    let form = form_at(now);
    let web = Intake::public_web();
    let all = answers();
    let from = |key: &'static str, address: &str| Visitor {
        address: ip(address),
        ..visitor(key)
    };
    // Two drafts from one IPv6 /64, then the third is refused with what was
    // posted, and nothing is stored for it.
    for key in ["a", "b"] {
        let outcome = form
            .take(
                &from(key, "2001:db8:5:6::1"),
                &post("contact", "next", &all),
                &web,
            )
            .await
            .unwrap();
        assert!(matches!(outcome, StepOutcome::Saved), "{key}: {outcome:?}");
    }
    match form
        .take(
            &from("c", "2001:db8:5:6:ffff::2"),
            &post("contact", "next", &all),
            &web,
        )
        .await
        .unwrap()
    {
        StepOutcome::Limited { draft, limit } => {
            assert_eq!(limit, Limit::DraftsFromAddress, "{}", t.backend);
            assert_eq!(draft.answers.get("contact_first_name"), Some("Ana"));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        form.show(Some("c"), None).await.unwrap(),
        ShowOutcome::Draft(d) if d.version == 0
    ));
    // Another network, and an address that cannot be read, are not held back.
    for (key, address) in [("d", Some("2001:db8:5:7::1")), ("e", None)] {
        let v = Visitor {
            address: address.and_then(ip),
            ..visitor(key)
        };
        assert!(matches!(
            form.take(&v, &post("contact", "next", &all), &web)
                .await
                .unwrap(),
            StepOutcome::Saved
        ));
    }
    // An hour later the network may start again (a refused try did not count).
    assert!(matches!(
        form_at(now + chrono::Duration::minutes(61))
            .take(
                &from("c", "2001:db8:5:6::3"),
                &post("contact", "next", &all),
                &web
            )
            .await
            .unwrap(),
        StepOutcome::Saved
    ));

    // Reports filed per address: walk drafts a and b to the review.
    for key in ["a", "b"] {
        for _ in 0..10 {
            let ShowOutcome::Draft(d) = form.show(Some(key), None).await.unwrap() else {
                panic!("no draft");
            };
            if d.current_step == "review" {
                break;
            }
            form.take(&visitor(key), &post(&d.current_step, "next", &all), &web)
                .await
                .unwrap();
        }
    }
    let filed = form
        .take(
            &from("a", "2001:db8:5:6::1"),
            &post("review", "submit", &[]),
            &web,
        )
        .await
        .unwrap();
    let StepOutcome::FiledNow(filed) = filed else {
        panic!("{filed:?}");
    };
    assert_eq!(filed.auto_response, AutoResponse::Queued);
    match form
        .take(
            &from("b", "2001:db8:5:6::9"),
            &post("review", "submit", &[]),
            &web,
        )
        .await
        .unwrap()
    {
        StepOutcome::Limited { draft, limit } => {
            assert_eq!(limit, Limit::ReportsFromAddress);
            assert_eq!(
                draft.current_step, "review",
                "the review, with every answer kept"
            );
            assert_eq!(
                draft.answers.get("violation_summary"),
                Some("There was no ramp at the entrance.")
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(count_rows(&t.db, "report").await, 1);
    // From elsewhere, b is filed, without a second auto-response to the same
    // address that day (whatever its case).
    let filed = form
        .take(&from("b", "10.1.1.1"), &post("review", "submit", &[]), &web)
        .await
        .unwrap();
    let StepOutcome::FiledNow(filed) = filed else {
        panic!("{filed:?}");
    };
    assert_eq!(
        filed.auto_response,
        AutoResponse::OverLimit,
        "{}",
        t.backend
    );
    assert!(
        t.db.emails_for_report(filed.record.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(count_rows(&t.db, "report").await, 2);
    let mut shouting = answers();
    for (k, v) in &mut shouting {
        if *k == "contact_email" {
            *v = "ANA@example.org";
        }
    }
    let third = filing_with(&t.db, &wakes, limits, clock())
        .from_answers(&Answers::from_pairs(shouting), &web)
        .await
        .unwrap();
    assert_eq!(third.auto_response, AutoResponse::OverLimit);
}
per_backend!(the_public_limits_hold_and_keep_what_was_typed);

async fn the_bot_challenge_guards_the_first_step(t: TestDb) {
    let wakes = Arc::new(Wakes::default());
    let form = SaveDraftStep {
        challenge: Some(Arc::new(Passes("human"))),
        ..steps(&t.db, &wakes, false)
    };
    let web = Intake::public_web();
    let mut all = answers();
    for (response, key) in [(None, "x"), (Some("robot"), "y")] {
        let mut posted = all.clone();
        if let Some(r) = response {
            posted.push(("cf-turnstile-response", r));
        }
        match form
            .take(&visitor(key), &post("contact", "next", &posted), &web)
            .await
            .unwrap()
        {
            StepOutcome::Invalid { draft, errors } => {
                assert_eq!(errors.for_field("challenge").len(), 1, "{response:?}");
                assert_eq!(draft.current_step, "contact");
                assert_eq!(draft.answers.get("contact_first_name"), Some("Ana"), "kept");
                assert_eq!(draft.answers.get("cf-turnstile-response"), None, "not kept");
            }
            other => panic!("{response:?}: {other:?}"),
        }
    }
    all.push(("cf-turnstile-response", "human"));
    assert!(matches!(
        form.take(&visitor("y"), &post("contact", "next", &all), &web)
            .await
            .unwrap(),
        StepOutcome::Saved
    ));
}
per_backend!(the_bot_challenge_guards_the_first_step);

async fn catalog_changes_are_previewed_then_applied(t: TestDb) {
    let catalog = crt_domain::ports::ProtectedClassRepository::catalog(&t.db)
        .await
        .unwrap();
    let r = report(&catalog, "voting", &["gender"], &[]);
    t.db.create(&r, &staff_for(&r), at(20, 9)).await.unwrap();
    let service = ChangeCatalog {
        repo: Arc::new(t.db.clone()),
        clock: clock(),
    };
    let retire = CatalogChange::Retire {
        value: "gender".into(),
    };
    let preview = service.preview(&retire).await.unwrap();
    assert!(
        preview
            .lines
            .iter()
            .any(|l| l == "1 report(s) keep gender and still show its label"),
        "{}: {:?}",
        t.backend,
        preview.lines
    );
    let still = crt_domain::ports::ProtectedClassRepository::catalog(&t.db)
        .await
        .unwrap();
    assert!(
        still.form_choices().iter().any(|o| o.value == "gender"),
        "a preview changes nothing"
    );
    service.apply(&retire, "ops").await.unwrap();
    let after = crt_domain::ports::ProtectedClassRepository::catalog(&t.db)
        .await
        .unwrap();
    assert!(!after.form_choices().iter().any(|o| o.value == "gender"));
    let history = t.db.protected_class_history().await.unwrap();
    assert_eq!(history[0].action, "retire");
    assert_eq!(history[0].actor, "ops");
    assert!(
        service
            .apply(
                &CatalogChange::Retire {
                    value: "nope".into()
                },
                "ops"
            )
            .await
            .is_err()
    );
}
per_backend!(catalog_changes_are_previewed_then_applied);

async fn api_tokens_are_hashed_expire_and_can_be_revoked(t: TestDb) {
    use crt_domain::{
        ports::{ApiTokenRepository, UserRepository},
        service::{ApiTokenError, ApiTokens},
    };
    for (name, staff) in [("ana", true), ("public", false)] {
        t.db.create_user(
            &NewUser {
                username: name.into(),
                email: None,
                display_name: name.into(),
                portal_access: staff,
                section: None,
                password_hash: None,
                emergency_local: false,
            },
            at(25, 8),
        )
        .await
        .unwrap();
    }
    let repo = Arc::new(t.db.clone());
    let tokens_at = |when| ApiTokens {
        users: repo.clone(),
        tokens: repo.clone(),
        clock: Arc::new(FixedClock(when)),
    };
    let tokens = tokens_at(at(25, 12));
    let (info, secret) = tokens
        .create("ana", "export script", true, Some(2))
        .await
        .unwrap();
    assert!(
        info.read_only && info.last_used_at.is_none(),
        "{}",
        t.backend
    );
    assert_eq!(info.expires_at, at(27, 12));
    // Only a hash is stored.
    let listed = t.db.list_tokens(Some("ana")).await.unwrap();
    assert_eq!(listed, vec![info.clone()]);
    assert!(
        t.db.use_token(secret.expose(), at(25, 12)).await.is_err(),
        "the secret is not the key"
    );
    // Using it names its owner and notes the use.
    let caller = tokens_at(at(26, 9))
        .authenticate(&format!(" {} ", secret.expose()))
        .await
        .unwrap()
        .expect("a live token");
    assert_eq!(caller.user.username, "ana");
    assert!(!caller.may_write(), "read-only");
    assert_eq!(
        t.db.list_tokens(None).await.unwrap()[0].last_used_at,
        Some(at(26, 9))
    );
    for wrong in ["", "crt_", "Bearer x", &secret.expose()[..30]] {
        assert_eq!(tokens.authenticate(wrong).await.unwrap(), None, "{wrong:?}");
    }
    // It expires...
    assert_eq!(
        tokens_at(at(27, 12))
            .authenticate(secret.expose())
            .await
            .unwrap(),
        None
    );
    // ...and is revoked at once.
    let (rw, rw_secret) = tokens.create("ana", "sync", false, None).await.unwrap();
    assert_eq!(rw.expires_at, at(25, 12) + chrono::Duration::days(90));
    assert!(
        tokens
            .authenticate(rw_secret.expose())
            .await
            .unwrap()
            .unwrap()
            .may_write()
    );
    let revoked = tokens.revoke(rw.id).await.unwrap();
    assert_eq!(revoked.revoked_at, Some(at(25, 12)));
    assert_eq!(tokens.authenticate(rw_secret.expose()).await.unwrap(), None);
    assert!(matches!(
        tokens.revoke(9999).await,
        Err(crt_domain::ports::RepositoryError::NotFound)
    ));
    // A deactivated owner's tokens stop working; only staff get tokens.
    let (_, third) = tokens.create("ana", "third", false, None).await.unwrap();
    t.db.set_active("ana", false).await.unwrap();
    assert_eq!(tokens.authenticate(third.expose()).await.unwrap(), None);
    assert!(matches!(
        tokens.create("public", "x", false, None).await,
        Err(ApiTokenError::NoStaffAccess(_))
    ));
    assert!(matches!(
        tokens.create("nobody", "x", false, None).await,
        Err(ApiTokenError::NoSuchUser(_))
    ));
    assert!(matches!(
        tokens.create("ana", " ", false, None).await,
        Err(ApiTokenError::NoName)
    ));
    assert!(matches!(
        tokens.create("ana", "x", false, Some(0)).await,
        Err(ApiTokenError::BadLifetime)
    ));
}
per_backend!(api_tokens_are_hashed_expire_and_can_be_revoked);
