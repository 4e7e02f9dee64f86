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

fn msgs() -> std::sync::Arc<crt_i18n::Messages> {
    std::sync::Arc::new(crt_i18n::Messages::load().unwrap())
}

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
        repeat_writer: false,
    }
}

const UNSUBSCRIBE: &str =
    "https://portal.example/email/unsubscribe/?address=ana%40example.org&token=ff";

#[test]
fn every_letter_matches_its_snapshot() {
    let book = LetterBook::embedded(msgs()).unwrap();
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
    let book = LetterBook::embedded(msgs()).unwrap();
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
fn every_letter_exists_in_every_language_with_its_words() {
    let book = LetterBook::embedded(msgs()).unwrap();
    let m = msgs();
    let letters: Vec<_> = book
        .all()
        .into_iter()
        .filter(|l| !l.name.contains('.'))
        .collect();
    assert!(letters.len() >= 6, "the auto-response and 5 staff letters");
    for l in &letters {
        assert_eq!(
            book.languages_of(&l.name).len(),
            crt_i18n::LANGUAGES.len(),
            "{}: {:?}",
            l.name,
            book.languages_of(&l.name)
        );
        for lang in crt_i18n::LANGUAGES {
            let name = book
                .in_language(&l.name, lang.code)
                .unwrap_or_else(|| panic!("{} has no {} version", l.name, lang.code));
            let meta = book.get(name).unwrap();
            assert_eq!(meta.language, lang.code, "{name}");
            assert_eq!(meta.purpose, l.meta.purpose, "{name}");
            let r = book
                .render(name, &record(), common::at(20, 9), UNSUBSCRIBE)
                .unwrap();
            assert!(
                r.html.contains(&format!("<html lang=\"{}\">", lang.tag)),
                "{name}"
            );
            assert!(
                r.html.contains("42-KTR") && r.subject.contains("42-KTR"),
                "{name}"
            );
            // The greeting, the date and the footer are the program's, in
            // the letter's language.
            let greeting = m.text(
                lang.code,
                "letter-addressee-named",
                &[("name", crt_i18n::Arg::Text("Ana <b> Lopez".into()))],
            );
            assert!(
                r.html.contains(&tera::escape_html(&greeting)),
                "{name}: greeting {greeting:?}"
            );
            let date = m.text(
                lang.code,
                "letter-date",
                &[
                    ("month", 11i64.into()),
                    ("day", 3i64.into()),
                    ("year", 2026i64.into()),
                ],
            );
            assert!(
                r.html.contains(&tera::escape_html(&date)),
                "{name}: date {date:?}"
            );
            let unsubscribe = m.text(lang.code, "letter-footer-unsubscribe-link", &[]);
            assert!(
                r.html
                    .contains(&format!(">{}</a>", tera::escape_html(&unsubscribe))),
                "{name}"
            );
            if lang.code != "en" {
                for english in [
                    "Dear ",
                    "November",
                    "Please do not reply",
                    "Sincerely",
                    "Department of Justice</p>",
                ] {
                    assert!(!r.html.contains(english), "{name} has {english:?}");
                }
            }
        }
    }
}

#[test]
fn a_missing_translation_falls_back_on_english_when_sending() {
    let book = LetterBook::embedded(msgs()).unwrap();
    assert_eq!(book.localized(AUTORESPONSE, "es"), Some("autoresponse.es"));
    assert_eq!(book.localized(AUTORESPONSE, "ko"), Some("autoresponse.ko"));
    assert_eq!(book.localized(AUTORESPONSE, "en"), Some("autoresponse"));
    assert_eq!(book.in_language(AUTORESPONSE, "fr"), None);
    assert_eq!(book.localized(AUTORESPONSE, "fr"), Some("autoresponse"));
    assert_eq!(book.localized("no_such_letter", "en"), None);
    let es = book
        .render("autoresponse.es", &record(), common::at(20, 9), UNSUBSCRIBE)
        .unwrap();
    assert!(es.subject.starts_with("Recibimos su reporte"));
    assert!(es.html.contains("<html lang=\"es\">"));
    // Staff choose among manual letters only, each once (the language is
    // chosen in the preview).
    let staff = book.for_staff();
    assert!(staff.len() >= 5);
    assert!(staff.iter().all(|l| l.meta.purpose == EmailPurpose::Manual));
    assert!(staff.iter().all(|l| !l.name.contains('.')));
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
    assert!(LetterBook::from_files(files("<p>{{ addressee }}</p>", meta, "ok"), msgs()).is_ok());
    // An unknown variable fails at load, not at send.
    let e = LetterBook::from_files(files("{{ adressee }}", meta, "typo"), msgs())
        .err()
        .unwrap();
    assert!(matches!(e, LetterError::Template(_)), "{e}");
    // The directory's language suffix must agree with meta.json.
    let e = LetterBook::from_files(files("x", meta, "typo.es"), msgs())
        .err()
        .unwrap();
    assert!(e.to_string().contains("language"), "{e}");
    let e = LetterBook::from_files(files("x", r#"{"title": "T"}"#, "m"), msgs())
        .err()
        .unwrap();
    assert!(e.to_string().contains("meta.json"), "{e}");
    let mut missing = files("x", meta, "nobody");
    missing.retain(|(p, _)| !p.ends_with("subject.txt"));
    assert!(LetterBook::from_files(missing, msgs()).is_err());
}
