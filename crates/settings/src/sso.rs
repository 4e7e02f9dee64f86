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
#[path = "sso_tests.rs"]
mod tests;
