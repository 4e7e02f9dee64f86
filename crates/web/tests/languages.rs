//! The public side in each of its seven languages, over HTTP: the whole
//! form walked (every step, an error state, the review and the
//! confirmation) with the `lang` attribute, translated problems, no English
//! left on the page, the report stored with its language and the
//! auto-response caught by a real SMTP listener in that language; the
//! language chosen by `?lang=`, remembered by cookie, negotiated from
//! `Accept-Language`; a change of language mid-form keeping the answers.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;

use std::{collections::BTreeSet, sync::LazyLock, time::Duration};

use common::{TestApp, esc, set_cookie, spawn, spawn_with, steps_for};
use crt_domain::{email::OutboxRepository, ports::ReportRepository};
use crt_i18n::{Arg, LANGUAGES, Messages};
use crt_mail::catcher::SmtpCatcher;
use reqwest::StatusCode;

static WORDS: LazyLock<Messages> = LazyLock::new(|| Messages::load().unwrap());

fn t(lang: &str, id: &str) -> String {
    assert!(WORDS.has(lang, id), "{lang} lacks {id}");
    WORDS.text(lang, id, &[])
}

/// The text a person reads on a page: text between tags (scripts and
/// styles left out) and the attributes read aloud or shown.
fn visible_text(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        let text = rest[..open].trim();
        if !text.is_empty() {
            out.push(text.to_owned());
        }
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open..open + close + 1];
        for attr in ["aria-label=\"", "title=\"", "alt=\""] {
            if let Some(i) = tag.find(attr) {
                let v = &tag[i + attr.len()..];
                let v = &v[..v.find('"').unwrap_or(v.len())];
                if !v.trim().is_empty() {
                    out.push(v.trim().to_owned());
                }
            }
        }
        rest = &rest[open + close + 1..];
        // Skip the insides of scripts and styles.
        for skip in ["<script", "<style"] {
            if tag.starts_with(skip) {
                let end = skip.replace('<', "</");
                if let Some(i) = rest.find(&end) {
                    rest = &rest[i..];
                }
            }
        }
    }
    out
}

/// Every English message without variables, as the pages show it (HTML
/// escaped), that reads differently in `lang`.
fn english_sentences(lang: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (id, vars) in WORDS.ids("en").unwrap() {
        if !vars.is_empty() {
            continue;
        }
        let en = WORDS.text("en", id, &[]);
        if en != WORDS.text(lang, id, &[]) && en.chars().count() > 2 {
            out.insert(esc(&en));
        }
    }
    out
}

/// Text nodes of a page in `lang` that are English: an English message,
/// or a sentence with common English words. State names and the language
/// menu are the same in every language.
fn english_on(body: &str, lang: &str) -> Vec<String> {
    if lang == "en" {
        return Vec::new();
    }
    let english = english_sentences(lang);
    let menu: Vec<&str> = LANGUAGES.iter().map(|l| l.name).collect();
    visible_text(body)
        .into_iter()
        .filter(|s| !menu.contains(&s.as_str()))
        .filter(|s| {
            english.contains(s)
                || s.split(|c: char| !c.is_alphanumeric()).any(|w| {
                    [
                        "the", "your", "you", "please", "this", "report", "with", "about",
                    ]
                    .contains(&w.to_lowercase().as_str())
                })
        })
        .collect()
}

fn html_lang(body: &str) -> Option<&str> {
    let i = body.find("<html lang=\"")? + "<html lang=\"".len();
    Some(&body[i..i + body[i..].find('"')?])
}

/// Walks the whole form in `lang` (chosen with `?lang=` on the first
/// visit), an error on the first step included, and files the report.
async fn walk(app: &mut TestApp, lang: &crt_i18n::Language) -> crt_domain::values::PublicId {
    let code = lang.code;
    let first = app.get(&format!("/report/?lang={code}")).await;
    assert_eq!(first.status, StatusCode::OK, "{code}");
    assert_eq!(html_lang(&first.body), Some(lang.tag), "{code}");
    assert_eq!(
        set_cookie(&first.headers, "crt_lang").as_deref(),
        Some(code),
        "{code}: the choice is remembered"
    );
    assert!(
        first.body.contains(&esc(&t(code, "step-contact"))),
        "{code}"
    );
    assert!(first.body.contains(&esc(&t(code, "button-next"))), "{code}");
    let leaks = english_on(&first.body, code);
    assert!(leaks.is_empty(), "{code}: English on step 1: {leaks:?}");

    // An error state: a bad e-mail and no servicemember answer.
    let bad = app
        .post_step(
            "contact",
            "next",
            &[
                ("contact_email", "not-an-address"),
                ("contact_first_name", "Ana"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::OK, "{code}");
    assert_eq!(html_lang(&bad.body), Some(lang.tag), "{code}");
    for id in [
        "error-summary-heading",
        "error-email-invalid",
        "error-missing-servicemember",
    ] {
        assert!(
            bad.body.contains(&esc(&t(code, id))),
            "{code}: {id} {:?} not on the page",
            t(code, id)
        );
    }
    // What was typed is kept.
    assert!(bad.body.contains("value=\"not-an-address\""), "{code}");
    let leaks = english_on(&bad.body, code);
    assert!(leaks.is_empty(), "{code}: English with errors: {leaks:?}");

    // Every step, then the review and the confirmation.
    let mut page = bad;
    for (step, fields) in steps_for("police", &["disability", "language"]) {
        assert!(
            page.body
                .contains(&format!("name=\"step\" value=\"{step}\"")),
            "{code}: expected step {step}"
        );
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        page = app.next(step, &pairs).await;
        assert_eq!(html_lang(&page.body), Some(lang.tag), "{code} after {step}");
        let leaks = english_on(&page.body, code);
        assert!(leaks.is_empty(), "{code}: English after {step}: {leaks:?}");
    }
    assert!(
        page.body.contains("name=\"step\" value=\"review\""),
        "{code}"
    );
    assert!(
        page.body.contains(&esc(&t(code, "button-submit"))),
        "{code}"
    );
    // The answers as the person chose them, in their words.
    assert!(
        page.body
            .contains(&esc(&t(code, "option-primary_complaint-police"))),
        "{code}: the review shows the concern in {code}"
    );
    let done = app.post_step("review", "submit", &[]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{code}");
    let confirmation = app.get("/report/confirmation/").await;
    assert_eq!(confirmation.status, StatusCode::OK, "{code}");
    assert_eq!(html_lang(&confirmation.body), Some(lang.tag), "{code}");
    assert!(
        confirmation
            .body
            .contains(&esc(&t(code, "confirmation-heading"))),
        "{code}"
    );
    let leaks = english_on(&confirmation.body, code);
    assert!(
        leaks.is_empty(),
        "{code}: English on the confirmation: {leaks:?}"
    );
    let marker = "class=\"crt-public-id\">";
    let start = confirmation.body.find(marker).unwrap() + marker.len();
    let end = confirmation.body[start..].find('<').unwrap() + start;
    crt_domain::values::PublicId::parse(&confirmation.body[start..end]).unwrap()
}

#[tokio::test]
async fn the_whole_form_in_every_language_with_its_auto_response() {
    let catcher = SmtpCatcher::start("127.0.0.1:0").await.unwrap();
    let port = catcher.addr().port().to_string();
    let first = spawn_with(
        "sqlite::memory:",
        &[
            ("EMAIL_HOST", "127.0.0.1"),
            ("EMAIL_PORT", &port),
            // Seven reports from one address, each with its letter.
            ("AUTO_RESPONSE_LIMIT", "0"),
        ],
    )
    .await;
    let mut filed = Vec::new();
    for lang in &LANGUAGES {
        let mut app = first.another_browser();
        let id = walk(&mut app, lang).await;
        let record = app.db.get_by_public_id(&id).await.unwrap();
        assert_eq!(
            record.report.language, lang.code,
            "stored with its language"
        );
        filed.push((lang, id));
    }
    let mails = catcher
        .wait_for(LANGUAGES.len(), Duration::from_secs(20))
        .await;
    assert_eq!(mails.len(), LANGUAGES.len(), "one auto-response each");
    let filed_ids = filed.clone();
    for (lang, id) in filed {
        let mail = mails
            .iter()
            .find(|m| {
                m.decoded_header("Subject")
                    .is_some_and(|s| s.contains(&id.to_string()))
            })
            .unwrap_or_else(|| panic!("{}: no auto-response for {id}", lang.code));
        let subject = mail.decoded_header("Subject").unwrap();
        let letter = if lang.code == "en" {
            "autoresponse".to_owned()
        } else {
            format!("autoresponse.{}", lang.code)
        };
        let template = std::fs::read_to_string(format!(
            "{}/../../templates/email/{letter}/subject.txt",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let opening = template.split("{{").next().unwrap().trim();
        assert!(
            subject.starts_with(opening),
            "{}: subject {subject:?} is not the {letter} letter's",
            lang.code
        );
        let body = mail.body();
        assert!(
            body.contains(&format!("<html lang=\"{}\">", lang.tag)),
            "{}",
            lang.code
        );
        let greeting = WORDS.text(
            lang.code,
            "letter-addressee-named",
            &[("name", Arg::Text("Ana".into()))],
        );
        assert!(
            body.contains(&tera_escape(&greeting)),
            "{}: greeting {greeting:?} not in the letter",
            lang.code
        );
    }
    // Staff see the report's language and which letter went out.
    let mut staff = first.another_browser();
    common::sign_in_new_staff(&mut staff, "mai", "a long enough password").await;
    let (_, ko) = filed_ids.iter().find(|(l, _)| l.code == "ko").unwrap();
    let record = staff.db.get_by_public_id(ko).await.unwrap();
    let page = staff.get(&format!("/form/view/{}/", record.id.0)).await;
    assert!(page.body.contains("language Korean (ko)"), "detail page");
    assert!(
        page.body
            .contains("Automatic response: report received (Korean)"),
        "the auto-response is named in the language it went out in"
    );
    let list = staff.get("/form/view/?language=ko").await;
    assert!(list.body.contains(&ko.to_string()), "filtered by language");
    assert!(list.body.contains("1 report"), "only the Korean one");
}

/// HTML-escapes as the letters do.
fn tera_escape(s: &str) -> String {
    esc(s)
}

#[tokio::test]
async fn the_language_is_negotiated_remembered_and_kept_with_the_answers() {
    let mut app = spawn().await;
    // A Korean browser's first visit is in Korean, without a cookie.
    let resp = app
        .client
        .get(format!("{}/report/", app.base))
        .header("accept-language", "ko-KR,ko;q=0.9,en;q=0.5")
        .send()
        .await
        .unwrap();
    let body = resp.text().await.unwrap();
    assert_eq!(html_lang(&body), Some("ko"));
    // Nobody chose: an English browser, an unknown language, or none.
    for header in ["en-US,en;q=0.9", "fr-FR", ""] {
        let resp = app
            .client
            .get(format!("{}/", app.base))
            .header("accept-language", header)
            .send()
            .await
            .unwrap();
        assert_eq!(
            html_lang(&resp.text().await.unwrap()),
            Some("en"),
            "{header:?}"
        );
    }
    // Chosen in Spanish, the first step is typed and saved with an error.
    let es = app.get("/report/?lang=es").await;
    assert_eq!(html_lang(&es.body), Some("es"));
    assert_eq!(es.headers["content-language"], "es");
    let saved = app
        .post_step(
            "contact",
            "next",
            &[("contact_first_name", "Jimena"), ("contact_email", "nope")],
        )
        .await;
    assert!(saved.body.contains(&esc(&t("es", "error-email-invalid"))));
    // The cookie keeps Spanish for the next page without ?lang=, even for a
    // browser asking for Korean.
    let again = app.get("/report/").await;
    assert_eq!(html_lang(&again.body), Some("es"));
    // Switching to Vietnamese mid-form keeps what was typed, and the
    // problems are now in Vietnamese.
    let vi = app.get("/report/?lang=vi").await;
    assert_eq!(html_lang(&vi.body), Some("vi"));
    assert!(vi.body.contains("value=\"Jimena\""), "answers kept");
    let posted = app
        .post_step(
            "contact",
            "next",
            &[("contact_first_name", "Jimena"), ("contact_email", "nope")],
        )
        .await;
    assert!(posted.body.contains(&esc(&t("vi", "error-email-invalid"))));
    assert!(!posted.body.contains(&esc(&t("es", "error-email-invalid"))));
    // A language that is not ours changes nothing.
    let unknown = app.get("/report/?lang=fr").await;
    assert_eq!(html_lang(&unknown.body), Some("vi"));
    // The menu names each language in itself, with lang and hreflang.
    for l in &LANGUAGES {
        assert!(
            unknown.body.contains(&format!("lang=\"{}\"", l.tag)),
            "{}",
            l.code
        );
        if l.code != "vi" {
            assert!(
                unknown.body.contains(&format!(
                    "href=\"?lang={}\" lang=\"{}\" hreflang=\"{}\">{}</a>",
                    l.code,
                    l.tag,
                    l.tag,
                    esc(l.name)
                )),
                "{}",
                l.code
            );
        }
    }
}

#[tokio::test]
async fn other_public_pages_speak_the_chosen_language_and_staff_pages_stay_english() {
    let mut app = spawn().await;
    let home = app.get("/?lang=zh-hant").await;
    assert_eq!(html_lang(&home.body), Some("zh-Hant"));
    assert_eq!(home.headers["content-language"], "zh-Hant");
    assert!(home.body.contains(&esc(&t("zh-hant", "landing-heading"))));
    assert!(
        home.body
            .contains(&esc(&t("zh-hant", "option-primary_complaint-voting")))
    );
    let leaks = english_on(&home.body, "zh-hant");
    assert!(leaks.is_empty(), "{leaks:?}");
    // The 404 page, in the chosen language (remembered by cookie).
    let missing = app.get("/no-such-page/").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(html_lang(&missing.body), Some("zh-Hant"));
    assert!(
        missing
            .body
            .contains(&esc(&t("zh-hant", "error-404-title")))
    );
    let leaks = english_on(&missing.body, "zh-hant");
    assert!(leaks.is_empty(), "{leaks:?}");
    // A bad unsubscribe link.
    let unsub = app.get("/email/unsubscribe/?address=x&token=y").await;
    assert_eq!(html_lang(&unsub.body), Some("zh-Hant"));
    assert!(
        unsub
            .body
            .contains(&esc(&t("zh-hant", "unsubscribe-invalid")))
    );
    // Staff pages are English whatever the public side speaks, with no
    // language menu.
    let login = app.get("/accounts/login/").await;
    assert_eq!(html_lang(&login.body), Some("en"));
    assert!(!login.body.contains("hreflang="));
}

#[tokio::test]
async fn maintenance_speaks_the_chosen_language() {
    let mut app = spawn_with("sqlite::memory:", &[("MAINTENANCE_MODE", "true")]).await;
    let page = app.get("/report/?lang=tl").await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(html_lang(&page.body), Some("tl"));
    assert!(page.body.contains(&esc(&t("tl", "maintenance-heading"))));
    let leaks = english_on(&page.body, "tl");
    assert!(leaks.is_empty(), "{leaks:?}");
}

#[test]
fn the_leak_check_finds_english() {
    let page = "<html lang=\"es\"><p>Please correct the following</p><a title=\"Home\">x</a>\
                <script>var a = 'the report';</script><p>Siguiente</p></html>";
    let leaks = english_on(page, "es");
    assert_eq!(leaks, ["Please correct the following", "Home"]);
}

#[test]
fn the_domain_and_the_message_files_know_the_same_languages() {
    let codes: Vec<&str> = LANGUAGES.iter().map(|l| l.code).collect();
    assert_eq!(codes, crt_domain::report::LANGUAGES);
}

#[tokio::test]
async fn the_refreshed_page_and_the_limit_notice_speak_the_chosen_language() {
    let mut app = spawn_with("sqlite::memory:", &[("PUBLIC_DRAFT_LIMIT", "1")]).await;
    app.get("/report/?lang=tl").await;
    app.next("contact", &[("servicemember", "no")]).await;
    // The same step sent again (another tab, the Back button).
    let replay = app
        .post_step("contact", "next", &[("servicemember", "no")])
        .await;
    assert_eq!(replay.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(html_lang(&replay.body), Some("tl"));
    assert!(replay.body.contains(&esc(&t("tl", "refreshed-heading"))));
    let leaks = english_on(&replay.body, "tl");
    assert!(leaks.is_empty(), "{leaks:?}");
    // One draft per network here: a second browser, in Chinese, is told so
    // in Chinese, with what it typed still on the page.
    let mut other = app.another_browser();
    other.get("/report/?lang=zh-hans").await;
    let refused = other
        .post_step(
            "contact",
            "next",
            &[("servicemember", "no"), ("contact_first_name", "明")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(html_lang(&refused.body), Some("zh-Hans"));
    for id in ["limit-heading", "limit-drafts-from-address"] {
        assert!(refused.body.contains(&esc(&t("zh-hans", id))), "{id}");
    }
    assert!(refused.body.contains("value=\"明\""));
    let leaks = english_on(&refused.body, "zh-hans");
    assert!(leaks.is_empty(), "{leaks:?}");
}

/// A translated letter's unsubscribe link opens the page in its language,
/// and confirming keeps that language.
#[tokio::test]
async fn unsubscribing_from_a_korean_letter_is_in_korean() {
    const SECRET: &str = "a-languages-test-secret-key-of-40-chars!";
    let mut app = spawn_with("sqlite::memory:", &[("SECRET_KEY", SECRET)]).await;
    let links = crt_mail::UnsubscribeLinks::new(&app.base, SECRET);
    let email = crt_domain::values::Email::parse("ana@example.org").unwrap();
    // The letter adds its language to the link (crates/mail/src/letters.rs).
    let url = format!("{}&lang=ko", links.url(&email));
    let path = url.strip_prefix(&app.base).unwrap().to_owned();
    let confirm = app.get(&path).await;
    assert_eq!(confirm.status, StatusCode::OK);
    assert_eq!(html_lang(&confirm.body), Some("ko"));
    assert!(confirm.body.contains(&esc(&t("ko", "unsubscribe-button"))));
    // The menu keeps the link's address and token: choosing another
    // language still unsubscribes.
    let query = path.split_once('?').unwrap().1.replace("&lang=ko", "");
    let spanish = format!("href=\"?{}&amp;lang=es\"", query.replace('&', "&amp;"));
    assert!(confirm.body.contains(&spanish), "{spanish}");
    let leaks = english_on(&confirm.body, "ko");
    assert!(leaks.is_empty(), "{leaks:?}");
    let token = links.token("ana@example.org");
    let done = app
        .post_raw(
            "/email/unsubscribe/",
            &[("address", "ana@example.org"), ("token", &token)],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK);
    assert_eq!(html_lang(&done.body), Some("ko"), "remembered by cookie");
    assert!(done.body.contains(&esc(&t("ko", "unsubscribe-mistake"))));
    let leaks = english_on(&done.body, "ko");
    assert!(leaks.is_empty(), "{leaks:?}");
    assert!(app.db.is_suppressed("ana@example.org").await.unwrap());
}
