//! The `QueueLetter` service over the real letter book and outbox: the
//! reasons a letter cannot go, the preview, queueing once per preview with
//! its activity entry, and the worker woken. One test per backend.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;

use std::sync::{
    Arc,
    atomic::{AtomicUsize, Ordering},
};

use crt_domain::{
    email::OutboxRepository,
    ports::{FixedClock, ProtectedClassRepository, ReportRepository},
    service::{LetterError, OutboxWake, QueueLetter, Queued},
};
use crt_mail::{UnsubscribeLinks, letters::LetterBook, staff_letters::StaffLetters};
use crt_persistence::{per_backend, testing::TestDb};

#[derive(Default)]
struct Wakes(AtomicUsize);

impl OutboxWake for Wakes {
    fn wake(&self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

fn service(t: &TestDb, wakes: &Arc<Wakes>, mail_enabled: bool) -> QueueLetter {
    let clock = Arc::new(FixedClock(common::at(4, 9)));
    let letters = StaffLetters::new(
        Arc::new(
            LetterBook::embedded(std::sync::Arc::new(crt_i18n::Messages::load().unwrap())).unwrap(),
        ),
        UnsubscribeLinks::new("https://portal.example", "secret"),
        clock.clone(),
    );
    QueueLetter {
        outbox: Arc::new(t.db.clone()),
        letters: Arc::new(letters),
        wake: wakes.clone(),
        clock,
        mail_enabled,
    }
}

const KEY: &str = "0123456789abcdef0123456789abcdef";

async fn a_letter_is_previewed_and_queued_once(t: TestDb) {
    let catalog = t.db.catalog().await.unwrap();
    let r = common::report(&catalog, &[]);
    let record =
        t.db.create(&r, &common::staff_for(&r), common::at(3, 15))
            .await
            .unwrap();
    let wakes = Arc::new(Wakes::default());
    let letters = service(&t, &wakes, true);
    let staff_letter = letters.staff_letters()[0].name.clone();

    assert!(matches!(
        service(&t, &wakes, false).preview(&record, Some(&staff_letter), None),
        Err(LetterError::MailOff)
    ));
    assert!(
        matches!(
            letters.preview(&record, Some("autoresponse"), None),
            Err(LetterError::UnknownLetter)
        ),
        "automatic letters are not offered to staff"
    );
    let mut no_address = record.clone();
    no_address.report.contact.email = None;
    assert!(matches!(
        letters.preview(&no_address, Some(&staff_letter), None),
        Err(LetterError::NoAddress)
    ));

    let (name, preview) = letters.preview(&record, Some(&staff_letter), None).unwrap();
    assert_eq!(name, staff_letter);
    assert!(
        preview.html.contains(
            "https:&#x2F;&#x2F;portal.example&#x2F;email&#x2F;unsubscribe&#x2F;?address="
        ),
        "{}: {}",
        t.backend,
        &preview.html[preview.html.len().saturating_sub(600)..]
    );
    assert!(matches!(
        letters
            .queue(&record, Some(&name), None, Some("short"), "ana")
            .await,
        Err(LetterError::BadRequestKey)
    ));
    let first = letters
        .queue(&record, Some(&name), None, Some(KEY), "ana")
        .await
        .unwrap();
    assert!(matches!(first, Queued::New(_)));
    // The same preview sent twice (a double click) queues one letter.
    let again = letters
        .queue(&record, Some(&name), None, Some(KEY), "ana")
        .await
        .unwrap();
    assert_eq!(again, Queued::AlreadyQueued);
    let mails = t.db.emails_for_report(record.id).await.unwrap();
    assert_eq!(mails.iter().filter(|m| m.template == name).count(), 1);
    assert_eq!(wakes.0.load(Ordering::SeqCst), 1);
    let log = t.db.activity(record.id).await.unwrap();
    assert!(
        log.iter()
            .any(|a| a.verb == "Contacted complainant:" && a.actor == "ana"),
        "{log:?}"
    );
}
per_backend!(a_letter_is_previewed_and_queued_once);
