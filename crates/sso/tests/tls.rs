//! `AUTH_CA_BUNDLE`: a provider whose certificate no system root trusts is
//! reachable with its CA in the bundle, and refused without it or with
//! another CA, over real TLS on loopback.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use crt_domain::ports::{IdentityProvider, ProviderError};
use crt_sso::{
    OidcConfig, OidcProvider,
    testing::{CLIENT_ID, TEST_CA, TestProvider},
};

fn config(issuer: &str) -> OidcConfig {
    OidcConfig {
        issuer: issuer.to_owned(),
        client_id: CLIENT_ID.to_owned(),
        client_secret: None,
        audience: CLIENT_ID.to_owned(),
        redirect_uri: "https://portal.test/auth/callback".to_owned(),
        username_claim: "email".to_owned(),
        group_claim: "groups".to_owned(),
        scopes: vec!["openid".to_owned()],
    }
}

async fn refused(bundle: Option<&[u8]>, issuer: &str) -> String {
    let client = OidcProvider::new(config(issuer), bundle).unwrap();
    match client.probe().await {
        Err(ProviderError::Unreachable(why)) => why,
        other => panic!("the provider should not be trusted: {other:?}"),
    }
}

#[tokio::test]
async fn the_ca_bundle_is_what_makes_the_provider_trusted() {
    let provider = TestProvider::start_tls().await;
    assert!(provider.issuer.starts_with("https://127.0.0.1:"));

    let trusted = OidcProvider::new(config(&provider.issuer), Some(TEST_CA.as_bytes())).unwrap();
    let probe = trusted.probe().await.unwrap();
    assert_eq!(probe.issuer, provider.issuer);
    assert_eq!(probe.keys, 1);
    let request = trusted.authorization_request().await.unwrap();
    assert!(
        request
            .url
            .starts_with(&format!("{}/authorize?", provider.issuer))
    );

    let without = refused(None, &provider.issuer).await;
    assert!(
        without.contains("certificate"),
        "the reason names the certificate: {without}"
    );
    let other = refused(Some(include_bytes!("other-ca.pem")), &provider.issuer).await;
    assert!(other.contains("certificate"), "{other}");

    assert!(
        OidcProvider::new(config(&provider.issuer), Some(b"no pem here")).is_err(),
        "a bundle without a certificate stops the start"
    );
}
