//! The TMS client against a fake TMS over real HTTP, and the SMTP sender
//! against a real SMTP listener.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;

use std::time::Duration;

use common::{FakeTms, TmsMode};
use crt_domain::{
    email::{EmailSender, EmailStatus, OutgoingEmail, SendError},
    values::Email,
};
use crt_mail::{catcher::SmtpCatcher, smtp::SmtpSender, tms::TmsSender};

fn mail(to: &str) -> OutgoingEmail {
    OutgoingEmail {
        recipient: Email::parse(to).unwrap(),
        subject: "Your report 12-ABC".into(),
        html_body: "<p>Thank you, Ana.</p><p>.a line starting with a dot</p>".into(),
        reference: "crt-outbox-7-1764000000000000".into(),
    }
}

#[tokio::test]
async fn tms_posts_the_message_and_reads_the_id() {
    let tms = FakeTms::start().await;
    let sender = TmsSender::new(&tms.endpoint(), "test-token").unwrap();
    let delivery = sender.send(&mail("ana@example.org")).await.unwrap();
    assert_eq!(delivery.status, EmailStatus::Sending);
    assert_eq!(delivery.provider_id.as_deref(), Some("1001"));
    let received = tms.received();
    assert_eq!(received.len(), 1);
    let (token, body) = &received[0];
    assert_eq!(token.as_deref(), Some("test-token"));
    assert_eq!(body["subject"], "Your report 12-ABC");
    assert_eq!(body["body"], mail("a@b.org").html_body);
    assert_eq!(body["recipients"][0]["email"], "ana@example.org");
    assert_eq!(body["open_tracking_enabled"], false);
    assert_eq!(body["click_tracking_enabled"], false);
}

#[tokio::test]
async fn tms_errors_are_classified() {
    let tms = FakeTms::start().await;
    let sender =
        TmsSender::with_timeout(&tms.endpoint(), "test-token", Duration::from_millis(500)).unwrap();
    tms.set_mode(TmsMode::Reject);
    match sender.send(&mail("ana@example.org")).await {
        Err(SendError::Permanent(m)) => {
            assert!(m.contains("422") && m.contains("recipient"), "{m}")
        }
        other => panic!("422 must be permanent: {other:?}"),
    }
    tms.set_mode(TmsMode::Down);
    assert!(matches!(
        sender.send(&mail("ana@example.org")).await,
        Err(SendError::Transient(m)) if m.contains("503")
    ));
    tms.set_mode(TmsMode::Slow);
    assert!(matches!(
        sender.send(&mail("ana@example.org")).await,
        Err(SendError::Transient(m)) if m.contains("timed out")
    ));
    // Accepted but untraceable: never retried (it went out), inconclusive.
    tms.set_mode(TmsMode::NoId);
    let d = sender.send(&mail("ana@example.org")).await.unwrap();
    assert_eq!(d.status, EmailStatus::Inconclusive);
    assert_eq!(d.provider_id, None);
    assert!(d.note.unwrap().contains("cannot be followed"));
    // A wrong token is a 401: permanent (retrying will not fix settings).
    tms.set_mode(TmsMode::Ok);
    let wrong = TmsSender::new(&tms.endpoint(), "wrong").unwrap();
    assert!(matches!(
        wrong.send(&mail("ana@example.org")).await,
        Err(SendError::Permanent(m)) if m.contains("401")
    ));
    // Nobody listening: transient.
    let addr = tms.addr;
    drop(tms);
    tokio::time::sleep(Duration::from_millis(50)).await;
    let gone = TmsSender::new(&format!("http://{addr}"), "test-token").unwrap();
    assert!(matches!(
        gone.send(&mail("ana@example.org")).await,
        Err(SendError::Transient(_))
    ));
}

#[tokio::test]
async fn smtp_delivers_to_a_real_listener() {
    let catcher = SmtpCatcher::start("127.0.0.1:0").await.unwrap();
    let sender = SmtpSender::new(
        "127.0.0.1",
        catcher.addr().port(),
        "Civil Rights Division <no-reply@crt-portal.localhost>",
    )
    .unwrap();
    let delivery = sender.send(&mail("ana@example.org")).await.unwrap();
    assert_eq!(delivery.status, EmailStatus::Sent);
    let got = catcher.wait_for(1, Duration::from_secs(5)).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].to, vec!["ana@example.org".to_owned()]);
    assert_eq!(got[0].from, "no-reply@crt-portal.localhost");
    assert_eq!(
        got[0].header("Subject").as_deref(),
        Some("Your report 12-ABC")
    );
    // The outbox row's reference, the same on a resend.
    assert_eq!(
        got[0].header("Message-ID").as_deref(),
        Some("<crt-outbox-7-1764000000000000@crt-portal.localhost>")
    );
    assert!(
        got[0]
            .header("Content-Type")
            .unwrap()
            .starts_with("text/html")
    );
    assert!(
        got[0].body().contains("<p>.a line starting with a dot</p>"),
        "{}",
        got[0].body()
    );
    // A refused recipient is permanent.
    catcher.reject("nobody@example.org");
    assert!(matches!(
        sender.send(&mail("nobody@example.org")).await,
        Err(SendError::Permanent(_))
    ));
    // Nobody listening: transient.
    let port = catcher.addr().port();
    drop(catcher);
    tokio::time::sleep(Duration::from_millis(50)).await;
    let gone = SmtpSender::new("127.0.0.1", port, "a@b.org").unwrap();
    assert!(matches!(
        gone.send(&mail("ana@example.org")).await,
        Err(SendError::Transient(_))
    ));
}
