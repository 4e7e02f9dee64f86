//! Letters: every letter renders for a fixed report and matches its
//! snapshot in `tests/snapshots/` (run with `UPDATE_SNAPSHOTS=1` to accept a
//! deliberate change, then review the diff); values are escaped; the
//! auto-response falls back on English; broken letters are refused at load.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;

use crt_domain::{
    email::EmailPurpose,
    report::{ReportId, ReportRecord},
    values::PublicId,
};
use crt_mail::letters::{AUTORESPONSE, LetterBook, LetterError};

fn record() -> ReportRecord {
    let catalog = crt_domain::protected_class::current_catalog();
    let report = common::report(&catalog, &[]);
    let staff = common::staff_for(&report);
    ReportRecord {
        id: ReportId(42),
        public_id: PublicId::from_parts(42, "KTR").unwrap(),
        report,
        staff,
        create_date: common::at(3, 15),
        modified_date: common::at(3, 15),
        version: 1,
    }
}

const UNSUBSCRIBE: &str =
    "https://portal.example/email/unsubscribe/?address=ana%40example.org&token=ff";

#[test]
fn every_letter_matches_its_snapshot() {
    let book = LetterBook::embedded().unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let letters = book.all();
    assert!(
        letters.len() >= 7,
        "auto-response in two languages and 5 letters"
    );
    let mut mismatched = Vec::new();
    for letter in letters {
        let r = book
            .render(&letter.name, &record(), common::at(20, 9), UNSUBSCRIBE)
            .unwrap();
        let text = format!("Subject: {}\n\n{}", r.subject, r.html);
        let path = dir.join(format!("{}.html", letter.name));
        if update {
            std::fs::write(&path, &text).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("no snapshot {path:?}: run with UPDATE_SNAPSHOTS=1"));
        if expected != text {
            mismatched.push(letter.name);
        }
    }
    assert!(
        mismatched.is_empty(),
        "snapshots differ: {mismatched:?} (UPDATE_SNAPSHOTS=1 to accept)"
    );
}

#[test]
fn values_are_escaped_and_variables_filled() {
    let book = LetterBook::embedded().unwrap();
    let r = book
        .render("referral_hud", &record(), common::at(20, 9), UNSUBSCRIBE)
        .unwrap();
    assert!(r.html.contains("Dear Ana &lt;b&gt; Lopez"), "{}", r.html);
    assert!(r.html.contains("Maple &amp; Oak Apartments &lt;script&gt;"));
    assert!(!r.html.contains("<script>"));
    assert!(r.html.contains("42-KTR"));
    assert!(r.html.contains("November 3, 2026"), "date of intake");
    assert!(r.html.contains("November 20, 2026"), "outgoing date");
    assert!(
        r.html.contains("Housing and Civil Enforcement Section"),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains("unsubscribe&#x2F;?address=ana%40example.org&amp;token=ff")
    );
    assert_eq!(
        r.subject,
        "Your civil rights report 42-KTR: filing a fair housing complaint"
    );
}

#[test]
fn autoresponse_language_falls_back_on_english() {
    let book = LetterBook::embedded().unwrap();
    assert_eq!(book.localized(AUTORESPONSE, "es"), Some("autoresponse.es"));
    assert_eq!(book.localized(AUTORESPONSE, "en"), Some("autoresponse"));
    assert_eq!(book.localized(AUTORESPONSE, "vi"), Some("autoresponse"));
    assert_eq!(book.localized("no_such_letter", "en"), None);
    let es = book
        .render("autoresponse.es", &record(), common::at(20, 9), UNSUBSCRIBE)
        .unwrap();
    assert!(es.subject.starts_with("Recibimos su reporte"));
    assert!(es.html.contains("<html lang=\"es\">"));
    // Staff choose among manual letters only.
    let staff = book.for_staff();
    assert!(staff.len() >= 5);
    assert!(staff.iter().all(|l| l.meta.purpose == EmailPurpose::Manual));
}

#[test]
fn broken_letters_are_refused_at_load() {
    let layout = ("_layout.html".to_owned(), "{{ content | safe }}".to_owned());
    let meta = r#"{"title": "T", "language": "en", "purpose": "manual"}"#;
    let files = |body: &str, meta: &str, dir: &str| {
        vec![
            layout.clone(),
            (format!("{dir}/meta.json"), meta.to_owned()),
            (
                format!("{dir}/subject.txt"),
                "S {{ record_locator }}".to_owned(),
            ),
            (format!("{dir}/body.html"), body.to_owned()),
        ]
    };
    assert!(LetterBook::from_files(files("<p>{{ addressee }}</p>", meta, "ok")).is_ok());
    // An unknown variable fails at load, not at send.
    let e = LetterBook::from_files(files("{{ adressee }}", meta, "typo"))
        .err()
        .unwrap();
    assert!(matches!(e, LetterError::Template(_)), "{e}");
    // The directory's language suffix must agree with meta.json.
    let e = LetterBook::from_files(files("x", meta, "typo.es"))
        .err()
        .unwrap();
    assert!(e.to_string().contains("language"), "{e}");
    let e = LetterBook::from_files(files("x", r#"{"title": "T"}"#, "m"))
        .err()
        .unwrap();
    assert!(e.to_string().contains("meta.json"), "{e}");
    let mut missing = files("x", meta, "nobody");
    missing.retain(|(p, _)| !p.ends_with("subject.txt"));
    assert!(LetterBook::from_files(missing).is_err());
}
