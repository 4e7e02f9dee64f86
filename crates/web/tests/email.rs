//! E-mail through the running portal: the auto-response reaches a real SMTP
//! listener; a staff member previews and sends a letter that goes to a fake
//! TMS over HTTP and turns "sent" when the webhook says so; the webhook's
//! address checks (IPv4, IPv6, `*`, forged X-Forwarded-For) and malformed
//! bodies; e-mail switched off; the unsubscribe link.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;

#[path = "../../mail/tests/common/fake_tms.rs"]
#[allow(dead_code)]
mod fake_tms;

use std::time::Duration;

use common::{TestApp, esc, spawn_with};
use crt_domain::{
    email::{EmailStatus, OutboxRepository},
    ports::ReportRepository,
    report::ReportId,
    values::Email,
};
use crt_mail::{UnsubscribeLinks, catcher::SmtpCatcher};
use fake_tms::FakeTms;
use reqwest::StatusCode;

const PASSWORD: &str = "a long enough password";
const SECRET: &str = "an-e-mail-test-secret-key-of-40-characters";

async fn sign_in_staff(app: &mut TestApp) {
    common::sign_in_new_staff(app, "jdoe", PASSWORD).await;
}

/// Files a report through the public form and returns its id.
async fn file_through_the_form(app: &mut TestApp) -> ReportId {
    app.fill_to_review("housing", &["age"]).await;
    let done = app.post_step("review", "submit", &[]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    let page = app.db.list(&Default::default()).await.unwrap();
    page.items[0].id
}

async fn wait_for_status(app: &TestApp, report: ReportId, want: EmailStatus) -> Vec<String> {
    for _ in 0..100 {
        let mails = app.db.emails_for_report(report).await.unwrap();
        if mails.iter().any(|m| m.status == want) {
            return mails.into_iter().filter_map(|m| m.tms_id).collect();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "no mail reached {want}: {:?}",
        app.db.emails_for_report(report).await.unwrap()
    );
}

async fn webhook(app: &TestApp, pairs: &[(&str, &str)], forwarded: Option<&str>) -> StatusCode {
    let mut req = app
        .client
        .post(format!("{}/email/webhook/", app.base))
        .form(pairs);
    if let Some(f) = forwarded {
        req = req.header("x-forwarded-for", f);
    }
    req.send().await.unwrap().status()
}

#[tokio::test]
async fn the_auto_response_reaches_a_real_smtp_listener() {
    let catcher = SmtpCatcher::start("127.0.0.1:0").await.unwrap();
    let port = catcher.addr().port().to_string();
    let mut app = spawn_with(
        "sqlite::memory:",
        &[("EMAIL_HOST", "127.0.0.1"), ("EMAIL_PORT", &port)],
    )
    .await;
    let id = file_through_the_form(&mut app).await;
    let record = app.db.get(id).await.unwrap();
    let mails = catcher.wait_for(1, Duration::from_secs(10)).await;
    assert_eq!(mails.len(), 1, "the auto-response arrived");
    assert_eq!(mails[0].to, vec!["ana@example.org".to_owned()]);
    let subject = mails[0].header("Subject").unwrap();
    assert!(subject.contains(&record.public_id.to_string()), "{subject}");
    let body = mails[0].body();
    assert!(body.contains("Dear Ana"), "{body}");
    assert!(body.contains("unsubscribe"));
    wait_for_status(&app, id, EmailStatus::Sent).await;
}

async fn a_staff_letter_goes_to_tms_and_turns_sent_on_the_webhook(url: String) {
    let tms = FakeTms::start().await;
    let endpoint = tms.endpoint();
    let mut app = spawn_with(
        &url,
        &[
            ("TMS_AUTH_TOKEN", "test-token"),
            ("TMS_TARGET_ENDPOINT", &endpoint),
            ("TMS_WEBHOOK_ALLOWED_CIDR_NETS", "127.0.0.1/32"),
        ],
    )
    .await;
    let id = file_through_the_form(&mut app).await;
    // The auto-response goes first.
    wait_for_status(&app, id, EmailStatus::Sending).await;
    sign_in_staff(&mut app).await;
    let detail = app.get(&format!("/form/view/{}/", id.0)).await;
    assert!(detail.body.contains("Contact complainant"));
    assert!(detail.body.contains("value=\"referral_hud\""));
    assert!(detail.body.contains("Automatic response: report received"));
    // Preview with this report's data, then send.
    let preview = app
        .get(&format!("/form/view/{}/contact/?letter=referral_hud", id.0))
        .await;
    assert_eq!(preview.status, StatusCode::OK, "{}", app.backend);
    assert!(preview.body.contains("Referral to HUD (fair housing)"));
    assert!(preview.body.contains("filing a fair housing complaint"));
    assert!(
        preview
            .body
            .contains("/contact/letter/?letter=referral_hud")
    );
    let framed = app
        .client
        .get(format!(
            "{}/form/view/{}/contact/letter/?letter=referral_hud",
            app.base, id.0
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(framed.status(), StatusCode::OK);
    let csp = framed.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'self'"),
        "{csp}"
    );
    assert_eq!(framed.headers()["x-frame-options"], "SAMEORIGIN");
    let letter = framed.text().await.unwrap();
    assert!(letter.starts_with("<!DOCTYPE html>") && letter.contains("fair housing complaint"));
    let csrf = app.csrf.clone().unwrap();
    let path = format!("/form/view/{}/contact/", id.0);
    // No CSRF token: refused, nothing queued.
    let forged = app.post_raw(&path, &[("letter", "referral_hud")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let unknown = app
        .post_raw(
            &path,
            &[
                ("csrf_token", &csrf),
                ("letter", "autoresponse"),
                ("request_key", "0123456789abcdef0123456789abcdef"),
            ],
        )
        .await;
    assert_eq!(
        unknown.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "not a staff letter"
    );
    let key = preview
        .body
        .split("name=\"request_key\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    let no_key = app
        .post_raw(&path, &[("csrf_token", &csrf), ("letter", "referral_hud")])
        .await;
    assert_eq!(no_key.status, StatusCode::BAD_REQUEST);
    let form = [
        ("csrf_token", csrf.as_str()),
        ("letter", "referral_hud"),
        ("request_key", key.as_str()),
    ];
    let sent = app.post_raw(&path, &form).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", app.backend);
    // A double click: the same preview's key again; still one letter.
    let again = app.post_raw(&path, &form).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", app.backend);
    let mails = app.db.emails_for_report(id).await.unwrap();
    assert_eq!(mails.len(), 2, "{}", app.backend);
    let mut letter_id = None;
    for _ in 0..200 {
        let mails = app.db.emails_for_report(id).await.unwrap();
        let letter = mails.iter().find(|m| m.template == "referral_hud").unwrap();
        if letter.status == EmailStatus::Sending {
            letter_id = letter.tms_id.clone();
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let letter_id = letter_id.unwrap_or_else(|| {
        panic!(
            "{}: the letter did not reach TMS (status sending) within 10 s",
            app.backend
        )
    });
    let received = tms.received();
    let last = &received.last().unwrap().1;
    assert!(last["subject"].as_str().unwrap().contains("fair housing"));
    let detail = app.get(&format!("/form/view/{}/", id.0)).await;
    assert!(detail.body.contains("Contacted complainant:"));
    assert!(detail.body.contains("crt-email-status--sending"));
    // TMS calls back.
    let message_url = format!("https://tms.example/messages/email/{letter_id}");
    let status = webhook(
        &app,
        &[
            ("message_url", message_url.as_str()),
            ("status", "sent"),
            ("completed_at", "2026-11-25 14:03:09 UTC"),
            ("error_message", ""),
        ],
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{}", app.backend);
    // A replayed "sending" never moves it back.
    let replay = webhook(
        &app,
        &[("message_url", message_url.as_str()), ("status", "sending")],
        None,
    )
    .await;
    assert_eq!(replay, StatusCode::NO_CONTENT);
    let detail = app.get(&format!("/form/view/{}/", id.0)).await;
    assert!(
        detail.body.contains("crt-email-status--sent"),
        "{}",
        app.backend
    );
    assert!(detail.body.contains("2026-11-25 14:03"));
}
crt_persistence::per_backend!(
    a_staff_letter_goes_to_tms_and_turns_sent_on_the_webhook,
    url
);

#[tokio::test]
async fn the_webhook_serves_only_allowed_addresses() {
    let nets = |n: &'static str| {
        vec![
            ("TMS_AUTH_TOKEN", "t"),
            ("TMS_TARGET_ENDPOINT", "http://127.0.0.1:9"),
            ("TMS_WEBHOOK_ALLOWED_CIDR_NETS", n),
        ]
    };
    let unknown = [("message_url", "/messages/email/77"), ("status", "sent")];
    // IPv4 inside: served (404: no such message). Outside: 403.
    let app = spawn_with("sqlite::memory:", &nets("127.0.0.0/8")).await;
    assert_eq!(webhook(&app, &unknown, None).await, StatusCode::NOT_FOUND);
    // With a shared secret, an allowed address must also send it.
    let mut env = nets("127.0.0.0/8");
    env.push(("TMS_WEBHOOK_SECRET", "a shared secret"));
    let app = spawn_with("sqlite::memory:", &env).await;
    assert_eq!(webhook(&app, &unknown, None).await, StatusCode::FORBIDDEN);
    let with = |secret: &str| {
        app.client
            .post(format!("{}/email/webhook/", app.base))
            .header("x-webhook-secret", secret.to_owned())
            .form(&unknown)
            .send()
    };
    assert_eq!(with("wrong").await.unwrap().status(), StatusCode::FORBIDDEN);
    assert_eq!(
        with("a shared secret").await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    let app = spawn_with("sqlite::memory:", &nets("10.0.0.0/8;192.168.0.0/16")).await;
    assert_eq!(webhook(&app, &unknown, None).await, StatusCode::FORBIDDEN);
    // A caller cannot talk its way in with X-Forwarded-For...
    assert_eq!(
        webhook(&app, &unknown, Some("10.1.2.3")).await,
        StatusCode::FORBIDDEN
    );
    // ...but a trusted proxy's header is believed, right to left.
    let mut env = nets("10.0.0.0/8");
    env.push(("TRUSTED_PROXY_NETS", "127.0.0.1/32"));
    let app = spawn_with("sqlite::memory:", &env).await;
    assert_eq!(
        webhook(&app, &unknown, Some("10.1.2.3")).await,
        StatusCode::NOT_FOUND
    );
    // The client cannot prepend a fake hop: the proxy appends the real one.
    assert_eq!(
        webhook(&app, &unknown, Some("10.1.2.3, 203.0.113.9")).await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        webhook(&app, &unknown, Some("not-an-address")).await,
        StatusCode::FORBIDDEN
    );
    // `*` admits anyone; no setting admits nobody.
    let app = spawn_with("sqlite::memory:", &nets("*")).await;
    assert_eq!(webhook(&app, &unknown, None).await, StatusCode::NOT_FOUND);
    let app = spawn_with("sqlite::memory:", &[]).await;
    assert_eq!(webhook(&app, &unknown, None).await, StatusCode::FORBIDDEN);
    // IPv6.
    let mut env = nets("::1/128");
    env.push(("HOST", "::1"));
    let app = spawn_with("sqlite::memory:", &env).await;
    assert_eq!(webhook(&app, &unknown, None).await, StatusCode::NOT_FOUND);
    let mut env = nets("2001:db8::/32");
    env.push(("HOST", "::1"));
    let app = spawn_with("sqlite::memory:", &env).await;
    assert_eq!(webhook(&app, &unknown, None).await, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn malformed_webhook_bodies_get_400() {
    let app = spawn_with(
        "sqlite::memory:",
        &[
            ("TMS_AUTH_TOKEN", "t"),
            ("TMS_TARGET_ENDPOINT", "http://127.0.0.1:9"),
            ("TMS_WEBHOOK_ALLOWED_CIDR_NETS", "*"),
        ],
    )
    .await;
    let url = "/messages/email/77";
    // The answer is plain text that says what is wrong (TMS logs it).
    let resp = app
        .client
        .post(format!("{}/email/webhook/", app.base))
        .form(&[("status", "sent")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    assert!(resp.text().await.unwrap().contains("message_url"));
    for (pairs, why) in [
        (vec![("status", "sent")], "no message_url"),
        (
            vec![("message_url", "/messages/email/<x>"), ("status", "sent")],
            "bad id",
        ),
        (vec![("message_url", url)], "no status"),
        (
            vec![("message_url", url), ("status", "exploded")],
            "unknown status",
        ),
        (
            vec![
                ("message_url", url),
                ("status", "sent"),
                ("completed_at", "yesterday"),
            ],
            "bad time",
        ),
    ] {
        assert_eq!(
            webhook(&app, &pairs, None).await,
            StatusCode::BAD_REQUEST,
            "{why}"
        );
    }
    let raw = app
        .client
        .post(format!("{}/email/webhook/", app.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(vec![0xff, 0xfe, b'=', 0x80])
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn with_e_mail_off_mail_waits_and_staff_see_no_send_controls() {
    let mut app = spawn_with("sqlite::memory:", &[]).await;
    let id = file_through_the_form(&mut app).await;
    sign_in_staff(&mut app).await;
    let detail = app.get(&format!("/form/view/{}/", id.0)).await;
    assert!(
        detail
            .body
            .contains("E-mail is not configured on this server")
    );
    assert!(!detail.body.contains("Preview letter"));
    let csrf = app.csrf.clone().unwrap();
    let refused = app
        .post_raw(
            &format!("/form/view/{}/contact/", id.0),
            &[("csrf_token", &csrf), ("letter", "referral_hud")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains(&esc("E-mail is not configured here")));
    // The auto-response waits in the outbox, not dropped: checked every
    // 50 ms for half a second (a negative check has to wait a while).
    for _ in 0..10 {
        let mails = app.db.emails_for_report(id).await.unwrap();
        assert_eq!(mails.len(), 1);
        assert_eq!(
            (mails[0].status, mails[0].attempts),
            (EmailStatus::New, 0),
            "with e-mail off, queued mail is neither sent nor dropped"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn the_unsubscribe_link_puts_the_address_on_the_do_not_email_list() {
    let mut app = spawn_with("sqlite::memory:", &[("SECRET_KEY", SECRET)]).await;
    let links = UnsubscribeLinks::new(&app.base, SECRET);
    let email = Email::parse("Ana@Example.org").unwrap();
    let url = links.url(&email);
    let path = url.strip_prefix(&app.base).unwrap().to_owned();
    let page = app.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Stop e-mails to this address"));
    // Looking is not unsubscribing (mail scanners follow links).
    assert!(!app.db.is_suppressed("ana@example.org").await.unwrap());
    let token = links.token("ana@example.org");
    let bad = app
        .get("/email/unsubscribe/?address=ana%40example.org&token=00")
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let other = app
        .post_raw(
            "/email/unsubscribe/",
            &[("address", "bob@example.org"), ("token", &token)],
        )
        .await;
    assert_eq!(
        other.status,
        StatusCode::BAD_REQUEST,
        "a token is for one address"
    );
    assert!(!app.db.is_suppressed("bob@example.org").await.unwrap());
    let done = app
        .post_raw(
            "/email/unsubscribe/",
            &[("address", "Ana@Example.org"), ("token", &token)],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK);
    assert!(done.body.contains("We will not send further e-mails"));
    assert!(app.db.is_suppressed("ana@example.org").await.unwrap());
}
