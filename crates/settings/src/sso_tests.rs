//! Single sign-on's settings: where it is on, what it then requires, and
//! how addresses, claims, groups and the CA bundle are read.

use crate::{Environment, tests::read};

const KEY: &str = "a-secret-key-long-enough-for-a-deployed-environment-1234";

fn stage(extra: &[(&str, &str)]) -> Vec<(&'static str, String)> {
    let mut v: Vec<(&'static str, String)> = vec![
        ("ENV", "STAGE".into()),
        ("SECRET_KEY", KEY.into()),
        ("SITE_URL", "https://portal.example.gov".into()),
        ("AUTH_SSO_ENVIRONMENTS", "PRODUCTION,STAGE".into()),
    ];
    for (k, val) in extra {
        let k: &'static str = Box::leak(k.to_string().into_boxed_str());
        v.retain(|(n, _)| *n != k);
        v.push((k, (*val).to_owned()));
    }
    v
}

fn get(pairs: &[(&'static str, String)]) -> Result<crate::Settings, crate::SettingsError> {
    let refs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    read(&refs)
}

const PROVIDER: &[(&str, &str)] = &[
    ("AUTH_SERVER", "https://login.example.gov/adfs"),
    ("AUTH_CLIENT_ID", "crt-portal"),
    ("AUTH_PORTAL_GROUPS", "crt-staff, crt-intake"),
];

#[test]
fn on_where_listed_and_then_the_provider_is_required() {
    // The default list holds STAGE: with no provider, the server
    // refuses to start, naming the first missing variable.
    let mut unset = stage(&[]);
    unset.retain(|(k, _)| *k != "AUTH_SSO_ENVIRONMENTS");
    let e = crate::Settings::from_lookup(|k| {
        unset.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone())
    })
    .unwrap_err();
    assert_eq!(e.variable, "AUTH_SERVER");
    assert!(
        e.problem.contains("single sign-on is on in Stage"),
        "{}",
        e.problem
    );
    let mut pairs = stage(PROVIDER);
    pairs.retain(|(k, _)| *k != "AUTH_PORTAL_GROUPS");
    assert_eq!(get(&pairs).unwrap_err().variable, "AUTH_PORTAL_GROUPS");

    let s = get(&stage(PROVIDER)).unwrap();
    let p = s.sso.provider.as_ref().unwrap();
    assert!(s.sso.is_on() && !s.sso.allow_emergency_local);
    assert_eq!(p.issuer, "https://login.example.gov/adfs");
    assert_eq!(p.audience, "crt-portal", "the client id by default");
    assert_eq!(p.redirect_uri(), "https://portal.example.gov/auth/callback");
    assert_eq!(p.portal_groups, ["crt-staff", "crt-intake"]);
    assert_eq!(
        (p.username_claim.as_str(), p.group_claim.as_str()),
        ("email", "groups")
    );
    assert_eq!(p.scopes, ["openid", "email", "profile"]);

    // Another environment is one setting; NONE turns it off everywhere.
    let dev = get(&stage(&[("ENV", "DEVELOP")])).unwrap();
    assert!(!dev.sso.is_on());
    let mut on_dev = stage(PROVIDER);
    on_dev.push(("ENV", "DEVELOP".into()));
    on_dev.retain(|(k, v)| *k != "ENV" || v == "DEVELOP");
    on_dev.retain(|(k, _)| *k != "AUTH_SSO_ENVIRONMENTS");
    on_dev.push(("AUTH_SSO_ENVIRONMENTS", "develop, stage".into()));
    let s = get(&on_dev).unwrap();
    assert!(s.sso.is_on());
    assert_eq!(
        s.sso.environments,
        [Environment::Develop, Environment::Stage]
    );
    assert!(
        !get(&stage(&[("AUTH_SSO_ENVIRONMENTS", "none")]))
            .unwrap()
            .sso
            .is_on()
    );
    assert_eq!(
        get(&stage(&[("AUTH_SSO_ENVIRONMENTS", "STAGE,QA")]))
            .unwrap_err()
            .variable,
        "AUTH_SSO_ENVIRONMENTS"
    );
}

#[test]
fn addresses_claims_and_groups_are_checked() {
    let with = |extra: &[(&str, &str)]| {
        let mut all: Vec<(&str, &str)> = PROVIDER.to_vec();
        all.extend_from_slice(extra);
        get(&stage(&all))
    };
    // Deployed: the issuer and the portal's address are https.
    assert_eq!(
        with(&[("AUTH_SERVER", "http://login.example.gov")])
            .unwrap_err()
            .variable,
        "AUTH_SERVER"
    );
    assert_eq!(
        with(&[("AUTH_RELYING_PARTY_ID", "http://portal")])
            .unwrap_err()
            .variable,
        "AUTH_RELYING_PARTY_ID"
    );
    // A trailing slash of the issuer is kept (it must match the
    // provider's exactly); the portal's is dropped.
    let s = with(&[
        ("AUTH_SERVER", "https://login.example.gov/"),
        ("AUTH_RELYING_PARTY_ID", "https://crt.example.gov/"),
        ("AUTH_AUDIENCE", "microsoft:identityserver:crt-portal"),
        ("AUTH_USERNAME_CLAIM", "upn"),
        ("AUTH_SCOPES", "email allatclaims"),
        ("AUTH_SECTION_GROUPS", "crt-voting=VOT, crt-housing=HCE"),
        ("AUTH_CLIENT_SECRET", "very-secret"),
    ])
    .unwrap();
    let p = s.sso.provider.unwrap();
    assert_eq!(p.issuer, "https://login.example.gov/");
    assert_eq!(p.redirect_uri(), "https://crt.example.gov/auth/callback");
    assert_eq!(p.audience, "microsoft:identityserver:crt-portal");
    assert_eq!(p.username_claim, "upn");
    assert_eq!(p.scopes, ["openid", "email", "allatclaims"]);
    assert_eq!(
        p.section_groups,
        [
            ("crt-voting".into(), "VOT".into()),
            ("crt-housing".into(), "HCE".into())
        ]
    );
    assert!(
        !format!("{p:?}").contains("very-secret"),
        "the secret is not printed"
    );
    assert_eq!(
        with(&[("AUTH_SECTION_GROUPS", "crt-voting")])
            .unwrap_err()
            .variable,
        "AUTH_SECTION_GROUPS"
    );
    assert_eq!(
        with(&[("AUTH_PORTAL_GROUPS", " , ")]).unwrap_err().variable,
        "AUTH_PORTAL_GROUPS"
    );
    assert_eq!(
        with(&[("AUTH_ALLOW_EMERGENCY_LOCAL", "maybe")])
            .unwrap_err()
            .variable,
        "AUTH_ALLOW_EMERGENCY_LOCAL"
    );
}

#[test]
fn the_ca_bundle_is_a_file_or_the_pem_itself() {
    let pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    let dir = std::env::temp_dir().join(format!("crt-ca-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("ca_bundle.pem");
    std::fs::write(&file, pem).unwrap();
    let path = file.display().to_string();
    let with = |v: &str| {
        let mut all: Vec<(&str, &str)> = PROVIDER.to_vec();
        all.push(("AUTH_CA_BUNDLE", v));
        get(&stage(&all))
    };
    let b = with(&path)
        .unwrap()
        .sso
        .provider
        .unwrap()
        .ca_bundle
        .unwrap();
    assert_eq!(
        (b.source.as_str(), b.pem.as_slice()),
        (path.as_str(), pem.as_bytes())
    );
    let b = with(pem).unwrap().sso.provider.unwrap().ca_bundle.unwrap();
    assert_eq!(
        b.source, "AUTH_CA_BUNDLE",
        "the PEM text from a bound service"
    );
    let missing = with("/nonexistent/ca_bundle.pem").unwrap_err();
    assert!(
        missing.problem.contains("cannot be read"),
        "{}",
        missing.problem
    );
    std::fs::write(&file, "not a certificate").unwrap();
    assert!(
        with(&path)
            .unwrap_err()
            .problem
            .contains("no PEM certificate")
    );
    let _ = std::fs::remove_dir_all(dir);
}
