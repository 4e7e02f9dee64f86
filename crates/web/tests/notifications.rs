//! `/form/notifications/` over HTTP, on both backends: a person without an
//! address is told so; the page lists the saved searches they may open;
//! choices are stored (CSRF checked), a bad number is refused with what
//! was typed kept, and the stored choices come back on the page. A shared
//! search's automatic action is previewed before it is switched on.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;

use common::{sign_in_new_staff, spawn_with};
use crt_domain::{notifications::Frequency, ports::NotificationRepository};
use reqwest::StatusCode;

async fn notification_choices(url: String) {
    let mut app = spawn_with(&url, &[]).await;
    sign_in_new_staff(&mut app, "ana", "a long enough password").await;
    let page = app.get("/form/notifications/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("no e-mail address"), "{}", page.body);
    assert!(page.body.contains("You have no saved searches yet"));
    assert!(
        page.body
            .contains("name=\"assigned\" value=\"yes\" checked"),
        "on by default"
    );

    app.get("/form/view/").await;
    let csrf = app.csrf.clone().unwrap();
    let saved = app
        .post_raw(
            "/form/saved-searches/",
            &[
                ("csrf_token", &csrf),
                ("name", "Voting <new>"),
                ("query", "assigned_section=VOT&status=new"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let page = app.get("/form/notifications/").await;
    assert!(
        page.body
            .contains("How often to e-mail you about \"Voting &lt;new&gt;\"")
    );
    let id = page.body.split("name=\"digest_").nth(1).unwrap();
    let id: String = id.chars().take_while(char::is_ascii_digit).collect();
    let digest = format!("digest_{id}");
    let over = format!("over_{id}");

    let forged = app
        .post_raw(
            "/form/notifications/",
            &[("csrf_token", "forged"), (&digest, "daily")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);

    let csrf = app.csrf.clone().unwrap();
    let bad = app
        .post_raw(
            "/form/notifications/",
            &[("csrf_token", &csrf), (&digest, "over"), (&over, "0")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("give a number from 1 to 10000"),
        "{}",
        bad.body
    );
    assert!(
        bad.body.contains("<option value=\"over\" selected>"),
        "typed kept"
    );
    assert!(
        !bad.body.contains("name=\"assigned\" value=\"yes\" checked"),
        "the unticked box stays unticked"
    );
    let stored = app.db.notification_choices("ana").await.unwrap();
    assert!(
        stored.assigned && stored.digests.is_empty(),
        "nothing stored"
    );

    let csrf = app.csrf.clone().unwrap();
    let ok = app
        .post_raw(
            "/form/notifications/",
            &[("csrf_token", &csrf), (&digest, "over"), (&over, "25")],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let stored = app.db.notification_choices("ana").await.unwrap();
    assert!(!stored.assigned);
    assert_eq!(
        stored.digests,
        vec![(id.parse().unwrap(), Frequency::Over(25))]
    );
    let page = app.get("/form/notifications/?saved=1").await;
    assert!(page.body.contains("Your choices are saved."));
    assert!(page.body.contains("<option value=\"over\" selected>"));
    assert!(page.body.contains("value=\"25\""));
    assert!(
        !page
            .body
            .contains("name=\"assigned\" value=\"yes\" checked")
    );
}
crt_persistence::per_backend!(notification_choices, url);

/// The owner of a shared search sets its automatic action: a bad one is
/// refused, "on" without a preview only shows the preview, and the
/// preview's own form switches it on; CSRF is checked.
async fn an_automatic_action(url: String) {
    let mut app = spawn_with(&url, &[]).await;
    sign_in_new_staff(&mut app, "ana", "a long enough password").await;
    app.get("/form/view/").await;
    let csrf = app.csrf.clone().unwrap();
    app.post_raw(
        "/form/saved-searches/",
        &[
            ("csrf_token", &csrf),
            ("name", "Copies"),
            ("query", "assigned_section=VOT&status=new"),
            ("share", "VOT"),
        ],
    )
    .await;
    let list = app.get("/form/saved-searches/").await;
    let code = list.body.split("/form/s/").nth(1).unwrap();
    let code: String = code.chars().take(8).collect();
    assert!(
        list.body
            .contains("Set up<span class=\"usa-sr-only\"> an action for Copies")
    );
    let path = format!("/form/saved-searches/{code}/action/");
    let page = app.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("never touches a report on litigation hold")
    );

    let forged = app
        .post_raw(&path, &[("csrf_token", "x"), ("step", "off")])
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let csrf = app.csrf.clone().unwrap();
    let bad = app
        .post_raw(
            &path,
            &[
                ("csrf_token", &csrf),
                ("step", "preview"),
                ("action", "close"),
                ("comment", " "),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Give the comment"));
    let unseen = app
        .post_raw(
            &path,
            &[
                ("csrf_token", &csrf),
                ("step", "on"),
                ("action", "move"),
                ("section", "CRM"),
            ],
        )
        .await;
    assert_eq!(unseen.status, StatusCode::OK);
    assert!(
        unseen
            .body
            .contains("What it would have done in the last 30 days")
    );
    assert!(unseen.body.contains("Move to CRM"));
    assert!(
        app.get("/form/saved-searches/")
            .await
            .body
            .contains("<td>None")
    );
    let on = app
        .post_raw(
            &path,
            &[
                ("csrf_token", &csrf),
                ("step", "on"),
                ("previewed", "yes"),
                ("action", "move"),
                ("section", "CRM"),
            ],
        )
        .await;
    assert_eq!(on.status, StatusCode::SEE_OTHER);
    assert!(
        app.get("/form/saved-searches/")
            .await
            .body
            .contains("Moves new reports to CRM")
    );
    assert!(app.get(&path).await.body.contains("On: Move to CRM"));
    let off = app
        .post_raw(&path, &[("csrf_token", &csrf), ("step", "off")])
        .await;
    assert_eq!(off.status, StatusCode::SEE_OTHER);
    assert!(
        app.get("/form/saved-searches/")
            .await
            .body
            .contains("<td>None")
    );
}
crt_persistence::per_backend!(an_automatic_action, url);
