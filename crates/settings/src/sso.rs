//! Single sign-on's settings (`AUTH_*`). `AUTH_SSO_ENVIRONMENTS` says where
//! it is on; where it is on, the provider's settings are required and
//! checked here, so a mistake stops the server at start with the
//! variable's name rather than at a staff member's first sign-in.

use crate::{
    Environment, Secret, SettingsError,
    env::{Lookup, parse_bool, problem},
};

/// Single sign-on, as this environment has it.
#[derive(Clone, Debug)]
pub struct SsoSettings {
    /// `AUTH_SSO_ENVIRONMENTS`: where single sign-on is on.
    pub environments: Vec<Environment>,
    /// The provider, when single sign-on is on in this environment.
    pub provider: Option<OidcSettings>,
    /// `AUTH_ALLOW_EMERGENCY_LOCAL`: accounts marked emergency-local may
    /// still sign in with a password where single sign-on is on.
    pub allow_emergency_local: bool,
    /// `AUTH_ACCESS_CONTACT`: whom staff without access should ask.
    pub access_contact: String,
}

impl SsoSettings {
    /// Whether single sign-on is on in this environment.
    pub fn is_on(&self) -> bool {
        self.provider.is_some()
    }
}

/// An OpenID Connect provider and this portal's registration with it.
#[derive(Clone, Debug)]
pub struct OidcSettings {
    /// `AUTH_SERVER`: the issuer (discovery is at
    /// `{issuer}/.well-known/openid-configuration`).
    pub issuer: String,
    /// `AUTH_CLIENT_ID`.
    pub client_id: String,
    /// `AUTH_CLIENT_SECRET`, when the provider gives the portal one.
    pub client_secret: Option<Secret>,
    /// `AUTH_AUDIENCE`: what the ID token's `aud` must contain (default:
    /// the client id).
    pub audience: String,
    /// `AUTH_RELYING_PARTY_ID`: the portal's address as registered with
    /// the provider (default: `SITE_URL`), without a trailing slash.
    pub relying_party: String,
    /// `AUTH_USERNAME_CLAIM` (default `email`).
    pub username_claim: String,
    /// `AUTH_GROUP_CLAIM` (default `groups`).
    pub group_claim: String,
    /// `AUTH_SCOPES` (always with `openid`).
    pub scopes: Vec<String>,
    /// `AUTH_PORTAL_GROUPS`: one of these grants portal access.
    pub portal_groups: Vec<String>,
    /// `AUTH_SECTION_GROUPS`: `group=SECTION` pairs, in order (the section
    /// codes are checked at start by the server).
    pub section_groups: Vec<(String, String)>,
    /// `AUTH_CA_BUNDLE`: extra CA certificates (PEM) trusted for the
    /// provider's TLS only, and where they came from.
    pub ca_bundle: Option<CaBundle>,
}

impl OidcSettings {
    /// The redirect URI to register with the provider.
    pub fn redirect_uri(&self) -> String {
        format!("{}/auth/callback", self.relying_party)
    }
}

/// CA certificates for the provider's TLS.
#[derive(Clone, Debug)]
pub struct CaBundle {
    /// The file it was read from, or "AUTH_CA_BUNDLE" when the value was
    /// the PEM text itself (a bound service's credential).
    pub source: String,
    /// The PEM text.
    pub pem: Vec<u8>,
}

fn list(v: &str) -> Vec<String> {
    v.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn url(v: &str, deployed: bool, what: &str) -> Result<String, String> {
    let v = v.trim().trim_end_matches('/');
    let ok = v.starts_with("https://") || (!deployed && v.starts_with("http://"));
    if ok && v.len() > "https://".len() && !v.contains(['?', '#', ' ']) {
        Ok(v.to_owned())
    } else if deployed {
        Err(format!(
            "{v:?} must be an https:// address when deployed ({what})"
        ))
    } else {
        Err(format!(
            "{v:?} must be an https:// or http:// address ({what})"
        ))
    }
}

pub(crate) fn read(
    lookup: &Lookup<'_>,
    environment: Environment,
    site_url: &str,
) -> Result<SsoSettings, SettingsError> {
    let environments = lookup.required_var("AUTH_SSO_ENVIRONMENTS", |v| {
        if v.trim().eq_ignore_ascii_case("none") {
            return Ok(Vec::new());
        }
        list(v)
            .iter()
            .map(|e| Environment::parse(e))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| format!("{e} (a comma-separated list, or NONE)"))
    })?;
    let allow_emergency_local = lookup.required_var("AUTH_ALLOW_EMERGENCY_LOCAL", parse_bool)?;
    let access_contact = lookup.required_var("AUTH_ACCESS_CONTACT", |v| Ok(v.trim().to_owned()))?;
    let provider = if environments.contains(&environment) {
        Some(provider(lookup, environment, site_url)?)
    } else {
        None
    };
    Ok(SsoSettings {
        environments,
        provider,
        allow_emergency_local,
        access_contact,
    })
}

fn provider(
    lookup: &Lookup<'_>,
    environment: Environment,
    site_url: &str,
) -> Result<OidcSettings, SettingsError> {
    let deployed = environment.is_deployed();
    let on = format!("single sign-on is on in {environment:?} (AUTH_SSO_ENVIRONMENTS)");
    let needed = |name: &'static str, what: &str| {
        lookup
            .get(name)
            .map(|v| v.trim().to_owned())
            .ok_or_else(|| problem(name, format!("is required: {on}; it is {what}")))
    };
    let issuer = needed(
        "AUTH_SERVER",
        "the identity provider's issuer address, from the identity team",
    )?;
    // Checked like any address, but kept as given: the ID token's `iss`
    // must match it exactly, trailing slash and all.
    url(&issuer, deployed, "the issuer").map_err(|p| problem("AUTH_SERVER", p))?;
    let client_id = needed("AUTH_CLIENT_ID", "the portal's client id at the provider")?;
    let portal_groups = list(&needed(
        "AUTH_PORTAL_GROUPS",
        "the provider's groups whose members may use the staff view (comma-separated)",
    )?);
    if portal_groups.is_empty() {
        return Err(problem(
            "AUTH_PORTAL_GROUPS",
            "lists no group: name at least one group whose members may use the staff view",
        ));
    }
    let relying_party = lookup
        .get("AUTH_RELYING_PARTY_ID")
        .unwrap_or_else(|| site_url.to_owned());
    let relying_party = url(&relying_party, deployed, "the portal's registered address")
        .map_err(|p| problem("AUTH_RELYING_PARTY_ID", p))?;
    let section_groups = lookup
        .var("AUTH_SECTION_GROUPS", |v| {
            list(v)
                .iter()
                .map(|pair| match pair.split_once('=') {
                    Some((g, s)) if !g.trim().is_empty() && !s.trim().is_empty() => {
                        Ok((g.trim().to_owned(), s.trim().to_owned()))
                    }
                    _ => Err(format!(
                        "{pair:?} is not group=SECTION (e.g. crt-housing=HCE,crt-voting=VOT)"
                    )),
                })
                .collect::<Result<Vec<_>, _>>()
        })?
        .unwrap_or_default();
    let mut scopes = lookup.required_var("AUTH_SCOPES", |v| {
        Ok(v.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
    })?;
    if !scopes.iter().any(|s| s == "openid") {
        scopes.insert(0, "openid".to_owned());
    }
    let claim = |name: &'static str| {
        lookup.required_var(name, |v| {
            let v = v.trim();
            if v.is_empty() {
                Err("names no claim".to_owned())
            } else {
                Ok(v.to_owned())
            }
        })
    };
    Ok(OidcSettings {
        audience: lookup
            .get("AUTH_AUDIENCE")
            .map(|a| a.trim().to_owned())
            .unwrap_or_else(|| client_id.clone()),
        client_secret: lookup
            .get("AUTH_CLIENT_SECRET")
            .map(|s| Secret(s.trim().to_owned())),
        issuer,
        client_id,
        relying_party,
        username_claim: claim("AUTH_USERNAME_CLAIM")?,
        group_claim: claim("AUTH_GROUP_CLAIM")?,
        scopes,
        portal_groups,
        section_groups,
        ca_bundle: ca_bundle(lookup)?,
    })
}

fn ca_bundle(lookup: &Lookup<'_>) -> Result<Option<CaBundle>, SettingsError> {
    let Some(v) = lookup.get("AUTH_CA_BUNDLE") else {
        return Ok(None);
    };
    let (source, pem) = if v.trim_start().starts_with("-----BEGIN") {
        ("AUTH_CA_BUNDLE".to_owned(), v.into_bytes())
    } else {
        let path = v.trim();
        let pem = std::fs::read(path).map_err(|e| {
            problem(
                "AUTH_CA_BUNDLE",
                format!("{path:?} cannot be read ({e}): give the path of a PEM file of CA certificates, or the PEM text"),
            )
        })?;
        (path.to_owned(), pem)
    };
    if !String::from_utf8_lossy(&pem).contains("-----BEGIN CERTIFICATE-----") {
        return Err(problem(
            "AUTH_CA_BUNDLE",
            format!("{source:?} holds no PEM certificate (-----BEGIN CERTIFICATE-----)"),
        ));
    }
    Ok(Some(CaBundle { source, pem }))
}

#[cfg(test)]
mod tests {
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
}
