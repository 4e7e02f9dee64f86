//! The composition root's conversions: each adapter's own configuration
//! built from [`Settings`], in one place for `crt-portal` and `crt-admin`
//! (which calls these rather than repeating them).

use crt_mail::{MailBackend, MailConfig};

use crate::settings::{EmailState, Settings};

/// The e-mail adapter's configuration: the backend the settings make
/// possible (or what is missing), the recipient policy, and the address and
/// key of unsubscribe links.
pub fn mail_config(settings: &Settings) -> MailConfig {
    let m = &settings.mail;
    let backend = match &settings.email {
        EmailState::Tms => MailBackend::Tms {
            endpoint: m.tms_endpoint.clone().unwrap_or_default(),
            token: m
                .tms_token
                .as_ref()
                .map_or_else(String::new, |t| t.expose().to_owned()),
            webhook_nets: m.webhook_nets.to_string(),
        },
        EmailState::Smtp { host } => MailBackend::Smtp {
            host: host.clone(),
            port: m.smtp_port,
            from: m.from.clone(),
        },
        EmailState::Off { missing } => MailBackend::Off {
            missing: missing.iter().map(|s| (*s).to_owned()).collect(),
        },
    };
    MailConfig {
        backend,
        restrict_recipients_to: m.restrict_recipients_to.clone(),
        site_url: settings.site_url.clone(),
        unsubscribe_secret: settings.secret_key.expose().to_owned(),
    }
}

/// The hotline intake forms the settings define (the Voting hotline when
/// `INTAKE_HOTLINE_FORMS` is unset), each checked.
///
/// Errors: the first form that is wrong, or a name used twice.
pub fn hotline_forms(settings: &Settings) -> Result<Vec<crt_domain::intake::HotlineForm>, String> {
    use crt_domain::intake::{HotlineForm, default_hotline_forms};
    let Some(list) = &settings.hotline_forms else {
        return Ok(default_hotline_forms());
    };
    let mut forms: Vec<HotlineForm> = Vec::new();
    for h in list {
        let form = HotlineForm::new(
            &h.name,
            &h.title,
            &h.section,
            h.primary_complaint.as_deref(),
            h.hidden.as_deref(),
        )
        .map_err(|e| e.to_string())?;
        if forms.iter().any(|f| f.name == form.name) {
            return Err(format!("the name {:?} is used twice", form.name));
        }
        forms.push(form);
    }
    Ok(forms)
}

/// Attachments' storage and virus scanner, as the settings describe them.
///
/// Errors: a storage directory that cannot be made, S3 settings the client
/// refuses, or a `CLAMD_ADDRESS` that is not an address.
#[allow(clippy::type_complexity)] // two ports, named where they are used
pub fn attachment_adapters(
    settings: &Settings,
) -> Result<
    (
        std::sync::Arc<dyn crt_domain::ports::AttachmentStore>,
        std::sync::Arc<dyn crt_domain::ports::VirusScanner>,
    ),
    String,
> {
    use crt_settings::AttachmentStorage;
    use crt_storage::{Clamd, ClamdAddress, ObjectStorage, S3Config, StorageConfig};
    let a = &settings.attachments;
    let config = match &a.storage {
        AttachmentStorage::Local(dir) => StorageConfig::Local(dir.clone()),
        AttachmentStorage::S3 {
            bucket,
            prefix,
            region,
            endpoint,
            access_key_id,
            secret_access_key,
        } => StorageConfig::S3(S3Config {
            bucket: bucket.clone(),
            prefix: prefix.clone(),
            region: region.clone(),
            endpoint: endpoint.clone(),
            access_key_id: access_key_id.clone(),
            secret_access_key: secret_access_key.as_ref().map(|s| s.expose().to_owned()),
        }),
    };
    let store = ObjectStorage::open(&config)?;
    let address =
        ClamdAddress::parse(&a.clamd_address).map_err(|e| format!("CLAMD_ADDRESS: {e}"))?;
    let scanner = Clamd::new(address, std::time::Duration::from_secs(30));
    Ok((std::sync::Arc::new(store), std::sync::Arc::new(scanner)))
}

/// The OpenID Connect client's configuration and CA bundle, when single
/// sign-on is on in this environment.
pub fn oidc_config(settings: &Settings) -> Option<(crt_sso::OidcConfig, Option<Vec<u8>>)> {
    let p = settings.sso.provider.as_ref()?;
    Some((
        crt_sso::OidcConfig {
            issuer: p.issuer.clone(),
            client_id: p.client_id.clone(),
            client_secret: p.client_secret.as_ref().map(|s| s.expose().to_owned()),
            audience: p.audience.clone(),
            redirect_uri: p.redirect_uri(),
            username_claim: p.username_claim.clone(),
            group_claim: p.group_claim.clone(),
            scopes: p.scopes.clone(),
        },
        p.ca_bundle.as_ref().map(|b| b.pem.clone()),
    ))
}

/// Who single sign-on lets in (`AUTH_PORTAL_GROUPS`, `AUTH_SECTION_GROUPS`).
///
/// Errors: a section code in `AUTH_SECTION_GROUPS` is not a section.
pub fn group_policy(settings: &Settings) -> Result<crt_domain::service::GroupPolicy, String> {
    let Some(p) = &settings.sso.provider else {
        return Ok(Default::default());
    };
    let section_groups = p
        .section_groups
        .iter()
        .map(|(group, code)| {
            code.parse::<crt_domain::report::Section>()
                .map(|s| (group.clone(), s))
                .map_err(|_not_a_section| {
                    format!(
                        "AUTH_SECTION_GROUPS: {code:?} (for group {group:?}) is not a section code"
                    )
                })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(crt_domain::service::GroupPolicy {
        portal_groups: p.portal_groups.clone(),
        section_groups,
    })
}

/// Which password sign-ins the settings allow.
pub fn password_sign_in(settings: &Settings) -> crt_domain::service::PasswordSignIn {
    use crt_domain::service::PasswordSignIn;
    match (settings.sso.is_on(), settings.sso.allow_emergency_local) {
        (false, _) => PasswordSignIn::Any,
        (true, true) => PasswordSignIn::EmergencyLocalOnly,
        (true, false) => PasswordSignIn::Off,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(pairs: &[(&str, &str)]) -> Settings {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Settings::from_lookup(|k| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()))
            .expect("settings")
    }

    #[test]
    fn mail_config_follows_the_settings() {
        let c = mail_config(&settings(&[
            ("TMS_AUTH_TOKEN", "tok"),
            ("TMS_TARGET_ENDPOINT", "https://tms.example"),
            ("TMS_WEBHOOK_ALLOWED_CIDR_NETS", "10.0.0.0/8"),
            ("RESTRICT_EMAIL_RECIPIENTS_TO", "a@example.org"),
            ("SITE_URL", "https://portal.example/"),
        ]));
        assert_eq!(
            c.backend,
            MailBackend::Tms {
                endpoint: "https://tms.example".into(),
                token: "tok".into(),
                webhook_nets: "10.0.0.0/8".into(),
            }
        );
        assert_eq!(c.restrict_recipients_to, "a@example.org");
        assert_eq!(c.site_url, "https://portal.example");
        let c = mail_config(&settings(&[
            ("EMAIL_HOST", "127.0.0.1"),
            ("EMAIL_PORT", "2525"),
        ]));
        assert!(
            matches!(&c.backend, MailBackend::Smtp { host, port: 2525, from } if host == "127.0.0.1" && from.contains("no-reply")),
            "{c:?}"
        );
        match mail_config(&settings(&[])).backend {
            MailBackend::Off { missing } => {
                assert!(missing.iter().any(|m| m == "TMS_AUTH_TOKEN"), "{missing:?}");
            }
            other => panic!("{other:?}"),
        }
    }
}
