//! Single sign-on's rules over the real repositories, on each backend: a
//! sign-in in progress is used once and only by the browser that started
//! it, groups decide access at every sign-in, a refused sign-in leaves no
//! session, and password sign-in follows the environment's policy. The
//! provider here answers with a scripted identity (the provider adapter's
//! own checks are tested against a real HTTP provider in crt-web).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;

use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use common::at;
use crt_domain::{
    accounts::{NewUser, hash_password},
    ports::{
        AuthorizationRequest, Clock, FixedClock, Identity, IdentityProvider, ProviderError,
        SsoFlowRepository, UserRepository,
    },
    report::Section,
    service::{
        GroupPolicy, PasswordSignIn, ProviderAnswer, SignIn, SignInError, SingleSignOn, SsoError,
    },
};
use crt_persistence::{
    per_backend,
    testing::{TestDb, count_rows},
};

/// A provider that issues numbered requests and answers every code with
/// the identity it holds, checking the verifier and nonce it was given.
struct Scripted {
    identity: Mutex<Identity>,
    issued: Mutex<u32>,
    redeemed: Mutex<Vec<(String, String, String)>>,
}

#[async_trait]
impl IdentityProvider for Scripted {
    async fn authorization_request(&self) -> Result<AuthorizationRequest, ProviderError> {
        let mut n = self.issued.lock().unwrap();
        *n += 1;
        Ok(AuthorizationRequest {
            url: format!("https://idp.example/authorize?state=state-{n}"),
            state: format!("state-{n}"),
            nonce: format!("nonce-{n}"),
            pkce_verifier: format!("verifier-{n}"),
        })
    }

    async fn redeem(
        &self,
        code: &str,
        pkce_verifier: &str,
        nonce: &str,
    ) -> Result<Identity, ProviderError> {
        self.redeemed
            .lock()
            .unwrap()
            .push((code.into(), pkce_verifier.into(), nonce.into()));
        Ok(self.identity.lock().unwrap().clone())
    }

    async fn logout_url(&self, id_token_hint: &str, post_logout_redirect: &str) -> Option<String> {
        Some(format!(
            "https://idp.example/logout?hint={id_token_hint}&then={post_logout_redirect}"
        ))
    }
}

fn identity(email: &str, groups: &[&str]) -> Identity {
    Identity {
        issuer: "https://idp.example".into(),
        subject: format!("sub-{email}"),
        username: Some(email.into()),
        email: Some(email.into()),
        name: Some(format!("Name of {email}")),
        groups: Some(groups.iter().map(|g| (*g).to_owned()).collect()),
        id_token: format!("id-token-of-{email}"),
    }
}

fn answer<'a>(state: &'a str, code: &'a str) -> ProviderAnswer<'a> {
    ProviderAnswer {
        state,
        code: Some(code),
        error: None,
    }
}

async fn single_sign_on_rules(t: TestDb) {
    let provider = Arc::new(Scripted {
        identity: Mutex::new(identity("ana@example.gov", &["crt-staff", "crt-housing"])),
        issued: Mutex::new(0),
        redeemed: Mutex::new(Vec::new()),
    });
    let db = Arc::new(t.db.clone());
    let clock: Arc<dyn Clock> = Arc::new(FixedClock(at(25, 12)));
    let sso = SingleSignOn {
        provider: provider.clone(),
        flows: db.clone(),
        users: db.clone(),
        sessions: db.clone(),
        clock: clock.clone(),
        policy: GroupPolicy {
            portal_groups: vec!["crt-staff".into()],
            section_groups: vec![("crt-housing".into(), Section::HousingAndCivilEnforcement)],
        },
    };
    let b = t.backend;

    // A first sign-in creates the account, with its groups and section.
    let started = sso.start("/form/view/?status=new").await.unwrap();
    assert_eq!(
        started.redirect_to,
        "https://idp.example/authorize?state=state-1"
    );
    let (signed_in, next) = sso
        .finish(answer("state-1", "code-1"), Some(&started.browser_token))
        .await
        .unwrap();
    assert_eq!(next, "/form/view/?status=new");
    assert_eq!(signed_in.user.username, "ana@example.gov");
    assert_eq!(
        signed_in.user.section,
        Some(Section::HousingAndCivilEnforcement),
        "{b}"
    );
    assert_eq!(signed_in.user.groups, ["crt-staff", "crt-housing"]);
    assert!(signed_in.user.portal_access);
    assert_eq!(
        provider.redeemed.lock().unwrap().last().unwrap(),
        &("code-1".into(), "verifier-1".into(), "nonce-1".into()),
        "the flow's own verifier and nonce go with its code"
    );

    // The same state again (a replay) is refused, even from the right browser.
    assert!(matches!(
        sso.finish(answer("state-1", "code-1"), Some(&started.browser_token))
            .await,
        Err(SsoError::UnknownState)
    ));
    // Another browser's answer is refused, and uses up the state.
    let other = sso.start("/form/view/").await.unwrap();
    assert!(matches!(
        sso.finish(answer("state-2", "code-2"), Some(&started.browser_token))
            .await,
        Err(SsoError::OtherBrowser)
    ));
    assert!(matches!(
        sso.finish(answer("state-2", "code-2"), Some(&other.browser_token))
            .await,
        Err(SsoError::UnknownState)
    ));
    // No cookie at all is another browser too.
    sso.start("/").await.unwrap();
    assert!(matches!(
        sso.finish(answer("state-3", "code-3"), None).await,
        Err(SsoError::OtherBrowser)
    ));
    // The provider's own refusal.
    let s4 = sso.start("/").await.unwrap();
    assert!(matches!(
        sso.finish(
            ProviderAnswer { state: "state-4", code: None, error: Some("access_denied") },
            Some(&s4.browser_token)
        )
        .await,
        Err(SsoError::ProviderSaid(e)) if e == "access_denied"
    ));
    // Too slow: expired after ten minutes.
    let s5 = sso.start("/").await.unwrap();
    let later = SingleSignOn {
        clock: Arc::new(FixedClock(at(25, 12) + chrono::Duration::minutes(11))),
        ..sso.clone()
    };
    assert!(matches!(
        later
            .finish(answer("state-5", "code-5"), Some(&s5.browser_token))
            .await,
        Err(SsoError::Expired)
    ));
    assert_eq!(
        provider.redeemed.lock().unwrap().len(),
        1,
        "no refused flow reached the provider"
    );

    // Groups are refreshed at every sign-in: out of the portal group, out
    // of the portal, with no new session; the section stays.
    let sessions_before = count_rows(&t.db, "staff_session").await;
    *provider.identity.lock().unwrap() = identity("ana@example.gov", &["crt-voting"]);
    let s6 = sso.start("/").await.unwrap();
    match sso
        .finish(answer("state-6", "code-6"), Some(&s6.browser_token))
        .await
    {
        Err(SsoError::NoPortalGroup { username, groups }) => {
            assert_eq!(username, "ana@example.gov");
            assert_eq!(groups, ["crt-voting"]);
        }
        other => panic!("{b}: {other:?}"),
    }
    assert_eq!(
        count_rows(&t.db, "staff_session").await,
        sessions_before,
        "{b}: no session"
    );
    let (ana, _) = db.user_with_hash("ana@example.gov").await.unwrap();
    assert!(!ana.portal_access);
    assert_eq!(ana.groups, ["crt-voting"]);
    assert_eq!(
        ana.section,
        Some(Section::HousingAndCivilEnforcement),
        "the section is only set for a new account"
    );
    // The session made while ana was in the group now finds no access.
    let sessions = SignIn {
        users: db.clone(),
        sessions: db.clone(),
        clock: clock.clone(),
        passwords: PasswordSignIn::Off,
    };
    let still = sessions
        .session_user(&signed_in.token)
        .await
        .unwrap()
        .unwrap();
    assert!(!still.portal_access, "{b}: the staff guard refuses it");

    // A deactivated account stays out whatever its groups.
    *provider.identity.lock().unwrap() = identity("ana@example.gov", &["crt-staff"]);
    db.set_active("ana@example.gov", false).await.unwrap();
    let s7 = sso.start("/").await.unwrap();
    assert!(matches!(
        sso.finish(answer("state-7", "code-7"), Some(&s7.browser_token))
            .await,
        Err(SsoError::Inactive { .. })
    ));
    // A username claim that is not a username.
    *provider.identity.lock().unwrap() = Identity {
        username: Some("not a username!".into()),
        ..identity("x@example.gov", &["crt-staff"])
    };
    let s8 = sso.start("/").await.unwrap();
    assert!(matches!(
        sso.finish(answer("state-8", "code-8"), Some(&s8.browser_token))
            .await,
        Err(SsoError::NoUsername(_))
    ));

    // Unfinished sign-ins are purged once expired.
    sso.start("/").await.unwrap();
    assert_eq!(db.purge_expired_flows(at(25, 12)).await.unwrap(), 0);
    assert_eq!(
        db.purge_expired_flows(at(25, 13)).await.unwrap(),
        1,
        "{b}: the one started and never finished"
    );
}
per_backend!(single_sign_on_rules);

async fn password_sign_in_follows_the_policy(t: TestDb) {
    let db = Arc::new(t.db.clone());
    for (name, emergency) in [("ops-break-glass", true), ("ana", false)] {
        db.create_user(
            &NewUser {
                username: name.into(),
                email: None,
                display_name: name.into(),
                portal_access: true,
                section: None,
                password_hash: Some(hash_password("a long enough password").unwrap()),
                emergency_local: emergency,
            },
            at(25, 8),
        )
        .await
        .unwrap();
    }
    let with = |passwords| SignIn {
        users: db.clone(),
        sessions: db.clone(),
        clock: Arc::new(FixedClock(at(25, 12))),
        passwords,
    };
    let ip = Some("10.0.0.9".parse().unwrap());
    let pw = "a long enough password";
    // Single sign-on off: everyone with a password.
    let any = with(PasswordSignIn::Any);
    assert!(!any.sign_in("ana", pw, ip).await.unwrap().emergency);
    // On, with emergency-local allowed: only the marked account, and the
    // refusal of the other does not say the password was right.
    let emergency = with(PasswordSignIn::EmergencyLocalOnly);
    assert!(
        emergency
            .sign_in("ops-break-glass", pw, ip)
            .await
            .unwrap()
            .emergency
    );
    assert!(matches!(
        emergency.sign_in("ana", pw, ip).await,
        Err(SignInError::BadCredentials)
    ));
    // On, without: nobody, and nothing counted against the address.
    let before = count_rows(&t.db, "login_attempt").await;
    let off = with(PasswordSignIn::Off);
    for user in ["ops-break-glass", "ana"] {
        assert!(matches!(
            off.sign_in(user, pw, ip).await,
            Err(SignInError::PasswordsOff)
        ));
    }
    assert_eq!(
        count_rows(&t.db, "login_attempt").await,
        before,
        "{}",
        t.backend
    );
}
per_backend!(password_sign_in_follows_the_policy);
